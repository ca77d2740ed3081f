// The case engine over the API: report with an idempotency key, the flow with versions, 409/422/403, to-do
// counts, filters, categories, the scan.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "support/api_fixture.hpp"

namespace gridgov {
namespace {

namespace json = boost::json;
using http::beast_http::verb;

class CasesApiTest : public test_support::ApiFixture {
  protected:
    json::value Act(const std::string& who, std::int64_t id, const std::string& op, json::object body, int expected) {
        return CallJson(verb::post, "/api/v1/cases/" + std::to_string(id) + "/actions/" + op, Token(who), expected,
                        json::serialize(body));
    }
};

TEST_P(CasesApiTest, AGridWorkersReportGoesThroughTheFlow) {
    // The demo grid worker's grid is 371423001011001.
    std::string report = R"({"category_code":"housing.illegal","title":"私搭乱建彩钢房","grid_code":"371423001011001",
        "client_request_id":"m-1"})";
    json::value created = CallJson(verb::post, "/api/v1/cases", Token("grid"), 201, report);
    std::int64_t id = created.at("id").as_int64();
    EXPECT_EQ(created.at("created"), true);
    EXPECT_EQ(created.at("state"), "registered");
    EXPECT_EQ(created.at("state_name"), "待受理");
    EXPECT_EQ(created.at("unit_code"), "371423-ZFJ");
    // The same report again (a retry after a lost answer) is the same case.
    json::value again = CallJson(verb::post, "/api/v1/cases", Token("grid"), 200, report);
    EXPECT_EQ(again.at("id").as_int64(), id);
    EXPECT_EQ(again.at("created"), false);

    json::value todo = CallJson(verb::get, "/api/v1/cases/todo", Token("town"), 200);
    EXPECT_GE(todo.at("to_accept").as_int64(), 1);

    json::value c = Act("town", id, "accept", {{"version", 1}}, 200);
    c = Act("town", id, "dispatch", {{"version", c.at("version")}}, 200);
    EXPECT_EQ(c.at("state"), "dispatched");
    // The unit's to-do list has it; a stale version is refused with 409; a wrong op in this state with 422.
    EXPECT_GE(CallJson(verb::get, "/api/v1/cases/todo", Token("unit"), 200).at("to_sign").as_int64(), 1);
    json::value stale = Act("unit", id, "sign", {{"version", 1}}, 409);
    EXPECT_EQ(stale.at("error").at("details").at("field"), "version");
    Act("unit", id, "close", {{"version", c.at("version")}}, 422);
    Act("grid", id, "sign", {{"version", c.at("version")}}, 403);
    c = Act("unit", id, "sign", {{"version", c.at("version")}}, 200);
    Act("unit", id, "finish", {{"version", c.at("version")}}, 400);  // a comment is required
    c = Act("unit", id, "finish", {{"version", c.at("version")}, {"comment", "已拆除"}}, 200);
    c = Act("town", id, "verify", {{"version", c.at("version")}, {"pass", true}}, 200);
    c = Act("town", id, "close", {{"version", c.at("version")}}, 200);
    c = Act("town", id, "rate", {{"version", c.at("version")}, {"satisfaction", "satisfied"}}, 200);
    EXPECT_EQ(c.at("state"), "rated");
    EXPECT_EQ(c.at("satisfaction_name"), "满意");

    json::value detail = CallJson(verb::get, "/api/v1/cases/" + std::to_string(id), Token("county"), 200);
    EXPECT_EQ(detail.at("history").as_array().size(), 8u);  // report … rate
    EXPECT_EQ(detail.at("history").as_array()[1].at("op_name"), "受理");
    EXPECT_EQ(detail.at("reporter_phone"), "");
    // The unit sees it in its list; the grid worker finds it under "mine".
    EXPECT_GE(CallJson(verb::get, "/api/v1/cases?unit=371423-ZFJ", Token("unit"), 200).at("total").as_int64(), 1);
    EXPECT_EQ(CallJson(verb::get, "/api/v1/cases?mine=1", Token("grid"), 200).at("total"), 1);
    EXPECT_EQ(CallJson(verb::get, "/api/v1/cases?state=rated&q=%E5%BD%A9%E9%92%A2", Token("county"), 200).at("total"),
              1);
    // Dates are China dates: the fixture's clock is 2026-09-21 (UTC+8).
    EXPECT_EQ(CallJson(verb::get, "/api/v1/cases?from=2026-09-21&to=2026-09-21", Token("county"), 200).at("total"), 1);
    EXPECT_EQ(CallJson(verb::get, "/api/v1/cases?from=2026-09-22", Token("county"), 200).at("total"), 0);
    EXPECT_EQ(CallJson(verb::get, "/api/v1/cases?to=2026-09-20", Token("county"), 200).at("total"), 0);
    CallJson(verb::get, "/api/v1/cases?from=yesterday", Token("county"), 400);
    EXPECT_EQ(CallJson(verb::get, "/api/v1/auth/me", Token("unit"), 200).at("user").at("unit_code"), "371423-ZFJ");
}

TEST_P(CasesApiTest, BadInputIsRefusedWithItsField) {
    CallJson(verb::post, "/api/v1/cases", Token("grid"), 400, R"({"title":"x","grid_code":"371423001011001"})");
    CallJson(verb::post, "/api/v1/cases", Token("grid"), 400,
             R"({"category_code":"env.garbage","title":"x","lng":"e"})");
    CallJson(verb::post, "/api/v1/cases", Token("grid"), 400, "[1,2]");
    CallJson(verb::get, "/api/v1/cases?state=flying", Token("county"), 400);
    CallJson(verb::get, "/api/v1/cases/abc", Token("county"), 400);
    CallJson(verb::get, "/api/v1/cases/99999", Token("county"), 404);
    CallJson(verb::post, "/api/v1/cases/1/actions/fly", Token("county"), 404, R"({"version":1})");
    json::value no_version = CallJson(verb::post, "/api/v1/cases/1/actions/accept", Token("county"), 400, "{}");
    EXPECT_EQ(no_version.at("error").at("details").at("field"), "version");
}

TEST_P(CasesApiTest, CategoriesAndTheScanOnDemand) {
    json::value categories = CallJson(verb::get, "/api/v1/case-categories", Token("grid"), 200);
    EXPECT_GE(categories.at("total").as_int64(), 10);
    json::value scan = CallJson(verb::post, "/api/v1/cases/scan", Token("admin"), 200);
    EXPECT_GE(scan.at("examined").as_int64(), 0);
    CallJson(verb::post, "/api/v1/cases/scan", Token("county"), 403);
}

INSTANTIATE_TEST_SUITE_P(Backends, CasesApiTest, ::testing::ValuesIn(test_support::AllBackends()),
                         test_support::BackendName);

}  // namespace
}  // namespace gridgov
