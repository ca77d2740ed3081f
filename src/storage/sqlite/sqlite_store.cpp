// SQLite implementation of the Store interface.
#include "storage/sqlite/sqlite_store.hpp"

#include <algorithm>
#include <functional>
#include <mutex>
#include <vector>

#include "common/date.hpp"
#include "storage/sqlite/connection.hpp"
#include "storage/sqlite/database.hpp"
#include "storage/sqlite/migrations.hpp"
#include "storage/sqlite/sqlite_case_store.hpp"
#include "storage/tables.hpp"

namespace gridgov::storage::sqlite {
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

domain::Region ReadRegion(const Statement& s) { return {s.Text(0), s.Text(1), s.Text(2), s.Text(3)}; }

domain::Grid ReadGrid(const Statement& s) {
    domain::Grid g;
    g.code = s.Text(0);
    g.name = s.Text(1);
    g.type = domain::ParseGridType(s.Text(2)).value_or(domain::GridType::kComprehensive);
    g.village_code = s.Text(3);
    g.households = static_cast<int>(s.Int(4));
    g.population = static_cast<int>(s.Int(5));
    return g;
}

domain::Unit ReadUnit(const Statement& s) {
    domain::Unit u;
    u.id = s.Int(0);
    u.code = s.Text(1);
    u.name = s.Text(2);
    u.kind = domain::ParseUnitKind(s.Text(3)).value_or(domain::UnitKind::kDepartment);
    u.region_code = s.Text(4);
    u.level = s.Text(5);
    u.phone = s.Text(6);
    return u;
}

constexpr std::string_view kAccountSelect =
    "SELECT id, login, name, role, scope_code, password_hash, failed_logins, locked_until, disabled, created_at, "
    "unit_code FROM accounts";

domain::Account ReadAccount(const Statement& s) {
    domain::Account a;
    a.id = s.Int(0);
    a.login = s.Text(1);
    a.name = s.Text(2);
    a.role = s.Text(3);
    a.scope_code = s.Text(4);
    a.password_hash = s.Text(5);
    a.failed_logins = static_cast<int>(s.Int(6));
    a.locked_until = s.Int(7);
    a.disabled = s.Int(8) != 0;
    a.created_at = s.Int(9);
    a.unit_code = s.Text(10);
    return a;
}

constexpr std::string_view kGridColumns = "code, name, type, village_code, households, population";

class SqliteStore final : public Store {
  public:
    explicit SqliteStore(std::unique_ptr<Database> db) : db_(std::move(db)), cases_(NewSqliteCaseStore(*db_)) {}

    CaseStore& Cases() override { return *cases_; }

    std::string_view Backend() const override { return "sqlite"; }

    Result<int> SchemaVersion() override {
        return Read<int>([](Connection& c) -> Result<int> {
            GRIDGOV_ASSIGN_OR_RETURN(Statement * s,
                                     c.Prepare("SELECT COALESCE(MAX(version),0) FROM schema_migrations"));
            GRIDGOV_ASSIGN_OR_RETURN(bool row, s->Step());
            return row ? static_cast<int>(s->Int(0)) : 0;
        });
    }

    Result<std::int64_t> UpsertRegions(std::span<const domain::Region> regions) override {
        return Write<std::int64_t>([&](Connection& c) -> Result<std::int64_t> {
            GRIDGOV_ASSIGN_OR_RETURN(
                Statement * s,
                c.Prepare("INSERT INTO regions(code, name, level, parent_code) VALUES (?1, ?2, ?3, ?4) "
                          "ON CONFLICT(code) DO UPDATE SET name = excluded.name, level = excluded.level, "
                          "parent_code = excluded.parent_code, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') "
                          "WHERE name IS NOT excluded.name OR level IS NOT excluded.level "
                          "OR parent_code IS NOT excluded.parent_code"));
            std::int64_t changed = 0;
            for (const auto& r : regions) {
                s->Reset();
                Status st = s->Bind(1, r.code).Bind(2, r.name).Bind(3, r.level).BindOptional(4, r.parent_code).Run();
                if (!st.ok()) return InvalidArgument("区划 " + r.code + " 写入失败：" + st.message(), "code");
                changed += c.Changes();
            }
            return changed;
        });
    }

    Result<domain::Region> GetRegion(std::string_view code) override {
        return Read<domain::Region>([&](Connection& c) -> Result<domain::Region> {
            GRIDGOV_ASSIGN_OR_RETURN(
                Statement * s,
                c.Prepare("SELECT code, name, level, COALESCE(parent_code,'') FROM regions WHERE code = ?"));
            s->Bind(1, code);
            GRIDGOV_ASSIGN_OR_RETURN(bool row, s->Step());
            if (!row) return NotFound("区划 " + std::string(code) + " 不存在", "code");
            return ReadRegion(*s);
        });
    }

    Result<std::vector<domain::Region>> ListChildRegions(std::string_view code) override {
        using V = std::vector<domain::Region>;
        return Read<V>([&](Connection& c) -> Result<V> {
            std::string_view sql =
                code.empty() ? "SELECT code, name, level, '' FROM regions WHERE parent_code IS NULL ORDER BY code"
                             : "SELECT code, name, level, parent_code FROM regions WHERE parent_code = ? ORDER BY code";
            GRIDGOV_ASSIGN_OR_RETURN(Statement * s, c.Prepare(sql));
            if (!code.empty()) s->Bind(1, code);
            V out;
            for (;;) {
                GRIDGOV_ASSIGN_OR_RETURN(bool row, s->Step());
                if (!row) break;
                out.push_back(ReadRegion(*s));
            }
            return out;
        });
    }

    Result<SubtreeCounts> CountSubtree(std::string_view code) override {
        return Read<SubtreeCounts>([&](Connection& c) -> Result<SubtreeCounts> {
            std::string hi = SubtreeEnd(code);
            SubtreeCounts out;
            GRIDGOV_ASSIGN_OR_RETURN(
                Statement * r,
                c.Prepare("SELECT COALESCE(SUM(level = 'town'),0), COALESCE(SUM(level = 'village'),0) FROM regions "
                          "WHERE code >= ?1 AND code < ?2"));
            r->Bind(1, code).Bind(2, hi);
            GRIDGOV_ASSIGN_OR_RETURN(bool row, r->Step());
            if (row) {
                out.towns = r->Int(0);
                out.villages = r->Int(1);
            }
            GRIDGOV_ASSIGN_OR_RETURN(
                Statement * g,
                c.Prepare("SELECT COUNT(*), COALESCE(SUM(type <> 'comprehensive'),0), COALESCE(SUM(households),0), "
                          "COALESCE(SUM(population),0) FROM grids WHERE code >= ?1 AND code < ?2"));
            g->Bind(1, code).Bind(2, hi);
            GRIDGOV_ASSIGN_OR_RETURN(row, g->Step());
            if (row) {
                out.grids = g->Int(0);
                out.special_grids = g->Int(1);
                out.households = g->Int(2);
                out.population = g->Int(3);
            }
            GRIDGOV_ASSIGN_OR_RETURN(
                Statement * st, c.Prepare("SELECT COUNT(*) FROM grid_staff WHERE grid_code >= ?1 AND grid_code < ?2"));
            st->Bind(1, code).Bind(2, hi);
            GRIDGOV_ASSIGN_OR_RETURN(row, st->Step());
            if (row) out.staff = st->Int(0);
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
            std::string_view sql =
                level == "grid" ? "SELECT code, boundary FROM grids WHERE code >= ?1 AND code < ?2 AND boundary IS NOT "
                                  "NULL ORDER BY code"
                                : "SELECT code, boundary FROM regions WHERE code >= ?1 AND code < ?2 AND level = ?3 "
                                  "AND boundary IS NOT NULL ORDER BY code";
            GRIDGOV_ASSIGN_OR_RETURN(Statement * s, c.Prepare(sql));
            s->Bind(1, root).Bind(2, SubtreeEnd(root));
            if (level != "grid") s->Bind(3, level);
            V out;
            for (;;) {
                GRIDGOV_ASSIGN_OR_RETURN(bool row, s->Step());
                if (!row) break;
                out.push_back({s->Text(0), s->Text(1)});
            }
            return out;
        });
    }

    Result<domain::Grid> GetGrid(std::string_view code) override {
        return Read<domain::Grid>([&](Connection& c) -> Result<domain::Grid> {
            GRIDGOV_ASSIGN_OR_RETURN(Statement * s,
                                     c.Prepare("SELECT code, name, type, village_code, households, population "
                                               "FROM grids WHERE code = ?"));
            s->Bind(1, code);
            GRIDGOV_ASSIGN_OR_RETURN(bool row, s->Step());
            if (!row) return NotFound("网格 " + std::string(code) + " 不存在", "code");
            return ReadGrid(*s);
        });
    }

    Result<Page<domain::Grid>> ListGrids(const GridFilter& filter) override {
        using P = Page<domain::Grid>;
        return Read<P>([&](Connection& c) -> Result<P> {
            PageRequest pr = ClampPage(filter.page);
            std::string where =
                " FROM grids WHERE code >= ?1 AND code < ?2 AND (?3 = '' OR type = ?3) "
                "AND (?4 = '' OR instr(name, ?4) > 0)";
            std::string type = filter.type ? std::string(domain::GridTypeName(*filter.type)) : "";
            auto bind = [&](Statement* s) {
                s->Bind(1, filter.region_code).Bind(2, SubtreeEnd(filter.region_code)).Bind(3, type);
                s->Bind(4, filter.name_contains);
            };
            P out;
            out.page = pr.page;
            out.page_size = pr.page_size;
            GRIDGOV_ASSIGN_OR_RETURN(Statement * count, c.Prepare("SELECT COUNT(*)" + where));
            bind(count);
            GRIDGOV_ASSIGN_OR_RETURN(bool row, count->Step());
            out.total = row ? count->Int(0) : 0;
            GRIDGOV_ASSIGN_OR_RETURN(Statement * s, c.Prepare("SELECT " + std::string(kGridColumns) + where +
                                                              " ORDER BY code LIMIT ?5 OFFSET ?6"));
            bind(s);
            s->Bind(5, pr.page_size).Bind(6, static_cast<std::int64_t>(pr.page - 1) * pr.page_size);
            for (;;) {
                GRIDGOV_ASSIGN_OR_RETURN(bool more, s->Step());
                if (!more) break;
                out.items.push_back(ReadGrid(*s));
            }
            return out;
        });
    }

    Status ReplaceGridStaff(std::span<const domain::StaffMember> staff) override {
        Result<std::int64_t> r = Write<std::int64_t>([&](Connection& c) -> Result<std::int64_t> {
            GRIDGOV_ASSIGN_OR_RETURN(Statement * del, c.Prepare("DELETE FROM grid_staff WHERE grid_code = ?"));
            GRIDGOV_ASSIGN_OR_RETURN(
                Statement * ins, c.Prepare("INSERT INTO grid_staff(grid_code, name, role, phone) VALUES (?,?,?,?)"));
            std::vector<std::string_view> cleared;
            for (const auto& m : staff) {
                if (std::find(cleared.begin(), cleared.end(), m.grid_code) == cleared.end()) {
                    del->Reset();
                    GRIDGOV_RETURN_IF_ERROR(del->Bind(1, m.grid_code).Run());
                    cleared.push_back(m.grid_code);
                }
                ins->Reset();
                Status st = ins->Bind(1, m.grid_code)
                                .Bind(2, m.name)
                                .Bind(3, domain::StaffRoleName(m.role))
                                .Bind(4, m.phone)
                                .Run();
                if (!st.ok()) return InvalidArgument("网格 " + m.grid_code + " 不存在，无法登记人员", "grid_code");
            }
            return static_cast<std::int64_t>(staff.size());
        });
        return r.ok() ? Status::Ok() : r.status();
    }

    Result<std::vector<domain::StaffMember>> ListGridStaff(std::string_view grid_code) override {
        using V = std::vector<domain::StaffMember>;
        return Read<V>([&](Connection& c) -> Result<V> {
            GRIDGOV_ASSIGN_OR_RETURN(
                Statement * s,
                c.Prepare("SELECT id, grid_code, name, role, phone FROM grid_staff WHERE grid_code = ? ORDER BY id"));
            s->Bind(1, grid_code);
            V out;
            for (;;) {
                GRIDGOV_ASSIGN_OR_RETURN(bool row, s->Step());
                if (!row) break;
                domain::StaffMember m;
                m.id = s->Int(0);
                m.grid_code = s->Text(1);
                m.name = s->Text(2);
                m.role = domain::ParseStaffRole(s->Text(3)).value_or(domain::StaffRole::kFullTimeWorker);
                m.phone = s->Text(4);
                out.push_back(std::move(m));
            }
            return out;
        });
    }

    Result<std::int64_t> UpsertUnits(std::span<const domain::Unit> units) override {
        return Write<std::int64_t>([&](Connection& c) -> Result<std::int64_t> {
            GRIDGOV_ASSIGN_OR_RETURN(
                Statement * s,
                c.Prepare("INSERT INTO units(code, name, kind, region_code, level, phone) VALUES (?1,?2,?3,?4,?5,?6) "
                          "ON CONFLICT(code) DO UPDATE SET name = excluded.name, kind = excluded.kind, "
                          "region_code = excluded.region_code, level = excluded.level, phone = excluded.phone "
                          "WHERE name IS NOT excluded.name OR kind IS NOT excluded.kind OR region_code IS NOT "
                          "excluded.region_code OR phone IS NOT excluded.phone"));
            std::int64_t changed = 0;
            for (const auto& u : units) {
                s->Reset();
                s->Bind(1, u.code).Bind(2, u.name).Bind(3, domain::UnitKindName(u.kind)).Bind(4, u.region_code);
                s->Bind(5, u.level.empty() ? LevelOf(u.region_code) : std::string_view(u.level)).Bind(6, u.phone);
                Status st = s->Run();
                if (!st.ok()) return InvalidArgument("单位 " + u.code + " 写入失败（所属区划不存在？）", "region_code");
                changed += c.Changes();
            }
            return changed;
        });
    }

    Result<Page<domain::Unit>> ListUnits(const UnitFilter& filter) override {
        using P = Page<domain::Unit>;
        return Read<P>([&](Connection& c) -> Result<P> {
            PageRequest pr = ClampPage(filter.page);
            std::string where = " FROM units WHERE region_code >= ?1 AND region_code < ?2 AND (?3 = '' OR kind = ?3)";
            std::string kind = filter.kind ? std::string(domain::UnitKindName(*filter.kind)) : "";
            auto bind = [&](Statement* s) {
                s->Bind(1, filter.region_code).Bind(2, SubtreeEnd(filter.region_code)).Bind(3, kind);
            };
            P out;
            out.page = pr.page;
            out.page_size = pr.page_size;
            GRIDGOV_ASSIGN_OR_RETURN(Statement * count, c.Prepare("SELECT COUNT(*)" + where));
            bind(count);
            GRIDGOV_ASSIGN_OR_RETURN(bool row, count->Step());
            out.total = row ? count->Int(0) : 0;
            GRIDGOV_ASSIGN_OR_RETURN(Statement * s,
                                     c.Prepare("SELECT id, code, name, kind, region_code, level, phone" + where +
                                               " ORDER BY length(region_code), region_code, id LIMIT ?4 OFFSET ?5"));
            bind(s);
            s->Bind(4, pr.page_size).Bind(5, static_cast<std::int64_t>(pr.page - 1) * pr.page_size);
            for (;;) {
                GRIDGOV_ASSIGN_OR_RETURN(bool more, s->Step());
                if (!more) break;
                out.items.push_back(ReadUnit(*s));
            }
            return out;
        });
    }

    Status PutCalendarDays(std::span<const CalendarDay> days, const domain::AuditEntry& audit) override {
        Result<std::int64_t> r = Write<std::int64_t>([&](Connection& c) -> Result<std::int64_t> {
            GRIDGOV_RETURN_IF_ERROR(InsertAudit(c, audit));
            GRIDGOV_ASSIGN_OR_RETURN(
                Statement * s, c.Prepare("INSERT INTO calendar_days(day, kind, note) VALUES (?,?,?) ON CONFLICT(day) "
                                         "DO UPDATE SET kind = excluded.kind, note = excluded.note"));
            for (const auto& d : days) {
                s->Reset();
                GRIDGOV_RETURN_IF_ERROR(s->Bind(1, FormatDate(d.date))
                                            .Bind(2, d.kind == DayKind::kWorkday ? "workday" : "rest")
                                            .Bind(3, d.note)
                                            .Run());
            }
            return static_cast<std::int64_t>(days.size());
        });
        return r.ok() ? Status::Ok() : r.status();
    }

    Result<std::vector<CalendarDay>> ListCalendarDays() override {
        using V = std::vector<CalendarDay>;
        return Read<V>([&](Connection& c) -> Result<V> {
            GRIDGOV_ASSIGN_OR_RETURN(Statement * s,
                                     c.Prepare("SELECT day, kind, note FROM calendar_days ORDER BY day"));
            V out;
            for (;;) {
                GRIDGOV_ASSIGN_OR_RETURN(bool row, s->Step());
                if (!row) break;
                GRIDGOV_ASSIGN_OR_RETURN(Date d, ParseDate(s->Text(0)));
                out.push_back({d, s->Text(1) == "workday" ? DayKind::kWorkday : DayKind::kRestDay, s->Text(2)});
            }
            return out;
        });
    }

    Result<std::int64_t> CreateAccount(const domain::Account& a, const domain::AuditEntry& audit) override {
        return Write<std::int64_t>([&](Connection& c) -> Result<std::int64_t> {
            GRIDGOV_ASSIGN_OR_RETURN(
                Statement * s,
                c.Prepare("INSERT INTO accounts(login, name, role, scope_code, password_hash, failed_logins, "
                          "locked_until, disabled, created_at, unit_code) VALUES (?,?,?,?,?,?,?,?,?,?) "
                          "ON CONFLICT(login) DO NOTHING"));
            s->Bind(1, a.login).Bind(2, a.name).Bind(3, a.role).Bind(4, a.scope_code).Bind(5, a.password_hash);
            s->Bind(6, a.failed_logins).Bind(7, a.locked_until).Bind(8, a.disabled ? 1 : 0).Bind(9, a.created_at);
            s->Bind(10, a.unit_code);
            GRIDGOV_RETURN_IF_ERROR(s->Run());
            if (c.Changes() == 0) return Conflict("用户名 " + a.login + " 已存在", "login");
            std::int64_t id = c.LastInsertId();
            GRIDGOV_RETURN_IF_ERROR(InsertAudit(c, audit));
            return id;
        });
    }

    Result<domain::Account> GetAccount(std::string_view login) override {
        return Read<domain::Account>([&](Connection& c) -> Result<domain::Account> {
            GRIDGOV_ASSIGN_OR_RETURN(Statement * s, c.Prepare(std::string(kAccountSelect) + " WHERE login = ?"));
            s->Bind(1, login);
            GRIDGOV_ASSIGN_OR_RETURN(bool row, s->Step());
            if (!row) return NotFound("用户 " + std::string(login) + " 不存在", "login");
            return ReadAccount(*s);
        });
    }

    Result<domain::Account> GetAccountById(std::int64_t id) override {
        return Read<domain::Account>([&](Connection& c) -> Result<domain::Account> {
            GRIDGOV_ASSIGN_OR_RETURN(Statement * s, c.Prepare(std::string(kAccountSelect) + " WHERE id = ?"));
            s->Bind(1, id);
            GRIDGOV_ASSIGN_OR_RETURN(bool row, s->Step());
            if (!row) return NotFound("用户不存在", "id");
            return ReadAccount(*s);
        });
    }

    Result<Page<domain::Account>> ListAccounts(std::string_view scope, PageRequest page) override {
        using P = Page<domain::Account>;
        return Read<P>([&](Connection& c) -> Result<P> {
            PageRequest pr = ClampPage(page);
            P out;
            out.page = pr.page;
            out.page_size = pr.page_size;
            GRIDGOV_ASSIGN_OR_RETURN(
                Statement * count,
                c.Prepare("SELECT COUNT(*) FROM accounts WHERE scope_code >= ?1 AND scope_code < ?2"));
            count->Bind(1, scope).Bind(2, SubtreeEnd(scope));
            GRIDGOV_ASSIGN_OR_RETURN(bool row, count->Step());
            out.total = row ? count->Int(0) : 0;
            GRIDGOV_ASSIGN_OR_RETURN(
                Statement * s, c.Prepare(std::string(kAccountSelect) + " WHERE scope_code >= ?1 AND scope_code < ?2 "
                                                                       "ORDER BY login LIMIT ?3 OFFSET ?4"));
            s->Bind(1, scope).Bind(2, SubtreeEnd(scope)).Bind(3, pr.page_size);
            s->Bind(4, static_cast<std::int64_t>(pr.page - 1) * pr.page_size);
            for (;;) {
                GRIDGOV_ASSIGN_OR_RETURN(bool more, s->Step());
                if (!more) break;
                out.items.push_back(ReadAccount(*s));
            }
            return out;
        });
    }

    Status UpdateAccount(const domain::Account& a, bool revoke_sessions, std::int64_t now,
                         const domain::AuditEntry& audit) override {
        return WriteStatus([&](Connection& c) -> Status {
            GRIDGOV_ASSIGN_OR_RETURN(
                Statement * s,
                c.Prepare("UPDATE accounts SET name = ?2, role = ?3, scope_code = ?4, password_hash = ?5, "
                          "failed_logins = ?6, locked_until = ?7, disabled = ?8, unit_code = ?9 WHERE id = ?1"));
            s->Bind(1, a.id).Bind(2, a.name).Bind(3, a.role).Bind(4, a.scope_code).Bind(5, a.password_hash);
            s->Bind(6, a.failed_logins).Bind(7, a.locked_until).Bind(8, a.disabled ? 1 : 0).Bind(9, a.unit_code);
            GRIDGOV_RETURN_IF_ERROR(s->Run());
            if (c.Changes() == 0) return NotFound("用户不存在", "id");
            if (revoke_sessions) {
                GRIDGOV_ASSIGN_OR_RETURN(
                    Statement * r,
                    c.Prepare("UPDATE sessions SET revoked_at = ?2 WHERE account_id = ?1 AND revoked_at = 0"));
                GRIDGOV_RETURN_IF_ERROR(r->Bind(1, a.id).Bind(2, now).Run());
            }
            if (!audit.action.empty()) GRIDGOV_RETURN_IF_ERROR(InsertAudit(c, audit));
            return Status::Ok();
        });
    }

    Status CreateSession(const domain::Session& session, const domain::AuditEntry& audit) override {
        return WriteStatus([&](Connection& c) -> Status {
            GRIDGOV_ASSIGN_OR_RETURN(Statement * s,
                                     c.Prepare("INSERT INTO sessions(account_id, token_hash, created_at, expires_at) "
                                               "VALUES (?,?,?,?)"));
            s->Bind(1, session.account_id).Bind(2, session.token_hash).Bind(3, session.created_at);
            GRIDGOV_RETURN_IF_ERROR(s->Bind(4, session.expires_at).Run());
            return InsertAudit(c, audit);
        });
    }

    Result<domain::Session> FindSession(std::string_view token_hash) override {
        return Read<domain::Session>([&](Connection& c) -> Result<domain::Session> {
            GRIDGOV_ASSIGN_OR_RETURN(Statement * s,
                                     c.Prepare("SELECT id, account_id, token_hash, created_at, expires_at, revoked_at "
                                               "FROM sessions WHERE token_hash = ?"));
            s->Bind(1, token_hash);
            GRIDGOV_ASSIGN_OR_RETURN(bool row, s->Step());
            if (!row) return NotFound("会话不存在");
            return domain::Session{s->Int(0), s->Int(1), s->Text(2), s->Int(3), s->Int(4), s->Int(5)};
        });
    }

    Status RevokeSession(std::string_view token_hash, std::int64_t now, const domain::AuditEntry& audit) override {
        return WriteStatus([&](Connection& c) -> Status {
            GRIDGOV_ASSIGN_OR_RETURN(
                Statement * s,
                c.Prepare("UPDATE sessions SET revoked_at = ?2 WHERE token_hash = ?1 AND revoked_at = 0"));
            GRIDGOV_RETURN_IF_ERROR(s->Bind(1, token_hash).Bind(2, now).Run());
            return InsertAudit(c, audit);
        });
    }

    Status AppendAudit(const domain::AuditEntry& entry) override {
        return WriteStatus([&](Connection& c) -> Status { return InsertAudit(c, entry); });
    }

    Result<Page<domain::AuditEntry>> ListAudit(const AuditFilter& f) override {
        using P = Page<domain::AuditEntry>;
        return Read<P>([&](Connection& c) -> Result<P> {
            PageRequest pr = ClampPage(f.page);
            std::string where =
                " FROM audit_log WHERE (region_code = '' OR (region_code >= ?1 AND region_code < ?2) OR ?1 = '') "
                "AND (?3 = '' OR actor = ?3) AND (?4 = '' OR action = ?4 OR (substr(?4, -1) = '.' AND "
                "substr(action, 1, length(?4)) = ?4)) AND (?5 = 0 OR at >= ?5) AND (?6 = 0 OR at < ?6)";
            auto bind = [&](Statement* s) {
                s->Bind(1, f.region_code).Bind(2, SubtreeEnd(f.region_code)).Bind(3, f.actor).Bind(4, f.action);
                s->Bind(5, f.from).Bind(6, f.to);
            };
            P out;
            out.page = pr.page;
            out.page_size = pr.page_size;
            GRIDGOV_ASSIGN_OR_RETURN(Statement * count, c.Prepare("SELECT COUNT(*)" + where));
            bind(count);
            GRIDGOV_ASSIGN_OR_RETURN(bool row, count->Step());
            out.total = row ? count->Int(0) : 0;
            GRIDGOV_ASSIGN_OR_RETURN(
                Statement * s,
                c.Prepare("SELECT id, at, actor, actor_role, action, target_type, target_id, region_code, detail, "
                          "remote" +
                          where + " ORDER BY id DESC LIMIT ?7 OFFSET ?8"));
            bind(s);
            s->Bind(7, pr.page_size).Bind(8, static_cast<std::int64_t>(pr.page - 1) * pr.page_size);
            for (;;) {
                GRIDGOV_ASSIGN_OR_RETURN(bool more, s->Step());
                if (!more) break;
                out.items.push_back({s->Int(0), s->Int(1), s->Text(2), s->Text(3), s->Text(4), s->Text(5), s->Text(6),
                                     s->Text(7), s->Text(8), s->Text(9)});
            }
            return out;
        });
    }

    Status PutSetting(std::string_view key, std::string_view value) override {
        Result<std::int64_t> r = Write<std::int64_t>([&](Connection& c) -> Result<std::int64_t> {
            GRIDGOV_ASSIGN_OR_RETURN(Statement * s, c.Prepare("INSERT INTO settings(key, value) VALUES (?,?) ON "
                                                              "CONFLICT(key) DO UPDATE SET value = excluded.value"));
            GRIDGOV_RETURN_IF_ERROR(s->Bind(1, key).Bind(2, value).Run());
            return std::int64_t{1};
        });
        return r.ok() ? Status::Ok() : r.status();
    }

    Result<std::optional<std::string>> GetSetting(std::string_view key) override {
        using V = std::optional<std::string>;
        return Read<V>([&](Connection& c) -> Result<V> {
            GRIDGOV_ASSIGN_OR_RETURN(Statement * s, c.Prepare("SELECT value FROM settings WHERE key = ?"));
            s->Bind(1, key);
            GRIDGOV_ASSIGN_OR_RETURN(bool row, s->Step());
            if (!row) return V{};
            return V{s->Text(0)};
        });
    }

    Status ExportTable(std::string_view table, const RowSink& sink) override {
        const TableSpec* spec = FindTable(table);
        if (spec == nullptr) return InvalidArgument("未知的数据表 " + std::string(table), "table");
        Result<std::int64_t> r = Read<std::int64_t>([&](Connection& c) -> Result<std::int64_t> {
            GRIDGOV_ASSIGN_OR_RETURN(
                Statement * s, c.Prepare("SELECT " + std::string(spec->columns) + " FROM " + std::string(spec->name) +
                                         " ORDER BY " + std::string(spec->order_by)));
            const int columns = ColumnCount(*spec);
            constexpr std::size_t kBatch = 2000;
            RowBatch batch;
            std::int64_t rows = 0;
            for (;;) {
                GRIDGOV_ASSIGN_OR_RETURN(bool row, s->Step());
                if (row) {
                    auto& out = batch.rows.emplace_back(columns);
                    for (int i = 0; i < columns; ++i) {
                        if (!s->IsNull(i)) out[i] = s->Text(i);
                    }
                    ++rows;
                }
                if ((!row && !batch.rows.empty()) || batch.rows.size() >= kBatch) {
                    GRIDGOV_RETURN_IF_ERROR(sink(batch));
                    batch.rows.clear();
                }
                if (!row) return rows;
            }
        });
        return r.ok() ? Status::Ok() : r.status();
    }

    Status ImportTables(const std::function<Status(std::string_view table, const RowSink& write)>& source) override {
        return WriteStatus([&](Connection& c) -> Status {
            for (const TableSpec& spec : DataTables()) {
                GRIDGOV_ASSIGN_OR_RETURN(Statement * any,
                                         c.Prepare("SELECT EXISTS (SELECT 1 FROM " + std::string(spec.name) + ")"));
                GRIDGOV_ASSIGN_OR_RETURN(bool row, any->Step());
                if (row && any->Int(0) != 0) {
                    return FailedPrecondition("目标数据库的 " + std::string(spec.name) + " 表已有数据，只能导入到空库");
                }
            }
            for (const TableSpec& spec : DataTables()) {
                const int columns = ColumnCount(spec);
                std::string sql =
                    "INSERT INTO " + std::string(spec.name) + " (" + std::string(spec.columns) + ") VALUES (?";
                for (int i = 1; i < columns; ++i) sql += ", ?";
                sql += ")";
                GRIDGOV_ASSIGN_OR_RETURN(Statement * ins, c.Prepare(sql));
                GRIDGOV_RETURN_IF_ERROR(source(spec.name, [&](const RowBatch& batch) -> Status {
                    for (const auto& values : batch.rows) {
                        if (static_cast<int>(values.size()) != columns) {
                            return InvalidArgument(std::string(spec.name) + " 表的行列数不符", "table");
                        }
                        ins->Reset();
                        for (int i = 0; i < columns; ++i) {
                            if (values[i]) {
                                ins->Bind(i + 1, std::string_view(*values[i]));
                            } else {
                                ins->BindNull(i + 1);
                            }
                        }
                        Status st = ins->Run();
                        if (!st.ok()) return Status(st.code(), std::string(spec.name) + "：" + st.message(), "table");
                    }
                    return Status::Ok();
                }));
            }
            return Status::Ok();
        });
    }

    Result<std::int64_t> CountRows(std::string_view table) override {
        const TableSpec* spec = FindTable(table);
        if (spec == nullptr) return InvalidArgument("未知的数据表 " + std::string(table), "table");
        return Read<std::int64_t>([&](Connection& c) -> Result<std::int64_t> {
            GRIDGOV_ASSIGN_OR_RETURN(Statement * s, c.Prepare("SELECT COUNT(*) FROM " + std::string(spec->name)));
            GRIDGOV_ASSIGN_OR_RETURN(bool row, s->Step());
            return row ? s->Int(0) : 0;
        });
    }

  private:
    static Result<std::int64_t> WriteGrids(Connection& c, std::span<const domain::Grid> grids) {
        GRIDGOV_ASSIGN_OR_RETURN(Statement * village,
                                 c.Prepare("SELECT 1 FROM regions WHERE code = ? AND level = 'village'"));
        GRIDGOV_ASSIGN_OR_RETURN(
            Statement * s,
            c.Prepare("INSERT INTO grids(code, name, type, village_code, households, population) "
                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(code) DO UPDATE SET name = excluded.name, "
                      "type = excluded.type, village_code = excluded.village_code, households = excluded.households, "
                      "population = excluded.population, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') "
                      "WHERE name IS NOT excluded.name OR type IS NOT excluded.type OR households IS NOT "
                      "excluded.households OR population IS NOT excluded.population OR village_code IS NOT "
                      "excluded.village_code"));
        std::int64_t changed = 0;
        for (const auto& g : grids) {
            village->Reset();
            village->Bind(1, g.village_code);
            GRIDGOV_ASSIGN_OR_RETURN(bool exists, village->Step());
            if (!exists) {
                return InvalidArgument("网格 " + g.code + " 所属村(社区) " + g.village_code + " 不存在",
                                       "village_code");
            }
            s->Reset();
            s->Bind(1, g.code).Bind(2, g.name).Bind(3, domain::GridTypeName(g.type)).Bind(4, g.village_code);
            s->Bind(5, g.households).Bind(6, g.population);
            Status st = s->Run();
            if (!st.ok()) return InvalidArgument("网格 " + g.code + " 写入失败：" + st.message(), "code");
            changed += c.Changes();
        }
        return changed;
    }

    // Returns how many boundaries changed.
    static Result<std::int64_t> WriteBoundaries(Connection& c, std::span<const domain::Boundary> boundaries) {
        GRIDGOV_ASSIGN_OR_RETURN(Statement * grid, c.Prepare("UPDATE grids SET boundary = ?2 WHERE code = ?1 AND "
                                                             "boundary IS NOT ?2"));
        GRIDGOV_ASSIGN_OR_RETURN(Statement * region, c.Prepare("UPDATE regions SET boundary = ?2 WHERE code = ?1 AND "
                                                               "boundary IS NOT ?2"));
        GRIDGOV_ASSIGN_OR_RETURN(Statement * grid_exists, c.Prepare("SELECT 1 FROM grids WHERE code = ?"));
        GRIDGOV_ASSIGN_OR_RETURN(Statement * region_exists, c.Prepare("SELECT 1 FROM regions WHERE code = ?"));
        std::int64_t changed = 0;
        for (const auto& b : boundaries) {
            bool is_grid = b.code.size() == 15;
            Statement* s = is_grid ? grid : region;
            s->Reset();
            GRIDGOV_RETURN_IF_ERROR(s->Bind(1, b.code).Bind(2, b.geojson).Run());
            if (c.Changes() > 0) {
                ++changed;
                continue;
            }
            Statement* e = is_grid ? grid_exists : region_exists;
            e->Reset();
            e->Bind(1, b.code);
            GRIDGOV_ASSIGN_OR_RETURN(bool exists, e->Step());
            if (!exists) return NotFound((is_grid ? "网格 " : "区划 ") + b.code + " 不存在", "code");
        }
        return changed;
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

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path) {
    GRIDGOV_ASSIGN_OR_RETURN(auto db, Database::Open(path));
    return std::unique_ptr<Store>(new SqliteStore(std::move(db)));
}

}  // namespace gridgov::storage::sqlite
