// Moving a whole deployment from one store to another (SQLite ↔ PostgreSQL), ids kept, counts checked.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "storage/store.hpp"

namespace gridgov::storage {

// The row count of one table in the source and in the target after a copy.
struct TableCopy {
    std::string table;
    std::int64_t source_rows = 0;
    std::int64_t target_rows = 0;
};

// Copies every table of DataTables() from `from` into the empty store `to` in one transaction of the target
// (Store::ImportTables), then counts the rows of each table on both sides. Returns the counts; Internal
// (naming the table) when a count differs, FailedPrecondition when the target is not empty, and whatever
// either backend reports otherwise. `from` should not change while it is copied.
Result<std::vector<TableCopy>> CopyStore(Store& from, Store& to);

}  // namespace gridgov::storage
