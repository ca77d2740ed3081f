// Hierarchy queries shared by the CLI and the HTTP API.
#include "service/regions.hpp"

#include <charconv>

#include "common/division_code.hpp"

namespace gridgov::service {
namespace {

Result<int> ParsePositive(std::string_view text, int fallback, int max, const char* field) {
    if (text.empty()) return fallback;
    int value = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || ptr != text.data() + text.size() || value < 1 || value > max) {
        return InvalidArgument(std::string(field) + " 应为 1 到 " + std::to_string(max) + " 之间的整数", field);
    }
    return value;
}

Result<std::vector<domain::Region>> Chain(storage::Store& store, std::string_view code) {
    std::vector<domain::Region> chain;
    for (std::string parent = ParentCode(code); !parent.empty(); parent = ParentCode(parent)) {
        Result<domain::Region> r = store.GetRegion(parent);
        if (r.ok()) {
            chain.insert(chain.begin(), std::move(r).value());
        } else if (r.status().code() != StatusCode::kNotFound) {
            return r.status();
        }
    }
    return chain;
}

}  // namespace

Result<domain::Unit> FindUnit(storage::Store& store, std::string_view code, std::string_view region) {
    storage::UnitFilter filter{std::string(region), std::nullopt, {1, storage::kMaxPageSize}};
    for (int page = 1;; ++page) {
        filter.page.page = page;
        GRIDGOV_ASSIGN_OR_RETURN(auto units, store.ListUnits(filter));
        for (auto& u : units.items) {
            if (u.code == code) return std::move(u);
        }
        if (units.items.empty() || static_cast<std::int64_t>(page) * filter.page.page_size >= units.total) break;
    }
    return NotFound("单位 " + std::string(code) + " 不存在", "unit_code");
}

Result<storage::PageRequest> ParsePaging(std::string_view page, std::string_view page_size) {
    storage::PageRequest p;
    GRIDGOV_ASSIGN_OR_RETURN(p.page, ParsePositive(page, 1, 1'000'000, "page"));
    GRIDGOV_ASSIGN_OR_RETURN(p.page_size, ParsePositive(page_size, 20, storage::kMaxPageSize, "page_size"));
    return p;
}

Result<RegionView> DescribeRegion(storage::Store& store, const Caller& caller, std::string_view code_input) {
    GRIDGOV_RETURN_IF_ERROR(Authorize(caller, domain::Action::kViewHierarchy));
    GRIDGOV_ASSIGN_OR_RETURN(std::string code, NormalizeDivisionCode(code_input));
    GRIDGOV_RETURN_IF_ERROR(CheckScope(caller, code));
    RegionView view;
    GRIDGOV_ASSIGN_OR_RETURN(view.region, store.GetRegion(code));
    GRIDGOV_ASSIGN_OR_RETURN(view.chain, Chain(store, code));
    GRIDGOV_ASSIGN_OR_RETURN(view.counts, store.CountSubtree(code));
    if (view.region.level == "village") {
        view.children = view.counts.grids;
    } else {
        GRIDGOV_ASSIGN_OR_RETURN(auto kids, store.ListChildRegions(code));
        view.children = static_cast<std::int64_t>(kids.size());
    }
    return view;
}

Result<std::vector<domain::Region>> ChildRegions(storage::Store& store, const Caller& caller,
                                                 std::string_view code_input) {
    GRIDGOV_RETURN_IF_ERROR(Authorize(caller, domain::Action::kViewHierarchy));
    GRIDGOV_ASSIGN_OR_RETURN(std::string code, NormalizeDivisionCode(code_input));
    GRIDGOV_RETURN_IF_ERROR(CheckScope(caller, code));
    GRIDGOV_RETURN_IF_ERROR(store.GetRegion(code).status());
    return store.ListChildRegions(code);
}

Result<GridView> DescribeGrid(storage::Store& store, const Caller& caller, std::string_view code, bool reveal,
                              std::int64_t now) {
    GRIDGOV_RETURN_IF_ERROR(Authorize(caller, domain::Action::kViewHierarchy));
    if (code.size() != 15 || code.find_first_not_of("0123456789") != std::string_view::npos) {
        return InvalidArgument("网格编码应为 15 位数字（12 位村(社区)代码 + 3 位序号）", "code");
    }
    GRIDGOV_RETURN_IF_ERROR(CheckScope(caller, code));
    if (reveal) GRIDGOV_RETURN_IF_ERROR(Authorize(caller, domain::Action::kViewSensitive));
    GridView view;
    GRIDGOV_ASSIGN_OR_RETURN(view.grid, store.GetGrid(code));
    GRIDGOV_ASSIGN_OR_RETURN(view.chain, Chain(store, code));
    GRIDGOV_ASSIGN_OR_RETURN(view.staff, store.ListGridStaff(code));
    if (reveal) {
        // The audit row is written before the data leaves: a view that is not recorded is not shown.
        GRIDGOV_RETURN_IF_ERROR(
            store.AppendAudit(MakeAudit(caller, now, "grid.view_sensitive", "grid", std::string(code),
                                        view.grid.village_code, R"({"fields":["staff.phone"]})")));
        view.revealed = true;
    }
    return view;
}

Result<storage::Page<domain::Grid>> ListGrids(storage::Store& store, const Caller& caller, const GridQuery& query) {
    GRIDGOV_RETURN_IF_ERROR(Authorize(caller, domain::Action::kViewHierarchy));
    storage::GridFilter filter;
    std::string region = query.region.empty() ? caller.scope_code : query.region;
    if (region.empty()) return InvalidArgument("请指定区划代码 region", "region");
    if (region.size() == 15) {
        filter.region_code = region;  // a single grid
    } else {
        GRIDGOV_ASSIGN_OR_RETURN(filter.region_code, NormalizeDivisionCode(region));
    }
    GRIDGOV_RETURN_IF_ERROR(CheckScope(caller, filter.region_code));
    if (!query.type.empty()) {
        filter.type = domain::ParseGridType(query.type);
        if (!filter.type) return InvalidArgument("未知的网格类型：" + query.type, "type");
    }
    filter.name_contains = query.q;
    GRIDGOV_ASSIGN_OR_RETURN(filter.page, ParsePaging(query.page, query.page_size));
    return store.ListGrids(filter);
}

Result<storage::Page<domain::Unit>> ListUnits(storage::Store& store, const Caller& caller, const UnitQuery& query) {
    GRIDGOV_RETURN_IF_ERROR(Authorize(caller, domain::Action::kViewHierarchy));
    storage::UnitFilter filter;
    if (!query.region.empty()) {
        GRIDGOV_ASSIGN_OR_RETURN(filter.region_code, NormalizeDivisionCode(query.region));
        GRIDGOV_RETURN_IF_ERROR(CheckScope(caller, filter.region_code));
    } else if (!caller.unrestricted) {
        // Units are organisations, not personal data: a user sees those of its county (where cases go).
        std::string scope = caller.scope_code.substr(0, std::min<std::size_t>(caller.scope_code.size(), 6));
        filter.region_code = scope;
    }
    if (!query.kind.empty()) {
        filter.kind = domain::ParseUnitKind(query.kind);
        if (!filter.kind) return InvalidArgument("未知的单位类型：" + query.kind, "kind");
    }
    GRIDGOV_ASSIGN_OR_RETURN(filter.page, ParsePaging(query.page, query.page_size));
    return store.ListUnits(filter);
}

}  // namespace gridgov::service
