// The CaseStore contract, run against every backend: categories, routing, cases with optimistic versions,
// idempotent creation, append-only history, filters and to-do counts.
#include <gtest/gtest.h>

#include "storage/case_store.hpp"
#include "support/backends.hpp"

namespace gridgov {
namespace {

using domain::Case;
using domain::CaseEvent;
using domain::CaseState;
using test_support::Backend;
using test_support::TempDir;

class CaseStoreTest : public ::testing::TestWithParam<Backend> {
  protected:
    void SetUp() override {
        store_url_ = GetParam().NewDatabase(dir_);
        auto store = storage::OpenStore(store_url_);
        ASSERT_TRUE(store.ok()) << store.status().ToString();
        store_ = std::move(store).value();
        std::vector<domain::Region> regions{
            {"37", "山东省", "province", ""},
            {"3714", "德州市", "city", "37"},
            {"371423", "庆云县", "county", "3714"},
            {"371423100", "庆云镇", "town", "371423"},
            {"371423101", "常家镇", "town", "371423"},
            {"371423100209", "前官庄村委会", "village", "371423100"},
            {"371423101201", "常家村委会", "village", "371423101"},
        };
        ASSERT_TRUE(store_->UpsertRegions(regions).ok());
        std::vector<domain::Grid> grids{
            {"371423100209001", "前官庄村第一网格", domain::GridType::kComprehensive, "371423100209", 300, 900}};
        ASSERT_TRUE(store_->UpsertGrids(grids).ok());
        std::vector<domain::Unit> units{
            {0, "371423-ZJJ", "庆云县住房和城乡建设局", domain::UnitKind::kDepartment, "371423", "county", ""},
            {0, "371423100-SFS", "庆云镇司法所", domain::UnitKind::kJustice, "371423100", "town", ""}};
        ASSERT_TRUE(store_->UpsertUnits(units).ok());
        domain::CaseCategory garbage{"env.garbage", "环境卫生", domain::CaseType::kEvent, "", {}};
        garbage.limits.handle = 3;
        std::vector<domain::CaseCategory> categories{garbage,
                                                     {"hotline.water", "供水", domain::CaseType::kWorkOrder, "", {}}};
        ASSERT_TRUE(cases().UpsertCategories(categories).ok());
    }

    storage::CaseStore& cases() { return store_->Cases(); }

    Case NewCase(std::string location, std::string title) {
        Case c;
        c.case_no = "SJ20261123";
        c.category_code = "env.garbage";
        c.title = std::move(title);
        c.description = "路边堆放生活垃圾";
        if (location.size() == 15) {
            c.grid_code = location;
            c.region_code = location.substr(0, 12);
        } else {
            c.region_code = location;
        }
        c.created_at = c.updated_at = 1000;
        c.reporter_login = "grid";
        c.level_due = "2026-11-26";
        return c;
    }

    CaseEvent Event(std::string op, CaseState from, CaseState to) {
        CaseEvent e;
        e.at = 1000;
        e.actor = "grid";
        e.actor_role = "grid_worker";
        e.op = std::move(op);
        e.from = from;
        e.to = to;
        e.comment = "说明";
        e.data = R"({"k":1})";
        e.attachments = {"ab12"};
        return e;
    }

    TempDir dir_;
    std::string store_url_;
    std::unique_ptr<storage::Store> store_;
};

TEST_P(CaseStoreTest, CategoriesAndRouting) {
    auto all = cases().ListCategories();
    ASSERT_TRUE(all.ok());
    ASSERT_EQ(all->size(), 2u);
    auto garbage = cases().GetCategory("env.garbage");
    ASSERT_TRUE(garbage.ok());
    EXPECT_EQ(garbage->limits.handle, 3);
    EXPECT_EQ(garbage->type, domain::CaseType::kEvent);
    EXPECT_EQ(cases().GetCategory("nope").status().code(), StatusCode::kNotFound);

    std::vector<domain::RoutingRule> rules{{"371423", "env.garbage", "371423-ZJJ"},
                                           {"371423100", "env.garbage", "371423100-SFS"}};
    ASSERT_TRUE(cases().UpsertRoutingRules(rules).ok());
    auto found = cases().RoutingRulesFor("env.garbage");
    ASSERT_EQ(found->size(), 2u);
    EXPECT_EQ(found->at(0).region_code, "371423100");  // most specific first
    std::vector<domain::RoutingRule> bad{{"371423", "env.garbage", "no-such-unit"}};
    EXPECT_EQ(cases().UpsertRoutingRules(bad).code(), StatusCode::kInvalidArgument);
}

TEST_P(CaseStoreTest, CreateAssignsNumbersAndIsIdempotentPerClientRequest) {
    Case c = NewCase("371423100209001", "垃圾堆放");
    c.client_request_id = "req-1";
    c.lng = 117.4;
    c.lat = 37.7;
    auto first = cases().CreateCase(c, Event("report", CaseState::kRegistered, CaseState::kRegistered));
    ASSERT_TRUE(first.ok()) << first.status().ToString();
    EXPECT_TRUE(first->created);
    EXPECT_GT(first->value.id, 0);
    EXPECT_EQ(first->value.case_no, "SJ20261123" + std::string(6 - std::to_string(first->value.id).size(), '0') +
                                        std::to_string(first->value.id));
    EXPECT_EQ(first->value.version, 1);

    auto again = cases().CreateCase(c, Event("report", CaseState::kRegistered, CaseState::kRegistered));
    ASSERT_TRUE(again.ok());
    EXPECT_FALSE(again->created);
    EXPECT_EQ(again->value.id, first->value.id);
    EXPECT_EQ(cases().CaseHistory(first->value.id)->size(), 1u);

    auto stored = cases().GetCase(first->value.id);
    ASSERT_TRUE(stored.ok());
    EXPECT_EQ(stored->title, "垃圾堆放");
    EXPECT_EQ(stored->grid_code, "371423100209001");
    EXPECT_NEAR(*stored->lng, 117.4, 1e-12);
    EXPECT_EQ(stored->level_due, "2026-11-26");

    Case unknown = NewCase("371423100209", "x");
    unknown.category_code = "nope";
    EXPECT_EQ(
        cases().CreateCase(unknown, Event("report", CaseState::kRegistered, CaseState::kRegistered)).status().code(),
        StatusCode::kInvalidArgument);
}

TEST_P(CaseStoreTest, UpdatesNeedTheCurrentVersionAndAppendHistory) {
    auto created = cases().CreateCase(NewCase("371423100209001", "垃圾"),
                                      Event("report", CaseState::kRegistered, CaseState::kRegistered));
    ASSERT_TRUE(created.ok());
    Case c = created->value;
    c.state = CaseState::kAccepted;
    c.satisfaction = domain::Satisfaction::kSatisfied;
    c.supervision = domain::Supervision::kYellow;
    std::vector<CaseEvent> events{Event("accept", CaseState::kRegistered, CaseState::kAccepted)};
    auto v2 = cases().UpdateCase(c, 1, events);
    ASSERT_TRUE(v2.ok()) << v2.status().ToString();
    EXPECT_EQ(v2->version, 2);
    auto stale = cases().UpdateCase(c, 1, events);
    EXPECT_EQ(stale.status().code(), StatusCode::kConflict);
    EXPECT_EQ(cases().UpdateCase(c, 1, events).status().field(), "version");
    Case missing = c;
    missing.id = 999999;
    EXPECT_EQ(cases().UpdateCase(missing, 1, events).status().code(), StatusCode::kNotFound);

    auto stored = cases().GetCase(c.id);
    EXPECT_EQ(stored->state, CaseState::kAccepted);
    EXPECT_EQ(stored->version, 2);
    EXPECT_EQ(stored->satisfaction, domain::Satisfaction::kSatisfied);
    EXPECT_EQ(stored->supervision, domain::Supervision::kYellow);
    auto history = cases().CaseHistory(c.id);
    ASSERT_EQ(history->size(), 2u);
    EXPECT_EQ(history->at(1).op, "accept");
    EXPECT_EQ(history->at(1).from, CaseState::kRegistered);
    EXPECT_EQ(history->at(1).to, CaseState::kAccepted);
    EXPECT_EQ(history->at(1).attachments, std::vector<std::string>{"ab12"});
    EXPECT_EQ(history->at(1).data, R"({"k":1})");
}

TEST_P(CaseStoreTest, ListFiltersScopeUnitAndTodo) {
    auto make = [&](std::string location, std::string title, CaseState state, std::string unit, std::string warning) {
        Case c = NewCase(location, title);
        c.state = state;
        c.unit_code = unit;
        c.warning = warning;
        auto r = cases().CreateCase(c, Event("report", CaseState::kRegistered, state));
        EXPECT_TRUE(r.ok());
        return r->value.id;
    };
    make("371423100209001", "垃圾一", CaseState::kRegistered, "", "");
    make("371423100209", "垃圾二", CaseState::kDispatched, "371423100-SFS", "yellow");
    make("371423101201", "常家镇垃圾", CaseState::kHandling, "371423100-SFS", "red");
    make("371423101201", "常家镇已办结", CaseState::kRated, "", "");

    storage::CaseFilter town;
    town.region_code = "371423100";
    EXPECT_EQ(cases().ListCases(town)->total, 2);
    storage::CaseFilter grid;
    grid.region_code = "371423100209001";
    EXPECT_EQ(cases().ListCases(grid)->total, 1);
    storage::CaseFilter unit_or_town = town;
    unit_or_town.unit_code = "371423100-SFS";
    unit_or_town.region_or_unit = true;
    EXPECT_EQ(cases().ListCases(unit_or_town)->total, 3);
    storage::CaseFilter handling;
    handling.states = {CaseState::kHandling, CaseState::kDispatched};
    EXPECT_EQ(cases().ListCases(handling)->total, 2);
    storage::CaseFilter text;
    text.q = "常家镇";
    EXPECT_EQ(cases().ListCases(text)->total, 2);
    storage::CaseFilter red;
    red.warning = "red";
    auto reds = cases().ListCases(red);
    ASSERT_EQ(reds->total, 1);
    EXPECT_EQ(reds->items[0].title, "常家镇垃圾");
    storage::CaseFilter paged;
    paged.page = {2, 3};
    auto p2 = cases().ListCases(paged);
    EXPECT_EQ(p2->total, 4);
    ASSERT_EQ(p2->items.size(), 1u);
    EXPECT_EQ(p2->items[0].title, "垃圾一");  // newest first: the first one is last

    auto todo = cases().CountTodo("371423100", "371423100-SFS");
    ASSERT_TRUE(todo.ok());
    EXPECT_EQ(todo->to_accept, 1);
    EXPECT_EQ(todo->to_sign, 1);
    EXPECT_EQ(todo->to_handle, 1);
    EXPECT_EQ(todo->due_soon, 1);
    EXPECT_EQ(todo->overdue, 1);

    EXPECT_EQ(cases().OpenCases()->size(), 3u);
    EXPECT_EQ(cases().RecentCases("env.garbage", 0, "371423100")->size(), 2u);
    EXPECT_EQ(cases().RecentCases("env.garbage", 2000, "371423100")->size(), 0u);
}

TEST_P(CaseStoreTest, ImportCasesWithHistories) {
    std::vector<Case> batch{NewCase("371423100209001", "一"), NewCase("371423101201", "二")};
    std::vector<std::vector<CaseEvent>> histories{{Event("report", CaseState::kRegistered, CaseState::kRegistered)},
                                                  {Event("report", CaseState::kRegistered, CaseState::kRegistered),
                                                   Event("accept", CaseState::kRegistered, CaseState::kAccepted)}};
    ASSERT_TRUE(cases().ImportCases(batch, histories).ok());
    storage::CaseFilter all;
    auto listed = cases().ListCases(all);
    ASSERT_EQ(listed->total, 2);
    EXPECT_EQ(cases().CaseHistory(listed->items[0].id)->size(), 2u);
}

TEST_P(CaseStoreTest, HistoryIsAppendOnlyInTheDatabase) {
    auto created = cases().CreateCase(NewCase("371423100209001", "垃圾"),
                                      Event("report", CaseState::kRegistered, CaseState::kRegistered));
    ASSERT_TRUE(created.ok());
    const std::string url = store_url_;
    EXPECT_NE(GetParam().Exec(url, "UPDATE case_history SET comment = 'x'"), "");
    EXPECT_NE(GetParam().Exec(url, "DELETE FROM case_history"), "");
    EXPECT_EQ(cases().CaseHistory(created->value.id)->at(0).comment, "说明");
}

TEST_P(CaseStoreTest, ApiKeysAndLookupByClientRequest) {
    ASSERT_TRUE(cases().AddApiKey({"h1", "12345 平台", true, 100}).ok());
    EXPECT_EQ(cases().AddApiKey({"h2", "12345 平台", true, 100}).code(), StatusCode::kConflict);
    ASSERT_TRUE(cases().AddApiKey({"h3", "停用", false, 100}).ok());
    auto key = cases().FindApiKey("h1");
    ASSERT_TRUE(key.ok());
    EXPECT_EQ(key->name, "12345 平台");
    EXPECT_TRUE(key->active);
    EXPECT_FALSE(cases().FindApiKey("h3")->active);
    EXPECT_EQ(cases().FindApiKey("nope").status().code(), StatusCode::kNotFound);

    Case c = NewCase("371423100209001", "垃圾");
    c.client_request_id = "tok-1";
    ASSERT_TRUE(cases().CreateCase(c, Event("report", CaseState::kRegistered, CaseState::kRegistered)).ok());
    auto found = cases().FindCaseByClientRequest(c.reporter_login, "tok-1");
    ASSERT_TRUE(found.ok());
    ASSERT_TRUE(found->has_value());
    EXPECT_EQ((*found)->title, "垃圾");
    EXPECT_FALSE(cases().FindCaseByClientRequest(c.reporter_login, "tok-2")->has_value());
    EXPECT_FALSE(cases().FindCaseByClientRequest(c.reporter_login, "")->has_value());
}

INSTANTIATE_TEST_SUITE_P(Backends, CaseStoreTest, ::testing::ValuesIn(test_support::AllBackends()),
                         test_support::BackendName);

}  // namespace
}  // namespace gridgov
