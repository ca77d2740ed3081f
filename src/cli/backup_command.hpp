// `gridgov backup --db D --to FILE` (online) and `gridgov restore --from FILE --db D [--force]`.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

namespace gridgov::cli {

// Registers `backup` and `restore` on `app`; each stores its callback in `action` (exit code 0 on success, 1
// with the reason on stderr otherwise: a refused non-empty target, a file that is not a backup, a failed copy).
void AddBackupCommands(CLI::App& app, std::function<int()>& action);

}  // namespace gridgov::cli
