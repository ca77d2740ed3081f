// The storage interface every backend implements (SQLite and PostgreSQL) and OpenStore(url).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/calendar.hpp"
#include "common/status.hpp"
#include "domain/account.hpp"
#include "domain/region.hpp"

namespace gridgov::storage {

class CaseStore;  // storage/case_store.hpp

// One page of a list: items plus the total matching count (lists answer {"items","total","page","page_size"}).
template <typename T>
struct Page {
    std::vector<T> items;
    std::int64_t total = 0;
    int page = 1;
    int page_size = 20;
};

struct PageRequest {
    int page = 1;        // 1-based
    int page_size = 20;  // 1..kMaxPageSize
};
inline constexpr int kMaxPageSize = 500;

struct GridFilter {
    std::string region_code;  // subtree root (any level); "" = everything
    std::optional<domain::GridType> type;
    std::string name_contains;  // substring of the grid name; "" = any
    PageRequest page;
};

struct UnitFilter {
    std::string region_code;  // units serving this region or any region inside it
    std::optional<domain::UnitKind> kind;
    PageRequest page;
};

struct AuditFilter {
    std::string region_code;  // entries whose region lies in this subtree, plus entries with no region
    std::string actor;        // exact login; "" = any
    std::string action;       // exact action or a prefix ending in "." ("user."); "" = any
    std::int64_t from = 0;    // unix seconds, inclusive; 0 = open
    std::int64_t to = 0;      // unix seconds, exclusive; 0 = open
    PageRequest page;
};

// A batch of rows of one table for whole-table export/import: each value as text, NULL as std::nullopt.
struct RowBatch {
    std::vector<std::vector<std::optional<std::string>>> rows;
};
using RowSink = std::function<Status(const RowBatch&)>;

// Counts of what lies inside a region subtree.
struct SubtreeCounts {
    std::int64_t towns = 0;
    std::int64_t villages = 0;
    std::int64_t grids = 0;
    std::int64_t special_grids = 0;
    std::int64_t staff = 0;
    std::int64_t households = 0;
    std::int64_t population = 0;
};

// A database holding one deployment. Implementations are thread-safe: any number of threads may call any
// method concurrently (readers run in parallel; writes are serialised by the backend). Every write method
// is atomic: it either applies completely or not at all.
class Store {
  public:
    virtual ~Store() = default;

    // "sqlite" or "postgresql".
    virtual std::string_view Backend() const = 0;
    // The case engine's tables (same database, same thread-safety and atomicity contract).
    virtual CaseStore& Cases() = 0;
    // The highest applied migration version.
    virtual Result<int> SchemaVersion() = 0;

    // Inserts regions or updates their name/level/parent; parents must exist or be in the same batch
    // (ordered parents first). Returns how many rows were inserted or changed. Idempotent.
    virtual Result<std::int64_t> UpsertRegions(std::span<const domain::Region> regions) = 0;
    // NotFound if absent.
    virtual Result<domain::Region> GetRegion(std::string_view code) = 0;
    // Direct children ordered by code; `code` "" lists provinces.
    virtual Result<std::vector<domain::Region>> ListChildRegions(std::string_view code) = 0;
    virtual Result<SubtreeCounts> CountSubtree(std::string_view code) = 0;

    // Inserts or updates grids (by code); each grid's village must exist (InvalidArgument otherwise).
    virtual Result<std::int64_t> UpsertGrids(std::span<const domain::Grid> grids) = 0;
    virtual Result<domain::Grid> GetGrid(std::string_view code) = 0;
    virtual Result<Page<domain::Grid>> ListGrids(const GridFilter& filter) = 0;

    // Inserts or updates grids and their boundaries together with one audit row, in one transaction: a
    // failure leaves nothing written. Returns how many grid rows were inserted or changed.
    virtual Result<std::int64_t> ImportGrids(std::span<const domain::Grid> grids,
                                             std::span<const domain::Boundary> boundaries,
                                             const domain::AuditEntry& audit) = 0;
    // Sets boundaries of regions (2–12-digit codes) or grids (15 digits); every code must exist (NotFound
    // names the first that does not). Atomic.
    virtual Status PutBoundaries(std::span<const domain::Boundary> boundaries) = 0;
    // Boundaries inside the subtree of `root` at `level` ("county", "town", "village" or "grid"), ordered by
    // code; records without a boundary are left out.
    virtual Result<std::vector<domain::Boundary>> ListBoundaries(std::string_view root, std::string_view level) = 0;

    // Replaces the roster of each grid named in `staff` with the members given for it.
    virtual Status ReplaceGridStaff(std::span<const domain::StaffMember> staff) = 0;
    virtual Result<std::vector<domain::StaffMember>> ListGridStaff(std::string_view grid_code) = 0;

    // Inserts or updates units (by code); their region must exist.
    virtual Result<std::int64_t> UpsertUnits(std::span<const domain::Unit> units) = 0;
    virtual Result<Page<domain::Unit>> ListUnits(const UnitFilter& filter) = 0;

    // Calendar days an administrator defined (rest days and make-up workdays beyond the built-in years),
    // stored with their audit row in one transaction.
    virtual Status PutCalendarDays(std::span<const CalendarDay> days, const domain::AuditEntry& audit) = 0;
    virtual Result<std::vector<CalendarDay>> ListCalendarDays() = 0;

    // Accounts. CreateAccount: Conflict when the login exists; returns the new id. The audit row is written
    // in the same transaction as the change.
    virtual Result<std::int64_t> CreateAccount(const domain::Account& account, const domain::AuditEntry& audit) = 0;
    virtual Result<domain::Account> GetAccount(std::string_view login) = 0;
    virtual Result<domain::Account> GetAccountById(std::int64_t id) = 0;
    // Accounts whose scope lies in the subtree of `scope_code`, ordered by login.
    virtual Result<Page<domain::Account>> ListAccounts(std::string_view scope_code, PageRequest page) = 0;
    // Saves the mutable fields (name, role, scope, password hash, failed logins, lock, disabled) of account
    // `account.id`; with `revoke_sessions` also revokes all its live sessions at `now`. Appends `audit`
    // unless its action is empty. NotFound for an unknown id.
    virtual Status UpdateAccount(const domain::Account& account, bool revoke_sessions, std::int64_t now,
                                 const domain::AuditEntry& audit) = 0;

    // Sessions (bearer tokens, stored hashed).
    virtual Status CreateSession(const domain::Session& session, const domain::AuditEntry& audit) = 0;
    // NotFound when no session has this hash.
    virtual Result<domain::Session> FindSession(std::string_view token_hash) = 0;
    virtual Status RevokeSession(std::string_view token_hash, std::int64_t now, const domain::AuditEntry& audit) = 0;

    // The audit log: append-only (the database refuses updates and deletes of its rows).
    virtual Status AppendAudit(const domain::AuditEntry& entry) = 0;
    // Newest first.
    virtual Result<Page<domain::AuditEntry>> ListAudit(const AuditFilter& filter) = 0;

    // Small key/value settings of the deployment (e.g. "demo.county").
    virtual Status PutSetting(std::string_view key, std::string_view value) = 0;
    virtual Result<std::optional<std::string>> GetSetting(std::string_view key) = 0;

    // Whole-table export and import, for moving a deployment between databases (`gridgov migrate-db`,
    // CopyStore in storage/copy_store.hpp). Tables and their columns are storage/tables.hpp's DataTables().
    // Streams every row of `table` to `sink` in batches, values as text in DataTables() column order, rows in
    // the table's order; stops at the first error `sink` returns. InvalidArgument for an unknown table.
    virtual Status ExportTable(std::string_view table, const RowSink& sink) = 0;
    // Fills an empty database in one transaction, keeping ids: for each table of DataTables() in order, calls
    // `source(table, write)`, where `write` appends a batch of rows. FailedPrecondition when a data table
    // already holds rows; any error leaves the database as it was.
    virtual Status ImportTables(const std::function<Status(std::string_view table, const RowSink& write)>& source) = 0;
    // How many rows `table` holds (InvalidArgument for an unknown table).
    virtual Result<std::int64_t> CountRows(std::string_view table) = 0;
};

// Opens (creating and migrating if needed) the database named by `url`: a file path ("var/demo.db",
// "sqlite:var/demo.db") for SQLite or "postgresql://…" for PostgreSQL. InvalidArgument for a URL it
// cannot read, Unavailable when the database cannot be opened.
Result<std::unique_ptr<Store>> OpenStore(std::string_view url);

}  // namespace gridgov::storage
