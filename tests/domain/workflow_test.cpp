// The workflow and permission tables tested as data: what they allow is the policy of DOMAIN.md.
#include <gtest/gtest.h>

#include <set>

#include "domain/access.hpp"
#include "domain/workflow.hpp"

namespace gridgov::domain {
namespace {

bool May(CaseOp op, CaseState from, Role role) {
    const Transition* t = FindTransition(CaseType::kEvent, op, from);
    return t != nullptr && std::find(t->roles.begin(), t->roles.end(), role) != t->roles.end();
}

TEST(Workflow, EveryOperationHasARuleAndEveryNameRoundTrips) {
    std::set<CaseOp> seen;
    for (const Transition& t : Transitions(CaseType::kEvent)) seen.insert(t.op);
    EXPECT_EQ(seen.size(), AllCaseOps().size());
    for (CaseOp op : AllCaseOps()) {
        EXPECT_EQ(ParseCaseOp(CaseOpName(op)), op);
        EXPECT_EQ(ParseCaseOp(CaseOpNameZh(op)), op);
    }
}

TEST(Workflow, TheMainPathReportToRatedClose) {
    struct Step {
        CaseOp op;
        CaseState from;
        CaseState to;
        Role who;
    };
    for (const Step& s : std::vector<Step>{
             {CaseOp::kAccept, CaseState::kRegistered, CaseState::kAccepted, Role::kVillageOfficer},
             {CaseOp::kDispatch, CaseState::kAccepted, CaseState::kDispatched, Role::kTownCenter},
             {CaseOp::kSign, CaseState::kDispatched, CaseState::kHandling, Role::kUnitHandler},
             {CaseOp::kFinish, CaseState::kHandling, CaseState::kFinished, Role::kUnitHandler},
             {CaseOp::kClose, CaseState::kVerified, CaseState::kClosed, Role::kCountyCenter},
             {CaseOp::kReturn, CaseState::kDispatched, CaseState::kAccepted, Role::kUnitHandler},
             {CaseOp::kMerge, CaseState::kAccepted, CaseState::kMerged, Role::kTownCenter},
         }) {
        const Transition* t = FindTransition(CaseType::kEvent, s.op, s.from);
        ASSERT_NE(t, nullptr) << CaseOpName(s.op);
        EXPECT_EQ(t->to, s.to) << CaseOpName(s.op);
        EXPECT_TRUE(May(s.op, s.from, s.who)) << CaseOpName(s.op);
    }
    // verify, rate and resume decide their next state from their parameters.
    EXPECT_FALSE(FindTransition(CaseType::kEvent, CaseOp::kVerify, CaseState::kFinished)->to.has_value());
    EXPECT_FALSE(FindTransition(CaseType::kEvent, CaseOp::kRate, CaseState::kClosed)->to.has_value());
}

TEST(Workflow, WhoMayNot) {
    EXPECT_FALSE(May(CaseOp::kAccept, CaseState::kRegistered, Role::kUnitHandler));   // units do not triage
    EXPECT_FALSE(May(CaseOp::kClose, CaseState::kVerified, Role::kGridWorker));       // workers do not close
    EXPECT_TRUE(May(CaseOp::kVerify, CaseState::kFinished, Role::kGridWorker));       // they verify on the spot
    EXPECT_FALSE(May(CaseOp::kInstruct, CaseState::kHandling, Role::kCountyCenter));  // instructions are leaders'
    EXPECT_TRUE(May(CaseOp::kInstruct, CaseState::kHandling, Role::kLeader));
    EXPECT_FALSE(May(CaseOp::kApproveExtension, CaseState::kHandling, Role::kVillageOfficer));
    for (CaseOp op : AllCaseOps()) {
        for (const Transition& t : Transitions(CaseType::kEvent)) {
            if (t.op == op) {
                EXPECT_FALSE(May(op, t.from, Role::kAdmin)) << "the administrator does not handle cases";
            }
        }
    }
    // Nothing happens to a merged case; a rated one can only be reopened.
    for (CaseOp op : AllCaseOps()) {
        EXPECT_EQ(FindTransition(CaseType::kEvent, op, CaseState::kMerged), nullptr);
        if (op != CaseOp::kReopen) {
            EXPECT_EQ(FindTransition(CaseType::kEvent, op, CaseState::kRated), nullptr);
        }
    }
    EXPECT_EQ(FindTransition(CaseType::kEvent, CaseOp::kFinish, CaseState::kSuspended), nullptr);
}

TEST(Workflow, LevelsAndLimits) {
    EXPECT_EQ(NextLevel(CaseLevel::kVillage), CaseLevel::kTown);
    EXPECT_EQ(NextLevel(CaseLevel::kTown), CaseLevel::kCounty);
    EXPECT_FALSE(NextLevel(CaseLevel::kCounty).has_value());
    EXPECT_EQ(DefaultTimeLimits(CaseType::kWorkOrder, CaseLevel::kCounty).handle, 5);  // Shandong 12345: 5 days
    EXPECT_EQ(DefaultTimeLimits(CaseType::kWorkOrder, CaseLevel::kCounty).max_extension, 10);
    EXPECT_EQ(DefaultTimeLimits(CaseType::kEvent, CaseLevel::kCounty).level, 0);  // the county never escalates
    EXPECT_LT(DefaultTimeLimits(CaseType::kEvent, CaseLevel::kVillage).level,
              DefaultTimeLimits(CaseType::kEvent, CaseLevel::kTown).level);
    EXPECT_TRUE(IsBadReview(Satisfaction::kUnsatisfied));
    EXPECT_TRUE(IsBadReview(Satisfaction::kVeryUnsatisfied));
    EXPECT_FALSE(IsBadReview(Satisfaction::kBasicallySatisfied));
}

TEST(Access, ThePermissionTable) {
    EXPECT_TRUE(RoleMay(Role::kAdmin, Action::kManageUsers));
    EXPECT_FALSE(RoleMay(Role::kCountyCenter, Action::kManageUsers));
    EXPECT_FALSE(RoleMay(Role::kLeader, Action::kViewSensitive));
    EXPECT_TRUE(RoleMay(Role::kGridPolice, Action::kViewSensitive));
    EXPECT_FALSE(RoleMay(Role::kUnitHandler, Action::kReportCase));
    EXPECT_TRUE(RoleMay(Role::kGridWorker, Action::kReportCase));
    for (Role r : AllRoles()) EXPECT_TRUE(RoleMay(r, Action::kViewHierarchy));
    EXPECT_TRUE(ScopeContains("371423", "371423100209001"));
    EXPECT_FALSE(ScopeContains("371423100", "371423101201"));
    EXPECT_FALSE(ScopeContains("", "371423"));
}

}  // namespace
}  // namespace gridgov::domain
