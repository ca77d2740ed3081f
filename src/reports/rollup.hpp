// The statistics roll-up: case counters by village × day × channel and village × day × category, kept as
// prefix sums over days, so that any region subtree and date range is answered by a few reads per village
// instead of a GROUP BY over millions of rows. Built once from the store, then kept current from the case
// engine's change observer (remove the case's old contribution, add its new one).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/date.hpp"
#include "common/status.hpp"
#include "domain/case.hpp"
#include "storage/case_store.hpp"

namespace gridgov::reports {

// What the roll-up counts for the cases received (registered) in a period. Every case counts on the day it
// was received (China time), in its village; a case merged into another (a duplicate) counts nowhere.
enum Counter : int {
    kReceived,    // 受理量: cases received
    kFinished,    // 办结: closed or rated (a bad rating sends a case back to handling: no longer finished)
    kOnTime,      // 按期办结: finished and never past a deadline
    kOverdue,     // 超期: a deadline passed at some point
    kRated,       // 已评价: a satisfaction rating is on the case
    kSatisfied,   // 满意: very satisfied, satisfied or basically satisfied
    kBadReview,   // 差评: unsatisfied or very unsatisfied (the current rating)
    kScoreSum,    // Σ score of the ratings: 100 / 90 / 80 / 60 / 40 (see SatisfactionScore)
    kEscalated,   // 上报: now owned by a level above the one its channel starts it at
    kSupervised,  // 督办: any supervision (ordinary, yellow or red card)
    kRedone,      // 重办: sent back for a redo at least once
    kCounterCount
};

// The names of the counters in JSON ("received", …) and in Chinese.
std::string_view CounterName(Counter c);
std::string_view CounterNameZh(Counter c);

// The score of a satisfaction level for 满意度得分: 非常满意 100, 满意 90, 基本满意 80, 不满意 60, 非常不满意 40.
int SatisfactionScore(domain::Satisfaction s);

using Counts = std::array<std::int64_t, kCounterCount>;

// What one case adds to the counters (all zero for a merged duplicate).
std::array<std::int32_t, kCounterCount> Contribution(const domain::Case& c);

// A day as the number of days since 1970-01-01.
int DayNumber(Date d);
Date DateOfDay(int day);
// The China-time day of a Unix time.
int DayOfUnix(std::int64_t unix_seconds);

// Counts under one key (a channel or a category) of a breakdown.
struct KeyedCounts {
    std::string key;  // channel name ("hotline", …) or category code
    Counts counts{};
};

// Thread-safe: queries share a lock, changes take it exclusively.
class Rollup {
  public:
    Rollup() = default;

    // Builds the roll-up from every case in `cases` (one streaming pass).
    static Result<std::unique_ptr<Rollup>> Build(storage::CaseStore& cases);

    // Adds a case (as it is now). Used by Build and by generators that fill the roll-up directly.
    void Add(const domain::Case& c);
    // Bulk loading: between BeginLoad and EndLoad, Add only counts each case on its day (O(1)) and EndLoad turns
    // the days into prefix sums in one pass; queries in between see partial sums. Build uses it.
    void BeginLoad();
    void EndLoad();
    // A stored change: `before` is null for a new case. Moves the case's contribution from its old value to
    // its new one (region, day, channel and category come from the case and never change in the engine).
    void Apply(const domain::Case* before, const domain::Case& after);

    // The counters of the cases received from `from` to `to` (inclusive days) inside the subtree of `region`
    // ("" = everything). Regions finer than a village are not kept (see IsQueryable).
    Counts Sum(std::string_view region, int from, int to) const;
    // The same per channel (every channel, in enum order) and per category (those with any case in the
    // subtree and period, by code).
    std::vector<KeyedCounts> ByChannel(std::string_view region, int from, int to) const;
    std::vector<KeyedCounts> ByCategory(std::string_view region, int from, int to) const;
    // Sums for consecutive periods: the counts of [bounds[i], bounds[i+1]) for each i (bounds ascending).
    std::vector<Counts> Series(std::string_view region, const std::vector<int>& bounds) const;
    // Per child: the counts of the subtree of each code in `children` (codes of one level), same order.
    std::vector<Counts> SumEach(const std::vector<std::string>& children, int from, int to) const;

    // True when `region` is a level the roll-up answers: "" or a code of 2–12 digits (grids are finer).
    static bool IsQueryable(std::string_view region);

    // Bytes the counters and indexes take.
    std::size_t MemoryBytes() const;
    // The first and last day any case was received on (0, -1 when empty).
    std::pair<int, int> DayRange() const;
    std::int64_t Villages() const;

  private:
    using Cell = std::array<std::uint32_t, kCounterCount>;
    // One region leaf (a village, or a coarser region where cases carry no village): per key (channels, then
    // categories) a series of cumulative counters per day from first_day_ (empty while all zero).
    struct Leaf {
        std::string code;
        std::vector<std::vector<Cell>> series;
    };

    void AddLocked(const domain::Case& c, int sign_of_change);
    void ApplyDelta(Leaf& leaf, std::size_t key, int day, const std::array<std::int32_t, kCounterCount>& delta);
    Leaf& LeafFor(const std::string& code);
    std::size_t CategoryKey(const std::string& code);
    void EnsureDay(int day);
    // Leaves [begin, end) inside the subtree of `region`.
    std::pair<std::size_t, std::size_t> Range(std::string_view region) const;
    // The cumulative cell of `s` at `day` (zero before the first day, the last cell after the last day).
    void AddPrefix(const std::vector<Cell>& s, int day, std::int64_t sign, Counts& out) const;
    void AddRange(const std::vector<Cell>& s, int from, int to, Counts& out) const;

    mutable std::shared_mutex mu_;
    std::vector<Leaf> leaves_;  // sorted by code
    std::vector<std::string> categories_;
    std::unordered_map<std::string, std::size_t> category_index_;
    int first_day_ = 0;
    int days_ = 0;  // length of every non-empty series
    int min_case_day_ = 0;
    int max_case_day_ = -1;
    bool loading_ = false;
};

}  // namespace gridgov::reports
