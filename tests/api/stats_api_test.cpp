// The dashboard statistics over the API: the roll-up follows a report and an operation without a rebuild,
// rankings list small regions unranked, breakdowns and trends answer, and the scope holds.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "support/api_fixture.hpp"

namespace gridgov {
namespace {

namespace json = boost::json;
using http::beast_http::verb;

class StatsApiTest : public test_support::ApiFixture {};

TEST_P(StatsApiTest, TheRollupFollowsReportsAndOperations) {
    // now_ is 2026-09-21 (China): the period is September so far.
    const std::string summary = "/api/v1/stats/summary?region=371423&from=2026-09-01&to=2026-09-30";
    json::value before = GetJson(summary);
    std::int64_t received = before.at("figures").at("received").as_int64();
    std::int64_t supervised = before.at("figures").at("supervised").as_int64();
    EXPECT_EQ(before.at("region_name"), "庆云县");
    EXPECT_EQ(before.at("mom").at("period").at("from"), "2026-08-01");
    EXPECT_EQ(before.at("yoy").at("period").at("to"), "2025-09-30");

    json::value c = CallJson(verb::post, "/api/v1/cases", Token("grid"), 201,
                             R"({"category_code":"env.garbage","title":"路边垃圾堆放","grid_code":"371423001011001"})");
    json::value after = GetJson(summary);
    EXPECT_EQ(after.at("figures").at("received").as_int64(), received + 1);
    CallJson(verb::post, "/api/v1/cases/" + std::to_string(c.at("id").as_int64()) + "/actions/supervise",
             Token("county"), 200, R"({"version":1,"supervision":"yellow","comment":"尽快处理"})");
    after = GetJson(summary);
    EXPECT_EQ(after.at("figures").at("received").as_int64(), received + 1);
    EXPECT_EQ(after.at("figures").at("supervised").as_int64(), supervised + 1);
    // The town of the case sees it in its own figures and the category breakdown.
    json::value town = GetJson("/api/v1/stats/breakdown?region=371423001&from=2026-09-21&to=2026-09-21&by=category");
    ASSERT_GE(town.at("total").as_int64(), 1);
    bool found = false;
    for (const auto& item : town.at("items").as_array()) {
        if (item.at("key") == "env.garbage") {
            found = true;
            EXPECT_GE(item.at("received").as_int64(), 1);
            EXPECT_EQ(item.at("name"), "环境卫生");
        }
    }
    EXPECT_TRUE(found);
}

TEST_P(StatsApiTest, RankingTrendAndScope) {
    CallJson(verb::post, "/api/v1/cases", Token("grid"), 201,
             R"({"category_code":"env.garbage","title":"垃圾桶满溢","grid_code":"371423001011001"})");
    json::value ranking =
        GetJson("/api/v1/stats/ranking?region=371423&from=2026-09-21&to=2026-09-21&by=received&min_cases=2");
    const json::array& items = ranking.at("items").as_array();
    ASSERT_GE(items.size(), 9u);  // the county's towns
    EXPECT_EQ(ranking.at("min_cases"), 2);
    for (const auto& item : items) {
        if (item.at("figures").at("received").as_int64() < 2) {
            EXPECT_EQ(item.at("ranked"), false);
        }
    }
    GetJson("/api/v1/stats/ranking?region=371423&by=speed", 400);
    GetJson("/api/v1/stats/ranking?region=371423&min_cases=-1", 400);

    json::value trend = GetJson("/api/v1/stats/trend?region=371423&from=2026-07-01&to=2026-09-30&interval=month");
    ASSERT_EQ(trend.at("items").as_array().size(), 3u);
    EXPECT_EQ(trend.at("items").as_array()[2].at("from"), "2026-09-01");
    EXPECT_GE(trend.at("items").as_array()[2].at("received").as_int64(), 1);
    GetJson("/api/v1/stats/trend?region=371423&interval=hour", 400);
    GetJson("/api/v1/stats/trend?region=371423&from=2020-01-01&to=2026-01-01&interval=day", 400);

    // Outside the caller's subtree: 403; a grid: 400 (the roll-up stops at villages); bad dates: 400.
    GetJson("/api/v1/stats/summary?region=3714", 403);
    CallJson(verb::get, "/api/v1/stats/summary?region=371423002", Token("grid"), 403);
    CallJson(verb::get, "/api/v1/stats/summary", Token("grid"), 400);
    GetJson("/api/v1/stats/summary?region=371423&from=2026-13-01", 400);
    GetJson("/api/v1/stats/breakdown?region=371423&by=colour", 400);
    CallJson(verb::get, "/api/v1/stats/summary", "", 401);
}

INSTANTIATE_TEST_SUITE_P(Backends, StatsApiTest, ::testing::ValuesIn(test_support::AllBackends()),
                         test_support::BackendName);

}  // namespace
}  // namespace gridgov
