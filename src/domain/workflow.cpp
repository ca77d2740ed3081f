// The workflow tables: names, the state × operation × role table, and default time limits.
#include "domain/workflow.hpp"

#include <array>

#include <vector>
#include "domain/named.hpp"

namespace gridgov::domain {
namespace {

constexpr std::array<Named<CaseType>, 2> kTypes{{
    {CaseType::kEvent, "event", "事件"},
    {CaseType::kWorkOrder, "work_order", "12345工单"},
}};

constexpr std::array<Named<Channel>, 6> kChannels{{
    {Channel::kGridPatrol, "grid_patrol", "网格巡查"},
    {Channel::kHotline, "hotline", "12345热线"},
    {Channel::kOnline, "online", "网上自报"},
    {Channel::kPetitionReferral, "petition_referral", "信访转办"},
    {Channel::kVideo, "video", "视频发现"},
    {Channel::kSuperior, "superior", "上级交办"},
}};

constexpr std::array<Named<CaseState>, 10> kStates{{
    {CaseState::kRegistered, "registered", "待受理"},
    {CaseState::kAccepted, "accepted", "已受理"},
    {CaseState::kDispatched, "dispatched", "待签收"},
    {CaseState::kHandling, "handling", "处置中"},
    {CaseState::kFinished, "finished", "待核查"},
    {CaseState::kVerified, "verified", "待结案"},
    {CaseState::kClosed, "closed", "待评价"},
    {CaseState::kRated, "rated", "已办结"},
    {CaseState::kSuspended, "suspended", "已挂起"},
    {CaseState::kMerged, "merged", "已合并"},
}};

constexpr std::array<Named<CaseOp>, 18> kOps{{
    {CaseOp::kAccept, "accept", "受理"},
    {CaseOp::kDispatch, "dispatch", "分拨"},
    {CaseOp::kSign, "sign", "签收"},
    {CaseOp::kReturn, "return", "退回"},
    {CaseOp::kHandle, "handle", "处置"},
    {CaseOp::kFinish, "finish", "办结反馈"},
    {CaseOp::kVerify, "verify", "核查"},
    {CaseOp::kClose, "close", "结案"},
    {CaseOp::kRate, "rate", "评价"},
    {CaseOp::kReopen, "reopen", "重办"},
    {CaseOp::kEscalate, "escalate", "上报"},
    {CaseOp::kSupervise, "supervise", "督办"},
    {CaseOp::kExtend, "extend", "延期申请"},
    {CaseOp::kApproveExtension, "approve_extension", "延期审批"},
    {CaseOp::kInstruct, "instruct", "批示"},
    {CaseOp::kMerge, "merge", "合并"},
    {CaseOp::kSuspend, "suspend", "挂起"},
    {CaseOp::kResume, "resume", "恢复"},
}};

constexpr std::array<Named<CaseLevel>, 3> kLevels{{
    {CaseLevel::kVillage, "village", "村(社区)"},
    {CaseLevel::kTown, "town", "乡镇(街道)"},
    {CaseLevel::kCounty, "county", "县"},
}};

constexpr std::array<Named<Satisfaction>, 5> kSatisfaction{{
    {Satisfaction::kVerySatisfied, "very_satisfied", "非常满意"},
    {Satisfaction::kSatisfied, "satisfied", "满意"},
    {Satisfaction::kBasicallySatisfied, "basically_satisfied", "基本满意"},
    {Satisfaction::kUnsatisfied, "unsatisfied", "不满意"},
    {Satisfaction::kVeryUnsatisfied, "very_unsatisfied", "非常不满意"},
}};

constexpr std::array<Named<Supervision>, 4> kSupervision{{
    {Supervision::kNone, "none", "无"},
    {Supervision::kOrdinary, "ordinary", "督办"},
    {Supervision::kYellow, "yellow", "黄牌督办"},
    {Supervision::kRed, "red", "红牌督办"},
}};

constexpr std::array<Named<Stage>, 4> kStages{{
    {Stage::kSign, "sign", "签收"},
    {Stage::kHandle, "handle", "办结"},
    {Stage::kVerify, "verify", "核查"},
    {Stage::kLevel, "level", "本级办理"},
}};

// Who takes which operations. The centres triage and close; units sign, handle and report back; grid
// workers report and verify on the spot; leaders supervise and instruct.
using R = Role;
constexpr std::array kReporters{R::kGridWorker, R::kVillageOfficer, R::kTownCenter, R::kCountyCenter};
constexpr std::array kCentres{R::kVillageOfficer, R::kTownCenter, R::kCountyCenter};
constexpr std::array kUpperCentres{R::kTownCenter, R::kCountyCenter};
constexpr std::array kUnits{R::kUnitHandler,    R::kGridPolice, R::kMediator,    R::kPetitionOfficer,
                            R::kVillageOfficer, R::kTownCenter, R::kCountyCenter};
constexpr std::array kVerifiers{R::kGridWorker, R::kVillageOfficer, R::kTownCenter, R::kCountyCenter};
constexpr std::array kSupervisors{R::kLeader, R::kTownCenter, R::kCountyCenter};
constexpr std::array kLeaders{R::kLeader};

using S = CaseState;
using O = CaseOp;

struct Rule {
    O op;
    std::vector<S> from;
    std::optional<S> to;
    std::span<const Role> roles;
};

// The policy, one line per operation: op, the states it may be taken in, the state it leads to, who.
const std::vector<Rule>& Rules() {
    static const std::vector<Rule> rules{
        {O::kAccept, {S::kRegistered}, S::kAccepted, kCentres},
        {O::kDispatch, {S::kAccepted}, S::kDispatched, kCentres},
        {O::kSign, {S::kDispatched}, S::kHandling, kUnits},
        {O::kReturn, {S::kDispatched, S::kHandling}, S::kAccepted, kUnits},
        {O::kHandle, {S::kHandling}, std::nullopt, kUnits},
        {O::kFinish, {S::kHandling}, S::kFinished, kUnits},
        {O::kVerify, {S::kFinished}, std::nullopt, kVerifiers},  // passes → verified, fails → handling
        {O::kClose, {S::kVerified}, S::kClosed, kCentres},
        {O::kRate, {S::kClosed}, std::nullopt, kCentres},  // satisfied → rated; unsatisfied → handling (重办)
        {O::kReopen, {S::kClosed, S::kRated}, S::kHandling, kUpperCentres},
        {O::kEscalate, {S::kRegistered, S::kAccepted}, S::kRegistered, kReporters},  // the next level accepts
        {O::kSupervise,
         {S::kRegistered, S::kAccepted, S::kDispatched, S::kHandling, S::kFinished, S::kVerified},
         std::nullopt,
         kSupervisors},
        {O::kExtend, {S::kHandling}, std::nullopt, kUnits},
        {O::kApproveExtension, {S::kHandling}, std::nullopt, kUpperCentres},
        {O::kInstruct,
         {S::kRegistered, S::kAccepted, S::kDispatched, S::kHandling, S::kFinished, S::kVerified, S::kClosed},
         std::nullopt,
         kLeaders},
        {O::kMerge, {S::kRegistered, S::kAccepted}, S::kMerged, kCentres},
        {O::kSuspend, {S::kAccepted, S::kDispatched, S::kHandling}, S::kSuspended, kUpperCentres},
        {O::kResume, {S::kSuspended}, std::nullopt, kUpperCentres},  // back to the state it left
    };
    return rules;
}

const std::vector<Transition>& Table() {
    static const std::vector<Transition> table = [] {
        std::vector<Transition> t;
        for (const Rule& r : Rules()) {
            for (S from : r.from) t.push_back({r.op, from, r.to, r.roles});
        }
        return t;
    }();
    return table;
}

}  // namespace

std::string_view CaseTypeName(CaseType t) { return NameOf(kTypes, t, false); }
std::string_view CaseTypeNameZh(CaseType t) { return NameOf(kTypes, t, true); }
std::optional<CaseType> ParseCaseType(std::string_view s) { return ParseNamed(kTypes, s); }
std::string_view ChannelName(Channel c) { return NameOf(kChannels, c, false); }
std::string_view ChannelNameZh(Channel c) { return NameOf(kChannels, c, true); }
std::optional<Channel> ParseChannel(std::string_view s) { return ParseNamed(kChannels, s); }
std::string_view CaseStateName(CaseState s) { return NameOf(kStates, s, false); }
std::string_view CaseStateNameZh(CaseState s) { return NameOf(kStates, s, true); }
std::optional<CaseState> ParseCaseState(std::string_view s) { return ParseNamed(kStates, s); }
std::string_view CaseOpName(CaseOp op) { return NameOf(kOps, op, false); }
std::string_view CaseOpNameZh(CaseOp op) { return NameOf(kOps, op, true); }
std::optional<CaseOp> ParseCaseOp(std::string_view s) { return ParseNamed(kOps, s); }
std::span<const CaseOp> AllCaseOps() {
    static const std::array<CaseOp, 18> all = [] {
        std::array<CaseOp, 18> a{};
        for (std::size_t i = 0; i < kOps.size(); ++i) a[i] = kOps[i].value;
        return a;
    }();
    return all;
}
std::string_view CaseLevelName(CaseLevel l) { return NameOf(kLevels, l, false); }
std::string_view CaseLevelNameZh(CaseLevel l) { return NameOf(kLevels, l, true); }
std::optional<CaseLevel> ParseCaseLevel(std::string_view s) { return ParseNamed(kLevels, s); }
std::string_view SatisfactionName(Satisfaction s) { return NameOf(kSatisfaction, s, false); }
std::string_view SatisfactionNameZh(Satisfaction s) { return NameOf(kSatisfaction, s, true); }
std::optional<Satisfaction> ParseSatisfaction(std::string_view s) { return ParseNamed(kSatisfaction, s); }
bool IsBadReview(Satisfaction s) { return s == Satisfaction::kUnsatisfied || s == Satisfaction::kVeryUnsatisfied; }
std::string_view SupervisionName(Supervision s) { return NameOf(kSupervision, s, false); }
std::string_view SupervisionNameZh(Supervision s) { return NameOf(kSupervision, s, true); }
std::optional<Supervision> ParseSupervision(std::string_view s) { return ParseNamed(kSupervision, s); }
std::string_view StageName(Stage s) { return NameOf(kStages, s, false); }
std::string_view StageNameZh(Stage s) { return NameOf(kStages, s, true); }

bool IsTerminal(CaseState s) { return s == CaseState::kRated || s == CaseState::kMerged; }

bool ClockRuns(CaseState s) {
    return s != CaseState::kClosed && s != CaseState::kRated && s != CaseState::kMerged && s != CaseState::kSuspended;
}

std::span<const Transition> Transitions(CaseType) { return Table(); }

const Transition* FindTransition(CaseType type, CaseOp op, CaseState from) {
    for (const Transition& t : Transitions(type)) {
        if (t.op == op && t.from == from) return &t;
    }
    return nullptr;
}

TimeLimits DefaultTimeLimits(CaseType type, CaseLevel level) {
    TimeLimits limits;
    // 12345 work orders: finish and reply within 5 working days (Shandong 2020). Events follow the local
    // layered rule: a village has 3 working days before the case goes up, a town 7, the county has no
    // automatic escalation.
    limits.handle = 5;
    switch (level) {
        case CaseLevel::kVillage:
            limits.level = 3;
            break;
        case CaseLevel::kTown:
            limits.level = 7;
            break;
        case CaseLevel::kCounty:
            limits.level = 0;
            break;
    }
    if (type == CaseType::kWorkOrder) limits.sign = 1;  // 12345: sign within the working day after dispatch
    return limits;
}

std::optional<CaseLevel> NextLevel(CaseLevel level) {
    switch (level) {
        case CaseLevel::kVillage:
            return CaseLevel::kTown;
        case CaseLevel::kTown:
            return CaseLevel::kCounty;
        case CaseLevel::kCounty:
            return std::nullopt;
    }
    return std::nullopt;
}

}  // namespace gridgov::domain
