// Person records: names of the enums and the validation rules of an import row or form.
#include "domain/person.hpp"

#include <array>

#include "common/id_number.hpp"
#include "domain/named.hpp"

namespace gridgov::domain {
namespace {

constexpr std::array<Named<PopulationType>, 3> kPopulationTypes{{
    {PopulationType::kResident, "resident", "户籍人口"},
    {PopulationType::kFloating, "floating", "流动人口"},
    {PopulationType::kOverseas, "overseas", "境外人员"},
}};

// The 56 nationalities in the order of GB/T 3304.
const std::vector<std::string> kEthnicities{
    "汉族",     "蒙古族",   "回族",       "藏族",     "维吾尔族",   "苗族",   "彝族",     "壮族",
    "布依族",   "朝鲜族",   "满族",       "侗族",     "瑶族",       "白族",   "土家族",   "哈尼族",
    "哈萨克族", "傣族",     "黎族",       "傈僳族",   "佤族",       "畲族",   "高山族",   "拉祜族",
    "水族",     "东乡族",   "纳西族",     "景颇族",   "柯尔克孜族", "土族",   "达斡尔族", "仫佬族",
    "羌族",     "布朗族",   "撒拉族",     "毛南族",   "仡佬族",     "锡伯族", "阿昌族",   "普米族",
    "塔吉克族", "怒族",     "乌孜别克族", "俄罗斯族", "鄂温克族",   "德昂族", "保安族",   "裕固族",
    "京族",     "塔塔尔族", "独龙族",     "鄂伦春族", "赫哲族",     "门巴族", "珞巴族",   "基诺族"};

std::string Trim(std::string_view s) {
    auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!s.empty() && space(s.front())) s.remove_prefix(1);
    while (!s.empty() && space(s.back())) s.remove_suffix(1);
    // Full-width spaces (U+3000) that Excel users type.
    while (s.starts_with("\xE3\x80\x80")) s.remove_prefix(3);
    while (s.ends_with("\xE3\x80\x80")) s.remove_suffix(3);
    return std::string(s);
}

// Counts UTF-8 characters.
std::size_t Characters(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

bool IsName(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == ' ')) return false;
            ++i;
            continue;
        }
        if (s.substr(i).starts_with("\xC2\xB7") || s.substr(i).starts_with("\xE2\x80\xA2")) {  // · •
            i += s.substr(i).starts_with("\xC2\xB7") ? 2 : 3;
            continue;
        }
        if ((c & 0xF0) != 0xE0 && (c & 0xF8) != 0xF0) return false;  // CJK is 3 (or 4) bytes in UTF-8
        i += (c & 0xF0) == 0xE0 ? 3 : 4;
    }
    return !s.empty();
}

bool IsPhone(std::string_view s) {
    if (IsMobileNumber(s)) return true;
    // Fixed line: area code 0 + 2–3 digits, optional hyphen, 7–8 digits (e.g. 0534-6222333).
    std::string digits;
    for (char c : s) {
        if (c >= '0' && c <= '9') {
            digits.push_back(c);
        } else if (c != '-') {
            return false;
        }
    }
    return digits.size() >= 10 && digits.size() <= 12 && digits[0] == '0';
}

}  // namespace

std::string_view PopulationTypeName(PopulationType t) { return NameOf(kPopulationTypes, t, false); }
std::string_view PopulationTypeNameZh(PopulationType t) { return NameOf(kPopulationTypes, t, true); }

std::optional<PopulationType> ParsePopulationType(std::string_view text) {
    if (auto t = ParseNamed(kPopulationTypes, text)) return t;
    if (text == "户籍" || text == "常住" || text == "户籍人口") return PopulationType::kResident;
    if (text == "流动" || text == "暂住") return PopulationType::kFloating;
    if (text == "境外" || text == "外籍") return PopulationType::kOverseas;
    return std::nullopt;
}

std::optional<Sex> ParseSex(std::string_view text) {
    if (text == "男" || text == "male" || text == "M" || text == "m" || text == "1") return Sex::kMale;
    if (text == "女" || text == "female" || text == "F" || text == "f" || text == "2") return Sex::kFemale;
    return std::nullopt;
}

const std::vector<std::string>& Ethnicities() { return kEthnicities; }

PersonCheck ValidatePerson(const PersonInput& in) {
    PersonCheck check;
    Person p;
    auto fail = [&](std::string field, std::string message) {
        check.errors.push_back({std::move(field), std::move(message)});
    };

    std::string id = Trim(in.id_number);
    Result<IdNumberInfo> info = ParseIdNumber(id);
    if (!info.ok()) {
        fail("id_number", id.empty() ? "公民身份号码不能为空" : info.status().message());
    } else {
        p.id_number = info->normalized;
        p.sex = info->male ? Sex::kMale : Sex::kFemale;
        p.birth_date = info->birth_date;
        p.household_registration = info->address_code;
    }

    p.name = Trim(in.name);
    if (p.name.empty()) {
        fail("name", "姓名不能为空");
    } else if (Characters(p.name) > 30 || !IsName(p.name)) {
        fail("name", "姓名应为 1 到 30 个汉字或字母（少数民族姓名可用 · 分隔）");
    }

    std::string sex = Trim(in.sex);
    if (!sex.empty()) {
        std::optional<Sex> given = ParseSex(sex);
        if (!given) {
            fail("sex", "性别应为 男 或 女");
        } else if (info.ok() && *given != p.sex) {
            fail("sex", std::string("性别与身份证号码不符（号码显示为") + (p.sex == Sex::kMale ? "男" : "女") + "）");
        }
    }
    std::string birth = Trim(in.birth_date);
    if (!birth.empty()) {
        Result<Date> given = ParseDate(birth);
        if (!given.ok()) {
            fail("birth_date", "出生日期格式应为 YYYY-MM-DD");
        } else if (info.ok() && *given != p.birth_date) {
            fail("birth_date", "出生日期与身份证号码不符（号码显示为 " + FormatDate(p.birth_date) + "）");
        }
    }

    std::string ethnicity = Trim(in.ethnicity);
    if (!ethnicity.empty()) {
        std::string full = ethnicity.ends_with("族") ? ethnicity : ethnicity + "族";
        bool known = false;
        for (const auto& e : kEthnicities) known = known || e == full;
        if (!known) {
            fail("ethnicity", "民族「" + ethnicity + "」不在 56 个民族之列");
        } else {
            p.ethnicity = full;
        }
    }

    p.phone = Trim(in.phone);
    if (!p.phone.empty() && !IsPhone(p.phone)) fail("phone", "联系电话应为 11 位手机号或带区号的固定电话");

    std::string type = Trim(in.population_type);
    if (!type.empty()) {
        std::optional<PopulationType> t = ParsePopulationType(type);
        if (!t) {
            fail("population_type", "人口类型应为 户籍、流动 或 境外");
        } else {
            p.population_type = *t;
        }
    }

    std::string registration = Trim(in.household_registration);
    if (!registration.empty()) {
        if (registration.size() < 6 || registration.find_first_not_of("0123456789") != std::string::npos) {
            fail("household_registration", "户籍地应为行政区划代码（至少 6 位数字）");
        } else {
            p.household_registration = registration;
        }
    }
    p.address = Trim(in.address);
    if (Characters(p.address) > 200) fail("address", "现住址不超过 200 个字");
    p.grid_code = Trim(in.grid_code);
    if (!p.grid_code.empty() &&
        (p.grid_code.size() != 15 || p.grid_code.find_first_not_of("0123456789") != std::string::npos)) {
        fail("grid_code", "所属网格应为 15 位网格编码");
    }

    if (check.errors.empty()) check.person = std::move(p);
    return check;
}

}  // namespace gridgov::domain
