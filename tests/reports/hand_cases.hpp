// Hand-built cases with known figures, shared by the roll-up tests (in memory and through each backend).
#pragma once

#include <string>
#include <vector>

#include "common/date.hpp"
#include "domain/case.hpp"

namespace gridgov::test_support {

inline constexpr const char* kVillageA = "371423100201";
inline constexpr const char* kVillageB = "371423100202";
inline constexpr const char* kVillageC = "371423101201";  // another town

// 10:00 China time on `date` (YYYY-MM-DD).
inline std::int64_t At(const std::string& date) {
    Date d = ParseDate(date).value();
    return std::chrono::sys_days(d).time_since_epoch().count() * 86400LL + 2 * 3600;
}

inline domain::Case HandCase(const std::string& village, const std::string& date, domain::CaseState state) {
    domain::Case c;
    c.case_no = "SJ" + date.substr(0, 4) + date.substr(5, 2) + date.substr(8, 2);
    c.category_code = "env.garbage";
    c.title = "测试事件";
    c.region_code = village;
    c.state = state;
    c.created_at = At(date);
    c.updated_at = c.created_at;
    return c;
}

// The cases of the known answers: in 371423100 (villages A, B) in March 2026, 6 counted cases — received 6,
// finished 4 (66.67%), on time 3 (75%), overdue 2, rated 4, satisfied 3 (75%), score 82.5, bad 1, escalated 1,
// supervised 1, redone 1; one merged duplicate (not counted); one case in another town; one case a year
// earlier and one a month earlier (both in A).
inline std::vector<domain::Case> HandCases() {
    using domain::CaseState;
    using domain::Satisfaction;
    std::vector<domain::Case> out;
    auto c = HandCase(kVillageA, "2026-03-10", CaseState::kRated);  // very satisfied, on time
    c.satisfaction = Satisfaction::kVerySatisfied;
    out.push_back(c);
    c = HandCase(kVillageA, "2026-03-10", CaseState::kRated);  // satisfied, late
    c.satisfaction = Satisfaction::kSatisfied;
    c.overdue = true;
    out.push_back(c);
    c = HandCase(kVillageA, "2026-03-10", CaseState::kClosed);  // closed, not rated yet
    out.push_back(c);
    c = HandCase(kVillageA, "2026-03-10", CaseState::kHandling);  // rated unsatisfied, redo, red card
    c.satisfaction = Satisfaction::kUnsatisfied;
    c.redo_count = 1;
    c.overdue = true;
    c.supervision = domain::Supervision::kRed;
    out.push_back(c);
    c = HandCase(kVillageA, "2026-03-10", CaseState::kMerged);  // a duplicate: not counted
    out.push_back(c);
    c = HandCase(kVillageB, "2026-03-11", CaseState::kRated);  // 12345, starts at the county: not escalated
    c.channel = domain::Channel::kHotline;
    c.type = domain::CaseType::kWorkOrder;
    c.category_code = "hotline.water";
    c.level = domain::CaseLevel::kCounty;
    c.satisfaction = Satisfaction::kBasicallySatisfied;
    out.push_back(c);
    c = HandCase(kVillageB, "2026-03-31", CaseState::kRegistered);  // escalated to the town, open
    c.level = domain::CaseLevel::kTown;
    out.push_back(c);
    c = HandCase(kVillageC, "2026-03-10", CaseState::kHandling);  // another town
    c.satisfaction = Satisfaction::kVeryUnsatisfied;
    out.push_back(c);
    out.push_back(HandCase(kVillageA, "2025-03-10", CaseState::kClosed));  // a year before
    out.push_back(HandCase(kVillageA, "2026-02-15", CaseState::kClosed));  // a month before
    return out;
}

}  // namespace gridgov::test_support
