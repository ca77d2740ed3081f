// The deployment's working-day calendar: the built-in State Council schedules plus administrator overrides.
#pragma once

#include <span>

#include "common/calendar.hpp"
#include "common/status.hpp"
#include "service/auth.hpp"
#include "storage/store.hpp"

namespace gridgov::service {

// The built-in calendar with every day an administrator stored applied on top.
Result<WorkCalendar> LoadCalendar(storage::Store& store);

// Stores days (rest days, make-up workdays) an administrator defines, e.g. next year's notice; each day's
// year becomes covered. Needs kManageCalendar. Atomic, with its audit row.
Status DefineCalendarDays(storage::Store& store, const Caller& caller, std::span<const CalendarDay> days,
                          std::int64_t now);

}  // namespace gridgov::service
