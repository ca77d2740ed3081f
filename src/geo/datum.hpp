// Chinese map datums: GCJ-02 (AMap, Tencent) and BD-09 (Baidu) to and from WGS-84.
#pragma once

#include <optional>
#include <string_view>

#include "geo/geometry.hpp"

namespace gridgov::geo {

// The datum a client's coordinates are in.
enum class Datum { kWgs84, kGcj02, kBd09 };

// "wgs84" | "gcj02" | "bd09" (lower case, as in the `datum=` request parameter); nullopt for anything else.
std::optional<Datum> ParseDatum(std::string_view name);

// The datum's request-parameter name ("wgs84", "gcj02", "bd09").
std::string_view DatumName(Datum datum);

// True when the published GCJ-02 offset applies (a box around mainland China; outside it GCJ-02 = WGS-84).
bool InChinaBox(Point p);

// WGS-84 → GCJ-02 by the published forward formula; identity outside China.
Point Wgs84ToGcj02(Point wgs);

// GCJ-02 → WGS-84: fixed-point iteration on the forward formula until the residual is below 1e-9 degrees
// (error against the true inverse < 1e-6 degrees); identity outside China.
Point Gcj02ToWgs84(Point gcj);

// GCJ-02 → BD-09 by Baidu's published formula.
Point Gcj02ToBd09(Point gcj);

// BD-09 → GCJ-02 by the published approximate inverse (the one the open converters use; ~1e-6 degrees).
Point Bd09ToGcj02(Point bd);

// Any datum → WGS-84 (BD-09 goes through GCJ-02). Pure; thread-safe.
Point ToWgs84(Point p, Datum from);

}  // namespace gridgov::geo
