// The SQLite schema as an ordered list of versioned migrations, and the code that applies them.
#pragma once

#include <span>
#include <string_view>

#include "common/status.hpp"
#include "storage/sqlite/connection.hpp"

namespace gridgov::storage::sqlite {

struct Migration {
    int version;
    std::string_view name;
    std::string_view sql;
};

// Every migration, oldest first. Versions are consecutive from 1 and never edited once released.
std::span<const Migration> Migrations();

// Applies the migrations newer than the database's version, each in its own transaction, recording them in
// schema_migrations. FailedPrecondition if the database is newer than this program.
Status Migrate(Connection& conn);

}  // namespace gridgov::storage::sqlite
