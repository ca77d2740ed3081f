// `gridgov backup` and `gridgov restore`: storage::BackupDatabase / RestoreDatabase, then the restored counts.
#include "cli/backup_command.hpp"

#include <chrono>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>

#include "cli/common.hpp"
#include "storage/backup.hpp"
#include "storage/store.hpp"
#include "storage/tables.hpp"

namespace gridgov::cli {

void AddBackupCommands(CLI::App& app, std::function<int()>& action) {
    auto* backup = app.add_subcommand("backup", "在线备份数据库（服务运行中也可执行；SQLite 备份接口或 pg_dump）");
    auto db = std::make_shared<std::string>();
    auto to = std::make_shared<std::string>();
    backup->add_option("--db", *db, "数据库（SQLite 文件或 postgresql://…）")->required();
    backup->add_option("--to", *to, "备份文件")->required();
    backup->callback([=, &action] {
        action = [=]() -> int {
            auto started = std::chrono::steady_clock::now();
            std::error_code ec;
            std::filesystem::path path(*to);
            if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
            Status s = storage::BackupDatabase(*db, *to);
            if (!s.ok()) return Fail(s);
            double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
            std::cout << "已备份到 " << *to << "（" << std::filesystem::file_size(*to, ec) << " 字节，" << seconds
                      << " 秒）。\n";
            return 0;
        };
    });

    auto* restore = app.add_subcommand("restore", "从备份文件恢复数据库（目标须为空库，除非 --force；请先停止服务）");
    auto from = std::make_shared<std::string>();
    auto target = std::make_shared<std::string>();
    auto force = std::make_shared<bool>(false);
    restore->add_option("--from", *from, "备份文件（gridgov backup 生成）")->required();
    restore->add_option("--db", *target, "目标数据库")->required();
    restore->add_flag("--force", *force, "覆盖已有数据的目标库");
    restore->callback([=, &action] {
        action = [=]() -> int {
            if (!target->starts_with("postgres")) {
                std::filesystem::path path(target->starts_with("sqlite:") ? target->substr(7) : *target);
                std::error_code ec;
                if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
            }
            Status s = storage::RestoreDatabase(*from, *target, *force);
            if (!s.ok()) return Fail(s);
            auto store = Open(*target);
            if (!store.ok()) return Fail(store.status());
            std::int64_t rows = 0;
            for (const storage::TableSpec& t : storage::DataTables()) {
                auto n = (*store)->CountRows(t.name);
                if (!n.ok()) return Fail(n.status());
                std::cout << t.name << "\t" << *n << "\n";
                rows += *n;
            }
            std::cout << "已从 " << *from << " 恢复 " << storage::DataTables().size() << " 张表共 " << rows
                      << " 行。\n";
            return 0;
        };
    });
}

}  // namespace gridgov::cli
