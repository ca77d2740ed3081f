// Small helpers the API's handlers share: replying with a Result, reading JSON fields and query integers.
#pragma once

#include <boost/json.hpp>
#include <charconv>
#include <string>
#include <string_view>

#include "common/status.hpp"
#include "http/json_response.hpp"
#include "http/server.hpp"

namespace gridgov::http {

// Answers the value as 200 JSON, or the error contract for a failed Result.
template <typename T, typename F>
Response Reply(const Request& req, const Result<T>& result, F&& to_json) {
    if (!result.ok()) return ErrorResponse(req, result.status());
    return JsonResponse(req, beast_http::status::ok, to_json(result.value()));
}

inline Response ReplyStatus(const Request& req, const Status& s) {
    if (!s.ok()) return ErrorResponse(req, s);
    return JsonResponse(req, beast_http::status::ok, {{"ok", true}});
}

inline std::string_view BearerToken(const Request& req) {
    std::string_view auth = req[beast_http::field::authorization];
    constexpr std::string_view kPrefix = "Bearer ";
    if (auth.size() <= kPrefix.size() || !auth.starts_with(kPrefix)) return {};
    return auth.substr(kPrefix.size());
}

// A string member of a JSON object; InvalidArgument naming the field when missing or not a string.
inline Result<std::string> StringField(const boost::json::value& body, std::string_view key, bool required = true) {
    const boost::json::object* obj = body.if_object();
    if (obj == nullptr) return InvalidArgument("请求体应为 JSON 对象");
    const boost::json::value* v = obj->if_contains(key);
    if (v == nullptr || v->is_null()) {
        if (!required) return std::string();
        return InvalidArgument("缺少字段 " + std::string(key), std::string(key));
    }
    if (!v->is_string()) return InvalidArgument("字段 " + std::string(key) + " 应为字符串", std::string(key));
    return std::string(v->as_string());
}

inline Result<int> IntParam(std::string_view text, int lo, int hi, const char* field) {
    int n = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (text.empty() || ec != std::errc() || ptr != text.data() + text.size() || n < lo || n > hi) {
        return InvalidArgument(
            std::string(field) + " 应为 " + std::to_string(lo) + " 到 " + std::to_string(hi) + " 之间的整数", field);
    }
    return n;
}

}  // namespace gridgov::http
