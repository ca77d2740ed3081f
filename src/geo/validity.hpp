// Whether a polygon or multipolygon is usable as a boundary, with the reason in Chinese.
#pragma once

#include <string>
#include <string_view>

#include "common/status.hpp"
#include "geo/geometry.hpp"

namespace gridgov::geo {

// Ok when `multi` has at least one polygon, every ring is closed with ≥ 4 points, every coordinate is finite
// and within lng −180…180 / lat −90…90, and GEOS finds it valid (OGC rules: no self-intersection, holes
// inside their shell, parts not overlapping). Otherwise InvalidArgument with a Chinese message such as
// "边界自相交（位置 116.1, 37.2）" and field "geometry". Thread-safe.
Status CheckValid(const MultiPolygon& multi);

// The Chinese wording of a GEOS validity reason ("Self-intersection" → "边界自相交"); unknown reasons are
// returned prefixed with "几何无效：".
std::string TranslateGeosReason(std::string_view reason);

}  // namespace gridgov::geo
