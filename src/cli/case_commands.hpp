// Case-engine subcommands: API keys for Open311 clients.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

namespace gridgov::cli {

// Registers `gridgov apikey add --db D --name N` (prints the new key once).
void AddCaseCommands(CLI::App& app, std::function<int()>& action);

}  // namespace gridgov::cli
