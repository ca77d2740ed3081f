// The grid map on the demo county: import/export of GeoJSON, the locator, the partition check.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "geo/datum.hpp"
#include "geo/geojson.hpp"
#include "geo/geometry.hpp"
#include "service/demo.hpp"
#include "service/divisions.hpp"
#include "service/grid_map.hpp"
#include "support/backends.hpp"

namespace gridgov {
namespace {

namespace json = boost::json;
using test_support::Backend;
using test_support::TempDir;

class GridMapTest : public ::testing::TestWithParam<Backend> {
  protected:
    void SetUp() override {
        auto store = storage::OpenStore(GetParam().NewDatabase(dir_));
        ASSERT_TRUE(store.ok()) << store.status().ToString();
        store_ = std::move(store).value();
        auto data = service::FindDivisionData(std::nullopt);
        ASSERT_TRUE(data.ok());
        service::DemoOptions options;
        options.division_data = *data;
        options.accounts = false;
        ASSERT_TRUE(service::BuildDemo(*store_, options).ok());
    }

    // A feature collection with one square grid in village 前官庄村 (371423100209).
    static std::string OneSquare(const std::string& code, double x, double y, double size, std::string extra = "") {
        std::ostringstream s;
        s.precision(12);
        s << R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":")" << code
          << R"(","name":"测试网格","households":120,"population":360)" << extra << R"(},"geometry":{"type":"Polygon",)"
          << R"("coordinates":[[[)" << x << "," << y << "],[" << x + size << "," << y << "],[" << x + size << ","
          << y + size << "],[" << x << "," << y + size << "],[" << x << "," << y << "]]]}}]}";
        return s.str();
    }

    TempDir dir_;
    std::unique_ptr<storage::Store> store_;
    service::Caller cli_ = service::Caller::CommandLine();
};

TEST_P(GridMapTest, DemoCountyPartitionIsClean) {
    auto report = service::CheckGrids(*store_, cli_, "371423", {});
    ASSERT_TRUE(report.ok()) << report.status().ToString();
    EXPECT_TRUE(report->at("ok").as_bool()) << json::serialize(report->at("summary"));
    EXPECT_EQ(report->at("villages_checked"), 339);
    EXPECT_EQ(report->at("grids_checked").as_int64(), store_->CountSubtree("371423")->grids);
}

TEST_P(GridMapTest, EveryGridsOwnCentreLocatesToIt) {
    service::GridLocator locator(*store_);
    ASSERT_TRUE(locator.Reload().ok());
    auto boundaries = store_->ListBoundaries("371423", "grid");
    ASSERT_TRUE(boundaries.ok());
    ASSERT_EQ(locator.size(), boundaries->size());
    int checked = 0;
    for (const auto& b : *boundaries) {
        auto shape = geo::ParseGeometry(json::parse(b.geojson));
        ASSERT_TRUE(shape.ok());
        geo::Point c = geo::Centroid(*shape);
        if (!geo::ContainsPoint(*shape, c)) continue;  // a concave cell's centroid may lie outside it
        EXPECT_EQ(locator.Locate(c).value_or(""), b.code);
        ++checked;
    }
    EXPECT_GT(checked, static_cast<int>(boundaries->size()) * 9 / 10);
    EXPECT_FALSE(locator.Locate({100.0, 20.0}).has_value());  // far outside the county
    auto batch = locator.LocateBatch(std::vector<geo::Point>{{100.0, 20.0}, {117.385, 37.776}});
    EXPECT_EQ(batch[0], "");
    EXPECT_EQ(batch[1].size(), 15u);
}

TEST_P(GridMapTest, ImportRefusesEveryBadFeatureAndWritesNothing) {
    // Four features: a valid one, one with a self-intersecting ring, one in a village that does not exist,
    // and a duplicate code.
    std::string doc = R"({"type":"FeatureCollection","features":[
      {"type":"Feature","properties":{"code":"371423100209951","name":"新网格"},
       "geometry":{"type":"Polygon","coordinates":[[[117.40,37.70],[117.41,37.70],[117.41,37.71],[117.40,37.71],[117.40,37.70]]]}},
      {"type":"Feature","properties":{"code":"371423100209952"},
       "geometry":{"type":"Polygon","coordinates":[[[117.40,37.70],[117.41,37.71],[117.41,37.70],[117.40,37.71],[117.40,37.70]]]}},
      {"type":"Feature","properties":{"code":"371423100999001"},
       "geometry":{"type":"Polygon","coordinates":[[[117.40,37.70],[117.41,37.70],[117.41,37.71],[117.40,37.70]]]}},
      {"type":"Feature","properties":{"code":"371423100209951"},
       "geometry":{"type":"Polygon","coordinates":[[[117.40,37.70],[117.41,37.70],[117.41,37.71],[117.40,37.70]]]}}]})";
    auto report = service::ImportGridsGeoJson(*store_, cli_, doc, 1);
    ASSERT_TRUE(report.ok()) << report.status().ToString();
    EXPECT_EQ(report->features, 4);
    ASSERT_EQ(report->errors.size(), 3u);
    EXPECT_EQ(report->errors[0].index, 1u);
    EXPECT_NE(report->errors[0].message.find("自相交"), std::string::npos) << report->errors[0].message;
    EXPECT_NE(report->errors[1].message.find("不存在"), std::string::npos) << report->errors[1].message;
    EXPECT_NE(report->errors[2].message.find("重复"), std::string::npos) << report->errors[2].message;
    EXPECT_EQ(report->imported, 0);
    EXPECT_EQ(store_->GetGrid("371423100209951").status().code(), StatusCode::kNotFound);

    EXPECT_EQ(service::ImportGridsGeoJson(*store_, cli_, "{\"type\":\"Point\"}", 1).status().code(),
              StatusCode::kInvalidArgument);
    EXPECT_EQ(service::ImportGridsGeoJson(*store_, cli_, "not json", 1).status().code(), StatusCode::kInvalidArgument);
}

TEST_P(GridMapTest, ExportThenImportChangesNothingAndAPlantedOverlapIsFound) {
    auto exported = service::ExportGridsGeoJson(*store_, cli_, "371423100209");
    ASSERT_TRUE(exported.ok());
    std::string text = json::serialize(*exported);
    auto again = service::ImportGridsGeoJson(*store_, cli_, text, 2);
    ASSERT_TRUE(again.ok());
    EXPECT_TRUE(again->errors.empty());
    EXPECT_EQ(again->features, static_cast<std::int64_t>(exported->at("features").as_array().size()));
    EXPECT_EQ(again->imported, 0);

    // Move grid 001 onto the village's other grids: the check reports an overlap and a gap.
    auto village = store_->ListBoundaries("371423100209", "village");
    ASSERT_EQ(village->size(), 1u);
    auto village_shape = geo::ParseGeometry(json::parse(village->at(0).geojson));
    geo::Point c = geo::Centroid(*village_shape);
    auto import = service::ImportGridsGeoJson(*store_, cli_,
                                              OneSquare("371423100209001", c.lng - 0.004, c.lat - 0.004, 0.008), 3);
    ASSERT_TRUE(import.ok());
    ASSERT_TRUE(import->errors.empty()) << import->errors[0].message;
    EXPECT_EQ(import->imported, 1);
    auto report = service::CheckGrids(*store_, cli_, "371423100209", {});
    ASSERT_TRUE(report.ok());
    EXPECT_FALSE(report->at("ok").as_bool());
    EXPECT_GE(report->at("summary").at("overlaps").as_int64() + report->at("summary").at("gaps").as_int64(), 1);
    // The audit row of each import is there.
    EXPECT_EQ(store_->ListAudit({"", "cli", "grid.import", 0, 0, {1, 10}})->total, 2);
}

TEST_P(GridMapTest, OversizeAndOutsideAreReported) {
    auto report = service::CheckGrids(*store_, cli_, "371423100", {100, 300, 1.0});  // strict norms
    ASSERT_TRUE(report.ok());
    EXPECT_GT(report->at("summary").at("oversize").as_int64(), 0);
    for (const auto& item : report->at("oversize").as_array()) {
        EXPECT_FALSE(item.at("description").as_string().empty());
    }
    // A grid placed far outside its village.
    ASSERT_TRUE(
        service::ImportGridsGeoJson(*store_, cli_, OneSquare("371423100209002", 117.0, 37.0, 0.01), 4)->errors.empty());
    auto outside = service::CheckGrids(*store_, cli_, "371423100209", {});
    EXPECT_GE(outside->at("summary").at("outside").as_int64(), 1);
    EXPECT_EQ(outside->at("outside").as_array()[0].at("code"), "371423100209002");
}

TEST_P(GridMapTest, DatumsConvertToTheSameGrid) {
    service::GridLocator locator(*store_);
    ASSERT_TRUE(locator.Reload().ok());
    geo::Point wgs{117.385, 37.776};
    auto expected = locator.Locate(wgs);
    ASSERT_TRUE(expected.has_value());
    geo::Point gcj = geo::Wgs84ToGcj02(wgs);
    EXPECT_GT(std::abs(gcj.lng - wgs.lng) + std::abs(gcj.lat - wgs.lat), 1e-4);  // hundreds of metres apart
    EXPECT_EQ(locator.Locate(geo::ToWgs84(gcj, geo::Datum::kGcj02)), expected);
    EXPECT_EQ(locator.Locate(geo::ToWgs84(geo::Gcj02ToBd09(gcj), geo::Datum::kBd09)), expected);
}

TEST_P(GridMapTest, ScopeAndPermissions) {
    service::Caller town;
    town.login = "t";
    town.role = domain::Role::kTownCenter;
    town.scope_code = "371423100";
    EXPECT_TRUE(service::CheckGrids(*store_, town, "371423100209", {}).ok());
    EXPECT_EQ(service::CheckGrids(*store_, town, "371423101", {}).status().code(), StatusCode::kPermissionDenied);
    EXPECT_EQ(
        service::ImportGridsGeoJson(*store_, town, OneSquare("371423100209001", 117.4, 37.7, 0.01), 5).status().code(),
        StatusCode::kPermissionDenied);
}

INSTANTIATE_TEST_SUITE_P(Backends, GridMapTest, ::testing::ValuesIn(test_support::AllBackends()),
                         test_support::BackendName);

}  // namespace
}  // namespace gridgov
