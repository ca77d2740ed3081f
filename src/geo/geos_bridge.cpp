// GEOS context lifetime, error capture and coordinate copying between gridgov::geo types and GEOS.
#include "geo/geos_bridge.hpp"

#include <cstdarg>

namespace gridgov::geo {

GeosContext::GeosContext() : handle_(GEOS_init_r()) {
    GEOSContext_setErrorMessageHandler_r(handle_, &GeosContext::OnError, this);
    GEOSContext_setNoticeMessageHandler_r(handle_, nullptr, nullptr);
}

GeosContext::~GeosContext() { GEOS_finish_r(handle_); }

void GeosContext::OnError(const char* message, void* self) {
    static_cast<GeosContext*>(self)->last_error_ = message != nullptr ? message : "";
}

GeomPtr ToGeos(const GeosContext& ctx, const Ring& ring) {
    std::vector<double> xy;
    xy.reserve(ring.size() * 2);
    for (const Point& p : ring) {
        xy.push_back(p.lng);
        xy.push_back(p.lat);
    }
    GEOSCoordSequence* seq =
        GEOSCoordSeq_copyFromBuffer_r(ctx.handle(), xy.data(), static_cast<unsigned>(ring.size()), 0, 0);
    if (seq == nullptr) return Own(ctx, nullptr);
    return Own(ctx, GEOSGeom_createLinearRing_r(ctx.handle(), seq));
}

GeomPtr ToGeos(const GeosContext& ctx, const Polygon& polygon) {
    GeomPtr shell = ToGeos(ctx, polygon.outer);
    if (!shell) return shell;
    std::vector<GeomPtr> holes;
    for (const Ring& hole : polygon.holes) {
        holes.push_back(ToGeos(ctx, hole));
        if (!holes.back()) return Own(ctx, nullptr);
    }
    std::vector<GEOSGeometry*> raw;
    for (GeomPtr& h : holes) raw.push_back(h.release());
    return Own(ctx,
               GEOSGeom_createPolygon_r(ctx.handle(), shell.release(), raw.data(), static_cast<unsigned>(raw.size())));
}

GeomPtr ToGeos(const GeosContext& ctx, const MultiPolygon& multi) {
    std::vector<GeomPtr> parts;
    for (const Polygon& polygon : multi.polygons) {
        parts.push_back(ToGeos(ctx, polygon));
        if (!parts.back()) return Own(ctx, nullptr);
    }
    std::vector<GEOSGeometry*> raw;
    for (GeomPtr& p : parts) raw.push_back(p.release());
    return Own(ctx, GEOSGeom_createCollection_r(ctx.handle(), GEOS_MULTIPOLYGON, raw.data(),
                                                static_cast<unsigned>(raw.size())));
}

Ring RingFromGeos(const GeosContext& ctx, const GEOSGeometry* line) {
    Ring ring;
    const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(ctx.handle(), line);
    unsigned size = 0;
    if (seq == nullptr || GEOSCoordSeq_getSize_r(ctx.handle(), seq, &size) == 0 || size == 0) return ring;
    std::vector<double> xy(static_cast<std::size_t>(size) * 2);
    GEOSCoordSeq_copyToBuffer_r(ctx.handle(), seq, xy.data(), 0, 0);
    ring.resize(size);
    for (unsigned i = 0; i < size; ++i) ring[i] = {xy[2 * i], xy[2 * i + 1]};
    return ring;
}

namespace {

void AppendPolygons(const GeosContext& ctx, const GEOSGeometry* g, MultiPolygon& out) {
    const int type = GEOSGeomTypeId_r(ctx.handle(), g);
    if (type == GEOS_POLYGON) {
        if (GEOSisEmpty_r(ctx.handle(), g) == 1) return;
        Polygon polygon;
        polygon.outer = RingFromGeos(ctx, GEOSGetExteriorRing_r(ctx.handle(), g));
        const int holes = GEOSGetNumInteriorRings_r(ctx.handle(), g);
        for (int i = 0; i < holes; ++i)
            polygon.holes.push_back(RingFromGeos(ctx, GEOSGetInteriorRingN_r(ctx.handle(), g, i)));
        out.polygons.push_back(std::move(polygon));
    } else if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION) {
        const int n = GEOSGetNumGeometries_r(ctx.handle(), g);
        for (int i = 0; i < n; ++i) AppendPolygons(ctx, GEOSGetGeometryN_r(ctx.handle(), g, i), out);
    }
}

}  // namespace

MultiPolygon FromGeos(const GeosContext& ctx, const GEOSGeometry* g) {
    MultiPolygon out;
    if (g != nullptr) AppendPolygons(ctx, g, out);
    return out;
}

}  // namespace gridgov::geo
