// The PostgreSQL implementation of the case engine's storage (storage::CaseStore).
#pragma once

#include <memory>

#include "storage/case_store.hpp"
#include "storage/postgres/database.hpp"

namespace gridgov::storage::postgres {

// A CaseStore over `db` (the PostgresStore's writer and reader pool), which must outlive it.
std::unique_ptr<CaseStore> NewPostgresCaseStore(Database& db);

}  // namespace gridgov::storage::postgres
