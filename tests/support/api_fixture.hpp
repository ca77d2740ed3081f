// A demo county built once and copied per test (a file copy for SQLite, CREATE DATABASE … TEMPLATE for
// PostgreSQL), with an Api over it and login helpers.
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <memory>
#include <string>

#include "http/api.hpp"
#include "service/demo.hpp"
#include "service/divisions.hpp"
#include "support/backends.hpp"
#include "support/temp_dir.hpp"

namespace gridgov::test_support {

// Builds the demo county (with its demo logins) into the database at `url`.
inline void BuildDemoInto(const std::string& url) {
    auto store = storage::OpenStore(url);
    if (!store.ok()) throw std::runtime_error(store.status().ToString());
    auto data = service::FindDivisionData(std::nullopt);
    if (!data.ok()) throw std::runtime_error(data.status().ToString());
    service::DemoOptions options;
    options.division_data = *data;
    auto report = service::BuildDemo(**store, options);
    if (!report.ok()) throw std::runtime_error(report.status().ToString());
}

// Builds the demo county into a template SQLite file the first time it is asked (once per process).
inline const std::string& DemoTemplate() {
    static TempDir dir;
    static std::string path = [] {
        std::string p = dir.File("template.db");
        BuildDemoInto(p);
        return p;
    }();
    return path;
}

// The demo county as a PostgreSQL template database, built once per test cluster: the first process to get
// the advisory lock builds it under another name and renames it when complete; the others wait, then copy.
inline const std::string& PgDemoTemplate() {
    static std::string name = [] {
        const std::string kName = "gridgov_demo_template";
        const std::string kBuilding = "gridgov_demo_building";
        PGconn* admin = PQconnectdb(TestPgUrl().c_str());
        if (PQstatus(admin) != CONNECTION_OK) throw std::runtime_error(PQerrorMessage(admin));
        PQsetNoticeProcessor(
            admin, [](void*, const char*) {}, nullptr);
        auto exec = [&](const std::string& sql) {
            PGresult* r = PQexec(admin, sql.c_str());
            bool ok = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK;
            std::string value =
                ok && PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) > 0 ? PQgetvalue(r, 0, 0) : "";
            std::string error = ok ? "" : PQresultErrorMessage(r);
            PQclear(r);
            if (!error.empty()) throw std::runtime_error(sql + ": " + error);
            return value;
        };
        exec("SELECT pg_advisory_lock(4237142301)");
        if (exec("SELECT count(*) FROM pg_database WHERE datname = '" + kName + "'") == "0") {
            exec("DROP DATABASE IF EXISTS " + kBuilding + " WITH (FORCE)");
            exec("CREATE DATABASE " + kBuilding);
            BuildDemoInto(PgUrlFor(TestPgUrl(), kBuilding));
            exec("ALTER DATABASE " + kBuilding + " RENAME TO " + kName);
        }
        exec("SELECT pg_advisory_unlock(4237142301)");
        PQfinish(admin);
        return kName;
    }();
    return name;
}

// A new database holding the demo county for `backend`: a copy of the template file (SQLite) or a database
// created from the template database (PostgreSQL).
inline std::string NewDemoDatabase(const Backend& backend, const TempDir& dir) {
    if (backend.name == "postgresql") return PgDatabases::Instance().Create(PgDatabases::NewName(), PgDemoTemplate());
    std::filesystem::copy_file(DemoTemplate(), dir.File("demo.db"));
    return dir.File("demo.db");
}

inline constexpr std::string_view kDemoPassword = "Demo@2026";

// Parameterised over AllBackends(): every API test runs on SQLite and on PostgreSQL.
class ApiFixture : public ::testing::TestWithParam<Backend> {
  protected:
    void SetUp() override {
        auto store = storage::OpenStore(NewDemoDatabase(GetParam(), dir_));
        ASSERT_TRUE(store.ok()) << store.status().ToString();
        store_ = std::move(store).value();
        if (options_.attachments_dir.empty()) options_.attachments_dir = dir_.File("attachments");
        auto api = http::Api::Create(*store_, options_, [this] { return now_; });
        ASSERT_TRUE(api.ok());
        api_ = std::move(api).value();
    }

    http::Response Call(http::beast_http::verb method, const std::string& target, const std::string& token = {},
                        const std::string& body = {}) {
        http::Request req{method, target, 11};
        if (!token.empty()) req.set(http::beast_http::field::authorization, "Bearer " + token);
        if (!body.empty()) {
            req.set(http::beast_http::field::content_type, "application/json");
            req.body() = body;
            req.prepare_payload();
        }
        return api_->Handle(req, {remote_, std::chrono::steady_clock::now()});
    }

    boost::json::value CallJson(http::beast_http::verb method, const std::string& target, const std::string& token,
                                int expected, const std::string& body = {}) {
        http::Response res = Call(method, target, token, body);
        EXPECT_EQ(static_cast<int>(res.result_int()), expected) << target << " → " << res.body();
        boost::system::error_code ec;
        boost::json::value v = boost::json::parse(res.body(), ec);
        EXPECT_FALSE(ec) << res.body();
        return v;
    }

    boost::json::value GetJson(const std::string& target, int expected = 200) {
        return CallJson(http::beast_http::verb::get, target, Token("county"), expected);
    }

    // Logs in (once per login per test) and returns the bearer token.
    const std::string& Token(const std::string& login, std::string_view password = kDemoPassword) {
        auto it = tokens_.find(login);
        if (it != tokens_.end()) return it->second;
        boost::json::object body{{"login", login}, {"password", password}};
        http::Response res = Call(http::beast_http::verb::post, "/api/v1/auth/login", {}, boost::json::serialize(body));
        EXPECT_EQ(res.result_int(), 200u) << login << ": " << res.body();
        std::string token;
        if (res.result_int() == 200) token = std::string(boost::json::parse(res.body()).at("token").as_string());
        return tokens_[login] = token;
    }

    TempDir dir_;
    http::ApiOptions options_;
    std::int64_t now_ = 1'790'000'000;  // 2026-09-21
    std::string remote_ = "127.0.0.1";
    std::unique_ptr<storage::Store> store_;
    std::unique_ptr<http::Api> api_;
    std::map<std::string, std::string> tokens_;
};

}  // namespace gridgov::test_support
