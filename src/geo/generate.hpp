// Synthetic boundaries for the demo county: an irregular outline and seeded Voronoi partitions of an area.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "common/status.hpp"
#include "geo/geometry.hpp"

namespace gridgov::geo {

// A simple (valid, star-shaped, counter-clockwise) polygon of about `area_km2` square kilometres (AreaM2)
// around `center`, with an irregular coast-like edge. The same arguments always give the same polygon.
MultiPolygon DemoOutline(Point center, double area_km2, std::uint64_t seed);

// Partitions `area` into weights.size() cells that cover it exactly with no overlaps: seeded sites spread
// over the area (stratified jitter, then two Lloyd relaxation steps), their Voronoi diagram
// (GEOSVoronoiDiagram_r), and all cell edges noded together with the area's boundary and polygonized, so
// neighbouring cells share identical edge coordinates and the union of the cells is the area vertex for
// vertex. Cells are matched to weights by rank of area (the largest weight gets the largest cell), so areas
// follow weights only roughly. Each cell is a valid MultiPolygon (several parts only where the area's
// boundary cuts a cell in two). Deterministic per seed. Empty weights give no cells, one weight gives
// `area`. InvalidArgument when `area` is invalid (see CheckValid) or GEOS fails.
Result<std::vector<MultiPolygon>> SplitArea(const MultiPolygon& area, std::span<const double> weights,
                                            std::uint64_t seed);

}  // namespace gridgov::geo
