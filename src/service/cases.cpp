// The case engine: intake, operations on the workflow table, deadlines on the working-day calendar.
#include "service/cases.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <cmath>
#include <set>

#include "common/division_code.hpp"
#include "service/regions.hpp"

namespace gridgov::service {
namespace {

using domain::Case;
using domain::CaseEvent;
using domain::CaseLevel;
using domain::CaseOp;
using domain::CaseState;

constexpr std::int64_t kDuplicateWindow = 72 * 3600;
constexpr double kDuplicateMetres = 100.0;

std::string JsonText(const boost::json::object& o) { return boost::json::serialize(o); }

double DistanceMetres(double lng1, double lat1, double lng2, double lat2) {
    constexpr double kRad = 3.14159265358979323846 / 180.0;
    double x = (lng2 - lng1) * kRad * std::cos((lat1 + lat2) / 2 * kRad);
    double y = (lat2 - lat1) * kRad;
    return std::sqrt(x * x + y * y) * 6371008.8;
}

// Character-bigram Jaccard similarity of two UTF-8 texts (Chinese text has no spaces to split words on).
double TextSimilarity(const std::string& a, const std::string& b) {
    auto bigrams = [](const std::string& s) {
        std::vector<std::string> chars;
        for (std::size_t i = 0; i < s.size();) {
            unsigned char c = static_cast<unsigned char>(s[i]);
            std::size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
            if (c > ' ') chars.push_back(s.substr(i, n));
            i += n;
        }
        std::set<std::string> out;
        for (std::size_t i = 0; i + 1 < chars.size(); ++i) out.insert(chars[i] + chars[i + 1]);
        return out;
    };
    auto x = bigrams(a);
    auto y = bigrams(b);
    if (x.empty() || y.empty()) return 0;
    std::size_t common = 0;
    for (const auto& g : x) common += y.count(g);
    return static_cast<double>(common) / static_cast<double>(x.size() + y.size() - common);
}

CaseLevel LevelOfScope(const Caller& caller) {
    std::size_t n = caller.scope_code.size();
    if (caller.unrestricted || n <= 6) return CaseLevel::kCounty;
    if (n <= 9) return CaseLevel::kTown;
    return CaseLevel::kVillage;
}

bool IsUnitOp(CaseOp op) {
    return op == CaseOp::kSign || op == CaseOp::kReturn || op == CaseOp::kHandle || op == CaseOp::kFinish ||
           op == CaseOp::kExtend;
}

}  // namespace

std::shared_ptr<const WorkCalendar> CalendarHolder::Get() const {
    std::lock_guard lock(mu_);
    return current_;
}

void CalendarHolder::Set(WorkCalendar calendar) {
    auto next = std::make_shared<const WorkCalendar>(std::move(calendar));
    std::lock_guard lock(mu_);
    current_ = std::move(next);
}

Date ChinaDate(std::int64_t unix_seconds) {
    std::int64_t days = (unix_seconds + 8 * 3600) / 86400;
    if ((unix_seconds + 8 * 3600) % 86400 < 0) --days;
    return Date{std::chrono::sys_days{std::chrono::days{days}}};
}

CaseService::CaseService(storage::Store& store, storage::CaseStore& cases, const GridLocator& locator,
                         const CalendarHolder& calendar, Clock clock)
    : store_(store), cases_(cases), locator_(locator), calendar_(calendar), clock_(std::move(clock)) {}

std::string CaseService::DueAfter(Date from, int working_days) const {
    if (working_days <= 0) return {};
    return FormatDate(calendar_.Get()->AddWorkingDays(from, working_days));
}

domain::TimeLimits CaseService::LimitsFor(const Case& c) {
    domain::TimeLimits limits = domain::DefaultTimeLimits(c.type, c.level);
    Result<domain::CaseCategory> category = cases_.GetCategory(c.category_code);
    if (category.ok()) {
        int level = limits.level;
        limits = category->limits;
        // A category's level limit applies at the village and town; the county never escalates by time.
        limits.level =
            c.level == CaseLevel::kCounty ? 0 : (category->limits.level > 0 ? category->limits.level : level);
        if (c.level == CaseLevel::kTown && limits.level > 0) limits.level = std::max(limits.level, level);
    }
    return limits;
}

Status CaseService::CheckVisible(const Caller& caller, const Case& c) const {
    if (caller.unrestricted) return Status::Ok();
    GRIDGOV_RETURN_IF_ERROR(Authorize(caller, domain::Action::kViewCases));
    std::string_view where = c.grid_code.empty() ? std::string_view(c.region_code) : std::string_view(c.grid_code);
    if (domain::ScopeContains(caller.scope_code, where)) return Status::Ok();
    if (!caller.unit_code.empty() && caller.unit_code == c.unit_code && c.state != CaseState::kRegistered &&
        c.state != CaseState::kAccepted) {
        return Status::Ok();
    }
    return PermissionDenied("该案件不在您的管辖范围内");
}

Status CaseService::MayAct(const Caller& caller, const Case& c, CaseOp op) const {
    const domain::Transition* t = domain::FindTransition(c.type, op, c.state);
    if (t == nullptr) {
        return FailedPrecondition("案件当前状态为「" + std::string(domain::CaseStateNameZh(c.state)) + "」，不能" +
                                  std::string(domain::CaseOpNameZh(op)));
    }
    if (caller.unrestricted) return Status::Ok();
    GRIDGOV_RETURN_IF_ERROR(CheckVisible(caller, c));
    if (std::find(t->roles.begin(), t->roles.end(), caller.role) == t->roles.end()) {
        return PermissionDenied("当前角色（" + std::string(domain::RoleNameZh(caller.role)) + "）不能" +
                                std::string(domain::CaseOpNameZh(op)));
    }
    if (IsUnitOp(op)) {
        if (caller.unit_code.empty() || caller.unit_code != c.unit_code) {
            return PermissionDenied("只有承办单位可以" + std::string(domain::CaseOpNameZh(op)));
        }
        return Status::Ok();
    }
    // Centre operations belong to the level that owns the case (or above, within scope): a village officer
    // does not accept a case that has gone up to the town.
    bool centre = caller.role == domain::Role::kVillageOfficer || caller.role == domain::Role::kTownCenter ||
                  caller.role == domain::Role::kCountyCenter;
    if (centre && op != CaseOp::kEscalate && op != CaseOp::kVerify &&
        static_cast<int>(LevelOfScope(caller)) < static_cast<int>(c.level)) {
        return PermissionDenied("案件已上报至" + std::string(domain::CaseLevelNameZh(c.level)) + "，由上级办理");
    }
    if (op == CaseOp::kEscalate && !domain::NextLevel(c.level)) return FailedPrecondition("已是县级，无法继续上报");
    return Status::Ok();
}

Result<ReportResult> CaseService::Report(const Caller& caller, const NewCase& in) {
    GRIDGOV_RETURN_IF_ERROR(Authorize(caller, domain::Action::kReportCase));
    Case c;
    std::optional<domain::CaseType> type = domain::ParseCaseType(in.type);
    if (!type) return InvalidArgument("未知的案件类型：" + in.type, "type");
    std::optional<domain::Channel> channel = domain::ParseChannel(in.channel);
    if (!channel) return InvalidArgument("未知的来源渠道：" + in.channel, "channel");
    c.type = *type;
    c.channel = *channel;
    if (in.title.empty() || in.title.size() > 300) return InvalidArgument("标题不能为空，且不超过 100 个字", "title");
    if (in.description.size() > 15000) return InvalidArgument("描述不超过 5000 个字", "description");
    if (in.client_request_id.size() > 64) return InvalidArgument("client_request_id 过长", "client_request_id");
    c.title = in.title;
    c.description = in.description;
    Result<domain::CaseCategory> category = cases_.GetCategory(in.category_code);
    if (!category.ok()) {
        if (category.status().code() == StatusCode::kNotFound) {
            return InvalidArgument("未知的事件分类：" + in.category_code, "category_code");
        }
        return category.status();
    }
    if (category->type != c.type)
        return InvalidArgument("分类「" + category->name + "」不属于该案件类型", "category_code");
    c.category_code = category->code;

    // Where: coordinates → grid; else a grid code; else a village code.
    if (in.lng.has_value() != in.lat.has_value()) return InvalidArgument("经度和纬度需同时提供", "lng");
    if (in.lng) {
        std::optional<geo::Datum> datum = geo::ParseDatum(in.datum.empty() ? "wgs84" : in.datum);
        if (!datum) return InvalidArgument("datum 应为 wgs84、gcj02 或 bd09", "datum");
        if (!std::isfinite(*in.lng) || !std::isfinite(*in.lat) || std::abs(*in.lng) > 180 || std::abs(*in.lat) > 90) {
            return InvalidArgument("坐标超出范围", "lng");
        }
        geo::Point wgs = geo::ToWgs84({*in.lng, *in.lat}, *datum);
        c.lng = wgs.lng;
        c.lat = wgs.lat;
        std::optional<std::string> grid = locator_.Locate(wgs);
        if (grid) c.grid_code = *grid;
    }
    if (c.grid_code.empty() && !in.grid_code.empty()) {
        GRIDGOV_ASSIGN_OR_RETURN(domain::Grid g, store_.GetGrid(in.grid_code));
        c.grid_code = g.code;
    }
    if (!c.grid_code.empty()) {
        c.region_code = c.grid_code.substr(0, 12);
    } else if (!in.region_code.empty()) {
        GRIDGOV_ASSIGN_OR_RETURN(std::string code, NormalizeDivisionCode(in.region_code));
        GRIDGOV_ASSIGN_OR_RETURN(domain::Region r, store_.GetRegion(code));
        c.region_code = r.code;
    } else {
        return InvalidArgument(
            in.lng ? "该坐标不在任何网格内，请指定所属村(社区)" : "请提供坐标、网格编码或村(社区)代码", "location");
    }
    GRIDGOV_RETURN_IF_ERROR(CheckScope(caller, c.grid_code.empty() ? c.region_code : c.grid_code));
    c.address = in.address;
    c.reporter_name = in.reporter_name.empty() ? caller.name : in.reporter_name;
    c.reporter_phone = in.reporter_phone;
    c.reporter_login = caller.unrestricted ? "" : caller.login;
    c.client_request_id = in.client_request_id;

    // Which level owns it first: field reports start in the village ("小事不出村"); the hotline, referrals and
    // superior assignments start at the county; a centre reporting keeps it at its own level.
    bool county_channel = c.channel == domain::Channel::kHotline || c.channel == domain::Channel::kPetitionReferral ||
                          c.channel == domain::Channel::kSuperior;
    c.level = county_channel ? CaseLevel::kCounty : CaseLevel::kVillage;
    if (caller.role == domain::Role::kTownCenter || caller.role == domain::Role::kCountyCenter) {
        c.level = std::max(c.level, LevelOfScope(caller));
    }
    if (c.region_code.size() < 12 && c.level == CaseLevel::kVillage) c.level = CaseLevel::kTown;

    // The unit the category goes to here (most specific region wins); the dispatcher may change it.
    GRIDGOV_ASSIGN_OR_RETURN(auto rules, cases_.RoutingRulesFor(c.category_code));
    for (const auto& rule : rules) {
        if (IsInSubtree(c.region_code, rule.region_code)) {
            c.unit_code = rule.unit_code;
            break;
        }
    }

    std::int64_t now = clock_();
    Date today = ChinaDate(now);
    c.created_at = now;
    c.updated_at = now;
    c.state = CaseState::kRegistered;
    c.level_due = DueAfter(today, LimitsFor(c).level);
    c.case_no = (c.type == domain::CaseType::kWorkOrder ? "GD" : "SJ") + FormatDate(today).substr(0, 4) +
                FormatDate(today).substr(5, 2) + FormatDate(today).substr(8, 2);

    CaseEvent first;
    first.at = now;
    first.actor = caller.login;
    first.actor_role = caller.unrestricted ? "" : std::string(domain::RoleName(caller.role));
    first.op = "report";
    first.from = CaseState::kRegistered;
    first.to = CaseState::kRegistered;
    first.comment = c.title;
    boost::json::object first_data{{"channel", domain::ChannelName(c.channel)},
                                   {"level", domain::CaseLevelName(c.level)},
                                   {"grid_code", c.grid_code},
                                   {"routed_unit", c.unit_code}};
    if (!in.media_url.empty()) {
        bool web = in.media_url.starts_with("http://") || in.media_url.starts_with("https://");
        if (!web || in.media_url.size() > 2000) return InvalidArgument("media_url 应为 http(s) 网址", "media_url");
        first_data["media_url"] = in.media_url;
    }
    first.data = JsonText(first_data);

    ReportResult result;
    // Duplicates among the recent cases of the category in the same town.
    GRIDGOV_ASSIGN_OR_RETURN(
        auto recent, cases_.RecentCases(c.category_code, now - kDuplicateWindow,
                                        c.region_code.substr(0, std::min<std::size_t>(9, c.region_code.size()))));
    std::string text = c.title + c.description;
    for (auto& other : recent) {
        if (other.state == CaseState::kMerged) continue;
        if (!c.client_request_id.empty() && other.client_request_id == c.client_request_id) continue;
        bool near = (!c.grid_code.empty() && other.grid_code == c.grid_code) ||
                    (c.lng && other.lng && DistanceMetres(*c.lng, *c.lat, *other.lng, *other.lat) <= kDuplicateMetres);
        if (near && TextSimilarity(text, other.title + other.description) >= 0.2) {
            result.duplicates.push_back(std::move(other));
        }
    }
    GRIDGOV_ASSIGN_OR_RETURN(storage::CaseStore::Created created, cases_.CreateCase(c, first));
    result.value = std::move(created.value);
    result.created = created.created;
    if (result.created && observer_) observer_(nullptr, result.value);
    if (!result.created) result.duplicates.clear();
    return result;
}

Result<Case> CaseService::Act(const Caller& caller, std::int64_t id, CaseOp op, std::int64_t version,
                              const ActionParams& p) {
    GRIDGOV_ASSIGN_OR_RETURN(Case c, cases_.GetCase(id));
    GRIDGOV_RETURN_IF_ERROR(CheckVisible(caller, c));
    GRIDGOV_RETURN_IF_ERROR(MayAct(caller, c, op));
    const Case before = c;
    if (version != c.version) {
        return Conflict("案件已被他人更新（当前版本 " + std::to_string(c.version) + "），请刷新后重试", "version");
    }
    if (p.comment.size() > 6000) return InvalidArgument("意见不超过 2000 个字", "comment");
    if (!p.attachments.empty()) {
        if (attachments_ == nullptr) return InvalidArgument("未配置附件存储，不能引用附件", "attachments");
        GRIDGOV_RETURN_IF_ERROR(attachments_->CheckExist(p.attachments));
    }
    std::int64_t now = clock_();
    Date today = ChinaDate(now);
    domain::TimeLimits limits = LimitsFor(c);
    const domain::Transition* t = domain::FindTransition(c.type, op, c.state);

    CaseEvent e;
    e.case_id = c.id;
    e.at = now;
    e.actor = caller.login;
    e.actor_role = caller.unrestricted ? "" : std::string(domain::RoleName(caller.role));
    e.op = std::string(domain::CaseOpName(op));
    e.from = c.state;
    e.comment = p.comment;
    e.attachments = p.attachments;
    boost::json::object data;
    std::vector<CaseEvent> extra;  // follow-up rows the same change causes (a redo after a bad rating …)
    CaseState next = t->to.value_or(c.state);
    auto need_comment = [&](const char* what) -> Status {
        if (p.comment.empty()) return InvalidArgument(std::string("请填写") + what, "comment");
        return Status::Ok();
    };

    switch (op) {
        case CaseOp::kAccept:
            break;
        case CaseOp::kDispatch: {
            std::string unit = p.unit_code.empty() ? c.unit_code : p.unit_code;
            if (unit.empty()) return InvalidArgument("请选择承办单位", "unit_code");
            // The unit must exist and serve this case's county.
            Result<domain::Unit> found =
                FindUnit(store_, unit, c.region_code.substr(0, std::min<std::size_t>(6, c.region_code.size())));
            if (!found.ok() && found.status().code() != StatusCode::kNotFound) return found.status();
            if (!found.ok()) return InvalidArgument("承办单位 " + unit + " 不存在或不在本县", "unit_code");
            c.unit_code = unit;
            c.sign_due = DueAfter(today, limits.sign);
            c.handle_due = DueAfter(today, limits.handle + c.extension_days);
            c.warning.clear();
            data["unit_code"] = unit;
            break;
        }
        case CaseOp::kSign:
            c.sign_due.clear();
            c.warning.clear();
            break;
        case CaseOp::kReturn:
            GRIDGOV_RETURN_IF_ERROR(need_comment("退回理由"));
            data["unit_code"] = c.unit_code;
            c.unit_code.clear();
            c.sign_due.clear();
            c.handle_due.clear();
            c.warning.clear();
            break;
        case CaseOp::kHandle:
            GRIDGOV_RETURN_IF_ERROR(need_comment("处置情况"));
            break;
        case CaseOp::kFinish:
            GRIDGOV_RETURN_IF_ERROR(need_comment("办结情况"));
            c.finished_at = now;
            if (!c.handle_due.empty() && FormatDate(today) > c.handle_due) c.overdue = true;
            c.handle_due.clear();
            c.verify_due = DueAfter(today, limits.verify);
            c.warning.clear();
            break;
        case CaseOp::kVerify:
            if (!p.pass) return InvalidArgument("请给出核查结论 pass（true/false）", "pass");
            data["pass"] = *p.pass;
            c.verify_due.clear();
            c.warning.clear();
            if (*p.pass) {
                next = CaseState::kVerified;
            } else {
                GRIDGOV_RETURN_IF_ERROR(need_comment("核查不通过的原因"));
                next = CaseState::kHandling;
                c.handle_due = DueAfter(today, limits.handle);
            }
            break;
        case CaseOp::kClose:
            c.closed_at = now;
            c.level_due.clear();
            break;
        case CaseOp::kRate: {
            std::optional<domain::Satisfaction> s = domain::ParseSatisfaction(p.satisfaction);
            if (!s) return InvalidArgument("满意度应为 非常满意/满意/基本满意/不满意/非常不满意", "satisfaction");
            c.satisfaction = *s;
            data["satisfaction"] = domain::SatisfactionName(*s);
            next = CaseState::kRated;
            if (domain::IsBadReview(*s)) {
                // The first bad review sends the case back to its unit once (重办); a second one also puts it
                // under supervision (督办).
                next = CaseState::kHandling;
                c.redo_count += 1;
                c.handle_due = DueAfter(today, limits.handle);
                CaseEvent redo = e;
                redo.actor = "system";
                redo.actor_role.clear();
                redo.op = "reopen";
                redo.from = CaseState::kRated;
                redo.to = CaseState::kHandling;
                redo.comment = c.redo_count == 1 ? "群众评价不满意，退回承办单位重办" : "重办后仍不满意，转入督办";
                redo.attachments.clear();
                extra.push_back(redo);
                if (c.redo_count >= 2) {
                    c.supervision = std::max(c.supervision, domain::Supervision::kOrdinary);
                    CaseEvent sup = redo;
                    sup.op = "supervise";
                    sup.from = sup.to = CaseState::kHandling;
                    sup.comment = "重办后仍不满意，自动督办";
                    sup.data = JsonText({{"supervision", domain::SupervisionName(c.supervision)}});
                    extra.push_back(sup);
                }
            }
            break;
        }
        case CaseOp::kReopen:
            GRIDGOV_RETURN_IF_ERROR(need_comment("重办理由"));
            c.redo_count += 1;
            c.handle_due = DueAfter(today, limits.handle);
            c.satisfaction.reset();
            break;
        case CaseOp::kEscalate: {
            GRIDGOV_RETURN_IF_ERROR(need_comment("上报理由"));
            c.level = *domain::NextLevel(c.level);
            c.level_due = DueAfter(today, LimitsFor(c).level);
            c.warning.clear();
            data["level"] = domain::CaseLevelName(c.level);
            break;
        }
        case CaseOp::kSupervise: {
            std::optional<domain::Supervision> s =
                domain::ParseSupervision(p.supervision.empty() ? "ordinary" : p.supervision);
            if (!s || *s == domain::Supervision::kNone) {
                return InvalidArgument("督办等级应为 ordinary、yellow 或 red", "supervision");
            }
            c.supervision = std::max(c.supervision, *s);
            data["supervision"] = domain::SupervisionName(*s);
            break;
        }
        case CaseOp::kExtend:
            GRIDGOV_RETURN_IF_ERROR(need_comment("延期理由"));
            if (c.extension_requested > 0) return FailedPrecondition("已有延期申请待审批");
            if (p.days < 1 || c.extension_days + p.days > limits.max_extension) {
                return InvalidArgument("延期天数应为 1 到 " + std::to_string(limits.max_extension - c.extension_days) +
                                           " 个工作日（累计不超过 " + std::to_string(limits.max_extension) + " 个）",
                                       "days");
            }
            c.extension_requested = p.days;
            data["days"] = p.days;
            break;
        case CaseOp::kApproveExtension:
            if (c.extension_requested == 0) return FailedPrecondition("没有待审批的延期申请");
            if (!p.approve) return InvalidArgument("请给出审批结论 approve（true/false）", "approve");
            data["approve"] = *p.approve;
            data["days"] = c.extension_requested;
            if (*p.approve) {
                c.extension_days += c.extension_requested;
                if (!c.handle_due.empty()) {
                    Result<Date> due = ParseDate(c.handle_due);
                    if (due.ok()) c.handle_due = DueAfter(*due, c.extension_requested);
                }
                if (c.warning == "red" && !c.handle_due.empty() && FormatDate(today) <= c.handle_due) c.warning.clear();
            }
            c.extension_requested = 0;
            break;
        case CaseOp::kInstruct:
            GRIDGOV_RETURN_IF_ERROR(need_comment("批示内容"));
            break;
        case CaseOp::kMerge: {
            if (p.into == 0 || p.into == c.id) return InvalidArgument("请指定合并到的案件 into", "into");
            GRIDGOV_ASSIGN_OR_RETURN(Case target, cases_.GetCase(p.into));
            GRIDGOV_RETURN_IF_ERROR(CheckVisible(caller, target));
            if (target.state == CaseState::kMerged) return FailedPrecondition("目标案件本身已被合并");
            c.merged_into = target.id;
            c.level_due.clear();
            c.warning.clear();
            data["into"] = target.id;
            data["into_case_no"] = target.case_no;
            break;
        }
        case CaseOp::kSuspend:
            GRIDGOV_RETURN_IF_ERROR(need_comment("挂起理由"));
            c.state_before_suspension = c.state;
            break;
        case CaseOp::kResume:
            next = c.state_before_suspension;
            break;
    }
    e.to = next;
    e.data = JsonText(data);
    c.state = next;
    c.updated_at = now;
    std::vector<CaseEvent> events{e};
    for (auto& x : extra) {
        x.case_id = c.id;
        events.push_back(std::move(x));
    }
    Result<Case> written = cases_.UpdateCase(c, version, events);
    if (written.ok() && observer_) observer_(&before, *written);
    return written;
}

Result<CaseView> CaseService::Get(const Caller& caller, std::int64_t id) {
    CaseView view;
    GRIDGOV_ASSIGN_OR_RETURN(view.value, cases_.GetCase(id));
    GRIDGOV_RETURN_IF_ERROR(CheckVisible(caller, view.value));
    GRIDGOV_ASSIGN_OR_RETURN(view.history, cases_.CaseHistory(id));
    for (CaseOp op : domain::AllCaseOps()) {
        if (MayAct(caller, view.value, op).ok()) view.allowed.push_back(op);
    }
    return view;
}

Result<storage::Page<Case>> CaseService::List(const Caller& caller, storage::CaseFilter filter) {
    GRIDGOV_RETURN_IF_ERROR(Authorize(caller, domain::Action::kViewCases));
    if (!caller.unrestricted) {
        if (filter.region_code.empty()) {
            filter.region_code = caller.scope_code;
            if (!caller.unit_code.empty() && filter.unit_code.empty()) {
                filter.unit_code = caller.unit_code;
                filter.region_or_unit = true;
            }
        } else {
            GRIDGOV_RETURN_IF_ERROR(CheckScope(caller, filter.region_code));
        }
    }
    return cases_.ListCases(filter);
}

Result<storage::TodoCounts> CaseService::Todo(const Caller& caller) {
    GRIDGOV_RETURN_IF_ERROR(Authorize(caller, domain::Action::kViewCases));
    return cases_.CountTodo(caller.unrestricted ? "" : caller.scope_code, caller.unit_code);
}

Result<ScanReport> CaseService::Scan() {
    ScanReport report;
    std::int64_t now = clock_();
    Date today = ChinaDate(now);
    std::string today_text = FormatDate(today);
    auto calendar = calendar_.Get();
    GRIDGOV_ASSIGN_OR_RETURN(auto open, cases_.OpenCases());
    for (const Case& open_case : open) {
        Case c = open_case;
        ++report.examined;
        domain::TimeLimits limits = LimitsFor(c);
        std::vector<CaseEvent> events;
        auto system_event = [&](std::string op, std::string comment, std::string data) {
            CaseEvent e;
            e.case_id = c.id;
            e.at = now;
            e.actor = "system";
            e.op = std::move(op);
            e.from = c.state;
            e.to = c.state;
            e.comment = std::move(comment);
            e.data = std::move(data);
            events.push_back(std::move(e));
        };
        // Automatic escalation: a level's limit passed while the case was still waiting there.
        bool waiting = c.state == CaseState::kRegistered || c.state == CaseState::kAccepted;
        if (waiting && !c.level_due.empty() && today_text > c.level_due && domain::NextLevel(c.level)) {
            CaseLevel from = c.level;
            c.level = *domain::NextLevel(c.level);
            CaseState before = c.state;
            c.state = CaseState::kRegistered;
            c.level_due = DueAfter(today, LimitsFor(c).level);
            c.warning.clear();
            c.overdue = true;
            system_event("escalate",
                         std::string(domain::CaseLevelNameZh(from)) + "超过办理时限，自动上报" +
                             std::string(domain::CaseLevelNameZh(c.level)),
                         JsonText({{"level", domain::CaseLevelName(c.level)}, {"automatic", true}}));
            events.back().from = before;
            ++report.escalated;
        }
        // The running stage's deadline: yellow warning before it, red card after it.
        std::string due;
        domain::Stage stage = domain::Stage::kLevel;
        if (c.state == CaseState::kDispatched) {
            due = c.sign_due;
            stage = domain::Stage::kSign;
        } else if (c.state == CaseState::kHandling) {
            due = c.handle_due;
            stage = domain::Stage::kHandle;
        } else if (c.state == CaseState::kFinished) {
            due = c.verify_due;
            stage = domain::Stage::kVerify;
        } else if (waiting) {
            due = c.level_due;
        }
        if (!due.empty()) {
            Result<Date> due_date = ParseDate(due);
            if (due_date.ok()) {
                std::string warn_from = FormatDate(calendar->AddWorkingDays(*due_date, -limits.warn_before));
                std::string stage_zh(domain::StageNameZh(stage));
                if (today_text > due && c.warning != "red") {
                    c.warning = "red";
                    c.overdue = true;
                    c.supervision = std::max(c.supervision, domain::Supervision::kRed);
                    system_event("warn_red", stage_zh + "已超期（期限 " + due + "），红牌督办",
                                 JsonText({{"stage", domain::StageName(stage)}, {"due", due}}));
                    ++report.red;
                } else if (today_text <= due && today_text >= warn_from && c.warning.empty()) {
                    c.warning = "yellow";
                    c.supervision = std::max(c.supervision, domain::Supervision::kYellow);
                    system_event("warn_yellow", stage_zh + "即将到期（期限 " + due + "），黄牌预警",
                                 JsonText({{"stage", domain::StageName(stage)}, {"due", due}}));
                    ++report.yellow;
                }
            }
        }
        if (events.empty()) continue;
        const Case before = open_case;
        std::int64_t version = c.version;
        c.updated_at = now;
        Result<Case> written = cases_.UpdateCase(c, version, events);
        if (!written.ok()) {
            if (written.status().code() == StatusCode::kConflict) {
                ++report.conflicts;
                continue;
            }
            return written.status();
        }
        if (observer_) observer_(&before, *written);
    }
    return report;
}

}  // namespace gridgov::service
