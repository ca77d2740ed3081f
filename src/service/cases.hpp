// The case engine's use cases: report (intake from every channel), the 18 operations, views, to-do lists and
// the deadline scan. "统一受理、统一分流交办、统一归口调处".
#pragma once

#include <boost/json/object.hpp>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/calendar.hpp"
#include "common/date.hpp"
#include "domain/case.hpp"
#include "geo/datum.hpp"
#include "service/attachments.hpp"
#include "service/auth.hpp"
#include "service/grid_map.hpp"
#include "storage/case_store.hpp"
#include "storage/store.hpp"

namespace gridgov::service {

// The calendar in force, shared by the API and the case engine; replaced when an administrator changes it.
class CalendarHolder {
  public:
    explicit CalendarHolder(WorkCalendar calendar) : current_(std::make_shared<WorkCalendar>(std::move(calendar))) {}
    std::shared_ptr<const WorkCalendar> Get() const;
    void Set(WorkCalendar calendar);

  private:
    mutable std::mutex mu_;
    std::shared_ptr<const WorkCalendar> current_;
};

// The date in China (UTC+8) at a Unix time: deadlines are calendar days there.
Date ChinaDate(std::int64_t unix_seconds);

struct NewCase {
    std::string type = "event";  // "event" | "work_order"
    std::string channel = "grid_patrol";
    std::string category_code;
    std::string title;
    std::string description;
    std::optional<double> lng;  // in `datum`
    std::optional<double> lat;
    std::string datum = "wgs84";
    std::string grid_code;    // when no coordinates: the grid, or
    std::string region_code;  // a village code
    std::string address;
    std::string reporter_name;
    std::string reporter_phone;
    std::string client_request_id;  // idempotency key: the same key from the same account returns the same case
    std::string media_url;          // a photo elsewhere (Open311 media_url), kept in the first history row
};

struct ReportResult {
    domain::Case value;
    bool created = true;
    std::vector<domain::Case> duplicates;  // likely duplicates (same grid or ≤ 100 m, same category, ≤ 72 h)
};

// Parameters of an operation, as the client sends them (the ones an operation does not use are ignored).
struct ActionParams {
    std::string comment;
    std::string unit_code;                 // dispatch
    std::optional<bool> pass;              // verify
    std::optional<bool> approve;           // approve_extension
    std::string satisfaction;              // rate
    std::string supervision;               // supervise: ordinary | yellow | red
    int days = 0;                          // extend
    std::int64_t into = 0;                 // merge: the case this one duplicates
    std::vector<std::string> attachments;  // content hashes of uploaded files
};

struct CaseView {
    domain::Case value;
    std::vector<domain::CaseEvent> history;
    std::vector<domain::CaseOp> allowed;  // operations the caller may take now
};

struct ScanReport {
    std::int64_t examined = 0;
    std::int64_t yellow = 0;
    std::int64_t red = 0;
    std::int64_t escalated = 0;
    std::int64_t conflicts = 0;  // changed by someone during the scan: left for the next one
};

// Told about each change the case engine stored (report, operation, deadline scan), after it is committed:
// `before` is null for a new case. Called on the thread that made the change; it must be thread-safe.
using CaseObserver = std::function<void(const domain::Case* before, const domain::Case& after)>;

class CaseService {
  public:
    CaseService(storage::Store& store, storage::CaseStore& cases, const GridLocator& locator,
                const CalendarHolder& calendar, Clock clock = SystemNow);

    // Intake: locates the case (coordinates → grid, or a grid/village code), checks category and channel,
    // routes the category to its unit for the region, sets the level and its deadline, finds duplicates.
    // Needs kReportCase and the location inside the caller's scope.
    Result<ReportResult> Report(const Caller& caller, const NewCase& input);

    // Takes `op` on case `id` that the caller saw at `version`. FailedPrecondition when the state does not
    // allow it, PermissionDenied when the role, scope or unit does not, Conflict on a stale version,
    // InvalidArgument for missing or bad parameters (and attachments never uploaded). The change and its history rows
    // are one transaction.
    Result<domain::Case> Act(const Caller& caller, std::int64_t id, domain::CaseOp op, std::int64_t version,
                             const ActionParams& params);

    Result<CaseView> Get(const Caller& caller, std::int64_t id);
    // Cases visible to the caller (its region subtree, plus what was dispatched to its unit).
    Result<storage::Page<domain::Case>> List(const Caller& caller, storage::CaseFilter filter);
    Result<storage::TodoCounts> Todo(const Caller& caller);

    // Applies yellow warnings, red cards and automatic escalation for `today` (one history row each).
    Result<ScanReport> Scan();

    // Whether the caller could take `op` on `c` now (role, state, scope, unit) — without parameters.
    Status MayAct(const Caller& caller, const domain::Case& c, domain::CaseOp op) const;

    // Sets the observer of stored changes (the statistics roll-up). Set it before the service is shared.
    void SetObserver(CaseObserver observer) { observer_ = std::move(observer); }
    // Where uploaded files live: operations naming a hash it does not hold are refused. Without it (the command
    // line, the demo) an operation may name no attachments at all. Set it before the service is shared.
    void SetAttachments(const AttachmentStore* attachments) { attachments_ = attachments; }

  private:
    Status CheckVisible(const Caller& caller, const domain::Case& c) const;
    domain::TimeLimits LimitsFor(const domain::Case& c);
    std::string DueAfter(Date from, int working_days) const;

    storage::Store& store_;
    storage::CaseStore& cases_;
    const GridLocator& locator_;
    const CalendarHolder& calendar_;
    Clock clock_;
    CaseObserver observer_;
    const AttachmentStore* attachments_ = nullptr;
};

}  // namespace gridgov::service
