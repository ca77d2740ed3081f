// Route table: pattern parsing, matching with literal-first precedence, 404/405 answers.
#include "http/router.hpp"

#include <spdlog/spdlog.h>
#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

#include <algorithm>
#include <stdexcept>

#include "http/json_response.hpp"

namespace gridgov::http {
namespace {

bool IsParamNameChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

std::string_view Lookup(const std::unordered_map<std::string, std::string>& map, std::string_view key) {
    auto it = map.find(std::string(key));
    return it == map.end() ? std::string_view() : std::string_view(it->second);
}

}  // namespace

std::string_view RouteParams::Path(std::string_view key) const { return Lookup(path, key); }

std::string_view RouteParams::Query(std::string_view key) const { return Lookup(query, key); }

void Router::Add(beast_http::verb method, std::string pattern, RouteHandler handler, std::string name) {
    if (method == beast_http::verb::unknown) throw std::invalid_argument("route method is unknown: " + pattern);
    if (!handler) throw std::invalid_argument("route has no handler: " + pattern);
    if (pattern.empty() || pattern.front() != '/') throw std::invalid_argument("route must start with /: " + pattern);
    std::vector<Segment> segments;
    if (pattern != "/") {
        std::string_view rest = std::string_view(pattern).substr(1);
        while (true) {
            const std::size_t slash = rest.find('/');
            std::string_view text = rest.substr(0, slash);
            if (text.empty()) throw std::invalid_argument("route has an empty segment: " + pattern);
            Segment segment;
            if (text.front() == '{') {
                std::string_view param = text.substr(1);
                if (param.size() < 2 || param.back() != '}') throw std::invalid_argument("bad {name}: " + pattern);
                param.remove_suffix(1);
                if (!std::all_of(param.begin(), param.end(), IsParamNameChar)) {
                    throw std::invalid_argument("bad {name}: " + pattern);
                }
                for (const Segment& seen : segments) {
                    if (seen.is_param && seen.text == param) throw std::invalid_argument("repeated {name}: " + pattern);
                }
                segment = {std::string(param), true};
            } else {
                if (text.find_first_of("{}") != std::string_view::npos) {
                    throw std::invalid_argument("braces inside a literal segment: " + pattern);
                }
                segment = {std::string(text), false};
            }
            segments.push_back(std::move(segment));
            if (slash == std::string_view::npos) break;
            rest = rest.substr(slash + 1);
        }
    }
    for (const Route& route : routes_) {
        if (route.method == method && route.pattern == pattern) {
            throw std::invalid_argument("route registered twice: " + std::string(beast_http::to_string(method)) + " " +
                                        pattern);
        }
    }
    routes_.push_back({method, std::move(pattern), std::move(segments), std::move(handler), std::move(name)});
}

bool Router::Matches(const Route& route, const std::vector<std::string>& segments) {
    if (route.segments.size() != segments.size()) return false;
    for (std::size_t i = 0; i < segments.size(); ++i) {
        const Segment& segment = route.segments[i];
        if (segment.is_param ? segments[i].empty() : segment.text != segments[i]) return false;
    }
    return true;
}

bool Router::MoreSpecific(const Route& a, const Route& b) {
    for (std::size_t i = 0; i < a.segments.size() && i < b.segments.size(); ++i) {
        if (a.segments[i].is_param != b.segments[i].is_param) return !a.segments[i].is_param;
    }
    return false;
}

Response Router::Dispatch(const Request& request, const RequestContext& context) const {
    auto parsed = boost::urls::parse_origin_form(std::string_view(request.target()));
    if (!parsed) return ErrorResponse(request, InvalidArgument("请求路径无效"));
    std::vector<std::string> segments;
    for (std::string segment : parsed->segments()) segments.push_back(std::move(segment));

    const Route* best = nullptr;
    const Route* best_get = nullptr;
    std::vector<beast_http::verb> allowed;
    for (const Route& route : routes_) {
        if (!Matches(route, segments)) continue;
        allowed.push_back(route.method);
        if (route.method == request.method() && (best == nullptr || MoreSpecific(route, *best))) best = &route;
        if (route.method == beast_http::verb::get && (best_get == nullptr || MoreSpecific(route, *best_get))) {
            best_get = &route;
        }
    }
    if (best == nullptr && request.method() == beast_http::verb::head) best = best_get;

    if (best == nullptr) {
        if (allowed.empty()) return ErrorResponse(request, NotFound("接口不存在"));
        if (std::find(allowed.begin(), allowed.end(), beast_http::verb::get) != allowed.end()) {
            allowed.push_back(beast_http::verb::head);
        }
        std::vector<std::string> names;
        for (beast_http::verb verb : allowed) names.emplace_back(beast_http::to_string(verb));
        std::sort(names.begin(), names.end());
        names.erase(std::unique(names.begin(), names.end()), names.end());
        std::string allow;
        for (const std::string& verb_name : names) allow += (allow.empty() ? "" : ", ") + verb_name;
        Response response = ErrorResponse(request, beast_http::status::method_not_allowed,
                                          InvalidArgument("不支持该请求方法：" + std::string(request.method_string())));
        response.set(beast_http::field::allow, allow);
        return response;
    }

    RouteParams params;
    for (std::size_t i = 0; i < segments.size(); ++i) {
        if (best->segments[i].is_param) params.path.emplace(best->segments[i].text, std::move(segments[i]));
    }
    for (const auto& param : parsed->params()) {
        if (param.key.empty()) continue;
        params.query.try_emplace(param.key, param.has_value ? param.value : std::string());
    }
    if (!best->name.empty()) spdlog::trace("route {} {}", best->name, std::string_view(request.target()));
    return best->handler(request, params, context);
}

std::vector<std::pair<std::string, std::string>> Router::Routes() const {
    std::vector<std::pair<std::string, std::string>> routes;
    routes.reserve(routes_.size());
    for (const Route& route : routes_) routes.emplace_back(beast_http::to_string(route.method), route.pattern);
    return routes;
}

}  // namespace gridgov::http
