// libFuzzer target: CsvReader (RFC 4180, BOM, CRLF, quotes) over arbitrary bytes, with ',' and ';' delimiters.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "common/csv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    for (char delimiter : {',', ';'}) {
        std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
        gridgov::CsvReader reader(in, delimiter);
        std::vector<std::string> fields;
        std::size_t bytes = 0;
        for (int records = 0; records < 100000; ++records) {
            auto next = reader.Next(fields);
            if (!next.ok() || !*next) break;
            for (const auto& f : fields) bytes += f.size();
            // Fields are pieces of the input: never more bytes than were given.
            if (bytes > size) __builtin_trap();
        }
    }
    return 0;
}
