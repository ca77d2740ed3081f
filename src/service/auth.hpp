// Accounts, login, bearer tokens, authorisation (role × action, region scope) and the audit log.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "common/status.hpp"
#include "domain/access.hpp"
#include "storage/store.hpp"

namespace gridgov::service {

// Seconds since the Unix epoch; injectable so tests can move time.
using Clock = std::function<std::int64_t()>;
std::int64_t SystemNow();

// Who is asking: a signed-in account, or the command line (an operator on the server, unrestricted).
struct Caller {
    std::int64_t account_id = 0;
    std::string login;
    std::string name;
    domain::Role role = domain::Role::kAdmin;
    std::string scope_code;
    std::string unit_code;  // the handling unit the account works for ("" if none)
    std::string remote;
    bool unrestricted = false;  // true only for CommandLine()

    static Caller CommandLine();
};

// PermissionDenied (Chinese message naming the role) unless the caller's role may take `action`.
Status Authorize(const Caller& caller, domain::Action action);
// PermissionDenied unless `code` (region or grid) lies inside the caller's scope.
Status CheckScope(const Caller& caller, std::string_view code);
// An audit row for `caller` doing `action` to a target, at `now`.
domain::AuditEntry MakeAudit(const Caller& caller, std::int64_t now, std::string action, std::string target_type,
                             std::string target_id, std::string region_code, std::string detail = "{}");

// Password rules: 8–128 characters with at least one letter and one digit. InvalidArgument otherwise.
Status ValidatePassword(std::string_view password);
// Login rules: 3–32 characters of a-z, 0-9, '_', '.', '-'. InvalidArgument otherwise.
Status ValidateLogin(std::string_view login);

struct AuthOptions {
    std::int64_t token_ttl_seconds = 12 * 3600;
    int max_failed_logins = 5;  // consecutive failures that lock the account
    std::int64_t lockout_seconds = 15 * 60;
};

struct LoginResult {
    std::string token;  // shown once; only its hash is stored
    std::int64_t expires_at = 0;
    domain::Account account;
};

struct NewAccount {
    std::string login;
    std::string name;
    std::string role;        // role id or Chinese name
    std::string scope_code;  // region or grid code
    std::string password;
    std::string unit_code;  // optional: the handling unit the user works for
};

// Login and account administration. Thread-safe (state lives in the store).
class AuthService {
  public:
    explicit AuthService(storage::Store& store, AuthOptions options = {}, Clock clock = SystemNow);

    // Checks the password (argon2id). Unauthenticated ("用户名或密码错误") for an unknown login or a wrong
    // password, ResourceExhausted while the account is locked after repeated failures. Every attempt is audited.
    Result<LoginResult> Login(std::string_view login, std::string_view password, std::string_view remote);
    // The caller a bearer token belongs to. Unauthenticated when the token is unknown, expired or revoked, or
    // the account is disabled.
    Result<Caller> Authenticate(std::string_view token, std::string_view remote);
    Status Logout(const Caller& caller, std::string_view token);
    // Changes the caller's own password (the old one must match); revokes the caller's other sessions.
    Status ChangePassword(const Caller& caller, std::string_view old_password, std::string_view new_password);

    // Administration (needs kManageUsers; the target must lie inside the actor's scope).
    Result<domain::Account> CreateAccount(const Caller& actor, const NewAccount& account);
    // Sets a new password, clears the lock and revokes every session of the account.
    Status ResetPassword(const Caller& actor, std::string_view login, std::string_view new_password);
    Status Unlock(const Caller& actor, std::string_view login);
    Status RevokeSessions(const Caller& actor, std::string_view login);
    Result<storage::Page<domain::Account>> ListAccounts(const Caller& actor, storage::PageRequest page);
    // Needs kViewAudit; the filter's region is narrowed to the actor's scope.
    Result<storage::Page<domain::AuditEntry>> SearchAudit(const Caller& actor, storage::AuditFilter filter);

    std::int64_t Now() const { return clock_(); }

  private:
    Result<domain::Account> AccountInScope(const Caller& actor, std::string_view login);

    storage::Store& store_;
    AuthOptions options_;
    Clock clock_;
};

}  // namespace gridgov::service
