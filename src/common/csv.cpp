// Streaming CSV reader.
#include "common/csv.hpp"

namespace gridgov {

Result<bool> CsvReader::Next(std::vector<std::string>& fields) {
    fields.clear();
    if (!started_) {
        started_ = true;
        if (in_.peek() == 0xEF) {
            char bom[3];
            in_.read(bom, 3);
            if (!(bom[0] == '\xEF' && bom[1] == '\xBB' && bom[2] == '\xBF')) {
                for (int i = 2; i >= 0; --i) in_.putback(bom[i]);
            }
        }
    }
    record_line_ = next_line_;
    int c = in_.get();
    if (c == std::char_traits<char>::eof()) return false;

    std::string field;
    bool quoted = false;
    bool after_quote = false;  // the closing quote of a quoted field was seen
    for (;; c = in_.get()) {
        if (c == std::char_traits<char>::eof()) {
            if (quoted) {
                return InvalidArgument("第 " + std::to_string(record_line_) + " 行：引号未闭合", "line");
            }
            fields.push_back(std::move(field));
            return true;
        }
        char ch = static_cast<char>(c);
        if (quoted) {
            if (ch == '"') {
                if (in_.peek() == '"') {
                    in_.get();
                    field.push_back('"');
                } else {
                    quoted = false;
                    after_quote = true;
                }
            } else {
                if (ch == '\n') ++next_line_;
                field.push_back(ch);
            }
            continue;
        }
        if (ch == '"' && field.empty() && !after_quote) {
            quoted = true;
        } else if (ch == delimiter_) {
            fields.push_back(std::move(field));
            field.clear();
            after_quote = false;
        } else if (ch == '\r' && in_.peek() == '\n') {
            // CRLF: the '\n' ends the record on the next iteration.
        } else if (ch == '\n') {
            ++next_line_;
            fields.push_back(std::move(field));
            return true;
        } else {
            field.push_back(ch);
        }
    }
}

}  // namespace gridgov
