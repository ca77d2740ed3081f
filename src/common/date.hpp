// Calendar dates without time of day or zone: birth dates, deadlines and the working-day calendar.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "common/status.hpp"

namespace gridgov {

// A civil date. Every function below that takes a Date expects date.ok() (a real calendar day).
using Date = std::chrono::year_month_day;

// Parses "YYYY-MM-DD" (or the compact "YYYYMMDD") into a real calendar date. Exactly four year digits and
// two month and day digits; no surrounding spaces. InvalidArgument "日期格式应为 YYYY-MM-DD" when the shape is
// wrong, "日期无效：…" when the shape is right but the day does not exist (2026-02-30). The status has no field
// name; callers re-wrap it with theirs.
[[nodiscard]] Result<Date> ParseDate(std::string_view text);

// "2026-02-24": zero-padded year-month-day.
std::string FormatDate(Date date);

// Day of the week, 0 = Sunday, 1 = Monday … 6 = Saturday.
int Weekday(Date date);

// The date `days` days later (earlier when negative).
Date AddDays(Date date, int days);

// Calendar days from `from` to `to`: positive when `to` is later, 0 on the same day.
int DaysBetween(Date from, Date to);

}  // namespace gridgov
