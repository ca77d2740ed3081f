// Maps method + path pattern ("/api/v1/regions/{code}/children") to route handlers.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "http/server.hpp"

namespace gridgov::http {

// What a matched route gets besides the request: its {name} path segments and the query string, both
// percent-decoded ("+" in the query is a space; for a repeated query key the first value wins).
struct RouteParams {
    std::unordered_map<std::string, std::string> path;
    std::unordered_map<std::string, std::string> query;

    // The decoded value of path segment {key}; "" if the pattern has no such segment.
    std::string_view Path(std::string_view key) const;
    // The decoded value of query parameter `key`; "" if absent (and for "?key" without a value).
    std::string_view Query(std::string_view key) const;
};

// A fixed table of routes, filled at start-up and then read concurrently (Dispatch and Routes are const and
// thread-safe; Add is not and must finish before the first Dispatch).
class Router {
  public:
    using RouteHandler = std::function<Response(const Request&, const RouteParams&, const RequestContext&)>;

    // Registers `handler` for `method` and `pattern`: "/"-separated literal segments and {name} segments, where
    // {name} matches exactly one non-empty segment. When several patterns match a path, the one with a literal
    // at the first position where they differ wins ("/cases/stats" before "/cases/{id}"). `name` labels the
    // route in logs. Throws std::invalid_argument for a malformed pattern (not starting with "/", a bad or
    // repeated {name}) or a method + pattern registered twice: a programming error found at start-up.
    void Add(beast_http::verb method, std::string pattern, RouteHandler handler, std::string name = {});

    // Runs the handler of the route matching the request's method and path (the query string takes no part in
    // matching; HEAD uses the GET route when it has none of its own). Answers, following the error contract,
    // 404 for a path no route matches, 405 with an Allow header for a known path and another method, and 400
    // for a target that is not a valid origin-form URL. Exceptions from the handler propagate to the caller.
    Response Dispatch(const Request& request, const RequestContext& context) const;

    // Every registered route as (method name, pattern), in registration order (for the OpenAPI check and docs).
    std::vector<std::pair<std::string, std::string>> Routes() const;

  private:
    struct Segment {
        std::string text;  // the literal, or the parameter name
        bool is_param = false;
    };
    struct Route {
        beast_http::verb method;
        std::string pattern;
        std::vector<Segment> segments;
        RouteHandler handler;
        std::string name;
    };

    // True when `route` matches the decoded `segments`.
    static bool Matches(const Route& route, const std::vector<std::string>& segments);
    // True when `a` is more specific than `b` (a literal where `b` has a parameter, at the first difference).
    static bool MoreSpecific(const Route& a, const Route& b);

    std::vector<Route> routes_;
};

}  // namespace gridgov::http
