// Structural checks on rings plus GEOS's OGC validity, reported in Chinese.
#include "geo/validity.hpp"

#include <cmath>
#include <cstdio>

#include "geo/geos_bridge.hpp"

namespace gridgov::geo {
namespace {

std::string FormatPoint(Point p) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "（位置 %.7f, %.7f）", p.lng, p.lat);
    return buf;
}

Status CheckRing(const Ring& ring, std::string_view what) {
    for (const Point& p : ring) {
        if (!std::isfinite(p.lng) || !std::isfinite(p.lat) || p.lng < -180 || p.lng > 180 || p.lat < -90 ||
            p.lat > 90) {
            return InvalidArgument("坐标超出范围：经度应在 -180～180、纬度应在 -90～90 之间" + FormatPoint(p),
                                   "geometry");
        }
    }
    if (ring.size() < 4) {
        return InvalidArgument(std::string(what) + "的点数少于 4 个（首尾相同的闭合环至少需要 4 个点）", "geometry");
    }
    if (!(ring.front() == ring.back())) {
        return InvalidArgument(std::string(what) + "未闭合：首点与末点坐标不同" + FormatPoint(ring.front()),
                               "geometry");
    }
    return Status::Ok();
}

}  // namespace

std::string TranslateGeosReason(std::string_view reason) {
    struct Entry {
        std::string_view geos;
        std::string_view chinese;
    };
    static constexpr Entry kTable[] = {
        {"Ring Self-intersection", "边界环自相交（环在某点与自身接触或交叉）"},
        {"Self-intersection", "边界自相交"},
        {"Hole lies outside shell", "内洞位于外边界之外"},
        {"Holes are nested", "内洞相互嵌套"},
        {"Interior is disconnected", "多边形内部不连通（内洞把多边形分割开）"},
        {"Nested shells", "多面体的各部分相互嵌套"},
        {"Duplicate Rings", "存在重复的环"},
        {"Too few distinct points in geometry component", "环的不同点少于 3 个"},
        {"Invalid Coordinate", "坐标无效"},
        {"Ring is not closed", "环未闭合"},
    };
    for (const Entry& e : kTable) {
        if (reason.starts_with(e.geos)) return std::string(e.chinese);
    }
    return "几何无效：" + std::string(reason);
}

Status CheckValid(const MultiPolygon& multi) {
    if (multi.empty()) return InvalidArgument("几何为空：没有任何多边形", "geometry");
    for (const Polygon& polygon : multi.polygons) {
        GRIDGOV_RETURN_IF_ERROR(CheckRing(polygon.outer, "外边界"));
        for (const Ring& hole : polygon.holes) GRIDGOV_RETURN_IF_ERROR(CheckRing(hole, "内洞边界"));
    }
    GeosContext ctx;
    GeomPtr g = ToGeos(ctx, multi);
    if (!g) return InvalidArgument(TranslateGeosReason(ctx.last_error()), "geometry");
    char* reason = nullptr;
    GEOSGeometry* location = nullptr;
    const char valid = GEOSisValidDetail_r(ctx.handle(), g.get(), 0, &reason, &location);
    GeomPtr location_owner = Own(ctx, location);
    if (valid == 1) return Status::Ok();
    std::string message = TranslateGeosReason(reason != nullptr ? reason : ctx.last_error());
    if (reason != nullptr) GEOSFree_r(ctx.handle(), reason);
    if (location != nullptr) {
        double x = 0, y = 0;
        if (GEOSGeomGetX_r(ctx.handle(), location, &x) == 1 && GEOSGeomGetY_r(ctx.handle(), location, &y) == 1) {
            message += FormatPoint({x, y});
        }
    }
    return InvalidArgument(std::move(message), "geometry");
}

}  // namespace gridgov::geo
