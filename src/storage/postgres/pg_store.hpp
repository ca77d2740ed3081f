// The PostgreSQL backend of storage::Store: libpq, prepared statements, one serialised writer connection and
// a pool of reader connections, COPY for batch loads, pg_trgm for grid-name search.
#pragma once

#include <memory>
#include <string>

#include "storage/store.hpp"

namespace gridgov::storage::postgres {

// Connects to the database at `url` ("postgresql://user@host:port/db") and applies pending migrations.
// Unavailable when the server cannot be reached; FailedPrecondition when the schema is newer than this program.
Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& url);

}  // namespace gridgov::storage::postgres
