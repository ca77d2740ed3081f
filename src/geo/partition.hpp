// Partition check: does a set of child boundaries cover its parent exactly, within size norms?
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "common/status.hpp"
#include "geo/geometry.hpp"

namespace gridgov::geo {

// One child of the parent (a grid of a village, a village of a town, …) with its size figures.
struct Child {
    std::string code;
    MultiPolygon geometry;
    std::int64_t households = 0;
    std::int64_t population = 0;
};

// Size norms for children; 0 means "not checked".
struct SizeNorms {
    std::int64_t max_households = 0;
    std::int64_t max_population = 0;
};

// Part of the parent covered by no child (网格盲区).
struct Gap {
    MultiPolygon geometry;
    double area_m2 = 0;
};

// Area shared by two children (交叉重叠); code_a < code_b.
struct Overlap {
    std::string code_a;
    std::string code_b;
    MultiPolygon geometry;
    double area_m2 = 0;
};

// The part of a child lying outside the parent.
struct Outside {
    std::string code;
    MultiPolygon geometry;
    double area_m2 = 0;
};

// A child above the size norms (网眼过大); a limit of 0 was not checked.
struct Oversize {
    std::string code;
    std::int64_t households = 0;
    std::int64_t population = 0;
    std::int64_t max_households = 0;
    std::int64_t max_population = 0;
    std::string message;  // Chinese
};

// Everything CheckPartition found; empty lists mean a clean partition.
struct PartitionReport {
    std::vector<Gap> gaps;
    std::vector<Overlap> overlaps;
    std::vector<Outside> outside;
    std::vector<Oversize> oversize;

    bool ok() const { return gaps.empty() && overlaps.empty() && outside.empty() && oversize.empty(); }
};

// Checks that `children` partition `parent`. Gaps are the connected parts of parent − ∪children with area
// ≥ min_area_m2; overlaps are child pairs (candidates from sorted bounding boxes) whose interiors meet with
// shared area > min_area_m2; outside lists each child's part beyond the parent when > min_area_m2; oversize
// compares households/population with `norms`. Areas use AreaM2's local equal-area approximation. Uses the
// GEOS reentrant API with its own contexts (two worker threads for the pairwise tests); thread-safe.
// InvalidArgument (Chinese, naming the child) when a boundary is empty or GEOS cannot process it.
Result<PartitionReport> CheckPartition(const MultiPolygon& parent, std::span<const Child> children,
                                       const SizeNorms& norms, double min_area_m2);

// {"ok":…, "summary":{…counts…}, "gaps":[…], "overlaps":[…], "outside":[…], "oversize":[…]} where each problem
// carries "geometry" (GeoJSON), "area_m2" and a Chinese "description".
boost::json::object ReportToJson(const PartitionReport& report);

}  // namespace gridgov::geo
