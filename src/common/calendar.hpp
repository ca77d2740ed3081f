// The working-day calendar for time limits: weekends, the State Council holiday schedules and overrides.
#pragma once

#include <chrono>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "common/date.hpp"

namespace gridgov {

// Whether people work on a day.
enum class DayKind { kWorkday, kRestDay };

// A day the calendar lists explicitly: a holiday, a make-up workday (调休上班) or an administrator's override.
struct CalendarDay {
    Date date;
    DayKind kind = DayKind::kRestDay;
    std::string note;  // "春节", "春节调休上班", or what the administrator wrote
};

// Counts working days for time limits ("办结时限5个工作日"). Monday–Friday are working days and Saturday and
// Sunday rest days, except days listed explicitly (holidays rest, make-up workdays work). Years whose
// schedule is known are "covered"; outside them only weekends are rest days, which callers may want to warn about.
// Thread-safety: const methods may run concurrently with each other; SetDay, ClearDay and MarkYearCovered need
// exclusive access (share a finished calendar as std::shared_ptr<const WorkCalendar> and replace it to change it).
class WorkCalendar {
  public:
    // A calendar with no listed days and no covered years: weekends only.
    WorkCalendar() = default;

    // The published State Council schedules built into gridgov (2025 and 2026), with those years covered.
    static WorkCalendar BuiltIn();

    // Lists `date` as `kind` with `note`, replacing any entry for that date, built-in or not. This is how an
    // administrator enters a later year's schedule or a local arrangement; it does not mark the year covered.
    void SetDay(Date date, DayKind kind, std::string note);

    // Removes the entry for `date`, so it follows the weekday rule again. False when the date had no entry.
    bool ClearDay(Date date);

    // Records that `year`'s schedule is complete (after its days have been entered with SetDay).
    void MarkYearCovered(int year);

    // True for a year with a published schedule: built-in or marked with MarkYearCovered.
    bool CoversYear(int year) const;

    // The covered years, ascending (for storage to persist alongside Overrides()).
    std::vector<int> CoveredYears() const;

    // True when `date` is a working day: a listed day by its kind, otherwise Monday–Friday.
    bool IsWorkingDay(Date date) const;

    // The |n|-th working day after `from` (before it when n < 0), counting `from` itself as day 0 whatever its
    // kind: a case received on Friday 2026-02-13 with 1 working day is due Saturday 2026-02-14 (a make-up
    // workday). n == 0 returns `from`. AddWorkingDays(deadline, -1) is the working day before a deadline.
    // Time limits are small; the cost is linear in the calendar days crossed.
    Date AddWorkingDays(Date from, int n) const;

    // The number of working days in (from, to]; when to < from, minus the number in (to, from].
    // For n > 0, WorkingDaysBetween(from, AddWorkingDays(from, n)) == n.
    int WorkingDaysBetween(Date from, Date to) const;

    // Every listed day (built-in schedule and SetDay entries), in date order.
    std::vector<CalendarDay> Overrides() const;

  private:
    struct Entry {
        DayKind kind;
        std::string note;
    };

    bool IsWorkingDay(std::chrono::sys_days day) const;

    std::map<std::chrono::sys_days, Entry> days_;
    std::set<int> covered_years_;
};

}  // namespace gridgov
