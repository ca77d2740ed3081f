// A streaming RFC 4180 CSV reader (quoted fields, doubled quotes, CRLF, embedded newlines, UTF-8 BOM).
#pragma once

#include <cstdint>
#include <istream>
#include <string>
#include <vector>

#include "common/status.hpp"

namespace gridgov {

// Reads records one at a time from a stream it does not own. Not thread-safe.
class CsvReader {
  public:
    explicit CsvReader(std::istream& in, char delimiter = ',') : in_(in), delimiter_(delimiter) {}

    // Reads the next record into `fields`. Returns false at end of input; InvalidArgument (with the line
    // number) for an unterminated quoted field. A leading UTF-8 byte-order mark is skipped.
    Result<bool> Next(std::vector<std::string>& fields);

    // 1-based physical line number where the last record returned started.
    std::int64_t line() const { return record_line_; }

  private:
    std::istream& in_;
    char delimiter_;
    std::int64_t next_line_ = 1;
    std::int64_t record_line_ = 0;
    bool started_ = false;
};

}  // namespace gridgov
