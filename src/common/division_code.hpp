// Administrative division codes (GB/T 2260, GB/T 10114, NBS statistical codes) and gridgov's grid codes:
// normalisation to the short form, levels, parents and subtrees.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "common/status.hpp"

namespace gridgov {

// The levels of the hierarchy, top down. A short-form code's length gives its level.
enum class RegionLevel { kProvince, kCity, kCounty, kTown, kVillage, kGrid };

// Length of a short-form code at `level`: 2, 4, 6, 9, 12, 15.
std::size_t CodeLength(RegionLevel level);

// The short form gridgov stores: the code without trailing all-zero groups. Accepts ASCII digits only, of
// length 2, 4, 6, 9, 12 (short forms, and the padded forms "370000", "371423000000") or 15 (a grid: a 12-digit
// village code + a 3-digit sequence, taken unchanged). Trailing zero groups (village 3, town 3, county 2,
// city 2 digits) are stripped: "371423100000" → "371423100", "370000000000" → "37", "371400" → "3714".
// A zero group is allowed inside a code only at county level (东莞 441900003 has towns directly under the city).
// InvalidArgument with a Chinese message otherwise ("区划代码只能由数字组成", "区划代码应为2、4、6、9、12位…",
// "区划代码中的…代码不能全为0"); the status has no field name.
[[nodiscard]] Result<std::string> NormalizeDivisionCode(std::string_view text);

// The level of a short-form code. InvalidArgument when `normalized` is not valid or not in short form
// (NormalizeDivisionCode would change it, as for "370000").
[[nodiscard]] Result<RegionLevel> LevelOfCode(std::string_view normalized);

// The short-form code of the nearest existing ancestor: "371423100" → "371423", a grid → its village, and
// "441900003" (a town of 东莞, whose county group is 00) → "4419". "" for a province or an invalid code.
std::string ParentCode(std::string_view normalized);

// The 12-digit statistical form, zero-padded: "371423" → "371423000000". A 15-digit grid code is returned
// unchanged. Expects a valid short-form code.
std::string StatisticalCode(std::string_view normalized);

// True when `code` is `root` or lies below it, i.e. `root` is a prefix of `code` (both short form).
// An empty `root` names no region and gives false, so a missing scope never grants everything.
bool IsInSubtree(std::string_view code, std::string_view root);

// "province", "city", "county", "town", "village", "grid": the names used in JSON and on the command line.
std::string_view LevelName(RegionLevel level);

// 省, 市, 县, 乡镇, 村, 网格: the names shown to users.
std::string_view LevelNameZh(RegionLevel level);

// The level named by LevelName or LevelNameZh (exact match); nullopt for anything else.
std::optional<RegionLevel> ParseLevelName(std::string_view name);

// The kind of a town by the GB/T 10114 range of its 3-digit part (digits 7–9 of a code of town level or
// below): 001–099 "街道", 100–199 "镇", 200–399 "乡", 400–599 "其他" (政企合一等). "" when the code is shorter
// than 9 digits or the part is out of range.
std::string_view TownKindZh(std::string_view town_code);

// The kind of a village by the NBS range of its 3-digit part (digits 10–12 of a village or grid code):
// 001–199 "居委会" (社区), 200–399 "村委会", 400–599 "其他" (生活区、农场队等). "" when the code is shorter than
// 12 digits or the part is out of range.
std::string_view VillageKindZh(std::string_view village_code);

}  // namespace gridgov
