// The storage contract, run against every backend in AllBackends().
#include <gtest/gtest.h>

#include <algorithm>
#include <thread>

#include "common/date.hpp"
#include "storage/store.hpp"
#include "support/backends.hpp"

namespace gridgov {
namespace {

using domain::Grid;
using domain::GridType;
using domain::Region;
using test_support::Backend;
using test_support::TempDir;

class StoreTest : public ::testing::TestWithParam<Backend> {
  protected:
    void SetUp() override {
        url_ = GetParam().NewDatabase(dir_);
        auto store = storage::OpenStore(url_);
        ASSERT_TRUE(store.ok()) << store.status().ToString();
        store_ = std::move(store).value();
    }

    void LoadSmallTree() {
        std::vector<Region> regions{
            {"37", "山东省", "province", ""},
            {"3714", "德州市", "city", "37"},
            {"371423", "庆云县", "county", "3714"},
            {"371423100", "庆云镇", "town", "371423"},
            {"371423101", "常家镇", "town", "371423"},
            {"371423100201", "前王村委会", "village", "371423100"},
            {"371423100202", "后王村委会", "village", "371423100"},
            {"371423101201", "大高村委会", "village", "371423101"},
        };
        auto n = store_->UpsertRegions(regions);
        ASSERT_TRUE(n.ok()) << n.status().ToString();
        EXPECT_EQ(*n, 8);
    }

    TempDir dir_;
    std::string url_;
    std::unique_ptr<storage::Store> store_;
};

TEST_P(StoreTest, MigratesToCurrentSchema) {
    auto v = store_->SchemaVersion();
    ASSERT_TRUE(v.ok());
    EXPECT_GE(*v, 1);
    // Reopening an existing database applies nothing twice and keeps the version.
    store_.reset();
    auto again = storage::OpenStore(url_);
    ASSERT_TRUE(again.ok()) << again.status().ToString();
    EXPECT_EQ(*(*again)->SchemaVersion(), *v);
}

TEST_P(StoreTest, RegionsUpsertIsIdempotentAndDetectsChanges) {
    LoadSmallTree();
    std::vector<Region> same{{"371423", "庆云县", "county", "3714"}};
    EXPECT_EQ(*store_->UpsertRegions(same), 0);
    std::vector<Region> renamed{{"371423", "庆云县（测试）", "county", "3714"}};
    EXPECT_EQ(*store_->UpsertRegions(renamed), 1);
    EXPECT_EQ(store_->GetRegion("371423")->name, "庆云县（测试）");
}

TEST_P(StoreTest, RegionWithoutParentIsRejectedAndNothingIsWritten) {
    std::vector<Region> orphan{{"37", "山东省", "province", ""}, {"371423100", "庆云镇", "town", "371423"}};
    auto r = store_->UpsertRegions(orphan);
    EXPECT_FALSE(r.ok());
    // The batch is atomic: the province of the failed batch is not there either.
    EXPECT_EQ(store_->GetRegion("37").status().code(), StatusCode::kNotFound);
}

TEST_P(StoreTest, ChildrenAndChainQueries) {
    LoadSmallTree();
    auto towns = store_->ListChildRegions("371423");
    ASSERT_TRUE(towns.ok());
    ASSERT_EQ(towns->size(), 2u);
    EXPECT_EQ((*towns)[0].code, "371423100");
    EXPECT_EQ((*towns)[1].name, "常家镇");
    auto roots = store_->ListChildRegions("");
    ASSERT_EQ(roots->size(), 1u);
    EXPECT_EQ((*roots)[0].code, "37");
    EXPECT_EQ(store_->GetRegion("999999").status().code(), StatusCode::kNotFound);
}

TEST_P(StoreTest, GridsNeedAnExistingVillageAndListBySubtree) {
    LoadSmallTree();
    std::vector<Grid> grids{
        {"371423100201001", "前王村第一网格", GridType::kComprehensive, "371423100201", 380, 1100},
        {"371423100201901", "庆云镇中心学校专属网格", GridType::kSchool, "371423100201", 0, 1200},
        {"371423100202001", "后王村第一网格", GridType::kComprehensive, "371423100202", 300, 900},
        {"371423101201001", "大高村第一网格", GridType::kComprehensive, "371423101201", 250, 760},
    };
    ASSERT_EQ(*store_->UpsertGrids(grids), 4);
    EXPECT_EQ(*store_->UpsertGrids(grids), 0);

    std::vector<Grid> bad{{"371423100299001", "无此村网格", GridType::kComprehensive, "371423100299", 1, 1}};
    auto r = store_->UpsertGrids(bad);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(r.status().field(), "village_code");

    storage::GridFilter town{"371423100", std::nullopt, "", {1, 20}};
    auto page = store_->ListGrids(town);
    ASSERT_TRUE(page.ok());
    EXPECT_EQ(page->total, 3);
    ASSERT_EQ(page->items.size(), 3u);
    EXPECT_EQ(page->items[0].code, "371423100201001");

    storage::GridFilter special{"371423", GridType::kSchool, "", {1, 20}};
    EXPECT_EQ(store_->ListGrids(special)->total, 1);
    storage::GridFilter named{"371423", std::nullopt, "大高", {1, 20}};
    EXPECT_EQ(store_->ListGrids(named)->items.at(0).code, "371423101201001");

    storage::GridFilter paged{"371423", std::nullopt, "", {2, 3}};
    auto p2 = store_->ListGrids(paged);
    EXPECT_EQ(p2->total, 4);
    ASSERT_EQ(p2->items.size(), 1u);
    EXPECT_EQ(p2->items[0].code, "371423101201001");

    auto counts = store_->CountSubtree("371423100");
    ASSERT_TRUE(counts.ok());
    EXPECT_EQ(counts->villages, 2);
    EXPECT_EQ(counts->grids, 3);
    EXPECT_EQ(counts->special_grids, 1);
    EXPECT_EQ(counts->households, 680);
    EXPECT_EQ(counts->population, 3200);
}

TEST_P(StoreTest, GridNameFilterIsAPlainSubstringAndBatchesMayRepeatACode) {
    LoadSmallTree();
    std::vector<Grid> grids{
        {"371423100201001", "前王村第一网格", GridType::kComprehensive, "371423100201", 1, 1},
        {"371423100201002", "前王村100%_网格", GridType::kComprehensive, "371423100201", 1, 1},
        {"371423100201001", "前王村第一网格（改）", GridType::kComprehensive, "371423100201", 2, 2},
    };
    ASSERT_TRUE(store_->UpsertGrids(grids).ok());
    EXPECT_EQ(store_->GetGrid("371423100201001")->name, "前王村第一网格（改）");  // the later row wins
    auto named = [&](const std::string& q) { return store_->ListGrids({"371423", std::nullopt, q, {1, 20}})->total; };
    EXPECT_EQ(named("第一"), 1);
    EXPECT_EQ(named("前王村"), 2);
    EXPECT_EQ(named("%"), 1);  // wildcards are characters, not patterns
    EXPECT_EQ(named("0%_"), 1);
    EXPECT_EQ(named("_"), 1);
    EXPECT_EQ(named("王_"), 0);
    EXPECT_EQ(named("村第一网格（"), 1);
}

TEST_P(StoreTest, StaffRosterIsReplacedPerGrid) {
    LoadSmallTree();
    std::vector<Grid> grids{{"371423100201001", "前王村第一网格", GridType::kComprehensive, "371423100201", 1, 1}};
    ASSERT_TRUE(store_->UpsertGrids(grids).ok());
    std::vector<domain::StaffMember> first{
        {0, "371423100201001", "王建国", domain::StaffRole::kGridChief, "13712345678"},
        {0, "371423100201001", "李秀英", domain::StaffRole::kFullTimeWorker, "15012345678"},
    };
    ASSERT_TRUE(store_->ReplaceGridStaff(first).ok());
    std::vector<domain::StaffMember> second{
        {0, "371423100201001", "张伟", domain::StaffRole::kGridPolice, "18212345678"}};
    ASSERT_TRUE(store_->ReplaceGridStaff(second).ok());
    auto staff = store_->ListGridStaff("371423100201001");
    ASSERT_TRUE(staff.ok());
    ASSERT_EQ(staff->size(), 1u);
    EXPECT_EQ((*staff)[0].name, "张伟");
    EXPECT_EQ((*staff)[0].role, domain::StaffRole::kGridPolice);

    std::vector<domain::StaffMember> nowhere{{0, "371423100201999", "赵六", domain::StaffRole::kInformant, ""}};
    EXPECT_FALSE(store_->ReplaceGridStaff(nowhere).ok());
}

TEST_P(StoreTest, UnitsBySubtreeAndKind) {
    LoadSmallTree();
    std::vector<domain::Unit> units{
        {0, "371423-SFJ", "庆云县司法局", domain::UnitKind::kJustice, "371423", "county", ""},
        {0, "371423100-SFS", "庆云镇司法所", domain::UnitKind::kJustice, "371423100", "town", ""},
        {0, "371423101-PCS", "常家镇派出所", domain::UnitKind::kPolice, "371423101", "town", ""},
    };
    ASSERT_EQ(*store_->UpsertUnits(units), 3);
    EXPECT_EQ(store_->ListUnits({"371423", std::nullopt, {1, 20}})->total, 3);
    EXPECT_EQ(store_->ListUnits({"371423100", std::nullopt, {1, 20}})->total, 1);
    auto justice = store_->ListUnits({"371423", domain::UnitKind::kJustice, {1, 20}});
    ASSERT_EQ(justice->total, 2);
    EXPECT_EQ(justice->items[0].name, "庆云县司法局");  // county first
    std::vector<domain::Unit> orphan{{0, "999-X", "无", domain::UnitKind::kDepartment, "999999", "county", ""}};
    EXPECT_FALSE(store_->UpsertUnits(orphan).ok());
}

TEST_P(StoreTest, CalendarDaysAndSettingsPersist) {
    auto d = ParseDate("2027-02-08");
    ASSERT_TRUE(d.ok());
    std::vector<CalendarDay> days{{*d, DayKind::kRestDay, "春节"}};
    domain::AuditEntry audit;
    audit.at = 1;
    audit.actor = "cli";
    audit.action = "calendar.define";
    ASSERT_TRUE(store_->PutCalendarDays(days, audit).ok());
    ASSERT_TRUE(store_->PutSetting("demo.county", "371423").ok());
    store_.reset();
    auto reopened = storage::OpenStore(url_);
    ASSERT_TRUE(reopened.ok());
    auto listed = (*reopened)->ListCalendarDays();
    ASSERT_EQ(listed->size(), 1u);
    EXPECT_EQ(FormatDate(listed->at(0).date), "2027-02-08");
    EXPECT_EQ(listed->at(0).kind, DayKind::kRestDay);
    EXPECT_EQ(listed->at(0).note, "春节");
    EXPECT_EQ(**(*reopened)->GetSetting("demo.county"), "371423");
    EXPECT_FALSE((*reopened)->GetSetting("missing")->has_value());
}

TEST_P(StoreTest, ConcurrentReadersAndWriter) {
    LoadSmallTree();
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 50; ++i) {
                if (t == 0) {
                    std::vector<Region> r{{"371423100201", "前王村委会" + std::to_string(i), "village", "371423100"}};
                    if (!store_->UpsertRegions(r).ok()) ++failures;
                } else if (!store_->GetRegion("371423").ok() || !store_->CountSubtree("37").ok()) {
                    ++failures;
                }
            }
        });
    }
    for (auto& th : threads) th.join();
    EXPECT_EQ(failures.load(), 0);
    EXPECT_EQ(store_->GetRegion("371423100201")->name, "前王村委会49");
}

TEST_P(StoreTest, AccountsSessionsAndAppendOnlyAudit) {
    LoadSmallTree();
    domain::Account a;
    a.login = "town";
    a.name = "镇值班员";
    a.role = "town_center";
    a.scope_code = "371423100";
    a.password_hash = "$argon2id$dummy";
    a.created_at = 100;
    domain::AuditEntry create{0, 100, "cli", "admin", "account.create", "account", "town", "371423100", "{}", "local"};
    auto id = store_->CreateAccount(a, create);
    ASSERT_TRUE(id.ok()) << id.status().ToString();
    auto dup = store_->CreateAccount(a, create);
    EXPECT_EQ(dup.status().code(), StatusCode::kConflict);

    domain::Session s{0, *id, "hash-1", 100, 200, 0};
    ASSERT_TRUE(store_
                    ->CreateSession(s, {0, 100, "town", "town_center", "auth.login", "account", "town", "371423100",
                                        "{}", "127.0.0.1"})
                    .ok());
    EXPECT_EQ(store_->FindSession("hash-1")->account_id, *id);
    EXPECT_EQ(store_->FindSession("nope").status().code(), StatusCode::kNotFound);

    a.id = *id;
    a.failed_logins = 3;
    ASSERT_TRUE(store_->UpdateAccount(a, /*revoke_sessions=*/true, 150, domain::AuditEntry{}).ok());
    EXPECT_EQ(store_->GetAccount("town")->failed_logins, 3);
    EXPECT_EQ(store_->FindSession("hash-1")->revoked_at, 150);

    auto in_town = store_->ListAccounts("371423100", {1, 20});
    EXPECT_EQ(in_town->total, 1);
    EXPECT_EQ(store_->ListAccounts("371423101", {1, 20})->total, 0);

    // Two audit rows so far (create, login); the update had none. Newest first; filters by actor and prefix.
    auto all = store_->ListAudit({"", "", "", 0, 0, {1, 20}});
    ASSERT_EQ(all->total, 2);
    EXPECT_EQ(all->items[0].action, "auth.login");
    EXPECT_EQ(store_->ListAudit({"", "cli", "", 0, 0, {1, 20}})->total, 1);
    EXPECT_EQ(store_->ListAudit({"", "", "auth.", 0, 0, {1, 20}})->total, 1);
    EXPECT_EQ(store_->ListAudit({"371423101", "", "", 0, 0, {1, 20}})->total, 0);
    EXPECT_EQ(store_->ListAudit({"", "", "", 101, 0, {1, 20}})->total, 0);
}

// The audit log refuses changes at the database level, whatever code runs (SQLite triggers; in PostgreSQL a
// trigger function raising an exception). The raw SQL goes around the Store, on its own connection.
TEST_P(StoreTest, AuditLogRefusesUpdateAndDeleteInTheDatabase) {
    ASSERT_TRUE(store_->AppendAudit({0, 1, "cli", "admin", "calendar.define", "", "", "", "{}", ""}).ok());
    EXPECT_NE(GetParam().Exec(url_, "UPDATE audit_log SET actor = 'x'"), "");
    EXPECT_NE(GetParam().Exec(url_, "DELETE FROM audit_log"), "");
    if (GetParam().name == "postgresql") {
        EXPECT_NE(GetParam().Exec(url_, "TRUNCATE audit_log"), "");
    }
    // A control: the same connection path can change other tables, so the refusals above are the triggers'.
    EXPECT_EQ(GetParam().Exec(url_, "DELETE FROM settings"), "");
    auto entries = store_->ListAudit({"", "", "", 0, 0, {1, 20}});
    ASSERT_TRUE(entries.ok());
    ASSERT_EQ(entries->total, 1);
    EXPECT_EQ(entries->items[0].actor, "cli");
}

// `make test` runs under tests/support/pg_harness.sh, which sets GRIDGOV_REQUIRE_PG=1: the PostgreSQL backend
// must then be configured and reachable (one clear failure, besides every postgresql test failing).
TEST(PostgresHarness, PresentWhenRequired) {
    if (!test_support::PgRequired()) {
        EXPECT_TRUE(test_support::TestPgUrl().empty() ||
                    test_support::ExecPostgres(test_support::TestPgUrl(), "SELECT 1") == "");
        return;
    }
    ASSERT_FALSE(test_support::TestPgUrl().empty()) << "GRIDGOV_REQUIRE_PG=1 but GRIDGOV_TEST_PG is not set";
    EXPECT_EQ(test_support::ExecPostgres(test_support::TestPgUrl(), "SELECT 1"), "");
    auto backends = test_support::AllBackends();
    EXPECT_TRUE(std::any_of(backends.begin(), backends.end(), [](const Backend& b) { return b.name == "postgresql"; }));
}

TEST_P(StoreTest, ConnectionFailureIsUnavailable) {
    if (GetParam().name != "postgresql") {
        EXPECT_EQ(storage::OpenStore("/nonexistent-dir/x/y.db").status().code(), StatusCode::kUnavailable);
        return;
    }
    // Port 1: nothing listens there. Then a server that answers but has no such database.
    EXPECT_EQ(storage::OpenStore("postgresql://postgres@127.0.0.1:1/postgres?connect_timeout=2").status().code(),
              StatusCode::kUnavailable);
    EXPECT_EQ(storage::OpenStore(test_support::PgUrlFor(url_, "no_such_database")).status().code(),
              StatusCode::kUnavailable);
}

TEST(OpenStore, RejectsBadUrls) {
    EXPECT_EQ(storage::OpenStore("").status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(storage::OpenStore("/nonexistent-dir/x/y.db").status().code(), StatusCode::kUnavailable);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest, ::testing::ValuesIn(test_support::AllBackends()),
                         test_support::BackendName);

}  // namespace
}  // namespace gridgov
