// CopyStore: export table by table from one backend, import in one transaction into the other, count.
#include "storage/copy_store.hpp"

#include "storage/tables.hpp"

namespace gridgov::storage {

Result<std::vector<TableCopy>> CopyStore(Store& from, Store& to) {
    GRIDGOV_RETURN_IF_ERROR(
        to.ImportTables([&](std::string_view table, const RowSink& write) { return from.ExportTable(table, write); }));
    std::vector<TableCopy> out;
    for (const TableSpec& spec : DataTables()) {
        GRIDGOV_ASSIGN_OR_RETURN(std::int64_t source, from.CountRows(spec.name));
        GRIDGOV_ASSIGN_OR_RETURN(std::int64_t target, to.CountRows(spec.name));
        out.push_back({std::string(spec.name), source, target});
        if (source != target) {
            return Internal("表 " + std::string(spec.name) + " 行数不一致：源库 " + std::to_string(source) +
                            " 行，目标库 " + std::to_string(target) + " 行");
        }
    }
    return out;
}

}  // namespace gridgov::storage
