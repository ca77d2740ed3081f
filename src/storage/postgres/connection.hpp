// A thin RAII layer over libpq: connections, cached prepared statements ($n placeholders), results, COPY.
#pragma once

#include <libpq-fe.h>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.hpp"

namespace gridgov::storage::postgres {

// The parameters of one statement, sent as text; $1 is the first Add(). Empty text is sent as '' unless
// added with AddOptional, which sends "" as NULL (for optional references such as a province's parent).
class Params {
  public:
    Params& Add(std::string_view text);
    Params& Add(std::int64_t value) { return Add(std::to_string(value)); }
    Params& Add(int value) { return Add(std::to_string(value)); }
    Params& Add(const char* text) { return Add(std::string_view(text)); }
    Params& Add(const std::string& text) { return Add(std::string_view(text)); }
    Params& AddOptional(std::string_view text);
    Params& AddNull();

    int size() const { return static_cast<int>(values_.size()); }
    // Pointers into the values, NULL where a parameter is NULL; valid while this object lives unchanged.
    std::vector<const char*> Pointers() const;

  private:
    std::vector<std::string> values_;
    std::vector<bool> null_;
};

// The rows (or the row count) of one finished statement. Row and column indexes are 0-based.
class Rows {
  public:
    Rows() = default;
    explicit Rows(PGresult* result) : result_(result, &PQclear) {}

    int size() const { return result_ ? PQntuples(result_.get()) : 0; }
    bool empty() const { return size() == 0; }
    std::string Text(int row, int column) const;
    std::int64_t Int(int row, int column) const;
    bool IsNull(int row, int column) const { return PQgetisnull(result_.get(), row, column) != 0; }
    int columns() const { return result_ ? PQnfields(result_.get()) : 0; }
    // Rows inserted, updated or deleted by the statement (PQcmdTuples).
    std::int64_t Affected() const;

  private:
    std::shared_ptr<PGresult> result_;
};

// One server connection. Not thread-safe: the store hands each connection to one thread at a time.
class Connection {
  public:
    // Connects to `url` (a libpq URI "postgresql://user@host:port/db?…") with UTF-8 client encoding.
    // Unavailable when the server cannot be reached or refuses the login.
    static Result<std::unique_ptr<Connection>> Open(const std::string& url);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    // Executes one or more statements without parameters or results (simple query protocol).
    Status Exec(std::string_view sql);
    // Runs `sql` with $1… parameters as a statement prepared once per connection and cached by its text.
    Result<Rows> Query(std::string_view sql, const Params& params = {});
    // Runs `copy_sql` ("COPY t (a, b) FROM STDIN") and sends `data`, rows in COPY text format (see AppendCopyRow).
    Status CopyIn(std::string_view copy_sql, std::string_view data);
    // Runs `sql` and hands its rows to `on_row` one at a time (libpq single-row mode), for large exports.
    Status Stream(std::string_view sql, const std::function<Status(const Rows&)>& on_row);

    // False once the server connection is lost; the store then drops this connection and opens another.
    bool Healthy() const;
    // True between BEGIN and COMMIT/ROLLBACK (also when a failed statement left the transaction aborted).
    bool InTransaction() const;

  private:
    explicit Connection(PGconn* conn) : conn_(conn) {}
    Status Check(PGresult* result, std::string_view what, ExecStatusType expected);

    PGconn* conn_;
    std::map<std::string, std::string, std::less<>> prepared_;  // SQL text → statement name
};

// Maps a failed result (or a lost connection when `result` is null) to a Status: unique, foreign-key and
// check violations → Conflict (as SQLite's constraint errors), invalid data → InvalidArgument, lost or
// overloaded server, deadlocks and serialisation failures → Unavailable, everything else → Internal.
Status StatusFromPg(PGconn* conn, const PGresult* result, std::string_view what);

// Appends one row in COPY text format: values tab-separated and escaped, std::nullopt as \N, then a newline.
void AppendCopyRow(std::string& out, const std::vector<std::optional<std::string>>& row);
// Appends one escaped COPY text field (no separator).
void AppendCopyField(std::string& out, std::string_view value);

// RAII transaction: BEGIN on construction, ROLLBACK unless Commit() succeeded.
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

}  // namespace gridgov::storage::postgres
