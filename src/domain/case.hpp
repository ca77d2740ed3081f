// A case (事件/工单) and its history rows: the records the case engine keeps.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/workflow.hpp"

namespace gridgov::domain {

// A category of event or work order (事件分类), with its time limits in working days.
struct CaseCategory {
    std::string code;  // e.g. "env.garbage"
    std::string name;  // e.g. "环境卫生"
    CaseType type = CaseType::kEvent;
    std::string parent_code;  // "" for a top-level category
    TimeLimits limits;
};

// Which unit handles a category in a region (the routing table); the most specific region wins.
struct RoutingRule {
    std::string region_code;
    std::string category_code;
    std::string unit_code;
};

struct Case {
    std::int64_t id = 0;
    std::string case_no;  // human-readable number, e.g. "SJ202611230001"
    CaseType type = CaseType::kEvent;
    Channel channel = Channel::kGridPatrol;
    std::string category_code;
    std::string title;
    std::string description;
    CaseState state = CaseState::kRegistered;
    CaseState state_before_suspension = CaseState::kRegistered;
    CaseLevel level = CaseLevel::kVillage;
    std::string grid_code;      // "" when the location is in no grid
    std::string region_code;    // the village (or the finest region known)
    std::optional<double> lng;  // WGS-84
    std::optional<double> lat;
    std::string address;
    std::string reporter_name;
    std::string reporter_phone;
    std::string reporter_login;     // the account that reported it, "" for residents
    std::string client_request_id;  // idempotency key of the reporting client (offline retries)
    std::string unit_code;          // the handling unit it is dispatched to
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
    std::int64_t version = 1;  // bumped by every change; clients send the version they saw
    // Deadlines (dates, "YYYY-MM-DD"; "" when the stage is not running).
    std::string sign_due;
    std::string handle_due;
    std::string verify_due;
    std::string level_due;
    std::string warning;  // "", "yellow" (a deadline is near) or "red" (a deadline passed)
    Supervision supervision = Supervision::kNone;
    int extension_days = 0;       // granted
    int extension_requested = 0;  // pending request
    int redo_count = 0;           // 重办 after an unsatisfied rating
    std::optional<Satisfaction> satisfaction;
    std::int64_t merged_into = 0;
    std::int64_t finished_at = 0;
    std::int64_t closed_at = 0;
    bool overdue = false;  // a deadline passed at some point (for 按期办结率)
};

// One immutable row of a case's history, written in the same transaction as the change it records.
struct CaseEvent {
    std::int64_t id = 0;
    std::int64_t case_id = 0;
    std::int64_t at = 0;
    std::string actor;
    std::string actor_role;
    std::string op;  // an operation name, or "report", "warn", "escalate_auto" for the system
    CaseState from = CaseState::kRegistered;
    CaseState to = CaseState::kRegistered;
    std::string comment;
    std::string data;                      // JSON: parameters of the operation
    std::vector<std::string> attachments;  // content hashes
};

}  // namespace gridgov::domain
