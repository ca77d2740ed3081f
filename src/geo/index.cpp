// GridIndex construction (per-cell edge lists and right-hand parity flips) and the lookup loop.
#include "geo/index.hpp"

#include <algorithm>
#include <cmath>

namespace gridgov::geo {
namespace {

// Cells are widened by this much (degrees, ~0.1 mm) when deciding which edges touch them, so that rounding
// in the cell computation of a query point can never place it outside the box its cell was built for.
constexpr double kMargin = 1e-9;

struct Box {
    double x0, y0, x1, y1;
};

bool SegmentTouchesBox(Point a, Point b, const Box& box) {
    if (std::max(a.lng, b.lng) < box.x0 || std::min(a.lng, b.lng) > box.x1 || std::max(a.lat, b.lat) < box.y0 ||
        std::min(a.lat, b.lat) > box.y1) {
        return false;
    }
    const double dx = b.lng - a.lng, dy = b.lat - a.lat;
    auto side = [&](double x, double y) { return dx * (y - a.lat) - dy * (x - a.lng); };
    const double s[4] = {side(box.x0, box.y0), side(box.x1, box.y0), side(box.x0, box.y1), side(box.x1, box.y1)};
    const bool all_pos = s[0] > 0 && s[1] > 0 && s[2] > 0 && s[3] > 0;
    const bool all_neg = s[0] < 0 && s[1] < 0 && s[2] < 0 && s[3] < 0;
    return !(all_pos || all_neg);
}

struct Record {
    std::int32_t cell;
    std::int32_t grid;
    std::uint32_t edge_begin, edge_end;  // into the temporary edge list
    std::uint32_t flip_begin, flip_end;  // into the temporary flip list
    std::uint32_t base_parity;
    bool Uniform() const { return edge_begin == edge_end && flip_begin == flip_end; }
};

}  // namespace

GridIndex::GridIndex(std::span<const std::pair<std::string, MultiPolygon>> grids, const GridIndexOptions& options) {
    codes_.reserve(grids.size());
    std::vector<std::vector<const Ring*>> rings(grids.size());
    std::vector<BBox> boxes(grids.size());
    std::size_t total_edges = 0;
    for (std::size_t g = 0; g < grids.size(); ++g) {
        codes_.push_back(grids[g].first);
        for (const Polygon& polygon : grids[g].second.polygons) {
            rings[g].push_back(&polygon.outer);
            for (const Ring& hole : polygon.holes) rings[g].push_back(&hole);
        }
        for (const Ring* ring : rings[g]) {
            if (ring->size() >= 2) total_edges += ring->size() - 1;
        }
        boxes[g] = BBoxOf(grids[g].second);
        bounds_.Extend(boxes[g]);
    }
    if (total_edges == 0 || bounds_.empty()) return;

    const double width = std::max(bounds_.max_lng - bounds_.min_lng, 1e-9);
    const double height = std::max(bounds_.max_lat - bounds_.min_lat, 1e-9);
    const double target = std::clamp(static_cast<double>(total_edges) * options.cells_per_edge, 1.0,
                                     static_cast<double>(options.max_cells));
    nx_ = static_cast<std::int32_t>(std::clamp(std::round(std::sqrt(target * width / height)), 1.0, 65536.0));
    ny_ = static_cast<std::int32_t>(std::clamp(std::round(target / nx_), 1.0, 65536.0));
    inv_w_ = nx_ / width;
    inv_h_ = ny_ / height;
    const double cell_w = width / nx_, cell_h = height / ny_;

    std::vector<Record> records;
    std::vector<Edge> tmp_edges;
    std::vector<double> tmp_flips;
    std::vector<char> touches;
    std::vector<double> candidates;
    for (std::size_t g = 0; g < grids.size(); ++g) {
        const BBox& b = boxes[g];
        if (b.empty()) continue;
        auto cell_x = [&](double x) {
            return std::clamp(static_cast<std::int32_t>(std::floor((x - bounds_.min_lng) * inv_w_)), 0, nx_ - 1);
        };
        auto cell_y = [&](double y) {
            return std::clamp(static_cast<std::int32_t>(std::floor((y - bounds_.min_lat) * inv_h_)), 0, ny_ - 1);
        };
        const std::int32_t cx0 = cell_x(b.min_lng - 2 * kMargin), cx1 = cell_x(b.max_lng + 2 * kMargin);
        const std::int32_t cy0 = cell_y(b.min_lat - 2 * kMargin), cy1 = cell_y(b.max_lat + 2 * kMargin);
        for (std::int32_t cy = cy0; cy <= cy1; ++cy) {
            for (std::int32_t cx = cx0; cx <= cx1; ++cx) {
                const Box box{bounds_.min_lng + cx * cell_w - kMargin, bounds_.min_lat + cy * cell_h - kMargin,
                              bounds_.min_lng + (cx + 1) * cell_w + kMargin,
                              bounds_.min_lat + (cy + 1) * cell_h + kMargin};
                const double x_mid = 0.5 * (box.x0 + box.x1);
                Record rec{cy * nx_ + cx,
                           static_cast<std::int32_t>(g),
                           static_cast<std::uint32_t>(tmp_edges.size()),
                           0,
                           static_cast<std::uint32_t>(tmp_flips.size()),
                           0,
                           0};
                candidates.clear();
                // Edges touching the widened cell are tested per query; the parity of the others (all strictly
                // left or right of the cell at every latitude of the cell) only changes at vertices joining a
                // touching edge to a non-touching one, so only those latitudes are candidate flips.
                for (const Ring* ring : rings[g]) {
                    const std::size_t n = ring->size();
                    if (n < 2) continue;
                    touches.assign(n, 0);  // touches[i]: edge (ring[i-1], ring[i])
                    for (std::size_t i = 1; i < n; ++i) {
                        const Point a = (*ring)[i - 1], bpt = (*ring)[i];
                        if (!SegmentTouchesBox(a, bpt, box)) continue;
                        touches[i] = 1;
                        if (a.lat == bpt.lat) continue;
                        const Point lo = a.lat < bpt.lat ? a : bpt, hi = a.lat < bpt.lat ? bpt : a;
                        tmp_edges.push_back({lo.lat, hi.lat, lo.lng, (hi.lng - lo.lng) / (hi.lat - lo.lat)});
                    }
                    for (std::size_t i = 1; i < n; ++i) {
                        const std::size_t next = i + 1 < n ? i + 1 : 1;  // the ring is closed: ring[n-1] = ring[0]
                        if (touches[i] != touches[next]) {
                            const double y = (*ring)[i].lat;
                            if (y > box.y0 && y <= box.y1) candidates.push_back(y);
                        }
                    }
                }
                rec.edge_end = static_cast<std::uint32_t>(tmp_edges.size());
                auto far_parity = [&](double y) {
                    std::uint32_t odd = 0;
                    for (const Ring* ring : rings[g]) {
                        for (std::size_t i = 1; i < ring->size(); ++i) {
                            const Point a = (*ring)[i - 1], bpt = (*ring)[i];
                            if (!SegmentTouchesBox(a, bpt, box) && EdgeCrossesRay(a, bpt, {x_mid, y})) odd ^= 1;
                        }
                    }
                    return odd;
                };
                rec.base_parity = far_parity(box.y0);
                std::sort(candidates.begin(), candidates.end());
                candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
                std::uint32_t parity = rec.base_parity;
                for (double y : candidates) {
                    const std::uint32_t next = far_parity(y);
                    if (next != parity) tmp_flips.push_back(y);
                    parity = next;
                }
                rec.flip_end = static_cast<std::uint32_t>(tmp_flips.size());
                if (rec.Uniform() && rec.base_parity == 0) continue;  // entirely outside this grid
                records.push_back(rec);
            }
        }
    }

    // Group the records by cell, keeping grid order inside a cell (stable counting sort).
    const std::size_t cell_total = static_cast<std::size_t>(nx_) * static_cast<std::size_t>(ny_);
    std::vector<std::uint32_t> start(cell_total + 1, 0);
    for (const Record& r : records) ++start[static_cast<std::size_t>(r.cell) + 1];
    for (std::size_t c = 0; c < cell_total; ++c) start[c + 1] += start[c];
    std::vector<Record> sorted(records.size());
    {
        std::vector<std::uint32_t> fill(start.begin(), start.end() - 1);
        for (const Record& r : records) sorted[fill[static_cast<std::size_t>(r.cell)]++] = r;
    }
    records.clear();
    records.shrink_to_fit();

    cells_.assign(cell_total, -1);
    for (std::size_t c = 0; c < cell_total; ++c) {
        const std::uint32_t begin = start[c], end = start[c + 1];
        if (begin == end) continue;
        if (sorted[begin].Uniform()) {  // the first grid in order fills the cell: nothing else can win
            cells_[c] = sorted[begin].grid;
            continue;
        }
        Mixed mixed{static_cast<std::uint32_t>(entries_.size()), 0};
        for (std::uint32_t k = begin; k < end; ++k) {
            const Record& r = sorted[k];
            Entry e{r.grid, static_cast<std::uint32_t>(edges_.size()),
                    0,      static_cast<std::uint32_t>(flips_.size()),
                    0,      r.base_parity};
            edges_.insert(edges_.end(), tmp_edges.begin() + r.edge_begin, tmp_edges.begin() + r.edge_end);
            flips_.insert(flips_.end(), tmp_flips.begin() + r.flip_begin, tmp_flips.begin() + r.flip_end);
            e.edge_end = static_cast<std::uint32_t>(edges_.size());
            e.flip_end = static_cast<std::uint32_t>(flips_.size());
            entries_.push_back(e);
            if (r.Uniform()) break;  // fully inside this grid: later grids are never reached
        }
        mixed.entry_end = static_cast<std::uint32_t>(entries_.size());
        cells_[c] = -2 - static_cast<std::int32_t>(mixed_.size());
        mixed_.push_back(mixed);
    }
}

std::int32_t GridIndex::LocateMixed(const Mixed& mixed, Point p) const {
    for (std::uint32_t k = mixed.entry_begin; k < mixed.entry_end; ++k) {
        const Entry& e = entries_[k];
        std::uint32_t parity = e.base_parity;
        for (std::uint32_t f = e.flip_begin; f < e.flip_end; ++f) parity ^= flips_[f] <= p.lat ? 1u : 0u;
        for (std::uint32_t i = e.edge_begin; i < e.edge_end; ++i) {
            const Edge& edge = edges_[i];
            if (edge.a_lat <= p.lat && p.lat < edge.b_lat && p.lng < edge.a_lng + (p.lat - edge.a_lat) * edge.slope) {
                parity ^= 1u;
            }
        }
        if (parity != 0) return e.grid;
    }
    return -1;
}

std::int32_t GridIndex::Locate(Point p) const {
    if (!(p.lng >= bounds_.min_lng && p.lng <= bounds_.max_lng && p.lat >= bounds_.min_lat &&
          p.lat <= bounds_.max_lat) ||
        cells_.empty()) {
        return -1;
    }
    const std::int32_t cx = std::min(static_cast<std::int32_t>((p.lng - bounds_.min_lng) * inv_w_), nx_ - 1);
    const std::int32_t cy = std::min(static_cast<std::int32_t>((p.lat - bounds_.min_lat) * inv_h_), ny_ - 1);
    const std::int32_t v = cells_[static_cast<std::size_t>(cy) * static_cast<std::size_t>(nx_) + cx];
    if (v >= -1) return v;
    return LocateMixed(mixed_[static_cast<std::size_t>(-2 - v)], p);
}

void GridIndex::LocateBatch(std::span<const Point> points, std::span<std::int32_t> out) const {
    const std::size_t n = std::min(points.size(), out.size());
    for (std::size_t i = 0; i < n; ++i) out[i] = Locate(points[i]);
}

}  // namespace gridgov::geo
