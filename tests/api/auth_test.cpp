// Login, tokens (expiry, revocation), lockout, password changes, masking with audited reveal, the audit log.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "support/api_fixture.hpp"

namespace gridgov {
namespace {

namespace json = boost::json;
using http::beast_http::verb;

class AuthTest : public test_support::ApiFixture {
  protected:
    http::Response Login(const std::string& login, const std::string& password) {
        json::object body{{"login", login}, {"password", password}};
        if (rotate_remote_) remote_ = "10.1.0." + std::to_string(++calls_ % 250);
        return Call(verb::post, "/api/v1/auth/login", {}, json::serialize(body));
    }

    bool rotate_remote_ = false;  // spread attempts over addresses so the per-client rate limit stays out
    int calls_ = 0;
};

TEST_P(AuthTest, LoginReturnsATokenAndTheUser) {
    http::Response res = Login("town", "Demo@2026");
    ASSERT_EQ(res.result_int(), 200u) << res.body();
    json::value v = json::parse(res.body());
    std::string token(v.at("token").as_string());
    EXPECT_GE(token.size(), 40u);
    EXPECT_EQ(v.at("expires_at").as_int64(), now_ + 12 * 3600);
    EXPECT_EQ(v.at("user").at("role"), "town_center");
    EXPECT_EQ(v.at("user").at("scope_code"), "371423001");  // the county's first town (渤海路街道)
    EXPECT_EQ(v.at("user").at("scope_name"), "渤海路街道");
    json::value me = CallJson(verb::get, "/api/v1/auth/me", token, 200);
    EXPECT_EQ(me.at("user").at("login"), "town");
    EXPECT_EQ(me.at("user").at("role_name"), "乡镇(街道)综治中心");
    // The token is stored hashed: the raw token is nowhere in the database.
    auto session_audit = store_->ListAudit({"", "town", "auth.login", 0, 0, {1, 5}});
    ASSERT_EQ(session_audit->total, 1);
}

TEST_P(AuthTest, BadCredentialsAndMissingTokens) {
    for (auto [login, password] : {std::pair{"town", "wrong-password1"}, std::pair{"nobody", "Demo@2026"}}) {
        http::Response res = Login(login, password);
        EXPECT_EQ(res.result_int(), 401u);
        EXPECT_EQ(json::parse(res.body()).at("error").at("message"), "用户名或密码错误");
    }
    EXPECT_EQ(Call(verb::get, "/api/v1/regions/371423").result_int(), 401u);
    EXPECT_EQ(Call(verb::get, "/api/v1/regions/371423", "gg_not-a-token").result_int(), 401u);
    http::Response res = Call(verb::get, "/api/v1/auth/me");
    EXPECT_EQ(res[http::beast_http::field::www_authenticate], "Bearer");
    EXPECT_EQ(Call(verb::post, "/api/v1/auth/login", {}, "{not json").result_int(), 400u);
    EXPECT_EQ(Call(verb::post, "/api/v1/auth/login", {}, R"({"login":"town"})").result_int(), 400u);
    EXPECT_EQ(Call(verb::post, "/api/v1/auth/login", {}, R"({"login":7,"password":"x"})").result_int(), 400u);
}

TEST_P(AuthTest, TokensExpire) {
    std::string token = Token("county");
    EXPECT_EQ(Call(verb::get, "/api/v1/auth/me", token).result_int(), 200u);
    now_ += 12 * 3600 - 1;
    EXPECT_EQ(Call(verb::get, "/api/v1/auth/me", token).result_int(), 200u);
    now_ += 1;
    EXPECT_EQ(Call(verb::get, "/api/v1/auth/me", token).result_int(), 401u);
}

TEST_P(AuthTest, LogoutAndAdminResetRevokeTokens) {
    std::string county = Token("county");
    EXPECT_EQ(Call(verb::post, "/api/v1/auth/logout", county).result_int(), 200u);
    EXPECT_EQ(Call(verb::get, "/api/v1/auth/me", county).result_int(), 401u);

    std::string village = Token("village");
    std::string admin = Token("admin");
    EXPECT_EQ(Call(verb::post, "/api/v1/users/village/password", admin, R"({"password":"NewPass2027"})").result_int(),
              200u);
    EXPECT_EQ(Call(verb::get, "/api/v1/auth/me", village).result_int(), 401u);
    EXPECT_EQ(Login("village", "Demo@2026").result_int(), 401u);
    EXPECT_EQ(Login("village", "NewPass2027").result_int(), 200u);

    std::string grid = Token("grid");
    EXPECT_EQ(Call(verb::post, "/api/v1/users/grid/revoke-sessions", admin).result_int(), 200u);
    EXPECT_EQ(Call(verb::get, "/api/v1/auth/me", grid).result_int(), 401u);
}

TEST_P(AuthTest, LockoutAfterFiveFailuresUntilUnlockOrTimeout) {
    rotate_remote_ = true;
    for (int i = 0; i < 4; ++i) EXPECT_EQ(Login("police", "bad-password1").result_int(), 401u);
    EXPECT_EQ(Login("police", "Demo@2026").result_int(), 200u);  // success resets the count
    for (int i = 0; i < 5; ++i) EXPECT_EQ(Login("police", "bad-password1").result_int(), 401u);
    http::Response locked = Login("police", "Demo@2026");
    EXPECT_EQ(locked.result_int(), 429u);
    EXPECT_NE(json::parse(locked.body()).at("error").at("message").as_string().find("锁定"), json::string::npos);

    EXPECT_EQ(Call(verb::post, "/api/v1/users/police/unlock", Token("admin")).result_int(), 200u);
    EXPECT_EQ(Login("police", "Demo@2026").result_int(), 200u);

    for (int i = 0; i < 5; ++i) EXPECT_EQ(Login("police", "bad-password1").result_int(), 401u);
    EXPECT_EQ(Login("police", "Demo@2026").result_int(), 429u);
    now_ += 15 * 60;
    EXPECT_EQ(Login("police", "Demo@2026").result_int(), 200u);

    auto audit = store_->ListAudit({"", "police", "auth.locked", 0, 0, {1, 10}});
    EXPECT_EQ(audit->total, 2);
}

TEST_P(AuthTest, LoginAttemptsAreRateLimitedPerClient) {
    remote_ = "10.9.9.9";
    int limited = 0;
    for (int i = 0; i < 15; ++i) limited += Login("nobody", "whatever1").result_int() == 429u ? 1 : 0;
    EXPECT_EQ(limited, 5);  // a burst of 10, then refused
    remote_ = "10.9.9.10";
    EXPECT_EQ(Login("nobody", "whatever1").result_int(), 401u);
}

TEST_P(AuthTest, ChangeOwnPassword) {
    std::string token = Token("leader");
    EXPECT_EQ(Call(verb::post, "/api/v1/auth/password", token, R"({"old_password":"x","new_password":"Abcdefg12"})")
                  .result_int(),
              400u);
    EXPECT_EQ(
        Call(verb::post, "/api/v1/auth/password", token, R"({"old_password":"Demo@2026","new_password":"short1"})")
            .result_int(),
        400u);
    EXPECT_EQ(
        Call(verb::post, "/api/v1/auth/password", token, R"({"old_password":"Demo@2026","new_password":"Leader2027x"})")
            .result_int(),
        200u);
    EXPECT_EQ(Login("leader", "Leader2027x").result_int(), 200u);
}

TEST_P(AuthTest, CreateUsersWithRulesAndAudit) {
    std::string admin = Token("admin");
    json::value created = CallJson(
        verb::post, "/api/v1/users", admin, 201,
        R"({"login":"wang.li","name":"王丽","role":"mediator","scope_code":"371423100","password":"Mediate2026"})");
    EXPECT_EQ(created.at("role"), "mediator");
    EXPECT_EQ(created.at("role_name"), "调解员");
    CallJson(
        verb::post, "/api/v1/users", admin, 409,
        R"({"login":"wang.li","name":"王丽","role":"mediator","scope_code":"371423100","password":"Mediate2026"})");
    CallJson(verb::post, "/api/v1/users", admin, 400,
             R"({"login":"Bad Login","name":"x","role":"mediator","scope_code":"371423100","password":"Mediate2026"})");
    CallJson(verb::post, "/api/v1/users", admin, 400,
             R"({"login":"zhao","name":"x","role":"king","scope_code":"371423100","password":"Mediate2026"})");
    CallJson(verb::post, "/api/v1/users", admin, 400,
             R"({"login":"zhao","name":"x","role":"mediator","scope_code":"371423100","password":"weak"})");
    CallJson(verb::post, "/api/v1/users", admin, 404,
             R"({"login":"zhao","name":"x","role":"mediator","scope_code":"371423999","password":"Mediate2026"})");
    json::value audit = CallJson(verb::get, "/api/v1/audit?action=account.create&actor=admin", admin, 200);
    ASSERT_EQ(audit.at("total"), 1);
    EXPECT_EQ(audit.at("items").as_array()[0].at("target_id"), "wang.li");
    EXPECT_EQ(audit.at("items").as_array()[0].at("detail").at("role"), "mediator");
}

TEST_P(AuthTest, PhonesAreMaskedUnlessRevealedByAnAllowedRoleAndEveryRevealIsAudited) {
    std::string grid_code = "371423001011001";  // 新兴社区第一网格, in the county seat
    json::value masked = CallJson(verb::get, "/api/v1/grids/" + grid_code, Token("county"), 200);
    std::string phone(masked.at("staff").as_array()[0].at("phone").as_string());
    EXPECT_EQ(phone.substr(3, 4), "****");
    EXPECT_EQ(masked.at("revealed"), false);

    json::value full = CallJson(verb::get, "/api/v1/grids/" + grid_code + "?reveal=1", Token("county"), 200);
    std::string clear(full.at("staff").as_array()[0].at("phone").as_string());
    EXPECT_EQ(clear.find('*'), std::string::npos);
    EXPECT_EQ(clear.substr(0, 3), phone.substr(0, 3));
    EXPECT_EQ(full.at("revealed"), true);

    CallJson(verb::get, "/api/v1/grids/" + grid_code + "?reveal=1", Token("leader"), 403);

    json::value audit = CallJson(verb::get, "/api/v1/audit?action=grid.view_sensitive", Token("admin"), 200);
    ASSERT_EQ(audit.at("total"), 1);
    const json::value& row = audit.at("items").as_array()[0];
    EXPECT_EQ(row.at("actor"), "county");
    EXPECT_EQ(row.at("target_id").as_string(), grid_code);
    EXPECT_EQ(row.at("at"), now_);

    http::Response csv = Call(verb::get, "/api/v1/audit/export?action=grid.", Token("admin"));
    EXPECT_EQ(csv.result_int(), 200u);
    EXPECT_NE(csv.body().find(grid_code), std::string::npos);
    EXPECT_NE(std::string(csv[http::beast_http::field::content_type]).find("text/csv"), std::string::npos);
}

TEST_P(AuthTest, CalendarDaysDefinedByAdminChangeDueDates) {
    std::string admin = Token("admin");
    // 2027 is not published yet: weekends only. The administrator enters the Spring Festival.
    json::value before = CallJson(verb::get, "/api/v1/calendar/due?from=2027-02-05&working_days=1", admin, 200);
    EXPECT_EQ(before.at("due"), "2027-02-08");
    EXPECT_EQ(before.at("calendar_covered"), false);
    CallJson(
        verb::put, "/api/v1/calendar/days", admin, 200,
        R"({"days":[{"date":"2027-02-08","kind":"rest","note":"春节"},{"date":"2027-02-09","kind":"rest","note":"春节"}]})");
    json::value after = CallJson(verb::get, "/api/v1/calendar/due?from=2027-02-05&working_days=1", admin, 200);
    EXPECT_EQ(after.at("due"), "2027-02-10");
    EXPECT_EQ(after.at("calendar_covered"), true);
    CallJson(verb::put, "/api/v1/calendar/days", admin, 400, R"({"days":[{"date":"2027-02-30","kind":"rest"}]})");
    CallJson(verb::put, "/api/v1/calendar/days", Token("county"), 403,
             R"({"days":[{"date":"2027-02-10","kind":"rest"}]})");
    EXPECT_EQ(store_->ListAudit({"", "admin", "calendar.define", 0, 0, {1, 5}})->total, 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, AuthTest, ::testing::ValuesIn(test_support::AllBackends()),
                         test_support::BackendName);

}  // namespace
}  // namespace gridgov
