// The dashboard's figures (DOMAIN.md "Figures the seeds report") for a region subtree and period, read from the
// roll-up: totals with year-on-year and period-on-period change, trends, breakdowns and rankings of child
// regions with a minimum-volume rule. Every call checks kViewCases and the caller's scope.
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <vector>

#include "common/date.hpp"
#include "reports/rollup.hpp"
#include "service/auth.hpp"
#include "storage/store.hpp"

namespace gridgov::reports {

// Inclusive days.
struct Period {
    Date from;
    Date to;
};

// The same days one year earlier (29 February becomes the 28th).
Period YearBefore(const Period& p);
// The period before: for whole calendar months, the same number of months before; otherwise the same number
// of days ending the day before `p` starts (环比).
Period PeriodBefore(const Period& p);

// The rates of a set of counters, in percent (nullopt when the denominator is zero):
// 办结率 finished / received; 按期办结率 on_time / finished; 满意率 satisfied / rated; 满意度得分 score_sum / rated.
struct Rates {
    std::optional<double> completion_rate;
    std::optional<double> on_time_rate;
    std::optional<double> satisfaction_rate;
    std::optional<double> satisfaction_score;
};
Rates RatesOf(const Counts& c);

// The figures a ranking can order by.
enum class RankBy { kReceived, kCompletionRate, kOnTimeRate, kSatisfactionRate, kSatisfactionScore };
std::optional<RankBy> ParseRankBy(std::string_view s);
std::string_view RankByName(RankBy by);
// The value of `by` for `c` (nullopt for a rate without denominator).
std::optional<double> RankValue(RankBy by, const Counts& c);

struct Summary {
    std::string region;  // "" = everything the caller sees (unrestricted callers only)
    std::string region_name;
    Period period;
    Counts current{};
    Period year_before;
    Counts previous_year{};
    Period period_before;
    Counts previous_period{};
    std::vector<KeyedCounts> by_channel;
    std::vector<KeyedCounts> by_category;
};

struct TrendPoint {
    Date from;
    Date to;
    Counts counts{};
};

struct RankingRow {
    std::string code;
    std::string name;
    Counts counts{};
    std::optional<double> value;
    std::optional<int> rank;  // nullopt: listed but not ranked (fewer than min_cases cases, or no value)
};

struct Ranking {
    std::string region;
    std::string region_name;
    Period period;
    RankBy by = RankBy::kCompletionRate;
    int min_cases = 10;
    std::vector<RankingRow> rows;  // ranked rows by rank, then the unranked by code
};

// Orders rows for a ranking: ranked rows (received ≥ min_cases and a value) by value descending, equal values
// sharing a rank (1, 2, 2, 4), ties broken by volume then code; then the unranked rows by code.
void RankRows(std::vector<RankingRow>& rows, RankBy by, int min_cases);

// Thread-safe (the roll-up is; the store is).
class StatsService {
  public:
    StatsService(storage::Store& store, const Rollup& rollup, service::Clock clock);

    // The subtree and period a request names, checked: kViewCases; region "" means the caller's scope;
    // PermissionDenied outside the scope; InvalidArgument for a grid (the roll-up stops at villages) or a bad
    // date ("from"/"to" YYYY-MM-DD; default: the month so far); NotFound for an unknown region.
    struct Scope {
        std::string region;
        std::string region_name;
        Period period;
    };
    Result<Scope> Resolve(const service::Caller& caller, std::string_view region, std::string_view from,
                          std::string_view to) const;

    Result<Summary> GetSummary(const service::Caller& caller, std::string_view region, std::string_view from,
                               std::string_view to) const;
    // Consecutive buckets over the period: interval "day", "week" (Monday to Sunday) or "month", the first and
    // last clipped to the period; at most 1,000 buckets.
    Result<std::vector<TrendPoint>> GetTrend(const service::Caller& caller, std::string_view region,
                                             std::string_view from, std::string_view to,
                                             std::string_view interval) const;
    // The child regions of `region` (towns of a county, villages of a town) ranked by `by`.
    Result<Ranking> GetRanking(const service::Caller& caller, std::string_view region, std::string_view from,
                               std::string_view to, RankBy by, int min_cases) const;
    // Counts per "channel" or "category" (with Chinese names).
    Result<std::vector<KeyedCounts>> GetBreakdown(const service::Caller& caller, std::string_view region,
                                                  std::string_view from, std::string_view to,
                                                  std::string_view by) const;

    // The Chinese name of a category code (the code itself when unknown); of a channel name.
    std::string CategoryName(const std::string& code) const;
    static std::string ChannelNameZh(const std::string& name);

    const Rollup& rollup() const { return rollup_; }
    storage::Store& store() const { return store_; }
    Date Today() const;

  private:
    storage::Store& store_;
    const Rollup& rollup_;
    service::Clock clock_;
};

// JSON forms (snake_case; rates in percent rounded to 2 decimals, null without a denominator).
boost::json::object FiguresJson(const Counts& c);
// Change from `before` to `now`: counts as relative change in percent (null when before is 0), rates as the
// difference in percentage points.
boost::json::object ChangeJson(const Counts& now, const Counts& before);
boost::json::object PeriodJson(const Period& p);
boost::json::object SummaryJson(const Summary& s, const StatsService& stats);
boost::json::object RankingJson(const Ranking& r);

}  // namespace gridgov::reports
