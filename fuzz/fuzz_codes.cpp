// libFuzzer target: GB 11643 ID numbers, GB 32100 credit codes, division codes, phone masking.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "common/credit_code.hpp"
#include "common/division_code.hpp"
#include "common/id_number.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    auto id = gridgov::ParseIdNumber(text);
    if (id.ok()) {
        // A valid number's masked form keeps its length (18 characters).
        if (gridgov::MaskIdNumber(id->normalized).size() != id->normalized.size()) __builtin_trap();
    }
    (void)gridgov::MaskIdNumber(text);
    (void)gridgov::MaskPhone(text);
    (void)gridgov::IsMobileNumber(text);
    if (gridgov::ValidateCreditCode(text).ok() && text.size() != 18) __builtin_trap();
    if (text.size() >= 17) (void)gridgov::CreditCodeCheckChar(text.substr(0, 17));
    if (text.size() >= 17) (void)gridgov::IdNumberCheckChar(text.substr(0, 17));
    auto code = gridgov::NormalizeDivisionCode(text);
    if (code.ok()) {
        auto level = gridgov::LevelOfCode(*code);
        if (level.ok()) {
            (void)gridgov::LevelName(*level);
            std::string parent = gridgov::ParentCode(*code);
            if (!parent.empty() && !gridgov::IsInSubtree(*code, parent)) __builtin_trap();
            (void)gridgov::StatisticalCode(*code);
            (void)gridgov::TownKindZh(*code);
            (void)gridgov::VillageKindZh(*code);
        }
    }
    (void)gridgov::ParseLevelName(text);
    return 0;
}
