// Cases, their history, categories and routing rules in SQLite.
#include "storage/sqlite/sqlite_case_store.hpp"

#include <algorithm>
#include <boost/json.hpp>

namespace gridgov::storage::sqlite {
namespace {

using domain::Case;
using domain::CaseEvent;

constexpr std::string_view kCaseColumns =
    "id, case_no, type, channel, category_code, title, description, state, state_before_suspension, level, "
    "grid_code, region_code, lng, lat, address, reporter_name, reporter_phone, reporter_login, client_request_id, "
    "unit_code, created_at, updated_at, version, sign_due, handle_due, verify_due, level_due, warning, supervision, "
    "extension_days, extension_requested, redo_count, satisfaction, merged_into, finished_at, closed_at, overdue";

// The columns ScanCaseFacts reads, and the reader for them.
constexpr std::string_view kFactColumns =
    "id, case_no, type, channel, category_code, state, level, grid_code, region_code, unit_code, created_at, "
    "updated_at, supervision, redo_count, satisfaction, merged_into, finished_at, closed_at, overdue, warning";

Case ReadFacts(const Statement& s) {
    Case c;
    c.id = s.Int(0);
    c.case_no = s.Text(1);
    c.type = domain::ParseCaseType(s.Text(2)).value_or(domain::CaseType::kEvent);
    c.channel = domain::ParseChannel(s.Text(3)).value_or(domain::Channel::kGridPatrol);
    c.category_code = s.Text(4);
    c.state = domain::ParseCaseState(s.Text(5)).value_or(domain::CaseState::kRegistered);
    c.level = domain::ParseCaseLevel(s.Text(6)).value_or(domain::CaseLevel::kVillage);
    c.grid_code = s.Text(7);
    c.region_code = s.Text(8);
    c.unit_code = s.Text(9);
    c.created_at = s.Int(10);
    c.updated_at = s.Int(11);
    c.supervision = domain::ParseSupervision(s.Text(12)).value_or(domain::Supervision::kNone);
    c.redo_count = static_cast<int>(s.Int(13));
    c.satisfaction = domain::ParseSatisfaction(s.Text(14));
    c.merged_into = s.Int(15);
    c.finished_at = s.Int(16);
    c.closed_at = s.Int(17);
    c.overdue = s.Int(18) != 0;
    c.warning = s.Text(19);
    return c;
}

Case ReadCase(const Statement& s) {
    Case c;
    c.id = s.Int(0);
    c.case_no = s.Text(1);
    c.type = domain::ParseCaseType(s.Text(2)).value_or(domain::CaseType::kEvent);
    c.channel = domain::ParseChannel(s.Text(3)).value_or(domain::Channel::kGridPatrol);
    c.category_code = s.Text(4);
    c.title = s.Text(5);
    c.description = s.Text(6);
    c.state = domain::ParseCaseState(s.Text(7)).value_or(domain::CaseState::kRegistered);
    c.state_before_suspension = domain::ParseCaseState(s.Text(8)).value_or(domain::CaseState::kRegistered);
    c.level = domain::ParseCaseLevel(s.Text(9)).value_or(domain::CaseLevel::kVillage);
    c.grid_code = s.Text(10);
    c.region_code = s.Text(11);
    if (!s.IsNull(12)) c.lng = s.Real(12);
    if (!s.IsNull(13)) c.lat = s.Real(13);
    c.address = s.Text(14);
    c.reporter_name = s.Text(15);
    c.reporter_phone = s.Text(16);
    c.reporter_login = s.Text(17);
    c.client_request_id = s.Text(18);
    c.unit_code = s.Text(19);
    c.created_at = s.Int(20);
    c.updated_at = s.Int(21);
    c.version = s.Int(22);
    c.sign_due = s.Text(23);
    c.handle_due = s.Text(24);
    c.verify_due = s.Text(25);
    c.level_due = s.Text(26);
    c.warning = s.Text(27);
    c.supervision = domain::ParseSupervision(s.Text(28)).value_or(domain::Supervision::kNone);
    c.extension_days = static_cast<int>(s.Int(29));
    c.extension_requested = static_cast<int>(s.Int(30));
    c.redo_count = static_cast<int>(s.Int(31));
    c.satisfaction = domain::ParseSatisfaction(s.Text(32));
    c.merged_into = s.Int(33);
    c.finished_at = s.Int(34);
    c.closed_at = s.Int(35);
    c.overdue = s.Int(36) != 0;
    return c;
}

// Binds every column but id, case_no and version, in kCaseColumns order from index `first`.
void BindCase(Statement& s, const Case& c, int first) {
    int i = first;
    s.Bind(i++, domain::CaseTypeName(c.type));
    s.Bind(i++, domain::ChannelName(c.channel));
    s.Bind(i++, c.category_code);
    s.Bind(i++, c.title);
    s.Bind(i++, c.description);
    s.Bind(i++, domain::CaseStateName(c.state));
    s.Bind(i++, domain::CaseStateName(c.state_before_suspension));
    s.Bind(i++, domain::CaseLevelName(c.level));
    s.Bind(i++, c.grid_code);
    s.Bind(i++, c.region_code);
    s.Bind(i++, c.grid_code.empty() ? c.region_code : c.grid_code);
    if (c.lng) {
        s.Bind(i++, *c.lng);
    } else {
        s.BindNull(i++);
    }
    if (c.lat) {
        s.Bind(i++, *c.lat);
    } else {
        s.BindNull(i++);
    }
    s.Bind(i++, c.address);
    s.Bind(i++, c.reporter_name);
    s.Bind(i++, c.reporter_phone);
    s.Bind(i++, c.reporter_login);
    s.Bind(i++, c.client_request_id);
    s.Bind(i++, c.unit_code);
    s.Bind(i++, c.created_at);
    s.Bind(i++, c.updated_at);
    s.Bind(i++, c.sign_due);
    s.Bind(i++, c.handle_due);
    s.Bind(i++, c.verify_due);
    s.Bind(i++, c.level_due);
    s.Bind(i++, c.warning);
    s.Bind(i++, domain::SupervisionName(c.supervision));
    s.Bind(i++, c.extension_days);
    s.Bind(i++, c.extension_requested);
    s.Bind(i++, c.redo_count);
    s.Bind(i++, c.satisfaction ? domain::SatisfactionName(*c.satisfaction) : std::string_view{});
    s.Bind(i++, c.merged_into);
    s.Bind(i++, c.finished_at);
    s.Bind(i++, c.closed_at);
    s.Bind(i++, c.overdue ? 1 : 0);
}

constexpr std::string_view kInsertCase =
    "INSERT INTO cases(case_no, type, channel, category_code, title, description, state, state_before_suspension, "
    "level, grid_code, region_code, location_code, lng, lat, address, reporter_name, reporter_phone, "
    "reporter_login, client_request_id, unit_code, created_at, updated_at, sign_due, handle_due, verify_due, "
    "level_due, warning, supervision, extension_days, extension_requested, redo_count, satisfaction, merged_into, "
    "finished_at, closed_at, overdue, version) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
    "?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34, ?35, ?36, 1)";

std::string Pad6(std::int64_t id) {
    std::string s = std::to_string(id);
    return s.size() >= 6 ? s : std::string(6 - s.size(), '0') + s;
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

Status InsertEvent(Connection& conn, const CaseEvent& e, std::int64_t case_id) {
    GRIDGOV_ASSIGN_OR_RETURN(
        Statement * s,
        conn.Prepare("INSERT INTO case_history(case_id, at, actor, actor_role, op, from_state, to_state, "
                     "comment, data, attachments) VALUES (?,?,?,?,?,?,?,?,?,?)"));
    s->Bind(1, case_id).Bind(2, e.at).Bind(3, e.actor).Bind(4, e.actor_role).Bind(5, e.op);
    s->Bind(6, domain::CaseStateName(e.from)).Bind(7, domain::CaseStateName(e.to)).Bind(8, e.comment);
    s->Bind(9, e.data.empty() ? "{}" : e.data).Bind(10, AttachmentsJson(e.attachments));
    return s->Run();
}

// Inserts a case and its history on `conn`, assigning the id and the case number (prefix + 6-digit id).
Result<Case> InsertCase(Connection& conn, Case c, std::span<const CaseEvent> history) {
    GRIDGOV_ASSIGN_OR_RETURN(Statement * s, conn.Prepare(kInsertCase));
    std::string prefix = c.case_no;
    s->Bind(1, prefix + "-pending");
    BindCase(*s, c, 2);
    Status st = s->Run();
    if (!st.ok()) {
        if (st.code() == StatusCode::kConflict) return InvalidArgument("案件数据无效（分类不存在？）", "category_code");
        return st;
    }
    c.id = conn.LastInsertId();
    c.case_no = prefix + Pad6(c.id);
    c.version = 1;
    GRIDGOV_ASSIGN_OR_RETURN(Statement * number, conn.Prepare("UPDATE cases SET case_no = ?2 WHERE id = ?1"));
    GRIDGOV_RETURN_IF_ERROR(number->Bind(1, c.id).Bind(2, c.case_no).Run());
    for (const CaseEvent& e : history) GRIDGOV_RETURN_IF_ERROR(InsertEvent(conn, e, c.id));
    return c;
}

class SqliteCaseStore final : public CaseStore {
  public:
    explicit SqliteCaseStore(Database& db) : db_(db) {}

    Status UpsertCategories(std::span<const domain::CaseCategory> categories) override {
        return db_.WriteStatus([&](Connection& c) -> Status {
            GRIDGOV_ASSIGN_OR_RETURN(
                Statement * s,
                c.Prepare("INSERT INTO case_categories(code, name, case_type, parent_code, sign_days, handle_days, "
                          "verify_days, level_days, warn_before, max_extension, return_within) VALUES "
                          "(?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(code) DO UPDATE SET name = excluded.name, "
                          "case_type = excluded.case_type, parent_code = excluded.parent_code, "
                          "sign_days = excluded.sign_days, handle_days = excluded.handle_days, "
                          "verify_days = excluded.verify_days, level_days = excluded.level_days, "
                          "warn_before = excluded.warn_before, max_extension = excluded.max_extension, "
                          "return_within = excluded.return_within"));
            for (const auto& k : categories) {
                s->Reset();
                s->Bind(1, k.code).Bind(2, k.name).Bind(3, domain::CaseTypeName(k.type)).Bind(4, k.parent_code);
                s->Bind(5, k.limits.sign).Bind(6, k.limits.handle).Bind(7, k.limits.verify).Bind(8, k.limits.level);
                s->Bind(9, k.limits.warn_before).Bind(10, k.limits.max_extension).Bind(11, k.limits.return_within);
                GRIDGOV_RETURN_IF_ERROR(s->Run());
            }
            return Status::Ok();
        });
    }

    Result<std::vector<domain::CaseCategory>> ListCategories() override {
        using V = std::vector<domain::CaseCategory>;
        return db_.Read<V>([&](Connection& c) -> Result<V> {
            GRIDGOV_ASSIGN_OR_RETURN(Statement * s, c.Prepare(std::string(kCategorySelect) + " ORDER BY code"));
            V out;
            for (;;) {
                GRIDGOV_ASSIGN_OR_RETURN(bool row, s->Step());
                if (!row) break;
                out.push_back(ReadCategory(*s));
            }
            return out;
        });
    }

    Result<domain::CaseCategory> GetCategory(std::string_view code) override {
        return db_.Read<domain::CaseCategory>([&](Connection& c) -> Result<domain::CaseCategory> {
            GRIDGOV_ASSIGN_OR_RETURN(Statement * s, c.Prepare(std::string(kCategorySelect) + " WHERE code = ?"));
            s->Bind(1, code);
            GRIDGOV_ASSIGN_OR_RETURN(bool row, s->Step());
            if (!row) return NotFound("事件分类 " + std::string(code) + " 不存在", "category_code");
            return ReadCategory(*s);
        });
    }

    Status UpsertRoutingRules(std::span<const domain::RoutingRule> rules) override {
        return db_.WriteStatus([&](Connection& c) -> Status {
            GRIDGOV_ASSIGN_OR_RETURN(
                Statement * s, c.Prepare("INSERT INTO routing_rules(region_code, category_code, unit_code) VALUES "
                                         "(?,?,?) ON CONFLICT(region_code, category_code) DO UPDATE SET "
                                         "unit_code = excluded.unit_code"));
            for (const auto& r : rules) {
                s->Reset();
                Status st = s->Bind(1, r.region_code).Bind(2, r.category_code).Bind(3, r.unit_code).Run();
                if (!st.ok()) {
                    return InvalidArgument("分拨规则无效：区划、分类或单位不存在（" + r.region_code + " / " +
                                               r.category_code + " / " + r.unit_code + "）",
                                           "unit_code");
                }
            }
            return Status::Ok();
        });
    }

    Result<std::vector<domain::RoutingRule>> RoutingRulesFor(std::string_view category_code) override {
        using V = std::vector<domain::RoutingRule>;
        return db_.Read<V>([&](Connection& c) -> Result<V> {
            GRIDGOV_ASSIGN_OR_RETURN(Statement * s,
                                     c.Prepare("SELECT region_code, category_code, unit_code FROM routing_rules WHERE "
                                               "category_code = ? ORDER BY length(region_code) DESC, region_code"));
            s->Bind(1, category_code);
            V out;
            for (;;) {
                GRIDGOV_ASSIGN_OR_RETURN(bool row, s->Step());
                if (!row) break;
                out.push_back({s->Text(0), s->Text(1), s->Text(2)});
            }
            return out;
        });
    }

    Result<Created> CreateCase(const Case& input, const CaseEvent& first) override {
        return db_.Write<Created>([&](Connection& conn) -> Result<Created> {
            if (!input.client_request_id.empty()) {
                GRIDGOV_ASSIGN_OR_RETURN(
                    Statement * existing,
                    conn.Prepare("SELECT " + std::string(kCaseColumns) +
                                 " FROM cases WHERE reporter_login = ? AND client_request_id = ?"));
                existing->Bind(1, input.reporter_login).Bind(2, input.client_request_id);
                GRIDGOV_ASSIGN_OR_RETURN(bool row, existing->Step());
                if (row) return Created{ReadCase(*existing), false};
            }
            CaseEvent e = first;
            GRIDGOV_ASSIGN_OR_RETURN(Case c, InsertCase(conn, input, std::span<const CaseEvent>(&e, 1)));
            return Created{std::move(c), true};
        });
    }

    Result<Case> UpdateCase(const Case& c, std::int64_t expected_version, std::span<const CaseEvent> events) override {
        return db_.Write<Case>([&](Connection& conn) -> Result<Case> {
            GRIDGOV_ASSIGN_OR_RETURN(
                Statement * s,
                conn.Prepare(
                    "UPDATE cases SET type = ?2, channel = ?3, category_code = ?4, title = ?5, "
                    "description = ?6, state = ?7, state_before_suspension = ?8, level = ?9, grid_code = ?10, "
                    "region_code = ?11, location_code = ?12, lng = ?13, lat = ?14, address = ?15, "
                    "reporter_name = ?16, reporter_phone = ?17, reporter_login = ?18, client_request_id = ?19, "
                    "unit_code = ?20, created_at = ?21, updated_at = ?22, sign_due = ?23, handle_due = ?24, "
                    "verify_due = ?25, level_due = ?26, warning = ?27, supervision = ?28, "
                    "extension_days = ?29, extension_requested = ?30, redo_count = ?31, satisfaction = ?32, "
                    "merged_into = ?33, finished_at = ?34, closed_at = ?35, overdue = ?36, "
                    "version = version + 1 WHERE id = ?1 AND version = ?37"));
            s->Bind(1, c.id);
            BindCase(*s, c, 2);
            s->Bind(37, expected_version);
            GRIDGOV_RETURN_IF_ERROR(s->Run());
            if (conn.Changes() == 0) {
                GRIDGOV_ASSIGN_OR_RETURN(Statement * exists, conn.Prepare("SELECT version FROM cases WHERE id = ?"));
                exists->Bind(1, c.id);
                GRIDGOV_ASSIGN_OR_RETURN(bool row, exists->Step());
                if (!row) return NotFound("案件不存在", "id");
                return Conflict("案件已被他人更新（当前版本 " + std::to_string(exists->Int(0)) + "），请刷新后重试",
                                "version");
            }
            for (const CaseEvent& e : events) GRIDGOV_RETURN_IF_ERROR(InsertEvent(conn, e, c.id));
            Case out = c;
            out.version = expected_version + 1;
            return out;
        });
    }

    Result<Case> GetCase(std::int64_t id) override {
        return db_.Read<Case>([&](Connection& c) -> Result<Case> {
            GRIDGOV_ASSIGN_OR_RETURN(Statement * s,
                                     c.Prepare("SELECT " + std::string(kCaseColumns) + " FROM cases WHERE id = ?"));
            s->Bind(1, id);
            GRIDGOV_ASSIGN_OR_RETURN(bool row, s->Step());
            if (!row) return NotFound("案件 " + std::to_string(id) + " 不存在", "id");
            return ReadCase(*s);
        });
    }

    Result<std::vector<CaseEvent>> CaseHistory(std::int64_t id) override {
        using V = std::vector<CaseEvent>;
        return db_.Read<V>([&](Connection& c) -> Result<V> {
            GRIDGOV_ASSIGN_OR_RETURN(
                Statement * s,
                c.Prepare("SELECT id, case_id, at, actor, actor_role, op, from_state, to_state, comment, "
                          "data, attachments FROM case_history WHERE case_id = ? ORDER BY id"));
            s->Bind(1, id);
            V out;
            for (;;) {
                GRIDGOV_ASSIGN_OR_RETURN(bool row, s->Step());
                if (!row) break;
                CaseEvent e;
                e.id = s->Int(0);
                e.case_id = s->Int(1);
                e.at = s->Int(2);
                e.actor = s->Text(3);
                e.actor_role = s->Text(4);
                e.op = s->Text(5);
                e.from = domain::ParseCaseState(s->Text(6)).value_or(domain::CaseState::kRegistered);
                e.to = domain::ParseCaseState(s->Text(7)).value_or(domain::CaseState::kRegistered);
                e.comment = s->Text(8);
                e.data = s->Text(9);
                e.attachments = ParseAttachments(s->Text(10));
                out.push_back(std::move(e));
            }
            return out;
        });
    }

    Result<Page<Case>> ListCases(const CaseFilter& f) override {
        using P = Page<Case>;
        return db_.Read<P>([&](Connection& c) -> Result<P> {
            PageRequest pr = ClampPage(f.page);
            std::string states;
            for (auto st : f.states) {
                if (!states.empty()) states += ",";
                states += std::string(domain::CaseStateName(st));
            }
            // ?1/?2 location range, ?3 unit, ?4 region_or_unit, ?5 states (comma list), ?6 type, ?7 channel,
            // ?8 category, ?9 warning, ?10 q, ?11 reporter, ?12 from, ?13 to.
            std::string where =
                " FROM cases WHERE (CASE WHEN ?4 = 1 THEN ((location_code >= ?1 AND location_code < ?2) OR "
                "unit_code = ?3) ELSE ((?1 = '' OR (location_code >= ?1 AND location_code < ?2)) AND "
                "(?3 = '' OR unit_code = ?3)) END) AND (?5 = '' OR instr(',' || ?5 || ',', ',' || state || ',') > 0) "
                "AND (?6 = '' OR type = ?6) AND (?7 = '' OR channel = ?7) AND (?8 = '' OR category_code = ?8) "
                "AND (?9 = '' OR warning = ?9) AND (?10 = '' OR instr(title, ?10) > 0 OR instr(description, ?10) > 0) "
                "AND (?11 = '' OR reporter_login = ?11) AND (?12 = 0 OR created_at >= ?12) AND "
                "(?13 = 0 OR created_at < ?13)";
            auto bind = [&](Statement* s) {
                s->Bind(1, f.region_code).Bind(2, SubtreeEnd(f.region_code)).Bind(3, f.unit_code);
                s->Bind(4, f.region_or_unit ? 1 : 0).Bind(5, states);
                s->Bind(6, f.type ? domain::CaseTypeName(*f.type) : std::string_view{});
                s->Bind(7, f.channel ? domain::ChannelName(*f.channel) : std::string_view{});
                s->Bind(8, f.category_code).Bind(9, f.warning).Bind(10, f.q).Bind(11, f.reporter_login);
                s->Bind(12, f.created_from).Bind(13, f.created_to);
            };
            P out;
            out.page = pr.page;
            out.page_size = pr.page_size;
            GRIDGOV_ASSIGN_OR_RETURN(Statement * count, c.Prepare("SELECT COUNT(*)" + where));
            bind(count);
            GRIDGOV_ASSIGN_OR_RETURN(bool row, count->Step());
            out.total = row ? count->Int(0) : 0;
            GRIDGOV_ASSIGN_OR_RETURN(Statement * s, c.Prepare("SELECT " + std::string(kCaseColumns) + where +
                                                              " ORDER BY id DESC LIMIT ?14 OFFSET ?15"));
            bind(s);
            s->Bind(14, pr.page_size).Bind(15, static_cast<std::int64_t>(pr.page - 1) * pr.page_size);
            for (;;) {
                GRIDGOV_ASSIGN_OR_RETURN(bool more, s->Step());
                if (!more) break;
                out.items.push_back(ReadCase(*s));
            }
            return out;
        });
    }

    Result<TodoCounts> CountTodo(std::string_view region, std::string_view unit) override {
        return db_.Read<TodoCounts>([&](Connection& c) -> Result<TodoCounts> {
            GRIDGOV_ASSIGN_OR_RETURN(
                Statement * s,
                c.Prepare("SELECT "
                          "COALESCE(SUM(in_region AND state = 'registered'), 0), "
                          "COALESCE(SUM(in_unit AND state = 'dispatched'), 0), "
                          "COALESCE(SUM(in_unit AND state = 'handling'), 0), "
                          "COALESCE(SUM(in_region AND state = 'finished'), 0), "
                          "COALESCE(SUM(warning = 'yellow'), 0), COALESCE(SUM(warning = 'red'), 0) "
                          "FROM (SELECT state, warning, "
                          "(?1 = '' OR (location_code >= ?1 AND location_code < ?2)) AS in_region, "
                          "(?3 <> '' AND unit_code = ?3) AS in_unit FROM cases "
                          "WHERE state NOT IN ('rated', 'merged') AND ((?1 = '' OR (location_code >= ?1 AND "
                          "location_code < ?2)) OR (?3 <> '' AND unit_code = ?3)))"));
            s->Bind(1, region).Bind(2, SubtreeEnd(region)).Bind(3, unit);
            GRIDGOV_ASSIGN_OR_RETURN(bool row, s->Step());
            TodoCounts t;
            if (row) t = {s->Int(0), s->Int(1), s->Int(2), s->Int(3), s->Int(4), s->Int(5)};
            return t;
        });
    }

    Result<std::vector<Case>> RecentCases(std::string_view category, std::int64_t since,
                                          std::string_view region) override {
        using V = std::vector<Case>;
        return db_.Read<V>([&](Connection& c) -> Result<V> {
            GRIDGOV_ASSIGN_OR_RETURN(
                Statement * s, c.Prepare("SELECT " + std::string(kCaseColumns) +
                                         " FROM cases WHERE category_code = ?1 AND created_at >= ?2 AND "
                                         "location_code >= ?3 AND location_code < ?4 ORDER BY id DESC LIMIT 200"));
            s->Bind(1, category).Bind(2, since).Bind(3, region).Bind(4, SubtreeEnd(region));
            V out;
            for (;;) {
                GRIDGOV_ASSIGN_OR_RETURN(bool row, s->Step());
                if (!row) break;
                out.push_back(ReadCase(*s));
            }
            return out;
        });
    }

    Result<std::vector<Case>> OpenCases() override {
        using V = std::vector<Case>;
        return db_.Read<V>([&](Connection& c) -> Result<V> {
            GRIDGOV_ASSIGN_OR_RETURN(Statement * s,
                                     c.Prepare("SELECT " + std::string(kCaseColumns) +
                                               " FROM cases WHERE state IN ('registered', 'accepted', 'dispatched', "
                                               "'handling', 'finished', 'verified') ORDER BY id"));
            V out;
            for (;;) {
                GRIDGOV_ASSIGN_OR_RETURN(bool row, s->Step());
                if (!row) break;
                out.push_back(ReadCase(*s));
            }
            return out;
        });
    }

    Result<std::optional<Case>> FindCaseByClientRequest(std::string_view reporter_login,
                                                        std::string_view client_request_id) override {
        using V = std::optional<Case>;
        return db_.Read<V>([&](Connection& c) -> Result<V> {
            GRIDGOV_ASSIGN_OR_RETURN(Statement * s, c.Prepare("SELECT " + std::string(kCaseColumns) +
                                                              " FROM cases WHERE reporter_login = ? AND "
                                                              "client_request_id = ? AND client_request_id <> ''"));
            s->Bind(1, reporter_login).Bind(2, client_request_id);
            GRIDGOV_ASSIGN_OR_RETURN(bool row, s->Step());
            if (!row) return V{};
            return V(ReadCase(*s));
        });
    }

    Status AddApiKey(const ApiKey& key) override {
        return db_.WriteStatus([&](Connection& c) -> Status {
            GRIDGOV_ASSIGN_OR_RETURN(
                Statement * s,
                c.Prepare("INSERT INTO api_keys(key_hash, name, active, created_at) VALUES (?, ?, ?, ?)"));
            Status st =
                s->Bind(1, key.key_hash).Bind(2, key.name).Bind(3, key.active ? 1 : 0).Bind(4, key.created_at).Run();
            if (!st.ok() && st.code() == StatusCode::kConflict) {
                return Conflict("API 密钥名称已存在：" + key.name, "name");
            }
            return st;
        });
    }

    Result<ApiKey> FindApiKey(std::string_view key_hash) override {
        return db_.Read<ApiKey>([&](Connection& c) -> Result<ApiKey> {
            GRIDGOV_ASSIGN_OR_RETURN(
                Statement * s, c.Prepare("SELECT key_hash, name, active, created_at FROM api_keys WHERE key_hash = ?"));
            s->Bind(1, key_hash);
            GRIDGOV_ASSIGN_OR_RETURN(bool row, s->Step());
            if (!row) return NotFound("API 密钥无效", "api_key");
            return ApiKey{s->Text(0), s->Text(1), s->Int(2) != 0, s->Int(3)};
        });
    }

    Status ScanCaseFacts(const std::function<Status(const Case&)>& visit) override {
        Result<bool> r = db_.Read<bool>([&](Connection& c) -> Result<bool> {
            GRIDGOV_ASSIGN_OR_RETURN(Statement * s,
                                     c.Prepare("SELECT " + std::string(kFactColumns) + " FROM cases ORDER BY id"));
            for (;;) {
                GRIDGOV_ASSIGN_OR_RETURN(bool row, s->Step());
                if (!row) break;
                GRIDGOV_RETURN_IF_ERROR(visit(ReadFacts(*s)));
            }
            return true;
        });
        return r.ok() ? Status::Ok() : r.status();
    }

    Status ImportCases(std::span<const Case> cases, std::span<const std::vector<CaseEvent>> histories) override {
        if (cases.size() != histories.size()) return InvalidArgument("案件与历史记录数量不一致");
        return db_.WriteStatus([&](Connection& conn) -> Status {
            for (std::size_t i = 0; i < cases.size(); ++i) {
                GRIDGOV_RETURN_IF_ERROR(InsertCase(conn, cases[i], histories[i]).status());
            }
            return Status::Ok();
        });
    }

  private:
    static constexpr std::string_view kCategorySelect =
        "SELECT code, name, case_type, parent_code, sign_days, handle_days, verify_days, level_days, warn_before, "
        "max_extension, return_within FROM case_categories";

    static domain::CaseCategory ReadCategory(const Statement& s) {
        domain::CaseCategory k;
        k.code = s.Text(0);
        k.name = s.Text(1);
        k.type = domain::ParseCaseType(s.Text(2)).value_or(domain::CaseType::kEvent);
        k.parent_code = s.Text(3);
        k.limits.sign = static_cast<int>(s.Int(4));
        k.limits.handle = static_cast<int>(s.Int(5));
        k.limits.verify = static_cast<int>(s.Int(6));
        k.limits.level = static_cast<int>(s.Int(7));
        k.limits.warn_before = static_cast<int>(s.Int(8));
        k.limits.max_extension = static_cast<int>(s.Int(9));
        k.limits.return_within = static_cast<int>(s.Int(10));
        return k;
    }

    Database& db_;
};

}  // namespace

std::unique_ptr<CaseStore> NewSqliteCaseStore(Database& db) { return std::make_unique<SqliteCaseStore>(db); }

}  // namespace gridgov::storage::sqlite
