// GCJ-02 / BD-09 conversions: the forward formulas as published, the GCJ-02 inverse by iteration.
#include "geo/datum.hpp"

#include <cmath>
#include <numbers>

namespace gridgov::geo {
namespace {

constexpr double kPi = std::numbers::pi;
constexpr double kKrasovskyA = 6378245.0;                // semi-major axis of the Krasovsky 1940 ellipsoid
constexpr double kKrasovskyEe = 0.00669342162296594323;  // its first eccentricity squared
constexpr double kBdXPi = kPi * 3000.0 / 180.0;

double OffsetLat(double x, double y) {
    double r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * std::sqrt(std::abs(x));
    r += (20.0 * std::sin(6.0 * x * kPi) + 20.0 * std::sin(2.0 * x * kPi)) * 2.0 / 3.0;
    r += (20.0 * std::sin(y * kPi) + 40.0 * std::sin(y / 3.0 * kPi)) * 2.0 / 3.0;
    r += (160.0 * std::sin(y / 12.0 * kPi) + 320.0 * std::sin(y * kPi / 30.0)) * 2.0 / 3.0;
    return r;
}

double OffsetLng(double x, double y) {
    double r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * std::sqrt(std::abs(x));
    r += (20.0 * std::sin(6.0 * x * kPi) + 20.0 * std::sin(2.0 * x * kPi)) * 2.0 / 3.0;
    r += (20.0 * std::sin(x * kPi) + 40.0 * std::sin(x / 3.0 * kPi)) * 2.0 / 3.0;
    r += (150.0 * std::sin(x / 12.0 * kPi) + 300.0 * std::sin(x / 30.0 * kPi)) * 2.0 / 3.0;
    return r;
}

// The GCJ-02 displacement (degrees) of a WGS-84 point inside China.
Point Delta(Point wgs) {
    double d_lat = OffsetLat(wgs.lng - 105.0, wgs.lat - 35.0);
    double d_lng = OffsetLng(wgs.lng - 105.0, wgs.lat - 35.0);
    const double rad_lat = wgs.lat / 180.0 * kPi;
    double magic = std::sin(rad_lat);
    magic = 1 - kKrasovskyEe * magic * magic;
    const double sqrt_magic = std::sqrt(magic);
    d_lat = (d_lat * 180.0) / ((kKrasovskyA * (1 - kKrasovskyEe)) / (magic * sqrt_magic) * kPi);
    d_lng = (d_lng * 180.0) / (kKrasovskyA / sqrt_magic * std::cos(rad_lat) * kPi);
    return {d_lng, d_lat};
}

}  // namespace

std::optional<Datum> ParseDatum(std::string_view name) {
    if (name == "wgs84") return Datum::kWgs84;
    if (name == "gcj02") return Datum::kGcj02;
    if (name == "bd09") return Datum::kBd09;
    return std::nullopt;
}

std::string_view DatumName(Datum datum) {
    switch (datum) {
        case Datum::kWgs84:
            return "wgs84";
        case Datum::kGcj02:
            return "gcj02";
        case Datum::kBd09:
            return "bd09";
    }
    return "wgs84";
}

bool InChinaBox(Point p) { return p.lng >= 72.004 && p.lng <= 137.8347 && p.lat >= 0.8293 && p.lat <= 55.8271; }

Point Wgs84ToGcj02(Point wgs) {
    if (!InChinaBox(wgs)) return wgs;
    const Point d = Delta(wgs);
    return {wgs.lng + d.lng, wgs.lat + d.lat};
}

Point Gcj02ToWgs84(Point gcj) {
    if (!InChinaBox(gcj)) return gcj;
    // The offset varies slowly (its derivative is far below 1), so w ← gcj − Δ(w) converges fast.
    Point wgs = gcj;
    for (int i = 0; i < 30; ++i) {
        const Point d = Delta(wgs);
        const Point next{gcj.lng - d.lng, gcj.lat - d.lat};
        const bool done = std::abs(next.lng - wgs.lng) < 1e-12 && std::abs(next.lat - wgs.lat) < 1e-12;
        wgs = next;
        if (done) break;
    }
    return wgs;
}

Point Gcj02ToBd09(Point gcj) {
    const double x = gcj.lng, y = gcj.lat;
    const double z = std::sqrt(x * x + y * y) + 0.00002 * std::sin(y * kBdXPi);
    const double theta = std::atan2(y, x) + 0.000003 * std::cos(x * kBdXPi);
    return {z * std::cos(theta) + 0.0065, z * std::sin(theta) + 0.006};
}

Point Bd09ToGcj02(Point bd) {
    const double x = bd.lng - 0.0065, y = bd.lat - 0.006;
    const double z = std::sqrt(x * x + y * y) - 0.00002 * std::sin(y * kBdXPi);
    const double theta = std::atan2(y, x) - 0.000003 * std::cos(x * kBdXPi);
    return {z * std::cos(theta), z * std::sin(theta)};
}

Point ToWgs84(Point p, Datum from) {
    switch (from) {
        case Datum::kWgs84:
            return p;
        case Datum::kGcj02:
            return Gcj02ToWgs84(p);
        case Datum::kBd09:
            return Gcj02ToWgs84(Bd09ToGcj02(p));
    }
    return p;
}

}  // namespace gridgov::geo
