// Tests for GeoJSON reading (one Chinese error per bad feature) and writing.
#include "geo/geojson.hpp"

#include <gtest/gtest.h>

#include <string>

namespace gridgov::geo {
namespace {

std::string FeatureJson(const std::string& code, const std::string& geometry) {
    return R"({"type":"Feature","properties":{"code":")" + code + R"(","name":"网格"},"geometry":)" + geometry + "}";
}

const std::string kSquare =
    R"({"type":"Polygon","coordinates":[[[117,37],[117.01,37],[117.01,37.01],[117,37.01],[117,37]]]})";

TEST(GeoJsonTest, OneErrorPerBadFeatureAndTheRestRead) {
    const std::string text =
        R"({"type":"FeatureCollection","features":[)" + FeatureJson("G0", kSquare) + "," +
        FeatureJson("G1", R"({"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],)"
                          R"([[[2,0],[3,0],[3,1],[2,0]]]]})") +
        "," + FeatureJson("G2", R"({"type":"Point","coordinates":[117,37]})") + "," + FeatureJson("G3", "null") + "," +
        FeatureJson("G4", R"({"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]})") + "," +
        FeatureJson("G5", R"({"type":"Polygon","coordinates":[[[0,0],[1,0],[0,0]]]})") + "," +
        FeatureJson("G6", R"({"type":"Polygon","coordinates":[[[0,0],[190,0],[1,1],[0,0]]]})") + "," +
        FeatureJson("G7", R"({"type":"Polygon","coordinates":[[[0,0],[1,1],[1,0],[0,1],[0,0]]]})") + "," +
        FeatureJson("G8", R"({"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]],)"
                          R"([[5,5],[6,5],[6,6],[5,5]]]})") +
        "," + R"({"type":"Feature","properties":{"grid_code":"G9"}})" + "," + R"("not a feature"]})";
    auto parsed = ParseFeatureCollection(text);
    ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
    ASSERT_EQ(parsed->features.size(), 2u);
    EXPECT_EQ(parsed->features[0].index, 0u);
    EXPECT_EQ(parsed->features[0].properties.at("name").as_string(), "网格");
    EXPECT_EQ(parsed->features[0].geometry.polygons.size(), 1u);
    EXPECT_EQ(parsed->features[1].index, 1u);
    EXPECT_EQ(parsed->features[1].geometry.polygons.size(), 2u);

    struct Expected {
        std::size_t index;
        const char* code;
        const char* fragment;
    };
    const Expected expected[] = {
        {2, "G2", "不支持的几何类型 Point"},
        {3, "G3", "缺少几何"},
        {4, "G4", "未闭合"},
        {5, "G5", "少于 4 个"},
        {6, "G6", "坐标超出范围"},
        {7, "G7", "边界自相交"},
        {8, "G8", "内洞位于外边界之外"},
        {9, "G9", "缺少几何"},
        {10, "", "要素格式错误"},
    };
    ASSERT_EQ(parsed->errors.size(), std::size(expected));
    for (std::size_t i = 0; i < std::size(expected); ++i) {
        const FeatureError& e = parsed->errors[i];
        EXPECT_EQ(e.index, expected[i].index);
        EXPECT_EQ(e.code, expected[i].code);
        EXPECT_NE(e.message.find(expected[i].fragment), std::string::npos) << e.message;
    }
    // The self-intersection message says where.
    EXPECT_NE(parsed->errors[5].message.find("位置 0.5000000, 0.5000000"), std::string::npos)
        << parsed->errors[5].message;
}

TEST(GeoJsonTest, WholeDocumentErrors) {
    auto bad_json = ParseFeatureCollection("{\"type\":\"FeatureCollection\",");
    ASSERT_FALSE(bad_json.ok());
    EXPECT_EQ(bad_json.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(bad_json.status().message().find("不是有效的 JSON"), std::string::npos);

    auto not_collection = ParseFeatureCollection(FeatureJson("A", kSquare));
    ASSERT_FALSE(not_collection.ok());
    EXPECT_NE(not_collection.status().message().find("FeatureCollection"), std::string::npos);

    auto no_features = ParseFeatureCollection(R"({"type":"FeatureCollection"})");
    ASSERT_FALSE(no_features.ok());
    EXPECT_EQ(no_features.status().field(), "features");

    auto empty = ParseFeatureCollection(R"({"type":"FeatureCollection","features":[]})");
    ASSERT_TRUE(empty.ok());
    EXPECT_TRUE(empty->features.empty());
    EXPECT_TRUE(empty->errors.empty());
}

TEST(GeoJsonTest, WritesPolygonOrMultiPolygonAndReadsItBack) {
    MultiPolygon one;
    one.polygons.push_back({{{0, 0}, {2, 0}, {2, 2}, {0, 2}, {0, 0}}, {{{0.5, 0.5}, {0.5, 1}, {1, 1}, {0.5, 0.5}}}});
    EXPECT_EQ(ToGeoJson(one).at("type").as_string(), "Polygon");
    MultiPolygon two = one;
    two.polygons.push_back({{{5, 5}, {6.123456789012345, 5}, {6, 6}, {5, 5}}, {}});
    EXPECT_EQ(ToGeoJson(two).at("type").as_string(), "MultiPolygon");

    std::vector<Feature> features = {{0, {{"code", "A"}}, one}, {1, {{"code", "B"}}, two}};
    const std::string text = boost::json::serialize(ToFeatureCollection(features));
    auto back = ParseFeatureCollection(text);
    ASSERT_TRUE(back.ok());
    ASSERT_TRUE(back->errors.empty()) << back->errors.front().message;
    ASSERT_EQ(back->features.size(), 2u);
    EXPECT_EQ(back->features[1].properties.at("code").as_string(), "B");
    const MultiPolygon& read = back->features[1].geometry;
    ASSERT_EQ(read.polygons.size(), 2u);
    EXPECT_EQ(read.polygons[0].outer, one.polygons[0].outer);
    EXPECT_EQ(read.polygons[0].holes, one.polygons[0].holes);
    EXPECT_EQ(read.polygons[1].outer, two.polygons[1].outer);  // full double precision survives
}

TEST(GeoJsonTest, ParseGeometryRefusesNonPolygons) {
    auto line = ParseGeometry(boost::json::parse(R"({"type":"LineString","coordinates":[[0,0],[1,1]]})"));
    ASSERT_FALSE(line.ok());
    EXPECT_EQ(line.status().field(), "geometry");
    auto text_coords = ParseGeometry(boost::json::parse(R"({"type":"Polygon","coordinates":[[["0",0]]]})"));
    ASSERT_FALSE(text_coords.ok());
    EXPECT_NE(text_coords.status().message().find("必须是数字"), std::string::npos);
    auto ok = ParseGeometry(boost::json::parse(kSquare));
    ASSERT_TRUE(ok.ok());
}

}  // namespace
}  // namespace gridgov::geo
