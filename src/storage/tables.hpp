// The tables of a deployment as a whole-database copy sees them (gridgov migrate-db): names, columns, order.
#pragma once

#include <span>
#include <string_view>

namespace gridgov::storage {

// One table: its name, the columns a copy carries (ids included, comma-separated, the same in every
// backend) and the order its rows are read in (parents before children where a table refers to itself).
struct TableSpec {
    std::string_view name;
    std::string_view columns;
    std::string_view order_by;
};

// Every data table, parents before the tables referring to them. schema_migrations is not among them:
// each backend records its own migrations.
std::span<const TableSpec> DataTables();

// The spec of `name`, or nullptr.
const TableSpec* FindTable(std::string_view name);

// How many columns `spec.columns` lists.
int ColumnCount(const TableSpec& spec);

}  // namespace gridgov::storage
