// The roll-up and the figures on hand-built cases with known answers: counters, rates, year-on-year and
// period-on-period change, rankings with the minimum-volume rule, changes applied in place; then the same
// through each storage backend (ImportCases → Rollup::Build → StatsService).
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "reports/hand_cases.hpp"
#include "reports/rollup.hpp"
#include "reports/stats.hpp"
#include "support/backends.hpp"

namespace gridgov {
namespace {

using reports::Counts;
using reports::DayNumber;
using reports::Rollup;
using test_support::HandCases;

int Day(const char* date) { return DayNumber(ParseDate(date).value()); }

std::unique_ptr<Rollup> HandRollupPtr() {
    auto r = std::make_unique<Rollup>();
    for (const auto& c : HandCases()) r->Add(c);
    return r;
}

void ExpectMarchTown(const Counts& c) {
    EXPECT_EQ(c[reports::kReceived], 6);
    EXPECT_EQ(c[reports::kFinished], 4);
    EXPECT_EQ(c[reports::kOnTime], 3);
    EXPECT_EQ(c[reports::kOverdue], 2);
    EXPECT_EQ(c[reports::kRated], 4);
    EXPECT_EQ(c[reports::kSatisfied], 3);
    EXPECT_EQ(c[reports::kBadReview], 1);
    EXPECT_EQ(c[reports::kScoreSum], 100 + 90 + 60 + 80);
    EXPECT_EQ(c[reports::kEscalated], 1);
    EXPECT_EQ(c[reports::kSupervised], 1);
    EXPECT_EQ(c[reports::kRedone], 1);
}

TEST(RollupTest, EachFigureOnKnownCases) {
    std::unique_ptr<Rollup> owned = HandRollupPtr();
    Rollup& r = *owned;
    Counts town = r.Sum("371423100", Day("2026-03-01"), Day("2026-03-31"));
    ExpectMarchTown(town);
    reports::Rates rates = reports::RatesOf(town);
    EXPECT_NEAR(*rates.completion_rate, 66.6667, 1e-3);
    EXPECT_DOUBLE_EQ(*rates.on_time_rate, 75.0);
    EXPECT_DOUBLE_EQ(*rates.satisfaction_rate, 75.0);
    EXPECT_DOUBLE_EQ(*rates.satisfaction_score, 82.5);
    // The county adds the other town's case; a village and a single day narrow it.
    EXPECT_EQ(r.Sum("371423", Day("2026-03-01"), Day("2026-03-31"))[reports::kReceived], 7);
    EXPECT_EQ(r.Sum("", Day("2000-01-01"), Day("2030-12-31"))[reports::kReceived], 9);
    EXPECT_EQ(r.Sum(test_support::kVillageB, Day("2026-03-01"), Day("2026-03-31"))[reports::kReceived], 2);
    EXPECT_EQ(r.Sum("371423100", Day("2026-03-11"), Day("2026-03-11"))[reports::kReceived], 1);
    EXPECT_EQ(r.Sum("371423100", Day("2026-03-12"), Day("2026-03-30"))[reports::kReceived], 0);
    EXPECT_EQ(r.Sum("371423102", Day("2026-03-01"), Day("2026-03-31"))[reports::kReceived], 0);
    // Outside the days the roll-up holds.
    EXPECT_EQ(r.Sum("371423100", Day("2020-01-01"), Day("2020-12-31"))[reports::kReceived], 0);
    EXPECT_EQ(r.Sum("371423100", Day("2027-01-01"), Day("2027-12-31"))[reports::kReceived], 0);
    // No rating: rates are absent, not zero.
    Counts none = r.Sum("371423100", Day("2025-03-01"), Day("2025-03-31"));
    EXPECT_EQ(none[reports::kReceived], 1);
    EXPECT_FALSE(reports::RatesOf(none).satisfaction_rate.has_value());
    EXPECT_DOUBLE_EQ(*reports::RatesOf(none).on_time_rate, 100.0);
}

TEST(RollupTest, BreakdownsAndSeries) {
    std::unique_ptr<Rollup> owned = HandRollupPtr();
    Rollup& r = *owned;
    auto channels = r.ByChannel("371423100", Day("2026-03-01"), Day("2026-03-31"));
    ASSERT_EQ(channels.size(), 6u);
    EXPECT_EQ(channels[0].key, "grid_patrol");
    EXPECT_EQ(channels[0].counts[reports::kReceived], 5);
    EXPECT_EQ(channels[1].key, "hotline");
    EXPECT_EQ(channels[1].counts[reports::kReceived], 1);
    auto categories = r.ByCategory("371423100", Day("2026-03-01"), Day("2026-03-31"));
    ASSERT_EQ(categories.size(), 2u);
    EXPECT_EQ(categories[0].key, "env.garbage");
    EXPECT_EQ(categories[0].counts[reports::kReceived], 5);
    EXPECT_EQ(categories[1].key, "hotline.water");
    EXPECT_EQ(categories[1].counts[reports::kScoreSum], 80);
    auto series = r.Series("371423100", {Day("2026-03-10"), Day("2026-03-11"), Day("2026-03-12"), Day("2026-04-01")});
    ASSERT_EQ(series.size(), 3u);
    EXPECT_EQ(series[0][reports::kReceived], 4);
    EXPECT_EQ(series[1][reports::kReceived], 1);
    EXPECT_EQ(series[2][reports::kReceived], 1);
}

TEST(RollupTest, ChangesApplyInPlace) {
    std::unique_ptr<Rollup> owned = HandRollupPtr();
    Rollup& r = *owned;
    std::vector<domain::Case> cases = HandCases();
    // The closed case is rated satisfied: finished stays, rated and satisfied go up.
    domain::Case rated = cases[2];
    rated.state = domain::CaseState::kRated;
    rated.satisfaction = domain::Satisfaction::kSatisfied;
    r.Apply(&cases[2], rated);
    Counts c = r.Sum("371423100", Day("2026-03-01"), Day("2026-03-31"));
    EXPECT_EQ(c[reports::kFinished], 4);
    EXPECT_EQ(c[reports::kRated], 5);
    EXPECT_EQ(c[reports::kSatisfied], 4);
    // The very satisfied case is merged as a duplicate: it leaves every counter.
    domain::Case merged = cases[0];
    merged.state = domain::CaseState::kMerged;
    r.Apply(&cases[0], merged);
    c = r.Sum("371423100", Day("2026-03-01"), Day("2026-03-31"));
    EXPECT_EQ(c[reports::kReceived], 5);
    EXPECT_EQ(c[reports::kScoreSum], 90 + 60 + 80 + 90);
    // A new case on a later day and in a new village grows the roll-up.
    domain::Case fresh = test_support::HandCase("371423100299", "2027-06-01", domain::CaseState::kRegistered);
    r.Apply(nullptr, fresh);
    EXPECT_EQ(r.Sum("371423100", Day("2027-06-01"), Day("2027-06-01"))[reports::kReceived], 1);
    EXPECT_EQ(r.Sum("371423100", Day("2026-03-01"), Day("2026-03-31"))[reports::kReceived], 5);
    // And one far earlier than every other.
    r.Apply(nullptr, test_support::HandCase(test_support::kVillageA, "2019-01-01", domain::CaseState::kRegistered));
    EXPECT_EQ(r.Sum("371423100", Day("2019-01-01"), Day("2019-01-01"))[reports::kReceived], 1);
    EXPECT_EQ(r.Sum("371423100", Day("2026-03-01"), Day("2026-03-31"))[reports::kReceived], 5);
    EXPECT_GT(r.MemoryBytes(), 0u);
}

TEST(PeriodTest, YearAndPeriodBefore) {
    auto P = [](const char* a, const char* b) { return reports::Period{ParseDate(a).value(), ParseDate(b).value()}; };
    auto text = [](const reports::Period& p) { return FormatDate(p.from) + "/" + FormatDate(p.to); };
    EXPECT_EQ(text(reports::YearBefore(P("2024-02-29", "2024-03-05"))), "2023-02-28/2023-03-05");
    EXPECT_EQ(text(reports::PeriodBefore(P("2026-03-01", "2026-03-31"))), "2026-02-01/2026-02-28");
    EXPECT_EQ(text(reports::PeriodBefore(P("2026-01-01", "2026-03-31"))), "2025-10-01/2025-12-31");
    EXPECT_EQ(text(reports::PeriodBefore(P("2026-03-09", "2026-03-15"))), "2026-03-02/2026-03-08");
    EXPECT_EQ(text(reports::PeriodBefore(P("2026-03-10", "2026-03-10"))), "2026-03-09/2026-03-09");
}

TEST(PeriodTest, ChangeInPercentAndPoints) {
    Counts now{}, before{};
    now[reports::kReceived] = 6;
    now[reports::kFinished] = 3;
    before[reports::kReceived] = 4;
    before[reports::kFinished] = 4;
    boost::json::object change = reports::ChangeJson(now, before);
    EXPECT_DOUBLE_EQ(change.at("received").as_double(), 50.0);
    EXPECT_DOUBLE_EQ(change.at("completion_rate").as_double(), -50.0);  // 50% now, 100% before
    EXPECT_TRUE(change.at("bad_reviews").is_null());                    // nothing before
}

reports::RankingRow Row(std::string code, int received, int finished) {
    reports::RankingRow row;
    row.code = std::move(code);
    row.counts[reports::kReceived] = received;
    row.counts[reports::kFinished] = finished;
    return row;
}

TEST(RankingTest, MinimumVolumeRule) {
    // One fast case (1 of 1 = 100%) must not top towns with real volume.
    std::vector<reports::RankingRow> rows{Row("371423104", 1, 1),   Row("371423100", 40, 38), Row("371423101", 20, 19),
                                          Row("371423102", 50, 40), Row("371423103", 9, 9),   Row("371423105", 0, 0)};
    reports::RankRows(rows, reports::RankBy::kCompletionRate, 10);
    ASSERT_EQ(rows.size(), 6u);
    EXPECT_EQ(rows[0].code, "371423100");  // 95% with 40
    EXPECT_EQ(rows[0].rank, 1);
    EXPECT_EQ(rows[1].code, "371423101");  // 95% with 20: same rank, fewer cases after
    EXPECT_EQ(rows[1].rank, 1);
    EXPECT_EQ(rows[2].code, "371423102");  // 80%
    EXPECT_EQ(rows[2].rank, 3);
    for (std::size_t i = 3; i < 6; ++i) EXPECT_FALSE(rows[i].rank.has_value()) << rows[i].code;
    EXPECT_EQ(rows[3].code, "371423103");  // listed by code
    EXPECT_EQ(rows[4].code, "371423104");
    EXPECT_DOUBLE_EQ(*rows[4].value, 100.0);
    // With the rule off, the fast case leads.
    reports::RankRows(rows, reports::RankBy::kCompletionRate, 0);
    EXPECT_EQ(rows[0].rank, 1);
    EXPECT_DOUBLE_EQ(*rows[0].value, 100.0);
    EXPECT_EQ(rows.back().code, "371423105");  // no cases: no rate, not ranked
    EXPECT_FALSE(rows.back().rank.has_value());
}

// Through each backend: ImportCases, the streaming build, the service's scope and JSON.
class RollupStoreTest : public ::testing::TestWithParam<test_support::Backend> {
  protected:
    void SetUp() override {
        auto store = storage::OpenStore(GetParam().NewDatabase(dir_));
        ASSERT_TRUE(store.ok()) << store.status().ToString();
        store_ = std::move(store).value();
        std::vector<domain::Region> regions{{"37", "山东省", "province", ""},
                                            {"3714", "德州市", "city", "37"},
                                            {"371423", "庆云县", "county", "3714"},
                                            {"371423100", "庆云镇", "town", "371423"},
                                            {"371423101", "常家镇", "town", "371423"},
                                            {test_support::kVillageA, "甲村", "village", "371423100"},
                                            {test_support::kVillageB, "乙村", "village", "371423100"},
                                            {test_support::kVillageC, "丙村", "village", "371423101"}};
        ASSERT_TRUE(store_->UpsertRegions(regions).ok());
        std::vector<domain::CaseCategory> categories{
            {"env.garbage", "环境卫生", domain::CaseType::kEvent, "", {}},
            {"hotline.water", "供水问题", domain::CaseType::kWorkOrder, "", {}}};
        ASSERT_TRUE(store_->Cases().UpsertCategories(categories).ok());
        std::vector<domain::Case> cases = HandCases();
        std::vector<std::vector<domain::CaseEvent>> histories(cases.size());
        ASSERT_TRUE(store_->Cases().ImportCases(cases, histories).ok());
        auto rollup = Rollup::Build(store_->Cases());
        ASSERT_TRUE(rollup.ok()) << rollup.status().ToString();
        rollup_ = std::move(rollup).value();
        stats_ =
            std::make_unique<reports::StatsService>(*store_, *rollup_, [] { return test_support::At("2026-04-02"); });
    }

    test_support::TempDir dir_;
    std::unique_ptr<storage::Store> store_;
    std::unique_ptr<Rollup> rollup_;
    std::unique_ptr<reports::StatsService> stats_;
};

TEST_P(RollupStoreTest, SummaryWithYearOnYearAndMonthOnMonth) {
    service::Caller cli = service::Caller::CommandLine();
    auto s = stats_->GetSummary(cli, "371423100", "2026-03-01", "2026-03-31");
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    ExpectMarchTown(s->current);
    EXPECT_EQ(s->previous_year[reports::kReceived], 1);
    EXPECT_EQ(s->previous_period[reports::kReceived], 1);
    boost::json::object j = reports::SummaryJson(*s, *stats_);
    EXPECT_EQ(j.at("region_name"), "庆云镇");
    EXPECT_DOUBLE_EQ(j.at("figures").at("completion_rate").as_double(), 66.67);
    EXPECT_DOUBLE_EQ(j.at("figures").at("satisfaction_score").as_double(), 82.5);
    EXPECT_EQ(j.at("figures").at("open"), 2);
    EXPECT_EQ(j.at("yoy").at("period").at("from"), "2025-03-01");
    EXPECT_DOUBLE_EQ(j.at("yoy").at("change").at("received").as_double(), 500.0);
    EXPECT_EQ(j.at("mom").at("period").at("to"), "2026-02-28");
    EXPECT_DOUBLE_EQ(j.at("mom").at("change").at("received").as_double(), 500.0);
    EXPECT_DOUBLE_EQ(j.at("mom").at("change").at("completion_rate").as_double(), 66.67 - 100.0);
    EXPECT_EQ(j.at("by_category").as_array()[1].at("category_name"), "供水问题");
}

TEST_P(RollupStoreTest, RankingOfVillagesAndScope) {
    service::Caller cli = service::Caller::CommandLine();
    auto r = stats_->GetRanking(cli, "371423100", "2026-03-01", "2026-03-31", reports::RankBy::kCompletionRate, 3);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    ASSERT_EQ(r->rows.size(), 2u);
    EXPECT_EQ(r->rows[0].name, "甲村");  // 3 of 4 finished
    EXPECT_EQ(r->rows[0].rank, 1);
    EXPECT_DOUBLE_EQ(*r->rows[0].value, 75.0);
    EXPECT_EQ(r->rows[1].name, "乙村");  // 2 cases < 3: listed, not ranked
    EXPECT_FALSE(r->rows[1].rank.has_value());

    service::Caller town;
    town.login = "town";
    town.role = domain::Role::kTownCenter;
    town.scope_code = "371423101";
    EXPECT_EQ(stats_->GetSummary(town, "371423100", "", "").status().code(), StatusCode::kPermissionDenied);
    auto own = stats_->GetSummary(town, "", "2026-03-01", "2026-03-31");  // defaults to the caller's scope
    ASSERT_TRUE(own.ok());
    EXPECT_EQ(own->current[reports::kReceived], 1);
    EXPECT_EQ(own->current[reports::kBadReview], 1);
    EXPECT_EQ(stats_->GetSummary(town, "371423101201001", "", "").status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(stats_->GetSummary(town, "", "2026-04-01", "2026-03-01").status().code(), StatusCode::kInvalidArgument);
    auto trend = stats_->GetTrend(cli, "371423100", "2026-02-25", "2026-03-31", "week");
    ASSERT_TRUE(trend.ok());
    ASSERT_EQ(trend->size(), 6u);  // Wed 25 Feb–Sun 1 Mar, then five Monday weeks (the last clipped)
    EXPECT_EQ(FormatDate(trend->at(1).from), "2026-03-02");
    EXPECT_EQ(trend->at(2).counts[reports::kReceived], 5);  // 9–15 March
    EXPECT_EQ(trend->at(5).counts[reports::kReceived], 1);  // 30–31 March
}

INSTANTIATE_TEST_SUITE_P(Backends, RollupStoreTest, ::testing::ValuesIn(test_support::AllBackends()),
                         test_support::BackendName);

}  // namespace
}  // namespace gridgov
