// A thin RAII layer over the SQLite C API: connections, cached prepared statements, typed binds.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "common/status.hpp"

namespace gridgov::storage::sqlite {

// A prepared statement owned by its Connection's cache. Bind indexes are 1-based, as in SQLite.
// Not thread-safe: used only by the thread that holds the connection.
class Statement {
  public:
    explicit Statement(sqlite3_stmt* stmt) : stmt_(stmt) {}
    ~Statement() { sqlite3_finalize(stmt_); }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& Bind(int index, std::string_view text);
    Statement& Bind(int index, std::int64_t value);
    Statement& Bind(int index, int value) { return Bind(index, static_cast<std::int64_t>(value)); }
    Statement& Bind(int index, double value);
    Statement& BindNull(int index);
    // Binds "" as NULL (for optional references such as a province's parent).
    Statement& BindOptional(int index, std::string_view text);

    // Advances: true when a row is available, false when done; Internal/Conflict on failure.
    Result<bool> Step();
    // Runs to completion (for writes); Conflict on a constraint violation.
    Status Run();

    std::string Text(int column) const;
    std::int64_t Int(int column) const { return sqlite3_column_int64(stmt_, column); }
    double Real(int column) const { return sqlite3_column_double(stmt_, column); }
    bool IsNull(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

    // Clears bindings and resets for reuse; called automatically by Connection::Prepare.
    void Reset();

  private:
    sqlite3_stmt* stmt_;
};

// One SQLite connection. Not thread-safe: the store hands each connection to one thread at a time.
class Connection {
  public:
    // Opens `path` (creating it unless `read_only`), sets WAL, foreign keys and a busy timeout.
    static Result<std::unique_ptr<Connection>> Open(const std::string& path, bool read_only);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    // Executes one or more statements without results.
    Status Exec(std::string_view sql);
    // Returns the cached statement for `sql`, reset and with bindings cleared.
    Result<Statement*> Prepare(std::string_view sql);
    // Resets every statement still stepping, ending the read snapshot it holds (WAL readers would otherwise
    // keep seeing the database as it was). Called after each unit of work.
    void ResetAll();
    std::int64_t Changes() const { return sqlite3_changes64(db_); }
    std::int64_t LastInsertId() const { return sqlite3_last_insert_rowid(db_); }
    sqlite3* handle() const { return db_; }

  private:
    explicit Connection(sqlite3* db) : db_(db) {}
    sqlite3* db_;
    std::map<std::string, std::unique_ptr<Statement>, std::less<>> statements_;
};

// Maps a SQLite result code to a Status (constraint → Conflict, busy → Unavailable, else Internal).
Status StatusFromSqlite(sqlite3* db, int rc, std::string_view what);

// RAII transaction: BEGIN IMMEDIATE on construction, ROLLBACK unless Commit() succeeded.
class Transaction {
  public:
    explicit Transaction(Connection& conn);
    ~Transaction();
    const Status& begin_status() const { return begin_; }
    Status Commit();

  private:
    Connection& conn_;
    Status begin_;
    bool done_ = false;
};

}  // namespace gridgov::storage::sqlite
