// Encoding detection and GB18030 <-> UTF-8 conversion through iconv.
#include "common/encoding.hpp"

#include <iconv.h>

#include <cerrno>
#include <memory>

namespace gridgov {
namespace {

Result<std::string> Convert(std::string_view bytes, const char* to, const char* from, const char* what) {
    iconv_t cd = iconv_open(to, from);
    if (cd == reinterpret_cast<iconv_t>(-1)) return Internal(std::string("iconv 不支持 ") + from);
    std::unique_ptr<void, int (*)(iconv_t)> guard(cd, iconv_close);
    std::string out;
    out.resize(bytes.size() * 2 + 16);
    char* in_ptr = const_cast<char*>(bytes.data());
    std::size_t in_left = bytes.size();
    std::size_t written = 0;
    while (in_left > 0) {
        char* out_ptr = out.data() + written;
        std::size_t out_left = out.size() - written;
        std::size_t rc = iconv(cd, &in_ptr, &in_left, &out_ptr, &out_left);
        written = out.size() - out_left;
        if (rc != static_cast<std::size_t>(-1)) break;
        if (errno == E2BIG) {
            out.resize(out.size() * 2);
            continue;
        }
        std::size_t offset = bytes.size() - in_left;
        return InvalidArgument(
            std::string("文件不是有效的 ") + what + " 编码（第 " + std::to_string(offset + 1) + " 个字节）",
            "encoding");
    }
    out.resize(written);
    return out;
}

}  // namespace

bool IsValidUtf8(std::string_view s, bool may_be_truncated) {
    std::size_t i = 0;
    const std::size_t n = s.size();
    while (i < n) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        std::size_t len = 0;
        char32_t cp = 0;
        if (c < 0x80) {
            ++i;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            len = 2;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            len = 3;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            len = 4;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (i + len > n) {
            // Cut at the end of the buffer: the rest must still be continuation bytes.
            for (std::size_t k = i + 1; k < n; ++k) {
                if ((static_cast<unsigned char>(s[k]) & 0xC0) != 0x80) return false;
            }
            return may_be_truncated;
        }
        for (std::size_t k = 1; k < len; ++k) {
            unsigned char cc = static_cast<unsigned char>(s[i + k]);
            if ((cc & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (cc & 0x3F);
        }
        // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
        if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
            (cp >= 0xD800 && cp <= 0xDFFF)) {
            return false;
        }
        i += len;
    }
    return true;
}

TextEncoding DetectEncoding(std::string_view head) {
    if (head.starts_with("\xEF\xBB\xBF")) return TextEncoding::kUtf8;
    return IsValidUtf8(head, /*may_be_truncated=*/true) ? TextEncoding::kUtf8 : TextEncoding::kGb18030;
}

std::string_view EncodingName(TextEncoding encoding) { return encoding == TextEncoding::kUtf8 ? "UTF-8" : "GB18030"; }

Result<std::string> Gb18030ToUtf8(std::string_view bytes) { return Convert(bytes, "UTF-8", "GB18030", "GB18030"); }

Result<std::string> Utf8ToGb18030(std::string_view text) {
    if (!IsValidUtf8(text)) return InvalidArgument("文本不是有效的 UTF-8", "encoding");
    return Convert(text, "GB18030", "UTF-8", "UTF-8");
}

}  // namespace gridgov
