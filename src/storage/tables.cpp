// The list of data tables a whole-database copy moves, kept beside the migrations of both backends.
#include "storage/tables.hpp"

#include <algorithm>
#include <array>

namespace gridgov::storage {
namespace {

constexpr std::array<TableSpec, 14> kTables{{
    {"regions", "id, code, name, level, parent_code, updated_at, boundary", "length(code), code"},
    {"grids", "id, code, name, type, village_code, households, population, updated_at, boundary", "id"},
    {"grid_staff", "id, grid_code, name, role, phone", "id"},
    {"units", "id, code, name, kind, region_code, level, phone", "id"},
    {"calendar_days", "day, kind, note", "day"},
    {"settings", "key, value", "key"},
    {"accounts",
     "id, login, name, role, scope_code, password_hash, failed_logins, locked_until, disabled, created_at, unit_code",
     "id"},
    {"sessions", "id, account_id, token_hash, created_at, expires_at, revoked_at", "id"},
    {"audit_log", "id, at, actor, actor_role, action, target_type, target_id, region_code, detail, remote", "id"},
    {"case_categories",
     "code, name, case_type, parent_code, sign_days, handle_days, verify_days, level_days, warn_before, "
     "max_extension, return_within",
     "code"},
    {"routing_rules", "id, region_code, category_code, unit_code", "id"},
    {"cases",
     "id, case_no, type, channel, category_code, title, description, state, state_before_suspension, level, "
     "grid_code, region_code, location_code, lng, lat, address, reporter_name, reporter_phone, reporter_login, "
     "client_request_id, unit_code, created_at, updated_at, version, sign_due, handle_due, verify_due, level_due, "
     "warning, supervision, extension_days, extension_requested, redo_count, satisfaction, merged_into, "
     "finished_at, closed_at, overdue",
     "id"},
    {"case_history", "id, case_id, at, actor, actor_role, op, from_state, to_state, comment, data, attachments", "id"},
    {"api_keys", "key_hash, name, active, created_at", "key_hash"},
}};

}  // namespace

std::span<const TableSpec> DataTables() { return kTables; }

const TableSpec* FindTable(std::string_view name) {
    auto it = std::find_if(kTables.begin(), kTables.end(), [&](const TableSpec& t) { return t.name == name; });
    return it == kTables.end() ? nullptr : &*it;
}

int ColumnCount(const TableSpec& spec) {
    return static_cast<int>(std::count(spec.columns.begin(), spec.columns.end(), ',')) + 1;
}

}  // namespace gridgov::storage
