// The case engine's routes: report, list, detail with history, the 18 operations, to-do counts, categories,
// and the deadline scan on demand.
#include <boost/json.hpp>

#include "common/date.hpp"
#include "common/id_number.hpp"
#include "http/api.hpp"
#include "http/dto.hpp"
#include "http/json_response.hpp"
#include "http/request_util.hpp"
#include "service/regions.hpp"

namespace gridgov::http {
namespace {

namespace json = boost::json;
using beast_http::status;
using beast_http::verb;
using service::Caller;

json::object CaseJson(const domain::Case& c) {
    json::object o{
        {"id", c.id},
        {"case_no", c.case_no},
        {"type", domain::CaseTypeName(c.type)},
        {"type_name", domain::CaseTypeNameZh(c.type)},
        {"channel", domain::ChannelName(c.channel)},
        {"channel_name", domain::ChannelNameZh(c.channel)},
        {"category_code", c.category_code},
        {"title", c.title},
        {"description", c.description},
        {"state", domain::CaseStateName(c.state)},
        {"state_name", domain::CaseStateNameZh(c.state)},
        {"level", domain::CaseLevelName(c.level)},
        {"level_name", domain::CaseLevelNameZh(c.level)},
        {"grid_code", c.grid_code},
        {"region_code", c.region_code},
        {"town_code", c.region_code.substr(0, std::min<std::size_t>(9, c.region_code.size()))},
        {"address", c.address},
        {"reporter_name", c.reporter_name},
        {"reporter_phone", MaskPhone(c.reporter_phone)},
        {"unit_code", c.unit_code},
        {"created_at", c.created_at},
        {"updated_at", c.updated_at},
        {"version", c.version},
        {"sign_due", c.sign_due},
        {"handle_due", c.handle_due},
        {"verify_due", c.verify_due},
        {"level_due", c.level_due},
        {"warning", c.warning},
        {"supervision", domain::SupervisionName(c.supervision)},
        {"supervision_name", domain::SupervisionNameZh(c.supervision)},
        {"extension_days", c.extension_days},
        {"extension_requested", c.extension_requested},
        {"redo_count", c.redo_count},
        {"satisfaction", c.satisfaction ? json::value(domain::SatisfactionName(*c.satisfaction)) : nullptr},
        {"satisfaction_name", c.satisfaction ? json::value(domain::SatisfactionNameZh(*c.satisfaction)) : nullptr},
        {"merged_into", c.merged_into},
        {"finished_at", c.finished_at},
        {"closed_at", c.closed_at},
        {"overdue", c.overdue}};
    o["lng"] = c.lng ? json::value(*c.lng) : json::value(nullptr);
    o["lat"] = c.lat ? json::value(*c.lat) : json::value(nullptr);
    return o;
}

json::object EventJson(const domain::CaseEvent& e) {
    json::error_code ec;
    json::value data = json::parse(e.data, ec);
    if (ec) data = json::object{};
    json::array attachments;
    for (const auto& a : e.attachments) attachments.emplace_back(a);
    auto op = domain::ParseCaseOp(e.op);
    std::string_view op_name = op                      ? domain::CaseOpNameZh(*op)
                               : e.op == "report"      ? "登记"
                               : e.op == "warn_yellow" ? "黄牌预警"
                               : e.op == "warn_red"    ? "红牌督办"
                                                       : std::string_view(e.op);
    return {{"id", e.id},
            {"at", e.at},
            {"actor", e.actor},
            {"actor_role", e.actor_role},
            {"op", e.op},
            {"op_name", op_name},
            {"from_state", domain::CaseStateName(e.from)},
            {"to_state", domain::CaseStateName(e.to)},
            {"to_state_name", domain::CaseStateNameZh(e.to)},
            {"comment", e.comment},
            {"data", std::move(data)},
            {"attachments", std::move(attachments)}};
}

// Reads an operation's parameters from the request body (all optional but `version`).
Result<std::pair<std::int64_t, service::ActionParams>> ParseAction(const Request& req) {
    GRIDGOV_ASSIGN_OR_RETURN(json::value body, ParseJsonBody(req));
    if (!body.is_object()) return InvalidArgument("请求体应为 JSON 对象");
    const json::object& o = body.as_object();
    const json::value* version = o.if_contains("version");
    if (version == nullptr || !version->is_int64()) {
        return InvalidArgument("请提供您看到的案件版本 version（整数）", "version");
    }
    service::ActionParams p;
    GRIDGOV_ASSIGN_OR_RETURN(p.comment, StringField(body, "comment", false));
    GRIDGOV_ASSIGN_OR_RETURN(p.unit_code, StringField(body, "unit_code", false));
    GRIDGOV_ASSIGN_OR_RETURN(p.satisfaction, StringField(body, "satisfaction", false));
    GRIDGOV_ASSIGN_OR_RETURN(p.supervision, StringField(body, "supervision", false));
    for (auto [key, target] : {std::pair{"pass", &p.pass}, std::pair{"approve", &p.approve}}) {
        const json::value* v = o.if_contains(key);
        if (v == nullptr || v->is_null()) continue;
        if (!v->is_bool()) return InvalidArgument(std::string(key) + " 应为 true 或 false", key);
        *target = v->as_bool();
    }
    if (const json::value* v = o.if_contains("days"); v != nullptr && !v->is_null()) {
        if (!v->is_int64() || v->as_int64() < 0 || v->as_int64() > 365) {
            return InvalidArgument("days 应为 0 到 365 之间的整数", "days");
        }
        p.days = static_cast<int>(v->as_int64());
    }
    if (const json::value* v = o.if_contains("into"); v != nullptr && !v->is_null()) {
        if (!v->is_int64()) return InvalidArgument("into 应为案件编号（整数 id）", "into");
        p.into = v->as_int64();
    }
    if (const json::value* v = o.if_contains("attachments"); v != nullptr && !v->is_null()) {
        if (!v->is_array() || v->as_array().size() > 20)
            return InvalidArgument("attachments 应为不超过 20 项的数组", "attachments");
        for (const auto& a : v->as_array()) {
            if (!a.is_string()) return InvalidArgument("attachments 中应为文件摘要字符串", "attachments");
            p.attachments.emplace_back(a.as_string());
        }
    }
    return std::pair{version->as_int64(), std::move(p)};
}

Result<service::NewCase> ParseNewCase(const Request& req) {
    GRIDGOV_ASSIGN_OR_RETURN(json::value body, ParseJsonBody(req));
    if (!body.is_object()) return InvalidArgument("请求体应为 JSON 对象");
    service::NewCase n;
    for (auto [key, target] :
         {std::pair{"type", &n.type}, std::pair{"channel", &n.channel}, std::pair{"category_code", &n.category_code},
          std::pair{"title", &n.title}, std::pair{"description", &n.description}, std::pair{"datum", &n.datum},
          std::pair{"grid_code", &n.grid_code}, std::pair{"region_code", &n.region_code},
          std::pair{"address", &n.address}, std::pair{"reporter_name", &n.reporter_name},
          std::pair{"reporter_phone", &n.reporter_phone}, std::pair{"client_request_id", &n.client_request_id}}) {
        GRIDGOV_ASSIGN_OR_RETURN(std::string value, StringField(body, key, false));
        if (!value.empty()) *target = std::move(value);
    }
    const json::object& o = body.as_object();
    for (auto [key, target] : {std::pair{"lng", &n.lng}, std::pair{"lat", &n.lat}}) {
        const json::value* v = o.if_contains(key);
        if (v == nullptr || v->is_null()) continue;
        if (!v->is_number()) return InvalidArgument(std::string(key) + " 应为数字", key);
        *target = v->to_number<double>();
    }
    return n;
}

Result<storage::CaseFilter> ParseCaseFilter(const RouteParams& p) {
    storage::CaseFilter f;
    f.region_code = std::string(p.Query("region"));
    f.unit_code = std::string(p.Query("unit"));
    std::string_view states = p.Query("state");
    while (!states.empty()) {
        auto comma = states.find(',');
        std::string_view one = states.substr(0, comma);
        auto st = domain::ParseCaseState(one);
        if (!st) return InvalidArgument("未知的案件状态：" + std::string(one), "state");
        f.states.push_back(*st);
        states = comma == std::string_view::npos ? std::string_view{} : states.substr(comma + 1);
    }
    if (!p.Query("type").empty()) {
        f.type = domain::ParseCaseType(p.Query("type"));
        if (!f.type) return InvalidArgument("未知的案件类型", "type");
    }
    if (!p.Query("channel").empty()) {
        f.channel = domain::ParseChannel(p.Query("channel"));
        if (!f.channel) return InvalidArgument("未知的来源渠道", "channel");
    }
    f.category_code = std::string(p.Query("category"));
    f.warning = std::string(p.Query("warning"));
    if (!f.warning.empty() && f.warning != "yellow" && f.warning != "red") {
        return InvalidArgument("warning 应为 yellow 或 red", "warning");
    }
    f.q = std::string(p.Query("q"));
    // from/to: dates in China (inclusive), e.g. from=2026-01-01&to=2026-12-31.
    for (auto [key, target, next_day] :
         {std::tuple{"from", &f.created_from, false}, std::tuple{"to", &f.created_to, true}}) {
        std::string_view text = p.Query(key);
        if (text.empty()) continue;
        Result<Date> d = ParseDate(text);
        if (!d.ok()) return InvalidArgument(std::string(key) + " 应为日期 YYYY-MM-DD", key);
        std::int64_t day = std::chrono::sys_days(*d).time_since_epoch().count() + (next_day ? 1 : 0);
        *target = day * 86400 - 8 * 3600;  // midnight in China (UTC+8)
    }
    if (p.Query("mine") == "1") f.reporter_login = "\x01";  // replaced by the caller's login below
    GRIDGOV_ASSIGN_OR_RETURN(f.page, service::ParsePaging(p.Query("page"), p.Query("page_size")));
    return f;
}

}  // namespace

void Api::AddCaseRoutes() {
    AddAuthenticated(
        verb::get, "/api/v1/case-categories", [this](const Request& req, const RouteParams&, const Caller& c) {
            if (Status s = service::Authorize(c, domain::Action::kViewCases); !s.ok()) return ErrorResponse(req, s);
            auto categories = store_.Cases().ListCategories();
            if (!categories.ok()) return ErrorResponse(req, categories.status());
            json::array items;
            for (const auto& k : *categories) {
                items.emplace_back(json::object{{"code", k.code},
                                                {"name", k.name},
                                                {"type", domain::CaseTypeName(k.type)},
                                                {"parent_code", k.parent_code},
                                                {"limits",
                                                 {{"sign", k.limits.sign},
                                                  {"handle", k.limits.handle},
                                                  {"verify", k.limits.verify},
                                                  {"level", k.limits.level},
                                                  {"warn_before", k.limits.warn_before},
                                                  {"max_extension", k.limits.max_extension}}}});
            }
            std::int64_t n = static_cast<std::int64_t>(items.size());
            return JsonResponse(
                req, status::ok,
                {{"items", std::move(items)}, {"total", n}, {"page", 1}, {"page_size", std::max<std::int64_t>(n, 1)}});
        });

    AddAuthenticated(verb::post, "/api/v1/cases", [this](const Request& req, const RouteParams&, const Caller& c) {
        Result<service::NewCase> input = ParseNewCase(req);
        if (!input.ok()) return ErrorResponse(req, input.status());
        Result<service::ReportResult> r = cases_.Report(c, *input);
        if (!r.ok()) return ErrorResponse(req, r.status());
        json::object body = CaseJson(r->value);
        json::array duplicates;
        for (const auto& d : r->duplicates) duplicates.emplace_back(CaseJson(d));
        body["duplicates"] = std::move(duplicates);
        body["created"] = r->created;
        return JsonResponse(req, r->created ? status::created : status::ok, body);
    });

    AddAuthenticated(verb::get, "/api/v1/cases", [this](const Request& req, const RouteParams& p, const Caller& c) {
        Result<storage::CaseFilter> filter = ParseCaseFilter(p);
        if (!filter.ok()) return ErrorResponse(req, filter.status());
        if (filter->reporter_login == "\x01") filter->reporter_login = c.login;
        return Reply(req, cases_.List(c, *filter),
                     [](const storage::Page<domain::Case>& page) { return PageJson(page, CaseJson); });
    });

    AddAuthenticated(verb::get, "/api/v1/cases/todo", [this](const Request& req, const RouteParams&, const Caller& c) {
        return Reply(req, cases_.Todo(c), [](const storage::TodoCounts& t) {
            return json::object{{"to_accept", t.to_accept}, {"to_sign", t.to_sign},   {"to_handle", t.to_handle},
                                {"to_verify", t.to_verify}, {"due_soon", t.due_soon}, {"overdue", t.overdue}};
        });
    });

    AddAuthenticated(verb::post, "/api/v1/cases/scan", [this](const Request& req, const RouteParams&, const Caller& c) {
        // The server runs the scan on a timer; administrators may run it at once.
        if (Status s = service::Authorize(c, domain::Action::kManageCalendar); !s.ok()) return ErrorResponse(req, s);
        return Reply(req, cases_.Scan(), [](const service::ScanReport& r) {
            return json::object{{"examined", r.examined},
                                {"yellow", r.yellow},
                                {"red", r.red},
                                {"escalated", r.escalated},
                                {"conflicts", r.conflicts}};
        });
    });

    AddAuthenticated(verb::get, "/api/v1/cases/{id}",
                     [this](const Request& req, const RouteParams& p, const Caller& c) {
                         Result<int> id = IntParam(p.Path("id"), 1, 2'000'000'000, "id");
                         if (!id.ok()) return ErrorResponse(req, id.status());
                         return Reply(req, cases_.Get(c, *id), [](const service::CaseView& v) {
                             json::object o = CaseJson(v.value);
                             json::array history;
                             for (const auto& e : v.history) history.emplace_back(EventJson(e));
                             o["history"] = std::move(history);
                             json::array allowed;
                             for (auto op : v.allowed) {
                                 allowed.emplace_back(
                                     json::object{{"op", domain::CaseOpName(op)}, {"name", domain::CaseOpNameZh(op)}});
                             }
                             o["allowed_actions"] = std::move(allowed);
                             return o;
                         });
                     });

    AddAuthenticated(verb::post, "/api/v1/cases/{id}/actions/{op}",
                     [this](const Request& req, const RouteParams& p, const Caller& c) {
                         Result<int> id = IntParam(p.Path("id"), 1, 2'000'000'000, "id");
                         if (!id.ok()) return ErrorResponse(req, id.status());
                         std::optional<domain::CaseOp> op = domain::ParseCaseOp(p.Path("op"));
                         if (!op) return ErrorResponse(req, NotFound("未知的操作：" + std::string(p.Path("op")), "op"));
                         auto action = ParseAction(req);
                         if (!action.ok()) return ErrorResponse(req, action.status());
                         return Reply(req, cases_.Act(c, *id, *op, action->first, action->second), CaseJson);
                     });
}

}  // namespace gridgov::http
