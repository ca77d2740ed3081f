// Roles, the actions they may take (one table), and scope: which region subtree a user may see.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace gridgov::domain {

// The role ids of DESIGN.md.
enum class Role {
    kAdmin,
    kLeader,
    kCountyCenter,
    kTownCenter,
    kVillageOfficer,
    kGridWorker,
    kGridPolice,
    kUnitHandler,
    kMediator,
    kPetitionOfficer,
};

std::string_view RoleName(Role role);    // "admin", "leader", ...
std::string_view RoleNameZh(Role role);  // "系统管理员", "领导", ...
std::optional<Role> ParseRole(std::string_view name);
std::span<const Role> AllRoles();

// What a request does. Every API route names exactly one action; the permission table says which roles
// may take it. Scope (the region subtree) is checked separately, on the record the action touches.
enum class Action {
    kViewHierarchy,   // regions, grids, staff rosters (masked), units, calendar
    kViewSensitive,   // full phone numbers / ID numbers, special-group tags (audited)
    kManageCalendar,  // define rest days and make-up workdays
    kManageGrids,     // import grid boundaries and attributes
    kManageUsers,     // create users, reset passwords, unlock, revoke sessions
    kViewAudit,       // search and export the audit log
    kViewCases,       // see cases in scope (and those dispatched to one's unit)
    kReportCase,      // register a new case (event, work order)
};

std::string_view ActionName(Action action);  // "view_hierarchy", ...
std::span<const Action> AllActions();

// The permission table: true when `role` may take `action` (anywhere inside its scope).
bool RoleMay(Role role, Action action);

// True when `code` (a region or grid code) lies inside the subtree of `scope` (a region or grid code):
// the scope itself or anything below it. An empty scope contains nothing.
bool ScopeContains(std::string_view scope, std::string_view code);

}  // namespace gridgov::domain
