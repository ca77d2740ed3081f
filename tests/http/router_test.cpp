// Router: pattern matching, path and query parameters, literal precedence, 404/405 answers.
#include "http/router.hpp"

#include <gtest/gtest.h>
#include <boost/json/parse.hpp>

#include <stdexcept>
#include <string>

#include "http/json_response.hpp"

namespace gridgov::http {
namespace {

Request MakeRequest(beast_http::verb method, std::string target) {
    Request request{method, target, 11};
    request.set(beast_http::field::host, "localhost");
    return request;
}

// A route handler that answers "<label>" plus its parameters, so tests can see which route ran with what.
Router::RouteHandler Echo(std::string label) {
    return [label](const Request& request, const RouteParams& params, const RequestContext&) {
        boost::json::object path;
        for (const auto& [key, value] : params.path) path[key] = value;
        boost::json::object query;
        for (const auto& [key, value] : params.query) query[key] = value;
        return JsonResponse(request, beast_http::status::ok,
                            boost::json::object{{"route", label}, {"path", path}, {"query", query}});
    };
}

boost::json::object BodyOf(const Response& response) { return boost::json::parse(response.body()).as_object(); }

class RouterTest : public ::testing::Test {
  protected:
    void SetUp() override {
        router_.Add(beast_http::verb::get, "/api/v1/health", Echo("health"));
        router_.Add(beast_http::verb::get, "/api/v1/regions/{code}/children", Echo("children"));
        router_.Add(beast_http::verb::get, "/api/v1/cases/{id}", Echo("case"));
        router_.Add(beast_http::verb::delete_, "/api/v1/cases/{id}", Echo("delete case"));
        router_.Add(beast_http::verb::get, "/api/v1/cases/stats", Echo("stats"));
        router_.Add(beast_http::verb::post, "/api/v1/cases/{id}/actions/{op}", Echo("action"));
        router_.Add(beast_http::verb::get, "/", Echo("root"));
    }

    Response Get(std::string target, beast_http::verb method = beast_http::verb::get) const {
        return router_.Dispatch(MakeRequest(method, std::move(target)), context_);
    }

    Router router_;
    RequestContext context_{"127.0.0.1", std::chrono::steady_clock::now()};
};

TEST_F(RouterTest, MatchesLiteralRoute) {
    Response response = Get("/api/v1/health");
    EXPECT_EQ(response.result(), beast_http::status::ok);
    EXPECT_EQ(BodyOf(response).at("route").as_string(), "health");
}

TEST_F(RouterTest, MatchesRootPattern) { EXPECT_EQ(BodyOf(Get("/")).at("route").as_string(), "root"); }

TEST_F(RouterTest, ExtractsPathParameters) {
    boost::json::object body = BodyOf(Get("/api/v1/regions/371423/children"));
    EXPECT_EQ(body.at("route").as_string(), "children");
    EXPECT_EQ(body.at("path").at("code").as_string(), "371423");

    Response action =
        router_.Dispatch(MakeRequest(beast_http::verb::post, "/api/v1/cases/42/actions/dispatch"), context_);
    boost::json::object action_body = BodyOf(action);
    EXPECT_EQ(action_body.at("route").as_string(), "action");
    EXPECT_EQ(action_body.at("path").at("id").as_string(), "42");
    EXPECT_EQ(action_body.at("path").at("op").as_string(), "dispatch");
}

TEST_F(RouterTest, PathParametersArePercentDecoded) {
    boost::json::object body = BodyOf(Get("/api/v1/regions/%E5%BA%86%E4%BA%91%2F1/children"));
    EXPECT_EQ(body.at("route").as_string(), "children");
    // An encoded slash stays inside its segment instead of splitting the path.
    EXPECT_EQ(body.at("path").at("code").as_string(), "庆云/1");
}

TEST_F(RouterTest, RouteParamsAccessors) {
    Router router;
    std::string seen_code;
    std::string seen_page;
    std::string seen_missing = "unset";
    router.Add(beast_http::verb::get, "/r/{code}",
               [&](const Request& request, const RouteParams& params, const RequestContext&) {
                   seen_code = params.Path("code");
                   seen_page = params.Query("page");
                   seen_missing = params.Query("missing");
                   return JsonResponse(request, beast_http::status::ok, nullptr);
               });
    router.Dispatch(MakeRequest(beast_http::verb::get, "/r/371423?page=2"), context_);
    EXPECT_EQ(seen_code, "371423");
    EXPECT_EQ(seen_page, "2");
    EXPECT_EQ(seen_missing, "");
}

TEST_F(RouterTest, EmptySegmentDoesNotMatchParameter) {
    EXPECT_EQ(Get("/api/v1/regions//children").result(), beast_http::status::not_found);
    EXPECT_EQ(Get("/api/v1/cases/").result(), beast_http::status::not_found);
}

TEST_F(RouterTest, LiteralSegmentWinsOverParameter) {
    EXPECT_EQ(BodyOf(Get("/api/v1/cases/stats")).at("route").as_string(), "stats");
    EXPECT_EQ(BodyOf(Get("/api/v1/cases/17")).at("route").as_string(), "case");
}

TEST_F(RouterTest, LiteralPrecedenceDoesNotDependOnRegistrationOrder) {
    Router router;
    router.Add(beast_http::verb::get, "/a/{x}/c", Echo("param"));
    router.Add(beast_http::verb::get, "/a/b/{y}", Echo("literal"));
    EXPECT_EQ(BodyOf(router.Dispatch(MakeRequest(beast_http::verb::get, "/a/b/c"), context_)).at("route").as_string(),
              "literal");
    EXPECT_EQ(BodyOf(router.Dispatch(MakeRequest(beast_http::verb::get, "/a/z/c"), context_)).at("route").as_string(),
              "param");
}

TEST_F(RouterTest, QueryStringIsNotPartOfTheMatchAndIsDecoded) {
    boost::json::object body = BodyOf(Get("/api/v1/health?region=371423&q=%E5%BA%86%E4%BA%91+%E5%8E%BF&flag&x=1&x=2"));
    EXPECT_EQ(body.at("route").as_string(), "health");
    const boost::json::object& query = body.at("query").as_object();
    EXPECT_EQ(query.at("region").as_string(), "371423");
    EXPECT_EQ(query.at("q").as_string(), "庆云 县");
    EXPECT_EQ(query.at("flag").as_string(), "");
    EXPECT_EQ(query.at("x").as_string(), "1");  // the first of a repeated key
}

TEST_F(RouterTest, UnknownPathIs404WithErrorBody) {
    Response response = Get("/api/v1/nothing");
    EXPECT_EQ(response.result(), beast_http::status::not_found);
    EXPECT_EQ(response[beast_http::field::content_type], "application/json; charset=utf-8");
    boost::json::object body = BodyOf(response);
    EXPECT_EQ(body.at("error").at("code").as_string(), "not_found");
    EXPECT_FALSE(body.at("error").at("message").as_string().empty());
}

TEST_F(RouterTest, KnownPathWrongMethodIs405WithAllow) {
    Response response = Get("/api/v1/cases/9", beast_http::verb::put);
    EXPECT_EQ(response.result(), beast_http::status::method_not_allowed);
    EXPECT_EQ(response[beast_http::field::allow], "DELETE, GET, HEAD");
    EXPECT_TRUE(BodyOf(response).contains("error"));

    Response post_only = Get("/api/v1/cases/9/actions/close", beast_http::verb::get);
    EXPECT_EQ(post_only.result(), beast_http::status::method_not_allowed);
    EXPECT_EQ(post_only[beast_http::field::allow], "POST");
}

TEST_F(RouterTest, HeadUsesGetRoute) {
    Response response = Get("/api/v1/health", beast_http::verb::head);
    EXPECT_EQ(response.result(), beast_http::status::ok);
    EXPECT_EQ(BodyOf(response).at("route").as_string(), "health");
}

TEST_F(RouterTest, InvalidTargetIs400) {
    EXPECT_EQ(Get("/api/v1/cases/%zz").result(), beast_http::status::bad_request);
    EXPECT_EQ(Get("http://example.com/api/v1/health").result(), beast_http::status::bad_request);
}

TEST_F(RouterTest, RoutesListsRegistrationOrder) {
    auto routes = router_.Routes();
    ASSERT_EQ(routes.size(), 7u);
    EXPECT_EQ(routes[0], (std::pair<std::string, std::string>{"GET", "/api/v1/health"}));
    EXPECT_EQ(routes[3], (std::pair<std::string, std::string>{"DELETE", "/api/v1/cases/{id}"}));
    EXPECT_EQ(routes[5], (std::pair<std::string, std::string>{"POST", "/api/v1/cases/{id}/actions/{op}"}));
}

TEST(RouterAddTest, RejectsMalformedPatterns) {
    Router router;
    auto handler = Echo("x");
    EXPECT_THROW(router.Add(beast_http::verb::get, "api/v1", handler), std::invalid_argument);
    EXPECT_THROW(router.Add(beast_http::verb::get, "/a/{}", handler), std::invalid_argument);
    EXPECT_THROW(router.Add(beast_http::verb::get, "/a/{id", handler), std::invalid_argument);
    EXPECT_THROW(router.Add(beast_http::verb::get, "/a/x{id}", handler), std::invalid_argument);
    EXPECT_THROW(router.Add(beast_http::verb::get, "/a/{id}/{id}", handler), std::invalid_argument);
    EXPECT_THROW(router.Add(beast_http::verb::get, "/a//b", handler), std::invalid_argument);
    EXPECT_THROW(router.Add(beast_http::verb::get, "/a/", handler), std::invalid_argument);
    router.Add(beast_http::verb::get, "/a/{id}", handler);
    EXPECT_THROW(router.Add(beast_http::verb::get, "/a/{id}", handler), std::invalid_argument);
    EXPECT_NO_THROW(router.Add(beast_http::verb::post, "/a/{id}", handler));
}

TEST(RouterAddTest, HandlerExceptionsPropagate) {
    Router router;
    router.Add(beast_http::verb::get, "/boom",
               [](const Request&, const RouteParams&, const RequestContext&) -> Response {
                   throw std::runtime_error("boom");
               });
    EXPECT_THROW(router.Dispatch(MakeRequest(beast_http::verb::get, "/boom"), RequestContext{}), std::runtime_error);
}

}  // namespace
}  // namespace gridgov::http
