// The role and permission tables.
#include "domain/access.hpp"

#include <array>

#include "common/division_code.hpp"

namespace gridgov::domain {
namespace {

struct RoleRow {
    Role role;
    std::string_view name;
    std::string_view name_zh;
};

constexpr std::array<RoleRow, 10> kRoles{{
    {Role::kAdmin, "admin", "系统管理员"},
    {Role::kLeader, "leader", "领导"},
    {Role::kCountyCenter, "county_center", "县级综治中心"},
    {Role::kTownCenter, "town_center", "乡镇(街道)综治中心"},
    {Role::kVillageOfficer, "village_officer", "村(社区)综治专干"},
    {Role::kGridWorker, "grid_worker", "网格员"},
    {Role::kGridPolice, "grid_police", "网格民警"},
    {Role::kUnitHandler, "unit_handler", "职能部门经办人"},
    {Role::kMediator, "mediator", "调解员"},
    {Role::kPetitionOfficer, "petition_officer", "信访干部"},
}};

constexpr std::array<Action, 8> kActions{Action::kViewHierarchy, Action::kViewSensitive, Action::kManageCalendar,
                                         Action::kManageGrids,   Action::kManageUsers,   Action::kViewAudit,
                                         Action::kViewCases,     Action::kReportCase};

constexpr bool Y = true;
constexpr bool N = false;

// Rows: roles in kRoles order. Columns: view_hierarchy, view_sensitive, manage_calendar, manage_grids,
// manage_users, view_audit, view_cases, report_case. Full personal data is for the centres, the police and the
// administrator; leaders read figures, not files. The county centre maintains the grid map with the
// administrator. Who may take which case operation is the workflow table's (domain/workflow.cpp).
constexpr std::array<std::array<bool, 8>, 10> kPermissions{{
    /* admin            */ {Y, Y, Y, Y, Y, Y, Y, N},
    /* leader           */ {Y, N, N, N, N, N, Y, N},
    /* county_center    */ {Y, Y, N, Y, N, N, Y, Y},
    /* town_center      */ {Y, Y, N, N, N, N, Y, Y},
    /* village_officer  */ {Y, N, N, N, N, N, Y, Y},
    /* grid_worker      */ {Y, N, N, N, N, N, Y, Y},
    /* grid_police      */ {Y, Y, N, N, N, N, Y, Y},
    /* unit_handler     */ {Y, N, N, N, N, N, Y, N},
    /* mediator         */ {Y, N, N, N, N, N, Y, Y},
    /* petition_officer */ {Y, N, N, N, N, N, Y, Y},
}};

constexpr std::array<std::string_view, 8> kActionNames{"view_hierarchy", "view_sensitive", "manage_calendar",
                                                       "manage_grids",   "manage_users",   "view_audit",
                                                       "view_cases",     "report_case"};

}  // namespace

std::string_view RoleName(Role role) { return kRoles[static_cast<std::size_t>(role)].name; }
std::string_view RoleNameZh(Role role) { return kRoles[static_cast<std::size_t>(role)].name_zh; }

std::optional<Role> ParseRole(std::string_view name) {
    for (const auto& row : kRoles) {
        if (row.name == name || row.name_zh == name) return row.role;
    }
    return std::nullopt;
}

std::span<const Role> AllRoles() {
    static constexpr std::array<Role, 10> kAll{
        Role::kAdmin,      Role::kLeader,     Role::kCountyCenter, Role::kTownCenter, Role::kVillageOfficer,
        Role::kGridWorker, Role::kGridPolice, Role::kUnitHandler,  Role::kMediator,   Role::kPetitionOfficer};
    return kAll;
}

std::string_view ActionName(Action action) { return kActionNames[static_cast<std::size_t>(action)]; }
std::span<const Action> AllActions() { return kActions; }

bool RoleMay(Role role, Action action) {
    return kPermissions[static_cast<std::size_t>(role)][static_cast<std::size_t>(action)];
}

bool ScopeContains(std::string_view scope, std::string_view code) { return IsInSubtree(code, scope); }

}  // namespace gridgov::domain
