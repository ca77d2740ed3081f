// Tests for CheckPartition: planted gaps, overlaps, grids outside their parent and oversize grids are found
// exactly; a generated partition is clean.
#include "geo/partition.hpp"

#include <gtest/gtest.h>

#include "geo/generate.hpp"

namespace gridgov::geo {
namespace {

MultiPolygon Box(double x0, double y0, double x1, double y1) {
    MultiPolygon m;
    m.polygons.push_back({{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}, {}});
    return m;
}

constexpr double kX = 117.0, kY = 37.0, kD = 0.01;  // 3×3 cells of 0.01° (~0.9 × 1.1 km)

std::vector<Child> Squares() {
    std::vector<Child> children;
    for (int r = 0; r < 3; ++r) {
        for (int c = 0; c < 3; ++c) {
            children.push_back({"g" + std::to_string(r) + std::to_string(c),
                                Box(kX + c * kD, kY + r * kD, kX + (c + 1) * kD, kY + (r + 1) * kD), 100, 300});
        }
    }
    return children;
}

const MultiPolygon kParent = Box(kX, kY, kX + 3 * kD, kY + 3 * kD);

TEST(PartitionTest, CleanSquaresHaveNoProblems) {
    const auto children = Squares();
    auto report = CheckPartition(kParent, children, {500, 1000}, 1.0);
    ASSERT_TRUE(report.ok()) << report.status().ToString();
    EXPECT_TRUE(report->ok());
    EXPECT_TRUE(ReportToJson(*report).at("ok").as_bool());
}

TEST(PartitionTest, FindsPlantedGapOverlapOutsideAndOversize) {
    auto children = Squares();
    // Gap: drop g20 (north-west). Overlap: g11 reaches 0.001° into g12. Outside: g02 reaches 0.002° east of
    // the parent. Oversize: g22 has too many households and people.
    children.erase(children.begin() + 6);
    children[4].geometry = Box(kX + kD, kY + kD, kX + 2 * kD + 0.001, kY + 2 * kD);
    children[2].geometry = Box(kX + 2 * kD, kY, kX + 3 * kD + 0.002, kY + kD);
    children.back().households = 620;
    children.back().population = 1500;

    auto report = CheckPartition(kParent, children, {500, 1000}, 1.0);
    ASSERT_TRUE(report.ok()) << report.status().ToString();

    ASSERT_EQ(report->gaps.size(), 1u);
    const double gap_area = AreaM2(Box(kX, kY + 2 * kD, kX + kD, kY + 3 * kD));
    EXPECT_NEAR(report->gaps[0].area_m2, gap_area, gap_area * 1e-9);
    EXPECT_TRUE(ContainsPoint(report->gaps[0].geometry, {kX + 0.5 * kD, kY + 2.5 * kD}));

    ASSERT_EQ(report->overlaps.size(), 1u);
    EXPECT_EQ(report->overlaps[0].code_a, "g11");
    EXPECT_EQ(report->overlaps[0].code_b, "g12");
    const double overlap_area = AreaM2(Box(kX + 2 * kD, kY + kD, kX + 2 * kD + 0.001, kY + 2 * kD));
    EXPECT_NEAR(report->overlaps[0].area_m2, overlap_area, overlap_area * 1e-6);

    ASSERT_EQ(report->outside.size(), 1u);
    EXPECT_EQ(report->outside[0].code, "g02");
    const double outside_area = AreaM2(Box(kX + 3 * kD, kY, kX + 3 * kD + 0.002, kY + kD));
    EXPECT_NEAR(report->outside[0].area_m2, outside_area, outside_area * 1e-6);

    ASSERT_EQ(report->oversize.size(), 1u);
    EXPECT_EQ(report->oversize[0].code, "g22");
    EXPECT_NE(report->oversize[0].message.find("户数 620 超过规范上限 500 户"), std::string::npos);
    EXPECT_NE(report->oversize[0].message.find("人数 1500 超过规范上限 1000 人"), std::string::npos);

    const boost::json::object json = ReportToJson(*report);
    EXPECT_FALSE(json.at("ok").as_bool());
    EXPECT_EQ(json.at("summary").at("overlaps").as_uint64(), 1u);
    const auto& overlap = json.at("overlaps").as_array()[0].as_object();
    EXPECT_EQ(overlap.at("geometry").at("type").as_string(), "Polygon");
    EXPECT_NE(std::string(overlap.at("description").as_string()).find("交叉重叠：网格 g11 与网格 g12"),
              std::string::npos);
    EXPECT_NE(std::string(json.at("gaps").as_array()[0].at("description").as_string()).find("网格盲区"),
              std::string::npos);
    EXPECT_EQ(json.at("outside").as_array()[0].at("code").as_string(), "g02");
}

TEST(PartitionTest, SliversBelowTheToleranceAreIgnored) {
    auto children = Squares();
    // Pull g11's east edge back by 1e-7° (~1 cm over 1.1 km ≈ 10 m²).
    children[4].geometry = Box(kX + kD, kY + kD, kX + 2 * kD - 1e-7, kY + 2 * kD);
    auto lenient = CheckPartition(kParent, children, {}, 100.0);
    ASSERT_TRUE(lenient.ok());
    EXPECT_TRUE(lenient->gaps.empty());
    auto strict = CheckPartition(kParent, children, {}, 1.0);
    ASSERT_TRUE(strict.ok());
    ASSERT_EQ(strict->gaps.size(), 1u);
    EXPECT_GT(strict->gaps[0].area_m2, 5.0);
    EXPECT_LT(strict->gaps[0].area_m2, 15.0);
}

TEST(PartitionTest, GeneratedHierarchyIsClean) {
    const MultiPolygon county = DemoOutline({117.385, 37.776}, 120.0, 11);
    const std::vector<double> town_weights = {3, 1, 2, 1, 1};
    auto towns = SplitArea(county, town_weights, 11);
    ASSERT_TRUE(towns.ok()) << towns.status().ToString();
    std::vector<Child> town_children;
    for (std::size_t t = 0; t < towns->size(); ++t) town_children.push_back({"T" + std::to_string(t), (*towns)[t]});
    auto town_report = CheckPartition(county, town_children, {}, 1.0);
    ASSERT_TRUE(town_report.ok());
    EXPECT_TRUE(town_report->ok()) << boost::json::serialize(ReportToJson(*town_report));

    // One town into villages, one village into grids.
    const std::vector<double> village_weights(12, 1.0);
    auto villages = SplitArea((*towns)[0], village_weights, 12);
    ASSERT_TRUE(villages.ok());
    std::vector<Child> village_children;
    for (std::size_t v = 0; v < villages->size(); ++v)
        village_children.push_back({"V" + std::to_string(v), (*villages)[v]});
    auto village_report = CheckPartition((*towns)[0], village_children, {}, 1.0);
    ASSERT_TRUE(village_report.ok());
    EXPECT_TRUE(village_report->ok()) << boost::json::serialize(ReportToJson(*village_report));

    const std::vector<double> grid_weights(40, 1.0);
    auto grids = SplitArea((*villages)[3], grid_weights, 13);
    ASSERT_TRUE(grids.ok());
    std::vector<Child> grid_children;
    for (std::size_t g = 0; g < grids->size(); ++g) grid_children.push_back({"G" + std::to_string(g), (*grids)[g]});
    auto grid_report = CheckPartition((*villages)[3], grid_children, {}, 1.0);
    ASSERT_TRUE(grid_report.ok());
    EXPECT_TRUE(grid_report->ok()) << boost::json::serialize(ReportToJson(*grid_report));

    // Removing one grid is a gap of exactly its area.
    const double removed_area = AreaM2(grid_children[17].geometry);
    grid_children.erase(grid_children.begin() + 17);
    auto with_gap = CheckPartition((*villages)[3], grid_children, {}, 1.0);
    ASSERT_TRUE(with_gap.ok());
    ASSERT_EQ(with_gap->gaps.size(), 1u);
    EXPECT_NEAR(with_gap->gaps[0].area_m2, removed_area, removed_area * 1e-6);
    EXPECT_TRUE(with_gap->overlaps.empty());
}

TEST(PartitionTest, EmptyChildIsRefused) {
    std::vector<Child> children = Squares();
    children[3].geometry = {};
    auto report = CheckPartition(kParent, children, {}, 1.0);
    ASSERT_FALSE(report.ok());
    EXPECT_NE(report.status().message().find("g10"), std::string::npos);
}

}  // namespace
}  // namespace gridgov::geo
