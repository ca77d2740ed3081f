// JSON responses, the Status → HTTP status table and JSON body parsing.
#include "http/json_response.hpp"

#include <spdlog/spdlog.h>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <string_view>
#include <utility>

namespace gridgov::http {
namespace {

// The one table from Status codes to HTTP statuses.
constexpr std::array<std::pair<StatusCode, beast_http::status>, 10> kStatusTable{{
    {StatusCode::kOk, beast_http::status::ok},
    {StatusCode::kNotFound, beast_http::status::not_found},
    {StatusCode::kInvalidArgument, beast_http::status::bad_request},
    {StatusCode::kConflict, beast_http::status::conflict},
    {StatusCode::kPermissionDenied, beast_http::status::forbidden},
    {StatusCode::kUnauthenticated, beast_http::status::unauthorized},
    {StatusCode::kFailedPrecondition, beast_http::status::unprocessable_entity},
    {StatusCode::kResourceExhausted, beast_http::status::too_many_requests},
    {StatusCode::kUnavailable, beast_http::status::service_unavailable},
    {StatusCode::kInternal, beast_http::status::internal_server_error},
}};

constexpr std::string_view kJsonContentType = "application/json; charset=utf-8";

std::string AsciiLower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

std::string_view Trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

// True for "application/json" and "application/<anything>+json", parameters ignored.
bool IsJsonMediaType(std::string_view content_type) {
    std::string media = AsciiLower(Trim(content_type.substr(0, content_type.find(';'))));
    if (media == "application/json") return true;
    return media.starts_with("application/") && media.ends_with("+json");
}

}  // namespace

beast_http::status HttpStatusFor(StatusCode code) {
    for (const auto& [status_code, http_status] : kStatusTable) {
        if (status_code == code) return http_status;
    }
    return beast_http::status::internal_server_error;
}

boost::json::value ErrorBody(const Status& status) {
    const bool internal = status.ok() || status.code() == StatusCode::kInternal;
    if (internal) spdlog::error("内部错误: {}", status.ok() ? "ok status used as an error" : status.message());
    boost::json::object error;
    error["code"] = StatusCodeName(internal ? StatusCode::kInternal : status.code());
    error["message"] = internal ? kInternalErrorMessage : std::string_view(status.message());
    if (!internal && !status.field().empty()) {
        error["details"] = boost::json::object{{"field", status.field()}};
    } else {
        error["details"] = nullptr;
    }
    return boost::json::object{{"error", std::move(error)}};
}

Response JsonResponse(const Request& request, beast_http::status status, const boost::json::value& body) {
    Response response{status, request.version()};
    response.set(beast_http::field::content_type, kJsonContentType);
    response.keep_alive(request.keep_alive());
    response.body() = boost::json::serialize(body);
    response.prepare_payload();
    return response;
}

Response ErrorResponse(const Request& request, const Status& status) {
    const StatusCode code = status.ok() ? StatusCode::kInternal : status.code();
    return JsonResponse(request, HttpStatusFor(code), ErrorBody(status));
}

Response ErrorResponse(const Request& request, beast_http::status http_status, const Status& status) {
    return JsonResponse(request, http_status, ErrorBody(status));
}

Result<boost::json::value> ParseJsonBody(const Request& request) {
    const std::string& body = request.body();
    if (Trim(body).empty()) return InvalidArgument("请求体不能为空");
    auto content_type = request.find(beast_http::field::content_type);
    if (content_type == request.end() || !IsJsonMediaType(content_type->value())) {
        return InvalidArgument("请求体必须是 JSON（Content-Type: application/json）");
    }
    boost::system::error_code ec;
    boost::json::value value = boost::json::parse(body, ec);
    if (ec) return InvalidArgument("请求体不是有效的 JSON");
    return value;
}

}  // namespace gridgov::http
