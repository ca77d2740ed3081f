// Names (English identifiers and Chinese labels) of the region-module enums.
#include "domain/region.hpp"

#include <array>

#include "domain/named.hpp"

namespace gridgov::domain {
namespace {

constexpr std::array<Named<GridType>, 6> kGridTypes{{
    {GridType::kComprehensive, "comprehensive", "综合网格"},
    {GridType::kSchool, "school", "学校专属网格"},
    {GridType::kHospital, "hospital", "医院专属网格"},
    {GridType::kIndustrialPark, "industrial_park", "园区专属网格"},
    {GridType::kMarket, "market", "市场专属网格"},
    {GridType::kOtherSpecial, "other_special", "其他专属网格"},
}};

constexpr std::array<Named<StaffRole>, 7> kStaffRoles{{
    {StaffRole::kGridChief, "grid_chief", "网格长"},
    {StaffRole::kFullTimeWorker, "full_time_worker", "专职网格员"},
    {StaffRole::kPartTimeWorker, "part_time_worker", "兼职网格员"},
    {StaffRole::kGridPolice, "grid_police", "网格民警"},
    {StaffRole::kInformant, "informant", "信息员"},
    {StaffRole::kMediator, "mediator", "调解员"},
    {StaffRole::kVolunteer, "volunteer", "志愿者"},
}};

constexpr std::array<Named<UnitKind>, 9> kUnitKinds{{
    {UnitKind::kCountyCenter, "county_center", "县级综治中心"},
    {UnitKind::kMediationCenter, "mediation_center", "矛盾纠纷调处化解中心"},
    {UnitKind::kTownCenter, "town_center", "乡镇(街道)综治中心"},
    {UnitKind::kVillageStation, "village_station", "村(社区)综治服务站"},
    {UnitKind::kPolice, "police", "公安"},
    {UnitKind::kJustice, "justice", "司法行政"},
    {UnitKind::kPetition, "petition", "信访"},
    {UnitKind::kDepartment, "department", "职能部门"},
    {UnitKind::kMediationCommittee, "mediation_committee", "人民调解委员会"},
}};

}  // namespace

std::string_view GridTypeName(GridType type) { return NameOf(kGridTypes, type, false); }
std::string_view GridTypeNameZh(GridType type) { return NameOf(kGridTypes, type, true); }
std::optional<GridType> ParseGridType(std::string_view name) { return ParseNamed(kGridTypes, name); }

std::string_view StaffRoleName(StaffRole role) { return NameOf(kStaffRoles, role, false); }
std::string_view StaffRoleNameZh(StaffRole role) { return NameOf(kStaffRoles, role, true); }
std::optional<StaffRole> ParseStaffRole(std::string_view name) { return ParseNamed(kStaffRoles, name); }

std::string_view UnitKindName(UnitKind kind) { return NameOf(kUnitKinds, kind, false); }
std::string_view UnitKindNameZh(UnitKind kind) { return NameOf(kUnitKinds, kind, true); }
std::optional<UnitKind> ParseUnitKind(std::string_view name) { return ParseNamed(kUnitKinds, name); }

}  // namespace gridgov::domain
