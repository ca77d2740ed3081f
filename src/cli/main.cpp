// Entry point of the gridgov binary.
#include <spdlog/spdlog.h>

#include "cli/commands.hpp"

int main(int argc, char** argv) {
    CLI::App app{"gridgov — 网格化社会治理平台 (grid-based social governance)"};
    app.require_subcommand(1);
    std::function<int()> action;
    gridgov::cli::RegisterCommands(app, action);
    CLI11_PARSE(app, argc, argv);
    return action ? action() : 0;
}
