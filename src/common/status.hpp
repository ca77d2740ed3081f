// Status and Result<T>: how every fallible call in common, domain, storage and service reports failure.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace gridgov {

// The failure classes the whole program uses; http maps each to one HTTP status.
enum class StatusCode {
    kOk,
    kNotFound,
    kInvalidArgument,
    kConflict,
    kPermissionDenied,
    kUnauthenticated,
    kFailedPrecondition,
    kResourceExhausted,
    kUnavailable,
    kInternal,
};

// Stable snake_case name of a code, as used in JSON error bodies ("not_found", ...).
std::string_view StatusCodeName(StatusCode code);

// An outcome: ok, or a code with a message for the user (Chinese where a user reads it) and an optional
// machine-readable field name (the column or JSON field at fault). Cheap to copy when ok.
class [[nodiscard]] Status {
  public:
    Status() = default;
    Status(StatusCode code, std::string message, std::string field = {})
        : code_(code), message_(std::move(message)), field_(std::move(field)) {}

    static Status Ok() { return {}; }

    bool ok() const { return code_ == StatusCode::kOk; }
    StatusCode code() const { return code_; }
    const std::string& message() const { return message_; }
    const std::string& field() const { return field_; }

    // "not_found: 区划代码不存在" — for logs and CLI output.
    std::string ToString() const;

  private:
    StatusCode code_ = StatusCode::kOk;
    std::string message_;
    std::string field_;
};

inline Status NotFound(std::string message, std::string field = {}) {
    return {StatusCode::kNotFound, std::move(message), std::move(field)};
}
inline Status InvalidArgument(std::string message, std::string field = {}) {
    return {StatusCode::kInvalidArgument, std::move(message), std::move(field)};
}
inline Status Conflict(std::string message, std::string field = {}) {
    return {StatusCode::kConflict, std::move(message), std::move(field)};
}
inline Status PermissionDenied(std::string message) { return {StatusCode::kPermissionDenied, std::move(message)}; }
inline Status Unauthenticated(std::string message) { return {StatusCode::kUnauthenticated, std::move(message)}; }
inline Status FailedPrecondition(std::string message) { return {StatusCode::kFailedPrecondition, std::move(message)}; }
inline Status ResourceExhausted(std::string message) { return {StatusCode::kResourceExhausted, std::move(message)}; }
inline Status Unavailable(std::string message) { return {StatusCode::kUnavailable, std::move(message)}; }
inline Status Internal(std::string message) { return {StatusCode::kInternal, std::move(message)}; }

// A value or a non-ok Status. Access to value() on an error is a programming error (asserts).
template <typename T>
class [[nodiscard]] Result {
  public:
    Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design, like absl::StatusOr
    Result(Status status) : status_(std::move(status)) { assert(!status_.ok()); }  // NOLINT

    bool ok() const { return value_.has_value(); }
    const Status& status() const { return status_; }

    T& value() & {
        assert(ok());
        return *value_;
    }
    const T& value() const& {
        assert(ok());
        return *value_;
    }
    T&& value() && {
        assert(ok());
        return std::move(*value_);
    }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

  private:
    std::optional<T> value_;
    Status status_;
};

}  // namespace gridgov

// Returns early from the enclosing function when `expr` (a Status) is not ok.
#define GRIDGOV_RETURN_IF_ERROR(expr)                      \
    do {                                                   \
        ::gridgov::Status gridgov_status_ = (expr);        \
        if (!gridgov_status_.ok()) return gridgov_status_; \
    } while (false)

#define GRIDGOV_CONCAT_INNER(a, b) a##b
#define GRIDGOV_CONCAT(a, b) GRIDGOV_CONCAT_INNER(a, b)
// `GRIDGOV_ASSIGN_OR_RETURN(auto x, F());` — binds the value or returns the error.
#define GRIDGOV_ASSIGN_OR_RETURN(lhs, expr) \
    GRIDGOV_ASSIGN_OR_RETURN_IMPL(GRIDGOV_CONCAT(gridgov_result_, __LINE__), lhs, expr)
#define GRIDGOV_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
    auto tmp = (expr);                                \
    if (!tmp.ok()) return tmp.status();               \
    lhs = std::move(tmp).value()
