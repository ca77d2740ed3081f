// Cases, their history, categories and routing rules in PostgreSQL, method for method the twin of
// sqlite_case_store.cpp. Creating a case races safely with other app nodes on the partial unique index of
// (reporter_login, client_request_id); ImportCases reserves the ids in one query and COPYs both tables.
#include "storage/postgres/pg_case_store.hpp"

#include <boost/json.hpp>
#include <charconv>
#include <optional>
#include <string>
#include <vector>

namespace gridgov::storage::postgres {
namespace {

using domain::Case;
using domain::CaseEvent;
using Values = std::vector<std::optional<std::string>>;

constexpr std::string_view kCaseColumns =
    "id, case_no, type, channel, category_code, title, description, state, state_before_suspension, level, "
    "grid_code, region_code, lng, lat, address, reporter_name, reporter_phone, reporter_login, client_request_id, "
    "unit_code, created_at, updated_at, version, sign_due, handle_due, verify_due, level_due, warning, supervision, "
    "extension_days, extension_requested, redo_count, satisfaction, merged_into, finished_at, closed_at, overdue";
constexpr int kCaseColumnCount = 37;

// The columns CaseValues() fills, in its order: every column but id, case_no and version.
constexpr std::string_view kValueColumns =
    "type, channel, category_code, title, description, state, state_before_suspension, level, grid_code, "
    "region_code, location_code, lng, lat, address, reporter_name, reporter_phone, reporter_login, "
    "client_request_id, unit_code, created_at, updated_at, sign_due, handle_due, verify_due, level_due, warning, "
    "supervision, extension_days, extension_requested, redo_count, satisfaction, merged_into, finished_at, "
    "closed_at, overdue";

constexpr std::string_view kHistoryColumns =
    "case_id, at, actor, actor_role, op, from_state, to_state, comment, data, attachments";

std::string FormatDouble(double v) {
    char buf[32];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, r.ptr);
}

double ParseDouble(const std::string& text) {
    double v = 0;
    std::from_chars(text.data(), text.data() + text.size(), v);
    return v;
}

std::string Pad6(std::int64_t id) {
    std::string s = std::to_string(id);
    return s.size() >= 6 ? s : std::string(6 - s.size(), '0') + s;
}

// The values of kValueColumns for `c`, as text (NULL for a missing coordinate).
Values CaseValues(const Case& c) {
    auto text = [](std::string_view v) { return std::optional<std::string>(std::string(v)); };
    auto number = [](std::int64_t v) { return std::optional<std::string>(std::to_string(v)); };
    auto coordinate = [](const std::optional<double>& v) {
        return v ? std::optional<std::string>(FormatDouble(*v)) : std::nullopt;
    };
    return {text(domain::CaseTypeName(c.type)),
            text(domain::ChannelName(c.channel)),
            text(c.category_code),
            text(c.title),
            text(c.description),
            text(domain::CaseStateName(c.state)),
            text(domain::CaseStateName(c.state_before_suspension)),
            text(domain::CaseLevelName(c.level)),
            text(c.grid_code),
            text(c.region_code),
            text(c.grid_code.empty() ? c.region_code : c.grid_code),
            coordinate(c.lng),
            coordinate(c.lat),
            text(c.address),
            text(c.reporter_name),
            text(c.reporter_phone),
            text(c.reporter_login),
            text(c.client_request_id),
            text(c.unit_code),
            number(c.created_at),
            number(c.updated_at),
            text(c.sign_due),
            text(c.handle_due),
            text(c.verify_due),
            text(c.level_due),
            text(c.warning),
            text(domain::SupervisionName(c.supervision)),
            number(c.extension_days),
            number(c.extension_requested),
            number(c.redo_count),
            text(c.satisfaction ? domain::SatisfactionName(*c.satisfaction) : std::string_view{}),
            number(c.merged_into),
            number(c.finished_at),
            number(c.closed_at),
            number(c.overdue ? 1 : 0)};
}

void AddValues(Params& p, const Values& values) {
    for (const auto& v : values) {
        if (v) {
            p.Add(*v);
        } else {
            p.AddNull();
        }
    }
}

Case ReadCase(const Rows& r, int i) {
    Case c;
    c.id = r.Int(i, 0);
    c.case_no = r.Text(i, 1);
    c.type = domain::ParseCaseType(r.Text(i, 2)).value_or(domain::CaseType::kEvent);
    c.channel = domain::ParseChannel(r.Text(i, 3)).value_or(domain::Channel::kGridPatrol);
    c.category_code = r.Text(i, 4);
    c.title = r.Text(i, 5);
    c.description = r.Text(i, 6);
    c.state = domain::ParseCaseState(r.Text(i, 7)).value_or(domain::CaseState::kRegistered);
    c.state_before_suspension = domain::ParseCaseState(r.Text(i, 8)).value_or(domain::CaseState::kRegistered);
    c.level = domain::ParseCaseLevel(r.Text(i, 9)).value_or(domain::CaseLevel::kVillage);
    c.grid_code = r.Text(i, 10);
    c.region_code = r.Text(i, 11);
    if (!r.IsNull(i, 12)) c.lng = ParseDouble(r.Text(i, 12));
    if (!r.IsNull(i, 13)) c.lat = ParseDouble(r.Text(i, 13));
    c.address = r.Text(i, 14);
    c.reporter_name = r.Text(i, 15);
    c.reporter_phone = r.Text(i, 16);
    c.reporter_login = r.Text(i, 17);
    c.client_request_id = r.Text(i, 18);
    c.unit_code = r.Text(i, 19);
    c.created_at = r.Int(i, 20);
    c.updated_at = r.Int(i, 21);
    c.version = r.Int(i, 22);
    c.sign_due = r.Text(i, 23);
    c.handle_due = r.Text(i, 24);
    c.verify_due = r.Text(i, 25);
    c.level_due = r.Text(i, 26);
    c.warning = r.Text(i, 27);
    c.supervision = domain::ParseSupervision(r.Text(i, 28)).value_or(domain::Supervision::kNone);
    c.extension_days = static_cast<int>(r.Int(i, 29));
    c.extension_requested = static_cast<int>(r.Int(i, 30));
    c.redo_count = static_cast<int>(r.Int(i, 31));
    c.satisfaction = domain::ParseSatisfaction(r.Text(i, 32));
    c.merged_into = r.Int(i, 33);
    c.finished_at = r.Int(i, 34);
    c.closed_at = r.Int(i, 35);
    c.overdue = r.Int(i, 36) != 0;
    return c;
}

// The columns ScanCaseFacts reads, and the reader for them.
constexpr std::string_view kFactColumns =
    "id, case_no, type, channel, category_code, state, level, grid_code, region_code, unit_code, created_at, "
    "updated_at, supervision, redo_count, satisfaction, merged_into, finished_at, closed_at, overdue, warning";

Case ReadFacts(const Rows& r, int i) {
    Case c;
    c.id = r.Int(i, 0);
    c.case_no = r.Text(i, 1);
    c.type = domain::ParseCaseType(r.Text(i, 2)).value_or(domain::CaseType::kEvent);
    c.channel = domain::ParseChannel(r.Text(i, 3)).value_or(domain::Channel::kGridPatrol);
    c.category_code = r.Text(i, 4);
    c.state = domain::ParseCaseState(r.Text(i, 5)).value_or(domain::CaseState::kRegistered);
    c.level = domain::ParseCaseLevel(r.Text(i, 6)).value_or(domain::CaseLevel::kVillage);
    c.grid_code = r.Text(i, 7);
    c.region_code = r.Text(i, 8);
    c.unit_code = r.Text(i, 9);
    c.created_at = r.Int(i, 10);
    c.updated_at = r.Int(i, 11);
    c.supervision = domain::ParseSupervision(r.Text(i, 12)).value_or(domain::Supervision::kNone);
    c.redo_count = static_cast<int>(r.Int(i, 13));
    c.satisfaction = domain::ParseSatisfaction(r.Text(i, 14));
    c.merged_into = r.Int(i, 15);
    c.finished_at = r.Int(i, 16);
    c.closed_at = r.Int(i, 17);
    c.overdue = r.Int(i, 18) != 0;
    c.warning = r.Text(i, 19);
    return c;
}

std::vector<Case> ReadCases(const Rows& r) {
    std::vector<Case> out;
    out.reserve(static_cast<std::size_t>(r.size()));
    for (int i = 0; i < r.size(); ++i) out.push_back(ReadCase(r, i));
    return out;
}

std::string AttachmentsJson(const std::vector<std::string>& hashes) {
    boost::json::array a;
    for (const auto& h : hashes) a.emplace_back(h);
    return boost::json::serialize(a);
}

std::vector<std::string> ParseAttachments(const std::string& text) {
    std::vector<std::string> out;
    boost::json::error_code ec;
    boost::json::value v = boost::json::parse(text, ec);
    if (ec || !v.is_array()) return out;
    for (const auto& x : v.as_array()) {
        if (x.is_string()) out.emplace_back(x.as_string());
    }
    return out;
}

// The values of kHistoryColumns for event `e` of case `case_id`.
Values EventValues(const CaseEvent& e, std::int64_t case_id) {
    return {std::to_string(case_id),
            std::to_string(e.at),
            e.actor,
            e.actor_role,
            e.op,
            std::string(domain::CaseStateName(e.from)),
            std::string(domain::CaseStateName(e.to)),
            e.comment,
            e.data.empty() ? std::string("{}") : e.data,
            AttachmentsJson(e.attachments)};
}

Status InsertEvents(Connection& conn, std::span<const CaseEvent> events, std::int64_t case_id) {
    for (const CaseEvent& e : events) {
        Params p;
        AddValues(p, EventValues(e, case_id));
        GRIDGOV_RETURN_IF_ERROR(conn.Query("INSERT INTO case_history (" + std::string(kHistoryColumns) +
                                               ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                                           p)
                                    .status());
    }
    return Status::Ok();
}

// "$first, $first+1, …" for `count` parameters.
std::string Placeholders(int first, int count) {
    std::string out;
    for (int i = 0; i < count; ++i) {
        if (i > 0) out += ", ";
        out += "$" + std::to_string(first + i);
    }
    return out;
}

// A constraint violation while writing a case means a reference it names does not exist (as in SQLite).
Status CaseWriteFailure(const Status& st) {
    if (st.code() == StatusCode::kConflict) return InvalidArgument("案件数据无效（分类不存在？）", "category_code");
    return st;
}

class PostgresCaseStore final : public CaseStore {
  public:
    explicit PostgresCaseStore(Database& db) : db_(db) {}

    Status UpsertCategories(std::span<const domain::CaseCategory> categories) override {
        return db_.WriteStatus([&](Connection& c) -> Status {
            for (const auto& k : categories) {
                Params p;
                p.Add(k.code).Add(domain::CaseTypeName(k.type)).Add(k.name).Add(k.parent_code);
                p.Add(k.limits.sign).Add(k.limits.handle).Add(k.limits.verify).Add(k.limits.level);
                p.Add(k.limits.warn_before).Add(k.limits.max_extension).Add(k.limits.return_within);
                GRIDGOV_RETURN_IF_ERROR(
                    c.Query("INSERT INTO case_categories (code, case_type, name, parent_code, sign_days, handle_days, "
                            "verify_days, level_days, warn_before, max_extension, return_within) VALUES "
                            "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (code) DO UPDATE SET "
                            "name = EXCLUDED.name, case_type = EXCLUDED.case_type, "
                            "parent_code = EXCLUDED.parent_code, sign_days = EXCLUDED.sign_days, "
                            "handle_days = EXCLUDED.handle_days, verify_days = EXCLUDED.verify_days, "
                            "level_days = EXCLUDED.level_days, warn_before = EXCLUDED.warn_before, "
                            "max_extension = EXCLUDED.max_extension, return_within = EXCLUDED.return_within",
                            p)
                        .status());
            }
            return Status::Ok();
        });
    }

    Result<std::vector<domain::CaseCategory>> ListCategories() override {
        using V = std::vector<domain::CaseCategory>;
        return db_.Read<V>([&](Connection& c) -> Result<V> {
            GRIDGOV_ASSIGN_OR_RETURN(Rows r, c.Query(std::string(kCategorySelect) + " ORDER BY code"));
            V out;
            for (int i = 0; i < r.size(); ++i) out.push_back(ReadCategory(r, i));
            return out;
        });
    }

    Result<domain::CaseCategory> GetCategory(std::string_view code) override {
        return db_.Read<domain::CaseCategory>([&](Connection& c) -> Result<domain::CaseCategory> {
            GRIDGOV_ASSIGN_OR_RETURN(Rows r,
                                     c.Query(std::string(kCategorySelect) + " WHERE code = $1", Params().Add(code)));
            if (r.empty()) return NotFound("事件分类 " + std::string(code) + " 不存在", "category_code");
            return ReadCategory(r, 0);
        });
    }

    Status UpsertRoutingRules(std::span<const domain::RoutingRule> rules) override {
        return db_.WriteStatus([&](Connection& c) -> Status {
            for (const auto& rule : rules) {
                Result<Rows> r = c.Query(
                    "INSERT INTO routing_rules (region_code, category_code, unit_code) VALUES ($1, $2, $3) "
                    "ON CONFLICT (region_code, category_code) DO UPDATE SET unit_code = EXCLUDED.unit_code",
                    Params().Add(rule.region_code).Add(rule.category_code).Add(rule.unit_code));
                if (!r.ok()) {
                    return Unless(r.status(),
                                  InvalidArgument("分拨规则无效：区划、分类或单位不存在（" + rule.region_code + " / " +
                                                      rule.category_code + " / " + rule.unit_code + "）",
                                                  "unit_code"));
                }
            }
            return Status::Ok();
        });
    }

    Result<std::vector<domain::RoutingRule>> RoutingRulesFor(std::string_view category_code) override {
        using V = std::vector<domain::RoutingRule>;
        return db_.Read<V>([&](Connection& c) -> Result<V> {
            GRIDGOV_ASSIGN_OR_RETURN(Rows r,
                                     c.Query("SELECT region_code, category_code, unit_code FROM routing_rules WHERE "
                                             "category_code = $1 ORDER BY length(region_code) DESC, region_code",
                                             Params().Add(category_code)));
            V out;
            for (int i = 0; i < r.size(); ++i) out.push_back({r.Text(i, 0), r.Text(i, 1), r.Text(i, 2)});
            return out;
        });
    }

    Result<Created> CreateCase(const Case& input, const CaseEvent& first) override {
        return db_.Write<Created>([&](Connection& conn) -> Result<Created> {
            if (!input.client_request_id.empty()) {
                GRIDGOV_ASSIGN_OR_RETURN(std::optional<Case> existing, FindByClientRequest(conn, input));
                if (existing) return Created{std::move(*existing), false};
            }
            GRIDGOV_ASSIGN_OR_RETURN(Rows next, conn.Query("SELECT nextval(pg_get_serial_sequence('cases', 'id'))"));
            Case c = input;
            c.id = next.Int(0, 0);
            c.case_no = input.case_no + Pad6(c.id);
            c.version = 1;
            Params p;
            p.Add(c.id).Add(c.case_no);
            AddValues(p, CaseValues(c));
            // Another app node may have stored the same client request since the check above: its row wins.
            Result<Rows> inserted =
                conn.Query("INSERT INTO cases (id, case_no, " + std::string(kValueColumns) + ", version) VALUES (" +
                               Placeholders(1, 37) +
                               ", 1) ON CONFLICT (reporter_login, client_request_id) WHERE client_request_id <> '' "
                               "DO NOTHING RETURNING id",
                           p);
            if (!inserted.ok()) return CaseWriteFailure(inserted.status());
            if (inserted->empty()) {
                GRIDGOV_ASSIGN_OR_RETURN(std::optional<Case> existing, FindByClientRequest(conn, input));
                if (existing) return Created{std::move(*existing), false};
                return Internal("案件写入失败：请求编号冲突但未找到已有案件");
            }
            GRIDGOV_RETURN_IF_ERROR(InsertEvents(conn, std::span<const CaseEvent>(&first, 1), c.id));
            return Created{std::move(c), true};
        });
    }

    Result<Case> UpdateCase(const Case& c, std::int64_t expected_version, std::span<const CaseEvent> events) override {
        return db_.Write<Case>([&](Connection& conn) -> Result<Case> {
            Params p;
            p.Add(c.id);
            AddValues(p, CaseValues(c));
            p.Add(expected_version);
            GRIDGOV_ASSIGN_OR_RETURN(
                Rows r, conn.Query("UPDATE cases SET (" + std::string(kValueColumns) + ") = ROW(" +
                                       Placeholders(2, 35) + "), version = version + 1 WHERE id = $1 AND version = $37",
                                   p));
            if (r.Affected() == 0) {
                GRIDGOV_ASSIGN_OR_RETURN(Rows exists,
                                         conn.Query("SELECT version FROM cases WHERE id = $1", Params().Add(c.id)));
                if (exists.empty()) return NotFound("案件不存在", "id");
                return Conflict("案件已被他人更新（当前版本 " + exists.Text(0, 0) + "），请刷新后重试", "version");
            }
            GRIDGOV_RETURN_IF_ERROR(InsertEvents(conn, events, c.id));
            Case out = c;
            out.version = expected_version + 1;
            return out;
        });
    }

    Result<Case> GetCase(std::int64_t id) override {
        return db_.Read<Case>([&](Connection& c) -> Result<Case> {
            GRIDGOV_ASSIGN_OR_RETURN(
                Rows r, c.Query("SELECT " + std::string(kCaseColumns) + " FROM cases WHERE id = $1", Params().Add(id)));
            if (r.empty()) return NotFound("案件 " + std::to_string(id) + " 不存在", "id");
            return ReadCase(r, 0);
        });
    }

    Result<std::vector<CaseEvent>> CaseHistory(std::int64_t id) override {
        using V = std::vector<CaseEvent>;
        return db_.Read<V>([&](Connection& c) -> Result<V> {
            GRIDGOV_ASSIGN_OR_RETURN(Rows r, c.Query("SELECT id, " + std::string(kHistoryColumns) +
                                                         " FROM case_history WHERE case_id = $1 ORDER BY id",
                                                     Params().Add(id)));
            V out;
            for (int i = 0; i < r.size(); ++i) {
                CaseEvent e;
                e.id = r.Int(i, 0);
                e.case_id = r.Int(i, 1);
                e.at = r.Int(i, 2);
                e.actor = r.Text(i, 3);
                e.actor_role = r.Text(i, 4);
                e.op = r.Text(i, 5);
                e.from = domain::ParseCaseState(r.Text(i, 6)).value_or(domain::CaseState::kRegistered);
                e.to = domain::ParseCaseState(r.Text(i, 7)).value_or(domain::CaseState::kRegistered);
                e.comment = r.Text(i, 8);
                e.data = r.Text(i, 9);
                e.attachments = ParseAttachments(r.Text(i, 10));
                out.push_back(std::move(e));
            }
            return out;
        });
    }

    Result<Page<Case>> ListCases(const CaseFilter& f) override {
        using P = Page<Case>;
        return db_.Read<P>([&](Connection& c) -> Result<P> {
            PageRequest pr = Clamp(f.page);
            std::string states;
            for (auto st : f.states) {
                if (!states.empty()) states += ",";
                states += std::string(domain::CaseStateName(st));
            }
            // $1/$2 location range, $3 unit, $4 region_or_unit, $5 states (comma list), $6 type, $7 channel,
            // $8 category, $9 warning, $10 q, $11 reporter, $12 from, $13 to.
            std::string where =
                " FROM cases WHERE (CASE WHEN $4::integer = 1 THEN ((location_code >= $1 AND location_code < $2) "
                "OR unit_code = $3) ELSE (($1::text = '' OR (location_code >= $1 AND location_code < $2)) AND "
                "($3::text = '' OR unit_code = $3)) END) "
                "AND ($5::text = '' OR state = ANY (string_to_array($5, ','))) "
                "AND ($6::text = '' OR type = $6) AND ($7::text = '' OR channel = $7) "
                "AND ($8::text = '' OR category_code = $8) AND ($9::text = '' OR warning = $9) "
                "AND ($10::text = '' OR strpos(title, $10) > 0 OR strpos(description, $10) > 0) "
                "AND ($11::text = '' OR reporter_login = $11) AND ($12::bigint = 0 OR created_at >= $12) "
                "AND ($13::bigint = 0 OR created_at < $13)";
            Params params;
            params.Add(f.region_code).Add(SubtreeEnd(f.region_code)).Add(f.unit_code);
            params.Add(f.region_or_unit ? 1 : 0).Add(states);
            params.Add(f.type ? domain::CaseTypeName(*f.type) : std::string_view{});
            params.Add(f.channel ? domain::ChannelName(*f.channel) : std::string_view{});
            params.Add(f.category_code).Add(f.warning).Add(f.q).Add(f.reporter_login);
            params.Add(f.created_from).Add(f.created_to);
            Params page = params;
            page.Add(pr.page_size).Add(Offset(pr));
            GRIDGOV_ASSIGN_OR_RETURN(Rows r, c.Query("SELECT " + std::string(kCaseColumns) + ", COUNT(*) OVER ()" +
                                                         where + " ORDER BY id DESC LIMIT $14 OFFSET $15",
                                                     page));
            P out;
            out.page = pr.page;
            out.page_size = pr.page_size;
            out.items = ReadCases(r);
            GRIDGOV_ASSIGN_OR_RETURN(out.total, Total(c, r, kCaseColumnCount, pr, "SELECT COUNT(*)" + where, params));
            return out;
        });
    }

    Result<TodoCounts> CountTodo(std::string_view region, std::string_view unit) override {
        return db_.Read<TodoCounts>([&](Connection& c) -> Result<TodoCounts> {
            GRIDGOV_ASSIGN_OR_RETURN(
                Rows r,
                c.Query("SELECT "
                        "COUNT(*) FILTER (WHERE in_region AND state = 'registered'), "
                        "COUNT(*) FILTER (WHERE in_unit AND state = 'dispatched'), "
                        "COUNT(*) FILTER (WHERE in_unit AND state = 'handling'), "
                        "COUNT(*) FILTER (WHERE in_region AND state = 'finished'), "
                        "COUNT(*) FILTER (WHERE warning = 'yellow'), COUNT(*) FILTER (WHERE warning = 'red') "
                        "FROM (SELECT state, warning, "
                        "($1::text = '' OR (location_code >= $1 AND location_code < $2)) AS in_region, "
                        "($3::text <> '' AND unit_code = $3) AS in_unit FROM cases "
                        "WHERE state NOT IN ('rated', 'merged') AND (($1::text = '' OR (location_code >= $1 AND "
                        "location_code < $2)) OR ($3::text <> '' AND unit_code = $3))) t",
                        Params().Add(region).Add(SubtreeEnd(region)).Add(unit)));
            TodoCounts t;
            if (!r.empty()) t = {r.Int(0, 0), r.Int(0, 1), r.Int(0, 2), r.Int(0, 3), r.Int(0, 4), r.Int(0, 5)};
            return t;
        });
    }

    Result<std::vector<Case>> RecentCases(std::string_view category, std::int64_t since,
                                          std::string_view region) override {
        using V = std::vector<Case>;
        return db_.Read<V>([&](Connection& c) -> Result<V> {
            GRIDGOV_ASSIGN_OR_RETURN(
                Rows r, c.Query("SELECT " + std::string(kCaseColumns) +
                                    " FROM cases WHERE category_code = $1 AND created_at >= $2 AND "
                                    "location_code >= $3 AND location_code < $4 ORDER BY id DESC LIMIT 200",
                                Params().Add(category).Add(since).Add(region).Add(SubtreeEnd(region))));
            return ReadCases(r);
        });
    }

    Result<std::vector<Case>> OpenCases() override {
        using V = std::vector<Case>;
        return db_.Read<V>([&](Connection& c) -> Result<V> {
            GRIDGOV_ASSIGN_OR_RETURN(Rows r, c.Query("SELECT " + std::string(kCaseColumns) +
                                                     " FROM cases WHERE state IN ('registered', 'accepted', "
                                                     "'dispatched', 'handling', 'finished', 'verified') ORDER BY id"));
            return ReadCases(r);
        });
    }

    Result<std::optional<Case>> FindCaseByClientRequest(std::string_view reporter_login,
                                                        std::string_view client_request_id) override {
        using V = std::optional<Case>;
        return db_.Read<V>([&](Connection& conn) -> Result<V> {
            Case probe;
            probe.reporter_login = std::string(reporter_login);
            probe.client_request_id = std::string(client_request_id);
            return FindByClientRequest(conn, probe);
        });
    }

    Status AddApiKey(const ApiKey& key) override {
        return db_.WriteStatus([&](Connection& c) -> Status {
            Result<Rows> r =
                c.Query("INSERT INTO api_keys(key_hash, name, active, created_at) VALUES ($1, $2, $3, $4)",
                        Params().Add(key.key_hash).Add(key.name).Add(key.active ? 1 : 0).Add(key.created_at));
            if (!r.ok() && r.status().code() == StatusCode::kConflict) {
                return Conflict("API 密钥名称已存在：" + key.name, "name");
            }
            return r.status();
        });
    }

    Result<ApiKey> FindApiKey(std::string_view key_hash) override {
        return db_.Read<ApiKey>([&](Connection& c) -> Result<ApiKey> {
            GRIDGOV_ASSIGN_OR_RETURN(
                Rows r, c.Query("SELECT key_hash, name, active, created_at FROM api_keys WHERE key_hash = $1",
                                Params().Add(key_hash)));
            if (r.empty()) return NotFound("API 密钥无效", "api_key");
            return ApiKey{r.Text(0, 0), r.Text(0, 1), r.Int(0, 2) != 0, r.Int(0, 3)};
        });
    }

    Status ScanCaseFacts(const std::function<Status(const Case&)>& visit) override {
        Result<bool> r = db_.Read<bool>([&](Connection& c) -> Result<bool> {
            GRIDGOV_RETURN_IF_ERROR(c.Stream("SELECT " + std::string(kFactColumns) + " FROM cases ORDER BY id",
                                             [&](const Rows& row) { return visit(ReadFacts(row, 0)); }));
            return true;
        });
        return r.ok() ? Status::Ok() : r.status();
    }

    Status ImportCases(std::span<const Case> cases, std::span<const std::vector<CaseEvent>> histories) override {
        if (cases.size() != histories.size()) return InvalidArgument("案件与历史记录数量不一致");
        if (cases.empty()) return Status::Ok();
        return db_.WriteStatus([&](Connection& conn) -> Status {
            GRIDGOV_ASSIGN_OR_RETURN(Rows ids, conn.Query("SELECT nextval(pg_get_serial_sequence('cases', 'id')) FROM "
                                                          "generate_series(1, $1::bigint) ORDER BY 1",
                                                          Params().Add(static_cast<std::int64_t>(cases.size()))));
            if (ids.size() != static_cast<int>(cases.size())) return Internal("案件编号分配失败");
            std::string case_rows;
            std::string history_rows;
            for (std::size_t i = 0; i < cases.size(); ++i) {
                const std::int64_t id = ids.Int(static_cast<int>(i), 0);
                Values row{std::to_string(id), cases[i].case_no + Pad6(id), std::string("1")};
                Values values = CaseValues(cases[i]);
                row.insert(row.end(), values.begin(), values.end());
                AppendCopyRow(case_rows, row);
                for (const CaseEvent& e : histories[i]) AppendCopyRow(history_rows, EventValues(e, id));
            }
            Status st = conn.CopyIn("COPY cases (id, case_no, version, " + std::string(kValueColumns) + ") FROM STDIN",
                                    case_rows);
            if (!st.ok()) return CaseWriteFailure(st);
            if (history_rows.empty()) return Status::Ok();
            return conn.CopyIn("COPY case_history (" + std::string(kHistoryColumns) + ") FROM STDIN", history_rows);
        });
    }

  private:
    static constexpr std::string_view kCategorySelect =
        "SELECT code, name, case_type, parent_code, sign_days, handle_days, verify_days, level_days, warn_before, "
        "max_extension, return_within FROM case_categories";

    static domain::CaseCategory ReadCategory(const Rows& r, int i) {
        domain::CaseCategory k;
        k.code = r.Text(i, 0);
        k.name = r.Text(i, 1);
        k.type = domain::ParseCaseType(r.Text(i, 2)).value_or(domain::CaseType::kEvent);
        k.parent_code = r.Text(i, 3);
        k.limits.sign = static_cast<int>(r.Int(i, 4));
        k.limits.handle = static_cast<int>(r.Int(i, 5));
        k.limits.verify = static_cast<int>(r.Int(i, 6));
        k.limits.level = static_cast<int>(r.Int(i, 7));
        k.limits.warn_before = static_cast<int>(r.Int(i, 8));
        k.limits.max_extension = static_cast<int>(r.Int(i, 9));
        k.limits.return_within = static_cast<int>(r.Int(i, 10));
        return k;
    }

    // The case already stored for `c`'s reporter and client request id, if any.
    static Result<std::optional<Case>> FindByClientRequest(Connection& conn, const Case& c) {
        GRIDGOV_ASSIGN_OR_RETURN(Rows r, conn.Query("SELECT " + std::string(kCaseColumns) +
                                                        " FROM cases WHERE reporter_login = $1 AND "
                                                        "client_request_id = $2 AND client_request_id <> ''",
                                                    Params().Add(c.reporter_login).Add(c.client_request_id)));
        if (r.empty()) return std::optional<Case>{};
        return std::optional<Case>(ReadCase(r, 0));
    }

    Database& db_;
};

}  // namespace

std::unique_ptr<CaseStore> NewPostgresCaseStore(Database& db) { return std::make_unique<PostgresCaseStore>(db); }

}  // namespace gridgov::storage::postgres
