// JSON responses: the Status → HTTP status table, the error body contract, JSON body parsing.
#include "http/json_response.hpp"

#include <gtest/gtest.h>
#include <boost/json/parse.hpp>

#include <string>
#include <utility>
#include <vector>

namespace gridgov::http {
namespace {

Request MakeRequest(std::string body = {}, std::string content_type = {}, unsigned version = 11) {
    Request request{beast_http::verb::post, "/api/v1/cases", version};
    if (!content_type.empty()) request.set(beast_http::field::content_type, content_type);
    request.body() = std::move(body);
    request.prepare_payload();
    return request;
}

TEST(HttpStatusForTest, MapsEveryCode) {
    const std::vector<std::pair<StatusCode, unsigned>> expected = {
        {StatusCode::kOk, 200},
        {StatusCode::kNotFound, 404},
        {StatusCode::kInvalidArgument, 400},
        {StatusCode::kConflict, 409},
        {StatusCode::kPermissionDenied, 403},
        {StatusCode::kUnauthenticated, 401},
        {StatusCode::kFailedPrecondition, 422},
        {StatusCode::kResourceExhausted, 429},
        {StatusCode::kUnavailable, 503},
        {StatusCode::kInternal, 500},
    };
    for (const auto& [code, http_status] : expected) {
        EXPECT_EQ(static_cast<unsigned>(HttpStatusFor(code)), http_status) << StatusCodeName(code);
    }
}

TEST(ErrorResponseTest, BodyFollowsTheContract) {
    Response response = ErrorResponse(MakeRequest(), NotFound("区划代码不存在", "region_code"));
    EXPECT_EQ(response.result(), beast_http::status::not_found);
    EXPECT_EQ(response[beast_http::field::content_type], "application/json; charset=utf-8");
    EXPECT_EQ(response[beast_http::field::content_length], std::to_string(response.body().size()));
    boost::json::value body = boost::json::parse(response.body());
    const boost::json::object& error = body.at("error").as_object();
    EXPECT_EQ(error.at("code").as_string(), "not_found");
    EXPECT_EQ(error.at("message").as_string(), "区划代码不存在");
    EXPECT_EQ(error.at("details").at("field").as_string(), "region_code");
    EXPECT_EQ(body.as_object().size(), 1u);
}

TEST(ErrorResponseTest, DetailsNullWithoutField) {
    Response response = ErrorResponse(MakeRequest(), Conflict("版本已过期"));
    EXPECT_EQ(response.result(), beast_http::status::conflict);
    boost::json::value body = boost::json::parse(response.body());
    EXPECT_EQ(body.at("error").at("code").as_string(), "conflict");
    EXPECT_TRUE(body.at("error").at("details").is_null());
}

TEST(ErrorResponseTest, EveryCodeNameAndStatus) {
    const std::vector<Status> statuses = {
        NotFound("a"),        InvalidArgument("b"),    Conflict("c"),          PermissionDenied("d"),
        Unauthenticated("e"), FailedPrecondition("f"), ResourceExhausted("g"), Unavailable("h"),
    };
    for (const Status& status : statuses) {
        Response response = ErrorResponse(MakeRequest(), status);
        EXPECT_EQ(response.result(), HttpStatusFor(status.code()));
        boost::json::value body = boost::json::parse(response.body());
        EXPECT_EQ(body.at("error").at("code").as_string(), StatusCodeName(status.code()));
        EXPECT_EQ(body.at("error").at("message").as_string(), status.message());
    }
}

TEST(ErrorResponseTest, InternalMessageIsGeneric) {
    Response response = ErrorResponse(MakeRequest(), Status(StatusCode::kInternal, "SQLITE_CORRUPT at page 7", "x"));
    EXPECT_EQ(response.result(), beast_http::status::internal_server_error);
    EXPECT_EQ(response.body().find("SQLITE"), std::string::npos);
    boost::json::value body = boost::json::parse(response.body());
    EXPECT_EQ(body.at("error").at("code").as_string(), "internal");
    EXPECT_EQ(body.at("error").at("message").as_string(), "服务器内部错误");
    EXPECT_TRUE(body.at("error").at("details").is_null());
}

TEST(ErrorResponseTest, OkStatusIsTreatedAsInternal) {
    Response response = ErrorResponse(MakeRequest(), Status::Ok());
    EXPECT_EQ(response.result(), beast_http::status::internal_server_error);
}

TEST(ErrorResponseTest, ExplicitHttpStatusKeepsContract) {
    Response response =
        ErrorResponse(MakeRequest(), beast_http::status::payload_too_large, InvalidArgument("请求体过大", "body"));
    EXPECT_EQ(response.result(), beast_http::status::payload_too_large);
    boost::json::value body = boost::json::parse(response.body());
    EXPECT_EQ(body.at("error").at("code").as_string(), "invalid_argument");
    EXPECT_EQ(body.at("error").at("details").at("field").as_string(), "body");
}

TEST(JsonResponseTest, CopiesVersionAndKeepAlive) {
    Request http10 = MakeRequest({}, {}, 10);
    Response closing = JsonResponse(http10, beast_http::status::ok, boost::json::object{{"a", 1}});
    EXPECT_EQ(closing.version(), 10u);
    EXPECT_FALSE(closing.keep_alive());
    EXPECT_EQ(closing.body(), R"({"a":1})");

    Request http11 = MakeRequest();
    Response kept = JsonResponse(http11, beast_http::status::created, boost::json::array{1, "网格"});
    EXPECT_EQ(kept.version(), 11u);
    EXPECT_TRUE(kept.keep_alive());
    EXPECT_EQ(kept.result(), beast_http::status::created);
    EXPECT_EQ(kept.body(), R"([1,"网格"])");
    EXPECT_EQ(kept[beast_http::field::content_length], std::to_string(kept.body().size()));

    http11.keep_alive(false);
    EXPECT_FALSE(JsonResponse(http11, beast_http::status::ok, nullptr).keep_alive());
}

TEST(ParseJsonBodyTest, ParsesJson) {
    auto result = ParseJsonBody(MakeRequest(R"({"login":"admin","n":3})", "application/json"));
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    EXPECT_EQ(result->at("login").as_string(), "admin");
    EXPECT_EQ(result->at("n").as_int64(), 3);
}

TEST(ParseJsonBodyTest, AcceptsCharsetAndSuffixTypes) {
    EXPECT_TRUE(ParseJsonBody(MakeRequest("[1]", "Application/JSON; charset=utf-8")).ok());
    EXPECT_TRUE(ParseJsonBody(MakeRequest("{}", "application/merge-patch+json")).ok());
}

TEST(ParseJsonBodyTest, RejectsInvalidJson) {
    for (std::string bad : {"{", "{\"a\":}", "[1,2]x", "nul", "\"\xff\""}) {
        auto result = ParseJsonBody(MakeRequest(bad, "application/json"));
        ASSERT_FALSE(result.ok()) << bad;
        EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument);
        EXPECT_EQ(result.status().message(), "请求体不是有效的 JSON");
    }
}

TEST(ParseJsonBodyTest, RequiresJsonContentType) {
    auto missing = ParseJsonBody(MakeRequest("{}"));
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.status().code(), StatusCode::kInvalidArgument);
    auto form = ParseJsonBody(MakeRequest("a=1", "application/x-www-form-urlencoded"));
    ASSERT_FALSE(form.ok());
    EXPECT_EQ(form.status().code(), StatusCode::kInvalidArgument);
    EXPECT_FALSE(ParseJsonBody(MakeRequest("{}", "text/json")).ok());
}

TEST(ParseJsonBodyTest, RejectsEmptyBody) {
    auto result = ParseJsonBody(MakeRequest("", "application/json"));
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace gridgov::http
