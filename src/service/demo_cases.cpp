// Demo cases: categories, routing rules and a simulated year of work through the case engine.
#include "service/demo_cases.hpp"

#include <array>
#include <random>

#include <boost/json.hpp>

#include "geo/geojson.hpp"
#include "geo/geometry.hpp"
#include "service/calendar.hpp"
#include "service/cases.hpp"
#include "service/grid_map.hpp"
#include "storage/case_store.hpp"

namespace gridgov::service {
namespace {

using domain::CaseOp;

struct DemoCategory {
    std::string_view code;
    std::string_view name;
    domain::CaseType type;
    std::string_view unit;  // county unit suffix, or "town:XXX" for the town's unit
    int handle_days;
    std::array<std::string_view, 3> titles;
};

constexpr std::array<DemoCategory, 16> kCategories{{
    {"env.garbage",
     "环境卫生",
     domain::CaseType::kEvent,
     "town:ZZZX",
     3,
     {"路边垃圾堆放未清运", "垃圾桶满溢", "河道漂浮垃圾"}},
    {"env.pollution",
     "环境污染",
     domain::CaseType::kEvent,
     "HBJ",
     5,
     {"企业夜间排放异味", "焚烧秸秆冒烟", "污水直排沟渠"}},
    {"safety.fire",
     "消防安全隐患",
     domain::CaseType::kEvent,
     "YJJ",
     3,
     {"楼道堆放杂物堵塞通道", "电动车楼道充电", "沿街商铺私拉电线"}},
    {"safety.traffic",
     "道路交通安全",
     domain::CaseType::kEvent,
     "town:PCS",
     3,
     {"路口信号灯故障", "校门口车辆乱停", "农用车违规载人"}},
    {"dispute.neighbour",
     "邻里纠纷",
     domain::CaseType::kEvent,
     "town:SFS",
     10,
     {"邻里宅基地界线争执", "楼上漏水引发纠纷", "噪音扰民矛盾"}},
    {"infra.road", "道路设施损坏", domain::CaseType::kEvent, "JTJ", 7, {"村道路面塌陷", "桥梁护栏损坏", "路灯不亮"}},
    {"housing.illegal", "违章建筑", domain::CaseType::kEvent, "ZFJ", 7, {"私搭乱建彩钢房", "占用绿地建房", "违规加层"}},
    {"civil.assistance",
     "困难救助",
     domain::CaseType::kEvent,
     "MZJ",
     5,
     {"独居老人生活困难", "残疾人申请帮扶", "低保户房屋漏雨"}},
    {"security.order",
     "治安隐患",
     domain::CaseType::kEvent,
     "town:PCS",
     3,
     {"夜间聚集滋事", "可疑人员出没", "网吧接纳未成年人"}},
    {"food.safety", "食品安全", domain::CaseType::kEvent, "SJJ", 5, {"流动摊贩无证经营", "过期食品销售", "餐馆卫生差"}},
    {"hotline.water", "供水问题", domain::CaseType::kWorkOrder, "ZJJ", 5, {"小区停水未通知", "自来水浑浊", "水压不足"}},
    {"hotline.heating", "供暖问题", domain::CaseType::kWorkOrder, "ZJJ", 5, {"暖气不热", "供暖费争议", "管道漏水"}},
    {"hotline.wage",
     "欠薪讨薪",
     domain::CaseType::kWorkOrder,
     "RSJ",
     5,
     {"工地拖欠农民工工资", "企业克扣工资", "讨要劳务费"}},
    {"hotline.medical",
     "医疗卫生",
     domain::CaseType::kWorkOrder,
     "WJJ",
     5,
     {"卫生院服务态度差", "医保报销咨询", "疫苗接种预约"}},
    {"hotline.education",
     "教育问题",
     domain::CaseType::kWorkOrder,
     "JTYJ",
     5,
     {"校车安全", "学校乱收费", "入学政策咨询"}},
    {"hotline.consumer",
     "消费维权",
     domain::CaseType::kWorkOrder,
     "SJJ",
     5,
     {"预付卡商家跑路", "网购商品质量问题", "价格欺诈"}},
}};

constexpr std::array<std::string_view, 8> kReporters{"王建国", "李秀英", "张伟", "刘芳",
                                                     "陈刚",   "赵敏",   "孙强", "周丽"};

class Rng {
  public:
    explicit Rng(std::uint64_t seed) : engine_(seed) {}
    int Uniform(int lo, int hi) { return lo + static_cast<int>(engine_() % static_cast<std::uint64_t>(hi - lo + 1)); }
    bool Chance(int percent) { return Uniform(1, 100) <= percent; }
    double Unit() { return static_cast<double>(engine_() >> 11) / 9007199254740992.0; }

  private:
    std::mt19937_64 engine_;
};

}  // namespace

Result<std::int64_t> SetUpCaseRouting(storage::Store& store, const std::string& county) {
    std::vector<domain::CaseCategory> categories;
    std::vector<domain::RoutingRule> rules;
    GRIDGOV_ASSIGN_OR_RETURN(auto towns, store.ListChildRegions(county));
    for (const DemoCategory& d : kCategories) {
        domain::CaseCategory k;
        k.code = std::string(d.code);
        k.name = std::string(d.name);
        k.type = d.type;
        k.limits = domain::DefaultTimeLimits(d.type, domain::CaseLevel::kVillage);
        k.limits.handle = d.handle_days;
        categories.push_back(k);
        std::string_view unit = d.unit;
        if (unit.starts_with("town:")) {
            for (const auto& t : towns) {
                rules.push_back({t.code, k.code, t.code + "-" + std::string(unit.substr(5))});
            }
            rules.push_back({county, k.code, county + "-ZZZX"});  // anything outside a town goes to the county centre
        } else {
            rules.push_back({county, k.code, county + "-" + std::string(unit)});
        }
    }
    GRIDGOV_RETURN_IF_ERROR(store.Cases().UpsertCategories(categories));
    GRIDGOV_RETURN_IF_ERROR(store.Cases().UpsertRoutingRules(rules));
    return static_cast<std::int64_t>(categories.size());
}

Result<std::int64_t> GenerateDemoCases(storage::Store& store, const std::string& county, int count, std::uint64_t seed,
                                       std::int64_t now) {
    GridLocator locator(store);
    GRIDGOV_RETURN_IF_ERROR(locator.Reload());
    GRIDGOV_ASSIGN_OR_RETURN(WorkCalendar calendar, LoadCalendar(store));
    CalendarHolder holder(std::move(calendar));
    std::int64_t clock = now;
    CaseService service(store, store.Cases(), locator, holder, [&clock] { return clock; });

    // Where events happen: the centre of a grid (points inside the grid polygons).
    GRIDGOV_ASSIGN_OR_RETURN(auto boundaries, store.ListBoundaries(county, "grid"));
    if (boundaries.empty()) return FailedPrecondition("演示案件需要网格边界");
    std::vector<std::pair<std::string, geo::MultiPolygon>> grids;
    for (const auto& b : boundaries) {
        boost::json::error_code ec;
        auto v = boost::json::parse(b.geojson, ec);
        if (ec) continue;
        auto shape = geo::ParseGeometry(v);
        if (shape.ok()) grids.emplace_back(b.code, std::move(shape).value());
    }

    Rng rng(seed ^ 0x5eedca5e);
    // Actors: callers with the demo roles (the same rules apply to them as to signed-in users).
    auto actor = [&](std::string login, domain::Role role, std::string scope, std::string unit) {
        Caller c;
        c.login = std::move(login);
        c.name = c.login;
        c.role = role;
        c.scope_code = std::move(scope);
        c.unit_code = std::move(unit);
        c.remote = "demo";
        return c;
    };
    Caller county_centre = actor("county", domain::Role::kCountyCenter, county, county + "-ZZZX");
    Caller leader = actor("leader", domain::Role::kLeader, county, "");

    std::int64_t created = 0;
    const std::int64_t year = 365LL * 86400;
    for (int i = 0; i < count; ++i) {
        // Spread over the year, more recent ones a little denser.
        double u = rng.Unit();
        std::int64_t at = now - static_cast<std::int64_t>(static_cast<double>(year) * (1.0 - std::sqrt(u)));
        at -= at % 60;
        clock = at;
        const DemoCategory& cat = kCategories[static_cast<std::size_t>(rng.Uniform(0, kCategories.size() - 1))];
        const auto& [grid_code, shape] = grids[static_cast<std::size_t>(rng.Uniform(0, grids.size() - 1))];
        std::string village = grid_code.substr(0, 12);
        std::string town = grid_code.substr(0, 9);
        Caller grid_worker = actor("grid." + grid_code.substr(9), domain::Role::kGridWorker, grid_code, "");
        Caller village_officer =
            actor("village." + village.substr(9), domain::Role::kVillageOfficer, village, village + "-ZZZ");
        Caller town_centre = actor("town." + town.substr(6), domain::Role::kTownCenter, town, town + "-ZZZX");

        bool hotline = cat.type == domain::CaseType::kWorkOrder;
        NewCase in;
        in.type = std::string(domain::CaseTypeName(cat.type));
        in.channel = hotline ? "hotline" : (rng.Chance(80) ? "grid_patrol" : (rng.Chance(50) ? "online" : "video"));
        in.category_code = std::string(cat.code);
        in.title = std::string(cat.titles[static_cast<std::size_t>(rng.Uniform(0, 2))]);
        in.description = "群众反映：" + in.title + "，请尽快核实处置。";
        geo::Point p = geo::Centroid(shape);
        if (!geo::ContainsPoint(shape, p)) p = shape.polygons.front().outer.front();
        in.lng = p.lng;
        in.lat = p.lat;
        in.reporter_name = std::string(kReporters[static_cast<std::size_t>(rng.Uniform(0, kReporters.size() - 1))]);
        in.reporter_phone = "13" + std::to_string(rng.Uniform(100000000, 999999999));
        Caller reporter = hotline ? county_centre : grid_worker;
        Result<ReportResult> reported = service.Report(reporter, in);
        if (!reported.ok()) continue;
        ++created;
        domain::Case c = reported->value;

        // The owning centre and the unit, by level.
        auto owner = [&]() -> Caller& {
            return c.level == domain::CaseLevel::kVillage ? village_officer
                   : c.level == domain::CaseLevel::kTown  ? town_centre
                                                          : county_centre;
        };
        auto step = [&](const Caller& who, CaseOp op, ActionParams params, int min_hours, int max_hours) -> bool {
            std::int64_t next = clock + 3600LL * rng.Uniform(min_hours, max_hours);
            if (next > now) return false;  // the future has not happened yet: the case stays open here
            clock = next;
            Result<domain::Case> r = service.Act(who, c.id, op, c.version, params);
            if (!r.ok()) return false;
            c = std::move(r).value();
            return true;
        };
        ActionParams none;
        auto with_comment = [](std::string text) {
            ActionParams p;
            p.comment = std::move(text);
            return p;
        };
        // Small things stay in the village; some go up to the town first (小事不出村、大事不出镇).
        if (!hotline && rng.Chance(15)) {
            if (!step(village_officer, CaseOp::kEscalate, with_comment("涉及多个村，需镇里协调"), 2, 30)) continue;
        }
        if (!step(owner(), CaseOp::kAccept, none, 1, 8)) continue;
        if (rng.Chance(3)) {
            step(leader, CaseOp::kInstruct, with_comment("请相关部门高度重视，限期解决"), 1, 24);
        }
        ActionParams dispatch;
        if (!step(owner(), CaseOp::kDispatch, dispatch, 1, 6)) continue;
        std::string unit_code = c.unit_code;
        Caller unit = actor("unit." + unit_code, domain::Role::kUnitHandler, county, unit_code);
        if (!step(unit, CaseOp::kSign, none, 1, 20)) continue;
        step(unit, CaseOp::kHandle, with_comment("已安排人员到现场查看"), 2, 24);
        // Most finish in time; some take long enough to be late (handle limit is in working days).
        int late = rng.Chance(8) ? 24 * (cat.handle_days + 4) : 0;
        if (!step(unit, CaseOp::kFinish, with_comment("问题已处理完毕，现场已恢复"), 6 + late / 2, 60 + late)) continue;
        Caller verifier = hotline ? county_centre : grid_worker;
        if (!step(
                verifier, CaseOp::kVerify,
                [&] {
                    ActionParams p;
                    p.pass = true;
                    p.comment = "现场核查属实";
                    return p;
                }(),
                2, 30)) {
            continue;
        }
        if (!step(owner(), CaseOp::kClose, none, 1, 10)) continue;
        // Rating: most satisfied; a few unsatisfied, redone, and rated again.
        auto rate = [&](std::string_view level) {
            ActionParams p;
            p.satisfaction = std::string(level);
            return step(owner(), CaseOp::kRate, p, 2, 48);
        };
        int roll = rng.Uniform(1, 100);
        std::string_view first = roll <= 55   ? "very_satisfied"
                                 : roll <= 88 ? "satisfied"
                                 : roll <= 95 ? "basically_satisfied"
                                              : "unsatisfied";
        if (!rate(first) || first != "unsatisfied") continue;
        if (!step(unit, CaseOp::kFinish, with_comment("已重新处理并回访当事人"), 12, 72)) continue;
        if (!step(
                verifier, CaseOp::kVerify,
                [&] {
                    ActionParams p;
                    p.pass = true;
                    p.comment = "重办后核查属实";
                    return p;
                }(),
                2, 30)) {
            continue;
        }
        if (!step(owner(), CaseOp::kClose, none, 1, 10)) continue;
        rate(rng.Chance(70) ? "satisfied" : "basically_satisfied");
    }
    clock = now;
    GRIDGOV_RETURN_IF_ERROR(service.Scan().status());
    return created;
}

}  // namespace gridgov::service
