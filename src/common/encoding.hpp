// Text encodings of files users hand in: UTF-8 (with or without BOM) or GB18030/GBK as Excel writes CSV on a
// Chinese Windows. Detection and conversion to UTF-8 (glibc iconv).
#pragma once

#include <string>
#include <string_view>

#include "common/status.hpp"

namespace gridgov {

enum class TextEncoding { kUtf8, kGb18030 };

// True when `bytes` is well-formed UTF-8. A sequence cut at the very end (a prefix of a longer buffer) counts
// as well-formed when `may_be_truncated`.
bool IsValidUtf8(std::string_view bytes, bool may_be_truncated = false);

// The encoding of a file that begins with `head` (a prefix of it, e.g. the first 64 KiB): UTF-8 when it has a
// UTF-8 byte-order mark or is well-formed UTF-8, GB18030 otherwise (GBK is a subset of GB18030).
TextEncoding DetectEncoding(std::string_view head);

std::string_view EncodingName(TextEncoding encoding);  // "UTF-8", "GB18030"

// Converts GB18030 bytes to UTF-8. InvalidArgument (Chinese, with the byte offset) for bytes that are not
// GB18030. Thread-safe.
Result<std::string> Gb18030ToUtf8(std::string_view bytes);

// Converts UTF-8 to GB18030 (for exports Excel opens as legacy CSV). InvalidArgument for invalid UTF-8.
Result<std::string> Utf8ToGb18030(std::string_view text);

}  // namespace gridgov
