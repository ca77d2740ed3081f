// API keys for outside systems (Open311 clients): created once by an operator, presented with each request.
#pragma once

#include <string>
#include <string_view>

#include "common/status.hpp"
#include "service/auth.hpp"
#include "storage/case_store.hpp"

namespace gridgov::service {

// Creates a key named `name` (1–64 bytes, unique) and returns it; it is shown once, only its hash is kept.
// InvalidArgument for a bad name, Conflict when the name is taken. Thread-safe.
Result<std::string> CreateApiKey(storage::CaseStore& cases, std::string_view name, std::int64_t now);

// The caller an API key acts as: an unrestricted system caller named after the key ("open311:<name>"), so
// that intake records who sent the report. PermissionDenied for an empty, unknown or inactive key.
Result<Caller> ApiKeyCaller(storage::CaseStore& cases, std::string_view key);

}  // namespace gridgov::service
