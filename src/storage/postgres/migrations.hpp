// The PostgreSQL schema as an ordered list of versioned migrations, kept in step with sqlite/migrations.cpp.
#pragma once

#include <span>
#include <string_view>

#include "common/status.hpp"
#include "storage/postgres/connection.hpp"

namespace gridgov::storage::postgres {

struct Migration {
    int version;
    std::string_view name;
    std::string_view sql;
};

// Every migration, oldest first: the same versions, tables and columns as the SQLite list (checked by
// tests/storage/schema_sync_test.cpp), written in PostgreSQL's dialect.
std::span<const Migration> Migrations();

// Applies the migrations newer than the database's version, each in its own transaction, under an advisory
// lock so concurrent openers apply each one once. FailedPrecondition if the database is newer than this
// program.
Status Migrate(Connection& conn);

}  // namespace gridgov::storage::postgres
