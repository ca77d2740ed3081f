// The storage backends a parameterised suite runs against; every storage-contract test uses this list.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "storage/store.hpp"
#include "support/temp_dir.hpp"

namespace gridgov::test_support {

// A backend under test: a name for the test label and how to open a fresh, empty store.
struct Backend {
    std::string name;
    // Returns the database URL of a new empty database inside `dir`.
    std::string (*NewDatabase)(const TempDir& dir);
};

inline std::string NewSqliteDatabase(const TempDir& dir) { return dir.File("test.db"); }

inline std::vector<Backend> AllBackends() { return {{"sqlite", &NewSqliteDatabase}}; }

inline std::string BackendName(const ::testing::TestParamInfo<Backend>& info) { return info.param.name; }

}  // namespace gridgov::test_support
