// Tables of enum values with their English identifiers and Chinese labels, and lookups in both directions.
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace gridgov::domain {

// One row of a name table: the value, its snake_case identifier (API, storage) and its Chinese label (UI).
template <typename E>
struct Named {
    E value;
    std::string_view name;
    std::string_view zh;
};

// The identifier (or, with `zh`, the label) of `value`; "" when the table lacks it.
template <typename E, std::size_t N>
constexpr std::string_view NameOf(const std::array<Named<E>, N>& table, E value, bool zh) {
    for (const auto& row : table) {
        if (row.value == value) return zh ? row.zh : row.name;
    }
    return {};
}

// The value whose identifier or Chinese label is `text`.
template <typename E, std::size_t N>
constexpr std::optional<E> ParseNamed(const std::array<Named<E>, N>& table, std::string_view text) {
    for (const auto& row : table) {
        if (row.name == text || row.zh == text) return row.value;
    }
    return std::nullopt;
}

}  // namespace gridgov::domain
