// `gridgov migrate-db --from D1 --to D2`: moves a deployment between databases (SQLite ↔ PostgreSQL).
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

namespace gridgov::cli {

// Registers `migrate-db` on `app`; the command stores its callback in `action` (exit code 0 on success, 1 when
// the copy failed or any table's row count differs between the two databases).
void AddMigrateDb(CLI::App& app, std::function<int()>& action);

}  // namespace gridgov::cli
