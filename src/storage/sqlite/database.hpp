// One SQLite database file: the single writer connection, a pool of reader connections, and the two ways
// to use them (a write transaction, a read). Shared by every store area of the SQLite backend.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "common/status.hpp"
#include "domain/account.hpp"
#include "storage/sqlite/connection.hpp"
#include "storage/store.hpp"

namespace gridgov::storage::sqlite {

// Thread-safe. Writes are serialised on one connection, each in an IMMEDIATE transaction that commits only
// when `fn` succeeds; reads run in parallel on pooled read-only connections (WAL snapshots).
class Database {
  public:
    // Opens (creating) the file and applies pending migrations.
    static Result<std::unique_ptr<Database>> Open(const std::string& path);

    template <typename T>
    Result<T> Write(const std::function<Result<T>(Connection&)>& fn) {
        std::lock_guard lock(writer_mu_);
        Transaction tx(*writer_);
        GRIDGOV_RETURN_IF_ERROR(tx.begin_status());
        Result<T> r = fn(*writer_);
        writer_->ResetAll();
        if (!r.ok()) return r;
        GRIDGOV_RETURN_IF_ERROR(tx.Commit());
        return r;
    }

    Status WriteStatus(const std::function<Status(Connection&)>& fn);

    template <typename T>
    Result<T> Read(const std::function<Result<T>(Connection&)>& fn) {
        GRIDGOV_ASSIGN_OR_RETURN(std::unique_ptr<Connection> conn, TakeReader());
        Result<T> r = fn(*conn);
        conn->ResetAll();
        GiveBack(std::move(conn));
        return r;
    }

    const std::string& path() const { return path_; }

  private:
    Database(std::string path, std::unique_ptr<Connection> writer)
        : path_(std::move(path)), writer_(std::move(writer)) {}
    Result<std::unique_ptr<Connection>> TakeReader();
    void GiveBack(std::unique_ptr<Connection> conn);

    std::string path_;
    std::mutex writer_mu_;
    std::unique_ptr<Connection> writer_;
    std::mutex readers_mu_;
    std::vector<std::unique_ptr<Connection>> readers_;
};

// Appends one audit row on `c` (inside the caller's transaction).
Status InsertAudit(Connection& c, const domain::AuditEntry& e);

// A page request inside the allowed range: page ≥ 1, 1 ≤ page_size ≤ kMaxPageSize.
PageRequest ClampPage(PageRequest p);

// Upper bound of the code range of a subtree: "371423" → "371424" style ("9" becomes ":", which sorts after
// every digit), so `code >= root AND code < SubtreeEnd(root)` is an index range scan.
std::string SubtreeEnd(std::string_view root);

}  // namespace gridgov::storage::sqlite
