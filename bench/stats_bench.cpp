// stats_bench: the dashboard over N synthetic cases (default 10 M) on the demo county's real villages.
// The same cases go into the roll-up (directly) and into SQLite (and PostgreSQL when --pg names a database) through
// CaseStore::ImportCases in large transactions; then p50/p99 of dashboard summaries (figures for the period, the
// same days a year before, the period before, by channel, by category) for random subtrees and periods, against
// the roll-up and as the equivalent GROUP BY queries in each database, with the ratio and the roll-up's memory.
//   stats_bench [--cases N] [--requests R] [--sqlite FILE] [--pg postgresql://…] [--seed S]
#include <libpq-fe.h>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "reports/rollup.hpp"
#include "reports/stats.hpp"
#include "service/divisions.hpp"
#include "storage/store.hpp"

namespace {

using namespace gridgov;
using Clock = std::chrono::steady_clock;

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

struct Options {
    long cases = 10'000'000;
    int requests = 300;
    std::string sqlite = "stats_bench.db";
    std::string pg;
    unsigned seed = 42;
};

const char* kCategories[] = {"env.garbage",       "env.pollution", "safety.fire",     "safety.traffic",
                             "dispute.neighbour", "infra.road",    "housing.illegal", "civil.assistance",
                             "security.order",    "food.safety",   "hotline.water",   "hotline.heating",
                             "hotline.wage",      "hotline.noise", "hotline.traffic", "hotline.other"};

void Check(const Status& s, const char* what) {
    if (!s.ok()) throw std::runtime_error(std::string(what) + ": " + s.ToString());
}

// Deterministic synthetic cases over 2025-01-01 … 2026-12-31, in time order.
std::vector<domain::Case> Generate(const std::vector<std::string>& villages, long n, unsigned seed, long offset,
                                   long total) {
    std::mt19937_64 rng(seed + static_cast<unsigned>(offset));
    const std::int64_t start = 1735660800;  // 2025-01-01 00:00 China
    const std::int64_t span = 730LL * 86400;
    std::vector<domain::Case> out(static_cast<std::size_t>(n));
    for (long i = 0; i < n; ++i) {
        domain::Case& c = out[static_cast<std::size_t>(i)];
        c.case_no = "SJ";
        c.created_at = start + static_cast<std::int64_t>(static_cast<double>(offset + i) / static_cast<double>(total) *
                                                         static_cast<double>(span));
        c.updated_at = c.created_at;
        c.region_code = villages[rng() % villages.size()];
        std::uint64_t r = rng();
        c.channel = static_cast<domain::Channel>(r % 6);
        c.category_code = kCategories[(r >> 8) % 16];
        c.type = (r >> 8) % 16 >= 10 ? domain::CaseType::kWorkOrder : domain::CaseType::kEvent;
        int s = static_cast<int>((r >> 16) % 100);
        c.state = s < 70   ? domain::CaseState::kRated
                  : s < 80 ? domain::CaseState::kClosed
                  : s < 97 ? domain::CaseState::kHandling
                           : domain::CaseState::kMerged;
        c.overdue = (r >> 24) % 100 < 6;
        if (c.state == domain::CaseState::kRated) {
            int q = static_cast<int>((r >> 32) % 100);
            c.satisfaction = q < 80   ? domain::Satisfaction::kVerySatisfied
                             : q < 93 ? domain::Satisfaction::kSatisfied
                             : q < 98 ? domain::Satisfaction::kBasicallySatisfied
                                      : domain::Satisfaction::kUnsatisfied;
        }
        c.level = (r >> 40) % 100 < 5 ? domain::CaseLevel::kTown : domain::CaseLevel::kVillage;
        if (c.channel == domain::Channel::kHotline) c.level = domain::CaseLevel::kCounty;
        c.supervision = (r >> 48) % 100 < 3 ? domain::Supervision::kYellow : domain::Supervision::kNone;
        c.title = "事件";
    }
    return out;
}

// The SQL that answers one dashboard summary: the three periods' figures and the two breakdowns.
std::vector<std::string> SummarySql(const std::string& lo, const std::string& hi, std::int64_t from, std::int64_t to,
                                    std::int64_t yfrom, std::int64_t yto, std::int64_t pfrom, std::int64_t pto) {
    const std::string figures =
        "SELECT count(*), sum(CASE WHEN state IN ('closed','rated') THEN 1 ELSE 0 END), "
        "sum(CASE WHEN state IN ('closed','rated') AND overdue = 0 THEN 1 ELSE 0 END), sum(overdue), "
        "sum(CASE WHEN satisfaction <> '' THEN 1 ELSE 0 END), "
        "sum(CASE WHEN satisfaction IN ('very_satisfied','satisfied','basically_satisfied') THEN 1 ELSE 0 END), "
        "sum(CASE WHEN supervision <> 'none' THEN 1 ELSE 0 END), sum(CASE WHEN redo_count > 0 THEN 1 ELSE 0 END) ";
    auto where = [&](std::int64_t f, std::int64_t t) {
        return " FROM cases WHERE location_code >= '" + lo + "' AND location_code < '" + hi +
               "' AND created_at >= " + std::to_string(f) + " AND created_at < " + std::to_string(t) +
               " AND state <> 'merged'";
    };
    return {figures + where(from, to), figures + where(yfrom, yto), figures + where(pfrom, pto),
            "SELECT channel, " + figures.substr(7) + where(from, to) + " GROUP BY channel",
            "SELECT category_code, " + figures.substr(7) + where(from, to) + " GROUP BY category_code"};
}

struct Request {
    std::string region;
    reports::Period period;
};

std::int64_t Unix(Date d) { return static_cast<std::int64_t>(reports::DayNumber(d)) * 86400 - 8 * 3600; }

std::vector<std::string> RequestSql(const Request& q) {
    std::string hi = q.region;
    hi.back() = static_cast<char>(hi.back() + 1);
    reports::Period y = reports::YearBefore(q.period), p = reports::PeriodBefore(q.period);
    auto end = [](Date d) { return Unix(AddDays(d, 1)); };
    return SummarySql(q.region, hi, Unix(q.period.from), end(q.period.to), Unix(y.from), end(y.to), Unix(p.from),
                      end(p.to));
}

void Report(const char* what, std::vector<double> ms) {
    std::sort(ms.begin(), ms.end());
    auto at = [&](double q) { return ms[std::min(ms.size() - 1, static_cast<std::size_t>(q * ms.size()))]; };
    std::printf("%-34s n=%zu  p50 %9.3f ms  p99 %9.3f ms  max %9.3f ms\n", what, ms.size(), at(0.5), at(0.99),
                ms.back());
}

double P(std::vector<double> ms, double q) {
    std::sort(ms.begin(), ms.end());
    return ms[std::min(ms.size() - 1, static_cast<std::size_t>(q * ms.size()))];
}

long RssKb() {
    FILE* f = std::fopen("/proc/self/status", "r");
    char line[256];
    long kb = 0;
    while (f && std::fgets(line, sizeof line, f)) {
        if (std::strncmp(line, "VmRSS:", 6) == 0) kb = std::atol(line + 6);
    }
    if (f) std::fclose(f);
    return kb;
}

}  // namespace

int main(int argc, char** argv) {
    Options o;
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string k = argv[i], v = argv[i + 1];
        if (k == "--cases")
            o.cases = std::atol(v.c_str());
        else if (k == "--requests")
            o.requests = std::atoi(v.c_str());
        else if (k == "--sqlite")
            o.sqlite = v;
        else if (k == "--pg")
            o.pg = v;
        else if (k == "--seed")
            o.seed = static_cast<unsigned>(std::atoi(v.c_str()));
    }
    try {
        std::filesystem::remove(o.sqlite);
        std::filesystem::remove(o.sqlite + "-wal");
        std::vector<std::unique_ptr<storage::Store>> stores;
        auto lite = storage::OpenStore(o.sqlite);
        Check(lite.status(), "open sqlite");
        stores.push_back(std::move(lite).value());
        if (!o.pg.empty()) {
            auto pg = storage::OpenStore(o.pg);
            Check(pg.status(), "open postgresql");
            stores.push_back(std::move(pg).value());
        }
        auto data = service::FindDivisionData(std::nullopt);
        Check(data.status(), "division data");
        std::vector<domain::CaseCategory> categories;
        for (const char* code : kCategories) {
            categories.push_back({code,
                                  code,
                                  std::string_view(code).starts_with("hotline") ? domain::CaseType::kWorkOrder
                                                                                : domain::CaseType::kEvent,
                                  "",
                                  {}});
        }
        for (auto& s : stores) {
            Check(service::ImportDivisions(*s, *data, "371423").status(), "divisions");
            Check(s->Cases().UpsertCategories(categories), "categories");
        }
        std::vector<std::string> towns, villages;
        auto town_list = stores[0]->ListChildRegions("371423");
        Check(town_list.status(), "towns");
        for (const auto& t : *town_list) {
            towns.push_back(t.code);
            auto village_list = stores[0]->ListChildRegions(t.code);
            Check(village_list.status(), "villages");
            for (const auto& v : *village_list) villages.push_back(v.code);
        }
        std::printf("demo county 371423: %zu towns, %zu villages; %ld cases over 2025-01-01 … 2026-12-31\n",
                    towns.size(), villages.size(), o.cases);

        reports::Rollup rollup;
        rollup.BeginLoad();
        long rss0 = RssKb();
        double rollup_ms = 0;
        std::vector<double> load_ms(stores.size(), 0);
        const long kBatch = 200'000;
        for (long done = 0; done < o.cases; done += kBatch) {
            long n = std::min(kBatch, o.cases - done);
            std::vector<domain::Case> batch = Generate(villages, n, o.seed, done, o.cases);
            auto t0 = Clock::now();
            for (const auto& c : batch) rollup.Add(c);
            rollup_ms += Ms(Clock::now() - t0);
            std::vector<std::vector<domain::CaseEvent>> histories(batch.size());
            for (std::size_t s = 0; s < stores.size(); ++s) {
                auto t1 = Clock::now();
                Check(stores[s]->Cases().ImportCases(batch, histories), "import");
                load_ms[s] += Ms(Clock::now() - t1);
            }
        }
        auto t_end = Clock::now();
        rollup.EndLoad();
        rollup_ms += Ms(Clock::now() - t_end);
        std::printf("roll-up: filled in %.1f s (%.2f M cases/s); %.1f MB counted, RSS +%.1f MB\n", rollup_ms / 1000,
                    o.cases / rollup_ms / 1000, rollup.MemoryBytes() / 1048576.0, (RssKb() - rss0) / 1024.0);
        for (std::size_t s = 0; s < stores.size(); ++s) {
            std::printf("%s: ImportCases of %ld cases in %.1f s\n", s == 0 ? "sqlite" : "postgresql", o.cases,
                        load_ms[s] / 1000);
        }

        // The same rebuilt from the store, as the server does at start (SQLite).
        auto t_build = Clock::now();
        auto rebuilt = reports::Rollup::Build(stores[0]->Cases());
        Check(rebuilt.status(), "build");
        std::printf("roll-up rebuilt from SQLite (ScanCaseFacts, one pass) in %.1f s\n",
                    Ms(Clock::now() - t_build) / 1000);

        // Random dashboard requests: county, a town or a village; a month, a week or 1–365 days in 2026.
        std::mt19937 rng(o.seed);
        std::vector<Request> requests;
        for (int i = 0; i < o.requests; ++i) {
            Request q;
            int level = static_cast<int>(rng() % 3);
            q.region = level == 0   ? "371423"
                       : level == 1 ? towns[rng() % towns.size()]
                                    : villages[rng() % villages.size()];
            Date base = AddDays(ParseDate("2026-01-01").value(), static_cast<int>(rng() % 300));
            int kind = static_cast<int>(rng() % 3);
            if (kind == 0) {
                q.period = {Date{base.year() / base.month() / 1}, Date{base.year() / base.month() / std::chrono::last}};
            } else {
                int len = kind == 1 ? 7 : 1 + static_cast<int>(rng() % 365);
                q.period = {base, std::min(AddDays(base, len - 1), ParseDate("2026-12-31").value())};
            }
            requests.push_back(q);
        }
        reports::StatsService stats(*stores[0], rollup, [] { return std::int64_t{1798761600}; });
        service::Caller cli = service::Caller::CommandLine();
        std::vector<double> roll_ms;
        for (int round = 0; round < 5; ++round) {
            for (const auto& q : requests) {
                auto t0 = Clock::now();
                auto s = stats.GetSummary(cli, q.region, FormatDate(q.period.from), FormatDate(q.period.to));
                roll_ms.push_back(Ms(Clock::now() - t0));
                Check(s.status(), "summary");
            }
        }
        Report("roll-up summary (incl. yoy, mom, breakdowns)", roll_ms);

        // The same answers by GROUP BY: SQLite through its C API, PostgreSQL through libpq.
        std::vector<std::vector<double>> sql_ms(stores.size());
        int sql_requests = std::min<int>(o.requests, 100);
        sqlite3* db = nullptr;
        sqlite3_open_v2(o.sqlite.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
        PGconn* pg = o.pg.empty() ? nullptr : PQconnectdb(o.pg.c_str());
        std::int64_t sql_check = 0;
        for (int i = 0; i < sql_requests; ++i) {
            std::vector<std::string> sql = RequestSql(requests[static_cast<std::size_t>(i)]);
            auto t0 = Clock::now();
            for (std::size_t k = 0; k < sql.size(); ++k) {
                sqlite3_stmt* st = nullptr;
                sqlite3_prepare_v2(db, sql[k].c_str(), -1, &st, nullptr);
                while (sqlite3_step(st) == SQLITE_ROW) {
                    if (k == 0) sql_check += sqlite3_column_int64(st, 0);
                }
                sqlite3_finalize(st);
            }
            sql_ms[0].push_back(Ms(Clock::now() - t0));
            if (pg != nullptr) {
                auto t1 = Clock::now();
                for (const auto& s : sql) PQclear(PQexec(pg, s.c_str()));
                sql_ms[1].push_back(Ms(Clock::now() - t1));
            }
        }
        sqlite3_close(db);
        if (pg != nullptr) PQfinish(pg);
        std::int64_t roll_check = 0;
        for (int i = 0; i < sql_requests; ++i) {
            const auto& q = requests[static_cast<std::size_t>(i)];
            roll_check += rollup.Sum(q.region, reports::DayNumber(q.period.from),
                                     reports::DayNumber(q.period.to))[reports::kReceived];
        }
        std::printf("same answers: received summed over %d requests — roll-up %lld, SQLite GROUP BY %lld\n",
                    sql_requests, static_cast<long long>(roll_check), static_cast<long long>(sql_check));
        Report("SQLite GROUP BY (same 5 queries)", sql_ms[0]);
        if (stores.size() > 1) Report("PostgreSQL GROUP BY (same 5 queries)", sql_ms[1]);
        double r50 = P(roll_ms, 0.5), r99 = P(roll_ms, 0.99);
        std::printf("ratio SQLite/roll-up: p50 %.0f×, p99 %.0f×\n", P(sql_ms[0], 0.5) / r50, P(sql_ms[0], 0.99) / r99);
        if (stores.size() > 1) {
            std::printf("ratio PostgreSQL/roll-up: p50 %.0f×, p99 %.0f×\n", P(sql_ms[1], 0.5) / r50,
                        P(sql_ms[1], 0.99) / r99);
        }
        std::printf("roll-up memory: %.1f MB for %lld villages × %d days\n", rollup.MemoryBytes() / 1048576.0,
                    static_cast<long long>(rollup.Villages()), rollup.DayRange().second - rollup.DayRange().first + 1);
        return roll_check == sql_check ? 0 : 2;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "stats_bench: %s\n", e.what());
        return 1;
    }
}
