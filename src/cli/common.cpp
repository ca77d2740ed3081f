// Shared helpers of the subcommands.
#include "cli/common.hpp"

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>

namespace gridgov::cli {

int Fail(const Status& status) {
    std::cerr << "错误: " << status.message();
    if (!status.field().empty()) std::cerr << " [" << status.field() << "]";
    std::cerr << "\n";
    return 1;
}

Result<std::unique_ptr<storage::Store>> Open(const std::string& db) {
    if (db.empty()) return InvalidArgument("请用 --db 指定数据库（SQLite 文件路径）", "db");
    std::filesystem::path path(db);
    if (!db.starts_with("postgres") && path.has_parent_path()) {
        std::error_code ec;
        std::filesystem::create_directories(path.parent_path(), ec);
    }
    return storage::OpenStore(db);
}

Status WriteJsonFile(const std::string& path, const boost::json::value& value) {
    std::ofstream out(path);
    out << boost::json::serialize(value) << "\n";
    if (!out) return Unavailable("无法写入文件 " + path);
    return Status::Ok();
}

}  // namespace gridgov::cli
