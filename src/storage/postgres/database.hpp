// One PostgreSQL database: the serialised writer connection, the pool of reader connections, and the two ways
// to use them (a write transaction, a read), plus the query helpers every store area of the backend shares.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.hpp"
#include "storage/postgres/connection.hpp"
#include "storage/store.hpp"

namespace gridgov::storage::postgres {

// Thread-safe. Writes are serialised on one connection (as SQLite's single writer), each in a transaction
// that commits only when `fn` succeeds; reads run in parallel on pooled connections.
class Database {
  public:
    // Connects to `url`, creates the writer's staging tables and applies pending migrations.
    static Result<std::unique_ptr<Database>> Open(const std::string& url);

    // Runs `fn` inside one transaction on the single writer connection. A lost writer connection is replaced
    // on the next write; a write is never retried, since whether its COMMIT reached the server is unknown.
    template <typename T>
    Result<T> Write(const std::function<Result<T>(Connection&)>& fn) {
        std::lock_guard lock(writer_mu_);
        if (!writer_ || !writer_->Healthy()) {
            writer_.reset();
            GRIDGOV_ASSIGN_OR_RETURN(writer_, OpenWriter(url_));
        }
        Transaction tx(*writer_);
        GRIDGOV_RETURN_IF_ERROR(tx.begin_status());
        Result<T> r = fn(*writer_);
        if (!r.ok()) return r;
        GRIDGOV_RETURN_IF_ERROR(tx.Commit());
        return r;
    }

    Status WriteStatus(const std::function<Status(Connection&)>& fn);

    // Runs `fn` on a reader connection from the pool (opened on demand). A read that failed because a pooled
    // connection had gone stale (server restart) is retried once on a fresh connection.
    template <typename T>
    Result<T> Read(const std::function<Result<T>(Connection&)>& fn) {
        for (int attempt = 0;; ++attempt) {
            std::unique_ptr<Connection> conn = TakeReader();
            const bool pooled = conn != nullptr;
            if (!conn) {
                GRIDGOV_ASSIGN_OR_RETURN(conn, Connection::Open(url_));
            }
            Result<T> r = fn(*conn);
            if (!conn->Healthy()) {
                if (pooled && attempt == 0) continue;
                return r;
            }
            GiveBack(std::move(conn));
            return r;
        }
    }

  private:
    Database(std::string url, std::unique_ptr<Connection> writer) : url_(std::move(url)), writer_(std::move(writer)) {}
    // A connection with the session-local staging tables the batch upserts COPY into.
    static Result<std::unique_ptr<Connection>> OpenWriter(const std::string& url);
    // An idle pooled reader, or null when the pool is empty.
    std::unique_ptr<Connection> TakeReader();
    // Returns a healthy reader to the pool (ending any transaction `fn` left open), or drops it when full.
    void GiveBack(std::unique_ptr<Connection> conn);

    std::string url_;
    std::mutex writer_mu_;
    std::unique_ptr<Connection> writer_;
    std::mutex readers_mu_;
    std::vector<std::unique_ptr<Connection>> readers_;
};

// Upper bound of the code range of a subtree: "371423" → "371424" style ("9" becomes ":", which sorts after
// every digit). Code columns use the "C" collation, so `code >= root AND code < SubtreeEnd(root)` is a
// byte-order index range scan, as in SQLite.
std::string SubtreeEnd(std::string_view root);

// `p` with the page at least 1 and the page size within 1..kMaxPageSize.
PageRequest Clamp(PageRequest p);
// The OFFSET of page `p`.
std::int64_t Offset(const PageRequest& p);

// The total of a page read with "COUNT(*) OVER ()" in column `column`; when the page is past the end (no
// rows) it runs `count_sql` instead.
Result<std::int64_t> Total(Connection& c, const Rows& page, int column, const PageRequest& pr,
                           const std::string& count_sql, const Params& params);

// Keeps a lost connection's Unavailable (the caller may retry); otherwise reports `mapped`.
Status Unless(const Status& failure, Status mapped);

}  // namespace gridgov::storage::postgres
