// GridIndex: an immutable in-memory point → grid lookup over many polygons (uniform cell grid).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "geo/geometry.hpp"

namespace gridgov::geo {

// Tuning for GridIndex; the default suits 10³–10⁵ grids.
struct GridIndexOptions {
    // Target number of cells per polygon edge (after counting every ring edge of every grid).
    double cells_per_edge = 2.0;
    // Hard limit on the number of cells.
    std::int64_t max_cells = std::int64_t{1} << 23;
};

// Point → grid lookup. The plane is cut into a uniform grid of cells over the grids' bounding box; a cell is
// either empty, fully inside one grid (answered without any edge test), or mixed. A mixed cell keeps, per
// candidate grid, the grid's edges touching the cell plus the parity contributed by the grid's edges to the
// cell's right (a sorted list of latitudes where it flips), so the answer is exactly ContainsPoint's
// crossing-number rule (geometry.hpp) evaluated on the whole grid: a point on a shared edge or vertex of a
// partition resolves to exactly one grid, always the same. Where grids overlap, the lowest index wins.
// Immutable after construction; all const members are safe to call concurrently.
class GridIndex {
  public:
    // An empty index: Locate answers -1.
    GridIndex() = default;

    // Builds the index over `grids` (code, boundary); grid i keeps index i. Boundaries should be valid
    // (see CheckValid); rings are used as given.
    explicit GridIndex(std::span<const std::pair<std::string, MultiPolygon>> grids,
                       const GridIndexOptions& options = {});

    // The index of the grid containing `p` (WGS-84), or -1 when no grid does (also for NaN input).
    std::int32_t Locate(Point p) const;

    // out[i] = Locate(points[i]); `out` must be at least as long as `points`.
    void LocateBatch(std::span<const Point> points, std::span<std::int32_t> out) const;

    // The code of grid `index` (0 ≤ index < size()).
    const std::string& Code(std::int32_t index) const { return codes_[static_cast<std::size_t>(index)]; }

    // Number of grids.
    std::size_t size() const { return codes_.size(); }

    // Number of cells and how many need edge tests (for benchmarks and tuning).
    std::size_t cell_count() const { return cells_.size(); }
    std::size_t mixed_cell_count() const { return mixed_.size(); }

  private:
    // A non-horizontal edge, lower end first, with the slope used by EdgeCrossesRay.
    struct Edge {
        double a_lat;
        double b_lat;
        double a_lng;
        double slope;
    };
    // One candidate grid inside a mixed cell.
    struct Entry {
        std::int32_t grid;
        std::uint32_t edge_begin;
        std::uint32_t edge_end;
        std::uint32_t flip_begin;
        std::uint32_t flip_end;
        std::uint32_t base_parity;
    };
    // The entries of one mixed cell.
    struct Mixed {
        std::uint32_t entry_begin;
        std::uint32_t entry_end;
    };

    std::int32_t LocateMixed(const Mixed& mixed, Point p) const;

    std::vector<std::string> codes_;
    BBox bounds_;
    double inv_w_ = 0;
    double inv_h_ = 0;
    std::int32_t nx_ = 0;
    std::int32_t ny_ = 0;
    // ≥ 0: the grid filling the cell; -1: no grid; ≤ -2: mixed cell number -(value + 2).
    std::vector<std::int32_t> cells_;
    std::vector<Mixed> mixed_;
    std::vector<Entry> entries_;
    std::vector<Edge> edges_;
    std::vector<double> flips_;
};

}  // namespace gridgov::geo
