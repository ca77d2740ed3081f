// Tests for division-code normalisation, levels, parents, subtrees and kinds.
#include "common/division_code.hpp"

#include <gtest/gtest.h>

namespace gridgov {
namespace {

std::string Normalized(std::string_view text) {
    Result<std::string> code = NormalizeDivisionCode(text);
    EXPECT_TRUE(code.ok()) << text << ": " << code.status().ToString();
    return code.ok() ? *code : std::string("<error>");
}

TEST(NormalizeDivisionCodeTest, ShortFormsAreKept) {
    EXPECT_EQ(Normalized("37"), "37");
    EXPECT_EQ(Normalized("3714"), "3714");
    EXPECT_EQ(Normalized("371423"), "371423");
    EXPECT_EQ(Normalized("371423100"), "371423100");
    EXPECT_EQ(Normalized("371423100201"), "371423100201");
    EXPECT_EQ(Normalized("371423100201001"), "371423100201001");
}

TEST(NormalizeDivisionCodeTest, PaddedStatisticalFormsAreShortened) {
    EXPECT_EQ(Normalized("371423000000"), "371423");
    EXPECT_EQ(Normalized("371423100000"), "371423100");
    EXPECT_EQ(Normalized("370000000000"), "37");
    EXPECT_EQ(Normalized("371400000000"), "3714");
    EXPECT_EQ(Normalized("370000"), "37");
    EXPECT_EQ(Normalized("371400"), "3714");
    EXPECT_EQ(Normalized("3700"), "37");
    EXPECT_EQ(Normalized("371423000"), "371423");
}

TEST(NormalizeDivisionCodeTest, VillageCodesInTheTwoHundredsKeepTheirZeros) {
    EXPECT_EQ(Normalized("522632210200"), "522632210200");  // a real 村委会 numbered 200
    EXPECT_EQ(Normalized("110105020400"), "110105020400");
}

TEST(NormalizeDivisionCodeTest, CountyGroupMayBeZeroInside) {
    // 东莞市 has no counties: its towns hang directly under the city, with county group 00.
    EXPECT_EQ(Normalized("441900003000"), "441900003");
    EXPECT_EQ(Normalized("441900003001"), "441900003001");
    EXPECT_EQ(Normalized("441900000000"), "4419");
    EXPECT_EQ(Normalized("441900"), "4419");
}

TEST(NormalizeDivisionCodeTest, RejectsNonDigits) {
    for (const char* text : {"", "37142a", "371423 ", "-37142", "３７"}) {
        Result<std::string> code = NormalizeDivisionCode(text);
        ASSERT_FALSE(code.ok()) << text;
        EXPECT_EQ(code.status().code(), StatusCode::kInvalidArgument);
        EXPECT_EQ(code.status().message(), "区划代码只能由数字组成") << text;
    }
}

TEST(NormalizeDivisionCodeTest, RejectsOtherLengths) {
    for (const char* text : {"3", "371", "37142", "3714231", "37142310", "3714231002", "37142310020", "3714231002010",
                             "37142310020100", "3714231002010011"}) {
        Result<std::string> code = NormalizeDivisionCode(text);
        ASSERT_FALSE(code.ok()) << text;
        EXPECT_EQ(code.status().message(), "区划代码应为2、4、6、9、12位（统计用代码为12位，网格代码为15位）") << text;
    }
}

TEST(NormalizeDivisionCodeTest, RejectsZeroGroupsThatNameNothing) {
    struct Case {
        const char* text;
        const char* message;
    };
    for (const Case& c : {
             Case{"00", "区划代码中的省级代码不能全为0"},
             Case{"000000000000", "区划代码中的省级代码不能全为0"},
             Case{"001423", "区划代码中的省级代码不能全为0"},
             Case{"370023", "区划代码中的市级代码不能全为0"},
             Case{"371423000201", "区划代码中的乡镇级代码不能全为0"},
             Case{"371423100000001", "区划代码中的村级代码不能全为0"},
             Case{"371423100201000", "区划代码中的网格级代码不能全为0"},
         }) {
        Result<std::string> code = NormalizeDivisionCode(c.text);
        ASSERT_FALSE(code.ok()) << c.text;
        EXPECT_EQ(code.status().message(), c.message) << c.text;
    }
}

TEST(LevelOfCodeTest, LengthGivesLevel) {
    EXPECT_EQ(*LevelOfCode("37"), RegionLevel::kProvince);
    EXPECT_EQ(*LevelOfCode("3714"), RegionLevel::kCity);
    EXPECT_EQ(*LevelOfCode("371423"), RegionLevel::kCounty);
    EXPECT_EQ(*LevelOfCode("371423100"), RegionLevel::kTown);
    EXPECT_EQ(*LevelOfCode("371423100201"), RegionLevel::kVillage);
    EXPECT_EQ(*LevelOfCode("371423100201001"), RegionLevel::kGrid);
    EXPECT_EQ(*LevelOfCode("441900003"), RegionLevel::kTown);
}

TEST(LevelOfCodeTest, RejectsPaddedAndInvalidCodes) {
    Result<RegionLevel> padded = LevelOfCode("371423000000");
    ASSERT_FALSE(padded.ok());
    EXPECT_EQ(padded.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(padded.status().message(), "区划代码应为去掉末尾0段的简短形式：371423");
    EXPECT_FALSE(LevelOfCode("370000").ok());
    EXPECT_FALSE(LevelOfCode("3714231").ok());
    EXPECT_FALSE(LevelOfCode("").ok());
}

TEST(ParentCodeTest, WalksUpOneLevel) {
    EXPECT_EQ(ParentCode("371423100201001"), "371423100201");
    EXPECT_EQ(ParentCode("371423100201"), "371423100");
    EXPECT_EQ(ParentCode("371423100"), "371423");
    EXPECT_EQ(ParentCode("371423"), "3714");
    EXPECT_EQ(ParentCode("3714"), "37");
    EXPECT_EQ(ParentCode("37"), "");
}

TEST(ParentCodeTest, SkipsAMissingCountyLevel) {
    EXPECT_EQ(ParentCode("441900003"), "4419");
    EXPECT_EQ(ParentCode("441900003001"), "441900003");
}

TEST(ParentCodeTest, InvalidCodesHaveNoParent) {
    EXPECT_EQ(ParentCode(""), "");
    EXPECT_EQ(ParentCode("37142"), "");
    EXPECT_EQ(ParentCode("3714ab"), "");
}

TEST(StatisticalCodeTest, PadsToTwelveDigits) {
    EXPECT_EQ(StatisticalCode("37"), "370000000000");
    EXPECT_EQ(StatisticalCode("3714"), "371400000000");
    EXPECT_EQ(StatisticalCode("371423"), "371423000000");
    EXPECT_EQ(StatisticalCode("371423100"), "371423100000");
    EXPECT_EQ(StatisticalCode("371423100201"), "371423100201");
    EXPECT_EQ(StatisticalCode("371423100201001"), "371423100201001");
    EXPECT_EQ(StatisticalCode("4419"), "441900000000");
}

TEST(StatisticalCodeTest, RoundTripsThroughNormalize) {
    for (const char* code : {"37", "3714", "371423", "371423100", "371423100201", "371423100201001", "441900003"}) {
        EXPECT_EQ(Normalized(StatisticalCode(code)), code);
    }
}

TEST(IsInSubtreeTest, PrefixMeansBelow) {
    EXPECT_TRUE(IsInSubtree("371423100201001", "371423"));
    EXPECT_TRUE(IsInSubtree("371423", "371423"));
    EXPECT_TRUE(IsInSubtree("371423100", "37"));
    EXPECT_TRUE(IsInSubtree("441900003001", "4419"));
    EXPECT_FALSE(IsInSubtree("371424100", "371423"));
    EXPECT_FALSE(IsInSubtree("3714", "371423"));  // a parent is not in its child's subtree
    EXPECT_FALSE(IsInSubtree("410425", "37"));
}

TEST(IsInSubtreeTest, EmptyRootGrantsNothing) {
    EXPECT_FALSE(IsInSubtree("371423", ""));
    EXPECT_FALSE(IsInSubtree("", ""));
}

TEST(LevelNameTest, NamesRoundTrip) {
    const RegionLevel levels[] = {RegionLevel::kProvince, RegionLevel::kCity,    RegionLevel::kCounty,
                                  RegionLevel::kTown,     RegionLevel::kVillage, RegionLevel::kGrid};
    const char* names[] = {"province", "city", "county", "town", "village", "grid"};
    const char* names_zh[] = {"省", "市", "县", "乡镇", "村", "网格"};
    const std::size_t lengths[] = {2, 4, 6, 9, 12, 15};
    for (std::size_t i = 0; i < 6; ++i) {
        EXPECT_EQ(LevelName(levels[i]), names[i]);
        EXPECT_EQ(LevelNameZh(levels[i]), names_zh[i]);
        EXPECT_EQ(CodeLength(levels[i]), lengths[i]);
        EXPECT_EQ(ParseLevelName(names[i]), levels[i]);
        EXPECT_EQ(ParseLevelName(names_zh[i]), levels[i]);
    }
    EXPECT_EQ(ParseLevelName("Province"), std::nullopt);
    EXPECT_EQ(ParseLevelName("district"), std::nullopt);
    EXPECT_EQ(ParseLevelName(""), std::nullopt);
}

TEST(TownKindZhTest, RangesOfGbT10114) {
    EXPECT_EQ(TownKindZh("371423001"), "街道");
    EXPECT_EQ(TownKindZh("371423099"), "街道");
    EXPECT_EQ(TownKindZh("371423100"), "镇");
    EXPECT_EQ(TownKindZh("371423199"), "镇");
    EXPECT_EQ(TownKindZh("371423200"), "乡");
    EXPECT_EQ(TownKindZh("371423399"), "乡");
    EXPECT_EQ(TownKindZh("371423400"), "其他");
    EXPECT_EQ(TownKindZh("371423599"), "其他");
    EXPECT_EQ(TownKindZh("371423100201001"), "镇");  // a grid's town part
    EXPECT_EQ(TownKindZh("371423600"), "");
    EXPECT_EQ(TownKindZh("371423000"), "");
    EXPECT_EQ(TownKindZh("371423"), "");
    EXPECT_EQ(TownKindZh("3714231a0"), "");
}

TEST(VillageKindZhTest, CommitteeRanges) {
    EXPECT_EQ(VillageKindZh("371423100001"), "居委会");
    EXPECT_EQ(VillageKindZh("371423100199"), "居委会");
    EXPECT_EQ(VillageKindZh("371423100200"), "村委会");
    EXPECT_EQ(VillageKindZh("371423100399"), "村委会");
    EXPECT_EQ(VillageKindZh("110108023500"), "其他");
    EXPECT_EQ(VillageKindZh("371423100201001"), "村委会");  // a grid's village part
    EXPECT_EQ(VillageKindZh("371423100000"), "");
    EXPECT_EQ(VillageKindZh("371423100600"), "");
    EXPECT_EQ(VillageKindZh("371423100"), "");
}

}  // namespace
}  // namespace gridgov
