// BackupDatabase and RestoreDatabase: SQLite's online backup API, or pg_dump/pg_restore run as child processes.
#include "storage/backup.hpp"

#include <spawn.h>
#include <sqlite3.h>
#include <sys/wait.h>

#include <cerrno>
#include <chrono>
#include <filesystem>
#include <memory>
#include <thread>
#include <vector>

#include "storage/store.hpp"
#include "storage/tables.hpp"

extern char** environ;

namespace gridgov::storage {
namespace {

namespace fs = std::filesystem;

bool IsPostgres(std::string_view url) { return url.starts_with("postgresql://") || url.starts_with("postgres://"); }

std::string SqlitePath(std::string_view url) { return std::string(url.starts_with("sqlite:") ? url.substr(7) : url); }

struct SqliteCloser {
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using SqliteHandle = std::unique_ptr<sqlite3, SqliteCloser>;

Result<SqliteHandle> OpenSqlite(const std::string& path, int flags) {
    sqlite3* raw = nullptr;
    int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
    SqliteHandle db(raw);
    if (rc != SQLITE_OK) {
        return Unavailable("无法打开数据库 " + path + "：" + (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
    }
    sqlite3_busy_timeout(db.get(), 10000);
    return db;
}

// Copies every page of `from` into `to` in one step (one read snapshot of `from`), retrying while locked.
Status CopyPages(sqlite3* from, sqlite3* to, std::string_view what) {
    sqlite3_backup* backup = sqlite3_backup_init(to, "main", from, "main");
    if (backup == nullptr) return Internal(std::string(what) + "失败：" + sqlite3_errmsg(to));
    int rc;
    while ((rc = sqlite3_backup_step(backup, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    int finished = sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE || finished != SQLITE_OK) {
        return Internal(std::string(what) + "失败：" + sqlite3_errmsg(to));
    }
    return Status();
}

Status Exec(sqlite3* db, const char* sql) {
    char* error = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &error) != SQLITE_OK) {
        std::string message = error ? error : "未知错误";
        sqlite3_free(error);
        return Internal("SQLite: " + message);
    }
    return Status();
}

// Runs `argv` (looked up on PATH, then in PostgreSQL 15's bin directory) and waits for it.
Status Run(std::vector<std::string> argv) {
    for (const std::string& dir : {std::string(), std::string("/usr/lib/postgresql/15/bin/")}) {
        std::vector<char*> args;
        std::string program = dir + argv[0];
        args.push_back(program.data());
        for (std::size_t i = 1; i < argv.size(); ++i) args.push_back(argv[i].data());
        args.push_back(nullptr);
        pid_t pid = 0;
        int rc = dir.empty() ? posix_spawnp(&pid, program.c_str(), nullptr, nullptr, args.data(), environ)
                             : posix_spawn(&pid, program.c_str(), nullptr, nullptr, args.data(), environ);
        if (rc == ENOENT) continue;
        if (rc != 0) return Unavailable("无法运行 " + argv[0]);
        int status = 0;
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
        }
        if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return Status();
        return Internal(argv[0] + " 执行失败（退出码 " +
                        std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status)) + "）");
    }
    return Unavailable("找不到 " + argv[0] + "（请安装 PostgreSQL 客户端）");
}

// FailedPrecondition when any data table of `url` holds rows (opening creates and migrates an absent target).
Status RequireEmpty(std::string_view url) {
    GRIDGOV_ASSIGN_OR_RETURN(auto store, OpenStore(url));
    for (const TableSpec& t : DataTables()) {
        GRIDGOV_ASSIGN_OR_RETURN(std::int64_t rows, store->CountRows(t.name));
        if (rows > 0) {
            return FailedPrecondition("目标数据库不是空库（" + std::string(t.name) + " 表有 " + std::to_string(rows) +
                                      " 行）；确认要覆盖请加 --force");
        }
    }
    return Status();
}

Status BackupSqlite(const std::string& path, const std::string& file) {
    if (!fs::exists(path)) return Unavailable("数据库文件不存在：" + path);
    GRIDGOV_ASSIGN_OR_RETURN(SqliteHandle source, OpenSqlite(path, SQLITE_OPEN_READONLY));
    std::string part = file + ".part";
    std::error_code ec;
    fs::remove(part, ec);
    {
        GRIDGOV_ASSIGN_OR_RETURN(SqliteHandle target, OpenSqlite(part, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE));
        GRIDGOV_RETURN_IF_ERROR(CopyPages(source.get(), target.get(), "备份"));
        // One self-contained file: the copy carries the source's WAL flag, switch it back to a rollback journal.
        GRIDGOV_RETURN_IF_ERROR(Exec(target.get(), "PRAGMA journal_mode=DELETE"));
    }
    fs::rename(part, file, ec);
    if (ec) return Internal("无法写入备份文件 " + file + "：" + ec.message());
    return Status();
}

Status RestoreSqlite(const std::string& file, const std::string& path) {
    GRIDGOV_ASSIGN_OR_RETURN(SqliteHandle source, OpenSqlite(file, SQLITE_OPEN_READONLY));
    sqlite3_stmt* check = nullptr;
    int rc =
        sqlite3_prepare_v2(source.get(), "SELECT count(*) FROM cases, schema_migrations LIMIT 1", -1, &check, nullptr);
    sqlite3_finalize(check);
    if (rc != SQLITE_OK) return InvalidArgument("不是 gridgov 的 SQLite 备份文件：" + file, "from");
    GRIDGOV_ASSIGN_OR_RETURN(SqliteHandle target, OpenSqlite(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE));
    return CopyPages(source.get(), target.get(), "恢复");
}

}  // namespace

Status BackupDatabase(std::string_view url, const std::string& file) {
    if (file.empty()) return InvalidArgument("未指定备份文件", "to");
    if (!IsPostgres(url)) return BackupSqlite(SqlitePath(url), file);
    std::string part = file + ".part";
    GRIDGOV_RETURN_IF_ERROR(Run({"pg_dump", "--format=custom", "--no-owner", "--file=" + part, std::string(url)}));
    std::error_code ec;
    fs::rename(part, file, ec);
    if (ec) return Internal("无法写入备份文件 " + file + "：" + ec.message());
    return Status();
}

Status RestoreDatabase(const std::string& file, std::string_view url, bool force) {
    if (!fs::exists(file)) return InvalidArgument("备份文件不存在：" + file, "from");
    if (!force) GRIDGOV_RETURN_IF_ERROR(RequireEmpty(url));
    if (!IsPostgres(url)) return RestoreSqlite(file, SqlitePath(url));
    // An absent schema is created by opening the store; --clean then drops what the dump recreates.
    GRIDGOV_ASSIGN_OR_RETURN(auto store, OpenStore(url));
    store.reset();
    return Run({"pg_restore", "--clean", "--if-exists", "--single-transaction", "--no-owner", "--exit-on-error",
                "--dbname=" + std::string(url), file});
}

}  // namespace gridgov::storage
