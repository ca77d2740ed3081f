// Parsing, formatting and arithmetic for Date.
#include "common/date.hpp"

#include <cstdio>

namespace gridgov {
namespace {

// Reads `text` (all ASCII digits) as a non-negative number; false when any character is not a digit.
bool ParseDigits(std::string_view text, int& value) {
    value = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return false;
        value = value * 10 + (c - '0');
    }
    return !text.empty();
}

}  // namespace

Result<Date> ParseDate(std::string_view text) {
    std::string_view year_text;
    std::string_view month_text;
    std::string_view day_text;
    if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
        year_text = text.substr(0, 4);
        month_text = text.substr(5, 2);
        day_text = text.substr(8, 2);
    } else if (text.size() == 8) {
        year_text = text.substr(0, 4);
        month_text = text.substr(4, 2);
        day_text = text.substr(6, 2);
    } else {
        return InvalidArgument("日期格式应为 YYYY-MM-DD");
    }
    int year = 0;
    int month = 0;
    int day = 0;
    if (!ParseDigits(year_text, year) || !ParseDigits(month_text, month) || !ParseDigits(day_text, day)) {
        return InvalidArgument("日期格式应为 YYYY-MM-DD");
    }
    Date date{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
              std::chrono::day{static_cast<unsigned>(day)}};
    if (!date.ok()) return InvalidArgument("日期无效：" + std::string(text));
    return date;
}

std::string FormatDate(Date date) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
    return buffer;
}

int Weekday(Date date) { return static_cast<int>(std::chrono::weekday{std::chrono::sys_days{date}}.c_encoding()); }

Date AddDays(Date date, int days) { return Date{std::chrono::sys_days{date} + std::chrono::days{days}}; }

int DaysBetween(Date from, Date to) {
    return static_cast<int>((std::chrono::sys_days{to} - std::chrono::sys_days{from}).count());
}

}  // namespace gridgov
