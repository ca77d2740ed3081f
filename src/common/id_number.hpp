// Citizen identity numbers (GB 11643-1999) and masking of personal numbers for display and logs.
#pragma once

#include <string>
#include <string_view>

#include "common/date.hpp"
#include "common/status.hpp"

namespace gridgov {

// What an identity number says about its holder.
struct IdNumberInfo {
    std::string normalized;    // 18 characters, check character 'X' upper-case; 15-digit numbers converted
    std::string address_code;  // the 6-digit division code of the place of first registration
    Date birth_date;
    bool male = false;  // the 3-digit sequence (17th character) is odd for men
};

// Validates an 18-character number (17 digits + check digit or X/x) or a legacy 15-digit number, which is
// converted by inserting "19" before the 2-digit year and appending the check character. Checks the shape,
// that the birth date is a real date in 1800 or later, and (for 18 characters) the check character.
// Does not check that the birth date is in the past or that the address code exists.
// InvalidArgument with a Chinese message: "身份证号码应为18位（或15位旧号码）", "身份证号码应由数字组成，
// 最后一位可为X", "身份证号码中的出生日期无效", "身份证号码校验位错误，应为X". The status has no field name.
[[nodiscard]] Result<IdNumberInfo> ParseIdNumber(std::string_view text);

// The check character ('0'–'9' or 'X') for the first 17 characters of an 18-character number:
// "10X98765432"[Σ aᵢ·Wᵢ mod 11] with W = 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2.
// Returns '\0' when `first17` is not exactly 17 ASCII digits.
char IdNumberCheckChar(std::string_view first17);

// An identity number for display: for 18 characters the first 6 and last 4 are kept, the rest become '*'
// ("371423********123X"). Other lengths keep at most ⌊n/3⌋ (≤ 6) leading and ⌊n/4⌋ (≤ 4) trailing characters,
// so a 15-digit number hides its birth date. Non-ASCII bytes are always masked. "" stays "".
std::string MaskIdNumber(std::string_view id_number);

// A phone number for display: 11 or more characters keep the first 3 and last 4 ("138****5678"); shorter ones
// keep ⌊n/4⌋ at each end. Non-ASCII bytes are always masked.
std::string MaskPhone(std::string_view phone);

// True for a mainland mobile number: exactly 11 ASCII digits starting with '1'. No spaces, no "+86".
bool IsMobileNumber(std::string_view phone);

}  // namespace gridgov
