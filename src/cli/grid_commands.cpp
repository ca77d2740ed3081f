// import grids, export grids, grids validate, locate.
#include "cli/grid_commands.hpp"

#include <boost/json.hpp>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/common.hpp"
#include "service/grid_map.hpp"

namespace gridgov::cli {
namespace {

namespace json = boost::json;

Result<std::string> ReadFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return NotFound("无法读取文件 " + path, "file");
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void AddImportGrids(CLI::App& app, std::function<int()>& action) {
    auto* cmd =
        app.get_subcommand("import")->add_subcommand("grids", "导入网格边界与属性（GeoJSON FeatureCollection）");
    auto db = std::make_shared<std::string>();
    auto file = std::make_shared<std::string>();
    auto report_path = std::make_shared<std::string>();
    cmd->add_option("--db", *db, "数据库")->required();
    cmd->add_option("file", *file, "GeoJSON 文件（WGS-84）")->required();
    cmd->add_option("--report", *report_path, "把导入结果（含逐条错误）写成 JSON 文件");
    cmd->callback([=, &action] {
        action = [=]() -> int {
            auto text = ReadFile(*file);
            if (!text.ok()) return Fail(text.status());
            auto store = Open(*db);
            if (!store.ok()) return Fail(store.status());
            auto report =
                service::ImportGridsGeoJson(**store, service::Caller::CommandLine(), *text, service::SystemNow());
            if (!report.ok()) return Fail(report.status());
            json::array errors;
            for (const auto& e : report->errors) {
                std::cerr << "第 " << e.index + 1 << " 个要素" << (e.code.empty() ? "" : "（" + e.code + "）") << "："
                          << e.message << "\n";
                errors.emplace_back(json::object{{"feature", e.index + 1}, {"code", e.code}, {"message", e.message}});
            }
            if (!report_path->empty()) {
                Status s = WriteJsonFile(*report_path, json::object{{"features", report->features},
                                                                    {"imported", report->imported},
                                                                    {"rejected", report->errors.size()},
                                                                    {"errors", std::move(errors)}});
                if (!s.ok()) return Fail(s);
            }
            if (!report->errors.empty()) {
                std::cerr << "共 " << report->features << " 个要素，" << report->errors.size()
                          << " 个有错误；未导入任何网格，请修正后重新导入。\n";
                return 1;
            }
            std::cout << "已导入 " << report->features << " 个网格，新增或变更 " << report->imported << " 个。\n";
            return 0;
        };
    });
}

void AddExport(CLI::App& app, std::function<int()>& action) {
    auto* exp = app.add_subcommand("export", "导出数据");
    exp->require_subcommand(1);
    auto* cmd = exp->add_subcommand("grids", "导出网格（GeoJSON，WGS-84）");
    auto db = std::make_shared<std::string>();
    auto region = std::make_shared<std::string>();
    auto format = std::make_shared<std::string>("geojson");
    auto out = std::make_shared<std::string>();
    cmd->add_option("--db", *db, "数据库")->required();
    cmd->add_option("--region", *region, "区划代码")->required();
    cmd->add_option("--format", *format, "geojson")->check(CLI::IsMember({"geojson"}));
    cmd->add_option("--out", *out, "输出文件（默认标准输出）");
    cmd->callback([=, &action] {
        action = [=]() -> int {
            if (*format != "geojson") return Fail(InvalidArgument("目前只支持 --format geojson", "format"));
            auto store = Open(*db);
            if (!store.ok()) return Fail(store.status());
            auto doc = service::ExportGridsGeoJson(**store, service::Caller::CommandLine(), *region);
            if (!doc.ok()) return Fail(doc.status());
            if (out->empty()) {
                std::cout << json::serialize(*doc) << "\n";
                return 0;
            }
            Status s = WriteJsonFile(*out, *doc);
            return s.ok() ? 0 : Fail(s);
        };
    });
}

void AddValidate(CLI::App& app, std::function<int()>& action) {
    auto* cmd = app.get_subcommand("grids")->add_subcommand("validate", "检查网格划分：盲区、交叉重叠、越界、网眼过大");
    auto db = std::make_shared<std::string>();
    auto region = std::make_shared<std::string>();
    auto format = std::make_shared<std::string>("text");
    auto options = std::make_shared<service::GridCheckOptions>();
    cmd->add_option("--db", *db, "数据库")->required();
    cmd->add_option("--region", *region, "区划代码（县、乡镇或村）")->required();
    cmd->add_option("--format", *format, "text 或 json")->check(CLI::IsMember({"text", "json"}));
    cmd->add_option("--max-households", options->max_households, "每格最多户数")->capture_default_str();
    cmd->add_option("--max-population", options->max_population, "每格最多人口")->capture_default_str();
    cmd->add_option("--min-area", options->min_area_m2, "忽略小于此面积（平方米）的碎片")->capture_default_str();
    cmd->callback([=, &action] {
        action = [=]() -> int {
            auto store = Open(*db);
            if (!store.ok()) return Fail(store.status());
            auto report = service::CheckGrids(**store, service::Caller::CommandLine(), *region, *options);
            if (!report.ok()) return Fail(report.status());
            if (*format == "json") {
                std::cout << json::serialize(*report) << "\n";
            } else {
                const json::object& s = report->at("summary").as_object();
                std::cout << std::string(report->at("region_name").as_string()) << "：检查 "
                          << report->at("villages_checked") << " 个村(社区)、" << report->at("grids_checked")
                          << " 个网格。盲区 " << s.at("gaps") << "，交叉重叠 " << s.at("overlaps") << "，越界 "
                          << s.at("outside") << "，网眼过大 " << s.at("oversize") << "，缺少边界 "
                          << s.at("missing_boundaries") << "。\n";
                for (const char* key : {"gaps", "overlaps", "outside", "oversize"}) {
                    for (const auto& item : report->at(key).as_array()) {
                        const json::value* d = item.as_object().if_contains("description");
                        if (d != nullptr) std::cout << "  " << std::string(d->as_string()) << "\n";
                    }
                }
            }
            return report->at("ok").as_bool() ? 0 : 3;
        };
    });
}

void AddLocate(CLI::App& app, std::function<int()>& action) {
    auto* cmd = app.add_subcommand("locate", "坐标定位网格：打印网格编码");
    auto db = std::make_shared<std::string>();
    auto point = std::make_shared<std::string>();
    auto points = std::make_shared<std::string>();
    auto datum = std::make_shared<std::string>("wgs84");
    cmd->add_option("--db", *db, "数据库")->required();
    cmd->add_option("point", *point, "经度,纬度");
    cmd->add_option("--points", *points, "文件：每行一个 经度,纬度；每行输出一个网格编码（找不到时为空行）");
    cmd->add_option("--datum", *datum, "坐标系：wgs84、gcj02（高德/腾讯）或 bd09（百度）")
        ->check(CLI::IsMember({"wgs84", "gcj02", "bd09"}));
    cmd->callback([=, &action] {
        action = [=]() -> int {
            if (point->empty() == points->empty()) {
                return Fail(InvalidArgument("请给出一个坐标，或用 --points 指定文件（二者选一）", "point"));
            }
            geo::Datum from = *geo::ParseDatum(*datum);
            auto store = Open(*db);
            if (!store.ok()) return Fail(store.status());
            service::GridLocator locator(**store);
            if (Status s = locator.Reload(); !s.ok()) return Fail(s);
            if (!point->empty()) {
                auto p = service::ParseLngLat(*point);
                if (!p.ok()) return Fail(p.status());
                auto code = locator.Locate(geo::ToWgs84(*p, from));
                if (!code) {
                    std::cerr << "该坐标不在任何网格内\n";
                    return 1;
                }
                std::cout << *code << "\n";
                return 0;
            }
            std::ifstream in(*points);
            if (!in) return Fail(NotFound("无法读取文件 " + *points, "points"));
            std::vector<geo::Point> batch;
            std::string line;
            std::int64_t line_no = 0;
            std::string out;
            auto flush = [&] {
                for (const auto& code : locator.LocateBatch(batch)) {
                    out += code;
                    out += '\n';
                }
                std::cout << out;
                out.clear();
                batch.clear();
            };
            while (std::getline(in, line)) {
                ++line_no;
                auto p = service::ParseLngLat(line);
                if (!p.ok()) {
                    return Fail(
                        InvalidArgument("第 " + std::to_string(line_no) + " 行：" + p.status().message(), "points"));
                }
                batch.push_back(geo::ToWgs84(*p, from));
                if (batch.size() == 65536) flush();
            }
            flush();
            return 0;
        };
    });
}

}  // namespace

void AddGridMapCommands(CLI::App& app, std::function<int()>& action) {
    AddImportGrids(app, action);
    AddExport(app, action);
    AddValidate(app, action);
    AddLocate(app, action);
}

}  // namespace gridgov::cli
