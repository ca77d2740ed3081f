// Tests for unified social credit codes (GB 32100-2015).
#include "common/credit_code.hpp"

#include <gtest/gtest.h>

#include <string>

namespace gridgov {
namespace {

// 91350100M000100Y43, checked by hand: values × weights over the first 17 characters
//   9·1 + 1·3 + 3·9 + 5·27 + 0·19 + 1·26 + 0·16 + 0·17 + M(21)·20 + 0·29 + 0·25 + 0·13 + 1·8 + 0·24 + 0·10
//   + Y(30)·30 + 4·28 = 9 + 3 + 27 + 135 + 26 + 420 + 8 + 900 + 112 = 1640; 1640 mod 31 = 28; 31 − 28 = 3 → '3'.
constexpr const char* kGoodCode = "91350100M000100Y43";

TEST(CreditCodeCheckCharTest, MatchesHandComputation) {
    EXPECT_EQ(CreditCodeCheckChar("91350100M000100Y4"), '3');
    // Σ = 0 gives (31 − 0) mod 31 = 0 → '0'.
    EXPECT_EQ(CreditCodeCheckChar("00000000000000000"), '0');
    // Only the first character set to 1: Σ = 1·1 = 1 → 31 − 1 = 30 → 'Y', the last character of the alphabet.
    EXPECT_EQ(CreditCodeCheckChar("10000000000000000"), 'Y');
    // Only the first character set to 'A' (10): Σ = 10 → 21 → 'M'.
    EXPECT_EQ(CreditCodeCheckChar("A0000000000000000"), 'M');
}

TEST(CreditCodeCheckCharTest, RejectsBadInput) {
    EXPECT_EQ(CreditCodeCheckChar("91350100M000100Y"), '\0');
    EXPECT_EQ(CreditCodeCheckChar("91350100M000100Y43"), '\0');
    EXPECT_EQ(CreditCodeCheckChar("91350100O000100Y4"), '\0');  // letter O is not in the alphabet
}

TEST(ValidateCreditCodeTest, AcceptsValidCodes) {
    EXPECT_TRUE(ValidateCreditCode(kGoodCode).ok()) << ValidateCreditCode(kGoodCode).ToString();
    // Built with the algorithm for a 庆云县 (371423) enterprise: every check character in the alphabet can occur.
    std::string first17 = "91371423MA3C0000";
    for (char c : std::string("0123456789ABCDEFGHJKLMNPQRTUWXY")) {
        std::string code = first17 + c;
        code += CreditCodeCheckChar(code);
        EXPECT_TRUE(ValidateCreditCode(code).ok()) << code;
    }
}

TEST(ValidateCreditCodeTest, WrongCheckCharSaysTheRightOne) {
    Status status = ValidateCreditCode("91350100M000100Y44");
    EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(status.message(), "统一社会信用代码校验位错误，应为3");
}

TEST(ValidateCreditCodeTest, EverySingleCharacterChangeIsCaught) {
    const std::string alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    const std::string good = kGoodCode;
    for (std::size_t i = 0; i < good.size(); ++i) {
        std::string bad = good;
        bad[i] = alphabet[(alphabet.find(bad[i]) + 1) % alphabet.size()];
        EXPECT_FALSE(ValidateCreditCode(bad).ok()) << bad;
    }
}

TEST(ValidateCreditCodeTest, RejectsWrongLength) {
    for (const char* code : {"", "91350100M000100Y4", "91350100M000100Y433"}) {
        EXPECT_EQ(ValidateCreditCode(code).message(), "统一社会信用代码应为18位") << code;
    }
}

TEST(ValidateCreditCodeTest, RejectsCharactersOutsideTheAlphabet) {
    EXPECT_EQ(ValidateCreditCode("91350100O000100Y43").message(),
              "统一社会信用代码第9位“O”不是有效字符（不使用 I、O、Z、S、V）");
    EXPECT_EQ(ValidateCreditCode("91350100m000100Y43").message(), "统一社会信用代码第9位应为大写字母");
    EXPECT_EQ(ValidateCreditCode("91350100i000100Y43").message(),
              "统一社会信用代码第9位“i”不是有效字符（不使用 I、O、Z、S、V）");
    EXPECT_FALSE(ValidateCreditCode("91350100 000100Y43").ok());
    EXPECT_FALSE(ValidateCreditCode("9135010"
                                    "\xe4\xb8\x80"
                                    "000100Y43")
                     .ok());  // a CJK character, 3 bytes
}

TEST(ValidateCreditCodeTest, DivisionPartMustBeDigits) {
    // Letters in positions 3–8 fail even with a correct check character.
    std::string first17 = "913501A0M000100Y4";
    std::string code = first17 + CreditCodeCheckChar(first17);
    EXPECT_EQ(ValidateCreditCode(code).message(), "统一社会信用代码第3至8位（登记管理机关行政区划码）应为数字");
}

}  // namespace
}  // namespace gridgov
