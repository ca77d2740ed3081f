// Read-side use cases of the hierarchy: a region with its parent chain and counts, children, grids.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/status.hpp"
#include "service/auth.hpp"
#include "storage/store.hpp"

namespace gridgov::service {

struct RegionView {
    domain::Region region;
    std::vector<domain::Region> chain;  // ancestors, province first (excludes the region itself)
    std::int64_t children = 0;
    storage::SubtreeCounts counts;
};

// Every function here needs kViewHierarchy and answers PermissionDenied for a target outside the caller's scope.

// `code` in any accepted form (short or 12-digit). InvalidArgument for a malformed code, NotFound if unknown.
Result<RegionView> DescribeRegion(storage::Store& store, const Caller& caller, std::string_view code);

// Direct children of a region (towns of a county, villages of a town, grids are not regions).
Result<std::vector<domain::Region>> ChildRegions(storage::Store& store, const Caller& caller, std::string_view code);

struct GridView {
    domain::Grid grid;
    std::vector<domain::Region> chain;  // province … village
    std::vector<domain::StaffMember> staff;
    bool revealed = false;  // staff phones unmasked (the caller asked and may see them; the view was audited)
};

// With `reveal`, also needs kViewSensitive and writes an audit row before answering.
Result<GridView> DescribeGrid(storage::Store& store, const Caller& caller, std::string_view code, bool reveal,
                              std::int64_t now);

// Query parameters as a user writes them (strings from a URL or the command line), validated here.
struct GridQuery {
    std::string region;     // subtree root; "" = the caller's scope
    std::string type;       // "" or a grid type name (English id or Chinese)
    std::string q;          // name substring
    std::string page;       // "" = 1
    std::string page_size;  // "" = 20
};

Result<storage::Page<domain::Grid>> ListGrids(storage::Store& store, const Caller& caller, const GridQuery& query);

struct UnitQuery {
    std::string region;  // "" = the caller's scope (the county's units for a county user)
    std::string kind;
    std::string page;
    std::string page_size;
};

// Units serving the region or anything inside it. A user scoped below a county also sees the units of the
// regions above (the town and county units it dispatches and escalates to) when no region is given.
Result<storage::Page<domain::Unit>> ListUnits(storage::Store& store, const Caller& caller, const UnitQuery& query);

// The unit with `code` (NotFound otherwise), searched inside `region` ("" = everywhere). No scope check: for
// the service layer's own validation.
Result<domain::Unit> FindUnit(storage::Store& store, std::string_view code, std::string_view region = "");

// Parses paging parameters: InvalidArgument("page"/"page_size") for non-numbers or out-of-range values.
Result<storage::PageRequest> ParsePaging(std::string_view page, std::string_view page_size);

}  // namespace gridgov::service
