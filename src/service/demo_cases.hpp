// The demo county's case configuration (categories, routing) and a year of generated cases.
#pragma once

#include <cstdint>
#include <string>

#include "common/status.hpp"
#include "storage/store.hpp"

namespace gridgov::service {

// Defines the event and 12345 categories with their time limits and routes each to a unit of `county` (county
// departments; neighbour disputes to the town's justice office, public order to the town's police station,
// street cleanliness to the town centre). Idempotent. Returns the number of categories.
Result<std::int64_t> SetUpCaseRouting(storage::Store& store, const std::string& county);

// Generates `count` cases over the year before `now` through the case engine itself (the same calls the API
// makes, with a simulated clock): every channel and category, most taken to a rated close, some still open,
// some finished late, some escalated, some rated unsatisfied and redone; then runs the deadline scan for `now`.
// Deterministic for (seed, now). Returns the number of cases created.
Result<std::int64_t> GenerateDemoCases(storage::Store& store, const std::string& county, int count, std::uint64_t seed,
                                       std::int64_t now);

}  // namespace gridgov::service
