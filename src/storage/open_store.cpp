// OpenStore: picks the backend from the database URL.
#include "storage/postgres/pg_store.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "storage/store.hpp"

namespace gridgov::storage {

Result<std::unique_ptr<Store>> OpenStore(std::string_view url) {
    if (url.empty()) return InvalidArgument("未指定数据库（--db）", "db");
    if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
        return postgres::OpenPostgresStore(std::string(url));
    }
    std::string path(url);
    if (url.starts_with("sqlite:")) path = std::string(url.substr(7));
    if (path.empty()) return InvalidArgument("数据库文件路径为空", "db");
    return sqlite::OpenSqliteStore(path);
}

}  // namespace gridgov::storage
