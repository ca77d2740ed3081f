// Online backup and restore of a whole deployment: SQLite through its backup API, PostgreSQL through
// pg_dump/pg_restore (custom format).
#pragma once

#include <string>
#include <string_view>

#include "common/status.hpp"

namespace gridgov::storage {

// Writes a consistent copy of the database `url` (a SQLite path or postgresql://…) to `file`, while servers
// and importers may keep writing to it. SQLite: the online backup API copies one snapshot into a
// self-contained database file (rollback journal, no -wal needed). PostgreSQL: `pg_dump -Fc` (one snapshot).
// The copy is written beside `file` and renamed over it only when complete. Unavailable when the database or
// pg_dump cannot be reached, Internal when the copy fails. Thread-safe (touches no shared state).
[[nodiscard]] Status BackupDatabase(std::string_view url, const std::string& file);

// Replaces the contents of the database `url` with the backup `file` made by BackupDatabase for the same
// backend. FailedPrecondition when the target already holds rows in any data table (DataTables()) and
// `force` is false; InvalidArgument when `file` is not a backup of that backend. The target should not be in
// use by a server while it is restored. SQLite: copied in through the backup API (the target's WAL stays
// coherent); PostgreSQL: `pg_restore --clean --if-exists --single-transaction` (all or nothing).
[[nodiscard]] Status RestoreDatabase(const std::string& file, std::string_view url, bool force);

}  // namespace gridgov::storage
