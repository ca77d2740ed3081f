// GB 11643-1999 identity numbers: check character, 15-to-18 conversion, parsing and masking.
#include "common/id_number.hpp"

#include <algorithm>
#include <array>

namespace gridgov {
namespace {

constexpr std::array<int, 17> kIdWeights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
constexpr std::string_view kIdCheckChars = "10X98765432";
// The standard's own example (440524188001010014) was born in 1880, so the floor is well below 1900.
constexpr int kMinBirthYear = 1800;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool AllDigits(std::string_view text) { return std::all_of(text.begin(), text.end(), IsDigit); }

// Keeps `front` leading and `back` trailing characters of `text` and masks the rest with '*'; non-ASCII
// bytes are masked wherever they are, so a cut never splits a UTF-8 sequence into something printable.
std::string MaskMiddle(std::string_view text, std::size_t front, std::size_t back) {
    std::string masked(text);
    for (std::size_t i = 0; i < masked.size(); ++i) {
        bool keep = i < front || i + back >= masked.size();
        if (!keep || static_cast<unsigned char>(masked[i]) >= 0x80) masked[i] = '*';
    }
    return masked;
}

}  // namespace

char IdNumberCheckChar(std::string_view first17) {
    if (first17.size() != kIdWeights.size() || !AllDigits(first17)) return '\0';
    int sum = 0;
    for (std::size_t i = 0; i < kIdWeights.size(); ++i) sum += (first17[i] - '0') * kIdWeights[i];
    return kIdCheckChars[sum % 11];
}

Result<IdNumberInfo> ParseIdNumber(std::string_view text) {
    std::string normalized;
    if (text.size() == 18) {
        normalized.assign(text);
        if (normalized[17] == 'x') normalized[17] = 'X';
    } else if (text.size() == 15) {
        if (!AllDigits(text)) return InvalidArgument("身份证号码应由数字组成，最后一位可为X");
        normalized.reserve(18);
        normalized.append(text.substr(0, 6)).append("19").append(text.substr(6));
        normalized.push_back(IdNumberCheckChar(normalized));
    } else {
        return InvalidArgument("身份证号码应为18位（或15位旧号码）");
    }

    std::string_view first17 = std::string_view(normalized).substr(0, 17);
    if (!AllDigits(first17) || !(IsDigit(normalized[17]) || normalized[17] == 'X')) {
        return InvalidArgument("身份证号码应由数字组成，最后一位可为X");
    }
    Result<Date> birth = ParseDate(first17.substr(6, 8));
    if (!birth.ok() || static_cast<int>(birth->year()) < kMinBirthYear) {
        return InvalidArgument("身份证号码中的出生日期无效");
    }
    char expected = IdNumberCheckChar(first17);
    if (normalized[17] != expected) return InvalidArgument(std::string("身份证号码校验位错误，应为") + expected);

    IdNumberInfo info;
    info.address_code = normalized.substr(0, 6);
    info.birth_date = *birth;
    info.male = (normalized[16] - '0') % 2 == 1;
    info.normalized = std::move(normalized);
    return info;
}

std::string MaskIdNumber(std::string_view id_number) {
    std::size_t n = id_number.size();
    return MaskMiddle(id_number, std::min<std::size_t>(6, n / 3), std::min<std::size_t>(4, n / 4));
}

std::string MaskPhone(std::string_view phone) {
    std::size_t n = phone.size();
    if (n >= 11) return MaskMiddle(phone, 3, 4);
    return MaskMiddle(phone, n / 4, n / 4);
}

bool IsMobileNumber(std::string_view phone) { return phone.size() == 11 && phone[0] == '1' && AllDigits(phone); }

}  // namespace gridgov
