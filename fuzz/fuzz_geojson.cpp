// libFuzzer target: geo::ParseFeatureCollection (the grid import's GeoJSON reader) over arbitrary text.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "geo/geojson.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    (void)gridgov::geo::ParseFeatureCollection(text);
    return 0;
}
