// GeoJSON reading with one Chinese error per bad feature, and writing of polygons and feature collections.
#include "geo/geojson.hpp"

#include <cmath>

#include "geo/validity.hpp"

namespace gridgov::geo {
namespace json = boost::json;
namespace {

Status Bad(std::string message) { return InvalidArgument(std::move(message), "geometry"); }

Result<Point> ParsePosition(const json::value& v) {
    const json::array* a = v.if_array();
    if (a == nullptr || a->size() < 2) return Bad("坐标格式错误：每个位置应为 [经度, 纬度] 数组");
    double xy[2];
    for (int i = 0; i < 2; ++i) {
        const json::value& n = (*a)[i];
        if (n.is_double()) {
            xy[i] = n.get_double();
        } else if (n.is_int64()) {
            xy[i] = static_cast<double>(n.get_int64());
        } else if (n.is_uint64()) {
            xy[i] = static_cast<double>(n.get_uint64());
        } else {
            return Bad("坐标格式错误：经纬度必须是数字");
        }
    }
    return Point{xy[0], xy[1]};
}

Result<Ring> ParseRing(const json::value& v) {
    const json::array* a = v.if_array();
    if (a == nullptr) return Bad("坐标格式错误：环应为位置数组");
    Ring ring;
    ring.reserve(a->size());
    for (const json::value& p : *a) {
        GRIDGOV_ASSIGN_OR_RETURN(Point point, ParsePosition(p));
        ring.push_back(point);
    }
    return ring;
}

Result<Polygon> ParsePolygon(const json::value& v) {
    const json::array* a = v.if_array();
    if (a == nullptr || a->empty()) return Bad("坐标格式错误：多边形至少需要一个外边界环");
    Polygon polygon;
    for (std::size_t i = 0; i < a->size(); ++i) {
        GRIDGOV_ASSIGN_OR_RETURN(Ring ring, ParseRing((*a)[i]));
        if (i == 0) {
            polygon.outer = std::move(ring);
        } else {
            polygon.holes.push_back(std::move(ring));
        }
    }
    return polygon;
}

std::string CodeOf(const json::object& properties, std::string_view code_property) {
    for (std::string_view key : {code_property, std::string_view("grid_code")}) {
        const json::value* v = properties.if_contains(key);
        if (v == nullptr) continue;
        if (v->is_string()) return std::string(v->get_string());
        if (v->is_int64()) return std::to_string(v->get_int64());
        if (v->is_uint64()) return std::to_string(v->get_uint64());
    }
    return {};
}

json::array RingToJson(const Ring& ring) {
    json::array out;
    out.reserve(ring.size());
    for (const Point& p : ring) out.push_back(json::array{p.lng, p.lat});
    return out;
}

json::array PolygonToJson(const Polygon& polygon) {
    json::array out;
    out.push_back(RingToJson(polygon.outer));
    for (const Ring& hole : polygon.holes) out.push_back(RingToJson(hole));
    return out;
}

}  // namespace

Result<MultiPolygon> ParseGeometry(const json::value& geometry) {
    if (geometry.is_null()) return Bad("缺少几何（geometry 为空）");
    const json::object* g = geometry.if_object();
    if (g == nullptr) return Bad("几何格式错误：geometry 应为对象");
    const json::value* type = g->if_contains("type");
    if (type == nullptr || !type->is_string()) return Bad("几何格式错误：缺少 type");
    const json::value* coordinates = g->if_contains("coordinates");
    if (coordinates == nullptr) return Bad("几何格式错误：缺少 coordinates");
    MultiPolygon multi;
    const std::string_view t = type->get_string();
    if (t == "Polygon") {
        GRIDGOV_ASSIGN_OR_RETURN(Polygon polygon, ParsePolygon(*coordinates));
        multi.polygons.push_back(std::move(polygon));
    } else if (t == "MultiPolygon") {
        const json::array* parts = coordinates->if_array();
        if (parts == nullptr) return Bad("坐标格式错误：MultiPolygon 的 coordinates 应为数组");
        for (const json::value& part : *parts) {
            GRIDGOV_ASSIGN_OR_RETURN(Polygon polygon, ParsePolygon(part));
            multi.polygons.push_back(std::move(polygon));
        }
    } else {
        return Bad("不支持的几何类型 " + std::string(t) + "：网格边界只能是 Polygon 或 MultiPolygon");
    }
    GRIDGOV_RETURN_IF_ERROR(CheckValid(multi));
    return multi;
}

Result<FeatureCollection> ParseFeatureCollection(std::string_view text, std::string_view code_property) {
    boost::system::error_code ec;
    json::value root = json::parse(text, ec);
    if (ec) return InvalidArgument("GeoJSON 不是有效的 JSON：" + ec.message());
    const json::object* doc = root.if_object();
    const json::value* type = doc != nullptr ? doc->if_contains("type") : nullptr;
    if (type == nullptr || !type->is_string() || type->get_string() != "FeatureCollection") {
        return InvalidArgument("GeoJSON 顶层必须是 FeatureCollection", "type");
    }
    const json::value* features = doc->if_contains("features");
    if (features == nullptr || !features->is_array()) {
        return InvalidArgument("FeatureCollection 缺少 features 数组", "features");
    }
    FeatureCollection out;
    const json::array& list = features->get_array();
    for (std::size_t i = 0; i < list.size(); ++i) {
        const json::object* f = list[i].if_object();
        if (f == nullptr || !f->contains("type") || !(*f).at("type").is_string() ||
            (*f).at("type").get_string() != "Feature") {
            out.errors.push_back({i, {}, "要素格式错误：应为 type 为 Feature 的对象"});
            continue;
        }
        json::object properties;
        if (const json::value* p = f->if_contains("properties"); p != nullptr && p->is_object()) {
            properties = p->get_object();
        }
        std::string code = CodeOf(properties, code_property);
        const json::value* geometry = f->if_contains("geometry");
        if (geometry == nullptr) {
            out.errors.push_back({i, std::move(code), "缺少几何（没有 geometry 字段）"});
            continue;
        }
        Result<MultiPolygon> multi = ParseGeometry(*geometry);
        if (!multi.ok()) {
            out.errors.push_back({i, std::move(code), multi.status().message()});
            continue;
        }
        out.features.push_back({i, std::move(properties), std::move(multi).value()});
    }
    return out;
}

json::object ToGeoJson(const MultiPolygon& multi) {
    json::object out;
    if (multi.polygons.size() == 1) {
        out["type"] = "Polygon";
        out["coordinates"] = PolygonToJson(multi.polygons.front());
    } else {
        out["type"] = "MultiPolygon";
        json::array parts;
        for (const Polygon& polygon : multi.polygons) parts.push_back(PolygonToJson(polygon));
        out["coordinates"] = std::move(parts);
    }
    return out;
}

json::object ToFeature(const MultiPolygon& multi, json::object properties) {
    json::object out;
    out["type"] = "Feature";
    out["properties"] = std::move(properties);
    out["geometry"] = ToGeoJson(multi);
    return out;
}

json::object ToFeatureCollection(std::span<const Feature> features) {
    json::array list;
    list.reserve(features.size());
    for (const Feature& f : features) list.push_back(ToFeature(f.geometry, f.properties));
    json::object out;
    out["type"] = "FeatureCollection";
    out["features"] = std::move(list);
    return out;
}

}  // namespace gridgov::geo

namespace gridgov::geo {
namespace {

void AppendCoordinate(std::string& out, double value) {
    // Fixed point with 9 decimals from the rounded integer, so equal roundings give equal text.
    long long units = std::llround(value * 1e9);
    if (units < 0) {
        out.push_back('-');
        units = -units;
    }
    std::string digits = std::to_string(units);
    if (digits.size() < 10) digits.insert(0, 10 - digits.size(), '0');
    out.append(digits, 0, digits.size() - 9);
    std::string fraction = digits.substr(digits.size() - 9);
    while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
    if (!fraction.empty()) {
        out.push_back('.');
        out += fraction;
    }
}

void AppendRing(std::string& out, const Ring& ring) {
    out.push_back('[');
    for (std::size_t i = 0; i < ring.size(); ++i) {
        if (i > 0) out.push_back(',');
        out.push_back('[');
        AppendCoordinate(out, ring[i].lng);
        out.push_back(',');
        AppendCoordinate(out, ring[i].lat);
        out.push_back(']');
    }
    out.push_back(']');
}

void AppendPolygon(std::string& out, const Polygon& polygon) {
    out.push_back('[');
    AppendRing(out, polygon.outer);
    for (const Ring& hole : polygon.holes) {
        out.push_back(',');
        AppendRing(out, hole);
    }
    out.push_back(']');
}

}  // namespace

std::string ToGeoJsonText(const MultiPolygon& multi) {
    std::string out;
    if (multi.polygons.size() == 1) {
        out = R"({"type":"Polygon","coordinates":)";
        AppendPolygon(out, multi.polygons[0]);
    } else {
        out = R"({"type":"MultiPolygon","coordinates":[)";
        for (std::size_t i = 0; i < multi.polygons.size(); ++i) {
            if (i > 0) out.push_back(',');
            AppendPolygon(out, multi.polygons[i]);
        }
        out.push_back(']');
    }
    out.push_back('}');
    return out;
}

}  // namespace gridgov::geo
