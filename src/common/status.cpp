// Names and formatting for Status.
#include "common/status.hpp"

namespace gridgov {

std::string_view StatusCodeName(StatusCode code) {
    switch (code) {
        case StatusCode::kOk:
            return "ok";
        case StatusCode::kNotFound:
            return "not_found";
        case StatusCode::kInvalidArgument:
            return "invalid_argument";
        case StatusCode::kConflict:
            return "conflict";
        case StatusCode::kPermissionDenied:
            return "permission_denied";
        case StatusCode::kUnauthenticated:
            return "unauthenticated";
        case StatusCode::kFailedPrecondition:
            return "failed_precondition";
        case StatusCode::kResourceExhausted:
            return "resource_exhausted";
        case StatusCode::kUnavailable:
            return "unavailable";
        case StatusCode::kInternal:
            return "internal";
    }
    return "internal";
}

std::string Status::ToString() const {
    if (ok()) return "ok";
    std::string s(StatusCodeName(code_));
    s += ": ";
    s += message_;
    if (!field_.empty()) s += " (" + field_ + ")";
    return s;
}

}  // namespace gridgov
