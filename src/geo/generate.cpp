// DemoOutline (harmonic star polygon) and SplitArea (seeded, relaxed Voronoi cells noded with the area).
#include "geo/generate.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <numeric>
#include <set>
#include <tuple>

#include "geo/geos_bridge.hpp"
#include "geo/index.hpp"
#include "geo/validity.hpp"

namespace gridgov::geo {
namespace {

constexpr int kLloydSteps = 2;

// splitmix64: a tiny generator with the same output on every platform (std distributions are not portable).
class Rng {
  public:
    explicit Rng(std::uint64_t seed) : state_(seed) {}
    std::uint64_t Next() {
        std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    // Uniform in [0, 1).
    double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }

  private:
    std::uint64_t state_;
};

// Stratified jittered sites inside `area`: one per lattice cell, the lattice shrunk until there are ≥ n, then
// n of them chosen at random.
std::vector<Point> SeedSites(const MultiPolygon& area, std::size_t n, Rng& rng) {
    const BBox box = BBoxOf(area);
    const double lat0 = 0.5 * (box.min_lat + box.max_lat);
    const double k = std::max(std::cos(lat0 * std::numbers::pi / 180.0), 0.05);  // lng degrees per metre ratio
    // Planar area in "lat degree" units, used for the first guess of the spacing.
    const double area_deg2 = AreaM2(area) / (std::pow(kEarthRadiusM * std::numbers::pi / 180.0, 2));
    double spacing = std::sqrt(area_deg2 / static_cast<double>(n));
    std::vector<Point> sites;
    for (int attempt = 0; attempt < 200; ++attempt) {
        sites.clear();
        const double sx = spacing / k, sy = spacing;
        const auto cols = static_cast<std::int64_t>(std::ceil((box.max_lng - box.min_lng) / sx));
        const auto rows = static_cast<std::int64_t>(std::ceil((box.max_lat - box.min_lat) / sy));
        for (std::int64_t r = 0; r < rows; ++r) {
            for (std::int64_t c = 0; c < cols; ++c) {
                const Point p{box.min_lng + (static_cast<double>(c) + 0.1 + 0.8 * rng.Uniform()) * sx,
                              box.min_lat + (static_cast<double>(r) + 0.1 + 0.8 * rng.Uniform()) * sy};
                if (ContainsPoint(area, p)) sites.push_back(p);
            }
        }
        if (sites.size() >= n) break;
        spacing *= 0.93;
    }
    for (std::size_t i = 0; i < n && i < sites.size(); ++i) {  // partial Fisher–Yates
        const std::size_t j = i + static_cast<std::size_t>(rng.Next() % (sites.size() - i));
        std::swap(sites[i], sites[j]);
    }
    sites.resize(std::min(n, sites.size()));
    return sites;
}

Status GeosFailure(const GeosContext& ctx, const char* step) {
    return InvalidArgument(std::string("区域划分失败（") + step + "）：" + ctx.last_error(), "geometry");
}

GeomPtr LineFromRing(const GeosContext& ctx, const Ring& ring) {
    std::vector<double> xy;
    xy.reserve(ring.size() * 2);
    for (const Point& p : ring) {
        xy.push_back(p.lng);
        xy.push_back(p.lat);
    }
    GEOSCoordSequence* seq =
        GEOSCoordSeq_copyFromBuffer_r(ctx.handle(), xy.data(), static_cast<unsigned>(ring.size()), 0, 0);
    return Own(ctx, seq != nullptr ? GEOSGeom_createLineString_r(ctx.handle(), seq) : nullptr);
}

// The Voronoi cells of `sites` clipped to `area`, cells[i] belonging to sites[i].
Result<std::vector<MultiPolygon>> ClippedVoronoi(const GeosContext& ctx, const MultiPolygon& area,
                                                 const GEOSGeometry* area_g, const std::vector<Point>& sites) {
    std::vector<GEOSGeometry*> points;
    points.reserve(sites.size());
    for (const Point& p : sites) points.push_back(GEOSGeom_createPointFromXY_r(ctx.handle(), p.lng, p.lat));
    GeomPtr multipoint = Own(ctx, GEOSGeom_createCollection_r(ctx.handle(), GEOS_MULTIPOINT, points.data(),
                                                              static_cast<unsigned>(points.size())));
    if (!multipoint) return GeosFailure(ctx, "站点");
    GeomPtr diagram = Own(ctx, GEOSVoronoiDiagram_r(ctx.handle(), multipoint.get(), area_g, 0.0, 0));
    if (!diagram) return GeosFailure(ctx, "Voronoi");

    // GEOS 3.11 does not keep the input order: find each cell's site with an index over the cells. Each
    // Voronoi edge is taken once (neighbouring cells repeat it) so the noder sees no duplicate lines.
    const int cell_count = GEOSGetNumGeometries_r(ctx.handle(), diagram.get());
    std::vector<std::pair<std::string, MultiPolygon>> cells;
    std::set<std::array<double, 4>> segments;
    for (int c = 0; c < cell_count; ++c) {
        const GEOSGeometry* cell = GEOSGetGeometryN_r(ctx.handle(), diagram.get(), c);
        cells.emplace_back(std::string(), FromGeos(ctx, cell));
        for (const Polygon& polygon : cells.back().second.polygons) {
            for (std::size_t i = 1; i < polygon.outer.size(); ++i) {
                Point a = polygon.outer[i - 1], b = polygon.outer[i];
                if (std::tie(b.lng, b.lat) < std::tie(a.lng, a.lat)) std::swap(a, b);
                segments.insert({a.lng, a.lat, b.lng, b.lat});
            }
        }
    }
    std::vector<GEOSGeometry*> lines;
    for (const auto& s : segments) lines.push_back(LineFromRing(ctx, {{s[0], s[1]}, {s[2], s[3]}}).release());
    for (const Polygon& polygon : area.polygons) {
        lines.push_back(LineFromRing(ctx, polygon.outer).release());
        for (const Ring& hole : polygon.holes) lines.push_back(LineFromRing(ctx, hole).release());
    }
    if (std::find(lines.begin(), lines.end(), nullptr) != lines.end()) {
        for (GEOSGeometry* g : lines) GeomPtr(g, GeomDeleter{ctx.handle()});
        return GeosFailure(ctx, "边线");
    }
    const GridIndex cell_index(cells);
    std::vector<std::int32_t> site_of_cell(cells.size(), -1);
    for (std::size_t i = 0; i < sites.size(); ++i) {
        const std::int32_t c = cell_index.Locate(sites[i]);
        if (c >= 0) site_of_cell[static_cast<std::size_t>(c)] = static_cast<std::int32_t>(i);
    }

    // Node every cell edge with the area boundary (plain floating-point noding: input vertices stay exactly
    // where they are), then polygonize: faces share exact coordinates.
    GeomPtr linework = Own(ctx, GEOSGeom_createCollection_r(ctx.handle(), GEOS_MULTILINESTRING, lines.data(),
                                                            static_cast<unsigned>(lines.size())));
    if (!linework) return GeosFailure(ctx, "边线");
    GeomPtr noded = Own(ctx, GEOSNode_r(ctx.handle(), linework.get()));
    if (!noded) return GeosFailure(ctx, "节点化");
    const GEOSGeometry* noded_raw = noded.get();
    GeomPtr faces = Own(ctx, GEOSPolygonize_r(ctx.handle(), &noded_raw, 1));
    if (!faces) return GeosFailure(ctx, "多边形化");

    std::vector<std::vector<const GEOSGeometry*>> faces_of(sites.size());
    const int face_count = GEOSGetNumGeometries_r(ctx.handle(), faces.get());
    for (int f = 0; f < face_count; ++f) {
        const GEOSGeometry* face = GEOSGetGeometryN_r(ctx.handle(), faces.get(), f);
        GeomPtr inside = Own(ctx, GEOSPointOnSurface_r(ctx.handle(), face));
        double x = 0, y = 0;
        if (!inside || GEOSGeomGetX_r(ctx.handle(), inside.get(), &x) != 1 ||
            GEOSGeomGetY_r(ctx.handle(), inside.get(), &y) != 1) {
            return GeosFailure(ctx, "内点");
        }
        if (!ContainsPoint(area, {x, y})) continue;
        const std::int32_t c = cell_index.Locate({x, y});
        if (c < 0 || site_of_cell[static_cast<std::size_t>(c)] < 0) return GeosFailure(ctx, "归属");
        faces_of[static_cast<std::size_t>(site_of_cell[static_cast<std::size_t>(c)])].push_back(face);
    }
    std::vector<MultiPolygon> out(sites.size());
    for (std::size_t i = 0; i < sites.size(); ++i) {
        if (faces_of[i].size() == 1) {
            out[i] = FromGeos(ctx, faces_of[i][0]);
            continue;
        }
        // Several faces (the area's boundary cuts the cell, or noding split it): merge the ones that touch.
        std::vector<GEOSGeometry*> copies;
        for (const GEOSGeometry* face : faces_of[i]) copies.push_back(GEOSGeom_clone_r(ctx.handle(), face));
        GeomPtr group = Own(ctx, GEOSGeom_createCollection_r(ctx.handle(), GEOS_MULTIPOLYGON, copies.data(),
                                                             static_cast<unsigned>(copies.size())));
        GeomPtr merged = group ? Own(ctx, GEOSUnaryUnion_r(ctx.handle(), group.get())) : nullptr;
        if (!merged) return GeosFailure(ctx, "合并");
        out[i] = FromGeos(ctx, merged.get());
    }
    for (const MultiPolygon& cell : out) {
        if (cell.empty()) return InvalidArgument("区域划分失败：某个单元为空", "geometry");
    }
    return out;
}

}  // namespace

MultiPolygon DemoOutline(Point center, double area_km2, std::uint64_t seed) {
    Rng rng(seed);
    constexpr int kVertices = 96;
    constexpr int kHarmonics = 7;
    double amplitude[kHarmonics + 1] = {};
    double phase[kHarmonics + 1] = {};
    for (int h = 2; h <= kHarmonics; ++h) {
        amplitude[h] = rng.Uniform() * 0.14 / std::sqrt(static_cast<double>(h));
        phase[h] = rng.Uniform() * 2 * std::numbers::pi;
    }
    std::vector<std::pair<double, double>> unit;  // (east, north) on a unit-size shape
    for (int i = 0; i < kVertices; ++i) {
        const double theta = 2 * std::numbers::pi * i / kVertices;
        double r = 1.0 + 0.04 * (rng.Uniform() - 0.5);
        for (int h = 2; h <= kHarmonics; ++h) r += amplitude[h] * std::sin(h * theta + phase[h]);
        r = std::clamp(r, 0.55, 1.45);
        unit.emplace_back(r * std::cos(theta), r * std::sin(theta));
    }
    const double m_per_deg_lat = kEarthRadiusM * std::numbers::pi / 180.0;
    const double m_per_deg_lng = m_per_deg_lat * std::cos(center.lat * std::numbers::pi / 180.0);
    auto build = [&](double scale_m) {
        MultiPolygon out;
        Polygon polygon;
        for (const auto& [e, nth] : unit) {
            polygon.outer.push_back(
                {center.lng + e * scale_m / m_per_deg_lng, center.lat + nth * scale_m / m_per_deg_lat});
        }
        polygon.outer.push_back(polygon.outer.front());
        out.polygons.push_back(std::move(polygon));
        return out;
    };
    const double target_m2 = area_km2 * 1e6;
    double scale = std::sqrt(target_m2 / std::numbers::pi);
    for (int i = 0; i < 3; ++i) scale *= std::sqrt(target_m2 / AreaM2(build(scale)));
    return build(scale);
}

Result<std::vector<MultiPolygon>> SplitArea(const MultiPolygon& area, std::span<const double> weights,
                                            std::uint64_t seed) {
    if (weights.empty()) return std::vector<MultiPolygon>{};
    GRIDGOV_RETURN_IF_ERROR(CheckValid(area));
    if (weights.size() == 1) return std::vector<MultiPolygon>{area};
    GeosContext ctx;
    GeomPtr area_g = ToGeos(ctx, area);
    if (!area_g) return GeosFailure(ctx, "区域");
    Rng rng(seed);
    std::vector<Point> sites = SeedSites(area, weights.size(), rng);
    if (sites.size() < weights.size()) return InvalidArgument("区域太小，无法划分为这么多单元", "geometry");

    std::vector<MultiPolygon> cells;
    for (int step = 0; step <= kLloydSteps; ++step) {
        GRIDGOV_ASSIGN_OR_RETURN(cells, ClippedVoronoi(ctx, area, area_g.get(), sites));
        if (step == kLloydSteps) break;
        for (std::size_t i = 0; i < sites.size(); ++i) {  // move each site to its cell's centroid if inside
            const Point c = Centroid(cells[i]);
            if (ContainsPoint(cells[i], c)) sites[i] = c;
        }
    }

    // Match cells to weights by rank of area (ties broken by index, so the result stays deterministic).
    std::vector<std::size_t> by_weight(weights.size()), by_area(cells.size());
    std::iota(by_weight.begin(), by_weight.end(), std::size_t{0});
    std::iota(by_area.begin(), by_area.end(), std::size_t{0});
    std::vector<double> areas(cells.size());
    for (std::size_t i = 0; i < cells.size(); ++i) areas[i] = AreaM2(cells[i]);
    std::stable_sort(by_weight.begin(), by_weight.end(),
                     [&](std::size_t a, std::size_t b) { return weights[a] < weights[b]; });
    std::stable_sort(by_area.begin(), by_area.end(), [&](std::size_t a, std::size_t b) { return areas[a] < areas[b]; });
    std::vector<MultiPolygon> out(cells.size());
    for (std::size_t r = 0; r < cells.size(); ++r) out[by_weight[r]] = std::move(cells[by_area[r]]);
    return out;
}

}  // namespace gridgov::geo
