// The grid-map subcommands: import grids, export grids, grids validate, locate.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

namespace gridgov::cli {

// Registers them; `import` and `grids` must already exist on `app` (RegisterCommands adds them first).
void AddGridMapCommands(CLI::App& app, std::function<int()>& action);

}  // namespace gridgov::cli
