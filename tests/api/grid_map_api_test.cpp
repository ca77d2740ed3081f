// The grid-map endpoints: locate (with datums), boundaries, grid-check, import with per-feature errors, export.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "geo/datum.hpp"
#include "support/api_fixture.hpp"

namespace gridgov {
namespace {

namespace json = boost::json;
using http::beast_http::verb;

class GridMapApiTest : public test_support::ApiFixture {};

TEST_P(GridMapApiTest, LocateInEveryDatum) {
    json::value wgs = GetJson("/api/v1/grids/locate?lng=117.385&lat=37.776");
    std::string code(wgs.at("grid_code").as_string());
    EXPECT_EQ(code.size(), 15u);
    EXPECT_EQ(wgs.at("region_code").as_string(), code.substr(0, 12));
    EXPECT_EQ(wgs.at("datum"), "wgs84");

    geo::Point gcj = geo::Wgs84ToGcj02({117.385, 37.776});
    geo::Point bd = geo::Gcj02ToBd09(gcj);
    auto q = [](geo::Point p, const char* datum) {
        return "/api/v1/grids/locate?lng=" + std::to_string(p.lng) + "&lat=" + std::to_string(p.lat) +
               "&datum=" + datum;
    };
    EXPECT_EQ(GetJson(q(gcj, "gcj02")).at("grid_code").as_string(), code);
    EXPECT_EQ(GetJson(q(bd, "bd09")).at("grid_code").as_string(), code);
    // Taken as WGS-84, the GCJ-02 point is hundreds of metres off: answered, but it is not the same place.
    json::value raw = GetJson(q(gcj, "wgs84"));
    EXPECT_NEAR(raw.at("wgs84").at("lng").as_double(), gcj.lng, 1e-6);

    GetJson("/api/v1/grids/locate?lng=100&lat=20", 404);
    GetJson("/api/v1/grids/locate?lng=abc&lat=20", 400);
    GetJson("/api/v1/grids/locate?lng=117.385&lat=37.776&datum=mars", 400);
}

TEST_P(GridMapApiTest, BoundariesAndCheckForTheMap) {
    json::value towns = GetJson("/api/v1/regions/371423/boundaries?level=town");
    EXPECT_EQ(towns.at("type"), "FeatureCollection");
    EXPECT_EQ(towns.at("features").as_array().size(), 9u);
    json::value grids = GetJson("/api/v1/regions/371423100/boundaries");
    EXPECT_EQ(static_cast<std::int64_t>(grids.at("features").as_array().size()),
              GetJson("/api/v1/grids?region=371423100&page_size=1").at("total").as_int64());
    GetJson("/api/v1/regions/371423/boundaries?level=planet", 400);

    json::value check = GetJson("/api/v1/regions/371423100/grid-check");
    EXPECT_EQ(check.at("ok"), true);
    EXPECT_GT(check.at("grids_checked").as_int64(), 0);
    json::value strict = GetJson("/api/v1/regions/371423100/grid-check?max_households=100");
    EXPECT_EQ(strict.at("ok"), false);
    EXPECT_GT(strict.at("summary").at("oversize").as_int64(), 0);
    GetJson("/api/v1/regions/371423100/grid-check?max_households=0", 400);
}

TEST_P(GridMapApiTest, ImportAnswersEveryBadFeatureAndTheLocatorFollowsAGoodImport) {
    std::string admin = Token("admin");
    std::string bad = R"({"type":"FeatureCollection","features":[
      {"type":"Feature","properties":{"code":"12"},"geometry":{"type":"Polygon","coordinates":[[[117.4,37.7],[117.5,37.7],[117.5,37.8],[117.4,37.7]]]}},
      {"type":"Feature","properties":{"code":"371423100209961"},"geometry":{"type":"Polygon","coordinates":[[[117.4,37.7],[117.5,37.7]]]}}]})";
    json::value refused = CallJson(verb::post, "/api/v1/grids/import", admin, 400, bad);
    const json::array& errors = refused.at("error").at("details").at("errors").as_array();
    ASSERT_EQ(errors.size(), 2u);
    EXPECT_EQ(errors[0].at("feature"), 1);
    EXPECT_EQ(errors[1].at("feature"), 2);
    CallJson(verb::post, "/api/v1/grids/import", admin, 400, "{\"type\":");

    // A new special grid far from the others: once imported, the locator finds it at once.
    std::string good =
        R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"371423100209961",
      "name":"物流园专属网格","type":"industrial_park"},"geometry":{"type":"Polygon","coordinates":[[[116.0,36.0],[116.01,36.0],[116.01,36.01],[116.0,36.01],[116.0,36.0]]]}}]})";
    GetJson("/api/v1/grids/locate?lng=116.005&lat=36.005", 404);
    json::value ok = CallJson(verb::post, "/api/v1/grids/import", admin, 200, good);
    EXPECT_EQ(ok.at("imported"), 1);
    EXPECT_EQ(GetJson("/api/v1/grids/locate?lng=116.005&lat=36.005").at("grid_code"), "371423100209961");
    EXPECT_EQ(GetJson("/api/v1/grids/371423100209961").at("type_name"), "园区专属网格");

    // Export answers GeoJSON that carries the grid back.
    http::Response exported = Call(verb::get, "/api/v1/grids/export?region=371423100209", Token("county"));
    EXPECT_EQ(exported.result_int(), 200u);
    EXPECT_NE(std::string(exported[http::beast_http::field::content_type]).find("geo+json"), std::string::npos);
    EXPECT_NE(exported.body().find("371423100209961"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, GridMapApiTest, ::testing::ValuesIn(test_support::AllBackends()),
                         test_support::BackendName);

}  // namespace
}  // namespace gridgov
