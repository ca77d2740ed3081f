// Regions (province → city → county → town → village), grids, their staff, and handling units.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gridgov::domain {

// A division from the national statistical codes. `code` is the short form whose length gives the level
// (2 province, 4 city, 6 county, 9 town, 12 village); see common/division_code.hpp.
struct Region {
    std::string code;
    std::string name;
    std::string level;        // "province" | "city" | "county" | "town" | "village"
    std::string parent_code;  // "" for a province
};

// The boundary of a region or grid: its code and its geometry as GeoJSON (Polygon or MultiPolygon,
// WGS-84 longitude/latitude), kept as text so every backend stores it the same way.
struct Boundary {
    std::string code;
    std::string geojson;
};

// What a grid covers. Special grids (专属网格) are grids too, flagged by type.
enum class GridType { kComprehensive, kSchool, kHospital, kIndustrialPark, kMarket, kOtherSpecial };

std::string_view GridTypeName(GridType type);    // "comprehensive", "school", ...
std::string_view GridTypeNameZh(GridType type);  // "综合网格", "学校专属网格", ...
std::optional<GridType> ParseGridType(std::string_view name);
inline bool IsSpecial(GridType type) { return type != GridType::kComprehensive; }

// A grid: the 12-digit village code + a 3-digit sequence. Always inside exactly one village.
struct Grid {
    std::string code;  // 15 digits
    std::string name;  // e.g. "新兴社区第一网格"
    GridType type = GridType::kComprehensive;
    std::string village_code;  // 12 digits (the parent region)
    int households = 0;
    int population = 0;
};

// Roles on a grid's staff roster ("一格三员", "一格四警", informants, mediators ...).
enum class StaffRole { kGridChief, kFullTimeWorker, kPartTimeWorker, kGridPolice, kInformant, kMediator, kVolunteer };

std::string_view StaffRoleName(StaffRole role);    // "grid_chief", "full_time_worker", ...
std::string_view StaffRoleNameZh(StaffRole role);  // "网格长", "专职网格员", ...
std::optional<StaffRole> ParseStaffRole(std::string_view name);

struct StaffMember {
    std::int64_t id = 0;  // assigned by storage
    std::string grid_code;
    std::string name;
    StaffRole role = StaffRole::kFullTimeWorker;
    std::string phone;
};

// Kinds of handling unit (职能部门 and the 综治 centres) — the receivers of dispatched cases.
enum class UnitKind {
    kCountyCenter,       // 县综治中心
    kMediationCenter,    // 县社会矛盾纠纷调处化解中心
    kTownCenter,         // 乡镇(街道)综治中心
    kVillageStation,     // 村(社区)综治服务站
    kPolice,             // 公安局 / 派出所
    kJustice,            // 司法局 / 司法所
    kPetition,           // 信访局 / 信访办
    kDepartment,         // other county departments (住建, 人社, 卫健 ...)
    kMediationCommittee  // 人民调解委员会
};

std::string_view UnitKindName(UnitKind kind);
std::string_view UnitKindNameZh(UnitKind kind);
std::optional<UnitKind> ParseUnitKind(std::string_view name);

struct Unit {
    std::int64_t id = 0;
    std::string code;  // unique, e.g. "371423-SFJ" or "371423100-PCS"
    std::string name;  // "庆云县司法局", "庆云镇司法所"
    UnitKind kind = UnitKind::kDepartment;
    std::string region_code;  // the region it serves (county, town or village code)
    std::string level;        // level of region_code
    std::string phone;
};

}  // namespace gridgov::domain
