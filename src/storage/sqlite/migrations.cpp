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

constexpr std::string_view kV4Cases = R"sql(
ALTER TABLE accounts ADD COLUMN unit_code TEXT NOT NULL DEFAULT '';

CREATE TABLE case_categories (
    code          TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    case_type     TEXT NOT NULL,
    parent_code   TEXT NOT NULL DEFAULT '',
    sign_days     INTEGER NOT NULL,
    handle_days   INTEGER NOT NULL,
    verify_days   INTEGER NOT NULL,
    level_days    INTEGER NOT NULL,
    warn_before   INTEGER NOT NULL,
    max_extension INTEGER NOT NULL,
    return_within INTEGER NOT NULL
);

CREATE TABLE routing_rules (
    id            INTEGER PRIMARY KEY,
    region_code   TEXT NOT NULL REFERENCES regions(code),
    category_code TEXT NOT NULL REFERENCES case_categories(code),
    unit_code     TEXT NOT NULL REFERENCES units(code),
    UNIQUE (region_code, category_code)
);

CREATE TABLE cases (
    id                      INTEGER PRIMARY KEY,
    case_no                 TEXT NOT NULL UNIQUE,
    type                    TEXT NOT NULL,
    channel                 TEXT NOT NULL,
    category_code           TEXT NOT NULL REFERENCES case_categories(code),
    title                   TEXT NOT NULL,
    description             TEXT NOT NULL DEFAULT '',
    state                   TEXT NOT NULL,
    state_before_suspension TEXT NOT NULL DEFAULT 'registered',
    level                   TEXT NOT NULL,
    grid_code               TEXT NOT NULL DEFAULT '',
    region_code             TEXT NOT NULL,
    location_code           TEXT NOT NULL,
    lng                     REAL,
    lat                     REAL,
    address                 TEXT NOT NULL DEFAULT '',
    reporter_name           TEXT NOT NULL DEFAULT '',
    reporter_phone          TEXT NOT NULL DEFAULT '',
    reporter_login          TEXT NOT NULL DEFAULT '',
    client_request_id       TEXT NOT NULL DEFAULT '',
    unit_code               TEXT NOT NULL DEFAULT '',
    created_at              INTEGER NOT NULL,
    updated_at              INTEGER NOT NULL,
    version                 INTEGER NOT NULL DEFAULT 1,
    sign_due                TEXT NOT NULL DEFAULT '',
    handle_due              TEXT NOT NULL DEFAULT '',
    verify_due              TEXT NOT NULL DEFAULT '',
    level_due               TEXT NOT NULL DEFAULT '',
    warning                 TEXT NOT NULL DEFAULT '',
    supervision             TEXT NOT NULL DEFAULT 'none',
    extension_days          INTEGER NOT NULL DEFAULT 0,
    extension_requested     INTEGER NOT NULL DEFAULT 0,
    redo_count              INTEGER NOT NULL DEFAULT 0,
    satisfaction            TEXT NOT NULL DEFAULT '',
    merged_into             INTEGER NOT NULL DEFAULT 0,
    finished_at             INTEGER NOT NULL DEFAULT 0,
    closed_at               INTEGER NOT NULL DEFAULT 0,
    overdue                 INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX cases_location ON cases(location_code, created_at);
CREATE INDEX cases_unit ON cases(unit_code, state);
CREATE INDEX cases_state ON cases(state);
CREATE INDEX cases_category ON cases(category_code, created_at);
CREATE UNIQUE INDEX cases_client_request ON cases(reporter_login, client_request_id) WHERE client_request_id <> '';

CREATE TABLE case_history (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases(id),
    at          INTEGER NOT NULL,
    actor       TEXT NOT NULL,
    actor_role  TEXT NOT NULL DEFAULT '',
    op          TEXT NOT NULL,
    from_state  TEXT NOT NULL,
    to_state    TEXT NOT NULL,
    comment     TEXT NOT NULL DEFAULT '',
    data        TEXT NOT NULL DEFAULT '{}',
    attachments TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX case_history_case ON case_history(case_id, id);
CREATE TRIGGER case_history_no_update BEFORE UPDATE ON case_history
BEGIN SELECT RAISE(ABORT, 'case_history is append-only'); END;
CREATE TRIGGER case_history_no_delete BEFORE DELETE ON case_history
BEGIN SELECT RAISE(ABORT, 'case_history is append-only'); END;
)sql";

constexpr std::string_view kV5Open311 = R"sql(
CREATE TABLE api_keys (
    key_hash   TEXT PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    active     INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL
);
)sql";

constexpr std::array<Migration, 5> kMigrations{{
    {1, "hierarchy: regions, grids, staff, units, calendar, settings", kV1Hierarchy},
    {2, "accounts, sessions, append-only audit log", kV2Accounts},
    {3, "boundaries of regions and grids (GeoJSON, WGS-84)", kV3Boundaries},
    {4, "case engine: categories, routing, cases, append-only history; account units", kV4Cases},
    {5, "Open311 API keys", kV5Open311},
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
    if (version > kMigrations.back().version) {
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
