// CheckPartition: candidate pairs by bounding-box sweep, GEOS relate/intersection per pair (two threads),
// coverage union (cascaded union as fallback) for the gaps, prepared parent for children reaching outside.
#include "geo/partition.hpp"

#include <algorithm>
#include <cstdio>
#include <numeric>
#include <thread>

#include "geo/geojson.hpp"
#include "geo/geos_bridge.hpp"

namespace gridgov::geo {
namespace {

constexpr int kPairThreads = 2;

std::string FormatArea(double m2) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.1f", m2);
    return buf;
}

// The polygonal result of a GEOS operation, or an error mentioning `what`.
Result<MultiPolygon> Polygons(const GeosContext& ctx, GeomPtr g, const std::string& what) {
    if (!g) return InvalidArgument(what + "：几何运算失败（" + ctx.last_error() + "）", "geometry");
    return FromGeos(ctx, g.get());
}

struct PairResult {
    std::vector<Overlap> overlaps;
    Status status;
};

}  // namespace

Result<PartitionReport> CheckPartition(const MultiPolygon& parent, std::span<const Child> children,
                                       const SizeNorms& norms, double min_area_m2) {
    PartitionReport report;
    GeosContext ctx;
    if (parent.empty()) return InvalidArgument("上级区域没有边界", "geometry");
    GeomPtr parent_g = ToGeos(ctx, parent);
    if (!parent_g) return InvalidArgument("上级区域边界无法处理：" + ctx.last_error(), "geometry");

    const std::size_t n = children.size();
    std::vector<GeomPtr> geoms;
    std::vector<BBox> boxes(n);
    geoms.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        if (children[i].geometry.empty()) {
            return InvalidArgument("网格 " + children[i].code + " 没有边界", "geometry");
        }
        geoms.push_back(ToGeos(ctx, children[i].geometry));
        if (!geoms.back()) {
            return InvalidArgument("网格 " + children[i].code + " 的边界无法处理：" + ctx.last_error(), "geometry");
        }
        double unused = 0;
        GEOSGeom_getXMin_r(ctx.handle(), geoms.back().get(), &unused);  // fixes the lazily cached envelope now
        boxes[i] = BBoxOf(children[i].geometry);
    }

    // Oversize: plain comparisons.
    for (const Child& c : children) {
        const bool too_many_households = norms.max_households > 0 && c.households > norms.max_households;
        const bool too_many_people = norms.max_population > 0 && c.population > norms.max_population;
        if (!too_many_households && !too_many_people) continue;
        std::string message = "网格 " + c.code + " 网眼过大：";
        if (too_many_households) {
            message += "户数 " + std::to_string(c.households) + " 超过规范上限 " +
                       std::to_string(norms.max_households) + " 户";
        }
        if (too_many_people) {
            if (too_many_households) message += "；";
            message += "人数 " + std::to_string(c.population) + " 超过规范上限 " +
                       std::to_string(norms.max_population) + " 人";
        }
        report.oversize.push_back(
            {c.code, c.households, c.population, norms.max_households, norms.max_population, std::move(message)});
    }

    // Overlaps: sweep the boxes in longitude order for candidate pairs, then test interiors with GEOS.
    std::vector<std::uint32_t> order(n);
    std::iota(order.begin(), order.end(), 0u);
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
        return boxes[a].min_lng < boxes[b].min_lng || (boxes[a].min_lng == boxes[b].min_lng && a < b);
    });
    std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;
    for (std::size_t k = 0; k < n; ++k) {
        const BBox& a = boxes[order[k]];
        for (std::size_t m = k + 1; m < n && boxes[order[m]].min_lng <= a.max_lng; ++m) {
            if (a.Intersects(boxes[order[m]])) pairs.emplace_back(order[k], order[m]);
        }
    }
    std::vector<PairResult> partial(kPairThreads);
    auto work = [&](int t) {
        GeosContext local;
        PairResult& out = partial[static_cast<std::size_t>(t)];
        for (std::size_t k = static_cast<std::size_t>(t); k < pairs.size(); k += kPairThreads) {
            const auto [i, j] = pairs[k];
            const char interiors_meet =
                GEOSRelatePattern_r(local.handle(), geoms[i].get(), geoms[j].get(), "T********");
            if (interiors_meet == 2) {
                out.status = InvalidArgument(
                    "网格 " + children[i].code + " 与 " + children[j].code + " 无法比较：" + local.last_error(),
                    "geometry");
                return;
            }
            if (interiors_meet == 0) continue;
            Result<MultiPolygon> shared =
                Polygons(local, Own(local, GEOSIntersection_r(local.handle(), geoms[i].get(), geoms[j].get())),
                         "网格 " + children[i].code + " 与 " + children[j].code);
            if (!shared.ok()) {
                out.status = shared.status();
                return;
            }
            const double area = AreaM2(*shared);
            if (area <= min_area_m2) continue;
            const bool swap = children[j].code < children[i].code;
            out.overlaps.push_back({swap ? children[j].code : children[i].code,
                                    swap ? children[i].code : children[j].code, std::move(shared).value(), area});
        }
    };
    {
        std::vector<std::thread> threads;
        for (int t = 1; t < kPairThreads; ++t) threads.emplace_back(work, t);
        work(0);
        for (std::thread& th : threads) th.join();
    }
    for (PairResult& r : partial) {
        GRIDGOV_RETURN_IF_ERROR(r.status);
        for (Overlap& o : r.overlaps) report.overlaps.push_back(std::move(o));
    }
    std::sort(report.overlaps.begin(), report.overlaps.end(), [](const Overlap& a, const Overlap& b) {
        return std::tie(a.code_a, a.code_b) < std::tie(b.code_a, b.code_b);
    });

    // Outside: children not covered by the (prepared) parent lose their part inside it.
    {
        PreparedPtr prepared(GEOSPrepare_r(ctx.handle(), parent_g.get()), PreparedDeleter{ctx.handle()});
        for (std::size_t i = 0; i < n; ++i) {
            const char covered = GEOSPreparedCovers_r(ctx.handle(), prepared.get(), geoms[i].get());
            if (covered == 1) continue;
            GRIDGOV_ASSIGN_OR_RETURN(
                MultiPolygon beyond,
                Polygons(ctx, Own(ctx, GEOSDifference_r(ctx.handle(), geoms[i].get(), parent_g.get())),
                         "网格 " + children[i].code));
            const double area = AreaM2(beyond);
            if (area > min_area_m2) report.outside.push_back({children[i].code, std::move(beyond), area});
        }
    }

    // Gaps: parent − ∪children. Coverage union (edge matching, fast) when the children form a clean coverage,
    // otherwise (overlaps, or edges that do not match vertex for vertex) the cascaded union.
    std::vector<GEOSGeometry*> raw;
    raw.reserve(n);
    for (GeomPtr& g : geoms) raw.push_back(g.release());
    GeomPtr all = Own(ctx, GEOSGeom_createCollection_r(ctx.handle(), GEOS_GEOMETRYCOLLECTION, raw.data(),
                                                       static_cast<unsigned>(raw.size())));
    if (!all) return InvalidArgument("网格集合无法处理：" + ctx.last_error(), "geometry");
    GeomPtr united;
    if (report.overlaps.empty()) {
        united = Own(ctx, GEOSCoverageUnion_r(ctx.handle(), all.get()));
        if (united && GEOSisValid_r(ctx.handle(), united.get()) != 1) united.reset();
    }
    if (!united) united = Own(ctx, GEOSUnaryUnion_r(ctx.handle(), all.get()));
    if (!united) return InvalidArgument("网格合并失败：" + ctx.last_error(), "geometry");
    GRIDGOV_ASSIGN_OR_RETURN(
        MultiPolygon uncovered,
        Polygons(ctx, Own(ctx, GEOSDifference_r(ctx.handle(), parent_g.get(), united.get())), "上级区域"));
    for (Polygon& part : uncovered.polygons) {
        const double area = AreaM2(part);
        if (area < min_area_m2) continue;
        Gap gap;
        gap.geometry.polygons.push_back(std::move(part));
        gap.area_m2 = area;
        report.gaps.push_back(std::move(gap));
    }
    std::sort(report.gaps.begin(), report.gaps.end(), [](const Gap& a, const Gap& b) { return a.area_m2 > b.area_m2; });
    return report;
}

boost::json::object ReportToJson(const PartitionReport& report) {
    namespace json = boost::json;
    json::array gaps, overlaps, outside, oversize;
    double gap_area = 0, overlap_area = 0;
    for (const Gap& g : report.gaps) {
        gap_area += g.area_m2;
        gaps.push_back(
            json::object{{"kind", "gap"},
                         {"area_m2", g.area_m2},
                         {"description", "网格盲区：有 " + FormatArea(g.area_m2) + " 平方米未被任何网格覆盖"},
                         {"geometry", ToGeoJson(g.geometry)}});
    }
    for (const Overlap& o : report.overlaps) {
        overlap_area += o.area_m2;
        overlaps.push_back(json::object{{"kind", "overlap"},
                                        {"codes", json::array{json::string(o.code_a), json::string(o.code_b)}},
                                        {"area_m2", o.area_m2},
                                        {"description", "交叉重叠：网格 " + o.code_a + " 与网格 " + o.code_b +
                                                            " 重叠 " + FormatArea(o.area_m2) + " 平方米"},
                                        {"geometry", ToGeoJson(o.geometry)}});
    }
    for (const Outside& o : report.outside) {
        outside.push_back(json::object{
            {"kind", "outside"},
            {"code", o.code},
            {"area_m2", o.area_m2},
            {"description", "越界：网格 " + o.code + " 有 " + FormatArea(o.area_m2) + " 平方米超出上级区域边界"},
            {"geometry", ToGeoJson(o.geometry)}});
    }
    for (const Oversize& o : report.oversize) {
        oversize.push_back(json::object{{"kind", "oversize"},
                                        {"code", o.code},
                                        {"households", o.households},
                                        {"population", o.population},
                                        {"max_households", o.max_households},
                                        {"max_population", o.max_population},
                                        {"description", o.message}});
    }
    json::object summary{{"gaps", report.gaps.size()},         {"gap_area_m2", gap_area},
                         {"overlaps", report.overlaps.size()}, {"overlap_area_m2", overlap_area},
                         {"outside", report.outside.size()},   {"oversize", report.oversize.size()}};
    return json::object{{"ok", report.ok()},
                        {"summary", std::move(summary)},
                        {"gaps", std::move(gaps)},
                        {"overlaps", std::move(overlaps)},
                        {"outside", std::move(outside)},
                        {"oversize", std::move(oversize)}};
}

}  // namespace gridgov::geo
