// The SQLite implementation of the case engine's storage (storage::CaseStore).
#pragma once

#include <memory>

#include "storage/case_store.hpp"
#include "storage/sqlite/database.hpp"

namespace gridgov::storage::sqlite {

// A CaseStore over `db`, which must outlive it.
std::unique_ptr<CaseStore> NewSqliteCaseStore(Database& db);

}  // namespace gridgov::storage::sqlite
