// The case engine's policy as data: case types, states, operations, who may do what in which state, and the
// time limits of each stage. Pure: no clock, no storage. One table each, read like the rules they encode.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "domain/access.hpp"

namespace gridgov::domain {

// The kinds of case that share the engine.
enum class CaseType { kEvent, kWorkOrder };  // 事件 (grid patrol, video, …), 12345 工单

// Where a case came from (来源).
enum class Channel { kGridPatrol, kHotline, kOnline, kPetitionReferral, kVideo, kSuperior };

enum class CaseState {
    kRegistered,  // 登记: reported, not yet accepted by a centre
    kAccepted,    // 受理: a centre owns it and will dispatch it
    kDispatched,  // 已分拨: sent to a handling unit, waiting for it to sign for it
    kHandling,    // 处置中: signed for, being handled
    kFinished,    // 已办结: the unit reported it done; waiting for verification
    kVerified,    // 已核查: verified on the spot; waiting to be closed
    kClosed,      // 已结案: closed; waiting for the reporter's rating
    kRated,       // 已评价: rated satisfied (or the redo was rated again): done
    kSuspended,   // 挂起: paused (the time limit stops); resumes to the state it left
    kMerged,      // 已合并: a duplicate merged into another case: done
};

// The operations of DESIGN.md (URL /api/v1/cases/{id}/actions/{op}).
enum class CaseOp {
    kAccept,
    kDispatch,
    kSign,
    kReturn,
    kHandle,
    kFinish,
    kVerify,
    kClose,
    kRate,
    kReopen,
    kEscalate,
    kSupervise,
    kExtend,
    kApproveExtension,
    kInstruct,
    kMerge,
    kSuspend,
    kResume,
};

// The level that owns a case: 小事不出村、大事不出镇、矛盾不上交.
enum class CaseLevel { kVillage, kTown, kCounty };

// Satisfaction levels of 政务服务"好差评"; the last two are bad reviews.
enum class Satisfaction { kVerySatisfied, kSatisfied, kBasicallySatisfied, kUnsatisfied, kVeryUnsatisfied };

// Supervision (督办) levels: an ordinary notice, a yellow card (warning), a red card (overdue).
enum class Supervision { kNone, kOrdinary, kYellow, kRed };

std::string_view CaseTypeName(CaseType t);
std::string_view CaseTypeNameZh(CaseType t);
std::optional<CaseType> ParseCaseType(std::string_view s);
std::string_view ChannelName(Channel c);
std::string_view ChannelNameZh(Channel c);
std::optional<Channel> ParseChannel(std::string_view s);
std::string_view CaseStateName(CaseState s);
std::string_view CaseStateNameZh(CaseState s);
std::optional<CaseState> ParseCaseState(std::string_view s);
std::string_view CaseOpName(CaseOp op);
std::string_view CaseOpNameZh(CaseOp op);
std::optional<CaseOp> ParseCaseOp(std::string_view s);
std::span<const CaseOp> AllCaseOps();
std::string_view CaseLevelName(CaseLevel l);
std::string_view CaseLevelNameZh(CaseLevel l);
std::optional<CaseLevel> ParseCaseLevel(std::string_view s);
std::string_view SatisfactionName(Satisfaction s);
std::string_view SatisfactionNameZh(Satisfaction s);
std::optional<Satisfaction> ParseSatisfaction(std::string_view s);
bool IsBadReview(Satisfaction s);
std::string_view SupervisionName(Supervision s);
std::string_view SupervisionNameZh(Supervision s);
std::optional<Supervision> ParseSupervision(std::string_view s);

// True for states where nothing more happens (rated, merged).
bool IsTerminal(CaseState s);
// True for states a time limit runs in (everything but closed/rated/merged/suspended).
bool ClockRuns(CaseState s);

// One row of the workflow table: `op` may be taken in `from` by any of `roles`; `to` is the next state, or
// nullopt when the operation keeps the state (handle, supervise, extend, instruct) or decides it from its
// parameters (verify passes or fails; rate may reopen; resume returns to the state before suspension).
struct Transition {
    CaseOp op;
    CaseState from;
    std::optional<CaseState> to;
    std::span<const Role> roles;
};

// Every transition of `type`. Work orders and events share the table today; the type is the key so that
// disputes and petitions can bring their own.
std::span<const Transition> Transitions(CaseType type);

// The row for (type, op, from), if the operation exists in that state at all.
const Transition* FindTransition(CaseType type, CaseOp op, CaseState from);

// The stages a time limit is set for: signing for a dispatched case, handling it, verifying it once finished,
// and the owning level's overall limit (after which it escalates to the next level).
enum class Stage { kSign, kHandle, kVerify, kLevel };
std::string_view StageName(Stage s);
std::string_view StageNameZh(Stage s);

// Time limits in working days for one category at one level (local rules; see DOMAIN.md "Time limits").
struct TimeLimits {
    int sign = 1;            // 签收: 1 working day
    int handle = 5;          // 办结: Shandong 12345 — finish and reply within 5 working days
    int verify = 2;          // 核查
    int level = 7;           // the level's whole limit before automatic escalation (0 = never escalates)
    int warn_before = 1;     // yellow warning this many working days before a deadline
    int max_extension = 10;  // extension ≤ 10 working days in total
    int return_within = 2;   // an order outside the unit's remit is returned within 2 working days
};

// The default limits of a level (village cases escalate sooner; county cases never escalate automatically).
TimeLimits DefaultTimeLimits(CaseType type, CaseLevel level);

// The next level up; nullopt at the county.
std::optional<CaseLevel> NextLevel(CaseLevel level);

}  // namespace gridgov::domain
