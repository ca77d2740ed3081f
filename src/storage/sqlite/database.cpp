// The SQLite connection pool and shared write helpers.
#include "storage/sqlite/database.hpp"

#include <algorithm>

#include "storage/sqlite/migrations.hpp"

namespace gridgov::storage::sqlite {

Result<std::unique_ptr<Database>> Database::Open(const std::string& path) {
    GRIDGOV_ASSIGN_OR_RETURN(auto writer, Connection::Open(path, /*read_only=*/false));
    GRIDGOV_RETURN_IF_ERROR(Migrate(*writer));
    return std::unique_ptr<Database>(new Database(path, std::move(writer)));
}

Status Database::WriteStatus(const std::function<Status(Connection&)>& fn) {
    Result<std::int64_t> r = Write<std::int64_t>([&](Connection& c) -> Result<std::int64_t> {
        GRIDGOV_RETURN_IF_ERROR(fn(c));
        return std::int64_t{0};
    });
    return r.ok() ? Status::Ok() : r.status();
}

Result<std::unique_ptr<Connection>> Database::TakeReader() {
    {
        std::lock_guard lock(readers_mu_);
        if (!readers_.empty()) {
            std::unique_ptr<Connection> conn = std::move(readers_.back());
            readers_.pop_back();
            return conn;
        }
    }
    return Connection::Open(path_, /*read_only=*/true);
}

void Database::GiveBack(std::unique_ptr<Connection> conn) {
    std::lock_guard lock(readers_mu_);
    readers_.push_back(std::move(conn));
}

Status InsertAudit(Connection& c, const domain::AuditEntry& e) {
    GRIDGOV_ASSIGN_OR_RETURN(Statement * s,
                             c.Prepare("INSERT INTO audit_log(at, actor, actor_role, action, target_type, target_id, "
                                       "region_code, detail, remote) VALUES (?,?,?,?,?,?,?,?,?)"));
    s->Bind(1, e.at).Bind(2, e.actor).Bind(3, e.actor_role).Bind(4, e.action).Bind(5, e.target_type);
    s->Bind(6, e.target_id).Bind(7, e.region_code).Bind(8, e.detail.empty() ? "{}" : e.detail).Bind(9, e.remote);
    return s->Run();
}

PageRequest ClampPage(PageRequest p) {
    p.page = std::max(1, p.page);
    p.page_size = std::clamp(p.page_size, 1, kMaxPageSize);
    return p;
}

std::string SubtreeEnd(std::string_view root) {
    if (root.empty()) return "~";
    std::string hi(root);
    hi.back() = static_cast<char>(hi.back() + 1);
    return hi;
}

}  // namespace gridgov::storage::sqlite
