// The permission matrix: every API route × every role × a target inside and outside the caller's scope.
// A route the router serves without a row here fails the suite, so a new endpoint cannot skip this check.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <set>

#include "domain/access.hpp"
#include "support/api_fixture.hpp"

namespace gridgov {
namespace {

using domain::Role;
using http::beast_http::verb;

constexpr std::string_view kInsideTown = "371423100";   // 庆云镇: every matrix user's scope
constexpr std::string_view kOutsideTown = "371423101";  // 常家镇
constexpr std::string_view kMatrixPassword = "Matrix2026x";

struct Row {
    verb method;
    std::string pattern;  // the route, as registered
    std::string inside;   // a target inside the callers' scope ({login} is replaced by the caller's login)
    std::string outside;  // the same request aimed outside the scope; "" when the route has no region target
    std::string body;     // JSON body for the inside request ({login} replaced); outside uses `outside_body`
    std::string outside_body;
    std::set<Role> allowed;    // roles that may; everyone else gets 403
    unsigned ok_status;        // what an allowed call answers
    bool is_public = false;    // no token needed
    bool fresh_token = false;  // the call ends the session (logout): use a token of its own
};

std::set<Role> Everyone() {
    auto all = domain::AllRoles();
    return {all.begin(), all.end()};
}

const std::set<Role> kSensitive{Role::kAdmin, Role::kCountyCenter, Role::kTownCenter, Role::kGridPolice};
const std::set<Role> kAdminOnly{Role::kAdmin};
const std::set<Role> kGridEditors{Role::kAdmin, Role::kCountyCenter};
const std::set<Role> kReporters{Role::kCountyCenter, Role::kTownCenter, Role::kVillageOfficer, Role::kGridWorker,
                                Role::kGridPolice,   Role::kMediator,   Role::kPetitionOfficer};
const std::set<Role> kSupervisors{Role::kLeader, Role::kTownCenter, Role::kCountyCenter};

std::string NewCaseBody(const std::string& grid) {
    return R"({"category_code":"env.garbage","title":"矩阵测试事件","grid_code":")" + grid + R"("})";
}

std::string SquareGrid(const std::string& code) {
    return R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":")" + code +
           R"(","name":"矩阵测试网格"},"geometry":{"type":"Polygon","coordinates":[[[117.40,37.70],[117.401,37.70],)"
           R"([117.401,37.701],[117.40,37.701],[117.40,37.70]]]}}]})";
}

std::vector<Row> Matrix() {
    const std::string in(kInsideTown), out(kOutsideTown);
    const std::string in_grid = "371423100209001", out_grid = "371423101201001";
    return {
        {verb::get, "/api/v1/health", "/api/v1/health", "", "", "", Everyone(), 200, true},
        {verb::get, "/api/v1/openapi.json", "/api/v1/openapi.json", "", "", "", Everyone(), 200, true},
        {verb::post, "/api/v1/auth/login", "/api/v1/auth/login", "", R"({"login":"{login}","password":"Matrix2026x"})",
         "", Everyone(), 200, true},
        {verb::get, "/api/v1/auth/me", "/api/v1/auth/me", "", "", "", Everyone(), 200},
        {verb::post, "/api/v1/auth/logout", "/api/v1/auth/logout", "", "", "", Everyone(), 200, false, true},
        {verb::post, "/api/v1/auth/password", "/api/v1/auth/password", "",
         R"({"old_password":"not-mine-1","new_password":"Whatever2027"})", "", Everyone(), 400},
        {verb::get, "/api/v1/regions", "/api/v1/regions", "", "", "", Everyone(), 200},
        {verb::get, "/api/v1/regions/{code}", "/api/v1/regions/" + in, "/api/v1/regions/" + out, "", "", Everyone(),
         200},
        {verb::get, "/api/v1/regions/{code}/children", "/api/v1/regions/" + in + "/children",
         "/api/v1/regions/" + out + "/children", "", "", Everyone(), 200},
        {verb::get, "/api/v1/grids", "/api/v1/grids?region=" + in, "/api/v1/grids?region=" + out, "", "", Everyone(),
         200},
        {verb::get, "/api/v1/grids/{code}", "/api/v1/grids/" + in_grid, "/api/v1/grids/" + out_grid, "", "", Everyone(),
         200},
        {verb::get, "/api/v1/grids/{code}", "/api/v1/grids/" + in_grid + "?reveal=1",
         "/api/v1/grids/" + out_grid + "?reveal=1", "", "", kSensitive, 200},
        {verb::get, "/api/v1/units", "/api/v1/units?region=" + in, "/api/v1/units?region=" + out, "", "", Everyone(),
         200},
        {verb::get, "/api/v1/grids/locate", "/api/v1/grids/locate?lng=117.385&lat=37.776", "", "", "", Everyone(), 200},
        {verb::get, "/api/v1/grids/export", "/api/v1/grids/export?region=" + in, "/api/v1/grids/export?region=" + out,
         "", "", Everyone(), 200},
        {verb::post, "/api/v1/grids/import", "/api/v1/grids/import", "/api/v1/grids/import",
         SquareGrid("371423100209951"), SquareGrid(out_grid.substr(0, 12) + "951"), kGridEditors, 200},
        {verb::get, "/api/v1/regions/{code}/boundaries", "/api/v1/regions/" + in + "/boundaries?level=village",
         "/api/v1/regions/" + out + "/boundaries?level=village", "", "", Everyone(), 200},
        {verb::get, "/api/v1/regions/{code}/grid-check", "/api/v1/regions/" + in + "/grid-check",
         "/api/v1/regions/" + out + "/grid-check", "", "", Everyone(), 200},
        {verb::get, "/api/v1/case-categories", "/api/v1/case-categories", "", "", "", Everyone(), 200},
        {verb::post, "/api/v1/cases", "/api/v1/cases", "/api/v1/cases", NewCaseBody(in_grid), NewCaseBody(out_grid),
         kReporters, 201},
        {verb::get, "/api/v1/cases", "/api/v1/cases?region=" + in, "/api/v1/cases?region=" + out, "", "", Everyone(),
         200},
        {verb::get, "/api/v1/cases/todo", "/api/v1/cases/todo", "", "", "", Everyone(), 200},
        {verb::post, "/api/v1/cases/scan", "/api/v1/cases/scan", "", "", "", kAdminOnly, 200},
        // Case 1 lies in the callers' town, case 2 outside it (made in SetUp).
        {verb::get, "/api/v1/cases/{id}", "/api/v1/cases/1", "/api/v1/cases/2", "", "", Everyone(), 200},
        // An invalid parameter after the permission checks: allowed roles get 400, the others 403.
        {verb::post, "/api/v1/cases/{id}/actions/{op}", "/api/v1/cases/1/actions/supervise",
         "/api/v1/cases/2/actions/supervise", R"({"version":1,"supervision":"bogus"})",
         R"({"version":1,"supervision":"bogus"})", kSupervisors, 400},
        {verb::get, "/api/v1/stats/summary", "/api/v1/stats/summary?region=" + in,
         "/api/v1/stats/summary?region=" + out, "", "", Everyone(), 200},
        {verb::get, "/api/v1/stats/trend", "/api/v1/stats/trend?region=" + in + "&interval=week",
         "/api/v1/stats/trend?region=" + out + "&interval=week", "", "", Everyone(), 200},
        {verb::get, "/api/v1/stats/ranking", "/api/v1/stats/ranking?region=" + in,
         "/api/v1/stats/ranking?region=" + out, "", "", Everyone(), 200},
        {verb::get, "/api/v1/stats/breakdown", "/api/v1/stats/breakdown?region=" + in + "&by=channel",
         "/api/v1/stats/breakdown?region=" + out + "&by=channel", "", "", Everyone(), 200},
        {verb::get, "/api/v1/calendar/due", "/api/v1/calendar/due?from=2026-02-12&working_days=3", "", "", "",
         Everyone(), 200},
        {verb::put, "/api/v1/calendar/days", "/api/v1/calendar/days", "",
         R"({"days":[{"date":"2027-01-01","kind":"rest","note":"元旦"}]})", "", kAdminOnly, 200},
        {verb::get, "/api/v1/users", "/api/v1/users", "", "", "", kAdminOnly, 200},
        {verb::post, "/api/v1/users", "/api/v1/users", "/api/v1/users",
         R"({"login":"new.{login}","name":"新用户","role":"grid_worker","scope_code":")" + in +
             R"(","password":"Newbie2026"})",
         R"({"login":"out.{login}","name":"新用户","role":"grid_worker","scope_code":")" + out +
             R"(","password":"Newbie2026"})",
         kAdminOnly, 201},
        {verb::post, "/api/v1/users/{login}/password", "/api/v1/users/victim.in/password",
         "/api/v1/users/victim.out/password", R"({"password":"Reset20261"})", R"({"password":"Reset20261"})",
         kAdminOnly, 200},
        {verb::post, "/api/v1/users/{login}/unlock", "/api/v1/users/victim.in/unlock",
         "/api/v1/users/victim.out/unlock", "", "", kAdminOnly, 200},
        {verb::post, "/api/v1/users/{login}/revoke-sessions", "/api/v1/users/victim.in/revoke-sessions",
         "/api/v1/users/victim.out/revoke-sessions", "", "", kAdminOnly, 200},
        {verb::get, "/api/v1/audit", "/api/v1/audit?region=" + in, "/api/v1/audit?region=" + out, "", "", kAdminOnly,
         200},
        {verb::get, "/api/v1/audit/export", "/api/v1/audit/export?region=" + in, "/api/v1/audit/export?region=" + out,
         "", "", kAdminOnly, 200},
        // Every case role may upload and read attachments; the matrix sends JSON, which is no photo (400), and
        // asks for a hash never stored (404).
        {verb::post, "/api/v1/attachments", "/api/v1/attachments", "", "{}", "", Everyone(), 400},
        {verb::get, "/api/v1/attachments/{hash}", "/api/v1/attachments/" + std::string(64, '0'), "", "", "", Everyone(),
         404},
        // Open311 GeoReport v2: public; creating needs an api_key (a wrong one is 403 for everybody).
        {verb::get, "/open311/v2/discovery.json", "/open311/v2/discovery.json", "", "", "", Everyone(), 200, true},
        {verb::get, "/open311/v2/discovery.xml", "/open311/v2/discovery.xml", "", "", "", Everyone(), 200, true},
        {verb::get, "/open311/v2/services.json", "/open311/v2/services.json", "", "", "", Everyone(), 200, true},
        {verb::get, "/open311/v2/services.xml", "/open311/v2/services.xml", "", "", "", Everyone(), 200, true},
        {verb::get, "/open311/v2/services/{service_code}", "/open311/v2/services/env.garbage.xml", "", "", "",
         Everyone(), 200, true},
        {verb::post, "/open311/v2/requests.json", "/open311/v2/requests.json", "",
         "api_key=bogus&service_code=env.garbage&lat=37.7&long=117.4", "", Everyone(), 403, true},
        {verb::post, "/open311/v2/requests.xml", "/open311/v2/requests.xml", "",
         "api_key=bogus&service_code=env.garbage&lat=37.7&long=117.4", "", Everyone(), 403, true},
        {verb::get, "/open311/v2/requests.json", "/open311/v2/requests.json", "", "", "", Everyone(), 200, true},
        {verb::get, "/open311/v2/requests.xml", "/open311/v2/requests.xml", "", "", "", Everyone(), 200, true},
        {verb::get, "/open311/v2/requests/{service_request_id}", "/open311/v2/requests/1.json", "", "", "", Everyone(),
         200, true},
        {verb::get, "/open311/v2/tokens/{token}", "/open311/v2/tokens/0123456789abcdef01234567.json", "", "", "",
         Everyone(), 404, true},
    };
}

std::string Fill(std::string text, std::string_view login) {
    for (auto pos = text.find("{login}"); pos != std::string::npos; pos = text.find("{login}")) {
        text.replace(pos, 7, login);
    }
    return text;
}

std::string MethodName(verb v) { return std::string(http::beast_http::to_string(v)); }

class AuthzMatrixTest : public test_support::ApiFixture {
  protected:
    void SetUp() override {
        options_.writes_burst = 10000;  // this test makes many writes and logins from one address on purpose
        options_.login_burst = 10000;
        test_support::ApiFixture::SetUp();
        service::AuthService& auth = api_->auth();
        service::Caller cli = service::Caller::CommandLine();
        for (Role role : domain::AllRoles()) {
            std::string login = "m." + std::string(domain::RoleName(role));
            login.erase(std::remove(login.begin(), login.end(), '_'), login.end());
            logins_[role] = login;
            ASSERT_TRUE(auth.CreateAccount(cli, {login, "矩阵测试", std::string(domain::RoleName(role)),
                                                 std::string(kInsideTown), std::string(kMatrixPassword), ""})
                            .ok());
        }
        ASSERT_TRUE(auth.CreateAccount(cli, {"victim.in", "镇内用户", "grid_worker", "371423100209",
                                             std::string(kMatrixPassword), ""})
                        .ok());
        ASSERT_TRUE(auth.CreateAccount(cli, {"victim.out", "镇外用户", "grid_worker", "371423101201",
                                             std::string(kMatrixPassword), ""})
                        .ok());
        for (const char* grid : {"371423100209001", "371423101201001"}) {
            service::NewCase in;
            in.category_code = "env.garbage";
            in.title = "矩阵测试案件";
            in.grid_code = grid;
            ASSERT_TRUE(api_->cases().Report(cli, in).ok());
        }
    }

    std::map<Role, std::string> logins_;
};

TEST_P(AuthzMatrixTest, EveryRouteHasARow) {
    std::set<std::string> covered;
    for (const Row& row : Matrix()) covered.insert(MethodName(row.method) + " " + row.pattern);
    for (const auto& [method, pattern] : api_->Routes()) {
        EXPECT_TRUE(covered.contains(method + " " + pattern))
            << "route " << method << " " << pattern << " has no row in the permission matrix";
    }
}

TEST_P(AuthzMatrixTest, EveryRoleInsideAndOutsideScope) {
    for (const Row& row : Matrix()) {
        SCOPED_TRACE(MethodName(row.method) + " " + row.inside);
        if (!row.is_public) {
            EXPECT_EQ(Call(row.method, row.inside, {}, Fill(row.body, "anonymous")).result_int(), 401u)
                << "no token must be refused";
        }
        for (Role role : domain::AllRoles()) {
            const std::string& login = logins_[role];
            SCOPED_TRACE(std::string(domain::RoleName(role)));
            std::string token = Token(login, kMatrixPassword);
            if (row.fresh_token) {
                tokens_.erase(login);
                token = Token(login, kMatrixPassword);
                tokens_.erase(login);  // this one is about to be revoked
            }
            bool allowed = row.allowed.contains(role);
            http::Response in = Call(row.method, row.inside, row.is_public ? "" : token, Fill(row.body, login));
            EXPECT_EQ(in.result_int(), allowed ? row.ok_status : 403u) << in.body();
            if (!row.outside.empty()) {
                http::Response out = Call(row.method, row.outside, token, Fill(row.outside_body, login));
                EXPECT_EQ(out.result_int(), 403u) << "outside the scope: " << out.body();
            }
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Backends, AuthzMatrixTest, ::testing::ValuesIn(test_support::AllBackends()),
                         test_support::BackendName);

}  // namespace
}  // namespace gridgov
