// The storage contract of the case engine: categories, routing, cases and their append-only history.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "common/status.hpp"
#include "domain/account.hpp"
#include "domain/case.hpp"
#include "storage/store.hpp"

namespace gridgov::storage {

struct CaseFilter {
    std::string region_code;                // cases whose grid or region lies in this subtree; "" = everywhere
    std::string unit_code;                  // cases dispatched to this unit; "" = any
    std::vector<domain::CaseState> states;  // any of these; empty = any state
    std::optional<domain::CaseType> type;
    std::optional<domain::Channel> channel;
    std::string category_code;
    std::string warning;  // "yellow" or "red"; "" = any
    std::string q;        // substring of title or description
    std::string reporter_login;
    std::int64_t created_from = 0;  // unix seconds, inclusive; 0 = open
    std::int64_t created_to = 0;    // exclusive; 0 = open
    bool region_or_unit = false;    // true: match region_code OR unit_code (a unit sees what it was sent)
    PageRequest page;
};

// Counts of a caller's to-do list.
struct TodoCounts {
    std::int64_t to_accept = 0;  // 待受理 (registered, in the caller's region)
    std::int64_t to_sign = 0;    // 待签收
    std::int64_t to_handle = 0;  // 待处置
    std::int64_t to_verify = 0;  // 待核查
    std::int64_t due_soon = 0;   // 即将超期 (yellow)
    std::int64_t overdue = 0;    // 已超期 (red)
};

// A key an outside system (an Open311 client) presents; only its hash is stored.
struct ApiKey {
    std::string key_hash;  // hex BLAKE2b of the key
    std::string name;      // who holds it, e.g. "12345 平台"; reports are made in this name
    bool active = true;
    std::int64_t created_at = 0;
};

// Thread-safe like Store; every write is atomic with its history rows (and audit row where given).
class CaseStore {
  public:
    virtual ~CaseStore() = default;

    virtual Status UpsertCategories(std::span<const domain::CaseCategory> categories) = 0;
    virtual Result<std::vector<domain::CaseCategory>> ListCategories() = 0;
    // NotFound for an unknown code.
    virtual Result<domain::CaseCategory> GetCategory(std::string_view code) = 0;
    // Rules whose unit must exist (InvalidArgument otherwise). Replaces a rule with the same region+category.
    virtual Status UpsertRoutingRules(std::span<const domain::RoutingRule> rules) = 0;
    // The rules of a category, most specific region (longest code) first.
    virtual Result<std::vector<domain::RoutingRule>> RoutingRulesFor(std::string_view category_code) = 0;

    // Inserts a case (id, case_no, version are assigned) with its first history row. When the case carries
    // a client_request_id already used by the same reporter, nothing is written and the existing case is
    // returned with `created` false: a client retrying after a lost response gets the same case.
    struct Created {
        domain::Case value;
        bool created = true;
    };
    virtual Result<Created> CreateCase(const domain::Case& c, const domain::CaseEvent& first) = 0;
    // Writes `updated` (all mutable fields) when the stored version is `expected_version`, setting the
    // version to expected_version + 1, and appends `events`. Conflict ("数据已被他人修改") on a stale version,
    // NotFound for an unknown id.
    virtual Result<domain::Case> UpdateCase(const domain::Case& updated, std::int64_t expected_version,
                                            std::span<const domain::CaseEvent> events) = 0;
    virtual Result<domain::Case> GetCase(std::int64_t id) = 0;
    // Oldest first.
    virtual Result<std::vector<domain::CaseEvent>> CaseHistory(std::int64_t id) = 0;
    // Newest first.
    virtual Result<Page<domain::Case>> ListCases(const CaseFilter& filter) = 0;
    // To-do counts for a region subtree and/or a unit (see CaseFilter::region_or_unit).
    virtual Result<TodoCounts> CountTodo(std::string_view region_code, std::string_view unit_code) = 0;
    // Cases of `category_code` created at or after `since` inside `region_code` (duplicate candidates).
    virtual Result<std::vector<domain::Case>> RecentCases(std::string_view category_code, std::int64_t since,
                                                          std::string_view region_code) = 0;
    // Every case whose clock runs (see domain::ClockRuns), for the deadline scan.
    virtual Result<std::vector<domain::Case>> OpenCases() = 0;
    // The case stored for a reporter's client request id (the idempotency key), or nullopt.
    virtual Result<std::optional<domain::Case>> FindCaseByClientRequest(std::string_view reporter_login,
                                                                        std::string_view client_request_id) = 0;

    // Stores a new API key. Conflict when the name or hash is taken.
    virtual Status AddApiKey(const ApiKey& key) = 0;
    // The key with this hash; NotFound when there is none (inactive keys are returned, with active false).
    virtual Result<ApiKey> FindApiKey(std::string_view key_hash) = 0;

    // Visits every case once, in id order, streaming (for the statistics roll-up built at start): only the
    // fields statistics use are read (id, case_no, type, channel, category, state, level, grid, region, unit,
    // times, supervision, redo count, satisfaction, merged_into, overdue, warning); texts, the reporter and
    // deadlines are left empty. Stops at, and returns, the first error `visit` returns.
    virtual Status ScanCaseFacts(const std::function<Status(const domain::Case&)>& visit) = 0;
    // Bulk insert of generated cases with their histories (the demo), in one transaction; ids assigned.
    virtual Status ImportCases(std::span<const domain::Case> cases,
                               std::span<const std::vector<domain::CaseEvent>> histories) = 0;
};

}  // namespace gridgov::storage
