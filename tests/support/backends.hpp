// The storage backends a parameterised suite runs against; every storage-contract test uses this list.
// PostgreSQL tests use the cluster GRIDGOV_TEST_PG names (tests/support/pg_harness.sh starts one for `make test`).
#pragma once

#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cstdlib>
#include <memory>
#include <mutex>
#include <ostream>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "storage/store.hpp"
#include "support/temp_dir.hpp"

namespace gridgov::test_support {

// A backend under test: a name for the test label, how to open a fresh, empty store, and how to run raw SQL
// beside the store (for checks the Store interface cannot express, such as the audit log's triggers).
struct Backend {
    std::string name;
    // Returns the database URL of a new empty database (inside `dir` for SQLite).
    std::string (*NewDatabase)(const TempDir& dir);
    // Runs `sql` on the database at `url`; returns "" on success, else the error message.
    std::string (*Exec)(const std::string& url, const std::string& sql);
};

// The admin URL of the test cluster (GRIDGOV_TEST_PG), or "" when none is configured.
inline std::string TestPgUrl() {
    const char* v = std::getenv("GRIDGOV_TEST_PG");
    return v != nullptr ? v : "";
}

// True when the run must include PostgreSQL (`make test` sets GRIDGOV_REQUIRE_PG=1).
inline bool PgRequired() {
    const char* v = std::getenv("GRIDGOV_REQUIRE_PG");
    return v != nullptr && std::string(v) == "1";
}

// `admin_url` with its database name replaced by `database` (query parameters kept).
inline std::string PgUrlFor(const std::string& admin_url, const std::string& database) {
    std::size_t authority = admin_url.find("://");
    std::size_t slash = admin_url.find('/', authority == std::string::npos ? 0 : authority + 3);
    std::size_t query = admin_url.find('?');
    std::string base = admin_url.substr(0, std::min(slash, query));
    std::string params = query == std::string::npos ? "" : admin_url.substr(query);
    return base + "/" + database + params;
}

inline std::string ExecPostgres(const std::string& url, const std::string& sql) {
    PGconn* conn = PQconnectdb(url.c_str());
    std::string error;
    if (PQstatus(conn) != CONNECTION_OK) {
        error = PQerrorMessage(conn);
    } else {
        PQsetNoticeProcessor(
            conn, [](void*, const char*) {}, nullptr);
        PGresult* r = PQexec(conn, sql.c_str());
        ExecStatusType st = PQresultStatus(r);
        if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) error = PQresultErrorMessage(r);
        PQclear(r);
    }
    PQfinish(conn);
    return error;
}

inline std::string ExecSqlite(const std::string& path, const std::string& sql) {
    sqlite3* db = nullptr;
    std::string error;
    if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) {
        error = sqlite3_errmsg(db);
    } else if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
        error = sqlite3_errmsg(db);
    }
    sqlite3_close(db);
    return error;
}

// The databases this process created on the test cluster; dropped when the process exits.
class PgDatabases {
  public:
    static PgDatabases& Instance() {
        static PgDatabases instance;
        return instance;
    }
    // Creates database `name` (optionally as a copy of `template_name`) and returns its URL.
    std::string Create(const std::string& name, const std::string& template_name = {}) {
        if (TestPgUrl().empty()) {
            throw std::runtime_error(
                "GRIDGOV_TEST_PG is not set: run the suites through `tests/support/pg_harness.sh run ctest …` (as "
                "`make test` does), or set it to a PostgreSQL admin URL");
        }
        std::string sql = "CREATE DATABASE " + name;
        if (!template_name.empty()) sql += " TEMPLATE " + template_name;
        std::string error = ExecPostgres(TestPgUrl(), sql);
        if (!error.empty()) throw std::runtime_error("CREATE DATABASE " + name + ": " + error);
        std::lock_guard lock(mu_);
        names_.push_back(name);
        return PgUrlFor(TestPgUrl(), name);
    }
    // A fresh database name: gg_<pid>_<random>.
    static std::string NewName() {
        std::random_device rd;
        return "gg_" + std::to_string(::getpid()) + "_" + std::to_string(rd()) + std::to_string(rd() % 1000);
    }
    ~PgDatabases() {
        for (const auto& name : names_)
            (void)ExecPostgres(TestPgUrl(), "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

  private:
    std::mutex mu_;
    std::vector<std::string> names_;
};

inline std::string NewSqliteDatabase(const TempDir& dir) { return dir.File("test.db"); }

inline std::string NewPostgresDatabase(const TempDir&) {
    return PgDatabases::Instance().Create(PgDatabases::NewName());
}

// SQLite and PostgreSQL, always: the PostgreSQL instances fail (never skip) when GRIDGOV_TEST_PG names no
// cluster. The list is fixed so that ctest's test list, discovered at build time, does not depend on the
// environment of the build.
inline std::vector<Backend> AllBackends() {
    return {{"sqlite", &NewSqliteDatabase, &ExecSqlite}, {"postgresql", &NewPostgresDatabase, &ExecPostgres}};
}

// Prints a backend by name in test output (instead of its bytes).
inline void PrintTo(const Backend& backend, std::ostream* os) { *os << backend.name; }

inline std::string BackendName(const ::testing::TestParamInfo<Backend>& info) { return info.param.name; }

}  // namespace gridgov::test_support
