// PostgreSQL implementation of the Store interface, statement for statement the twin of sqlite_store.cpp.
#include "storage/postgres/pg_store.hpp"

#include <algorithm>
#include <functional>
#include <mutex>
#include <vector>

#include "common/date.hpp"
#include "storage/case_store.hpp"
#include "storage/postgres/connection.hpp"
#include "storage/postgres/database.hpp"
#include "storage/postgres/pg_case_store.hpp"
#include "storage/tables.hpp"

namespace gridgov::storage::postgres {
namespace {

std::string_view LevelOf(std::string_view code) {
    switch (code.size()) {
        case 2:
            return "province";
        case 4:
            return "city";
        case 6:
            return "county";
        case 9:
            return "town";
        case 12:
            return "village";
        default:
            return "";
    }
}

// A LIKE pattern matching any text that contains `needle` (LIKE's wildcards in it taken literally).
std::string ContainsPattern(std::string_view needle) {
    std::string out = "%";
    for (char ch : needle) {
        if (ch == '%' || ch == '_' || ch == '\\') out += '\\';
        out += ch;
    }
    out += '%';
    return out;
}

domain::Region ReadRegion(const Rows& r, int i) { return {r.Text(i, 0), r.Text(i, 1), r.Text(i, 2), r.Text(i, 3)}; }

domain::Grid ReadGrid(const Rows& r, int i) {
    domain::Grid g;
    g.code = r.Text(i, 0);
    g.name = r.Text(i, 1);
    g.type = domain::ParseGridType(r.Text(i, 2)).value_or(domain::GridType::kComprehensive);
    g.village_code = r.Text(i, 3);
    g.households = static_cast<int>(r.Int(i, 4));
    g.population = static_cast<int>(r.Int(i, 5));
    return g;
}

domain::Unit ReadUnit(const Rows& r, int i) {
    domain::Unit u;
    u.id = r.Int(i, 0);
    u.code = r.Text(i, 1);
    u.name = r.Text(i, 2);
    u.kind = domain::ParseUnitKind(r.Text(i, 3)).value_or(domain::UnitKind::kDepartment);
    u.region_code = r.Text(i, 4);
    u.level = r.Text(i, 5);
    u.phone = r.Text(i, 6);
    return u;
}

constexpr std::string_view kAccountColumns =
    "id, login, name, role, scope_code, password_hash, failed_logins, locked_until, disabled, created_at, "
    "unit_code";

domain::Account ReadAccount(const Rows& r, int i) {
    domain::Account a;
    a.id = r.Int(i, 0);
    a.login = r.Text(i, 1);
    a.name = r.Text(i, 2);
    a.role = r.Text(i, 3);
    a.scope_code = r.Text(i, 4);
    a.password_hash = r.Text(i, 5);
    a.failed_logins = static_cast<int>(r.Int(i, 6));
    a.locked_until = r.Int(i, 7);
    a.disabled = r.Int(i, 8) != 0;
    a.created_at = r.Int(i, 9);
    a.unit_code = r.Text(i, 10);
    return a;
}

constexpr std::string_view kGridColumns = "code, name, type, village_code, households, population";

class PostgresStore final : public Store {
  public:
    explicit PostgresStore(std::unique_ptr<Database> db) : db_(std::move(db)), cases_(NewPostgresCaseStore(*db_)) {}

    CaseStore& Cases() override { return *cases_; }

    std::string_view Backend() const override { return "postgresql"; }

    Result<int> SchemaVersion() override {
        return Read<int>([](Connection& c) -> Result<int> {
            GRIDGOV_ASSIGN_OR_RETURN(Rows r, c.Query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
            return r.empty() ? 0 : static_cast<int>(r.Int(0, 0));
        });
    }

    Result<std::int64_t> UpsertRegions(std::span<const domain::Region> regions) override {
        return Write<std::int64_t>([&](Connection& c) -> Result<std::int64_t> {
            if (regions.empty()) return std::int64_t{0};
            std::string data;
            int seq = 0;
            for (const auto& r : regions) {
                data += std::to_string(seq++);
                for (std::string_view v :
                     {std::string_view(r.code), std::string_view(r.name), std::string_view(r.level)}) {
                    data += '\t';
                    AppendCopyField(data, v);
                }
                data += '\t';
                if (r.parent_code.empty()) {
                    data += "\\N";
                } else {
                    AppendCopyField(data, r.parent_code);
                }
                data += '\n';
            }
            GRIDGOV_RETURN_IF_ERROR(
                c.CopyIn("COPY load_regions (seq, code, name, level, parent_code) FROM STDIN", data));
            // A parent must exist already or come earlier in the batch (as SQLite checks row by row).
            GRIDGOV_ASSIGN_OR_RETURN(
                Rows orphan,
                c.Query("SELECT l.code, l.parent_code FROM load_regions l WHERE l.parent_code IS NOT NULL "
                        "AND NOT EXISTS (SELECT 1 FROM regions r WHERE r.code = l.parent_code) "
                        "AND NOT EXISTS (SELECT 1 FROM load_regions p WHERE p.code = l.parent_code AND p.seq < l.seq) "
                        "ORDER BY l.seq LIMIT 1"));
            if (!orphan.empty()) {
                return InvalidArgument(
                    "区划 " + orphan.Text(0, 0) + " 写入失败：上级区划 " + orphan.Text(0, 1) + " 不存在", "code");
            }
            Result<Rows> done = c.Query(
                "INSERT INTO regions (code, name, level, parent_code) "
                "SELECT DISTINCT ON (code) code, name, level, parent_code FROM load_regions ORDER BY code, seq DESC "
                "ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, level = EXCLUDED.level, "
                "parent_code = EXCLUDED.parent_code, updated_at = to_char(now() AT TIME ZONE 'UTC', "
                "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') "
                "WHERE regions.name IS DISTINCT FROM EXCLUDED.name OR regions.level IS DISTINCT FROM EXCLUDED.level "
                "OR regions.parent_code IS DISTINCT FROM EXCLUDED.parent_code");
            if (!done.ok())
                return Unless(done.status(), InvalidArgument("区划写入失败：" + done.status().message(), "code"));
            return done->Affected();
        });
    }

    Result<domain::Region> GetRegion(std::string_view code) override {
        return Read<domain::Region>([&](Connection& c) -> Result<domain::Region> {
            GRIDGOV_ASSIGN_OR_RETURN(
                Rows r, c.Query("SELECT code, name, level, COALESCE(parent_code, '') FROM regions WHERE code = $1",
                                Params().Add(code)));
            if (r.empty()) return NotFound("区划 " + std::string(code) + " 不存在", "code");
            return ReadRegion(r, 0);
        });
    }

    Result<std::vector<domain::Region>> ListChildRegions(std::string_view code) override {
        using V = std::vector<domain::Region>;
        return Read<V>([&](Connection& c) -> Result<V> {
            Result<Rows> r =
                code.empty()
                    ? c.Query("SELECT code, name, level, '' FROM regions WHERE parent_code IS NULL ORDER BY code")
                    : c.Query("SELECT code, name, level, parent_code FROM regions WHERE parent_code = $1 ORDER BY code",
                              Params().Add(code));
            if (!r.ok()) return r.status();
            V out;
            for (int i = 0; i < r->size(); ++i) out.push_back(ReadRegion(*r, i));
            return out;
        });
    }

    Result<SubtreeCounts> CountSubtree(std::string_view code) override {
        return Read<SubtreeCounts>([&](Connection& c) -> Result<SubtreeCounts> {
            GRIDGOV_ASSIGN_OR_RETURN(
                Rows r,
                c.Query("SELECT r.towns, r.villages, g.grids, g.special, g.households, g.population, s.staff FROM "
                        "(SELECT COUNT(*) FILTER (WHERE level = 'town') AS towns, "
                        "COUNT(*) FILTER (WHERE level = 'village') AS villages "
                        "FROM regions WHERE code >= $1 AND code < $2) r, "
                        "(SELECT COUNT(*) AS grids, COUNT(*) FILTER (WHERE type <> 'comprehensive') AS special, "
                        "COALESCE(SUM(households), 0) AS households, COALESCE(SUM(population), 0) AS population "
                        "FROM grids WHERE code >= $1 AND code < $2) g, "
                        "(SELECT COUNT(*) AS staff FROM grid_staff WHERE grid_code >= $1 AND grid_code < $2) s",
                        Params().Add(code).Add(SubtreeEnd(code))));
            SubtreeCounts out;
            if (r.empty()) return out;
            out.towns = r.Int(0, 0);
            out.villages = r.Int(0, 1);
            out.grids = r.Int(0, 2);
            out.special_grids = r.Int(0, 3);
            out.households = r.Int(0, 4);
            out.population = r.Int(0, 5);
            out.staff = r.Int(0, 6);
            return out;
        });
    }

    Result<std::int64_t> UpsertGrids(std::span<const domain::Grid> grids) override {
        return Write<std::int64_t>([&](Connection& c) { return WriteGrids(c, grids); });
    }

    Result<std::int64_t> ImportGrids(std::span<const domain::Grid> grids, std::span<const domain::Boundary> boundaries,
                                     const domain::AuditEntry& audit) override {
        return Write<std::int64_t>([&](Connection& c) -> Result<std::int64_t> {
            GRIDGOV_ASSIGN_OR_RETURN(std::int64_t changed, WriteGrids(c, grids));
            GRIDGOV_ASSIGN_OR_RETURN(std::int64_t reshaped, WriteBoundaries(c, boundaries));
            GRIDGOV_RETURN_IF_ERROR(InsertAudit(c, audit));
            return std::max(changed, reshaped);
        });
    }

    Status PutBoundaries(std::span<const domain::Boundary> boundaries) override {
        return WriteStatus([&](Connection& c) -> Status { return WriteBoundaries(c, boundaries).status(); });
    }

    Result<std::vector<domain::Boundary>> ListBoundaries(std::string_view root, std::string_view level) override {
        using V = std::vector<domain::Boundary>;
        return Read<V>([&](Connection& c) -> Result<V> {
            Result<Rows> r =
                level == "grid"
                    ? c.Query(
                          "SELECT code, boundary FROM grids WHERE code >= $1 AND code < $2 "
                          "AND boundary IS NOT NULL ORDER BY code",
                          Params().Add(root).Add(SubtreeEnd(root)))
                    : c.Query(
                          "SELECT code, boundary FROM regions WHERE code >= $1 AND code < $2 AND level = $3 "
                          "AND boundary IS NOT NULL ORDER BY code",
                          Params().Add(root).Add(SubtreeEnd(root)).Add(level));
            if (!r.ok()) return r.status();
            V out;
            for (int i = 0; i < r->size(); ++i) out.push_back({r->Text(i, 0), r->Text(i, 1)});
            return out;
        });
    }

    Result<domain::Grid> GetGrid(std::string_view code) override {
        return Read<domain::Grid>([&](Connection& c) -> Result<domain::Grid> {
            GRIDGOV_ASSIGN_OR_RETURN(Rows r, c.Query("SELECT code, name, type, village_code, households, population "
                                                     "FROM grids WHERE code = $1",
                                                     Params().Add(code)));
            if (r.empty()) return NotFound("网格 " + std::string(code) + " 不存在", "code");
            return ReadGrid(r, 0);
        });
    }

    Result<Page<domain::Grid>> ListGrids(const GridFilter& filter) override {
        using P = Page<domain::Grid>;
        return Read<P>([&](Connection& c) -> Result<P> {
            PageRequest pr = Clamp(filter.page);
            // Two fixed statements: the name filter (a substring, served by the pg_trgm index) or none.
            constexpr std::string_view kWhere =
                " FROM grids WHERE code >= $1 AND code < $2 AND ($3::text = '' OR type = $3)";
            constexpr std::string_view kNamed = " AND name LIKE $4";
            std::string type = filter.type ? std::string(domain::GridTypeName(*filter.type)) : "";
            const bool named = !filter.name_contains.empty();
            Params params;
            params.Add(filter.region_code).Add(SubtreeEnd(filter.region_code)).Add(type);
            if (named) params.Add(ContainsPattern(filter.name_contains));
            std::string where = std::string(kWhere) + (named ? std::string(kNamed) : "");
            const std::string limit = named ? " ORDER BY code LIMIT $5 OFFSET $6" : " ORDER BY code LIMIT $4 OFFSET $5";
            Params page = params;
            page.Add(pr.page_size).Add(Offset(pr));
            GRIDGOV_ASSIGN_OR_RETURN(
                Rows r, c.Query("SELECT " + std::string(kGridColumns) + ", COUNT(*) OVER ()" + where + limit, page));
            P out;
            out.page = pr.page;
            out.page_size = pr.page_size;
            for (int i = 0; i < r.size(); ++i) out.items.push_back(ReadGrid(r, i));
            GRIDGOV_ASSIGN_OR_RETURN(out.total, Total(c, r, 6, pr, "SELECT COUNT(*)" + where, params));
            return out;
        });
    }

    Status ReplaceGridStaff(std::span<const domain::StaffMember> staff) override {
        return WriteStatus([&](Connection& c) -> Status {
            if (staff.empty()) return Status::Ok();
            std::string data;
            int seq = 0;
            for (const auto& m : staff) {
                data += std::to_string(seq++);
                for (std::string_view v : {std::string_view(m.grid_code), std::string_view(m.name),
                                           domain::StaffRoleName(m.role), std::string_view(m.phone)}) {
                    data += '\t';
                    AppendCopyField(data, v);
                }
                data += '\n';
            }
            GRIDGOV_RETURN_IF_ERROR(c.CopyIn("COPY load_staff (seq, grid_code, name, role, phone) FROM STDIN", data));
            GRIDGOV_ASSIGN_OR_RETURN(
                Rows missing, c.Query("SELECT l.grid_code FROM load_staff l WHERE NOT EXISTS "
                                      "(SELECT 1 FROM grids g WHERE g.code = l.grid_code) ORDER BY l.seq LIMIT 1"));
            if (!missing.empty()) {
                return InvalidArgument("网格 " + missing.Text(0, 0) + " 不存在，无法登记人员", "grid_code");
            }
            GRIDGOV_RETURN_IF_ERROR(
                c.Query("DELETE FROM grid_staff WHERE grid_code IN (SELECT grid_code FROM load_staff)").status());
            Result<Rows> ins = c.Query(
                "INSERT INTO grid_staff (grid_code, name, role, phone) "
                "SELECT grid_code, name, role, phone FROM load_staff ORDER BY seq");
            if (!ins.ok())
                return Unless(ins.status(),
                              InvalidArgument("网格人员写入失败：" + ins.status().message(), "grid_code"));
            return Status::Ok();
        });
    }

    Result<std::vector<domain::StaffMember>> ListGridStaff(std::string_view grid_code) override {
        using V = std::vector<domain::StaffMember>;
        return Read<V>([&](Connection& c) -> Result<V> {
            GRIDGOV_ASSIGN_OR_RETURN(
                Rows r,
                c.Query("SELECT id, grid_code, name, role, phone FROM grid_staff WHERE grid_code = $1 ORDER BY id",
                        Params().Add(grid_code)));
            V out;
            for (int i = 0; i < r.size(); ++i) {
                domain::StaffMember m;
                m.id = r.Int(i, 0);
                m.grid_code = r.Text(i, 1);
                m.name = r.Text(i, 2);
                m.role = domain::ParseStaffRole(r.Text(i, 3)).value_or(domain::StaffRole::kFullTimeWorker);
                m.phone = r.Text(i, 4);
                out.push_back(std::move(m));
            }
            return out;
        });
    }

    Result<std::int64_t> UpsertUnits(std::span<const domain::Unit> units) override {
        return Write<std::int64_t>([&](Connection& c) -> Result<std::int64_t> {
            std::int64_t changed = 0;
            for (const auto& u : units) {
                Params p;
                p.Add(u.code).Add(u.name).Add(domain::UnitKindName(u.kind)).Add(u.region_code);
                p.Add(u.level.empty() ? LevelOf(u.region_code) : std::string_view(u.level)).Add(u.phone);
                Result<Rows> r = c.Query(
                    "INSERT INTO units (code, name, kind, region_code, level, phone) VALUES ($1, $2, $3, $4, $5, $6) "
                    "ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind, "
                    "region_code = EXCLUDED.region_code, level = EXCLUDED.level, phone = EXCLUDED.phone "
                    "WHERE units.name IS DISTINCT FROM EXCLUDED.name OR units.kind IS DISTINCT FROM EXCLUDED.kind "
                    "OR units.region_code IS DISTINCT FROM EXCLUDED.region_code "
                    "OR units.phone IS DISTINCT FROM EXCLUDED.phone",
                    p);
                if (!r.ok()) {
                    return Unless(r.status(),
                                  InvalidArgument("单位 " + u.code + " 写入失败（所属区划不存在？）", "region_code"));
                }
                changed += r->Affected();
            }
            return changed;
        });
    }

    Result<Page<domain::Unit>> ListUnits(const UnitFilter& filter) override {
        using P = Page<domain::Unit>;
        return Read<P>([&](Connection& c) -> Result<P> {
            PageRequest pr = Clamp(filter.page);
            std::string where =
                " FROM units WHERE region_code >= $1 AND region_code < $2 AND ($3::text = '' OR kind = $3)";
            std::string kind = filter.kind ? std::string(domain::UnitKindName(*filter.kind)) : "";
            Params params;
            params.Add(filter.region_code).Add(SubtreeEnd(filter.region_code)).Add(kind);
            Params page = params;
            page.Add(pr.page_size).Add(Offset(pr));
            GRIDGOV_ASSIGN_OR_RETURN(
                Rows r, c.Query("SELECT id, code, name, kind, region_code, level, phone, COUNT(*) OVER ()" + where +
                                    " ORDER BY length(region_code), region_code, id LIMIT $4 OFFSET $5",
                                page));
            P out;
            out.page = pr.page;
            out.page_size = pr.page_size;
            for (int i = 0; i < r.size(); ++i) out.items.push_back(ReadUnit(r, i));
            GRIDGOV_ASSIGN_OR_RETURN(out.total, Total(c, r, 7, pr, "SELECT COUNT(*)" + where, params));
            return out;
        });
    }

    Status PutCalendarDays(std::span<const CalendarDay> days, const domain::AuditEntry& audit) override {
        return WriteStatus([&](Connection& c) -> Status {
            GRIDGOV_RETURN_IF_ERROR(InsertAudit(c, audit));
            for (const auto& d : days) {
                GRIDGOV_RETURN_IF_ERROR(
                    c.Query("INSERT INTO calendar_days (day, kind, note) VALUES ($1, $2, $3) ON CONFLICT (day) "
                            "DO UPDATE SET kind = EXCLUDED.kind, note = EXCLUDED.note",
                            Params()
                                .Add(FormatDate(d.date))
                                .Add(d.kind == DayKind::kWorkday ? "workday" : "rest")
                                .Add(d.note))
                        .status());
            }
            return Status::Ok();
        });
    }

    Result<std::vector<CalendarDay>> ListCalendarDays() override {
        using V = std::vector<CalendarDay>;
        return Read<V>([&](Connection& c) -> Result<V> {
            GRIDGOV_ASSIGN_OR_RETURN(Rows r, c.Query("SELECT day, kind, note FROM calendar_days ORDER BY day"));
            V out;
            for (int i = 0; i < r.size(); ++i) {
                GRIDGOV_ASSIGN_OR_RETURN(Date d, ParseDate(r.Text(i, 0)));
                out.push_back({d, r.Text(i, 1) == "workday" ? DayKind::kWorkday : DayKind::kRestDay, r.Text(i, 2)});
            }
            return out;
        });
    }

    Result<std::int64_t> CreateAccount(const domain::Account& a, const domain::AuditEntry& audit) override {
        return Write<std::int64_t>([&](Connection& c) -> Result<std::int64_t> {
            Params p;
            p.Add(a.login).Add(a.name).Add(a.role).Add(a.scope_code).Add(a.password_hash);
            p.Add(a.failed_logins).Add(a.locked_until).Add(a.disabled ? 1 : 0).Add(a.created_at).Add(a.unit_code);
            GRIDGOV_ASSIGN_OR_RETURN(
                Rows r, c.Query("INSERT INTO accounts (login, name, role, scope_code, password_hash, failed_logins, "
                                "locked_until, disabled, created_at, unit_code) VALUES ($1, $2, $3, $4, $5, $6, $7, "
                                "$8, $9, $10) ON CONFLICT (login) DO NOTHING RETURNING id",
                                p));
            if (r.empty()) return Conflict("用户名 " + a.login + " 已存在", "login");
            std::int64_t id = r.Int(0, 0);
            GRIDGOV_RETURN_IF_ERROR(InsertAudit(c, audit));
            return id;
        });
    }

    Result<domain::Account> GetAccount(std::string_view login) override {
        return Read<domain::Account>([&](Connection& c) -> Result<domain::Account> {
            GRIDGOV_ASSIGN_OR_RETURN(
                Rows r, c.Query("SELECT " + std::string(kAccountColumns) + " FROM accounts WHERE login = $1",
                                Params().Add(login)));
            if (r.empty()) return NotFound("用户 " + std::string(login) + " 不存在", "login");
            return ReadAccount(r, 0);
        });
    }

    Result<domain::Account> GetAccountById(std::int64_t id) override {
        return Read<domain::Account>([&](Connection& c) -> Result<domain::Account> {
            GRIDGOV_ASSIGN_OR_RETURN(
                Rows r,
                c.Query("SELECT " + std::string(kAccountColumns) + " FROM accounts WHERE id = $1", Params().Add(id)));
            if (r.empty()) return NotFound("用户不存在", "id");
            return ReadAccount(r, 0);
        });
    }

    Result<Page<domain::Account>> ListAccounts(std::string_view scope, PageRequest page_request) override {
        using P = Page<domain::Account>;
        return Read<P>([&](Connection& c) -> Result<P> {
            PageRequest pr = Clamp(page_request);
            std::string where = " FROM accounts WHERE scope_code >= $1 AND scope_code < $2";
            Params params;
            params.Add(scope).Add(SubtreeEnd(scope));
            Params page = params;
            page.Add(pr.page_size).Add(Offset(pr));
            GRIDGOV_ASSIGN_OR_RETURN(Rows r, c.Query("SELECT " + std::string(kAccountColumns) + ", COUNT(*) OVER ()" +
                                                         where + " ORDER BY login LIMIT $3 OFFSET $4",
                                                     page));
            P out;
            out.page = pr.page;
            out.page_size = pr.page_size;
            for (int i = 0; i < r.size(); ++i) out.items.push_back(ReadAccount(r, i));
            GRIDGOV_ASSIGN_OR_RETURN(out.total, Total(c, r, 11, pr, "SELECT COUNT(*)" + where, params));
            return out;
        });
    }

    Status UpdateAccount(const domain::Account& a, bool revoke_sessions, std::int64_t now,
                         const domain::AuditEntry& audit) override {
        return WriteStatus([&](Connection& c) -> Status {
            Params p;
            p.Add(a.id).Add(a.name).Add(a.role).Add(a.scope_code).Add(a.password_hash);
            p.Add(a.failed_logins).Add(a.locked_until).Add(a.disabled ? 1 : 0).Add(a.unit_code);
            GRIDGOV_ASSIGN_OR_RETURN(
                Rows r, c.Query("UPDATE accounts SET name = $2, role = $3, scope_code = $4, password_hash = $5, "
                                "failed_logins = $6, locked_until = $7, disabled = $8, unit_code = $9 WHERE id = $1",
                                p));
            if (r.Affected() == 0) return NotFound("用户不存在", "id");
            if (revoke_sessions) {
                GRIDGOV_RETURN_IF_ERROR(
                    c.Query("UPDATE sessions SET revoked_at = $2 WHERE account_id = $1 AND revoked_at = 0",
                            Params().Add(a.id).Add(now))
                        .status());
            }
            if (!audit.action.empty()) GRIDGOV_RETURN_IF_ERROR(InsertAudit(c, audit));
            return Status::Ok();
        });
    }

    Status CreateSession(const domain::Session& session, const domain::AuditEntry& audit) override {
        return WriteStatus([&](Connection& c) -> Status {
            GRIDGOV_RETURN_IF_ERROR(c.Query("INSERT INTO sessions (account_id, token_hash, created_at, expires_at) "
                                            "VALUES ($1, $2, $3, $4)",
                                            Params()
                                                .Add(session.account_id)
                                                .Add(session.token_hash)
                                                .Add(session.created_at)
                                                .Add(session.expires_at))
                                        .status());
            return InsertAudit(c, audit);
        });
    }

    Result<domain::Session> FindSession(std::string_view token_hash) override {
        return Read<domain::Session>([&](Connection& c) -> Result<domain::Session> {
            GRIDGOV_ASSIGN_OR_RETURN(Rows r,
                                     c.Query("SELECT id, account_id, token_hash, created_at, expires_at, revoked_at "
                                             "FROM sessions WHERE token_hash = $1",
                                             Params().Add(token_hash)));
            if (r.empty()) return NotFound("会话不存在");
            return domain::Session{r.Int(0, 0), r.Int(0, 1), r.Text(0, 2), r.Int(0, 3), r.Int(0, 4), r.Int(0, 5)};
        });
    }

    Status RevokeSession(std::string_view token_hash, std::int64_t now, const domain::AuditEntry& audit) override {
        return WriteStatus([&](Connection& c) -> Status {
            GRIDGOV_RETURN_IF_ERROR(
                c.Query("UPDATE sessions SET revoked_at = $2 WHERE token_hash = $1 AND revoked_at = 0",
                        Params().Add(token_hash).Add(now))
                    .status());
            return InsertAudit(c, audit);
        });
    }

    Status AppendAudit(const domain::AuditEntry& entry) override {
        return WriteStatus([&](Connection& c) -> Status { return InsertAudit(c, entry); });
    }

    Result<Page<domain::AuditEntry>> ListAudit(const AuditFilter& f) override {
        using P = Page<domain::AuditEntry>;
        return Read<P>([&](Connection& c) -> Result<P> {
            PageRequest pr = Clamp(f.page);
            std::string where =
                " FROM audit_log WHERE (region_code = '' OR (region_code >= $1 AND region_code < $2) OR $1::text = '') "
                "AND ($3::text = '' OR actor = $3) AND ($4::text = '' OR action = $4 OR (right($4, 1) = '.' AND "
                "left(action, length($4)) = $4)) AND ($5::bigint = 0 OR at >= $5) AND ($6::bigint = 0 OR at < $6)";
            Params params;
            params.Add(f.region_code).Add(SubtreeEnd(f.region_code)).Add(f.actor).Add(f.action).Add(f.from).Add(f.to);
            Params page = params;
            page.Add(pr.page_size).Add(Offset(pr));
            GRIDGOV_ASSIGN_OR_RETURN(
                Rows r,
                c.Query("SELECT id, at, actor, actor_role, action, target_type, target_id, region_code, detail, "
                        "remote, COUNT(*) OVER ()" +
                            where + " ORDER BY id DESC LIMIT $7 OFFSET $8",
                        page));
            P out;
            out.page = pr.page;
            out.page_size = pr.page_size;
            for (int i = 0; i < r.size(); ++i) {
                out.items.push_back({r.Int(i, 0), r.Int(i, 1), r.Text(i, 2), r.Text(i, 3), r.Text(i, 4), r.Text(i, 5),
                                     r.Text(i, 6), r.Text(i, 7), r.Text(i, 8), r.Text(i, 9)});
            }
            GRIDGOV_ASSIGN_OR_RETURN(out.total, Total(c, r, 10, pr, "SELECT COUNT(*)" + where, params));
            return out;
        });
    }

    Status PutSetting(std::string_view key, std::string_view value) override {
        return WriteStatus([&](Connection& c) -> Status {
            return c
                .Query(
                    "INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) "
                    "DO UPDATE SET value = EXCLUDED.value",
                    Params().Add(key).Add(value))
                .status();
        });
    }

    Result<std::optional<std::string>> GetSetting(std::string_view key) override {
        using V = std::optional<std::string>;
        return Read<V>([&](Connection& c) -> Result<V> {
            GRIDGOV_ASSIGN_OR_RETURN(Rows r, c.Query("SELECT value FROM settings WHERE key = $1", Params().Add(key)));
            if (r.empty()) return V{};
            return V{r.Text(0, 0)};
        });
    }

    Status ExportTable(std::string_view table, const RowSink& sink) override {
        const TableSpec* spec = FindTable(table);
        if (spec == nullptr) return InvalidArgument("未知的数据表 " + std::string(table), "table");
        Result<std::int64_t> r = Read<std::int64_t>([&](Connection& c) -> Result<std::int64_t> {
            constexpr std::size_t kBatch = 2000;
            const int columns = ColumnCount(*spec);
            RowBatch batch;
            std::int64_t rows = 0;
            GRIDGOV_RETURN_IF_ERROR(c.Stream("SELECT " + std::string(spec->columns) + " FROM " +
                                                 std::string(spec->name) + " ORDER BY " + std::string(spec->order_by),
                                             [&](const Rows& row) -> Status {
                                                 auto& out = batch.rows.emplace_back(columns);
                                                 for (int i = 0; i < columns; ++i) {
                                                     if (!row.IsNull(0, i)) out[i] = row.Text(0, i);
                                                 }
                                                 ++rows;
                                                 if (batch.rows.size() < kBatch) return Status::Ok();
                                                 Status s = sink(batch);
                                                 batch.rows.clear();
                                                 return s;
                                             }));
            if (!batch.rows.empty()) GRIDGOV_RETURN_IF_ERROR(sink(batch));
            return rows;
        });
        return r.ok() ? Status::Ok() : r.status();
    }

    Status ImportTables(const std::function<Status(std::string_view table, const RowSink& write)>& source) override {
        return WriteStatus([&](Connection& c) -> Status {
            for (const TableSpec& spec : DataTables()) {
                GRIDGOV_ASSIGN_OR_RETURN(Rows any,
                                         c.Query("SELECT EXISTS (SELECT 1 FROM " + std::string(spec.name) + ")"));
                if (!any.empty() && any.Text(0, 0) == "t") {
                    return FailedPrecondition("目标数据库的 " + std::string(spec.name) + " 表已有数据，只能导入到空库");
                }
            }
            for (const TableSpec& spec : DataTables()) {
                const int columns = ColumnCount(spec);
                const std::string copy =
                    "COPY " + std::string(spec.name) + " (" + std::string(spec.columns) + ") FROM STDIN";
                GRIDGOV_RETURN_IF_ERROR(source(spec.name, [&](const RowBatch& batch) -> Status {
                    std::string data;
                    for (const auto& values : batch.rows) {
                        if (static_cast<int>(values.size()) != columns) {
                            return InvalidArgument(std::string(spec.name) + " 表的行列数不符", "table");
                        }
                        AppendCopyRow(data, values);
                    }
                    if (data.empty()) return Status::Ok();
                    Status st = c.CopyIn(copy, data);
                    if (!st.ok()) return Status(st.code(), std::string(spec.name) + "：" + st.message(), "table");
                    return Status::Ok();
                }));
                // Identity columns continue after the copied ids.
                if (spec.columns.starts_with("id,")) {
                    GRIDGOV_RETURN_IF_ERROR(c.Query("SELECT setval(pg_get_serial_sequence('" + std::string(spec.name) +
                                                    "', 'id'), COALESCE((SELECT MAX(id) FROM " +
                                                    std::string(spec.name) + "), 0) + 1, false)")
                                                .status());
                }
            }
            return Status::Ok();
        });
    }

    Result<std::int64_t> CountRows(std::string_view table) override {
        const TableSpec* spec = FindTable(table);
        if (spec == nullptr) return InvalidArgument("未知的数据表 " + std::string(table), "table");
        return Read<std::int64_t>([&](Connection& c) -> Result<std::int64_t> {
            GRIDGOV_ASSIGN_OR_RETURN(Rows r, c.Query("SELECT COUNT(*) FROM " + std::string(spec->name)));
            return r.empty() ? 0 : r.Int(0, 0);
        });
    }

  private:
    static Result<std::int64_t> WriteGrids(Connection& c, std::span<const domain::Grid> grids) {
        if (grids.empty()) return std::int64_t{0};
        std::string data;
        int seq = 0;
        for (const auto& g : grids) {
            data += std::to_string(seq++);
            for (std::string_view v : {std::string_view(g.code), std::string_view(g.name), domain::GridTypeName(g.type),
                                       std::string_view(g.village_code)}) {
                data += '\t';
                AppendCopyField(data, v);
            }
            data += '\t' + std::to_string(g.households) + '\t' + std::to_string(g.population) + '\n';
        }
        GRIDGOV_RETURN_IF_ERROR(
            c.CopyIn("COPY load_grids (seq, code, name, type, village_code, households, population) FROM STDIN", data));
        GRIDGOV_ASSIGN_OR_RETURN(
            Rows missing, c.Query("SELECT l.code, l.village_code FROM load_grids l WHERE NOT EXISTS "
                                  "(SELECT 1 FROM regions r WHERE r.code = l.village_code AND r.level = 'village') "
                                  "ORDER BY l.seq LIMIT 1"));
        if (!missing.empty()) {
            return InvalidArgument("网格 " + missing.Text(0, 0) + " 所属村(社区) " + missing.Text(0, 1) + " 不存在",
                                   "village_code");
        }
        Result<Rows> done = c.Query(
            "INSERT INTO grids (code, name, type, village_code, households, population) "
            "SELECT DISTINCT ON (code) code, name, type, village_code, households, population FROM load_grids "
            "ORDER BY code, seq DESC ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, type = EXCLUDED.type, "
            "village_code = EXCLUDED.village_code, households = EXCLUDED.households, "
            "population = EXCLUDED.population, updated_at = to_char(now() AT TIME ZONE 'UTC', "
            "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') "
            "WHERE grids.name IS DISTINCT FROM EXCLUDED.name OR grids.type IS DISTINCT FROM EXCLUDED.type "
            "OR grids.households IS DISTINCT FROM EXCLUDED.households "
            "OR grids.population IS DISTINCT FROM EXCLUDED.population "
            "OR grids.village_code IS DISTINCT FROM EXCLUDED.village_code");
        if (!done.ok())
            return Unless(done.status(), InvalidArgument("网格写入失败：" + done.status().message(), "code"));
        return done->Affected();
    }

    // Returns how many boundaries changed; NotFound names the first code that exists nowhere.
    static Result<std::int64_t> WriteBoundaries(Connection& c, std::span<const domain::Boundary> boundaries) {
        std::int64_t changed = 0;
        for (const auto& b : boundaries) {
            const bool is_grid = b.code.size() == 15;
            Params p;
            p.Add(b.code).Add(b.geojson);
            GRIDGOV_ASSIGN_OR_RETURN(
                Rows r, is_grid ? c.Query("UPDATE grids SET boundary = $2 WHERE code = $1 AND boundary IS DISTINCT "
                                          "FROM $2",
                                          p)
                                : c.Query("UPDATE regions SET boundary = $2 WHERE code = $1 AND boundary IS DISTINCT "
                                          "FROM $2",
                                          p));
            if (r.Affected() > 0) {
                ++changed;
                continue;
            }
            GRIDGOV_ASSIGN_OR_RETURN(Rows e,
                                     is_grid ? c.Query("SELECT 1 FROM grids WHERE code = $1", Params().Add(b.code))
                                             : c.Query("SELECT 1 FROM regions WHERE code = $1", Params().Add(b.code)));
            if (e.empty()) return NotFound((is_grid ? "网格 " : "区划 ") + b.code + " 不存在", "code");
        }
        return changed;
    }

    static Status InsertAudit(Connection& c, const domain::AuditEntry& e) {
        Params p;
        p.Add(e.at).Add(e.actor).Add(e.actor_role).Add(e.action).Add(e.target_type);
        p.Add(e.target_id)
            .Add(e.region_code)
            .Add(e.detail.empty() ? std::string_view("{}") : std::string_view(e.detail));
        p.Add(e.remote);
        return c
            .Query(
                "INSERT INTO audit_log (at, actor, actor_role, action, target_type, target_id, region_code, "
                "detail, remote) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                p)
            .status();
    }

    Status WriteStatus(const std::function<Status(Connection&)>& fn) { return db_->WriteStatus(fn); }

    template <typename T>
    Result<T> Write(const std::function<Result<T>(Connection&)>& fn) {
        return db_->Write<T>(fn);
    }

    template <typename T>
    Result<T> Read(const std::function<Result<T>(Connection&)>& fn) {
        return db_->Read<T>(fn);
    }

    std::unique_ptr<Database> db_;
    std::unique_ptr<CaseStore> cases_;
};

}  // namespace

Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& url) {
    GRIDGOV_ASSIGN_OR_RETURN(auto db, Database::Open(url));
    return std::unique_ptr<Store>(new PostgresStore(std::move(db)));
}

}  // namespace gridgov::storage::postgres
