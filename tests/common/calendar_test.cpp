// Tests for the working-day calendar: the 2025 and 2026 State Council schedules, overrides and arithmetic.
#include "common/calendar.hpp"

#include <gtest/gtest.h>

#include <thread>

namespace gridgov {
namespace {

using namespace std::chrono_literals;

class BuiltInCalendarTest : public ::testing::Test {
  protected:
    std::string Add(Date from, int n) const { return FormatDate(calendar_.AddWorkingDays(from, n)); }

    const WorkCalendar calendar_ = WorkCalendar::BuiltIn();
};

TEST_F(BuiltInCalendarTest, SpringFestival2026) {
    // Rest Feb 15 (Sun) – Feb 23 (Mon); Feb 14 (Sat) and Feb 28 (Sat) are make-up workdays.
    EXPECT_EQ(Add(2026y / 2 / 13, 1), "2026-02-14");  // Friday → the make-up Saturday
    EXPECT_EQ(Add(2026y / 2 / 12, 1), "2026-02-13");
    EXPECT_EQ(Add(2026y / 2 / 12, 2), "2026-02-14");
    EXPECT_EQ(Add(2026y / 2 / 12, 3), "2026-02-24");  // the whole holiday is skipped
    EXPECT_EQ(Add(2026y / 2 / 12, 7), "2026-02-28");  // the second make-up Saturday
    EXPECT_EQ(Add(2026y / 2 / 12, 8), "2026-03-02");  // Sunday Mar 1 is an ordinary rest day
    for (Date day = 2026y / 2 / 15; day <= 2026y / 2 / 23; day = AddDays(day, 1)) {
        EXPECT_FALSE(calendar_.IsWorkingDay(day)) << FormatDate(day);
    }
    EXPECT_TRUE(calendar_.IsWorkingDay(2026y / 2 / 14));
    EXPECT_TRUE(calendar_.IsWorkingDay(2026y / 2 / 28));
    EXPECT_FALSE(calendar_.IsWorkingDay(2026y / 3 / 1));
}

TEST_F(BuiltInCalendarTest, ReceivedDuringAHolidayCountsFromTheFirstWorkingDay) {
    EXPECT_EQ(Add(2026y / 2 / 17, 1), "2026-02-24");
    EXPECT_EQ(Add(2026y / 2 / 17, 5), "2026-02-28");
    EXPECT_EQ(Add(2026y / 2 / 15, 0), "2026-02-15");  // n == 0 returns the day itself, even a rest day
}

TEST_F(BuiltInCalendarTest, NationalDay2025) {
    // Rest Oct 1–8; Sep 28 (Sun) and Oct 11 (Sat) are make-up workdays.
    for (Date day = 2025y / 10 / 1; day <= 2025y / 10 / 8; day = AddDays(day, 1)) {
        EXPECT_FALSE(calendar_.IsWorkingDay(day)) << FormatDate(day);
    }
    EXPECT_TRUE(calendar_.IsWorkingDay(2025y / 9 / 28));
    EXPECT_TRUE(calendar_.IsWorkingDay(2025y / 10 / 9));
    EXPECT_TRUE(calendar_.IsWorkingDay(2025y / 10 / 11));
    EXPECT_FALSE(calendar_.IsWorkingDay(2025y / 10 / 12));
    EXPECT_FALSE(calendar_.IsWorkingDay(2025y / 9 / 27));  // an ordinary Saturday

    EXPECT_EQ(Add(2025y / 9 / 26, 1), "2025-09-28");
    EXPECT_EQ(Add(2025y / 9 / 26, 5), "2025-10-10");  // Sep 28, 29, 30, Oct 9, 10
    EXPECT_EQ(Add(2025y / 9 / 30, 1), "2025-10-09");
    EXPECT_EQ(Add(2025y / 9 / 30, 3), "2025-10-11");
}

TEST_F(BuiltInCalendarTest, NewYear2026) {
    EXPECT_FALSE(calendar_.IsWorkingDay(2026y / 1 / 1));
    EXPECT_FALSE(calendar_.IsWorkingDay(2026y / 1 / 2));
    EXPECT_FALSE(calendar_.IsWorkingDay(2026y / 1 / 3));
    EXPECT_TRUE(calendar_.IsWorkingDay(2026y / 1 / 4));  // Sunday make-up workday
    EXPECT_EQ(Add(2025y / 12 / 31, 1), "2026-01-04");
    EXPECT_EQ(Add(2025y / 12 / 31, 2), "2026-01-05");
}

TEST_F(BuiltInCalendarTest, OtherHolidaysOfBothYears) {
    EXPECT_FALSE(calendar_.IsWorkingDay(2025y / 1 / 1));
    EXPECT_FALSE(calendar_.IsWorkingDay(2025y / 1 / 28));
    EXPECT_FALSE(calendar_.IsWorkingDay(2025y / 2 / 4));
    EXPECT_TRUE(calendar_.IsWorkingDay(2025y / 1 / 26));
    EXPECT_TRUE(calendar_.IsWorkingDay(2025y / 2 / 8));
    EXPECT_FALSE(calendar_.IsWorkingDay(2025y / 4 / 4));
    EXPECT_TRUE(calendar_.IsWorkingDay(2025y / 4 / 27));
    EXPECT_FALSE(calendar_.IsWorkingDay(2025y / 5 / 5));
    EXPECT_FALSE(calendar_.IsWorkingDay(2025y / 6 / 2));
    EXPECT_FALSE(calendar_.IsWorkingDay(2026y / 4 / 6));
    EXPECT_FALSE(calendar_.IsWorkingDay(2026y / 5 / 5));
    EXPECT_TRUE(calendar_.IsWorkingDay(2026y / 5 / 9));
    EXPECT_FALSE(calendar_.IsWorkingDay(2026y / 6 / 19));
    EXPECT_FALSE(calendar_.IsWorkingDay(2026y / 9 / 25));
    EXPECT_TRUE(calendar_.IsWorkingDay(2026y / 9 / 20));
    EXPECT_FALSE(calendar_.IsWorkingDay(2026y / 10 / 7));
    EXPECT_TRUE(calendar_.IsWorkingDay(2026y / 10 / 8));
    EXPECT_TRUE(calendar_.IsWorkingDay(2026y / 10 / 10));
}

TEST_F(BuiltInCalendarTest, WorkingDaysPerYear) {
    // 261 weekdays each year; 2025: 18 of them are holidays, 5 make-up days; 2026: 19 and 6.
    EXPECT_EQ(calendar_.WorkingDaysBetween(2024y / 12 / 31, 2025y / 12 / 31), 248);
    EXPECT_EQ(calendar_.WorkingDaysBetween(2025y / 12 / 31, 2026y / 12 / 31), 248);
}

TEST_F(BuiltInCalendarTest, TableMatchesTheNotices) {
    std::vector<CalendarDay> days = calendar_.Overrides();
    int rest_2025 = 0, work_2025 = 0, rest_2026 = 0, work_2026 = 0;
    for (std::size_t i = 0; i < days.size(); ++i) {
        const CalendarDay& day = days[i];
        if (i > 0) {
            EXPECT_LT(days[i - 1].date, day.date);
        }
        EXPECT_FALSE(day.note.empty());
        bool weekend = Weekday(day.date) == 0 || Weekday(day.date) == 6;
        if (day.kind == DayKind::kWorkday) {
            EXPECT_TRUE(weekend) << "make-up workday on a weekday: " << FormatDate(day.date);
            EXPECT_NE(day.note.find("调休上班"), std::string::npos) << day.note;
        }
        bool in_2025 = day.date.year() == std::chrono::year{2025};
        if (day.kind == DayKind::kWorkday) {
            ++(in_2025 ? work_2025 : work_2026);
        } else {
            ++(in_2025 ? rest_2025 : rest_2026);
        }
    }
    EXPECT_EQ(rest_2025, 1 + 8 + 3 + 5 + 3 + 8);
    EXPECT_EQ(work_2025, 5);
    EXPECT_EQ(rest_2026, 3 + 9 + 3 + 5 + 3 + 3 + 7);
    EXPECT_EQ(work_2026, 6);
    EXPECT_EQ(days.size(), 72u);
    EXPECT_EQ(days.front().date, 2025y / 1 / 1);
    EXPECT_EQ(days.front().note, "元旦");
    EXPECT_EQ(days.back().date, 2026y / 10 / 10);
    EXPECT_EQ(days.back().note, "国庆节调休上班");
}

TEST_F(BuiltInCalendarTest, CoversPublishedYearsOnly) {
    EXPECT_TRUE(calendar_.CoversYear(2025));
    EXPECT_TRUE(calendar_.CoversYear(2026));
    EXPECT_FALSE(calendar_.CoversYear(2024));
    EXPECT_FALSE(calendar_.CoversYear(2027));
    EXPECT_EQ(calendar_.CoveredYears(), (std::vector<int>{2025, 2026}));
}

TEST_F(BuiltInCalendarTest, YearsWithoutAScheduleFollowTheWeek) {
    // 2030-01-01 is a Tuesday; with no schedule entered it is an ordinary working day.
    EXPECT_TRUE(calendar_.IsWorkingDay(2030y / 1 / 1));
    EXPECT_FALSE(calendar_.IsWorkingDay(2030y / 1 / 5));  // Saturday
    EXPECT_FALSE(calendar_.IsWorkingDay(2030y / 1 / 6));  // Sunday
    EXPECT_EQ(Add(2030y / 1 / 4, 1), "2030-01-07");
    EXPECT_EQ(Add(2030y / 1 / 4, 5), "2030-01-11");
    EXPECT_EQ(Add(2030y / 1 / 4, 6), "2030-01-14");
    EXPECT_EQ(calendar_.WorkingDaysBetween(2030y / 1 / 4, 2030y / 1 / 14), 6);
}

TEST_F(BuiltInCalendarTest, NegativeCountsGoBackwards) {
    // The yellow card comes 1 working day before the deadline.
    EXPECT_EQ(Add(2026y / 2 / 24, -1), "2026-02-14");
    EXPECT_EQ(Add(2026y / 3 / 2, -8), "2026-02-12");
    EXPECT_EQ(Add(2026y / 3 / 2, -1), "2026-02-28");
    EXPECT_EQ(Add(2026y / 1 / 5, -1), "2026-01-04");
    EXPECT_EQ(Add(2026y / 1 / 5, -2), "2025-12-31");
    EXPECT_EQ(Add(2025y / 10 / 9, -1), "2025-09-30");
    EXPECT_EQ(Add(2026y / 2 / 20, -1), "2026-02-14");  // from inside the holiday
}

TEST_F(BuiltInCalendarTest, WorkingDaysBetweenIsSignedAndHalfOpen) {
    EXPECT_EQ(calendar_.WorkingDaysBetween(2026y / 2 / 12, 2026y / 2 / 24), 3);
    EXPECT_EQ(calendar_.WorkingDaysBetween(2026y / 2 / 24, 2026y / 2 / 12), -3);
    EXPECT_EQ(calendar_.WorkingDaysBetween(2026y / 2 / 12, 2026y / 2 / 12), 0);
    EXPECT_EQ(calendar_.WorkingDaysBetween(2026y / 2 / 15, 2026y / 2 / 23), 0);
    EXPECT_EQ(calendar_.WorkingDaysBetween(2026y / 2 / 14, 2026y / 2 / 15), 0);  // (from, to]: from not counted
    EXPECT_EQ(calendar_.WorkingDaysBetween(2026y / 2 / 13, 2026y / 2 / 14), 1);
}

TEST_F(BuiltInCalendarTest, AddAndBetweenAgreeOverBothYears) {
    for (Date from = 2024y / 12 / 1; from <= 2027y / 1 / 31; from = AddDays(from, 1)) {
        for (int n : {1, 2, 3, 5, 7, 10, 15, 60}) {
            Date due = calendar_.AddWorkingDays(from, n);
            ASSERT_TRUE(calendar_.IsWorkingDay(due)) << FormatDate(from) << " +" << n;
            ASSERT_EQ(calendar_.WorkingDaysBetween(from, due), n) << FormatDate(from) << " +" << n;
            Date back = calendar_.AddWorkingDays(due, -n);
            ASSERT_TRUE(calendar_.IsWorkingDay(back));
            ASSERT_EQ(calendar_.WorkingDaysBetween(back, due), n);
            if (calendar_.IsWorkingDay(from)) {
                ASSERT_EQ(back, from) << FormatDate(from) << " +" << n;
            }
        }
    }
}

TEST_F(BuiltInCalendarTest, ConcurrentReadersAgree) {
    std::vector<std::thread> readers;
    std::vector<std::string> results(8);
    for (std::size_t i = 0; i < results.size(); ++i) {
        readers.emplace_back([this, &results, i] {
            for (int round = 0; round < 200; ++round) results[i] = Add(2026y / 2 / 12, 8);
        });
    }
    for (std::thread& reader : readers) reader.join();
    for (const std::string& result : results) EXPECT_EQ(result, "2026-03-02");
}

TEST(WorkCalendarTest, EmptyCalendarKnowsOnlyWeekends) {
    WorkCalendar calendar;
    EXPECT_TRUE(calendar.IsWorkingDay(2026y / 2 / 16));   // a holiday in the built-in calendar
    EXPECT_FALSE(calendar.IsWorkingDay(2026y / 2 / 14));  // a make-up Saturday in the built-in calendar
    EXPECT_FALSE(calendar.CoversYear(2026));
    EXPECT_TRUE(calendar.Overrides().empty());
    EXPECT_TRUE(calendar.CoveredYears().empty());
    EXPECT_EQ(FormatDate(calendar.AddWorkingDays(2026y / 2 / 12, 3)), "2026-02-17");
}

TEST(WorkCalendarTest, AdministratorAddsALaterYear) {
    WorkCalendar calendar = WorkCalendar::BuiltIn();
    EXPECT_TRUE(calendar.IsWorkingDay(2027y / 1 / 1));  // Friday, not yet entered
    EXPECT_FALSE(calendar.CoversYear(2027));

    calendar.SetDay(2027y / 1 / 1, DayKind::kRestDay, "元旦");
    calendar.SetDay(2027y / 1 / 9, DayKind::kWorkday, "测试调休上班");
    EXPECT_FALSE(calendar.CoversYear(2027));  // entering days does not mark the year
    calendar.MarkYearCovered(2027);

    EXPECT_TRUE(calendar.CoversYear(2027));
    EXPECT_EQ(calendar.CoveredYears(), (std::vector<int>{2025, 2026, 2027}));
    EXPECT_FALSE(calendar.IsWorkingDay(2027y / 1 / 1));
    EXPECT_TRUE(calendar.IsWorkingDay(2027y / 1 / 9));                                 // a Saturday
    EXPECT_EQ(FormatDate(calendar.AddWorkingDays(2026y / 12 / 31, 1)), "2027-01-04");  // Jan 1 Fri, weekend
    EXPECT_EQ(FormatDate(calendar.AddWorkingDays(2027y / 1 / 8, 1)), "2027-01-09");

    std::vector<CalendarDay> days = calendar.Overrides();
    ASSERT_EQ(days.size(), 74u);
    EXPECT_EQ(days[72].date, 2027y / 1 / 1);
    EXPECT_EQ(days[72].kind, DayKind::kRestDay);
    EXPECT_EQ(days[72].note, "元旦");
    EXPECT_EQ(days[73].date, 2027y / 1 / 9);
    EXPECT_EQ(days[73].kind, DayKind::kWorkday);
    EXPECT_EQ(days[73].note, "测试调休上班");
}

TEST(WorkCalendarTest, SetDayReplacesABuiltInDay) {
    WorkCalendar calendar = WorkCalendar::BuiltIn();
    // A local arrangement: the make-up Saturday is cancelled.
    calendar.SetDay(2026y / 2 / 14, DayKind::kRestDay, "本地安排");
    EXPECT_FALSE(calendar.IsWorkingDay(2026y / 2 / 14));
    EXPECT_EQ(FormatDate(calendar.AddWorkingDays(2026y / 2 / 13, 1)), "2026-02-24");
    EXPECT_EQ(calendar.Overrides().size(), 72u);  // replaced, not added

    // And a holiday made a working day.
    calendar.SetDay(2026y / 2 / 23, DayKind::kWorkday, "本地安排");
    EXPECT_EQ(FormatDate(calendar.AddWorkingDays(2026y / 2 / 13, 1)), "2026-02-23");
}

TEST(WorkCalendarTest, ClearDayRestoresTheWeekdayRule) {
    WorkCalendar calendar = WorkCalendar::BuiltIn();
    EXPECT_TRUE(calendar.ClearDay(2026y / 2 / 14));
    EXPECT_FALSE(calendar.IsWorkingDay(2026y / 2 / 14));  // an ordinary Saturday again
    EXPECT_TRUE(calendar.ClearDay(2026y / 2 / 16));
    EXPECT_TRUE(calendar.IsWorkingDay(2026y / 2 / 16));  // an ordinary Monday again
    EXPECT_FALSE(calendar.ClearDay(2026y / 3 / 3));
    EXPECT_EQ(calendar.Overrides().size(), 70u);
}

}  // namespace
}  // namespace gridgov
