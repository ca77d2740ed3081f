// Plain polygon types in WGS-84 degrees, bounding boxes, the point-in-polygon rule, areas and WKT.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace gridgov::geo {

// A position in degrees: longitude east, latitude north (GeoJSON order).
struct Point {
    double lng = 0;
    double lat = 0;

    friend bool operator==(const Point&, const Point&) = default;
};

// A closed ring: the first point equals the last. Outer rings of valid input may run either way round.
using Ring = std::vector<Point>;

// One polygon: an outer ring and zero or more holes.
struct Polygon {
    Ring outer;
    std::vector<Ring> holes;
};

// Zero or more polygons with disjoint interiors; a grid or region boundary.
struct MultiPolygon {
    std::vector<Polygon> polygons;

    bool empty() const { return polygons.empty(); }
};

// An axis-aligned box in degrees. A default-constructed box is empty (min > max).
struct BBox {
    double min_lng = 1e300;
    double min_lat = 1e300;
    double max_lng = -1e300;
    double max_lat = -1e300;

    bool empty() const { return min_lng > max_lng || min_lat > max_lat; }
    // Grows the box to include `p`.
    void Extend(Point p);
    // Grows the box to include `other`.
    void Extend(const BBox& other);
    // True when the closed boxes share at least one point.
    bool Intersects(const BBox& other) const;
    // True when `p` lies in the closed box.
    bool Contains(Point p) const;
};

// The bounding box of every point of the ring / polygon / multipolygon (empty for no points).
BBox BBoxOf(const Ring& ring);
BBox BBoxOf(const Polygon& polygon);
BBox BBoxOf(const MultiPolygon& multi);

// The point-in-polygon rule used everywhere in gridgov (the index answers exactly the same): crossing
// number of a ray towards +lng over all rings of all parts, each edge evaluated in a canonical direction
// (lower latitude first) and half-open in latitude. Interiors answer true, exteriors false; a point on an
// edge or vertex shared by two polygons of a partition is inside exactly one of them, always the same.
bool ContainsPoint(const MultiPolygon& multi, Point p);

// The crossing test of one edge (a, b) for point p under the rule above: true when the edge crosses the ray
// from p towards +lng. Exposed so the index and tests share one definition.
inline bool EdgeCrossesRay(Point a, Point b, Point p) {
    if (a.lat == b.lat) return false;
    if (a.lat > b.lat) std::swap(a, b);
    if (!(a.lat <= p.lat && p.lat < b.lat)) return false;
    const double slope = (b.lng - a.lng) / (b.lat - a.lat);
    return p.lng < a.lng + (p.lat - a.lat) * slope;
}

// Mean radius of the authalic sphere (the sphere with the WGS-84 ellipsoid's surface area), metres.
inline constexpr double kEarthRadiusM = 6371007.181;

// Area in square metres on the authalic sphere (radius kEarthRadiusM), treating every edge as straight in
// longitude/latitude as GEOS and PostGIS geometry do: by Green's theorem the area is R²·|∮ sin φ dλ|, and
// along a straight lng/lat edge that integral has a closed form, so the result is exact on the sphere for
// such polygons (collinear points add nothing, parts sum to the whole). Against the WGS-84 ellipsoid the
// error is below 0.3 % — the "local equal-area approximation" used for every tolerance. Holes are subtracted.
double AreaM2(const Ring& ring);
double AreaM2(const Polygon& polygon);
double AreaM2(const MultiPolygon& multi);

// The area centroid in degrees (planar in lng/lat; may lie outside a non-convex shape). Empty gives {0, 0}.
Point Centroid(const MultiPolygon& multi);

// Well-known text ("MULTIPOLYGON(((lng lat, ...)))") with round-trip precision, for PostGIS and tests.
std::string ToWkt(const MultiPolygon& multi);

}  // namespace gridgov::geo
