// Bounding boxes, the crossing-number point test, equal-area areas, centroids and WKT output.
#include "geo/geometry.hpp"

#include <cmath>
#include <cstdio>
#include <numbers>

namespace gridgov::geo {

void BBox::Extend(Point p) {
    min_lng = std::min(min_lng, p.lng);
    min_lat = std::min(min_lat, p.lat);
    max_lng = std::max(max_lng, p.lng);
    max_lat = std::max(max_lat, p.lat);
}

void BBox::Extend(const BBox& other) {
    if (other.empty()) return;
    min_lng = std::min(min_lng, other.min_lng);
    min_lat = std::min(min_lat, other.min_lat);
    max_lng = std::max(max_lng, other.max_lng);
    max_lat = std::max(max_lat, other.max_lat);
}

bool BBox::Intersects(const BBox& other) const {
    return !(other.min_lng > max_lng || other.max_lng < min_lng || other.min_lat > max_lat || other.max_lat < min_lat);
}

bool BBox::Contains(Point p) const {
    return p.lng >= min_lng && p.lng <= max_lng && p.lat >= min_lat && p.lat <= max_lat;
}

BBox BBoxOf(const Ring& ring) {
    BBox box;
    for (const Point& p : ring) box.Extend(p);
    return box;
}

BBox BBoxOf(const Polygon& polygon) { return BBoxOf(polygon.outer); }

BBox BBoxOf(const MultiPolygon& multi) {
    BBox box;
    for (const Polygon& polygon : multi.polygons) box.Extend(BBoxOf(polygon));
    return box;
}

namespace {

bool RingCrossings(const Ring& ring, Point p) {
    bool odd = false;
    for (std::size_t i = 1; i < ring.size(); ++i) {
        if (EdgeCrossesRay(ring[i - 1], ring[i], p)) odd = !odd;
    }
    return odd;
}

constexpr double kDegToRad = std::numbers::pi / 180.0;

// ∮ sin φ dλ over the ring with every edge straight in (λ, φ): along an edge the integral is exactly
// Δλ · sin φm · sin(h) / h with φm the edge's mid latitude and h = Δφ / 2. Twice nothing: this is the area on
// the unit sphere, signed by orientation. λ is measured from the first point to keep precision.
double SignedSphereArea(const Ring& ring) {
    if (ring.size() < 4) return 0;
    double sum = 0;
    for (std::size_t i = 1; i < ring.size(); ++i) {
        const double d_lng = (ring[i].lng - ring[i - 1].lng) * kDegToRad;
        const double phi_mid = 0.5 * (ring[i].lat + ring[i - 1].lat) * kDegToRad;
        const double h = 0.5 * (ring[i].lat - ring[i - 1].lat) * kDegToRad;
        const double sinc = std::abs(h) < 1e-8 ? 1.0 - h * h / 6.0 : std::sin(h) / h;
        sum += d_lng * std::sin(phi_mid) * sinc;
    }
    return sum;
}

}  // namespace

bool ContainsPoint(const MultiPolygon& multi, Point p) {
    bool odd = false;
    for (const Polygon& polygon : multi.polygons) {
        if (RingCrossings(polygon.outer, p)) odd = !odd;
        for (const Ring& hole : polygon.holes) {
            if (RingCrossings(hole, p)) odd = !odd;
        }
    }
    return odd;
}

double AreaM2(const Ring& ring) { return std::abs(SignedSphereArea(ring)) * kEarthRadiusM * kEarthRadiusM; }

double AreaM2(const Polygon& polygon) {
    double area = AreaM2(polygon.outer);
    for (const Ring& hole : polygon.holes) area -= AreaM2(hole);
    return std::max(area, 0.0);
}

double AreaM2(const MultiPolygon& multi) {
    double area = 0;
    for (const Polygon& polygon : multi.polygons) area += AreaM2(polygon);
    return area;
}

Point Centroid(const MultiPolygon& multi) {
    double sum_a = 0, sum_x = 0, sum_y = 0;
    auto add_ring = [&](const Ring& ring, double sign) {
        if (ring.size() < 4) return;
        const Point o = ring.front();
        double a_ring = 0, x_ring = 0, y_ring = 0;
        for (std::size_t i = 1; i + 1 < ring.size(); ++i) {
            const double x1 = ring[i].lng - o.lng, y1 = ring[i].lat - o.lat;
            const double x2 = ring[i + 1].lng - o.lng, y2 = ring[i + 1].lat - o.lat;
            const double cross = x1 * y2 - x2 * y1;
            a_ring += cross;
            x_ring += cross * (x1 + x2);
            y_ring += cross * (y1 + y2);
        }
        // Orient every outer ring positively and every hole negatively, whatever the input winding.
        const double s = (a_ring >= 0 ? 1.0 : -1.0) * sign;
        sum_a += s * a_ring;
        sum_x += s * (x_ring + 3 * o.lng * a_ring);
        sum_y += s * (y_ring + 3 * o.lat * a_ring);
    };
    for (const Polygon& polygon : multi.polygons) {
        add_ring(polygon.outer, 1.0);
        for (const Ring& hole : polygon.holes) add_ring(hole, -1.0);
    }
    if (sum_a == 0) return {};
    return {sum_x / (3 * sum_a), sum_y / (3 * sum_a)};
}

std::string ToWkt(const MultiPolygon& multi) {
    if (multi.empty()) return "MULTIPOLYGON EMPTY";
    std::string out = "MULTIPOLYGON(";
    char buf[64];
    auto add_ring = [&](const Ring& ring) {
        out += '(';
        for (std::size_t i = 0; i < ring.size(); ++i) {
            if (i > 0) out += ',';
            std::snprintf(buf, sizeof buf, "%.17g %.17g", ring[i].lng, ring[i].lat);
            out += buf;
        }
        out += ')';
    };
    for (std::size_t k = 0; k < multi.polygons.size(); ++k) {
        if (k > 0) out += ',';
        out += '(';
        add_ring(multi.polygons[k].outer);
        for (const Ring& hole : multi.polygons[k].holes) {
            out += ',';
            add_ring(hole);
        }
        out += ')';
    }
    out += ')';
    return out;
}

}  // namespace gridgov::geo
