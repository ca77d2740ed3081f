// Deterministic generation of the demo county's grids, staff and units on top of the real divisions.
#include "service/demo.hpp"

#include <array>
#include <random>
#include <vector>

#include <boost/json.hpp>
#include <map>
#include "common/division_code.hpp"

#include "geo/generate.hpp"
#include "geo/geojson.hpp"
#include "service/auth.hpp"
#include "service/demo_cases.hpp"
#include "service/divisions.hpp"

namespace gridgov::service {
namespace {

using domain::Grid;
using domain::GridType;
using domain::StaffMember;
using domain::StaffRole;
using domain::Unit;
using domain::UnitKind;

// std::mt19937_64 is specified bit for bit by the standard; the distributions are not, so draws are
// made here to keep a seed's output identical on every platform.
class Rng {
  public:
    explicit Rng(std::uint64_t seed) : engine_(seed) {}
    int Uniform(int lo, int hi) {  // inclusive
        return lo + static_cast<int>(engine_() % static_cast<std::uint64_t>(hi - lo + 1));
    }
    template <typename T, std::size_t N>
    const T& Pick(const std::array<T, N>& items) {
        return items[static_cast<std::size_t>(Uniform(0, static_cast<int>(N) - 1))];
    }

  private:
    std::mt19937_64 engine_;
};

// Common surnames of northern Shandong, the most frequent first (repeated to weight them).
constexpr std::array<std::string_view, 48> kSurnames{
    "王", "王", "王", "张", "张", "张", "李", "李", "李", "刘", "刘", "刘", "杨", "赵", "陈", "孙",
    "高", "马", "徐", "于", "崔", "魏", "宋", "郭", "尚", "丁", "常", "曹", "田", "程", "韩", "董",
    "朱", "许", "冯", "邢", "杜", "任", "胡", "吕", "贾", "石", "姜", "薛", "孟", "郑", "邵", "付"};
constexpr std::array<std::string_view, 64> kGivenChars{
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
    "超", "秀", "霞", "平", "刚", "桂", "英", "华", "建", "国", "玉", "兰", "志", "红", "春", "海",
    "燕", "峰", "晓", "鹏", "辉", "俊", "文", "莉", "宁", "波", "斌", "凤", "琳", "欣", "浩", "宇",
    "晨", "雪", "梅", "荣", "新", "庆", "德", "振", "广", "学", "林", "珍", "瑞", "泽", "凯", "云"};
constexpr std::array<std::string_view, 10> kOrdinals{"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
constexpr std::array<std::string_view, 8> kMobilePrefixes{"135", "137", "139", "150", "152", "158", "182", "187"};

std::string PersonName(Rng& rng) {
    std::string name(rng.Pick(kSurnames));
    name += rng.Pick(kGivenChars);
    if (rng.Uniform(0, 9) < 7) name += rng.Pick(kGivenChars);
    return name;
}

std::string Mobile(Rng& rng) {
    std::string phone(rng.Pick(kMobilePrefixes));
    for (int i = 0; i < 8; ++i) phone.push_back(static_cast<char>('0' + rng.Uniform(0, 9)));
    return phone;
}

std::string Ordinal(int n) {  // 1..99 → 一 … 九十九
    if (n <= 10) return std::string(kOrdinals[static_cast<std::size_t>(n - 1)]);
    std::string s;
    if (n / 10 > 1) s += kOrdinals[static_cast<std::size_t>(n / 10 - 1)];
    s += "十";
    if (n % 10 != 0) s += kOrdinals[static_cast<std::size_t>(n % 10 - 1)];
    return s;
}

std::string Seq3(int n) {
    std::string s = std::to_string(n);
    return std::string(3 - s.size(), '0') + s;
}

bool EndsWith(std::string_view s, std::string_view suffix) { return s.ends_with(suffix); }

// Town units: every town (街道/乡镇) has a 综治中心, a police station, a justice office, a petition office
// and a people's mediation committee.
struct TownUnit {
    UnitKind kind;
    std::string_view suffix;
    std::string_view code;
};
constexpr std::array<TownUnit, 5> kTownUnits{{
    {UnitKind::kTownCenter, "综治中心", "ZZZX"},
    {UnitKind::kPolice, "派出所", "PCS"},
    {UnitKind::kJustice, "司法所", "SFS"},
    {UnitKind::kPetition, "信访办", "XFB"},
    {UnitKind::kMediationCommittee, "人民调解委员会", "TWH"},
}};

struct CountyUnit {
    UnitKind kind;
    std::string_view name;  // appended to the county name
    std::string_view code;
};
constexpr std::array<CountyUnit, 24> kCountyUnits{{
    {UnitKind::kCountyCenter, "综治中心", "ZZZX"},
    {UnitKind::kMediationCenter, "社会矛盾纠纷调处化解中心", "TCZX"},
    {UnitKind::kPolice, "公安局", "GAJ"},
    {UnitKind::kJustice, "司法局", "SFJ"},
    {UnitKind::kPetition, "信访局", "XFJ"},
    {UnitKind::kDepartment, "住房和城乡建设局", "ZJJ"},
    {UnitKind::kDepartment, "人力资源和社会保障局", "RSJ"},
    {UnitKind::kDepartment, "卫生健康局", "WJJ"},
    {UnitKind::kDepartment, "市场监督管理局", "SJJ"},
    {UnitKind::kDepartment, "生态环境分局", "HBJ"},
    {UnitKind::kDepartment, "交通运输局", "JTJ"},
    {UnitKind::kDepartment, "应急管理局", "YJJ"},
    {UnitKind::kDepartment, "自然资源局", "ZRJ"},
    {UnitKind::kDepartment, "综合行政执法局", "ZFJ"},
    {UnitKind::kDepartment, "民政局", "MZJ"},
    {UnitKind::kDepartment, "教育和体育局", "JTYJ"},
    {UnitKind::kDepartment, "农业农村局", "NYJ"},
    {UnitKind::kDepartment, "水利局", "SLJ"},
    {UnitKind::kMediationCommittee, "医疗纠纷人民调解委员会", "YLTW"},
    {UnitKind::kMediationCommittee, "道路交通事故纠纷人民调解委员会", "JTTW"},
    {UnitKind::kMediationCommittee, "劳动争议人民调解委员会", "LDTW"},
    {UnitKind::kMediationCommittee, "环境纠纷人民调解委员会", "HJTW"},
    {UnitKind::kMediationCommittee, "婚姻家庭纠纷人民调解委员会", "HYTW"},
    {UnitKind::kMediationCommittee, "土地纠纷人民调解委员会", "TDTW"},
}};

struct SpecialGrid {
    GridType type;
    std::string_view name;
};

// Where the demo county lies: its seat and land area (庆云县: 502 km², seat at 117.38°E 37.78°N). Other
// counties get a plausible stand-in in northern Shandong.
struct CountyShape {
    std::string_view code;
    geo::Point centre;
    double area_km2;
};
constexpr std::array<CountyShape, 1> kCountyShapes{{{"371423", {117.385, 37.776}, 502.0}}};

// Splits `area` into cells weighted by `weights` and returns them as GeoJSON text, one per weight.
Result<std::vector<std::pair<geo::MultiPolygon, std::string>>> Split(const geo::MultiPolygon& area,
                                                                     const std::vector<double>& weights,
                                                                     std::uint64_t seed) {
    std::vector<std::pair<geo::MultiPolygon, std::string>> out;
    if (weights.size() == 1) {
        out.emplace_back(area, geo::ToGeoJsonText(area));
        return out;
    }
    GRIDGOV_ASSIGN_OR_RETURN(auto cells, geo::SplitArea(area, weights, seed));
    for (auto& c : cells) {
        std::string text = geo::ToGeoJsonText(c);
        out.emplace_back(std::move(c), std::move(text));
    }
    return out;
}

// Boundaries for the county, its towns (weighted by village count), villages (by households) and grids (by
// households; special grids small), each level partitioning its parent exactly.
Result<std::vector<domain::Boundary>> DemoBoundaries(storage::Store& store, const std::string& county,
                                                     const std::vector<domain::Grid>& grids, std::uint64_t seed) {
    geo::Point centre{116.5 + static_cast<double>(seed % 100) / 100.0, 37.0};
    double area_km2 = 600;
    for (const auto& shape : kCountyShapes) {
        if (shape.code == county) {
            centre = shape.centre;
            area_km2 = shape.area_km2;
        }
    }
    std::map<std::string, std::vector<const domain::Grid*>> grids_of;
    std::map<std::string, double> households_of;
    for (const auto& g : grids) {
        grids_of[g.village_code].push_back(&g);
        households_of[g.village_code] += g.households;
    }
    std::vector<domain::Boundary> out;
    geo::MultiPolygon outline = geo::DemoOutline(centre, area_km2, seed);
    out.push_back({county, geo::ToGeoJsonText(outline)});

    GRIDGOV_ASSIGN_OR_RETURN(auto towns, store.ListChildRegions(county));
    std::vector<std::vector<domain::Region>> villages_of(towns.size());
    std::vector<double> town_weights;
    for (std::size_t t = 0; t < towns.size(); ++t) {
        GRIDGOV_ASSIGN_OR_RETURN(villages_of[t], store.ListChildRegions(towns[t].code));
        town_weights.push_back(static_cast<double>(std::max<std::size_t>(villages_of[t].size(), 1)));
    }
    GRIDGOV_ASSIGN_OR_RETURN(auto town_cells, Split(outline, town_weights, seed + 1));
    for (std::size_t t = 0; t < towns.size(); ++t) {
        out.push_back({towns[t].code, town_cells[t].second});
        const auto& villages = villages_of[t];
        if (villages.empty()) continue;
        std::vector<double> village_weights;
        for (const auto& v : villages) village_weights.push_back(std::max(households_of[v.code], 100.0));
        GRIDGOV_ASSIGN_OR_RETURN(auto village_cells, Split(town_cells[t].first, village_weights, seed + 2 + t));
        for (std::size_t v = 0; v < villages.size(); ++v) {
            out.push_back({villages[v].code, village_cells[v].second});
            const auto& members = grids_of[villages[v].code];
            if (members.empty()) continue;
            std::vector<double> grid_weights;
            for (const auto* g : members) {
                grid_weights.push_back(domain::IsSpecial(g->type) ? 60.0 : std::max(g->households, 50));
            }
            GRIDGOV_ASSIGN_OR_RETURN(auto grid_cells,
                                     Split(village_cells[v].first, grid_weights, seed + 1000 + t * 1000 + v));
            for (std::size_t i = 0; i < members.size(); ++i) out.push_back({members[i]->code, grid_cells[i].second});
        }
    }
    return out;
}

constexpr std::array<DemoAccount, 9> kDemoAccounts{{
    {"admin", "系统管理员", "admin", "county", ""},
    {"leader", "县领导", "leader", "county", ""},
    {"county", "县综治中心值班员", "county_center", "county", "ZZZX"},
    {"town", "镇综治中心值班员", "town_center", "town", "ZZZX"},
    {"village", "村综治专干", "village_officer", "village", "ZZZ"},
    {"grid", "网格员", "grid_worker", "grid", ""},
    {"police", "网格民警", "grid_police", "town", "PCS"},
    {"mediator", "人民调解员", "mediator", "town", "TWH"},
    {"unit", "综合行政执法局经办人", "unit_handler", "county", "ZFJ"},
}};

}  // namespace

std::span<const DemoAccount> DemoAccounts() { return kDemoAccounts; }

std::string ShortVillageName(std::string_view n) {
    std::string s(n);
    auto cut = [&](std::string_view suffix, std::string_view replacement) {
        s = s.substr(0, s.size() - suffix.size()) + std::string(replacement);
    };
    if (EndsWith(s, "社区居民委员会")) {
        cut("居民委员会", "");
    } else if (EndsWith(s, "居民委员会")) {
        cut("居民委员会", "社区");
    } else if (EndsWith(s, "村村民委员会")) {
        cut("村民委员会", "");
    } else if (EndsWith(s, "村民委员会")) {
        cut("村民委员会", "村");
    } else if (EndsWith(s, "村委会")) {
        cut("村委会", "村");
    } else if (EndsWith(s, "居委会")) {
        cut("居委会", "社区");
    }
    return s;
}

Result<DemoReport> BuildDemo(storage::Store& store, const DemoOptions& options) {
    GRIDGOV_ASSIGN_OR_RETURN(std::string county, NormalizeDivisionCode(options.county));
    if (county.size() != 6) return InvalidArgument("演示数据需要一个 6 位县级区划代码，如 371423", "county");
    GRIDGOV_ASSIGN_OR_RETURN(DivisionImportReport divisions, ImportDivisions(store, options.division_data, county));

    DemoReport report;
    report.county_code = county;
    report.county_name = divisions.root_name;
    Rng rng(options.seed);

    std::vector<Grid> grids;
    std::vector<StaffMember> staff;
    std::vector<Unit> units;
    for (const CountyUnit& u : kCountyUnits) {
        units.push_back({0, county + "-" + std::string(u.code), report.county_name + std::string(u.name), u.kind,
                         county, "county", "0534-" + std::to_string(rng.Uniform(5200000, 5299999))});
    }

    GRIDGOV_ASSIGN_OR_RETURN(auto towns, store.ListChildRegions(county));
    report.towns = static_cast<std::int64_t>(towns.size());
    for (std::size_t t = 0; t < towns.size(); ++t) {
        const domain::Region& town = towns[t];
        for (const TownUnit& u : kTownUnits) {
            units.push_back({0, town.code + "-" + std::string(u.code), town.name + std::string(u.suffix), u.kind,
                             town.code, "town", "0534-" + std::to_string(rng.Uniform(5300000, 5399999))});
        }
        GRIDGOV_ASSIGN_OR_RETURN(auto villages, store.ListChildRegions(town.code));
        report.villages += static_cast<std::int64_t>(villages.size());
        for (std::size_t v = 0; v < villages.size(); ++v) {
            const domain::Region& village = villages[v];
            std::string short_name = ShortVillageName(village.name);
            bool community = std::string(VillageKindZh(village.code)).find("居") != std::string::npos;
            // Urban communities: 300–500 households a grid. Rural villages: one grid per one or two
            // villagers' groups, about 400 households at most.
            int households = community ? rng.Uniform(1500, 4200) : rng.Uniform(160, 780);
            int per_grid_cap = community ? 450 : 400;
            int grid_count = (households + per_grid_cap - 1) / per_grid_cap;
            int remaining = households;
            std::string village_police = PersonName(rng);
            std::string police_phone = Mobile(rng);
            for (int g = 1; g <= grid_count; ++g) {
                int h = g == grid_count ? remaining : households / grid_count;
                remaining -= h;
                Grid grid;
                grid.code = village.code + Seq3(g);
                grid.name = short_name + "第" + Ordinal(g) + "网格";
                grid.type = GridType::kComprehensive;
                grid.village_code = village.code;
                grid.households = h;
                grid.population = h * rng.Uniform(270, 320) / 100;
                staff.push_back({0, grid.code, PersonName(rng), StaffRole::kGridChief, Mobile(rng)});
                staff.push_back({0, grid.code, PersonName(rng), StaffRole::kFullTimeWorker, Mobile(rng)});
                for (int k = rng.Uniform(0, 2); k > 0; --k) {
                    staff.push_back({0, grid.code, PersonName(rng), StaffRole::kPartTimeWorker, Mobile(rng)});
                }
                staff.push_back({0, grid.code, village_police, StaffRole::kGridPolice, police_phone});
                for (int k = rng.Uniform(1, 2); k > 0; --k) {
                    staff.push_back({0, grid.code, PersonName(rng), StaffRole::kInformant, Mobile(rng)});
                }
                if (g == 1) staff.push_back({0, grid.code, PersonName(rng), StaffRole::kMediator, Mobile(rng)});
                grids.push_back(std::move(grid));
            }
            // Special grids (专属网格) sit in the town's seat village: a school in every town; the county seat
            // (the first town) also has the hospital, the industrial park and the market.
            if (v == 0) {
                std::string town_short = town.name;
                std::vector<SpecialGrid> specials{{GridType::kSchool, "中心学校专属网格"}};
                if (t == 0) {
                    specials.push_back({GridType::kHospital, "县人民医院专属网格"});
                    specials.push_back({GridType::kIndustrialPark, "经济开发区专属网格"});
                    specials.push_back({GridType::kMarket, "农贸市场专属网格"});
                }
                int seq = 901;
                for (const SpecialGrid& sg : specials) {
                    Grid grid;
                    grid.code = village.code + Seq3(seq++);
                    grid.name = sg.type == GridType::kSchool ? town_short + std::string(sg.name) : std::string(sg.name);
                    grid.type = sg.type;
                    grid.village_code = village.code;
                    grid.households = 0;
                    grid.population = rng.Uniform(300, 2500);  // pupils, staff, patients, workers
                    staff.push_back({0, grid.code, PersonName(rng), StaffRole::kGridChief, Mobile(rng)});
                    staff.push_back({0, grid.code, PersonName(rng), StaffRole::kFullTimeWorker, Mobile(rng)});
                    staff.push_back({0, grid.code, village_police, StaffRole::kGridPolice, police_phone});
                    grids.push_back(std::move(grid));
                    ++report.special_grids;
                }
            }
            units.push_back({0, village.code + "-ZZZ", short_name + "综治服务站", UnitKind::kVillageStation,
                             village.code, "village", Mobile(rng)});
        }
    }

    GRIDGOV_RETURN_IF_ERROR(store.UpsertGrids(grids).status());
    GRIDGOV_RETURN_IF_ERROR(store.ReplaceGridStaff(staff));
    GRIDGOV_RETURN_IF_ERROR(store.UpsertUnits(units).status());
    if (options.boundaries) {
        GRIDGOV_ASSIGN_OR_RETURN(auto boundaries, DemoBoundaries(store, county, grids, options.seed));
        GRIDGOV_RETURN_IF_ERROR(store.PutBoundaries(boundaries));
    }
    GRIDGOV_RETURN_IF_ERROR(store.PutSetting("demo.county", county));
    GRIDGOV_RETURN_IF_ERROR(store.PutSetting("demo.seed", std::to_string(options.seed)));
    if (options.accounts && !towns.empty()) {
        // Scopes: the county; its first town (the seat); that town's first village; that village's first grid.
        const std::string& town = towns.front().code;
        GRIDGOV_ASSIGN_OR_RETURN(auto villages, store.ListChildRegions(town));
        std::string village = villages.empty() ? town : villages.front().code;
        std::string grid = village + "001";
        AuthService auth(store);
        Caller cli = Caller::CommandLine();
        for (const DemoAccount& a : kDemoAccounts) {
            if (store.GetAccount(a.login).ok()) continue;
            std::string scope = a.scope == "county"    ? county
                                : a.scope == "town"    ? town
                                : a.scope == "village" ? village
                                                       : grid;
            NewAccount n{std::string(a.login), std::string(a.name),
                         std::string(a.role),  scope,
                         options.password,     a.unit.empty() ? std::string() : scope + "-" + std::string(a.unit)};
            GRIDGOV_RETURN_IF_ERROR(auth.CreateAccount(cli, n).status());
            ++report.accounts;
        }
    }
    GRIDGOV_ASSIGN_OR_RETURN(report.categories, SetUpCaseRouting(store, county));
    if (options.cases > 0) {
        GRIDGOV_ASSIGN_OR_RETURN(report.cases, GenerateDemoCases(store, county, options.cases, options.seed,
                                                                 options.now > 0 ? options.now : SystemNow()));
    }
    report.grids = static_cast<std::int64_t>(grids.size());
    report.staff = static_cast<std::int64_t>(staff.size());
    report.units = static_cast<std::int64_t>(units.size());
    return report;
}

}  // namespace gridgov::service
