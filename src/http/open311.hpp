// Open311 GeoReport v2 at /open311/v2/: the pieces that do not need the API object — the XML and JSON
// renderings of the specification's documents, its error format, ISO 8601 times and form bodies.
#pragma once

#include <boost/json/value.hpp>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "common/status.hpp"
#include "http/server.hpp"

namespace gridgov::http::open311 {

enum class Format { kJson, kXml };

// "2026-09-21T22:13:20+08:00": the time in China with its offset, as the specification's w3 subset.
std::string FormatTime(std::int64_t unix_seconds);

// Unix seconds of a w3 ISO 8601 time: "YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS[.fff]]" followed by "Z" or "±HH:MM"
// (a time without a zone is read as China time, as is a bare date at midnight). InvalidArgument(field) otherwise.
Result<std::int64_t> ParseTime(std::string_view text, std::string_view field);

// The fields of an application/x-www-form-urlencoded body ("+" is a space; the first of a repeated key wins).
// InvalidArgument for a bad percent escape.
Result<std::map<std::string, std::string>> ParseForm(std::string_view body);

// Splits "name.json" / "name.xml" into the name and its format; nullopt-like false when the suffix is neither.
bool SplitFormat(std::string_view segment, std::string& name, Format& format);

// `value` as an XML document: `root` holds the value; an array's items become `item` elements (nested arrays
// name theirs from the key: "endpoints" → <endpoint>, "formats" → <format>, "attributes" → <attribute>), null an
// empty element, text escaped. Starts with the XML declaration (encoding utf-8).
std::string ToXml(std::string_view root, std::string_view item, const boost::json::value& value);

// A 200-class answer in `format`: JSON as it is, or XML under `root`/`item`.
Response Answer(const Request& request, beast_http::status status, Format format, const boost::json::value& value,
                std::string_view root, std::string_view item);

// The specification's error document ([{"code":403,"description":"…"}] or <errors><error>…) with the HTTP status
// of `status` (HttpStatusFor).
Response Error(const Request& request, Format format, const Status& status);

}  // namespace gridgov::http::open311
