// The case engine on the demo county: the whole path from report to rated close, the workflow rules (role,
// unit, scope, state, version), duplicates, idempotent reports, deadlines on the working-day calendar with
// yellow/red flags and automatic escalation, ratings with redo and supervision, extensions, suspension, merge.
#include <gtest/gtest.h>

#include "service/cases.hpp"
#include "service/demo.hpp"
#include "service/demo_cases.hpp"
#include "service/divisions.hpp"
#include "support/backends.hpp"

namespace gridgov {
namespace {

using domain::CaseOp;
using domain::CaseState;
using service::ActionParams;
using service::Caller;
using test_support::Backend;
using test_support::TempDir;

// 2026-02-12 (Thursday) 10:00 in China: the Spring Festival holiday (Feb 15–23) is two days ahead.
constexpr std::int64_t kThu20260212 = 1770861600;
constexpr std::int64_t kDay = 86400;

class CasesTest : public ::testing::TestWithParam<Backend> {
  protected:
    void SetUp() override {
        auto store = storage::OpenStore(GetParam().NewDatabase(dir_));
        ASSERT_TRUE(store.ok()) << store.status().ToString();
        store_ = std::move(store).value();
        auto data = service::FindDivisionData(std::nullopt);
        ASSERT_TRUE(data.ok());
        service::DemoOptions options;
        options.division_data = *data;
        options.accounts = false;
        ASSERT_TRUE(service::BuildDemo(*store_, options).ok());
        locator_ = std::make_unique<service::GridLocator>(*store_);
        ASSERT_TRUE(locator_->Reload().ok());
        calendar_ = std::make_unique<service::CalendarHolder>(WorkCalendar::BuiltIn());
        service_ = std::make_unique<service::CaseService>(*store_, store_->Cases(), *locator_, *calendar_,
                                                          [this] { return now_; });
        grid_ = "371423100209001";
        grid_worker_ = Make("grid", domain::Role::kGridWorker, grid_, "");
        village_ = Make("village", domain::Role::kVillageOfficer, "371423100209", "371423100209-ZZZ");
        town_ = Make("town", domain::Role::kTownCenter, "371423100", "371423100-ZZZX");
        county_ = Make("county", domain::Role::kCountyCenter, "371423", "371423-ZZZX");
        unit_ = Make("unit", domain::Role::kUnitHandler, "371423", "371423-HBJ");
        other_unit_ = Make("other", domain::Role::kUnitHandler, "371423", "371423-ZJJ");
        leader_ = Make("leader", domain::Role::kLeader, "371423", "");
    }

    static Caller Make(std::string login, domain::Role role, std::string scope, std::string unit) {
        Caller c;
        c.login = std::move(login);
        c.name = c.login;
        c.role = role;
        c.scope_code = std::move(scope);
        c.unit_code = std::move(unit);
        return c;
    }

    // An environmental-pollution event (routed to the county's ecology bureau 371423-HBJ) in grid_.
    domain::Case Report(std::string title = "企业夜间排放异味", std::string request = "") {
        service::NewCase in;
        in.category_code = "env.pollution";
        in.title = title;
        in.description = "夜里闻到刺鼻气味";
        in.grid_code = grid_;
        in.client_request_id = request;
        auto r = service_->Report(grid_worker_, in);
        EXPECT_TRUE(r.ok()) << r.status().ToString();
        return r.ok() ? r->value : domain::Case{};
    }

    Result<domain::Case> Act(const Caller& who, const domain::Case& c, CaseOp op, ActionParams p = {}) {
        return service_->Act(who, c.id, op, c.version, p);
    }

    static ActionParams Comment(std::string text) {
        ActionParams p;
        p.comment = std::move(text);
        return p;
    }

    // Takes a case from report to "handling" at the unit.
    domain::Case ToHandling(domain::Case c) {
        c = *Act(village_, c, CaseOp::kAccept);
        c = *Act(village_, c, CaseOp::kDispatch);
        return *Act(unit_, c, CaseOp::kSign);
    }

    TempDir dir_;
    std::unique_ptr<storage::Store> store_;
    std::unique_ptr<service::GridLocator> locator_;
    std::unique_ptr<service::CalendarHolder> calendar_;
    std::unique_ptr<service::CaseService> service_;
    std::int64_t now_ = kThu20260212;
    std::string grid_;
    Caller grid_worker_, village_, town_, county_, unit_, other_unit_, leader_;
};

TEST_P(CasesTest, FromReportToRatedCloseWithHistory) {
    domain::Case c = Report();
    EXPECT_EQ(c.state, CaseState::kRegistered);
    EXPECT_EQ(c.level, domain::CaseLevel::kVillage);
    EXPECT_EQ(c.unit_code, "371423-HBJ");  // routed by category
    EXPECT_EQ(c.region_code, "371423100209");
    EXPECT_EQ(c.level_due, "2026-02-24");  // 3 working days: Fri 13, Sat 14 (make-up), Tue 24
    EXPECT_TRUE(c.case_no.starts_with("SJ20260212"));

    c = *Act(village_, c, CaseOp::kAccept);
    c = *Act(village_, c, CaseOp::kDispatch);
    EXPECT_EQ(c.state, CaseState::kDispatched);
    EXPECT_EQ(c.sign_due, "2026-02-13");
    EXPECT_EQ(c.handle_due, "2026-02-26");  // 5 working days across the holiday
    c = *Act(unit_, c, CaseOp::kSign);
    c = *Act(unit_, c, CaseOp::kHandle, Comment("已派人到现场"));
    EXPECT_EQ(c.state, CaseState::kHandling);
    c = *Act(unit_, c, CaseOp::kFinish, Comment("已责令企业整改"));
    EXPECT_EQ(c.state, CaseState::kFinished);
    ActionParams pass = Comment("现场核查无异味");
    pass.pass = true;
    c = *Act(grid_worker_, c, CaseOp::kVerify, pass);
    EXPECT_EQ(c.state, CaseState::kVerified);
    c = *Act(village_, c, CaseOp::kClose);
    ActionParams rating;
    rating.satisfaction = "满意";
    c = *Act(village_, c, CaseOp::kRate, rating);
    EXPECT_EQ(c.state, CaseState::kRated);
    EXPECT_EQ(c.satisfaction, domain::Satisfaction::kSatisfied);
    EXPECT_FALSE(c.overdue);

    auto view = service_->Get(county_, c.id);
    ASSERT_TRUE(view.ok());
    std::vector<std::string> ops;
    for (const auto& e : view->history) ops.push_back(e.op);
    EXPECT_EQ(ops, (std::vector<std::string>{"report", "accept", "dispatch", "sign", "handle", "finish", "verify",
                                             "close", "rate"}));
    EXPECT_EQ(view->history[2].actor, "village");
    EXPECT_EQ(view->history[2].to, CaseState::kDispatched);
    // Rated: the only thing left for the county centre is to reopen it.
    EXPECT_EQ(view->allowed, std::vector<CaseOp>{CaseOp::kReopen});
    EXPECT_TRUE(service_->Get(village_, c.id)->allowed.empty());
}

TEST_P(CasesTest, TheWorkflowTableDecidesWhoMayDoWhat) {
    domain::Case c = Report();
    // A unit cannot accept; a grid worker cannot dispatch; closing now is out of order.
    EXPECT_EQ(Act(unit_, c, CaseOp::kAccept).status().code(), StatusCode::kPermissionDenied);
    EXPECT_EQ(Act(village_, c, CaseOp::kClose).status().code(), StatusCode::kFailedPrecondition);
    c = *Act(village_, c, CaseOp::kAccept);
    EXPECT_EQ(Act(grid_worker_, c, CaseOp::kDispatch).status().code(), StatusCode::kPermissionDenied);
    c = *Act(village_, c, CaseOp::kDispatch);
    // Only the unit it was sent to signs for it.
    EXPECT_EQ(Act(other_unit_, c, CaseOp::kSign).status().code(), StatusCode::kPermissionDenied);
    // A stale version is refused.
    domain::Case stale = c;
    c = *Act(unit_, c, CaseOp::kSign);
    auto conflict = Act(unit_, stale, CaseOp::kReturn, Comment("不属于本单位职责"));
    EXPECT_EQ(conflict.status().code(), StatusCode::kConflict);
    EXPECT_EQ(conflict.status().field(), "version");
    // Parameters are checked.
    EXPECT_EQ(Act(unit_, c, CaseOp::kFinish).status().code(), StatusCode::kInvalidArgument);  // no comment
    // Someone outside the scope sees nothing.
    Caller elsewhere = Make("t2", domain::Role::kTownCenter, "371423101", "371423101-ZZZX");
    EXPECT_EQ(service_->Get(elsewhere, c.id).status().code(), StatusCode::kPermissionDenied);
    // The unit sees what was sent to it, wherever it is.
    EXPECT_TRUE(service_->Get(unit_, c.id).ok());
    auto view = service_->Get(unit_, c.id);
    std::set<CaseOp> allowed(view->allowed.begin(), view->allowed.end());
    EXPECT_TRUE(allowed.contains(CaseOp::kFinish));
    EXPECT_TRUE(allowed.contains(CaseOp::kReturn));
    EXPECT_FALSE(allowed.contains(CaseOp::kClose));
}

TEST_P(CasesTest, ReturnGoesBackToTheDispatcherWithAReason) {
    domain::Case c = Report();
    c = *Act(village_, c, CaseOp::kAccept);
    c = *Act(village_, c, CaseOp::kDispatch);
    EXPECT_EQ(Act(unit_, c, CaseOp::kReturn).status().code(), StatusCode::kInvalidArgument);
    c = *Act(unit_, c, CaseOp::kReturn, Comment("不属于本单位职责，应由住建局办理"));
    EXPECT_EQ(c.state, CaseState::kAccepted);
    EXPECT_EQ(c.unit_code, "");
    ActionParams to_zjj;
    to_zjj.unit_code = "371423-ZJJ";
    c = *Act(village_, c, CaseOp::kDispatch, to_zjj);
    EXPECT_EQ(c.unit_code, "371423-ZJJ");
    ActionParams nowhere;
    nowhere.unit_code = "999999-X";
    c = *Act(other_unit_, c, CaseOp::kReturn, Comment("再退"));
    EXPECT_EQ(Act(village_, c, CaseOp::kDispatch, nowhere).status().code(), StatusCode::kInvalidArgument);
}

TEST_P(CasesTest, ReportsAreIdempotentPerClientRequestAndDuplicatesAreSuggested) {
    domain::Case first = Report("企业夜间排放异味", "phone-1:42");
    domain::Case again = Report("企业夜间排放异味", "phone-1:42");
    EXPECT_EQ(again.id, first.id);
    storage::CaseFilter all;
    EXPECT_EQ(store_->Cases().ListCases(all)->total, 1);

    service::NewCase similar;
    similar.category_code = "env.pollution";
    similar.title = "企业夜间排放刺鼻异味";
    similar.grid_code = grid_;
    auto dup = service_->Report(grid_worker_, similar);
    ASSERT_TRUE(dup.ok());
    ASSERT_EQ(dup->duplicates.size(), 1u);
    EXPECT_EQ(dup->duplicates[0].id, first.id);

    // After 72 hours it is a new matter.
    now_ += 4 * kDay;
    EXPECT_TRUE(service_->Report(grid_worker_, similar)->duplicates.empty());

    // Merging the duplicate ends it.
    domain::Case d = dup->value;
    ActionParams into;
    into.into = first.id;
    d = *Act(village_, d, CaseOp::kMerge, into);
    EXPECT_EQ(d.state, CaseState::kMerged);
    EXPECT_EQ(d.merged_into, first.id);
}

TEST_P(CasesTest, IntakeChecksItsInput) {
    service::NewCase in;
    in.category_code = "env.pollution";
    in.title = "x";
    EXPECT_EQ(service_->Report(grid_worker_, in).status().code(), StatusCode::kInvalidArgument);  // nowhere
    in.grid_code = grid_;
    in.category_code = "no.such";
    EXPECT_EQ(service_->Report(grid_worker_, in).status().field(), "category_code");
    in.category_code = "hotline.water";  // a 12345 category on an event
    EXPECT_EQ(service_->Report(grid_worker_, in).status().field(), "category_code");
    in.category_code = "env.pollution";
    in.grid_code = "371423101201001";  // not the worker's grid
    EXPECT_EQ(service_->Report(grid_worker_, in).status().code(), StatusCode::kPermissionDenied);
    EXPECT_EQ(service_->Report(unit_, in).status().code(), StatusCode::kPermissionDenied);  // units do not report

    // Coordinates from a Chinese map are located in the grid they fall in.
    in.grid_code.clear();
    in.lng = 117.385;
    in.lat = 37.776;
    auto located = service_->Report(county_, in);
    ASSERT_TRUE(located.ok()) << located.status().ToString();
    EXPECT_EQ(located->value.grid_code, *locator_->Locate({117.385, 37.776}));
}

TEST_P(CasesTest, WarningsRedCardsAndAutomaticEscalationByTheCalendar) {
    domain::Case waiting = Report("无人受理的事件");
    domain::Case handled = ToHandling(Report("处置中的事件"));
    EXPECT_EQ(handled.handle_due, "2026-02-26");

    // Wednesday 25th: one working day before the handling deadline → yellow; the waiting case passed its
    // village limit (24th) → escalated to the town.
    now_ = kThu20260212 + 13 * kDay;
    auto scan = service_->Scan();
    ASSERT_TRUE(scan.ok()) << scan.status().ToString();
    EXPECT_EQ(scan->escalated, 1);
    EXPECT_EQ(scan->yellow, 1);
    auto w = *store_->Cases().GetCase(waiting.id);
    EXPECT_EQ(w.level, domain::CaseLevel::kTown);
    EXPECT_EQ(w.state, CaseState::kRegistered);
    EXPECT_TRUE(w.overdue);
    auto h = *store_->Cases().GetCase(handled.id);
    EXPECT_EQ(h.warning, "yellow");
    EXPECT_EQ(h.supervision, domain::Supervision::kYellow);

    // The village can no longer accept it; the town can.
    EXPECT_EQ(Act(village_, w, CaseOp::kAccept).status().code(), StatusCode::kPermissionDenied);
    EXPECT_TRUE(Act(town_, w, CaseOp::kAccept).ok());

    // Friday 27th: the deadline passed → red card, once.
    now_ = kThu20260212 + 15 * kDay;
    scan = service_->Scan();
    EXPECT_EQ(scan->red, 1);
    EXPECT_EQ(service_->Scan()->red, 0);
    h = *store_->Cases().GetCase(handled.id);
    EXPECT_EQ(h.warning, "red");
    EXPECT_EQ(h.supervision, domain::Supervision::kRed);
    auto history = *store_->Cases().CaseHistory(handled.id);
    EXPECT_EQ(history[history.size() - 2].op, "warn_yellow");
    EXPECT_EQ(history.back().op, "warn_red");
    EXPECT_EQ(history.back().actor, "system");

    // Finishing late marks the case overdue for the on-time rate.
    h = *Act(unit_, h, CaseOp::kFinish, Comment("已处理"));
    EXPECT_TRUE(h.overdue);

    auto todo = service_->Todo(county_);
    ASSERT_TRUE(todo.ok());
    EXPECT_EQ(todo->to_verify, 1);
}

TEST_P(CasesTest, AnUnsatisfiedRatingReopensOnceThenSupervises) {
    domain::Case c = ToHandling(Report());
    auto to_closed = [&](domain::Case x) {
        x = *Act(unit_, x, CaseOp::kFinish, Comment("已处理"));
        ActionParams pass;
        pass.pass = true;
        x = *Act(grid_worker_, x, CaseOp::kVerify, pass);
        return *Act(village_, x, CaseOp::kClose);
    };
    ActionParams bad;
    bad.satisfaction = "unsatisfied";
    c = *Act(village_, to_closed(c), CaseOp::kRate, bad);
    EXPECT_EQ(c.state, CaseState::kHandling);
    EXPECT_EQ(c.redo_count, 1);
    EXPECT_EQ(c.supervision, domain::Supervision::kNone);
    c = *Act(village_, to_closed(c), CaseOp::kRate, bad);
    EXPECT_EQ(c.state, CaseState::kHandling);
    EXPECT_EQ(c.redo_count, 2);
    EXPECT_EQ(c.supervision, domain::Supervision::kOrdinary);
    auto history = *store_->Cases().CaseHistory(c.id);
    EXPECT_EQ(history.back().op, "supervise");
    ActionParams good;
    good.satisfaction = "very_satisfied";
    c = *Act(village_, to_closed(c), CaseOp::kRate, good);
    EXPECT_EQ(c.state, CaseState::kRated);
    ActionParams nonsense;
    nonsense.satisfaction = "so-so";
    EXPECT_EQ(Act(county_, c, CaseOp::kRate, nonsense).status().code(), StatusCode::kFailedPrecondition);
}

TEST_P(CasesTest, ExtensionsSuspensionSupervisionAndInstructions) {
    domain::Case c = ToHandling(Report());
    ActionParams extend = Comment("需要第三方检测");
    extend.days = 11;
    EXPECT_EQ(Act(unit_, c, CaseOp::kExtend, extend).status().code(), StatusCode::kInvalidArgument);  // > 10
    extend.days = 3;
    c = *Act(unit_, c, CaseOp::kExtend, extend);
    EXPECT_EQ(c.extension_requested, 3);
    ActionParams approve;
    approve.approve = true;
    EXPECT_EQ(Act(village_, c, CaseOp::kApproveExtension, approve).status().code(), StatusCode::kPermissionDenied);
    c = *Act(town_, c, CaseOp::kApproveExtension, approve);
    EXPECT_EQ(c.extension_days, 3);
    EXPECT_EQ(c.handle_due, "2026-03-02");  // 26 Feb + 3 working days: 27 Feb, 28 Feb (make-up Saturday), 2 Mar
    ActionParams sup;
    sup.supervision = "yellow";
    c = *Act(leader_, c, CaseOp::kSupervise, sup);
    EXPECT_EQ(c.supervision, domain::Supervision::kYellow);
    c = *Act(leader_, c, CaseOp::kInstruct, Comment("请加快办理"));
    c = *Act(town_, c, CaseOp::kSuspend, Comment("等待司法鉴定"));
    EXPECT_EQ(c.state, CaseState::kSuspended);
    EXPECT_EQ(Act(unit_, c, CaseOp::kFinish, Comment("x")).status().code(), StatusCode::kFailedPrecondition);
    c = *Act(town_, c, CaseOp::kResume);
    EXPECT_EQ(c.state, CaseState::kHandling);
}

TEST_P(CasesTest, EscalationGoesUpLevelByLevel) {
    domain::Case c = Report();
    EXPECT_EQ(Act(village_, c, CaseOp::kEscalate).status().code(), StatusCode::kInvalidArgument);  // reason
    c = *Act(village_, c, CaseOp::kEscalate, Comment("涉及企业，村里无法协调"));
    EXPECT_EQ(c.level, domain::CaseLevel::kTown);
    c = *Act(town_, c, CaseOp::kEscalate, Comment("需县生态环境部门"));
    EXPECT_EQ(c.level, domain::CaseLevel::kCounty);
    EXPECT_EQ(c.level_due, "");  // the county has no automatic escalation
    EXPECT_EQ(Act(county_, c, CaseOp::kEscalate, Comment("再上报")).status().code(), StatusCode::kFailedPrecondition);
    EXPECT_TRUE(Act(county_, c, CaseOp::kAccept).ok());
}

TEST_P(CasesTest, DemoYearRunsThroughTheEngine) {
    auto n = service::GenerateDemoCases(*store_, "371423", 120, 3, kThu20260212 + 200 * kDay);
    ASSERT_TRUE(n.ok()) << n.status().ToString();
    EXPECT_GT(*n, 100);
    storage::CaseFilter rated;
    rated.states = {CaseState::kRated};
    storage::CaseFilter open;
    open.states = {CaseState::kRegistered, CaseState::kAccepted, CaseState::kDispatched, CaseState::kHandling,
                   CaseState::kFinished,   CaseState::kVerified, CaseState::kClosed};
    EXPECT_GT(store_->Cases().ListCases(rated)->total, 50);
    EXPECT_GT(store_->Cases().ListCases(open)->total, 0);
    storage::CaseFilter hotline;
    hotline.type = domain::CaseType::kWorkOrder;
    EXPECT_GT(store_->Cases().ListCases(hotline)->total, 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, CasesTest, ::testing::ValuesIn(test_support::AllBackends()),
                         test_support::BackendName);

}  // namespace
}  // namespace gridgov
