// Tests for date parsing, formatting and arithmetic.
#include "common/date.hpp"

#include <gtest/gtest.h>

namespace gridgov {
namespace {

using namespace std::chrono_literals;

TEST(ParseDateTest, AcceptsDashedAndCompactForms) {
    Result<Date> dashed = ParseDate("2026-02-24");
    ASSERT_TRUE(dashed.ok()) << dashed.status().ToString();
    EXPECT_EQ(*dashed, 2026y / 2 / 24);

    Result<Date> compact = ParseDate("19491231");
    ASSERT_TRUE(compact.ok()) << compact.status().ToString();
    EXPECT_EQ(*compact, 1949y / 12 / 31);
}

TEST(ParseDateTest, AcceptsLeapDayOnlyInLeapYears) {
    EXPECT_TRUE(ParseDate("2024-02-29").ok());
    EXPECT_TRUE(ParseDate("2000-02-29").ok());
    EXPECT_FALSE(ParseDate("1900-02-29").ok());
    EXPECT_FALSE(ParseDate("2026-02-29").ok());
}

TEST(ParseDateTest, RejectsWrongShapeWithFormatMessage) {
    for (const char* text :
         {"", "2026-2-24", "2026/02/24", "26-02-24", "2026-02-24 ", " 2026-02-24", "2026-0a-24", "2026-02-2x",
          "202602241", "2026022", "+2026-02-4", "2026-02--4", "2026-02a24", "2026a02-24"}) {
        Result<Date> date = ParseDate(text);
        ASSERT_FALSE(date.ok()) << text;
        EXPECT_EQ(date.status().code(), StatusCode::kInvalidArgument) << text;
        EXPECT_EQ(date.status().message(), "日期格式应为 YYYY-MM-DD") << text;
    }
}

TEST(ParseDateTest, RejectsDaysThatDoNotExist) {
    for (const char* text : {"2026-02-30", "2026-13-01", "2026-00-10", "2026-04-31", "2026-01-00", "20261232"}) {
        Result<Date> date = ParseDate(text);
        ASSERT_FALSE(date.ok()) << text;
        EXPECT_EQ(date.status().code(), StatusCode::kInvalidArgument);
        EXPECT_EQ(date.status().message(), std::string("日期无效：") + text);
    }
}

TEST(FormatDateTest, ZeroPadsAndRoundTrips) {
    EXPECT_EQ(FormatDate(2026y / 2 / 4), "2026-02-04");
    EXPECT_EQ(FormatDate(1880y / 1 / 1), "1880-01-01");
    EXPECT_EQ(FormatDate(*ParseDate("20251008")), "2025-10-08");
}

TEST(WeekdayTest, SundayIsZero) {
    EXPECT_EQ(Weekday(2026y / 2 / 15), 0);  // Sunday, first day of the 2026 Spring Festival holiday
    EXPECT_EQ(Weekday(2026y / 2 / 16), 1);  // Monday
    EXPECT_EQ(Weekday(2026y / 2 / 14), 6);  // Saturday
    EXPECT_EQ(Weekday(2025y / 10 / 1), 3);  // Wednesday
}

TEST(AddDaysTest, CrossesMonthsYearsAndLeapDays) {
    EXPECT_EQ(AddDays(2026y / 2 / 28, 1), 2026y / 3 / 1);
    EXPECT_EQ(AddDays(2024y / 2 / 28, 1), 2024y / 2 / 29);
    EXPECT_EQ(AddDays(2025y / 12 / 31, 1), 2026y / 1 / 1);
    EXPECT_EQ(AddDays(2026y / 1 / 1, -1), 2025y / 12 / 31);
    EXPECT_EQ(AddDays(2026y / 1 / 1, 0), 2026y / 1 / 1);
    EXPECT_EQ(AddDays(2025y / 1 / 1, 365), 2026y / 1 / 1);
}

TEST(DaysBetweenTest, SignedDifference) {
    EXPECT_EQ(DaysBetween(2026y / 2 / 12, 2026y / 2 / 24), 12);
    EXPECT_EQ(DaysBetween(2026y / 2 / 24, 2026y / 2 / 12), -12);
    EXPECT_EQ(DaysBetween(2024y / 1 / 1, 2025y / 1 / 1), 366);
    EXPECT_EQ(DaysBetween(2026y / 3 / 1, 2026y / 3 / 1), 0);
}

}  // namespace
}  // namespace gridgov
