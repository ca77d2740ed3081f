// SQLite schema migrations. Codes are fixed-width digit strings, so a subtree is a range scan on the code.
#include "storage/sqlite/migrations.hpp"

#include <array>
#include <string>

namespace gridgov::storage::sqlite {
namespace {

constexpr std::string_view kV1Hierarchy = R"sql(
CREATE TABLE regions (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    level       TEXT NOT NULL CHECK (level IN ('province','city','county','town','village')),
    parent_code TEXT REFERENCES regions(code),
    updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX regions_parent ON regions(parent_code, code);

CREATE TABLE grids (
    id           INTEGER PRIMARY KEY,
    code         TEXT NOT NULL UNIQUE CHECK (length(code) = 15),
    name         TEXT NOT NULL,
    type         TEXT NOT NULL,
    village_code TEXT NOT NULL REFERENCES regions(code),
    households   INTEGER NOT NULL DEFAULT 0 CHECK (households >= 0),
    population   INTEGER NOT NULL DEFAULT 0 CHECK (population >= 0),
    updated_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX grids_village ON grids(village_code);

CREATE TABLE grid_staff (
    id        INTEGER PRIMARY KEY,
    grid_code TEXT NOT NULL REFERENCES grids(code) ON DELETE CASCADE,
    name      TEXT NOT NULL,
    role      TEXT NOT NULL,
    phone     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX grid_staff_grid ON grid_staff(grid_code);

CREATE TABLE units (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    region_code TEXT NOT NULL REFERENCES regions(code),
    level       TEXT NOT NULL,
    phone       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX units_region ON units(region_code);

CREATE TABLE calendar_days (
    day  TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('workday','rest')),
    note TEXT NOT NULL DEFAULT ''
);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
)sql";

constexpr std::string_view kV2Accounts = R"sql(
CREATE TABLE accounts (
    id            INTEGER PRIMARY KEY,
    login         TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    role          TEXT NOT NULL,
    scope_code    TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until  INTEGER NOT NULL DEFAULT 0,
    disabled      INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL
);
CREATE INDEX accounts_scope ON accounts(scope_code);

CREATE TABLE sessions (
    id          INTEGER PRIMARY KEY,
    account_id  INTEGER NOT NULL REFERENCES accounts(id),
    token_hash  TEXT NOT NULL UNIQUE,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    revoked_at  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX sessions_account ON sessions(account_id);

CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          INTEGER NOT NULL,
    actor       TEXT NOT NULL,
    actor_role  TEXT NOT NULL DEFAULT '',
    action      TEXT NOT NULL,
    target_type TEXT NOT NULL DEFAULT '',
    target_id   TEXT NOT NULL DEFAULT '',
    region_code TEXT NOT NULL DEFAULT '',
    detail      TEXT NOT NULL DEFAULT '{}',
    remote      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_at ON audit_log(at);
CREATE INDEX audit_actor ON audit_log(actor, at);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
)sql";

constexpr std::string_view kV3Boundaries = R"sql(
ALTER TABLE regions ADD COLUMN boundary TEXT;
ALTER TABLE grids ADD COLUMN boundary TEXT;
)sql";

constexpr std::array<Migration, 3> kMigrations{{
    {1, "hierarchy: regions, grids, staff, units, calendar, settings", kV1Hierarchy},
    {2, "accounts, sessions, append-only audit log", kV2Accounts},
    {3, "boundaries of regions and grids (GeoJSON, WGS-84)", kV3Boundaries},
}};

}  // namespace

std::span<const Migration> Migrations() { return kMigrations; }

Status Migrate(Connection& conn) {
    GRIDGOV_RETURN_IF_ERROR(
        conn.Exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                  "applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')))"));
    GRIDGOV_ASSIGN_OR_RETURN(Statement * current,
                             conn.Prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
    GRIDGOV_ASSIGN_OR_RETURN(bool has_row, current->Step());
    int version = has_row ? static_cast<int>(current->Int(0)) : 0;
    current->Reset();
    if (version > static_cast<int>(kMigrations.size())) {
        return FailedPrecondition("数据库版本(" + std::to_string(version) + ")高于本程序支持的版本，请升级 gridgov");
    }
    for (const Migration& m : kMigrations) {
        if (m.version <= version) continue;
        Transaction tx(conn);
        GRIDGOV_RETURN_IF_ERROR(tx.begin_status());
        GRIDGOV_RETURN_IF_ERROR(conn.Exec(m.sql));
        GRIDGOV_ASSIGN_OR_RETURN(Statement * record,
                                 conn.Prepare("INSERT INTO schema_migrations(version, name) VALUES (?, ?)"));
        GRIDGOV_RETURN_IF_ERROR(record->Bind(1, m.version).Bind(2, m.name).Run());
        GRIDGOV_RETURN_IF_ERROR(tx.Commit());
    }
    return Status::Ok();
}

}  // namespace gridgov::storage::sqlite
