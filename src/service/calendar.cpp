// Calendar loading and administration.
#include "service/calendar.hpp"

#include "common/date.hpp"

namespace gridgov::service {

Result<WorkCalendar> LoadCalendar(storage::Store& store) {
    WorkCalendar calendar = WorkCalendar::BuiltIn();
    GRIDGOV_ASSIGN_OR_RETURN(auto days, store.ListCalendarDays());
    for (const auto& d : days) {
        calendar.SetDay(d.date, d.kind, d.note);
        calendar.MarkYearCovered(static_cast<int>(d.date.year()));
    }
    return calendar;
}

Status DefineCalendarDays(storage::Store& store, const Caller& caller, std::span<const CalendarDay> days,
                          std::int64_t now) {
    GRIDGOV_RETURN_IF_ERROR(Authorize(caller, domain::Action::kManageCalendar));
    if (days.empty()) return InvalidArgument("没有要登记的日期", "days");
    std::string detail = R"({"days":[)";
    for (std::size_t i = 0; i < days.size(); ++i) {
        if (i > 0) detail += ",";
        detail += "\"" + FormatDate(days[i].date) + (days[i].kind == DayKind::kWorkday ? ":workday" : ":rest") + "\"";
    }
    detail += "]}";
    return store.PutCalendarDays(days, MakeAudit(caller, now, "calendar.define", "calendar", "", "", detail));
}

}  // namespace gridgov::service
