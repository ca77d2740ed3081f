// Unified social credit codes (统一社会信用代码, GB 32100-2015) of enterprises and organisations.
#pragma once

#include <string_view>

#include "common/status.hpp"

namespace gridgov {

// Ok when `code` is 18 characters from "0123456789ABCDEFGHJKLMNPQRTUWXY" (upper case; I, O, Z, S, V never
// occur), positions 3–8 (the registering authority's division code) are digits and the 18th character is the
// check character. Otherwise InvalidArgument with a Chinese message saying what is wrong, e.g.
// "统一社会信用代码应为18位", "统一社会信用代码第5位“O”不是有效字符…", "统一社会信用代码校验位错误，应为3".
// The status has no field name.
[[nodiscard]] Status ValidateCreditCode(std::string_view code);

// The check character for the first 17 characters: alphabet[(31 − Σ value(cᵢ)·Wᵢ mod 31) mod 31] with
// W = 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28. Returns '\0' when `first17` is not 17 characters of
// the alphabet.
char CreditCodeCheckChar(std::string_view first17);

}  // namespace gridgov
