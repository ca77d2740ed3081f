// The gridgov command line: subcommands registered on a CLI11 app, each calling the service layer.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

namespace gridgov::cli {

// Registers every subcommand on `app`. The callback to run after parsing is stored in `action`; it returns
// the process exit code (0 success, 1 failure reported on stderr, 2 bad usage).
void RegisterCommands(CLI::App& app, std::function<int()>& action);

}  // namespace gridgov::cli
