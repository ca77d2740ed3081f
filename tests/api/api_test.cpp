// The /api/v1 API over the demo county: in process through Api::Handle, and once over a loopback socket.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <set>
#include <thread>

#include "http/api.hpp"
#include "http/server.hpp"
#include "service/demo.hpp"
#include "service/divisions.hpp"
#include "support/api_fixture.hpp"
#include "support/http_client.hpp"

namespace gridgov {
namespace {

namespace json = boost::json;
using http::Request;
using http::Response;

class ApiTest : public test_support::ApiFixture {};

TEST_P(ApiTest, Health) {
    json::value v = CallJson(http::beast_http::verb::get, "/api/v1/health", "", 200);
    EXPECT_EQ(v.at("status"), "ok");
    EXPECT_EQ(v.at("backend").as_string(), GetParam().name);
    EXPECT_GE(v.at("schema_version").as_int64(), 1);
}

TEST_P(ApiTest, CountyWithChainAndCounts) {
    json::value v = GetJson("/api/v1/regions/371423");
    EXPECT_EQ(v.at("name"), "庆云县");
    EXPECT_EQ(v.at("level"), "county");
    EXPECT_EQ(v.at("level_name"), "县");
    EXPECT_EQ(v.at("statistical_code"), "371423000000");
    EXPECT_EQ(v.at("parent_code"), "3714");
    const json::array& chain = v.at("chain").as_array();
    ASSERT_EQ(chain.size(), 2u);
    EXPECT_EQ(chain[0].at("name"), "山东省");
    EXPECT_EQ(chain[1].at("name"), "德州市");
    EXPECT_EQ(v.at("counts").at("towns"), 9);
    EXPECT_EQ(v.at("counts").at("villages"), 339);
    EXPECT_GT(v.at("counts").at("grids").as_int64(), 339);
}

TEST_P(ApiTest, ChildrenOfCountyAndTown) {
    json::value towns = GetJson("/api/v1/regions/371423/children");
    EXPECT_EQ(towns.at("total"), 9);
    ASSERT_EQ(towns.at("items").as_array().size(), 9u);
    EXPECT_EQ(towns.at("items").as_array()[0].at("code"), "371423001");
    EXPECT_EQ(towns.at("items").as_array()[0].at("name"), "渤海路街道");
    json::value villages = GetJson("/api/v1/regions/371423100000/children");  // 12-digit form of 庆云镇
    EXPECT_GT(villages.at("total").as_int64(), 10);
    for (const auto& item : villages.at("items").as_array()) {
        EXPECT_EQ(item.at("level"), "village");
        EXPECT_EQ(item.at("parent_code"), "371423100");
    }
}

TEST_P(ApiTest, GridListPagingAndFilters) {
    json::value all = GetJson("/api/v1/grids?region=371423&page_size=5");
    std::int64_t total = all.at("total").as_int64();
    EXPECT_GT(total, 339);
    EXPECT_EQ(all.at("page"), 1);
    EXPECT_EQ(all.at("page_size"), 5);
    ASSERT_EQ(all.at("items").as_array().size(), 5u);
    const json::value& first = all.at("items").as_array()[0];
    EXPECT_EQ(first.at("grid_code"), first.at("code"));
    EXPECT_EQ(first.at("region_code"), first.at("village_code"));

    json::value second = GetJson("/api/v1/grids?region=371423&page_size=5&page=2");
    EXPECT_NE(second.at("items").as_array()[0].at("code"), first.at("code"));

    json::value schools = GetJson("/api/v1/grids?region=371423&type=school");
    EXPECT_EQ(schools.at("total"), 9);
    for (const auto& g : schools.at("items").as_array()) EXPECT_EQ(g.at("type_name"), "学校专属网格");

    json::value named = GetJson("/api/v1/grids?region=371423&q=%E5%8C%BB%E9%99%A2");  // q=医院
    EXPECT_EQ(named.at("total"), 1);
}

TEST_P(ApiTest, GridDetailWithMaskedStaffPhones) {
    json::value list = GetJson("/api/v1/grids?region=371423001&page_size=1");
    std::string code(list.at("items").as_array()[0].at("code").as_string());
    json::value grid = GetJson("/api/v1/grids/" + code);
    EXPECT_EQ(grid.at("code").as_string(), code);
    EXPECT_EQ(grid.at("chain").as_array().size(), 5u);
    const json::array& staff = grid.at("staff").as_array();
    ASSERT_GE(staff.size(), 3u);
    for (const auto& m : staff) {
        std::string phone(m.at("phone").as_string());
        EXPECT_EQ(phone.size(), 11u);
        EXPECT_EQ(phone.substr(3, 4), "****") << phone;
    }
}

TEST_P(ApiTest, UnitsAndCalendar) {
    json::value units = GetJson("/api/v1/units?region=371423100&kind=police");
    EXPECT_EQ(units.at("total"), 1);
    EXPECT_EQ(units.at("items").as_array()[0].at("name"), "庆云镇派出所");

    json::value due = GetJson("/api/v1/calendar/due?from=2026-02-12&working_days=3");
    EXPECT_EQ(due.at("due"), "2026-02-24");
    EXPECT_EQ(due.at("calendar_covered"), true);
}

TEST_P(ApiTest, ErrorsFollowTheContract) {
    struct Case {
        std::string target;
        int status;
        std::string code;
    };
    for (const Case& c : std::vector<Case>{
             {"/api/v1/regions/371423999", 404, "not_found"},
             {"/api/v1/regions/999999", 403, "permission_denied"},
             {"/api/v1/regions/12x", 400, "invalid_argument"},
             {"/api/v1/grids/123", 400, "invalid_argument"},
             {"/api/v1/grids/371423100201999", 404, "not_found"},
             {"/api/v1/grids?region=371423&page=0", 400, "invalid_argument"},
             {"/api/v1/grids?region=371423&page_size=100000", 400, "invalid_argument"},
             {"/api/v1/grids?region=371423&type=castle", 400, "invalid_argument"},
             {"/api/v1/calendar/due?from=2026-02-30&working_days=1", 400, "invalid_argument"},
             {"/api/v1/calendar/due?from=2026-02-12&working_days=x", 400, "invalid_argument"},
             {"/api/v1/nothing-here", 404, "not_found"},
         }) {
        json::value v = GetJson(c.target, c.status);
        EXPECT_EQ(v.at("error").at("code").as_string(), c.code) << c.target;
        EXPECT_FALSE(v.at("error").at("message").as_string().empty()) << c.target;
    }
    EXPECT_EQ(Call(http::beast_http::verb::post, "/api/v1/regions/371423", Token("county")).result_int(), 405u);
}

// Every route the router serves is in the OpenAPI document, and every documented path is served.
TEST_P(ApiTest, OpenApiDocumentMatchesTheRoutes) {
    json::value doc = CallJson(http::beast_http::verb::get, "/api/v1/openapi.json", "", 200);
    EXPECT_EQ(doc.at("openapi"), "3.1.0");
    const json::object& paths = doc.at("paths").as_object();
    std::set<std::string> documented;
    for (const auto& [path, ops] : paths) {
        for (const auto& [method, op] : ops.as_object())
            documented.insert(std::string(method) + " " + std::string(path));
    }
    std::set<std::string> served;
    for (const auto& [method, pattern] : api_->Routes()) {
        std::string m = method;
        for (char& ch : m) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        served.insert(m + " " + pattern);
    }
    EXPECT_EQ(documented, served);
}

// One request of each kind over a real loopback socket, through the Beast server.
TEST_P(ApiTest, OverLoopbackSocket) {
    http::ServerOptions options;
    options.listen = "127.0.0.1:0";
    options.access_log = false;
    http::Api* api = api_.get();
    http::Server server(options,
                        [api](const Request& req, const http::RequestContext& ctx) { return api->Handle(req, ctx); });
    ASSERT_TRUE(server.Start().ok());
    std::thread runner([&] { server.Run(); });
    auto health = test_support::HttpCall(server.port(), "GET", "/api/v1/health");
    EXPECT_EQ(health.status, 200);
    EXPECT_EQ(json::parse(health.body).at("status"), "ok");
    auto region = test_support::HttpCall(server.port(), "GET", "/api/v1/regions/371423", {},
                                         {{"Authorization", "Bearer " + Token("county")}});
    EXPECT_EQ(region.status, 200);
    EXPECT_EQ(json::parse(region.body).at("name"), "庆云县");
    auto missing = test_support::HttpCall(server.port(), "GET", "/api/v1/regions/371423999", {},
                                          {{"Authorization", "Bearer " + Token("county")}});
    EXPECT_EQ(missing.status, 404);
    EXPECT_EQ(json::parse(missing.body).at("error").at("code"), "not_found");
    server.Stop();
    runner.join();
}

INSTANTIATE_TEST_SUITE_P(Backends, ApiTest, ::testing::ValuesIn(test_support::AllBackends()),
                         test_support::BackendName);

}  // namespace
}  // namespace gridgov
