// Route table and handlers of the /api/v1 JSON API.
#include "http/api.hpp"

#include <boost/json.hpp>
#include <charconv>
#include <mutex>

#include "common/date.hpp"
#include "http/dto.hpp"
#include "http/json_response.hpp"
#include "http/request_util.hpp"
#include "service/calendar.hpp"
#include "service/regions.hpp"

namespace gridgov::http {
namespace {

constexpr std::string_view kVersion = "0.1.0";

using beast_http::status;
using beast_http::verb;
using service::Caller;

boost::json::object AccountJson(const domain::Account& a, std::int64_t now) {
    auto role = domain::ParseRole(a.role);
    return {{"id", a.id},
            {"login", a.login},
            {"name", a.name},
            {"role", a.role},
            {"role_name", role ? domain::RoleNameZh(*role) : std::string_view{}},
            {"scope_code", a.scope_code},
            {"region_code", a.scope_code},
            {"unit_code", a.unit_code},
            {"locked", a.locked_until > now},
            {"disabled", a.disabled},
            {"created_at", a.created_at}};
}

boost::json::object AuditJson(const domain::AuditEntry& e) {
    boost::json::value detail;
    boost::system::error_code ec;
    detail = boost::json::parse(e.detail, ec);
    if (ec) detail = e.detail;
    return {{"id", e.id},
            {"at", e.at},
            {"actor", e.actor},
            {"actor_role", e.actor_role},
            {"action", e.action},
            {"target_type", e.target_type},
            {"target_id", e.target_id},
            {"region_code", e.region_code},
            {"detail", detail},
            {"remote", e.remote}};
}

std::string CsvCell(std::string_view s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out.push_back('"');
        out.push_back(c);
    }
    return out + "\"";
}

Result<storage::AuditFilter> AuditFilterFrom(const RouteParams& p) {
    storage::AuditFilter f;
    f.region_code = std::string(p.Query("region"));
    f.actor = std::string(p.Query("actor"));
    f.action = std::string(p.Query("action"));
    for (auto [key, target] : {std::pair{"from", &f.from}, std::pair{"to", &f.to}}) {
        std::string_view text = p.Query(key);
        if (text.empty()) continue;
        auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), *target);
        if (ec != std::errc() || ptr != text.data() + text.size()) {
            return InvalidArgument(std::string(key) + " 应为 Unix 时间戳（秒）", key);
        }
    }
    GRIDGOV_ASSIGN_OR_RETURN(f.page, service::ParsePaging(p.Query("page"), p.Query("page_size")));
    return f;
}

}  // namespace

Result<std::unique_ptr<Api>> Api::Create(storage::Store& store, ApiOptions options, service::Clock clock) {
    GRIDGOV_ASSIGN_OR_RETURN(WorkCalendar calendar, service::LoadCalendar(store));
    std::unique_ptr<Api> api(new Api(store, std::move(calendar), options, std::move(clock)));
    GRIDGOV_RETURN_IF_ERROR(api->locator_.Reload());
    api->AddRoutes();
    api->AddCaseRoutes();
    GRIDGOV_ASSIGN_OR_RETURN(api->rollup_, reports::Rollup::Build(store.Cases()));
    api->stats_ = std::make_unique<reports::StatsService>(store, *api->rollup_, api->clock_);
    api->cases_.SetObserver([rollup = api->rollup_.get()](const domain::Case* before, const domain::Case& after) {
        rollup->Apply(before, after);
    });
    api->AddStatsRoutes();
    api->AddOpen311Routes();
    api->cases_.SetAttachments(&api->attachments_);
    api->AddAttachmentRoutes();
    return api;
}

Api::Api(storage::Store& store, WorkCalendar calendar, ApiOptions options, service::Clock clock)
    : store_(store),
      options_(options),
      clock_(clock),
      auth_(store, options.auth, clock),
      calendar_(std::move(calendar)),
      locator_(store),
      attachments_(options.attachments_dir.empty() ? "var/attachments" : options.attachments_dir),
      cases_(store, store.Cases(), locator_, calendar_, clock),
      login_limiter_(options.login_per_minute, options.login_burst),
      write_limiter_(options.writes_per_minute, options.writes_burst) {}

Response Api::Handle(const Request& request, const RequestContext& context) const {
    if (request.method() != verb::get && request.method() != verb::head &&
        !write_limiter_.Allow(context.remote_address)) {
        return ErrorResponse(request, ResourceExhausted("请求过于频繁，请稍后再试"));
    }
    return router_.Dispatch(request, context);
}

void Api::AddAuthenticated(verb method, std::string pattern, CallerHandler handler) {
    router_.Add(
        method, std::move(pattern),
        [this, handler = std::move(handler)](const Request& req, const RouteParams& params, const RequestContext& ctx) {
            Result<Caller> caller = auth_.Authenticate(BearerToken(req), ctx.remote_address);
            if (!caller.ok()) {
                Response res = ErrorResponse(req, caller.status());
                if (caller.status().code() == StatusCode::kUnauthenticated) {
                    res.set(beast_http::field::www_authenticate, "Bearer");
                }
                return res;
            }
            return handler(req, params, *caller);
        });
}

void Api::AddRoutes() {
    // ---- public ----
    router_.Add(verb::get, "/api/v1/health", [this](const Request& req, const RouteParams&, const RequestContext&) {
        Result<int> version = store_.SchemaVersion();
        if (!version.ok()) return ErrorResponse(req, Unavailable("数据库不可用"));
        return JsonResponse(
            req, status::ok,
            {{"status", "ok"}, {"version", kVersion}, {"backend", store_.Backend()}, {"schema_version", *version}});
    });

    router_.Add(verb::get, "/api/v1/openapi.json", [](const Request& req, const RouteParams&, const RequestContext&) {
        Response res{status::ok, req.version()};
        res.set(beast_http::field::content_type, "application/json; charset=utf-8");
        res.keep_alive(req.keep_alive());
        res.body() = std::string(kOpenApiDocument);
        res.prepare_payload();
        return res;
    });

    router_.Add(verb::post, "/api/v1/auth/login",
                [this](const Request& req, const RouteParams&, const RequestContext& ctx) {
                    if (!login_limiter_.Allow(ctx.remote_address)) {
                        return ErrorResponse(req, ResourceExhausted("登录尝试过于频繁，请稍后再试"));
                    }
                    Result<boost::json::value> body = ParseJsonBody(req);
                    if (!body.ok()) return ErrorResponse(req, body.status());
                    Result<std::string> login = StringField(*body, "login");
                    if (!login.ok()) return ErrorResponse(req, login.status());
                    Result<std::string> password = StringField(*body, "password");
                    if (!password.ok()) return ErrorResponse(req, password.status());
                    auto result = auth_.Login(*login, *password, ctx.remote_address);
                    if (!result.ok()) return ErrorResponse(req, result.status());
                    std::int64_t now = clock_();
                    boost::json::object user = AccountJson(result->account, now);
                    if (auto scope = store_.GetRegion(result->account.scope_code); scope.ok()) {
                        user["scope_name"] = scope->name;
                    } else if (auto grid = store_.GetGrid(result->account.scope_code); grid.ok()) {
                        user["scope_name"] = grid->name;
                    }
                    return JsonResponse(req, status::ok,
                                        {{"token", result->token},
                                         {"token_type", "Bearer"},
                                         {"expires_at", result->expires_at},
                                         {"user", std::move(user)}});
                });

    // ---- the session ----
    AddAuthenticated(verb::get, "/api/v1/auth/me", [this](const Request& req, const RouteParams&, const Caller& c) {
        auto account = store_.GetAccountById(c.account_id);
        if (!account.ok()) return ErrorResponse(req, account.status());
        boost::json::object user = AccountJson(*account, clock_());
        if (auto scope = store_.GetRegion(c.scope_code); scope.ok()) {
            user["scope_name"] = scope->name;
        } else if (auto grid = store_.GetGrid(c.scope_code); grid.ok()) {
            user["scope_name"] = grid->name;
        }
        boost::json::array actions;
        for (domain::Action a : domain::AllActions()) {
            if (domain::RoleMay(c.role, a)) actions.emplace_back(domain::ActionName(a));
        }
        user["actions"] = std::move(actions);
        return JsonResponse(req, status::ok, {{"user", std::move(user)}});
    });

    AddAuthenticated(verb::post, "/api/v1/auth/logout",
                     [this](const Request& req, const RouteParams&, const Caller& c) {
                         return ReplyStatus(req, auth_.Logout(c, BearerToken(req)));
                     });

    AddAuthenticated(verb::post, "/api/v1/auth/password",
                     [this](const Request& req, const RouteParams&, const Caller& c) {
                         Result<boost::json::value> body = ParseJsonBody(req);
                         if (!body.ok()) return ErrorResponse(req, body.status());
                         Result<std::string> old_password = StringField(*body, "old_password");
                         if (!old_password.ok()) return ErrorResponse(req, old_password.status());
                         Result<std::string> new_password = StringField(*body, "new_password");
                         if (!new_password.ok()) return ErrorResponse(req, new_password.status());
                         return ReplyStatus(req, auth_.ChangePassword(c, *old_password, *new_password));
                     });

    // ---- the hierarchy ----
    AddAuthenticated(verb::get, "/api/v1/regions", [this](const Request& req, const RouteParams&, const Caller& c) {
        // The top of what the caller may see: its scope region (or its grid's village chain is not shown).
        std::vector<domain::Region> roots;
        if (auto r = store_.GetRegion(c.scope_code); r.ok()) roots.push_back(*r);
        storage::Page<domain::Region> page{roots, static_cast<std::int64_t>(roots.size()), 1,
                                           static_cast<int>(std::max<std::size_t>(roots.size(), 1))};
        return JsonResponse(req, status::ok, PageJson(page, RegionJson));
    });

    AddAuthenticated(verb::get, "/api/v1/regions/{code}",
                     [this](const Request& req, const RouteParams& p, const Caller& c) {
                         return Reply(req, service::DescribeRegion(store_, c, p.Path("code")), RegionViewJson);
                     });

    AddAuthenticated(verb::get, "/api/v1/regions/{code}/children",
                     [this](const Request& req, const RouteParams& p, const Caller& c) {
                         return Reply(req, service::ChildRegions(store_, c, p.Path("code")),
                                      [](const std::vector<domain::Region>& rs) {
                                          storage::Page<domain::Region> page{rs, static_cast<std::int64_t>(rs.size()),
                                                                             1, static_cast<int>(rs.size())};
                                          return PageJson(page, RegionJson);
                                      });
                     });

    AddAuthenticated(verb::get, "/api/v1/grids", [this](const Request& req, const RouteParams& p, const Caller& c) {
        service::GridQuery q{std::string(p.Query("region")), std::string(p.Query("type")), std::string(p.Query("q")),
                             std::string(p.Query("page")), std::string(p.Query("page_size"))};
        return Reply(req, service::ListGrids(store_, c, q),
                     [](const storage::Page<domain::Grid>& page) { return PageJson(page, GridJson); });
    });

    AddAuthenticated(
        verb::get, "/api/v1/grids/{code}", [this](const Request& req, const RouteParams& p, const Caller& c) {
            std::string_view reveal = p.Query("reveal");
            bool wants = reveal == "1" || reveal == "true";
            return Reply(req, service::DescribeGrid(store_, c, p.Path("code"), wants, clock_()), GridViewJson);
        });

    AddAuthenticated(verb::get, "/api/v1/units", [this](const Request& req, const RouteParams& p, const Caller& c) {
        service::UnitQuery q{std::string(p.Query("region")), std::string(p.Query("kind")), std::string(p.Query("page")),
                             std::string(p.Query("page_size"))};
        return Reply(req, service::ListUnits(store_, c, q),
                     [](const storage::Page<domain::Unit>& page) { return PageJson(page, UnitJson); });
    });

    // ---- the grid map ----
    AddAuthenticated(verb::get, "/api/v1/grids/locate",
                     [this](const Request& req, const RouteParams& p, const Caller& c) {
                         // Locating a point says only which grid it is in: every signed-in role may ask, whatever its
                         // scope (a grid worker reporting an event next door needs the answer).
                         if (Status s = service::Authorize(c, domain::Action::kViewHierarchy); !s.ok())
                             return ErrorResponse(req, s);
                         std::string lnglat = std::string(p.Query("lng")) + "," + std::string(p.Query("lat"));
                         Result<geo::Point> point = service::ParseLngLat(lnglat, "lng");
                         if (!point.ok()) return ErrorResponse(req, point.status());
                         std::string_view datum_name = p.Query("datum").empty() ? "wgs84" : p.Query("datum");
                         std::optional<geo::Datum> datum = geo::ParseDatum(datum_name);
                         if (!datum)
                             return ErrorResponse(req, InvalidArgument("datum 应为 wgs84、gcj02 或 bd09", "datum"));
                         geo::Point wgs = geo::ToWgs84(*point, *datum);
                         std::optional<std::string> code = locator_.Locate(wgs);
                         if (!code) return ErrorResponse(req, NotFound("该坐标不在任何网格内", "lng"));
                         Result<domain::Grid> grid = store_.GetGrid(*code);
                         if (!grid.ok()) return ErrorResponse(req, grid.status());
                         return JsonResponse(req, status::ok,
                                             {{"grid_code", *code},
                                              {"name", grid->name},
                                              {"village_code", grid->village_code},
                                              {"town_code", grid->village_code.substr(0, 9)},
                                              {"region_code", grid->village_code},
                                              {"datum", geo::DatumName(*datum)},
                                              {"wgs84", {{"lng", wgs.lng}, {"lat", wgs.lat}}}});
                     });

    AddAuthenticated(verb::get, "/api/v1/grids/export",
                     [this](const Request& req, const RouteParams& p, const Caller& c) {
                         Result<boost::json::object> doc = service::ExportGridsGeoJson(
                             store_, c, p.Query("region").empty() ? std::string_view(c.scope_code) : p.Query("region"));
                         if (!doc.ok()) return ErrorResponse(req, doc.status());
                         Response res = JsonResponse(req, status::ok, *doc);
                         res.set(beast_http::field::content_type, "application/geo+json; charset=utf-8");
                         return res;
                     });

    AddAuthenticated(
        verb::post, "/api/v1/grids/import", [this](const Request& req, const RouteParams&, const Caller& c) {
            std::string_view type = req[beast_http::field::content_type];
            if (!type.starts_with("application/geo+json") && !type.starts_with("application/json")) {
                return ErrorResponse(req, InvalidArgument("请以 application/geo+json 提交 GeoJSON", "content_type"));
            }
            Result<service::GridImportReport> report = service::ImportGridsGeoJson(store_, c, req.body(), clock_());
            if (!report.ok()) return ErrorResponse(req, report.status());
            boost::json::array errors;
            for (const auto& e : report->errors) {
                errors.emplace_back(
                    boost::json::object{{"feature", e.index + 1}, {"code", e.code}, {"message", e.message}});
            }
            if (!report->errors.empty()) {
                Response res = ErrorResponse(req, InvalidArgument("有 " + std::to_string(report->errors.size()) +
                                                                  " 个要素不合格，未导入任何网格"));
                boost::json::value body = boost::json::parse(res.body());
                body.as_object()["error"].as_object()["details"] =
                    boost::json::object{{"features", report->features}, {"errors", std::move(errors)}};
                res.body() = boost::json::serialize(body);
                res.prepare_payload();
                return res;
            }
            if (Status s = locator_.Reload(); !s.ok()) return ErrorResponse(req, s);
            return JsonResponse(req, status::ok, {{"features", report->features}, {"imported", report->imported}});
        });

    AddAuthenticated(verb::get, "/api/v1/regions/{code}/boundaries",
                     [this](const Request& req, const RouteParams& p, const Caller& c) {
                         std::string_view level = p.Query("level").empty() ? "grid" : p.Query("level");
                         Result<boost::json::object> doc = service::BoundariesGeoJson(store_, c, p.Path("code"), level);
                         if (!doc.ok()) return ErrorResponse(req, doc.status());
                         Response res = JsonResponse(req, status::ok, *doc);
                         res.set(beast_http::field::content_type, "application/geo+json; charset=utf-8");
                         return res;
                     });

    AddAuthenticated(verb::get, "/api/v1/regions/{code}/grid-check",
                     [this](const Request& req, const RouteParams& p, const Caller& c) {
                         service::GridCheckOptions options;
                         for (auto [key, target] : {std::pair{"max_households", &options.max_households},
                                                    std::pair{"max_population", &options.max_population}}) {
                             if (p.Query(key).empty()) continue;
                             Result<int> n = IntParam(p.Query(key), 1, 1'000'000, key);
                             if (!n.ok()) return ErrorResponse(req, n.status());
                             *target = *n;
                         }
                         return Reply(req, service::CheckGrids(store_, c, p.Path("code"), options),
                                      [](const boost::json::object& o) { return o; });
                     });

    // ---- the calendar ----
    AddAuthenticated(verb::get, "/api/v1/calendar/due",
                     [this](const Request& req, const RouteParams& p, const Caller& c) {
                         if (Status s = service::Authorize(c, domain::Action::kViewHierarchy); !s.ok()) {
                             return ErrorResponse(req, s);
                         }
                         Result<Date> from = ParseDate(p.Query("from"));
                         if (!from.ok()) return ErrorResponse(req, InvalidArgument(from.status().message(), "from"));
                         Result<int> n = IntParam(p.Query("working_days"), -3650, 3650, "working_days");
                         if (!n.ok()) return ErrorResponse(req, n.status());
                         auto calendar = calendar_.Get();
                         Date due = calendar->AddWorkingDays(*from, *n);
                         bool covered = calendar->CoversYear(static_cast<int>(from->year())) &&
                                        calendar->CoversYear(static_cast<int>(due.year()));
                         return JsonResponse(req, status::ok,
                                             {{"from", FormatDate(*from)},
                                              {"working_days", *n},
                                              {"due", FormatDate(due)},
                                              {"calendar_covered", covered}});
                     });

    AddAuthenticated(
        verb::put, "/api/v1/calendar/days", [this](const Request& req, const RouteParams&, const Caller& c) {
            Result<boost::json::value> body = ParseJsonBody(req);
            if (!body.ok()) return ErrorResponse(req, body.status());
            const boost::json::value* days = body->is_object() ? body->as_object().if_contains("days") : nullptr;
            if (days == nullptr || !days->is_array() || days->as_array().size() > 400) {
                return ErrorResponse(req, InvalidArgument("days 应为不超过 400 项的数组", "days"));
            }
            std::vector<CalendarDay> parsed;
            for (const auto& item : days->as_array()) {
                Result<std::string> date_text = StringField(item, "date");
                Result<std::string> kind = StringField(item, "kind");
                Result<std::string> note = StringField(item, "note", false);
                if (!date_text.ok() || !kind.ok() || !note.ok() || (*kind != "rest" && *kind != "workday")) {
                    return ErrorResponse(req, InvalidArgument("每一项需要 date、kind（rest 或 workday）", "days"));
                }
                Result<Date> d = ParseDate(*date_text);
                if (!d.ok()) return ErrorResponse(req, InvalidArgument(d.status().message(), "date"));
                parsed.push_back({*d, *kind == "rest" ? DayKind::kRestDay : DayKind::kWorkday, *note});
            }
            Status s = service::DefineCalendarDays(store_, c, parsed, clock_());
            if (!s.ok()) return ErrorResponse(req, s);
            // The stored days are the truth: reload them so every reader sees the same calendar.
            Result<WorkCalendar> reloaded = service::LoadCalendar(store_);
            if (!reloaded.ok()) return ErrorResponse(req, reloaded.status());
            calendar_.Set(std::move(reloaded).value());
            return JsonResponse(req, status::ok, {{"ok", true}, {"defined", parsed.size()}});
        });

    // ---- accounts ----
    AddAuthenticated(verb::get, "/api/v1/users", [this](const Request& req, const RouteParams& p, const Caller& c) {
        Result<storage::PageRequest> paging = service::ParsePaging(p.Query("page"), p.Query("page_size"));
        if (!paging.ok()) return ErrorResponse(req, paging.status());
        std::int64_t now = clock_();
        return Reply(req, auth_.ListAccounts(c, *paging), [now](const storage::Page<domain::Account>& page) {
            return PageJson(page, [now](const domain::Account& a) { return AccountJson(a, now); });
        });
    });

    AddAuthenticated(verb::post, "/api/v1/users", [this](const Request& req, const RouteParams&, const Caller& c) {
        Result<boost::json::value> body = ParseJsonBody(req);
        if (!body.ok()) return ErrorResponse(req, body.status());
        service::NewAccount n;
        for (auto [key, target] : {std::pair{"login", &n.login}, std::pair{"name", &n.name}, std::pair{"role", &n.role},
                                   std::pair{"scope_code", &n.scope_code}, std::pair{"password", &n.password}}) {
            Result<std::string> v = StringField(*body, key);
            if (!v.ok()) return ErrorResponse(req, v.status());
            *target = std::move(v).value();
        }
        auto created = auth_.CreateAccount(c, n);
        if (!created.ok()) return ErrorResponse(req, created.status());
        return JsonResponse(req, status::created, AccountJson(*created, clock_()));
    });

    AddAuthenticated(verb::post, "/api/v1/users/{login}/password",
                     [this](const Request& req, const RouteParams& p, const Caller& c) {
                         Result<boost::json::value> body = ParseJsonBody(req);
                         if (!body.ok()) return ErrorResponse(req, body.status());
                         Result<std::string> password = StringField(*body, "password");
                         if (!password.ok()) return ErrorResponse(req, password.status());
                         return ReplyStatus(req, auth_.ResetPassword(c, p.Path("login"), *password));
                     });

    AddAuthenticated(verb::post, "/api/v1/users/{login}/unlock",
                     [this](const Request& req, const RouteParams& p, const Caller& c) {
                         return ReplyStatus(req, auth_.Unlock(c, p.Path("login")));
                     });

    AddAuthenticated(verb::post, "/api/v1/users/{login}/revoke-sessions",
                     [this](const Request& req, const RouteParams& p, const Caller& c) {
                         return ReplyStatus(req, auth_.RevokeSessions(c, p.Path("login")));
                     });

    // ---- audit ----
    AddAuthenticated(verb::get, "/api/v1/audit", [this](const Request& req, const RouteParams& p, const Caller& c) {
        Result<storage::AuditFilter> filter = AuditFilterFrom(p);
        if (!filter.ok()) return ErrorResponse(req, filter.status());
        return Reply(req, auth_.SearchAudit(c, *filter),
                     [](const storage::Page<domain::AuditEntry>& page) { return PageJson(page, AuditJson); });
    });

    AddAuthenticated(
        verb::get, "/api/v1/audit/export", [this](const Request& req, const RouteParams& p, const Caller& c) {
            Result<storage::AuditFilter> filter = AuditFilterFrom(p);
            if (!filter.ok()) return ErrorResponse(req, filter.status());
            filter->page = {1, storage::kMaxPageSize};
            std::string csv = "\xEF\xBB\xBF编号,时间,操作人,角色,操作,对象类型,对象,区划,详情,来源地址\r\n";
            for (;;) {
                auto page = auth_.SearchAudit(c, *filter);
                if (!page.ok()) return ErrorResponse(req, page.status());
                for (const auto& e : page->items) {
                    csv += std::to_string(e.id) + "," + std::to_string(e.at) + "," + CsvCell(e.actor) + "," +
                           CsvCell(e.actor_role) + "," + CsvCell(e.action) + "," + CsvCell(e.target_type) + "," +
                           CsvCell(e.target_id) + "," + CsvCell(e.region_code) + "," + CsvCell(e.detail) + "," +
                           CsvCell(e.remote) + "\r\n";
                }
                if (static_cast<std::int64_t>(filter->page.page) * filter->page.page_size >= page->total ||
                    filter->page.page >= 200) {
                    break;
                }
                ++filter->page.page;
            }
            Response res{status::ok, req.version()};
            res.set(beast_http::field::content_type, "text/csv; charset=utf-8");
            res.set(beast_http::field::content_disposition, "attachment; filename=\"audit.csv\"");
            res.keep_alive(req.keep_alive());
            res.body() = std::move(csv);
            res.prepare_payload();
            return res;
        });
}

}  // namespace gridgov::http
