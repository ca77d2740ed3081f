// SQLite connection, statement and transaction wrappers.
#include "storage/sqlite/connection.hpp"

#include <spdlog/spdlog.h>

namespace gridgov::storage::sqlite {

Status StatusFromSqlite(sqlite3* db, int rc, std::string_view what) {
    const char* msg = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    std::string detail = std::string(what) + ": " + msg;
    switch (rc & 0xff) {
        case SQLITE_CONSTRAINT:
            return Conflict("数据约束冲突：" + detail);
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            return Unavailable("数据库忙，请稍后重试");
        case SQLITE_CANTOPEN:
            return Unavailable("无法打开数据库：" + detail);
        case SQLITE_FULL:
            return Unavailable("磁盘已满");
        default:
            return Internal(detail);
    }
}

Statement& Statement::Bind(int index, std::string_view text) {
    // An empty view may have a null data(), which SQLite would bind as NULL rather than ''.
    sqlite3_bind_text(stmt_, index, text.data() != nullptr ? text.data() : "", static_cast<int>(text.size()),
                      SQLITE_TRANSIENT);
    return *this;
}

Statement& Statement::Bind(int index, std::int64_t value) {
    sqlite3_bind_int64(stmt_, index, value);
    return *this;
}

Statement& Statement::Bind(int index, double value) {
    sqlite3_bind_double(stmt_, index, value);
    return *this;
}

Statement& Statement::BindNull(int index) {
    sqlite3_bind_null(stmt_, index);
    return *this;
}

Statement& Statement::BindOptional(int index, std::string_view text) {
    return text.empty() ? BindNull(index) : Bind(index, text);
}

Result<bool> Statement::Step() {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    return StatusFromSqlite(sqlite3_db_handle(stmt_), rc, "step");
}

Status Statement::Run() {
    for (;;) {
        GRIDGOV_ASSIGN_OR_RETURN(bool row, Step());
        if (!row) return Status::Ok();
    }
}

std::string Statement::Text(int column) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
    if (p == nullptr) return {};
    return std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

void Statement::Reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

Result<std::unique_ptr<Connection>> Connection::Open(const std::string& path, bool read_only) {
    sqlite3* db = nullptr;
    int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI;
    flags |= read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
    if (rc != SQLITE_OK) {
        Status s = StatusFromSqlite(db, rc, "open " + path);
        sqlite3_close(db);
        return Unavailable("无法打开数据库文件 " + path + "：" + s.message());
    }
    sqlite3_busy_timeout(db, 10000);
    std::unique_ptr<Connection> conn(new Connection(db));
    // WAL lets readers run beside the single writer; FULL sync makes every acknowledged commit durable.
    const char* pragmas = read_only ? "PRAGMA foreign_keys=ON; PRAGMA query_only=ON;"
                                    : "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;";
    GRIDGOV_RETURN_IF_ERROR(conn->Exec(pragmas));
    return conn;
}

Connection::~Connection() {
    statements_.clear();
    sqlite3_close(db_);
}

Status Connection::Exec(std::string_view sql) {
    char* err = nullptr;
    std::string text(sql);
    int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
        Status s = StatusFromSqlite(db_, rc, "exec");
        sqlite3_free(err);
        return s;
    }
    return Status::Ok();
}

Result<Statement*> Connection::Prepare(std::string_view sql) {
    auto it = statements_.find(sql);
    if (it == statements_.end()) {
        sqlite3_stmt* stmt = nullptr;
        int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt,
                                    nullptr);
        if (rc != SQLITE_OK) return StatusFromSqlite(db_, rc, "prepare");
        it = statements_.emplace(std::string(sql), std::make_unique<Statement>(stmt)).first;
    }
    it->second->Reset();
    return it->second.get();
}

void Connection::ResetAll() {
    for (sqlite3_stmt* s = sqlite3_next_stmt(db_, nullptr); s != nullptr; s = sqlite3_next_stmt(db_, s)) {
        if (sqlite3_stmt_busy(s)) sqlite3_reset(s);
    }
}

Transaction::Transaction(Connection& conn) : conn_(conn), begin_(conn.Exec("BEGIN IMMEDIATE")) {}

Transaction::~Transaction() {
    if (!done_ && begin_.ok()) {
        Status s = conn_.Exec("ROLLBACK");
        if (!s.ok()) spdlog::error("rollback failed: {}", s.ToString());
    }
}

Status Transaction::Commit() {
    GRIDGOV_RETURN_IF_ERROR(begin_);
    Status s = conn_.Exec("COMMIT");
    if (s.ok()) done_ = true;
    return s;
}

}  // namespace gridgov::storage::sqlite
