// store_bench: the same jobs on SQLite and PostgreSQL, for docs/scaling.md — importing a province's divisions,
// building the demo county, and API latency (grid list, county dashboard) through Api::Handle.
//   store_bench [--pg postgresql://…] [--code 37] [--requests 2000]
// The PostgreSQL URL (an admin URL; a scratch database is created and dropped) defaults to $GRIDGOV_TEST_PG,
// so `tests/support/pg_harness.sh run build/store_bench` measures against a throwaway local cluster.
#include <libpq-fe.h>
#include <unistd.h>

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "http/api.hpp"
#include "service/demo.hpp"
#include "service/divisions.hpp"
#include "storage/store.hpp"

namespace {

using namespace gridgov;
using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) { return std::chrono::duration<double>(Clock::now() - since).count(); }

void AdminExec(const std::string& admin_url, const std::string& sql) {
    PGconn* c = PQconnectdb(admin_url.c_str());
    if (PQstatus(c) != CONNECTION_OK) throw std::runtime_error(PQerrorMessage(c));
    PQsetNoticeProcessor(
        c, [](void*, const char*) {}, nullptr);
    PGresult* r = PQexec(c, sql.c_str());
    std::string error = PQresultStatus(r) == PGRES_COMMAND_OK ? "" : PQresultErrorMessage(r);
    PQclear(r);
    PQfinish(c);
    if (!error.empty()) throw std::runtime_error(sql + ": " + error);
}

std::string WithDatabase(const std::string& admin_url, const std::string& db) {
    std::size_t slash = admin_url.find('/', admin_url.find("://") + 3);
    return admin_url.substr(0, slash) + "/" + db;
}

// A fresh database per job: a file for SQLite, a scratch database for PostgreSQL (dropped afterwards).
struct Scratch {
    std::string backend, admin_url, url, name;
    Scratch(std::string b, const std::string& admin, const std::string& job) : backend(std::move(b)), admin_url(admin) {
        name = "store_bench_" + job + "_" + std::to_string(::getpid());
        if (backend == "sqlite") {
            url = (std::filesystem::temp_directory_path() / (name + ".db")).string();
            std::filesystem::remove(url);
        } else {
            AdminExec(admin_url, "DROP DATABASE IF EXISTS " + name);
            AdminExec(admin_url, "CREATE DATABASE " + name);
            url = WithDatabase(admin_url, name);
        }
    }
    ~Scratch() {
        if (backend == "sqlite") {
            for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(url + suffix);
        } else {
            try {
                AdminExec(admin_url, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (const std::exception&) {
            }
        }
    }
};

std::unique_ptr<storage::Store> Open(const std::string& url) {
    auto s = storage::OpenStore(url);
    if (!s.ok()) throw std::runtime_error(s.status().ToString());
    return std::move(s).value();
}

struct Latency {
    double p50_ms, p99_ms, per_second;
};

Latency Measure(http::Api& api, const std::string& target, const std::string& token, int n) {
    std::vector<double> ms;
    ms.reserve(n);
    auto start = Clock::now();
    for (int i = 0; i < n; ++i) {
        http::Request req{http::beast_http::verb::get, target, 11};
        req.set(http::beast_http::field::authorization, "Bearer " + token);
        auto t0 = Clock::now();
        http::Response res = api.Handle(req, {"127.0.0.1", t0});
        ms.push_back(Seconds(t0) * 1000);
        if (res.result_int() != 200) throw std::runtime_error(target + " → " + res.body());
    }
    double total = Seconds(start);
    std::sort(ms.begin(), ms.end());
    return {ms[ms.size() / 2], ms[std::min(ms.size() - 1, ms.size() * 99 / 100)], n / total};
}

void Run(const std::string& backend, const std::string& pg_admin, const std::string& code, int requests,
         const std::filesystem::path& data) {
    {
        Scratch db(backend, pg_admin, "import");
        auto store = Open(db.url);
        auto t0 = Clock::now();
        auto report = service::ImportDivisions(*store, data, code);
        if (!report.ok()) throw std::runtime_error(report.status().ToString());
        double first = Seconds(t0);
        t0 = Clock::now();
        auto again = service::ImportDivisions(*store, data, code);
        if (!again.ok()) throw std::runtime_error(again.status().ToString());
        std::printf("%-10s import divisions --code %s: %lld regions changed in %.2f s; re-run (no changes) %.2f s\n",
                    backend.c_str(), code.c_str(), static_cast<long long>(report->changed), first, Seconds(t0));
    }
    Scratch db(backend, pg_admin, "api");
    auto store = Open(db.url);
    auto t0 = Clock::now();
    service::DemoOptions options;
    options.division_data = data;
    auto demo = service::BuildDemo(*store, options);
    if (!demo.ok()) throw std::runtime_error(demo.status().ToString());
    std::printf("%-10s demo county 371423: %lld grids, %lld staff in %.2f s\n", backend.c_str(),
                static_cast<long long>(demo->grids), static_cast<long long>(demo->staff), Seconds(t0));
    auto api = http::Api::Create(*store);
    if (!api.ok()) throw std::runtime_error(api.status().ToString());
    http::Request login{http::beast_http::verb::post, "/api/v1/auth/login", 11};
    login.set(http::beast_http::field::content_type, "application/json");
    login.body() = R"({"login":"county","password":"Demo@2026"})";
    login.prepare_payload();
    http::Response res = (*api)->Handle(login, {"127.0.0.1", Clock::now()});
    if (res.result_int() != 200) throw std::runtime_error("login: " + res.body());
    std::string token(boost::json::parse(res.body()).at("token").as_string());
    for (const char* target : {"/api/v1/grids?region=371423", "/api/v1/grids?region=371423&q=%E7%AC%AC%E4%B8%80",
                               "/api/v1/regions/371423"}) {
        Measure(**api, target, token, std::max(1, requests / 10));  // warm caches and prepared statements
        Latency l = Measure(**api, target, token, requests);
        std::printf("%-10s GET %-52s x%d: p50 %.3f ms, p99 %.3f ms, %.0f req/s (one thread)\n", backend.c_str(), target,
                    requests, l.p50_ms, l.p99_ms, l.per_second);
    }
}

}  // namespace

int main(int argc, char** argv) {
    std::string pg = std::getenv("GRIDGOV_TEST_PG") != nullptr ? std::getenv("GRIDGOV_TEST_PG") : "";
    std::string code = "37";
    int requests = 2000;
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string flag = argv[i];
        if (flag == "--pg") pg = argv[i + 1];
        if (flag == "--code") code = argv[i + 1];
        if (flag == "--requests") requests = std::atoi(argv[i + 1]);
    }
    auto data = service::FindDivisionData(std::nullopt);
    if (!data.ok()) {
        std::fprintf(stderr, "%s\n", data.status().ToString().c_str());
        return 1;
    }
    try {
        Run("sqlite", pg, code, requests, *data);
        if (pg.empty()) {
            std::fprintf(stderr, "no PostgreSQL URL (--pg or GRIDGOV_TEST_PG): SQLite only\n");
        } else {
            Run("postgresql", pg, code, requests, *data);
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "store_bench: %s\n", e.what());
        return 1;
    }
    return 0;
}
