// libpq connection, prepared-statement cache, result, COPY and transaction wrappers.
#include "storage/postgres/connection.hpp"

#include <spdlog/spdlog.h>

#include <charconv>

namespace gridgov::storage::postgres {

Status StatusFromPg(PGconn* conn, const PGresult* result, std::string_view what) {
    if (conn == nullptr || PQstatus(conn) == CONNECTION_BAD || result == nullptr) {
        std::string msg = conn != nullptr ? PQerrorMessage(conn) : "no connection";
        while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
        return Unavailable("PostgreSQL 连接中断（" + std::string(what) + "）：" + msg);
    }
    const char* state = PQresultErrorField(result, PG_DIAG_SQLSTATE);
    const char* primary = PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY);
    std::string sqlstate = state != nullptr ? state : "";
    std::string detail = std::string(what) + ": " + (primary != nullptr ? primary : PQresultErrorMessage(result));
    const std::string_view cls = std::string_view(sqlstate).substr(0, std::min<std::size_t>(2, sqlstate.size()));
    if (sqlstate == "23505") return Conflict("数据重复（唯一约束冲突）：" + detail);
    if (cls == "23") return Conflict("数据约束冲突：" + detail);
    if (sqlstate == "P0001") return Conflict("数据约束冲突：" + detail);  // raised by a trigger, as SQLite's RAISE
    if (cls == "22") return InvalidArgument("数据格式不正确：" + detail);
    if (cls == "08" || cls == "53" || cls == "57" || sqlstate == "40001" || sqlstate == "40P01" ||
        sqlstate == "55P03") {
        return Unavailable("数据库暂时不可用，请稍后重试：" + detail);
    }
    return Internal("PostgreSQL 错误 " + sqlstate + "：" + detail);
}

Params& Params::Add(std::string_view text) {
    values_.emplace_back(text);
    null_.push_back(false);
    return *this;
}

Params& Params::AddOptional(std::string_view text) { return text.empty() ? AddNull() : Add(text); }

Params& Params::AddNull() {
    values_.emplace_back();
    null_.push_back(true);
    return *this;
}

std::vector<const char*> Params::Pointers() const {
    std::vector<const char*> out(values_.size());
    for (std::size_t i = 0; i < values_.size(); ++i) out[i] = null_[i] ? nullptr : values_[i].c_str();
    return out;
}

std::string Rows::Text(int row, int column) const {
    const char* p = PQgetvalue(result_.get(), row, column);
    return std::string(p, static_cast<std::size_t>(PQgetlength(result_.get(), row, column)));
}

std::int64_t Rows::Int(int row, int column) const {
    const char* p = PQgetvalue(result_.get(), row, column);
    const char* end = p + PQgetlength(result_.get(), row, column);
    std::int64_t v = 0;
    std::from_chars(p, end, v);
    return v;
}

std::int64_t Rows::Affected() const {
    if (!result_) return 0;
    const char* p = PQcmdTuples(result_.get());
    std::int64_t v = 0;
    std::from_chars(p, p + std::char_traits<char>::length(p), v);
    return v;
}

Result<std::unique_ptr<Connection>> Connection::Open(const std::string& url) {
    // The URL comes after the connect timeout (so it may set its own) and before the encoding we rely on.
    const char* keywords[] = {"connect_timeout", "dbname", "fallback_application_name", "client_encoding", nullptr};
    const char* values[] = {"10", url.c_str(), "gridgov", "UTF8", nullptr};
    PGconn* conn = PQconnectdbParams(keywords, values, /*expand_dbname=*/1);
    if (conn == nullptr) return Unavailable("无法连接 PostgreSQL：内存不足");
    if (PQstatus(conn) != CONNECTION_OK) {
        std::string msg = PQerrorMessage(conn);
        while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
        PQfinish(conn);
        return Unavailable("无法连接 PostgreSQL 数据库：" + msg);
    }
    std::unique_ptr<Connection> out(new Connection(conn));
    // Quiet NOTICEs ("relation already exists, skipping") instead of printing them on stderr.
    PQsetNoticeProcessor(
        conn, [](void*, const char*) {}, nullptr);
    GRIDGOV_RETURN_IF_ERROR(out->Exec("SET TIME ZONE 'UTC'"));
    return out;
}

Connection::~Connection() { PQfinish(conn_); }

bool Connection::Healthy() const { return PQstatus(conn_) == CONNECTION_OK; }

bool Connection::InTransaction() const {
    PGTransactionStatusType s = PQtransactionStatus(conn_);
    return s == PQTRANS_INTRANS || s == PQTRANS_INERROR || s == PQTRANS_ACTIVE;
}

Status Connection::Check(PGresult* result, std::string_view what, ExecStatusType expected) {
    if (result != nullptr && PQresultStatus(result) == expected) return Status::Ok();
    // A statement's kind decides whether it answers rows: either is success when no COPY is expected.
    if (result != nullptr && (expected == PGRES_COMMAND_OK || expected == PGRES_TUPLES_OK) &&
        (PQresultStatus(result) == PGRES_COMMAND_OK || PQresultStatus(result) == PGRES_TUPLES_OK)) {
        return Status::Ok();
    }
    return StatusFromPg(conn_, result, what);
}

Status Connection::Exec(std::string_view sql) {
    std::string text(sql);
    PGresult* result = PQexec(conn_, text.c_str());
    Status s = Check(result, "exec", PGRES_COMMAND_OK);
    PQclear(result);
    return s;
}

Result<Rows> Connection::Query(std::string_view sql, const Params& params) {
    auto it = prepared_.find(sql);
    if (it == prepared_.end()) {
        std::string name = "gg" + std::to_string(prepared_.size() + 1);
        std::string text(sql);
        PGresult* prep = PQprepare(conn_, name.c_str(), text.c_str(), 0, nullptr);
        Status s = Check(prep, "prepare", PGRES_COMMAND_OK);
        PQclear(prep);
        GRIDGOV_RETURN_IF_ERROR(s);
        it = prepared_.emplace(std::move(text), std::move(name)).first;
    }
    std::vector<const char*> values = params.Pointers();
    PGresult* result =
        PQexecPrepared(conn_, it->second.c_str(), params.size(), values.data(), nullptr, nullptr, /*text=*/0);
    Status s = Check(result, "query", PGRES_TUPLES_OK);
    if (!s.ok()) {
        PQclear(result);
        return s;
    }
    return Rows(result);
}

Status Connection::CopyIn(std::string_view copy_sql, std::string_view data) {
    std::string text(copy_sql);
    PGresult* start = PQexec(conn_, text.c_str());
    Status s = Check(start, "copy", PGRES_COPY_IN);
    PQclear(start);
    GRIDGOV_RETURN_IF_ERROR(s);
    constexpr std::size_t kChunk = 1 << 20;
    bool sent = true;
    for (std::size_t at = 0; at < data.size() && sent; at += kChunk) {
        std::size_t n = std::min(kChunk, data.size() - at);
        sent = PQputCopyData(conn_, data.data() + at, static_cast<int>(n)) == 1;
    }
    if (PQputCopyEnd(conn_, sent ? nullptr : "client failed to send data") != 1) {
        return StatusFromPg(conn_, nullptr, "copy");
    }
    Status last = Status::Ok();
    while (PGresult* r = PQgetResult(conn_)) {
        Status rs = Check(r, "copy", PGRES_COMMAND_OK);
        if (last.ok() && !rs.ok()) last = rs;
        PQclear(r);
    }
    return last;
}

Status Connection::Stream(std::string_view sql, const std::function<Status(const Rows&)>& on_row) {
    std::string text(sql);
    if (PQsendQueryParams(conn_, text.c_str(), 0, nullptr, nullptr, nullptr, nullptr, 0) != 1) {
        return StatusFromPg(conn_, nullptr, "stream");
    }
    PQsetSingleRowMode(conn_);
    Status first = Status::Ok();
    // Every result must be read, even after a failure, before the connection can run another statement.
    while (PGresult* r = PQgetResult(conn_)) {
        ExecStatusType st = PQresultStatus(r);
        if (st == PGRES_SINGLE_TUPLE) {
            Rows row(r);
            if (first.ok()) first = on_row(row);
        } else {
            Status rs = Check(r, "stream", PGRES_TUPLES_OK);
            if (first.ok() && !rs.ok()) first = rs;
            PQclear(r);
        }
    }
    return first;
}

void AppendCopyField(std::string& out, std::string_view value) {
    for (char ch : value) {
        switch (ch) {
            case '\\':
                out += "\\\\";
                break;
            case '\t':
                out += "\\t";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            default:
                out += ch;
        }
    }
}

void AppendCopyRow(std::string& out, const std::vector<std::optional<std::string>>& row) {
    for (std::size_t i = 0; i < row.size(); ++i) {
        if (i > 0) out += '\t';
        if (row[i]) {
            AppendCopyField(out, *row[i]);
        } else {
            out += "\\N";
        }
    }
    out += '\n';
}

Transaction::Transaction(Connection& conn) : conn_(conn), begin_(conn.Exec("BEGIN")) {}

Transaction::~Transaction() {
    if (!done_ && begin_.ok() && conn_.Healthy()) {
        Status s = conn_.Exec("ROLLBACK");
        if (!s.ok()) spdlog::error("rollback failed: {}", s.ToString());
    }
}

Status Transaction::Commit() {
    GRIDGOV_RETURN_IF_ERROR(begin_);
    Status s = conn_.Exec("COMMIT");
    if (s.ok()) done_ = true;
    return s;
}

}  // namespace gridgov::storage::postgres
