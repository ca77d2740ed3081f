// Conversions from domain records to their JSON form.
#include "http/dto.hpp"

#include <boost/json.hpp>

#include "common/division_code.hpp"
#include "common/id_number.hpp"

namespace gridgov::http {
namespace {

std::string_view LevelZh(std::string_view level) {
    auto parsed = ParseLevelName(level);
    return parsed ? LevelNameZh(*parsed) : std::string_view{};
}

}  // namespace

boost::json::object RegionJson(const domain::Region& r) {
    return {{"code", r.code},
            {"statistical_code", StatisticalCode(r.code)},
            {"name", r.name},
            {"level", r.level},
            {"level_name", LevelZh(r.level)},
            {"parent_code", r.parent_code.empty() ? boost::json::value(nullptr) : boost::json::value(r.parent_code)},
            {"region_code", r.code}};
}

boost::json::object RegionViewJson(const service::RegionView& view) {
    boost::json::object out = RegionJson(view.region);
    boost::json::array chain;
    for (const auto& r : view.chain) chain.emplace_back(RegionJson(r));
    out["chain"] = std::move(chain);
    out["children"] = view.children;
    out["counts"] = {{"towns", view.counts.towns},          {"villages", view.counts.villages},
                     {"grids", view.counts.grids},          {"special_grids", view.counts.special_grids},
                     {"staff", view.counts.staff},          {"households", view.counts.households},
                     {"population", view.counts.population}};
    return out;
}

boost::json::object GridJson(const domain::Grid& g) {
    return {{"code", g.code},
            {"grid_code", g.code},
            {"name", g.name},
            {"type", domain::GridTypeName(g.type)},
            {"type_name", domain::GridTypeNameZh(g.type)},
            {"special", domain::IsSpecial(g.type)},
            {"village_code", g.village_code},
            {"town_code", g.village_code.substr(0, 9)},
            {"region_code", g.village_code},
            {"households", g.households},
            {"population", g.population}};
}

boost::json::object StaffJson(const domain::StaffMember& m, bool revealed) {
    return {{"id", m.id},
            {"grid_code", m.grid_code},
            {"name", m.name},
            {"role", domain::StaffRoleName(m.role)},
            {"role_name", domain::StaffRoleNameZh(m.role)},
            {"phone", revealed ? m.phone : MaskPhone(m.phone)}};
}

boost::json::object GridViewJson(const service::GridView& view) {
    boost::json::object out = GridJson(view.grid);
    boost::json::array chain;
    for (const auto& r : view.chain) chain.emplace_back(RegionJson(r));
    out["chain"] = std::move(chain);
    boost::json::array staff;
    for (const auto& m : view.staff) staff.emplace_back(StaffJson(m, view.revealed));
    out["staff"] = std::move(staff);
    out["revealed"] = view.revealed;
    return out;
}

boost::json::object UnitJson(const domain::Unit& u) {
    return {{"id", u.id},
            {"code", u.code},
            {"name", u.name},
            {"kind", domain::UnitKindName(u.kind)},
            {"kind_name", domain::UnitKindNameZh(u.kind)},
            {"region_code", u.region_code},
            {"level", u.level},
            {"phone", u.phone}};
}

}  // namespace gridgov::http
