// Internal to geo: an owning GEOS context (reentrant C API) and conversions between our types and GEOS.
#pragma once

#include <geos_c.h>

#include <memory>
#include <string>
#include <vector>

#include "geo/geometry.hpp"

namespace gridgov::geo {

// One GEOS context handle with its last error captured. Not shared between threads; cheap to create.
class GeosContext {
  public:
    GeosContext();
    ~GeosContext();
    GeosContext(const GeosContext&) = delete;
    GeosContext& operator=(const GeosContext&) = delete;

    GEOSContextHandle_t handle() const { return handle_; }
    // The message of the most recent GEOS error on this context ("" if none).
    const std::string& last_error() const { return last_error_; }

  private:
    static void OnError(const char* message, void* self);

    GEOSContextHandle_t handle_;
    std::string last_error_;
};

// Destroys a geometry with the context that owns the call site.
struct GeomDeleter {
    GEOSContextHandle_t handle = nullptr;
    void operator()(GEOSGeometry* g) const {
        if (g != nullptr) GEOSGeom_destroy_r(handle, g);
    }
};
using GeomPtr = std::unique_ptr<GEOSGeometry, GeomDeleter>;

// Destroys a prepared geometry.
struct PreparedDeleter {
    GEOSContextHandle_t handle = nullptr;
    void operator()(const GEOSPreparedGeometry* g) const {
        if (g != nullptr) GEOSPreparedGeom_destroy_r(handle, g);
    }
};
using PreparedPtr = std::unique_ptr<const GEOSPreparedGeometry, PreparedDeleter>;

// Wraps a raw result (may be null on a GEOS error).
inline GeomPtr Own(const GeosContext& ctx, GEOSGeometry* g) { return GeomPtr(g, GeomDeleter{ctx.handle()}); }

// A GEOS LinearRing / Polygon / MultiPolygon with the same coordinates (null on a GEOS error).
GeomPtr ToGeos(const GeosContext& ctx, const Ring& ring);
GeomPtr ToGeos(const GeosContext& ctx, const Polygon& polygon);
GeomPtr ToGeos(const GeosContext& ctx, const MultiPolygon& multi);

// The polygonal parts of a GEOS geometry (Polygon, MultiPolygon or a collection; other parts are dropped).
MultiPolygon FromGeos(const GeosContext& ctx, const GEOSGeometry* g);

// The coordinates of a GEOS LineString/LinearRing.
Ring RingFromGeos(const GeosContext& ctx, const GEOSGeometry* line);

}  // namespace gridgov::geo
