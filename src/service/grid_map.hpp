// The grid map: boundaries in and out (GeoJSON), the point → grid locator, and partition checks.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "common/status.hpp"
#include "geo/datum.hpp"
#include "geo/geojson.hpp"
#include "geo/index.hpp"
#include "service/auth.hpp"
#include "storage/store.hpp"

namespace gridgov::service {

// The in-memory point → grid index of a deployment: built from the stored grid boundaries, rebuilt after
// grids change. Locate is thread-safe and lock-free for readers apart from one shared_ptr copy.
class GridLocator {
  public:
    explicit GridLocator(storage::Store& store) : store_(store) {}

    // Loads every grid boundary and swaps in a new index. Errors only when the store cannot be read; a
    // stored boundary that does not parse is skipped (and counted in skipped()).
    Status Reload();

    // The code of the grid containing `wgs84`, or nullopt.
    std::optional<std::string> Locate(geo::Point wgs84) const;
    // One code per point ("" where no grid), for importers and `gridgov locate --points`.
    std::vector<std::string> LocateBatch(std::span<const geo::Point> wgs84) const;

    std::size_t size() const;
    std::size_t skipped() const;

  private:
    std::shared_ptr<const geo::GridIndex> Current() const;

    storage::Store& store_;
    mutable std::mutex mu_;
    std::shared_ptr<const geo::GridIndex> index_ = std::make_shared<geo::GridIndex>();
    std::size_t skipped_ = 0;
};

// Parses "lng,lat" (also with spaces) into a point; InvalidArgument naming `field` otherwise.
Result<geo::Point> ParseLngLat(std::string_view text, std::string_view field = "point");

struct GridImportReport {
    std::int64_t features = 0;
    std::int64_t imported = 0;              // grid rows inserted or changed (0 when re-run on the same file)
    std::vector<geo::FeatureError> errors;  // one per refused feature; when any, nothing was written
};

// Imports a GeoJSON FeatureCollection of grids: properties `code` (or `grid_code`, 15 digits; its first 12
// digits name the village, which must exist), `name`, `type` (id or Chinese), `households`, `population`.
// Every feature is checked first (geometry validity, code, village, duplicates); if any is refused the
// report lists every refusal and nothing is written. Otherwise grids and boundaries are written in one
// transaction with an audit row. Needs kManageGrids; PermissionDenied when any feature lies outside the caller's
// scope. InvalidArgument when the document itself is not a FeatureCollection.
Result<GridImportReport> ImportGridsGeoJson(storage::Store& store, const Caller& caller, std::string_view text,
                                            std::int64_t now);

// The grids of a region (with their attributes) as a GeoJSON FeatureCollection. Needs kViewHierarchy and scope.
Result<boost::json::object> ExportGridsGeoJson(storage::Store& store, const Caller& caller, std::string_view region);

// The boundaries of the child regions or grids of `region` at `level` ("town", "village" or "grid") as a
// FeatureCollection with code and name properties, for the map.
Result<boost::json::object> BoundariesGeoJson(storage::Store& store, const Caller& caller, std::string_view region,
                                              std::string_view level);

struct GridCheckOptions {
    std::int64_t max_households = 500;   // DOMAIN.md: an urban grid holds 300–500 households
    std::int64_t max_population = 1500;  // about 1,000 people; rural grids a villagers' group or two
    double min_area_m2 = 1.0;            // slivers below this are rounding, not faults
};

// The partition check of a region ("网格盲区、交叉重叠、网眼过大"): for each village in it, gaps (village area no
// grid covers), overlapping grid pairs, grids reaching outside the village, oversize grids; and for the
// region itself, gaps and overlaps between its child regions. Each item carries its geometry as GeoJSON.
// Needs kViewHierarchy and scope. FailedPrecondition when the region has no boundary.
Result<boost::json::object> CheckGrids(storage::Store& store, const Caller& caller, std::string_view region,
                                       const GridCheckOptions& options);

}  // namespace gridgov::service
