// JSON shapes of the API's records (snake_case fields; records carry grid_code and region_code).
#pragma once

#include <boost/json/value.hpp>

#include "service/regions.hpp"
#include "storage/store.hpp"

namespace gridgov::http {

boost::json::object RegionJson(const domain::Region& region);
boost::json::object RegionViewJson(const service::RegionView& view);
boost::json::object GridJson(const domain::Grid& grid);
boost::json::object GridViewJson(const service::GridView& view);
// Staff phones are masked (138****5678) unless `revealed` (an audited view by a role that may see them).
boost::json::object StaffJson(const domain::StaffMember& member, bool revealed);
boost::json::object UnitJson(const domain::Unit& unit);

// {"items":[…],"total":N,"page":P,"page_size":S}
template <typename T, typename F>
boost::json::object PageJson(const storage::Page<T>& page, F&& to_json) {
    boost::json::array items;
    items.reserve(page.items.size());
    for (const auto& item : page.items) items.emplace_back(to_json(item));
    return {{"items", std::move(items)}, {"total", page.total}, {"page", page.page}, {"page_size", page.page_size}};
}

}  // namespace gridgov::http
