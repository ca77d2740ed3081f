// User accounts, their sessions, and audit-log entries.
#pragma once

#include <cstdint>
#include <string>

namespace gridgov::domain {

// A user of gridgov. `scope_code` is a region or grid code: the subtree the user sees and changes.
struct Account {
    std::int64_t id = 0;
    std::string login;
    std::string name;
    std::string role;               // a role id of access.hpp
    std::string scope_code;         // region (2–12 digits) or grid (15 digits)
    std::string unit_code;          // the handling unit the user works for ("" if none)
    std::string password_hash;      // argon2id, libsodium's crypto_pwhash_str format
    int failed_logins = 0;          // consecutive failures since the last success
    std::int64_t locked_until = 0;  // unix seconds; 0 = not locked
    bool disabled = false;
    std::int64_t created_at = 0;  // unix seconds
};

// A bearer token's server-side record; only a hash of the token is stored.
struct Session {
    std::int64_t id = 0;
    std::int64_t account_id = 0;
    std::string token_hash;  // hex BLAKE2b-256 of the token
    std::int64_t created_at = 0;
    std::int64_t expires_at = 0;
    std::int64_t revoked_at = 0;  // 0 = live
};

// One append-only row of the audit log: every write and every view of sensitive data.
struct AuditEntry {
    std::int64_t id = 0;
    std::int64_t at = 0;  // unix seconds
    std::string actor;    // login, or "cli" for the command line
    std::string actor_role;
    std::string action;       // e.g. "user.create", "auth.login", "grid.view_sensitive"
    std::string target_type;  // e.g. "user", "grid", "calendar"
    std::string target_id;
    std::string region_code;  // where the target lies, for scoped searches
    std::string detail;       // JSON text
    std::string remote;       // client address
};

}  // namespace gridgov::domain
