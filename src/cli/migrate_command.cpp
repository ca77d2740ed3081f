// `gridgov migrate-db`: copies every table, ids kept, from one store into an empty one and checks the counts.
#include "cli/migrate_command.hpp"

#include <chrono>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>

#include "storage/copy_store.hpp"
#include "storage/store.hpp"

namespace gridgov::cli {

void AddMigrateDb(CLI::App& app, std::function<int()>& action) {
    auto* cmd =
        app.add_subcommand("migrate-db", "把整个数据库迁移到另一个数据库（如 SQLite → PostgreSQL），核对每表行数");
    auto from = std::make_shared<std::string>();
    auto to = std::make_shared<std::string>();
    cmd->add_option("--from", *from, "源数据库（SQLite 文件或 postgresql://…）")->required();
    cmd->add_option("--to", *to, "目标数据库（须为空库；不存在的 SQLite 文件或空的 PostgreSQL 库）")->required();
    cmd->callback([=, &action] {
        action = [=]() -> int {
            auto fail = [](const Status& s) {
                std::cerr << "错误: " << s.message();
                if (!s.field().empty()) std::cerr << " [" << s.field() << "]";
                std::cerr << "\n";
                return 1;
            };
            if (*from == *to) return fail(InvalidArgument("源数据库与目标数据库相同", "to"));
            auto source = storage::OpenStore(*from);
            if (!source.ok()) return fail(source.status());
            if (!to->starts_with("postgres")) {
                std::filesystem::path path(to->starts_with("sqlite:") ? to->substr(7) : *to);
                std::error_code ec;
                if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
            }
            auto target = storage::OpenStore(*to);
            if (!target.ok()) return fail(target.status());
            auto started = std::chrono::steady_clock::now();
            auto copied = storage::CopyStore(**source, **target);
            if (!copied.ok()) return fail(copied.status());
            double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
            std::int64_t rows = 0;
            for (const auto& t : *copied) {
                std::cout << t.table << "\t" << t.source_rows << " → " << t.target_rows << "\n";
                rows += t.target_rows;
            }
            std::cout << "已迁移 " << copied->size() << " 张表共 " << rows << " 行（" << (*source)->Backend() << " → "
                      << (*target)->Backend() << "，" << seconds << " 秒），各表行数一致。\n";
            return 0;
        };
    });
}

}  // namespace gridgov::cli
