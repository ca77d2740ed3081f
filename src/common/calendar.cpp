// The built-in holiday schedules and working-day arithmetic of WorkCalendar.
#include "common/calendar.hpp"

#include <array>
#include <string_view>
#include <utility>

namespace gridgov {
namespace {

using std::chrono::April;
using std::chrono::February;
using std::chrono::January;
using std::chrono::June;
using std::chrono::May;
using std::chrono::month_day;
using std::chrono::October;
using std::chrono::September;
using std::chrono::sys_days;

// One holiday of a State Council notice: "春节：1月28日至2月4日放假调休，共8天。1月26日（周日）、2月8日（周六）上班。"
struct Holiday {
    int year;
    std::string_view name;
    month_day first_rest_day;
    month_day last_rest_day;                   // in the same year
    std::array<month_day, 2> makeup_workdays;  // 调休上班; unused slots stay empty
};

constexpr Holiday kHolidays[] = {
    // 国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号，2024年11月12日）
    {2025, "元旦", January / 1, January / 1, {}},
    {2025, "春节", January / 28, February / 4, {January / 26, February / 8}},
    {2025, "清明节", April / 4, April / 6, {}},
    {2025, "劳动节", May / 1, May / 5, {April / 27}},
    {2025, "端午节", May / 31, June / 2, {}},
    {2025, "国庆节、中秋节", October / 1, October / 8, {September / 28, October / 11}},

    // 国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）
    {2026, "元旦", January / 1, January / 3, {January / 4}},
    {2026, "春节", February / 15, February / 23, {February / 14, February / 28}},
    {2026, "清明节", April / 4, April / 6, {}},
    {2026, "劳动节", May / 1, May / 5, {May / 9}},
    {2026, "端午节", June / 19, June / 21, {}},
    {2026, "中秋节", September / 25, September / 27, {}},
    {2026, "国庆节", October / 1, October / 7, {September / 20, October / 10}},
};

Date InYear(int year, month_day day) { return std::chrono::year{year} / day; }

}  // namespace

WorkCalendar WorkCalendar::BuiltIn() {
    WorkCalendar calendar;
    for (const Holiday& holiday : kHolidays) {
        sys_days last{InYear(holiday.year, holiday.last_rest_day)};
        for (sys_days day{InYear(holiday.year, holiday.first_rest_day)}; day <= last; day += std::chrono::days{1}) {
            calendar.SetDay(Date{day}, DayKind::kRestDay, std::string(holiday.name));
        }
        for (month_day workday : holiday.makeup_workdays) {
            if (!workday.ok()) continue;
            calendar.SetDay(InYear(holiday.year, workday), DayKind::kWorkday, std::string(holiday.name) + "调休上班");
        }
        calendar.MarkYearCovered(holiday.year);
    }
    return calendar;
}

void WorkCalendar::SetDay(Date date, DayKind kind, std::string note) {
    days_.insert_or_assign(sys_days{date}, Entry{kind, std::move(note)});
}

bool WorkCalendar::ClearDay(Date date) { return days_.erase(sys_days{date}) > 0; }

void WorkCalendar::MarkYearCovered(int year) { covered_years_.insert(year); }

bool WorkCalendar::CoversYear(int year) const { return covered_years_.contains(year); }

std::vector<int> WorkCalendar::CoveredYears() const { return {covered_years_.begin(), covered_years_.end()}; }

bool WorkCalendar::IsWorkingDay(Date date) const { return IsWorkingDay(sys_days{date}); }

bool WorkCalendar::IsWorkingDay(sys_days day) const {
    if (auto it = days_.find(day); it != days_.end()) return it->second.kind == DayKind::kWorkday;
    std::chrono::weekday weekday{day};
    return weekday != std::chrono::Saturday && weekday != std::chrono::Sunday;
}

Date WorkCalendar::AddWorkingDays(Date from, int n) const {
    const std::chrono::days step{n < 0 ? -1 : 1};
    long long remaining = n < 0 ? -static_cast<long long>(n) : n;
    sys_days day{from};
    while (remaining > 0) {
        day += step;
        if (IsWorkingDay(day)) --remaining;
    }
    return Date{day};
}

int WorkCalendar::WorkingDaysBetween(Date from, Date to) const {
    sys_days first{from};
    sys_days last{to};
    if (last < first) return -WorkingDaysBetween(to, from);
    int count = 0;
    for (sys_days day = first + std::chrono::days{1}; day <= last; day += std::chrono::days{1}) {
        if (IsWorkingDay(day)) ++count;
    }
    return count;
}

std::vector<CalendarDay> WorkCalendar::Overrides() const {
    std::vector<CalendarDay> result;
    result.reserve(days_.size());
    for (const auto& [day, entry] : days_) result.push_back(CalendarDay{Date{day}, entry.kind, entry.note});
    return result;
}

}  // namespace gridgov
