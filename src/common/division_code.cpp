// Division-code normalisation and the code arithmetic of the province → grid hierarchy.
#include "common/division_code.hpp"

#include <algorithm>
#include <array>

namespace gridgov {
namespace {

struct LevelInfo {
    RegionLevel level;
    std::size_t length;  // length of the short-form code
    std::string_view name;
    std::string_view name_zh;
};

constexpr std::array<LevelInfo, 6> kLevels = {{
    {RegionLevel::kProvince, 2, "province", "省"},
    {RegionLevel::kCity, 4, "city", "市"},
    {RegionLevel::kCounty, 6, "county", "县"},
    {RegionLevel::kTown, 9, "town", "乡镇"},
    {RegionLevel::kVillage, 12, "village", "村"},
    {RegionLevel::kGrid, 15, "grid", "网格"},
}};

constexpr std::size_t kStatisticalLength = 12;

const LevelInfo& Info(RegionLevel level) { return kLevels[static_cast<std::size_t>(level)]; }

const LevelInfo* InfoForLength(std::size_t length) {
    for (const LevelInfo& info : kLevels) {
        if (info.length == length) return &info;
    }
    return nullptr;
}

bool AllDigits(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool AllZero(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) { return c == '0'; });
}

// The group of `code` that belongs to level index `i` (0 = province).
std::string_view Group(std::string_view code, std::size_t i) {
    std::size_t begin = i == 0 ? 0 : kLevels[i - 1].length;
    return code.substr(begin, kLevels[i].length - begin);
}

// Drops trailing all-zero groups of a code of at most 12 digits, never the province group.
std::string_view StripZeroGroups(std::string_view code) {
    const LevelInfo* info = InfoForLength(code.size());
    if (info == nullptr || code.size() > kStatisticalLength) return code;
    for (auto i = static_cast<std::size_t>(info->level); i > 0 && AllZero(Group(code, i)); --i) {
        code = code.substr(0, kLevels[i - 1].length);
    }
    return code;
}

// The 3-digit part of `code` at [begin, begin + 3) as a number, or -1 when absent or not digits.
int Part3(std::string_view code, std::size_t begin) {
    if (code.size() < begin + 3) return -1;
    std::string_view part = code.substr(begin, 3);
    if (!AllDigits(part)) return -1;
    return (part[0] - '0') * 100 + (part[1] - '0') * 10 + (part[2] - '0');
}

}  // namespace

std::size_t CodeLength(RegionLevel level) { return Info(level).length; }

Result<std::string> NormalizeDivisionCode(std::string_view text) {
    if (text.empty() || !AllDigits(text)) return InvalidArgument("区划代码只能由数字组成");
    if (InfoForLength(text.size()) == nullptr) {
        return InvalidArgument("区划代码应为2、4、6、9、12位（统计用代码为12位，网格代码为15位）");
    }
    std::string_view code = text.size() <= kStatisticalLength ? StripZeroGroups(text) : text;
    const LevelInfo& info = *InfoForLength(code.size());
    for (std::size_t i = 0; i <= static_cast<std::size_t>(info.level); ++i) {
        if (kLevels[i].level == RegionLevel::kCounty || !AllZero(Group(code, i))) continue;
        return InvalidArgument("区划代码中的" + std::string(kLevels[i].name_zh) + "级代码不能全为0");
    }
    return std::string(code);
}

Result<RegionLevel> LevelOfCode(std::string_view normalized) {
    Result<std::string> code = NormalizeDivisionCode(normalized);
    if (!code.ok()) return code.status();
    if (*code != normalized) {
        return InvalidArgument("区划代码应为去掉末尾0段的简短形式：" + *code);
    }
    return InfoForLength(code->size())->level;
}

std::string ParentCode(std::string_view normalized) {
    const LevelInfo* info = InfoForLength(normalized.size());
    if (info == nullptr || info->level == RegionLevel::kProvince || !AllDigits(normalized)) return {};
    std::size_t parent_length = kLevels[static_cast<std::size_t>(info->level) - 1].length;
    return std::string(StripZeroGroups(normalized.substr(0, parent_length)));
}

std::string StatisticalCode(std::string_view normalized) {
    std::string code(normalized);
    if (code.size() < kStatisticalLength) code.resize(kStatisticalLength, '0');
    return code;
}

bool IsInSubtree(std::string_view code, std::string_view root) {
    return !root.empty() && code.substr(0, root.size()) == root;
}

std::string_view LevelName(RegionLevel level) { return Info(level).name; }

std::string_view LevelNameZh(RegionLevel level) { return Info(level).name_zh; }

std::optional<RegionLevel> ParseLevelName(std::string_view name) {
    for (const LevelInfo& info : kLevels) {
        if (name == info.name || name == info.name_zh) return info.level;
    }
    return std::nullopt;
}

std::string_view TownKindZh(std::string_view town_code) {
    int part = Part3(town_code, 6);
    if (part >= 1 && part <= 99) return "街道";
    if (part >= 100 && part <= 199) return "镇";
    if (part >= 200 && part <= 399) return "乡";
    if (part >= 400 && part <= 599) return "其他";
    return {};
}

std::string_view VillageKindZh(std::string_view village_code) {
    int part = Part3(village_code, 9);
    if (part >= 1 && part <= 199) return "居委会";
    if (part >= 200 && part <= 399) return "村委会";
    if (part >= 400 && part <= 599) return "其他";
    return {};
}

}  // namespace gridgov
