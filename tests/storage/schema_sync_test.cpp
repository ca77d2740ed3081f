// The SQLite and PostgreSQL schemas kept in step: the same migration versions, and after migrating, the same
// tables with the same columns (sqlite_master/pragma_table_info against information_schema).
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "storage/postgres/migrations.hpp"
#include "storage/sqlite/migrations.hpp"
#include "storage/tables.hpp"
#include "support/backends.hpp"

namespace gridgov {
namespace {

using test_support::Backend;
using test_support::TempDir;
using Schema = std::map<std::string, std::set<std::string>>;  // table → columns

TEST(SchemaSync, BothBackendsHaveTheSameMigrations) {
    auto lite = storage::sqlite::Migrations();
    auto pg = storage::postgres::Migrations();
    ASSERT_EQ(lite.size(), pg.size());
    for (std::size_t i = 0; i < lite.size(); ++i) {
        EXPECT_EQ(lite[i].version, static_cast<int>(i) + 1);
        EXPECT_EQ(pg[i].version, lite[i].version);
        EXPECT_EQ(pg[i].name, lite[i].name);
    }
}

Schema SqliteSchema(const std::string& path) {
    Schema out;
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    const char* sql =
        "SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p "
        "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'";
    EXPECT_EQ(sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr), SQLITE_OK);
    while (sqlite3_step(stmt) == SQLITE_ROW) {
        out[reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0))].insert(
            reinterpret_cast<const char*>(sqlite3_column_text(stmt, 1)));
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return out;
}

Schema PostgresSchema(const std::string& url) {
    Schema out;
    PGconn* conn = PQconnectdb(url.c_str());
    EXPECT_EQ(PQstatus(conn), CONNECTION_OK) << PQerrorMessage(conn);
    PGresult* r = PQexec(conn,
                         "SELECT c.table_name, c.column_name FROM information_schema.columns c "
                         "JOIN information_schema.tables t USING (table_schema, table_name) "
                         "WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'");
    EXPECT_EQ(PQresultStatus(r), PGRES_TUPLES_OK) << PQresultErrorMessage(r);
    for (int i = 0; i < PQntuples(r); ++i) out[PQgetvalue(r, i, 0)].insert(PQgetvalue(r, i, 1));
    PQclear(r);
    PQfinish(conn);
    return out;
}

// Splits a TableSpec's column list.
std::set<std::string> SpecColumns(const storage::TableSpec& spec) {
    std::set<std::string> out;
    std::string columns(spec.columns);
    std::size_t at = 0;
    for (;;) {
        std::size_t comma = columns.find(',', at);
        std::string column = columns.substr(at, comma == std::string::npos ? std::string::npos : comma - at);
        column.erase(0, column.find_first_not_of(' '));
        out.insert(column);
        if (comma == std::string::npos) return out;
        at = comma + 1;
    }
}

// `gridgov migrate-db` copies every table and every column: a migration adding either must extend
// storage/tables.cpp, or this fails.
TEST(SchemaSync, WholeDatabaseCopyCoversEveryTableAndColumn) {
    TempDir dir;
    std::string path = dir.File("schema.db");
    ASSERT_TRUE(storage::OpenStore(path).ok());
    Schema lite = SqliteSchema(path);
    lite.erase("schema_migrations");
    Schema copied;
    for (const auto& spec : storage::DataTables()) copied[std::string(spec.name)] = SpecColumns(spec);
    EXPECT_EQ(copied, lite);
}

// Runs once per PostgreSQL backend.
class SchemaSyncTest : public ::testing::TestWithParam<Backend> {};

TEST_P(SchemaSyncTest, SameTablesAndColumnsAfterMigrating) {
    TempDir dir;
    std::string lite_path = dir.File("schema.db");
    std::string pg_url = GetParam().NewDatabase(dir);
    ASSERT_TRUE(storage::OpenStore(lite_path).ok());
    auto pg = storage::OpenStore(pg_url);
    ASSERT_TRUE(pg.ok()) << pg.status().ToString();
    Schema lite = SqliteSchema(lite_path);
    Schema post = PostgresSchema(pg_url);
    EXPECT_GE(lite.size(), storage::DataTables().size() + 1);
    EXPECT_EQ(lite, post);
    // Every column a whole-database copy carries exists in both.
    for (const auto& spec : storage::DataTables()) {
        for (const auto& column : SpecColumns(spec)) {
            EXPECT_TRUE(post[std::string(spec.name)].contains(column)) << spec.name << "." << column;
        }
    }
}

std::vector<Backend> PostgresBackends() {
    std::vector<Backend> out;
    for (const auto& b : test_support::AllBackends()) {
        if (b.name == "postgresql") out.push_back(b);
    }
    return out;
}

INSTANTIATE_TEST_SUITE_P(Postgres, SchemaSyncTest, ::testing::ValuesIn(PostgresBackends()), test_support::BackendName);

}  // namespace
}  // namespace gridgov
