// Tests for the demo geometry generator: valid outlines, exact deterministic partitions.
#include "geo/generate.hpp"

#include <gtest/gtest.h>

#include "geo/validity.hpp"

namespace gridgov::geo {
namespace {

TEST(GenerateTest, OutlineHasTheRequestedAreaAndIsValid) {
    const MultiPolygon a = DemoOutline({117.385, 37.776}, 502.0, 1);
    EXPECT_TRUE(CheckValid(a).ok()) << CheckValid(a).ToString();
    EXPECT_NEAR(AreaM2(a), 502e6, 502e6 * 1e-6);
    EXPECT_TRUE(ContainsPoint(a, {117.385, 37.776}));
    const MultiPolygon b = DemoOutline({117.385, 37.776}, 502.0, 1);
    EXPECT_EQ(a.polygons[0].outer, b.polygons[0].outer);
    const MultiPolygon c = DemoOutline({117.385, 37.776}, 502.0, 2);
    EXPECT_NE(a.polygons[0].outer, c.polygons[0].outer);
}

TEST(GenerateTest, SplitCoversTheAreaExactlyWithValidCellsAndIsDeterministic) {
    const MultiPolygon area = DemoOutline({117.0, 37.5}, 80.0, 5);
    std::vector<double> weights(60, 1.0);
    weights[0] = 4.0;  // the heaviest weight gets the largest cell
    auto cells = SplitArea(area, weights, 99);
    ASSERT_TRUE(cells.ok()) << cells.status().ToString();
    ASSERT_EQ(cells->size(), 60u);
    double total = 0, largest = 0;
    for (const MultiPolygon& cell : *cells) {
        EXPECT_TRUE(CheckValid(cell).ok()) << CheckValid(cell).ToString();
        total += AreaM2(cell);
        largest = std::max(largest, AreaM2(cell));
    }
    EXPECT_NEAR(total, AreaM2(area), AreaM2(area) * 1e-9);
    EXPECT_EQ(AreaM2((*cells)[0]), largest);

    auto again = SplitArea(area, weights, 99);
    ASSERT_TRUE(again.ok());
    for (std::size_t i = 0; i < cells->size(); ++i) EXPECT_EQ(ToWkt((*cells)[i]), ToWkt((*again)[i]));
    auto other = SplitArea(area, weights, 100);
    ASSERT_TRUE(other.ok());
    EXPECT_NE(ToWkt((*cells)[1]), ToWkt((*other)[1]));
}

TEST(GenerateTest, TrivialAndInvalidInputs) {
    const MultiPolygon area = DemoOutline({117.0, 37.5}, 10.0, 5);
    auto none = SplitArea(area, {}, 1);
    ASSERT_TRUE(none.ok());
    EXPECT_TRUE(none->empty());
    const std::vector<double> one = {1.0};
    auto whole = SplitArea(area, one, 1);
    ASSERT_TRUE(whole.ok());
    ASSERT_EQ(whole->size(), 1u);
    EXPECT_EQ(ToWkt((*whole)[0]), ToWkt(area));
    MultiPolygon bowtie;
    bowtie.polygons.push_back({{{0, 0}, {1, 1}, {1, 0}, {0, 1}, {0, 0}}, {}});
    const std::vector<double> two = {1.0, 1.0};
    auto refused = SplitArea(bowtie, two, 1);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace gridgov::geo
