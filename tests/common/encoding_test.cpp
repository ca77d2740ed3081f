// Encodings of user files: UTF-8 and GB18030 (what Excel writes on Chinese Windows).
#include "common/encoding.hpp"

#include <gtest/gtest.h>

namespace gridgov {
namespace {

// "庆云县" in GB18030 (GBK range): C7 EC D4 C6 CF D8.
const std::string kQingyunGbk = "\xC7\xEC\xD4\xC6\xCF\xD8";

TEST(Encoding, DetectsUtf8AndGb18030) {
    EXPECT_EQ(DetectEncoding("姓名,身份证号码\n张三,11010519491231002X\n"), TextEncoding::kUtf8);
    EXPECT_EQ(DetectEncoding("\xEF\xBB\xBF"
                             "a,b"),
              TextEncoding::kUtf8);
    EXPECT_EQ(DetectEncoding("plain ascii"), TextEncoding::kUtf8);
    EXPECT_EQ(DetectEncoding(kQingyunGbk + ",371423"), TextEncoding::kGb18030);
    // A UTF-8 character cut by the end of the sample is still UTF-8.
    std::string cut = "庆云";
    cut.pop_back();
    EXPECT_EQ(DetectEncoding(cut), TextEncoding::kUtf8);
    EXPECT_FALSE(IsValidUtf8(cut));
}

TEST(Encoding, ConvertsBothWays) {
    auto utf8 = Gb18030ToUtf8(kQingyunGbk + ",371423");
    ASSERT_TRUE(utf8.ok());
    EXPECT_EQ(*utf8, "庆云县,371423");
    auto back = Utf8ToGb18030("庆云县");
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(*back, kQingyunGbk);
    // A rare character outside GBK (U+20BB7 𠮷) survives a round trip through GB18030's four-byte form.
    auto rare = Utf8ToGb18030("𠮷");
    ASSERT_TRUE(rare.ok());
    EXPECT_EQ(rare->size(), 4u);
    EXPECT_EQ(*Gb18030ToUtf8(*rare), "𠮷");
}

TEST(Encoding, RefusesBrokenInputWithTheOffset) {
    auto bad = Gb18030ToUtf8("ab\xFF\xFF");
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.status().message().find("第 3 个字节"), std::string::npos) << bad.status().message();
    EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));      // overlong '/'
    EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));  // a surrogate
    EXPECT_EQ(Utf8ToGb18030("\xFF").status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace gridgov
