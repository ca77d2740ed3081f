// The SQLite backend of storage::Store: one writer connection, a pool of reader connections, WAL.
#pragma once

#include <memory>
#include <string>

#include "storage/store.hpp"

namespace gridgov::storage::sqlite {

// Opens or creates the database file at `path` and applies pending migrations.
Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path);

}  // namespace gridgov::storage::sqlite
