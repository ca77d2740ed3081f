// GB 32100-2015 check character and validation of unified social credit codes.
#include "common/credit_code.hpp"

#include <array>
#include <string>

namespace gridgov {
namespace {

constexpr std::string_view kCreditAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr std::array<int, 17> kCreditWeights = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
constexpr std::size_t kCreditCodeLength = 18;

// The value of `c` in the 31-character alphabet, or -1 when it is not in it.
int CreditValue(char c) {
    std::size_t pos = kCreditAlphabet.find(c);
    return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

}  // namespace

char CreditCodeCheckChar(std::string_view first17) {
    if (first17.size() != kCreditWeights.size()) return '\0';
    int sum = 0;
    for (std::size_t i = 0; i < kCreditWeights.size(); ++i) {
        int value = CreditValue(first17[i]);
        if (value < 0) return '\0';
        sum += value * kCreditWeights[i];
    }
    return kCreditAlphabet[(31 - sum % 31) % 31];
}

Status ValidateCreditCode(std::string_view code) {
    if (code.size() != kCreditCodeLength) return InvalidArgument("统一社会信用代码应为18位");
    for (std::size_t i = 0; i < code.size(); ++i) {
        char c = code[i];
        if (CreditValue(c) >= 0) continue;
        std::string position = "统一社会信用代码第" + std::to_string(i + 1) + "位";
        if (c >= 'a' && c <= 'z' && CreditValue(static_cast<char>(c - 'a' + 'A')) >= 0) {
            return InvalidArgument(position + "应为大写字母");
        }
        if (static_cast<unsigned char>(c) < 0x80 && c > ' ') {
            return InvalidArgument(position + "“" + std::string(1, c) + "”不是有效字符（不使用 I、O、Z、S、V）");
        }
        return InvalidArgument(position + "不是有效字符，只能是数字或大写字母（不使用 I、O、Z、S、V）");
    }
    for (std::size_t i = 2; i < 8; ++i) {
        if (code[i] < '0' || code[i] > '9') {
            return InvalidArgument("统一社会信用代码第3至8位（登记管理机关行政区划码）应为数字");
        }
    }
    char expected = CreditCodeCheckChar(code.substr(0, 17));
    if (code[17] != expected) return InvalidArgument(std::string("统一社会信用代码校验位错误，应为") + expected);
    return Status::Ok();
}

}  // namespace gridgov
