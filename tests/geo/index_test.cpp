// Tests for GridIndex: agreement with brute-force ContainsPoint, and one grid per boundary point.
#include "geo/index.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <iomanip>
#include <limits>
#include <map>
#include <random>
#include <thread>

#include "geo/generate.hpp"

namespace gridgov::geo {
namespace {

using Grids = std::vector<std::pair<std::string, MultiPolygon>>;

MultiPolygon Box(double x0, double y0, double x1, double y1) {
    MultiPolygon m;
    m.polygons.push_back({{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}, {}});
    return m;
}

// The grids containing p by the reference rule.
std::vector<std::int32_t> BruteForce(const Grids& grids, Point p) {
    std::vector<std::int32_t> hits;
    for (std::size_t g = 0; g < grids.size(); ++g) {
        if (ContainsPoint(grids[g].second, p)) hits.push_back(static_cast<std::int32_t>(g));
    }
    return hits;
}

std::int32_t First(const std::vector<std::int32_t>& hits) { return hits.empty() ? -1 : hits.front(); }

// A 3×3 partition of squares 0.01° wide; grid "r<row>c<col>", row 0 in the south.
Grids ThreeByThree() {
    Grids grids;
    for (int r = 0; r < 3; ++r) {
        for (int c = 0; c < 3; ++c) {
            grids.emplace_back("r" + std::to_string(r) + "c" + std::to_string(c),
                               Box(117 + c * 0.01, 37 + r * 0.01, 117 + (c + 1) * 0.01, 37 + (r + 1) * 0.01));
        }
    }
    return grids;
}

const Grids& Voronoi500() {
    static const Grids grids = [] {
        const MultiPolygon outline = DemoOutline({117.385, 37.776}, 60.0, 7);
        std::vector<double> weights(500, 1.0);
        auto cells = SplitArea(outline, weights, 7);
        EXPECT_TRUE(cells.ok()) << cells.status().ToString();
        Grids out;
        for (std::size_t i = 0; i < cells->size(); ++i) out.emplace_back("V" + std::to_string(i), (*cells)[i]);
        return out;
    }();
    return grids;
}

TEST(GridIndexTest, SharedEdgesAndVerticesOfSquaresResolveToOneGridNorthEastWins) {
    const Grids grids = ThreeByThree();
    for (double cells_per_edge : {0.05, 2.0, 40.0}) {
        const GridIndex index(grids, {cells_per_edge, 1 << 20});
        for (int i = 0; i <= 6; ++i) {
            for (int j = 0; j <= 6; ++j) {
                // Vertices (even i, j) and edge midpoints of the 0.005° lattice, all on some boundary line.
                const Point p{117 + i * 0.005, 37 + j * 0.005};
                const auto hits = BruteForce(grids, p);
                ASSERT_LE(hits.size(), 1u);
                EXPECT_EQ(index.Locate(p), First(hits)) << p.lng << "," << p.lat;
                const bool interior = i > 0 && i < 6 && j > 0 && j < 6;
                if (interior) {
                    ASSERT_EQ(hits.size(), 1u) << p.lng << "," << p.lat;
                    // Half-open rule: a boundary point belongs to the grid to its north-east.
                    const int col = std::min(i / 2, 2), row = std::min(j / 2, 2);
                    EXPECT_EQ(index.Code(hits.front()), "r" + std::to_string(row) + "c" + std::to_string(col));
                }
            }
        }
        EXPECT_EQ(index.Locate({117.0, 37.0}), 0);      // south-west corner: inside r0c0
        EXPECT_EQ(index.Locate({117.03, 37.015}), -1);  // east edge of the partition: outside
        EXPECT_EQ(index.Locate({117.015, 37.03}), -1);  // north edge: outside
    }
}

TEST(GridIndexTest, PointsExactlyOnVoronoiEdgesAndVerticesResolveToOneGrid) {
    const Grids& grids = Voronoi500();
    const GridIndex index(grids);
    // Count how many grids use each undirected edge and each vertex.
    std::map<std::pair<std::pair<double, double>, std::pair<double, double>>, int> edge_uses;
    std::map<std::pair<double, double>, int> vertex_uses;
    for (const auto& [code, multi] : grids) {
        for (const Polygon& polygon : multi.polygons) {
            for (std::size_t i = 1; i < polygon.outer.size(); ++i) {
                std::pair<double, double> a{polygon.outer[i - 1].lng, polygon.outer[i - 1].lat};
                std::pair<double, double> b{polygon.outer[i].lng, polygon.outer[i].lat};
                ++vertex_uses[a];  // each ring vertex once per grid part using it
                if (b < a) std::swap(a, b);
                ++edge_uses[{a, b}];
            }
        }
    }
    int shared_edges = 0, inner_vertices = 0;
    for (const auto& [edge, uses] : edge_uses) {
        if (uses != 2) continue;  // an edge on the outline belongs to one grid only
        ++shared_edges;
        // A point on the edge as the rule sees it: the edge's own interpolation at the mid latitude.
        Point lo{edge.first.first, edge.first.second}, hi{edge.second.first, edge.second.second};
        if (lo.lat > hi.lat) std::swap(lo, hi);
        Point p;
        if (lo.lat == hi.lat) {
            p = {0.5 * (lo.lng + hi.lng), lo.lat};
        } else {
            p.lat = lo.lat + 0.5 * (hi.lat - lo.lat);
            p.lng = lo.lng + (p.lat - lo.lat) * ((hi.lng - lo.lng) / (hi.lat - lo.lat));
        }
        // On a very short edge the midpoint can round onto an endpoint, which may lie on the outline.
        if (p == lo || p == hi) continue;
        const auto hits = BruteForce(grids, p);
        ASSERT_EQ(hits.size(), 1u) << std::setprecision(17) << p.lng << "," << p.lat << " on " << lo.lng << ","
                                   << lo.lat << " – " << hi.lng << "," << hi.lat;
        EXPECT_EQ(index.Locate(p), hits.front());
        EXPECT_EQ(index.Locate(p), index.Locate(p));
    }
    for (const auto& [v, uses] : vertex_uses) {
        if (uses < 3) continue;  // a vertex of three or more grids lies inside the outline
        ++inner_vertices;
        const Point p{v.first, v.second};
        const auto hits = BruteForce(grids, p);
        ASSERT_EQ(hits.size(), 1u) << p.lng << "," << p.lat;
        EXPECT_EQ(index.Locate(p), hits.front());
    }
    EXPECT_GT(shared_edges, 1000);
    EXPECT_GT(inner_vertices, 700);
}

TEST(GridIndexTest, AgreesWithBruteForceOnRandomPoints) {
    const Grids& grids = Voronoi500();
    const GridIndex index(grids);
    BBox box;
    for (const auto& [code, multi] : grids) box.Extend(BBoxOf(multi));
    std::mt19937_64 rng(42);
    std::uniform_real_distribution<double> x(box.min_lng - 0.01, box.max_lng + 0.01);
    std::uniform_real_distribution<double> y(box.min_lat - 0.01, box.max_lat + 0.01);
    std::vector<Point> points(100000);
    for (Point& p : points) p = {x(rng), y(rng)};
    std::vector<std::int32_t> batch(points.size());
    index.LocateBatch(points, batch);
    int located = 0;
    for (std::size_t i = 0; i < points.size(); ++i) {
        const std::int32_t expected = First(BruteForce(grids, points[i]));
        ASSERT_EQ(batch[i], expected) << i;
        located += expected >= 0;
    }
    EXPECT_GT(located, 30000);  // many points fall inside the outline
    EXPECT_GT(index.mixed_cell_count(), 0u);
    EXPECT_LT(index.mixed_cell_count(), index.cell_count());
}

TEST(GridIndexTest, HolesAndMultiPolygons) {
    // Grid "ring": a square with a square hole; grid "islands": the hole plus a separate square to the east.
    Grids grids;
    MultiPolygon ring = Box(0, 0, 3, 3);
    ring.polygons[0].holes.push_back({{1, 1}, {1, 2}, {2, 2}, {2, 1}, {1, 1}});
    grids.emplace_back("ring", ring);
    MultiPolygon islands = Box(1, 1, 2, 2);
    islands.polygons.push_back(Box(4, 0, 5, 1).polygons[0]);
    grids.emplace_back("islands", islands);
    const GridIndex index(grids);
    EXPECT_EQ(index.Locate({0.5, 0.5}), 0);
    EXPECT_EQ(index.Locate({1.5, 1.5}), 1);  // in the hole: the island grid
    EXPECT_EQ(index.Locate({4.5, 0.5}), 1);
    EXPECT_EQ(index.Locate({3.5, 0.5}), -1);
    EXPECT_EQ(index.Locate({1.0, 1.5}), 1);  // the hole's west edge belongs to the grid east of it
    EXPECT_EQ(index.Locate({2.0, 1.5}), 0);  // its east edge to the ring
    std::mt19937_64 rng(1);
    std::uniform_real_distribution<double> x(-0.5, 5.5), y(-0.5, 3.5);
    for (int i = 0; i < 20000; ++i) {
        const Point p{x(rng), y(rng)};
        ASSERT_EQ(index.Locate(p), First(BruteForce(grids, p)));
    }
}

TEST(GridIndexTest, EdgeCasesAndConcurrentUse) {
    const GridIndex empty;
    EXPECT_EQ(empty.Locate({1, 1}), -1);
    const Grids grids = ThreeByThree();
    const GridIndex index(grids);
    EXPECT_EQ(index.size(), 9u);
    EXPECT_EQ(index.Locate({std::numeric_limits<double>::quiet_NaN(), 37.01}), -1);
    EXPECT_EQ(index.Locate({0, 0}), -1);
    EXPECT_EQ(index.Code(index.Locate({117.025, 37.025})), "r2c2");

    const Grids& voronoi = Voronoi500();
    const GridIndex big(voronoi);
    std::vector<Point> points;
    std::mt19937_64 rng(3);
    const BBox box = [&] {
        BBox b;
        for (const auto& g : voronoi) b.Extend(BBoxOf(g.second));
        return b;
    }();
    std::uniform_real_distribution<double> x(box.min_lng, box.max_lng), y(box.min_lat, box.max_lat);
    for (int i = 0; i < 200000; ++i) points.push_back({x(rng), y(rng)});
    std::vector<std::int32_t> single(points.size()), a(points.size()), b(points.size());
    big.LocateBatch(points, single);
    std::thread t1([&] { big.LocateBatch(points, a); });
    std::thread t2([&] { big.LocateBatch(points, b); });
    t1.join();
    t2.join();
    EXPECT_EQ(a, single);
    EXPECT_EQ(b, single);
}

}  // namespace
}  // namespace gridgov::geo
