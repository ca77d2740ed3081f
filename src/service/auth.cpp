// Login with argon2id (libsodium), hashed bearer tokens, lockout, account administration, audit.
#include "service/auth.hpp"

#include <sodium.h>

#include <chrono>
#include <mutex>

#include "common/division_code.hpp"
#include "service/regions.hpp"

namespace gridgov::service {
namespace {

constexpr std::string_view kBadCredentials = "用户名或密码错误";

void InitSodium() {
    static std::once_flag once;
    std::call_once(once, [] {
        if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
    });
}

std::string Hex(const unsigned char* data, std::size_t n) {
    std::string out(n * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), data, n);
    out.pop_back();
    return out;
}

std::string HashToken(std::string_view token) {
    unsigned char digest[crypto_generichash_BYTES];
    crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(token.data()), token.size(),
                       nullptr, 0);
    return Hex(digest, sizeof digest);
}

Result<std::string> HashPassword(std::string_view password) {
    InitSodium();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0) {
        return ResourceExhausted("服务器内存不足，无法计算密码摘要");
    }
    return std::string(out);
}

bool VerifyPassword(const std::string& hash, std::string_view password) {
    InitSodium();
    return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

// A hash of a random password, verified against when the login does not exist so that both cases take
// the same time.
const std::string& DummyHash() {
    static const std::string hash = [] {
        InitSodium();
        unsigned char random[16];
        randombytes_buf(random, sizeof random);
        Result<std::string> h = HashPassword(Hex(random, sizeof random));
        return h.ok() ? *h : std::string();
    }();
    return hash;
}

std::string JsonString(std::string_view s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out.push_back('\\');
        if (static_cast<unsigned char>(c) < 0x20) continue;
        out.push_back(c);
    }
    return out + "\"";
}

Status ValidateScope(std::string_view scope) {
    if (scope.size() == 15 && scope.find_first_not_of("0123456789") == std::string_view::npos) return Status::Ok();
    Result<std::string> code = NormalizeDivisionCode(scope);
    if (!code.ok() || *code != scope) {
        return InvalidArgument("管辖范围应为区划代码（2/4/6/9/12 位）或 15 位网格编码", "scope_code");
    }
    return Status::Ok();
}

}  // namespace

std::int64_t SystemNow() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

Caller Caller::CommandLine() {
    Caller c;
    c.login = "cli";
    c.name = "命令行";
    c.role = domain::Role::kAdmin;
    c.remote = "local";
    c.unrestricted = true;
    return c;
}

Status Authorize(const Caller& caller, domain::Action action) {
    if (caller.unrestricted || domain::RoleMay(caller.role, action)) return Status::Ok();
    return PermissionDenied("当前角色（" + std::string(domain::RoleNameZh(caller.role)) + "）无权执行此操作");
}

Status CheckScope(const Caller& caller, std::string_view code) {
    if (caller.unrestricted || domain::ScopeContains(caller.scope_code, code)) return Status::Ok();
    return PermissionDenied("超出您的管辖范围（" + caller.scope_code + "）");
}

domain::AuditEntry MakeAudit(const Caller& caller, std::int64_t now, std::string action, std::string target_type,
                             std::string target_id, std::string region_code, std::string detail) {
    domain::AuditEntry e;
    e.at = now;
    e.actor = caller.login;
    e.actor_role = std::string(domain::RoleName(caller.role));
    e.action = std::move(action);
    e.target_type = std::move(target_type);
    e.target_id = std::move(target_id);
    e.region_code = std::move(region_code);
    e.detail = std::move(detail);
    e.remote = caller.remote;
    return e;
}

Status ValidatePassword(std::string_view p) {
    bool letter = false;
    bool digit = false;
    for (char c : p) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) letter = true;
        if (c >= '0' && c <= '9') digit = true;
    }
    if (p.size() < 8 || p.size() > 128 || !letter || !digit) {
        return InvalidArgument("密码应为 8 到 128 位，且同时包含字母和数字", "password");
    }
    return Status::Ok();
}

Status ValidateLogin(std::string_view login) {
    bool ok = login.size() >= 3 && login.size() <= 32 &&
              login.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_.-") == std::string_view::npos;
    if (!ok) return InvalidArgument("用户名应为 3 到 32 位小写字母、数字或 _ . -", "login");
    return Status::Ok();
}

AuthService::AuthService(storage::Store& store, AuthOptions options, Clock clock)
    : store_(store), options_(options), clock_(std::move(clock)) {
    InitSodium();
}

Result<LoginResult> AuthService::Login(std::string_view login, std::string_view password, std::string_view remote) {
    std::int64_t now = Now();
    Caller anonymous;
    anonymous.login = std::string(login.substr(0, 64));
    anonymous.remote = std::string(remote);
    Result<domain::Account> found = store_.GetAccount(login);
    if (!found.ok()) {
        if (found.status().code() != StatusCode::kNotFound) return found.status();
        (void)VerifyPassword(DummyHash(), password);
        domain::AuditEntry audit = MakeAudit(anonymous, now, "auth.login_failed", "account", anonymous.login, "",
                                             R"({"reason":"unknown_login"})");
        audit.actor_role.clear();
        GRIDGOV_RETURN_IF_ERROR(store_.AppendAudit(audit));
        return Unauthenticated(std::string(kBadCredentials));
    }
    domain::Account account = std::move(found).value();
    anonymous.role = domain::ParseRole(account.role).value_or(domain::Role::kGridWorker);
    if (account.locked_until > now) {
        GRIDGOV_RETURN_IF_ERROR(store_.AppendAudit(
            MakeAudit(anonymous, now, "auth.login_locked", "account", account.login, account.scope_code)));
        std::int64_t minutes = (account.locked_until - now + 59) / 60;
        return ResourceExhausted("连续登录失败次数过多，账号已锁定，请 " + std::to_string(minutes) +
                                 " 分钟后重试或联系管理员解锁");
    }
    if (!VerifyPassword(account.password_hash, password)) {
        account.failed_logins += 1;
        bool lock = account.failed_logins >= options_.max_failed_logins;
        if (lock) {
            account.locked_until = now + options_.lockout_seconds;
            account.failed_logins = 0;
        }
        GRIDGOV_RETURN_IF_ERROR(
            store_.UpdateAccount(account, false, now,
                                 MakeAudit(anonymous, now, lock ? "auth.locked" : "auth.login_failed", "account",
                                           account.login, account.scope_code, R"({"reason":"bad_password"})")));
        return Unauthenticated(std::string(kBadCredentials));
    }
    if (account.disabled) {
        GRIDGOV_RETURN_IF_ERROR(
            store_.AppendAudit(MakeAudit(anonymous, now, "auth.login_failed", "account", account.login,
                                         account.scope_code, R"({"reason":"disabled"})")));
        return Unauthenticated("账号已停用，请联系管理员");
    }
    if (account.failed_logins != 0 || account.locked_until != 0) {
        account.failed_logins = 0;
        account.locked_until = 0;
        GRIDGOV_RETURN_IF_ERROR(store_.UpdateAccount(account, false, now, domain::AuditEntry{}));
    }
    unsigned char random[32];
    randombytes_buf(random, sizeof random);
    LoginResult result;
    result.token = "gg_" + Hex(random, sizeof random);
    result.expires_at = now + options_.token_ttl_seconds;
    domain::Session session{0, account.id, HashToken(result.token), now, result.expires_at, 0};
    GRIDGOV_RETURN_IF_ERROR(store_.CreateSession(
        session, MakeAudit(anonymous, now, "auth.login", "account", account.login, account.scope_code)));
    result.account = std::move(account);
    return result;
}

Result<Caller> AuthService::Authenticate(std::string_view token, std::string_view remote) {
    if (token.empty() || token.size() > 256) return Unauthenticated("请先登录");
    Result<domain::Session> session = store_.FindSession(HashToken(token));
    if (!session.ok()) {
        if (session.status().code() == StatusCode::kNotFound) return Unauthenticated("登录已失效，请重新登录");
        return session.status();
    }
    if (session->revoked_at != 0 || session->expires_at <= Now()) return Unauthenticated("登录已失效，请重新登录");
    GRIDGOV_ASSIGN_OR_RETURN(domain::Account account, store_.GetAccountById(session->account_id));
    if (account.disabled) return Unauthenticated("账号已停用，请联系管理员");
    std::optional<domain::Role> role = domain::ParseRole(account.role);
    if (!role) return Unauthenticated("账号角色无效，请联系管理员");
    Caller caller;
    caller.account_id = account.id;
    caller.login = account.login;
    caller.name = account.name;
    caller.role = *role;
    caller.scope_code = account.scope_code;
    caller.unit_code = account.unit_code;
    caller.remote = std::string(remote);
    return caller;
}

Status AuthService::Logout(const Caller& caller, std::string_view token) {
    std::int64_t now = Now();
    return store_.RevokeSession(HashToken(token), now,
                                MakeAudit(caller, now, "auth.logout", "account", caller.login, caller.scope_code));
}

Status AuthService::ChangePassword(const Caller& caller, std::string_view old_password, std::string_view new_password) {
    GRIDGOV_ASSIGN_OR_RETURN(domain::Account account, store_.GetAccountById(caller.account_id));
    if (!VerifyPassword(account.password_hash, old_password)) return InvalidArgument("原密码不正确", "old_password");
    GRIDGOV_RETURN_IF_ERROR(ValidatePassword(new_password));
    GRIDGOV_ASSIGN_OR_RETURN(account.password_hash, HashPassword(new_password));
    std::int64_t now = Now();
    return store_.UpdateAccount(
        account, true, now,
        MakeAudit(caller, now, "account.change_password", "account", account.login, account.scope_code));
}

Result<domain::Account> AuthService::CreateAccount(const Caller& actor, const NewAccount& n) {
    GRIDGOV_RETURN_IF_ERROR(Authorize(actor, domain::Action::kManageUsers));
    GRIDGOV_RETURN_IF_ERROR(ValidateLogin(n.login));
    std::optional<domain::Role> role = domain::ParseRole(n.role);
    if (!role) return InvalidArgument("未知角色：" + n.role, "role");
    GRIDGOV_RETURN_IF_ERROR(ValidateScope(n.scope_code));
    GRIDGOV_RETURN_IF_ERROR(CheckScope(actor, n.scope_code));
    if (n.scope_code.size() == 15) {
        GRIDGOV_RETURN_IF_ERROR(store_.GetGrid(n.scope_code).status());
    } else {
        GRIDGOV_RETURN_IF_ERROR(store_.GetRegion(n.scope_code).status());
    }
    if (n.name.empty() || n.name.size() > 64) return InvalidArgument("姓名不能为空且不超过 64 字节", "name");
    if (!n.unit_code.empty()) GRIDGOV_RETURN_IF_ERROR(FindUnit(store_, n.unit_code).status());
    GRIDGOV_RETURN_IF_ERROR(ValidatePassword(n.password));
    domain::Account a;
    a.login = n.login;
    a.name = n.name;
    a.role = std::string(domain::RoleName(*role));
    a.scope_code = n.scope_code;
    a.unit_code = n.unit_code;
    GRIDGOV_ASSIGN_OR_RETURN(a.password_hash, HashPassword(n.password));
    a.created_at = Now();
    std::string detail = R"({"role":)" + JsonString(a.role) + R"(,"scope_code":)" + JsonString(a.scope_code) + "}";
    GRIDGOV_ASSIGN_OR_RETURN(a.id, store_.CreateAccount(a, MakeAudit(actor, a.created_at, "account.create", "account",
                                                                     a.login, a.scope_code, detail)));
    return a;
}

Result<domain::Account> AuthService::AccountInScope(const Caller& actor, std::string_view login) {
    GRIDGOV_RETURN_IF_ERROR(Authorize(actor, domain::Action::kManageUsers));
    GRIDGOV_ASSIGN_OR_RETURN(domain::Account account, store_.GetAccount(login));
    GRIDGOV_RETURN_IF_ERROR(CheckScope(actor, account.scope_code));
    return account;
}

Status AuthService::ResetPassword(const Caller& actor, std::string_view login, std::string_view new_password) {
    GRIDGOV_ASSIGN_OR_RETURN(domain::Account account, AccountInScope(actor, login));
    GRIDGOV_RETURN_IF_ERROR(ValidatePassword(new_password));
    GRIDGOV_ASSIGN_OR_RETURN(account.password_hash, HashPassword(new_password));
    account.failed_logins = 0;
    account.locked_until = 0;
    std::int64_t now = Now();
    return store_.UpdateAccount(
        account, true, now,
        MakeAudit(actor, now, "account.reset_password", "account", account.login, account.scope_code));
}

Status AuthService::Unlock(const Caller& actor, std::string_view login) {
    GRIDGOV_ASSIGN_OR_RETURN(domain::Account account, AccountInScope(actor, login));
    account.failed_logins = 0;
    account.locked_until = 0;
    std::int64_t now = Now();
    return store_.UpdateAccount(account, false, now,
                                MakeAudit(actor, now, "account.unlock", "account", account.login, account.scope_code));
}

Status AuthService::RevokeSessions(const Caller& actor, std::string_view login) {
    GRIDGOV_ASSIGN_OR_RETURN(domain::Account account, AccountInScope(actor, login));
    std::int64_t now = Now();
    return store_.UpdateAccount(
        account, true, now,
        MakeAudit(actor, now, "account.revoke_sessions", "account", account.login, account.scope_code));
}

Result<storage::Page<domain::Account>> AuthService::ListAccounts(const Caller& actor, storage::PageRequest page) {
    GRIDGOV_RETURN_IF_ERROR(Authorize(actor, domain::Action::kManageUsers));
    return store_.ListAccounts(actor.unrestricted ? "" : actor.scope_code, page);
}

Result<storage::Page<domain::AuditEntry>> AuthService::SearchAudit(const Caller& actor, storage::AuditFilter filter) {
    GRIDGOV_RETURN_IF_ERROR(Authorize(actor, domain::Action::kViewAudit));
    if (!actor.unrestricted) {
        if (filter.region_code.empty()) {
            filter.region_code = actor.scope_code;
        } else {
            GRIDGOV_RETURN_IF_ERROR(CheckScope(actor, filter.region_code));
        }
    }
    return store_.ListAudit(filter);
}

}  // namespace gridgov::service
