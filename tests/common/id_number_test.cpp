// Tests for citizen identity numbers (GB 11643-1999), masking and mobile numbers.
#include "common/id_number.hpp"

#include <gtest/gtest.h>

namespace gridgov {
namespace {

using namespace std::chrono_literals;

TEST(IdNumberCheckCharTest, MatchesPublishedNumbers) {
    EXPECT_EQ(IdNumberCheckChar("11010519491231002"), 'X');
    EXPECT_EQ(IdNumberCheckChar("44052418800101001"), '4');
}

TEST(IdNumberCheckCharTest, RejectsInputThatIsNotSeventeenDigits) {
    EXPECT_EQ(IdNumberCheckChar("1101051949123100"), '\0');
    EXPECT_EQ(IdNumberCheckChar("110105194912310021"), '\0');
    EXPECT_EQ(IdNumberCheckChar("1101051949123100A"), '\0');
    EXPECT_EQ(IdNumberCheckChar(""), '\0');
}

TEST(ParseIdNumberTest, PublishedNumberWithCheckX) {
    Result<IdNumberInfo> info = ParseIdNumber("11010519491231002X");
    ASSERT_TRUE(info.ok()) << info.status().ToString();
    EXPECT_EQ(info->normalized, "11010519491231002X");
    EXPECT_EQ(info->address_code, "110105");
    EXPECT_EQ(info->birth_date, 1949y / 12 / 31);
    EXPECT_FALSE(info->male);  // sequence 002: even
}

TEST(ParseIdNumberTest, PublishedNumberBornIn1880) {
    Result<IdNumberInfo> info = ParseIdNumber("440524188001010014");
    ASSERT_TRUE(info.ok()) << info.status().ToString();
    EXPECT_EQ(info->normalized, "440524188001010014");
    EXPECT_EQ(info->address_code, "440524");
    EXPECT_EQ(info->birth_date, 1880y / 1 / 1);
    EXPECT_TRUE(info->male);  // sequence 001: odd
}

TEST(ParseIdNumberTest, LowerCaseXIsNormalised) {
    Result<IdNumberInfo> info = ParseIdNumber("11010519491231002x");
    ASSERT_TRUE(info.ok()) << info.status().ToString();
    EXPECT_EQ(info->normalized, "11010519491231002X");
}

TEST(ParseIdNumberTest, ConvertsFifteenDigitNumbers) {
    // 371423 850615 031 → 371423 19850615 031 + check.
    // digits   3  7  1  4  2  3  1  9  8  5  0  6  1  5  0  3  1
    // weights  7  9 10  5  8  4  2  1  6  3  7  9 10  5  8  4  2
    // products 21 63 10 20 16 12 2  9 48 15  0 54 10 25  0 12  2  → S = 319 = 29·11, S mod 11 = 0 → '1'.
    Result<IdNumberInfo> info = ParseIdNumber("371423850615031");
    ASSERT_TRUE(info.ok()) << info.status().ToString();
    EXPECT_EQ(info->normalized, "371423198506150311");
    EXPECT_EQ(info->address_code, "371423");
    EXPECT_EQ(info->birth_date, 1985y / 6 / 15);
    EXPECT_TRUE(info->male);  // sequence 031: odd

    // The 15-digit form of the published 11010519491231002X converts back to it.
    Result<IdNumberInfo> old = ParseIdNumber("110105491231002");
    ASSERT_TRUE(old.ok()) << old.status().ToString();
    EXPECT_EQ(old->normalized, "11010519491231002X");
    EXPECT_FALSE(old->male);
}

TEST(ParseIdNumberTest, WrongCheckCharSaysTheRightOne) {
    Result<IdNumberInfo> info = ParseIdNumber("110105194912310021");
    ASSERT_FALSE(info.ok());
    EXPECT_EQ(info.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(info.status().message(), "身份证号码校验位错误，应为X");

    Result<IdNumberInfo> other = ParseIdNumber("44052418800101001X");
    ASSERT_FALSE(other.ok());
    EXPECT_EQ(other.status().message(), "身份证号码校验位错误，应为4");
}

TEST(ParseIdNumberTest, EverySingleDigitChangeIsCaught) {
    const std::string good = "440524188001010014";
    for (std::size_t i = 0; i < 17; ++i) {
        std::string bad = good;
        bad[i] = bad[i] == '9' ? '0' : static_cast<char>(bad[i] + 1);
        EXPECT_FALSE(ParseIdNumber(bad).ok()) << bad;
    }
}

TEST(ParseIdNumberTest, RejectsWrongLengths) {
    for (const char* text : {"", "11010519491231002", "11010519491231002X1", "1101054912310", "1101054912310021"}) {
        Result<IdNumberInfo> info = ParseIdNumber(text);
        ASSERT_FALSE(info.ok()) << text;
        EXPECT_EQ(info.status().code(), StatusCode::kInvalidArgument);
        EXPECT_EQ(info.status().message(), "身份证号码应为18位（或15位旧号码）") << text;
    }
}

TEST(ParseIdNumberTest, RejectsLettersOutsideTheCheckPosition) {
    for (const char* text : {"11010519491231X02X", "A10105194912310020", "11010519491231002Y", "11010549123100X"}) {
        Result<IdNumberInfo> info = ParseIdNumber(text);
        ASSERT_FALSE(info.ok()) << text;
        EXPECT_EQ(info.status().message(), "身份证号码应由数字组成，最后一位可为X") << text;
    }
}

TEST(ParseIdNumberTest, RejectsImpossibleBirthDates) {
    // Check characters are correct for each, so only the date can be at fault.
    std::vector<std::string> bad_dates = {"1101051949023100", "1101051949130100", "1101051799123100",
                                          "1101052023022900", "1101051949120000"};
    for (std::string first16 : bad_dates) {
        std::string first17 = first16 + "2";
        std::string number = first17 + IdNumberCheckChar(first17);
        Result<IdNumberInfo> info = ParseIdNumber(number);
        ASSERT_FALSE(info.ok()) << number;
        EXPECT_EQ(info.status().message(), "身份证号码中的出生日期无效") << number;
    }
    Result<IdNumberInfo> old = ParseIdNumber("110105490230002");  // 1949-02-30
    ASSERT_FALSE(old.ok());
    EXPECT_EQ(old.status().message(), "身份证号码中的出生日期无效");
}

TEST(MaskIdNumberTest, KeepsSixAndFour) {
    EXPECT_EQ(MaskIdNumber("37142319850615123X"), "371423********123X");
    EXPECT_EQ(MaskIdNumber("440524188001010014"), "440524********0014");
}

TEST(MaskIdNumberTest, OtherLengthsHideAtLeastHalf) {
    EXPECT_EQ(MaskIdNumber("371423850615031"), "37142*******031");  // birth date hidden
    EXPECT_EQ(MaskIdNumber("12345678"), "12****78");
    EXPECT_EQ(MaskIdNumber("123"), "1**");
    EXPECT_EQ(MaskIdNumber("12"), "**");
    EXPECT_EQ(MaskIdNumber(""), "");
    EXPECT_EQ(MaskIdNumber("身份证号码"), std::string(15, '*'));  // 5 × 3 UTF-8 bytes, none kept
}

TEST(MaskPhoneTest, MobileKeepsThreeAndFour) {
    EXPECT_EQ(MaskPhone("13812345678"), "138****5678");
    EXPECT_EQ(MaskPhone("+8613812345678"), "+86*******5678");
}

TEST(MaskPhoneTest, ShortNumbersKeepAQuarterAtEachEnd) {
    EXPECT_EQ(MaskPhone("05342345678"), "053****5678");  // 11-character landline with area code
    EXPECT_EQ(MaskPhone("2345678"), "2*****8");
    EXPECT_EQ(MaskPhone("12345678"), "12****78");
    EXPECT_EQ(MaskPhone("110"), "***");
    EXPECT_EQ(MaskPhone(""), "");
}

TEST(IsMobileNumberTest, ElevenDigitsStartingWithOne) {
    EXPECT_TRUE(IsMobileNumber("13812345678"));
    EXPECT_TRUE(IsMobileNumber("19912345678"));
    EXPECT_FALSE(IsMobileNumber("23812345678"));
    EXPECT_FALSE(IsMobileNumber("1381234567"));
    EXPECT_FALSE(IsMobileNumber("138123456789"));
    EXPECT_FALSE(IsMobileNumber("138 1234 5678"));
    EXPECT_FALSE(IsMobileNumber("+8613812345678"));
    EXPECT_FALSE(IsMobileNumber("1381234567a"));
    EXPECT_FALSE(IsMobileNumber(""));
}

}  // namespace
}  // namespace gridgov
