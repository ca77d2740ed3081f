// The PostgreSQL connection pool and the query helpers shared by the backend's store areas.
#include "storage/postgres/database.hpp"

#include <algorithm>

#include "storage/postgres/migrations.hpp"

namespace gridgov::storage::postgres {
namespace {

// Session-local staging tables the writer COPYs batches into before one INSERT … ON CONFLICT.
constexpr std::string_view kStagingTables = R"sql(
CREATE TEMP TABLE IF NOT EXISTS load_regions (seq INTEGER, code TEXT COLLATE "C", name TEXT, level TEXT,
    parent_code TEXT COLLATE "C") ON COMMIT DELETE ROWS;
CREATE TEMP TABLE IF NOT EXISTS load_grids (seq INTEGER, code TEXT COLLATE "C", name TEXT, type TEXT,
    village_code TEXT COLLATE "C", households INTEGER, population INTEGER) ON COMMIT DELETE ROWS;
CREATE TEMP TABLE IF NOT EXISTS load_staff (seq INTEGER, grid_code TEXT COLLATE "C", name TEXT, role TEXT,
    phone TEXT) ON COMMIT DELETE ROWS;
)sql";

// How many idle reader connections the pool keeps.
constexpr std::size_t kMaxIdleReaders = 16;

}  // namespace

Result<std::unique_ptr<Database>> Database::Open(const std::string& url) {
    GRIDGOV_ASSIGN_OR_RETURN(auto writer, OpenWriter(url));
    GRIDGOV_RETURN_IF_ERROR(Migrate(*writer));
    return std::unique_ptr<Database>(new Database(url, std::move(writer)));
}

Result<std::unique_ptr<Connection>> Database::OpenWriter(const std::string& url) {
    GRIDGOV_ASSIGN_OR_RETURN(auto conn, Connection::Open(url));
    GRIDGOV_RETURN_IF_ERROR(conn->Exec(kStagingTables));
    return conn;
}

Status Database::WriteStatus(const std::function<Status(Connection&)>& fn) {
    Result<std::int64_t> r = Write<std::int64_t>([&](Connection& c) -> Result<std::int64_t> {
        GRIDGOV_RETURN_IF_ERROR(fn(c));
        return std::int64_t{0};
    });
    return r.ok() ? Status::Ok() : r.status();
}

std::unique_ptr<Connection> Database::TakeReader() {
    std::lock_guard lock(readers_mu_);
    if (readers_.empty()) return nullptr;
    std::unique_ptr<Connection> conn = std::move(readers_.back());
    readers_.pop_back();
    return conn;
}

void Database::GiveBack(std::unique_ptr<Connection> conn) {
    if (conn->InTransaction()) (void)conn->Exec("ROLLBACK");
    std::lock_guard lock(readers_mu_);
    if (readers_.size() < kMaxIdleReaders) readers_.push_back(std::move(conn));
}

std::string SubtreeEnd(std::string_view root) {
    if (root.empty()) return "~";
    std::string hi(root);
    hi.back() = static_cast<char>(hi.back() + 1);
    return hi;
}

PageRequest Clamp(PageRequest p) {
    p.page = std::max(1, p.page);
    p.page_size = std::clamp(p.page_size, 1, kMaxPageSize);
    return p;
}

std::int64_t Offset(const PageRequest& p) { return static_cast<std::int64_t>(p.page - 1) * p.page_size; }

Result<std::int64_t> Total(Connection& c, const Rows& page, int column, const PageRequest& pr,
                           const std::string& count_sql, const Params& params) {
    if (!page.empty()) return page.Int(0, column);
    if (pr.page == 1) return std::int64_t{0};
    GRIDGOV_ASSIGN_OR_RETURN(Rows r, c.Query(count_sql, params));
    return r.empty() ? 0 : r.Int(0, 0);
}

Status Unless(const Status& failure, Status mapped) {
    return failure.code() == StatusCode::kUnavailable ? failure : mapped;
}

}  // namespace gridgov::storage::postgres
