// Helpers every gridgov subcommand uses: opening the database, reporting errors, writing JSON files.
#pragma once

#include <boost/json/value.hpp>
#include <memory>
#include <string>

#include "common/status.hpp"
#include "storage/store.hpp"

namespace gridgov::cli {

// Prints "错误: message [field]" to stderr and returns exit code 1.
int Fail(const Status& status);

// Opens the store named by --db (creating the folder of a SQLite file if needed).
Result<std::unique_ptr<storage::Store>> Open(const std::string& db);

// Writes `value` as JSON to `path`; Unavailable when the file cannot be written.
Status WriteJsonFile(const std::string& path, const boost::json::value& value);

}  // namespace gridgov::cli
