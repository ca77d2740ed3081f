// Dashboard statistics from the roll-up: summary with year-on-year and period-on-period change, trend,
// ranking of child regions, breakdown by channel or category. Scoped to the caller's subtree (kViewCases).
#include <boost/json.hpp>

#include "http/api.hpp"
#include "http/json_response.hpp"
#include "http/request_util.hpp"
#include "reports/stats.hpp"

namespace gridgov::http {
namespace {

namespace json = boost::json;
using beast_http::verb;
using service::Caller;

constexpr int kDefaultMinCases = 10;

}  // namespace

void Api::AddStatsRoutes() {
    AddAuthenticated(
        verb::get, "/api/v1/stats/summary", [this](const Request& req, const RouteParams& p, const Caller& c) {
            auto result = stats_->GetSummary(c, p.Query("region"), p.Query("from"), p.Query("to"));
            return Reply(req, result, [&](const reports::Summary& s) { return reports::SummaryJson(s, *stats_); });
        });

    AddAuthenticated(
        verb::get, "/api/v1/stats/trend", [this](const Request& req, const RouteParams& p, const Caller& c) {
            auto result = stats_->GetTrend(c, p.Query("region"), p.Query("from"), p.Query("to"), p.Query("interval"));
            return Reply(req, result, [&](const std::vector<reports::TrendPoint>& points) {
                json::array items;
                for (const auto& point : points) {
                    json::object o = reports::FiguresJson(point.counts);
                    o["from"] = FormatDate(point.from);
                    o["to"] = FormatDate(point.to);
                    items.push_back(std::move(o));
                }
                std::string_view interval = p.Query("interval").empty() ? "day" : p.Query("interval");
                const std::size_t total = items.size();
                return json::object{{"interval", interval}, {"items", std::move(items)}, {"total", total}};
            });
        });

    AddAuthenticated(
        verb::get, "/api/v1/stats/ranking", [this](const Request& req, const RouteParams& p, const Caller& c) {
            std::string_view by_text = p.Query("by").empty() ? "completion_rate" : p.Query("by");
            std::optional<reports::RankBy> by = reports::ParseRankBy(by_text);
            if (!by) {
                return ErrorResponse(req, InvalidArgument("by 应为 completion_rate、on_time_rate、satisfaction_rate、"
                                                          "satisfaction_score 或 received",
                                                          "by"));
            }
            int min_cases = kDefaultMinCases;
            if (!p.Query("min_cases").empty()) {
                Result<int> n = IntParam(p.Query("min_cases"), 0, 1000000, "min_cases");
                if (!n.ok()) return ErrorResponse(req, n.status());
                min_cases = *n;
            }
            auto result = stats_->GetRanking(c, p.Query("region"), p.Query("from"), p.Query("to"), *by, min_cases);
            return Reply(req, result, [](const reports::Ranking& r) { return reports::RankingJson(r); });
        });

    AddAuthenticated(
        verb::get, "/api/v1/stats/breakdown", [this](const Request& req, const RouteParams& p, const Caller& c) {
            std::string_view by = p.Query("by").empty() ? "category" : p.Query("by");
            auto result = stats_->GetBreakdown(c, p.Query("region"), p.Query("from"), p.Query("to"), by);
            return Reply(req, result, [&](const std::vector<reports::KeyedCounts>& rows) {
                json::array items;
                for (const auto& row : rows) {
                    json::object o = reports::FiguresJson(row.counts);
                    o["key"] = row.key;
                    o["name"] =
                        by == "channel" ? reports::StatsService::ChannelNameZh(row.key) : stats_->CategoryName(row.key);
                    items.push_back(std::move(o));
                }
                const std::size_t total = items.size();
                return json::object{{"by", by}, {"items", std::move(items)}, {"total", total}};
            });
        });
}

}  // namespace gridgov::http
