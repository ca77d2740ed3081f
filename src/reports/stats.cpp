// Dashboard figures from the roll-up: periods, rates, changes, rankings and their JSON forms.
#include "reports/stats.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <cmath>

#include "common/division_code.hpp"
#include "service/cases.hpp"

namespace gridgov::reports {
namespace {

namespace json = boost::json;
using namespace std::chrono;

constexpr int kMaxBuckets = 1000;
constexpr int kMaxDays = 3660;

std::optional<double> Percent(std::int64_t num, std::int64_t den) {
    if (den == 0) return std::nullopt;
    return 100.0 * static_cast<double>(num) / static_cast<double>(den);
}

json::value Rounded(std::optional<double> v) {
    if (!v) return nullptr;
    return std::round(*v * 100.0) / 100.0;
}

Date LastOfMonth(year_month ym) { return Date{ym / last}; }

Date ClampDay(year y, month m, day d) {
    Date out{y / m / d};
    return out.ok() ? out : LastOfMonth(y / m);
}

bool WholeMonths(const Period& p) { return p.from.day() == day{1} && p.to == LastOfMonth(p.to.year() / p.to.month()); }

// Next child code length below a code of `n` digits (2, 4, 6, 9, 12); 0 below a village.
std::size_t ChildLength(std::size_t n) {
    switch (n) {
        case 0:
            return 2;
        case 2:
            return 4;
        case 4:
            return 6;
        case 6:
            return 9;
        case 9:
            return 12;
        default:
            return 0;
    }
}

}  // namespace

Period YearBefore(const Period& p) {
    auto back = [](Date d) { return ClampDay(d.year() - years{1}, d.month(), d.day()); };
    return {back(p.from), back(p.to)};
}

Period PeriodBefore(const Period& p) {
    if (WholeMonths(p)) {
        year_month first = p.from.year() / p.from.month();
        year_month last_month = p.to.year() / p.to.month();
        months n = (last_month - first) + months{1};
        year_month before_first = first - n;
        year_month before_last = last_month - n;
        return {Date{before_first / 1}, LastOfMonth(before_last)};
    }
    int length = DaysBetween(p.from, p.to) + 1;
    return {AddDays(p.from, -length), AddDays(p.from, -1)};
}

Rates RatesOf(const Counts& c) {
    Rates r;
    r.completion_rate = Percent(c[kFinished], c[kReceived]);
    r.on_time_rate = Percent(c[kOnTime], c[kFinished]);
    r.satisfaction_rate = Percent(c[kSatisfied], c[kRated]);
    if (c[kRated] != 0) r.satisfaction_score = static_cast<double>(c[kScoreSum]) / static_cast<double>(c[kRated]);
    return r;
}

std::optional<RankBy> ParseRankBy(std::string_view s) {
    for (RankBy by : {RankBy::kReceived, RankBy::kCompletionRate, RankBy::kOnTimeRate, RankBy::kSatisfactionRate,
                      RankBy::kSatisfactionScore}) {
        if (RankByName(by) == s) return by;
    }
    return std::nullopt;
}

std::string_view RankByName(RankBy by) {
    switch (by) {
        case RankBy::kReceived:
            return "received";
        case RankBy::kCompletionRate:
            return "completion_rate";
        case RankBy::kOnTimeRate:
            return "on_time_rate";
        case RankBy::kSatisfactionRate:
            return "satisfaction_rate";
        case RankBy::kSatisfactionScore:
            return "satisfaction_score";
    }
    return "";
}

std::optional<double> RankValue(RankBy by, const Counts& c) {
    Rates r = RatesOf(c);
    switch (by) {
        case RankBy::kReceived:
            return static_cast<double>(c[kReceived]);
        case RankBy::kCompletionRate:
            return r.completion_rate;
        case RankBy::kOnTimeRate:
            return r.on_time_rate;
        case RankBy::kSatisfactionRate:
            return r.satisfaction_rate;
        case RankBy::kSatisfactionScore:
            return r.satisfaction_score;
    }
    return std::nullopt;
}

void RankRows(std::vector<RankingRow>& rows, RankBy by, int min_cases) {
    for (auto& row : rows) {
        row.value = RankValue(by, row.counts);
        row.rank.reset();
    }
    auto ranked = [&](const RankingRow& r) { return r.counts[kReceived] >= min_cases && r.value.has_value(); };
    std::stable_sort(rows.begin(), rows.end(), [&](const RankingRow& a, const RankingRow& b) {
        bool ra = ranked(a), rb = ranked(b);
        if (ra != rb) return ra;
        if (!ra) return a.code < b.code;
        if (*a.value != *b.value) return *a.value > *b.value;
        if (a.counts[kReceived] != b.counts[kReceived]) return a.counts[kReceived] > b.counts[kReceived];
        return a.code < b.code;
    });
    for (std::size_t i = 0; i < rows.size() && ranked(rows[i]); ++i) {
        bool tie = i > 0 && *rows[i].value == *rows[i - 1].value;
        rows[i].rank = tie ? *rows[i - 1].rank : static_cast<int>(i) + 1;
    }
}

StatsService::StatsService(storage::Store& store, const Rollup& rollup, service::Clock clock)
    : store_(store), rollup_(rollup), clock_(std::move(clock)) {}

Date StatsService::Today() const { return service::ChinaDate(clock_()); }

Result<StatsService::Scope> StatsService::Resolve(const service::Caller& caller, std::string_view region,
                                                  std::string_view from, std::string_view to) const {
    GRIDGOV_RETURN_IF_ERROR(service::Authorize(caller, domain::Action::kViewCases));
    Scope scope;
    if (region.empty()) {
        scope.region = caller.unrestricted ? "" : caller.scope_code;
    } else if (region.size() == 15) {
        scope.region = std::string(region);  // a grid code: refused below, after the scope check
    } else {
        Result<std::string> code = NormalizeDivisionCode(region);
        if (!code.ok()) return InvalidArgument(code.status().message(), "region");
        scope.region = *code;
    }
    if (!scope.region.empty()) GRIDGOV_RETURN_IF_ERROR(service::CheckScope(caller, scope.region));
    if (!Rollup::IsQueryable(scope.region)) {
        return InvalidArgument("统计数据最细到村(社区)，请指定村(社区)或以上区域", "region");
    }
    if (scope.region.empty()) {
        scope.region_name = "全部";
    } else {
        GRIDGOV_ASSIGN_OR_RETURN(domain::Region r, store_.GetRegion(scope.region));
        scope.region_name = r.name;
    }
    Date today = Today();
    if (to.empty()) {
        scope.period.to = today;
    } else {
        Result<Date> d = ParseDate(to);
        if (!d.ok()) return InvalidArgument("to：" + d.status().message(), "to");
        scope.period.to = *d;
    }
    if (from.empty()) {
        scope.period.from = Date{scope.period.to.year() / scope.period.to.month() / 1};
    } else {
        Result<Date> d = ParseDate(from);
        if (!d.ok()) return InvalidArgument("from：" + d.status().message(), "from");
        scope.period.from = *d;
    }
    int days = DaysBetween(scope.period.from, scope.period.to);
    if (days < 0) return InvalidArgument("起始日期不能晚于结束日期", "from");
    if (days >= kMaxDays) return InvalidArgument("统计区间不超过 10 年", "from");
    return scope;
}

Result<Summary> StatsService::GetSummary(const service::Caller& caller, std::string_view region, std::string_view from,
                                         std::string_view to) const {
    GRIDGOV_ASSIGN_OR_RETURN(Scope scope, Resolve(caller, region, from, to));
    Summary s;
    s.region = scope.region;
    s.region_name = scope.region_name;
    s.period = scope.period;
    s.year_before = YearBefore(s.period);
    s.period_before = PeriodBefore(s.period);
    auto sum = [&](const Period& p) { return rollup_.Sum(s.region, DayNumber(p.from), DayNumber(p.to)); };
    s.current = sum(s.period);
    s.previous_year = sum(s.year_before);
    s.previous_period = sum(s.period_before);
    s.by_channel = rollup_.ByChannel(s.region, DayNumber(s.period.from), DayNumber(s.period.to));
    s.by_category = rollup_.ByCategory(s.region, DayNumber(s.period.from), DayNumber(s.period.to));
    return s;
}

Result<std::vector<TrendPoint>> StatsService::GetTrend(const service::Caller& caller, std::string_view region,
                                                       std::string_view from, std::string_view to,
                                                       std::string_view interval) const {
    if (interval.empty()) interval = "day";
    if (interval != "day" && interval != "week" && interval != "month") {
        return InvalidArgument("interval 应为 day、week 或 month", "interval");
    }
    GRIDGOV_ASSIGN_OR_RETURN(Scope scope, Resolve(caller, region, from, to));
    std::vector<int> bounds{DayNumber(scope.period.from)};
    const int end = DayNumber(scope.period.to) + 1;
    while (bounds.back() < end) {
        if (bounds.size() > kMaxBuckets)
            return InvalidArgument("区间过长：最多 1000 个统计点，请换用更粗的间隔", "interval");
        int next = bounds.back() + 1;
        Date d = DateOfDay(bounds.back());
        if (interval == "week") {
            next = bounds.back() + (7 - (Weekday(d) + 6) % 7);  // the next Monday
        } else if (interval == "month") {
            year_month ym = d.year() / d.month() + months{1};
            next = DayNumber(Date{ym / 1});
        }
        bounds.push_back(std::min(next, end));
    }
    std::vector<Counts> counts = rollup_.Series(scope.region, bounds);
    std::vector<TrendPoint> out;
    for (std::size_t i = 0; i < counts.size(); ++i) {
        out.push_back({DateOfDay(bounds[i]), DateOfDay(bounds[i + 1] - 1), counts[i]});
    }
    return out;
}

Result<Ranking> StatsService::GetRanking(const service::Caller& caller, std::string_view region, std::string_view from,
                                         std::string_view to, RankBy by, int min_cases) const {
    GRIDGOV_ASSIGN_OR_RETURN(Scope scope, Resolve(caller, region, from, to));
    if (ChildLength(scope.region.size()) == 0) return InvalidArgument("村(社区)没有下级区域可排名", "region");
    Ranking r;
    r.region = scope.region;
    r.region_name = scope.region_name;
    r.period = scope.period;
    r.by = by;
    r.min_cases = min_cases;
    GRIDGOV_ASSIGN_OR_RETURN(std::vector<domain::Region> children, store_.ListChildRegions(scope.region));
    std::vector<std::string> codes;
    for (const auto& c : children) codes.push_back(c.code);
    std::vector<Counts> counts = rollup_.SumEach(codes, DayNumber(r.period.from), DayNumber(r.period.to));
    for (std::size_t i = 0; i < children.size(); ++i) {
        r.rows.push_back({children[i].code, children[i].name, counts[i], std::nullopt, std::nullopt});
    }
    RankRows(r.rows, by, min_cases);
    return r;
}

Result<std::vector<KeyedCounts>> StatsService::GetBreakdown(const service::Caller& caller, std::string_view region,
                                                            std::string_view from, std::string_view to,
                                                            std::string_view by) const {
    if (by != "channel" && by != "category") return InvalidArgument("by 应为 channel 或 category", "by");
    GRIDGOV_ASSIGN_OR_RETURN(Scope scope, Resolve(caller, region, from, to));
    int f = DayNumber(scope.period.from), t = DayNumber(scope.period.to);
    return by == "channel" ? rollup_.ByChannel(scope.region, f, t) : rollup_.ByCategory(scope.region, f, t);
}

std::string StatsService::CategoryName(const std::string& code) const {
    Result<domain::CaseCategory> c = store_.Cases().GetCategory(code);
    return c.ok() ? c->name : code;
}

std::string StatsService::ChannelNameZh(const std::string& name) {
    std::optional<domain::Channel> c = domain::ParseChannel(name);
    return c ? std::string(domain::ChannelNameZh(*c)) : name;
}

json::object FiguresJson(const Counts& c) {
    json::object o;
    for (int k = 0; k < kCounterCount; ++k) {
        if (k == kScoreSum) continue;
        o[CounterName(static_cast<Counter>(k))] = c[k];
    }
    o["open"] = c[kReceived] - c[kFinished];
    Rates r = RatesOf(c);
    o["completion_rate"] = Rounded(r.completion_rate);
    o["on_time_rate"] = Rounded(r.on_time_rate);
    o["satisfaction_rate"] = Rounded(r.satisfaction_rate);
    o["satisfaction_score"] = Rounded(r.satisfaction_score);
    return o;
}

json::object ChangeJson(const Counts& now, const Counts& before) {
    json::object o;
    for (int k = 0; k < kCounterCount; ++k) {
        if (k == kScoreSum) continue;
        std::optional<double> change;
        if (before[k] != 0) change = 100.0 * static_cast<double>(now[k] - before[k]) / static_cast<double>(before[k]);
        o[CounterName(static_cast<Counter>(k))] = Rounded(change);
    }
    Rates a = RatesOf(now), b = RatesOf(before);
    auto diff = [](std::optional<double> x, std::optional<double> y) -> std::optional<double> {
        if (!x || !y) return std::nullopt;
        return *x - *y;
    };
    o["completion_rate"] = Rounded(diff(a.completion_rate, b.completion_rate));
    o["on_time_rate"] = Rounded(diff(a.on_time_rate, b.on_time_rate));
    o["satisfaction_rate"] = Rounded(diff(a.satisfaction_rate, b.satisfaction_rate));
    o["satisfaction_score"] = Rounded(diff(a.satisfaction_score, b.satisfaction_score));
    return o;
}

json::object PeriodJson(const Period& p) { return {{"from", FormatDate(p.from)}, {"to", FormatDate(p.to)}}; }

json::object SummaryJson(const Summary& s, const StatsService& stats) {
    json::array channels, categories;
    for (const auto& k : s.by_channel) {
        json::object o = FiguresJson(k.counts);
        o["channel"] = k.key;
        o["channel_name"] = StatsService::ChannelNameZh(k.key);
        channels.push_back(std::move(o));
    }
    for (const auto& k : s.by_category) {
        json::object o = FiguresJson(k.counts);
        o["category_code"] = k.key;
        o["category_name"] = stats.CategoryName(k.key);
        categories.push_back(std::move(o));
    }
    return {{"region_code", s.region},
            {"region_name", s.region_name},
            {"period", PeriodJson(s.period)},
            {"figures", FiguresJson(s.current)},
            {"yoy",
             {{"period", PeriodJson(s.year_before)},
              {"figures", FiguresJson(s.previous_year)},
              {"change", ChangeJson(s.current, s.previous_year)}}},
            {"mom",
             {{"period", PeriodJson(s.period_before)},
              {"figures", FiguresJson(s.previous_period)},
              {"change", ChangeJson(s.current, s.previous_period)}}},
            {"by_channel", std::move(channels)},
            {"by_category", std::move(categories)}};
}

json::object RankingJson(const Ranking& r) {
    json::array items;
    const std::size_t total = r.rows.size();
    for (const auto& row : r.rows) {
        json::object o{
            {"region_code", row.code},        {"region_name", row.name},
            {"value", Rounded(row.value)},    {"rank", row.rank ? json::value(*row.rank) : json::value(nullptr)},
            {"ranked", row.rank.has_value()}, {"figures", FiguresJson(row.counts)}};
        items.push_back(std::move(o));
    }
    return {{"region_code", r.region}, {"region_name", r.region_name}, {"period", PeriodJson(r.period)},
            {"by", RankByName(r.by)},  {"min_cases", r.min_cases},     {"items", std::move(items)},
            {"total", total}};
}

}  // namespace gridgov::reports
