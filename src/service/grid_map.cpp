// Grid boundaries: GeoJSON import/export, the point → grid locator, partition checks.
#include "service/grid_map.hpp"

#include <boost/json.hpp>
#include <charconv>
#include <map>
#include <set>

#include "common/division_code.hpp"
#include "geo/partition.hpp"

namespace gridgov::service {
namespace {

namespace json = boost::json;

Result<geo::MultiPolygon> ParseStored(const std::string& text) {
    json::error_code ec;
    json::value v = json::parse(text, ec);
    if (ec) return InvalidArgument("存储的边界不是有效的 GeoJSON");
    return geo::ParseGeometry(v);
}

// An integer property ≥ 0 (number or numeric string); `fallback` when absent.
Result<std::int64_t> CountProperty(const json::object& props, std::string_view key, std::int64_t fallback) {
    const json::value* v = props.if_contains(key);
    if (v == nullptr || v->is_null()) return fallback;
    std::int64_t n = -1;
    if (v->is_int64()) n = v->as_int64();
    if (v->is_uint64()) n = static_cast<std::int64_t>(v->as_uint64());
    if (v->is_double() && v->as_double() == static_cast<double>(static_cast<std::int64_t>(v->as_double()))) {
        n = static_cast<std::int64_t>(v->as_double());
    }
    if (v->is_string()) {
        std::string_view s = v->as_string();
        auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
        if (ec != std::errc() || ptr != s.data() + s.size()) n = -1;
    }
    if (n < 0 || n > 10'000'000) return InvalidArgument(std::string(key) + " 应为非负整数", std::string(key));
    return n;
}

std::string StringProperty(const json::object& props, std::string_view key) {
    const json::value* v = props.if_contains(key);
    return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string();
}

Result<std::string> RegionCode(std::string_view input) {
    GRIDGOV_ASSIGN_OR_RETURN(std::string code, NormalizeDivisionCode(input));
    return code;
}

json::object WithVillage(json::object item, const std::string& village_code) {
    item["village_code"] = village_code;
    return item;
}

}  // namespace

Status GridLocator::Reload() {
    GRIDGOV_ASSIGN_OR_RETURN(auto boundaries, store_.ListBoundaries("", "grid"));
    std::vector<std::pair<std::string, geo::MultiPolygon>> grids;
    grids.reserve(boundaries.size());
    std::size_t skipped = 0;
    for (auto& b : boundaries) {
        Result<geo::MultiPolygon> shape = ParseStored(b.geojson);
        if (!shape.ok()) {
            ++skipped;
            continue;
        }
        grids.emplace_back(std::move(b.code), std::move(shape).value());
    }
    auto index = std::make_shared<const geo::GridIndex>(grids);
    std::lock_guard lock(mu_);
    index_ = std::move(index);
    skipped_ = skipped;
    return Status::Ok();
}

std::shared_ptr<const geo::GridIndex> GridLocator::Current() const {
    std::lock_guard lock(mu_);
    return index_;
}

std::optional<std::string> GridLocator::Locate(geo::Point wgs84) const {
    auto index = Current();
    std::int32_t i = index->Locate(wgs84);
    if (i < 0) return std::nullopt;
    return index->Code(i);
}

std::vector<std::string> GridLocator::LocateBatch(std::span<const geo::Point> wgs84) const {
    auto index = Current();
    std::vector<std::int32_t> found(wgs84.size());
    index->LocateBatch(wgs84, found);
    std::vector<std::string> out(wgs84.size());
    for (std::size_t i = 0; i < found.size(); ++i) {
        if (found[i] >= 0) out[i] = index->Code(found[i]);
    }
    return out;
}

std::size_t GridLocator::size() const { return Current()->size(); }

std::size_t GridLocator::skipped() const {
    std::lock_guard lock(mu_);
    return skipped_;
}

Result<geo::Point> ParseLngLat(std::string_view text, std::string_view field) {
    auto comma = text.find(',');
    auto parse = [](std::string_view s, double& out) {
        while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
        while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
        auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
        return !s.empty() && ec == std::errc() && ptr == s.data() + s.size();
    };
    geo::Point p{};
    if (comma == std::string_view::npos || !parse(text.substr(0, comma), p.lng) ||
        !parse(text.substr(comma + 1), p.lat) || p.lng < -180 || p.lng > 180 || p.lat < -90 || p.lat > 90) {
        return InvalidArgument("坐标应写作 经度,纬度（如 117.38,37.77）", std::string(field));
    }
    return p;
}

Result<GridImportReport> ImportGridsGeoJson(storage::Store& store, const Caller& caller, std::string_view text,
                                            std::int64_t now) {
    GRIDGOV_RETURN_IF_ERROR(Authorize(caller, domain::Action::kManageGrids));
    GRIDGOV_ASSIGN_OR_RETURN(geo::FeatureCollection collection, geo::ParseFeatureCollection(text, "code"));
    GridImportReport report;
    report.features = static_cast<std::int64_t>(collection.features.size() + collection.errors.size());
    report.errors = collection.errors;

    std::vector<domain::Grid> grids;
    std::vector<domain::Boundary> boundaries;
    std::set<std::string> seen;
    std::map<std::string, bool> villages;  // code → exists as a village
    for (const geo::Feature& f : collection.features) {
        std::string code = StringProperty(f.properties, "code");
        if (code.empty()) code = StringProperty(f.properties, "grid_code");
        auto refuse = [&](std::string message) { report.errors.push_back({f.index, code, std::move(message)}); };
        if (code.size() != 15 || code.find_first_not_of("0123456789") != std::string::npos) {
            refuse("网格编码（code）应为 15 位数字：12 位村(社区)代码 + 3 位序号");
            continue;
        }
        if (!seen.insert(code).second) {
            refuse("网格编码 " + code + " 在文件中重复");
            continue;
        }
        std::string village = code.substr(0, 12);
        auto known = villages.find(village);
        if (known == villages.end()) {
            Result<domain::Region> r = store.GetRegion(village);
            if (!r.ok() && r.status().code() != StatusCode::kNotFound) return r.status();
            known = villages.emplace(village, r.ok() && r->level == "village").first;
        }
        if (!known->second) {
            refuse("所属村(社区) " + village + " 不存在，请先导入区划");
            continue;
        }
        // Writing outside one's scope is refused as a whole request, not as a bad feature.
        GRIDGOV_RETURN_IF_ERROR(CheckScope(caller, code));
        domain::Grid g;
        g.code = code;
        g.village_code = village;
        g.name = StringProperty(f.properties, "name");
        if (g.name.empty()) g.name = "网格" + code.substr(12);
        std::string type = StringProperty(f.properties, "type");
        if (!type.empty()) {
            auto parsed = domain::ParseGridType(type);
            if (!parsed) {
                refuse("未知的网格类型：" + type);
                continue;
            }
            g.type = *parsed;
        }
        Result<std::int64_t> households = CountProperty(f.properties, "households", 0);
        Result<std::int64_t> population = CountProperty(f.properties, "population", 0);
        if (!households.ok() || !population.ok()) {
            refuse(!households.ok() ? households.status().message() : population.status().message());
            continue;
        }
        g.households = static_cast<int>(*households);
        g.population = static_cast<int>(*population);
        grids.push_back(std::move(g));
        boundaries.push_back({code, geo::ToGeoJsonText(f.geometry)});
    }
    if (!report.errors.empty()) {
        std::sort(report.errors.begin(), report.errors.end(),
                  [](const auto& a, const auto& b) { return a.index < b.index; });
        return report;
    }
    std::string detail = R"({"features":)" + std::to_string(grids.size()) + "}";
    GRIDGOV_ASSIGN_OR_RETURN(
        report.imported,
        store.ImportGrids(grids, boundaries, MakeAudit(caller, now, "grid.import", "grid", "", "", detail)));
    return report;
}

Result<json::object> ExportGridsGeoJson(storage::Store& store, const Caller& caller, std::string_view region_input) {
    GRIDGOV_RETURN_IF_ERROR(Authorize(caller, domain::Action::kViewHierarchy));
    GRIDGOV_ASSIGN_OR_RETURN(std::string region, RegionCode(region_input));
    GRIDGOV_RETURN_IF_ERROR(CheckScope(caller, region));
    GRIDGOV_ASSIGN_OR_RETURN(auto boundaries, store.ListBoundaries(region, "grid"));
    json::array features;
    for (const auto& b : boundaries) {
        GRIDGOV_ASSIGN_OR_RETURN(domain::Grid g, store.GetGrid(b.code));
        GRIDGOV_ASSIGN_OR_RETURN(geo::MultiPolygon shape, ParseStored(b.geojson));
        json::object props{{"code", g.code},
                           {"name", g.name},
                           {"type", domain::GridTypeName(g.type)},
                           {"village_code", g.village_code},
                           {"households", g.households},
                           {"population", g.population}};
        features.emplace_back(geo::ToFeature(shape, std::move(props)));
    }
    return json::object{{"type", "FeatureCollection"}, {"features", std::move(features)}};
}

Result<json::object> BoundariesGeoJson(storage::Store& store, const Caller& caller, std::string_view region_input,
                                       std::string_view level) {
    GRIDGOV_RETURN_IF_ERROR(Authorize(caller, domain::Action::kViewHierarchy));
    if (level != "town" && level != "village" && level != "grid") {
        return InvalidArgument("level 应为 town、village 或 grid", "level");
    }
    std::string region;
    if (region_input.size() == 15) {
        region = std::string(region_input);
    } else {
        GRIDGOV_ASSIGN_OR_RETURN(region, RegionCode(region_input));
    }
    GRIDGOV_RETURN_IF_ERROR(CheckScope(caller, region));
    GRIDGOV_ASSIGN_OR_RETURN(auto boundaries, store.ListBoundaries(region, level));
    json::array features;
    for (const auto& b : boundaries) {
        json::error_code ec;
        json::value geometry = json::parse(b.geojson, ec);
        if (ec) continue;
        std::string name;
        if (level == "grid") {
            if (auto g = store.GetGrid(b.code); g.ok()) name = g->name;
        } else if (auto r = store.GetRegion(b.code); r.ok()) {
            name = r->name;
        }
        features.emplace_back(json::object{{"type", "Feature"},
                                           {"properties", {{"code", b.code}, {"name", name}}},
                                           {"geometry", std::move(geometry)}});
    }
    return json::object{{"type", "FeatureCollection"}, {"features", std::move(features)}};
}

Result<json::object> CheckGrids(storage::Store& store, const Caller& caller, std::string_view region_input,
                                const GridCheckOptions& options) {
    GRIDGOV_RETURN_IF_ERROR(Authorize(caller, domain::Action::kViewHierarchy));
    GRIDGOV_ASSIGN_OR_RETURN(std::string region_code, RegionCode(region_input));
    GRIDGOV_RETURN_IF_ERROR(CheckScope(caller, region_code));
    GRIDGOV_ASSIGN_OR_RETURN(domain::Region region, store.GetRegion(region_code));
    if (region.level == "province" || region.level == "city") {
        return InvalidArgument("请按县、乡镇或村(社区)检查网格划分", "code");
    }

    // Shapes by code, parsed once.
    std::map<std::string, geo::MultiPolygon> shapes;
    for (std::string_view level : {"county", "town", "village", "grid"}) {
        GRIDGOV_ASSIGN_OR_RETURN(auto boundaries, store.ListBoundaries(region_code, level));
        for (auto& b : boundaries) {
            Result<geo::MultiPolygon> shape = ParseStored(b.geojson);
            if (shape.ok()) shapes.emplace(std::move(b.code), std::move(shape).value());
        }
    }
    if (!shapes.contains(region_code)) return FailedPrecondition("区划 " + region.name + " 尚无边界数据，无法检查");

    json::array gaps, overlaps, outside, oversize, missing;
    std::int64_t villages_checked = 0, grids_checked = 0;
    geo::SizeNorms norms{options.max_households, options.max_population};

    auto add_report = [&](const geo::PartitionReport& report, const std::string& parent, const char* scope) {
        json::object j = geo::ReportToJson(report);
        for (auto [key, target] : {std::pair{"gaps", &gaps}, std::pair{"overlaps", &overlaps},
                                   std::pair{"outside", &outside}, std::pair{"oversize", &oversize}}) {
            for (auto& item : j.at(key).as_array()) {
                json::object o = WithVillage(item.as_object(), parent);
                o["scope"] = scope;
                target->emplace_back(std::move(o));
            }
        }
    };

    // The region's children among themselves (towns of a county, villages of a town).
    if (region.level != "village") {
        GRIDGOV_ASSIGN_OR_RETURN(auto children, store.ListChildRegions(region_code));
        std::vector<geo::Child> parts;
        for (const auto& c : children) {
            auto it = shapes.find(c.code);
            if (it == shapes.end()) {
                missing.emplace_back(json::object{{"code", c.code}, {"name", c.name}});
                continue;
            }
            parts.push_back({c.code, it->second, 0, 0});
        }
        GRIDGOV_ASSIGN_OR_RETURN(geo::PartitionReport report,
                                 geo::CheckPartition(shapes.at(region_code), parts, {}, options.min_area_m2));
        add_report(report, region_code, "region");
    }

    // Each village and its grids.
    std::vector<domain::Region> villages;
    if (region.level == "village") {
        villages.push_back(region);
    } else {
        std::vector<domain::Region> towns;
        if (region.level == "town") {
            towns.push_back(region);
        } else {
            GRIDGOV_ASSIGN_OR_RETURN(towns, store.ListChildRegions(region_code));
        }
        for (const auto& t : towns) {
            GRIDGOV_ASSIGN_OR_RETURN(auto vs, store.ListChildRegions(t.code));
            villages.insert(villages.end(), vs.begin(), vs.end());
        }
    }
    for (const auto& v : villages) {
        storage::GridFilter filter{v.code, std::nullopt, "", {1, storage::kMaxPageSize}};
        GRIDGOV_ASSIGN_OR_RETURN(auto grids, store.ListGrids(filter));
        auto village_shape = shapes.find(v.code);
        if (village_shape == shapes.end()) {
            missing.emplace_back(json::object{{"code", v.code}, {"name", v.name}});
            continue;
        }
        std::vector<geo::Child> children;
        for (const auto& g : grids.items) {
            auto it = shapes.find(g.code);
            if (it == shapes.end()) {
                missing.emplace_back(json::object{{"code", g.code}, {"name", g.name}});
                continue;
            }
            // Special grids (schools, hospitals …) are not households: only the norms of comprehensive grids.
            std::int64_t households = domain::IsSpecial(g.type) ? 0 : g.households;
            std::int64_t population = domain::IsSpecial(g.type) ? 0 : g.population;
            children.push_back({g.code, it->second, households, population});
        }
        GRIDGOV_ASSIGN_OR_RETURN(geo::PartitionReport report,
                                 geo::CheckPartition(village_shape->second, children, norms, options.min_area_m2));
        add_report(report, v.code, "village");
        ++villages_checked;
        grids_checked += static_cast<std::int64_t>(children.size());
    }

    bool ok = gaps.empty() && overlaps.empty() && outside.empty() && oversize.empty() && missing.empty();
    auto n = [](const json::array& a) { return static_cast<std::int64_t>(a.size()); };
    json::object summary{{"gaps", n(gaps)},
                         {"overlaps", n(overlaps)},
                         {"outside", n(outside)},
                         {"oversize", n(oversize)},
                         {"missing_boundaries", n(missing)}};
    return json::object{{"region_code", region_code},
                        {"region_name", region.name},
                        {"ok", ok},
                        {"villages_checked", villages_checked},
                        {"grids_checked", grids_checked},
                        {"norms",
                         {{"max_households", options.max_households},
                          {"max_population", options.max_population},
                          {"min_area_m2", options.min_area_m2}}},
                        {"summary", std::move(summary)},
                        {"gaps", std::move(gaps)},
                        {"overlaps", std::move(overlaps)},
                        {"outside", std::move(outside)},
                        {"oversize", std::move(oversize)},
                        {"missing_boundaries", std::move(missing)}};
}

}  // namespace gridgov::service
