// JSON responses, the one table from Status codes to HTTP statuses, and JSON request body parsing.
#pragma once

#include <boost/beast/http/status.hpp>
#include <boost/json/value.hpp>

#include "common/status.hpp"
#include "http/server.hpp"

namespace gridgov::http {

// The generic message a kInternal error shows the user; the real message only goes to the log.
inline constexpr std::string_view kInternalErrorMessage = "服务器内部错误";

// The HTTP status for a Status code (the single mapping table): not_found 404, invalid_argument 400,
// conflict 409, permission_denied 403, unauthenticated 401, failed_precondition 422, resource_exhausted 429,
// unavailable 503, internal 500; kOk is 200.
beast_http::status HttpStatusFor(StatusCode code);

// The error body {"error":{"code":"not_found","message":"…","details":{"field":"…"} or null}}. For kInternal
// (and a misused kOk) the message is kInternalErrorMessage and details null; the original message is logged.
boost::json::value ErrorBody(const Status& status);

// A response with `body` serialised as JSON, Content-Type "application/json; charset=utf-8", the request's HTTP
// version and keep-alive, and Content-Length set.
Response JsonResponse(const Request& request, beast_http::status status, const boost::json::value& body);

// The error contract: HttpStatusFor(status.code()) with ErrorBody(status). `status` must not be ok (an ok
// status is treated as an internal error).
Response ErrorResponse(const Request& request, const Status& status);

// Like ErrorResponse but with an explicit HTTP status, for errors the transport or router detects that have no
// Status code of their own (405, 413, 431). The body still follows the error contract.
Response ErrorResponse(const Request& request, beast_http::status http_status, const Status& status);

// Parses the request body as JSON. Errors (all kInvalidArgument): an empty body ("请求体不能为空"), a
// Content-Type other than application/json or application/*+json, and invalid JSON ("请求体不是有效的 JSON").
// Never throws on bad input.
Result<boost::json::value> ParseJsonBody(const Request& request);

}  // namespace gridgov::http
