// Content-addressed attachment files: SHA-256 (libsodium) names, two levels of fan-out, atomic renames.
#include "service/attachments.hpp"

#include <sodium.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <fstream>
#include <sstream>

namespace gridgov::service {
namespace {

std::string Sha256Hex(std::string_view bytes) {
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    for (unsigned char b : digest) {
        out.push_back(kDigits[b >> 4]);
        out.push_back(kDigits[b & 15]);
    }
    return out;
}

// Writes `bytes` to `path` and flushes them to the disk before returning.
bool WriteDurably(const std::filesystem::path& path, std::string_view bytes) {
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (f == nullptr) return false;
    bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size() && std::fflush(f) == 0 &&
              ::fsync(::fileno(f)) == 0;
    return std::fclose(f) == 0 && ok;
}

}  // namespace

std::optional<std::string_view> AttachmentStore::SniffType(std::string_view b) {
    if (b.size() >= 3 && b.substr(0, 3) == "\xFF\xD8\xFF") return "image/jpeg";
    if (b.size() >= 8 && b.substr(0, 8) == std::string_view("\x89PNG\r\n\x1A\n", 8)) return "image/png";
    if (b.size() >= 12 && b.substr(0, 4) == "RIFF" && b.substr(8, 4) == "WEBP") return "image/webp";
    if (b.size() >= 5 && b.substr(0, 5) == "%PDF-") return "application/pdf";
    return std::nullopt;
}

bool AttachmentStore::IsHash(std::string_view hash) {
    return hash.size() == 64 && std::all_of(hash.begin(), hash.end(),
                                            [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

std::filesystem::path AttachmentStore::PathOf(std::string_view hash) const {
    return dir_ / std::string(hash.substr(0, 2)) / std::string(hash.substr(2, 2)) / std::string(hash);
}

Result<Attachment> AttachmentStore::Put(std::string_view bytes, std::string_view declared_type) {
    if (bytes.empty()) return InvalidArgument("文件为空", "file");
    if (bytes.size() > kMaxBytes) return InvalidArgument("文件超过 10 MiB", "file");
    std::optional<std::string_view> type = SniffType(bytes);
    if (!type) return InvalidArgument("只接受 JPEG、PNG、WebP 图片和 PDF 文档", "file");
    if (!declared_type.empty() && declared_type != *type) {
        return InvalidArgument(
            "文件内容（" + std::string(*type) + "）与声明的类型（" + std::string(declared_type) + "）不符",
            "content_type");
    }
    if (sodium_init() < 0) return Internal("libsodium 初始化失败");
    Attachment a{Sha256Hex(bytes), static_cast<std::int64_t>(bytes.size()), std::string(*type)};
    std::filesystem::path path = PathOf(a.hash);
    std::error_code ec;
    if (std::filesystem::exists(path, ec)) return a;
    std::filesystem::create_directories(path.parent_path(), ec);
    if (ec) return Unavailable("无法创建附件目录：" + ec.message());
    // A unique temporary name beside the target, so the rename is atomic and concurrent uploads do not collide.
    static std::atomic<std::uint64_t> counter{0};
    std::filesystem::path temp = path;
    temp += ".tmp." + std::to_string(::getpid()) + "." + std::to_string(counter.fetch_add(1));
    if (!WriteDurably(temp, bytes)) {
        std::filesystem::remove(temp, ec);
        return Unavailable("附件写入失败");
    }
    std::filesystem::rename(temp, path, ec);
    if (ec) {
        std::filesystem::remove(temp, ec);
        return Unavailable("附件写入失败：" + ec.message());
    }
    return a;
}

Result<std::pair<Attachment, std::string>> AttachmentStore::Get(std::string_view hash) const {
    if (!IsHash(hash)) return InvalidArgument("附件摘要应为 64 位小写十六进制", "hash");
    std::ifstream in(PathOf(hash), std::ios::binary);
    if (!in) return NotFound("附件不存在", "hash");
    std::ostringstream buffer;
    buffer << in.rdbuf();
    std::string bytes = std::move(buffer).str();
    std::optional<std::string_view> type = SniffType(bytes);
    if (!type) return Internal("附件文件已损坏：" + std::string(hash));
    return std::pair{Attachment{std::string(hash), static_cast<std::int64_t>(bytes.size()), std::string(*type)},
                     std::move(bytes)};
}

Status AttachmentStore::CheckExist(std::span<const std::string> hashes) const {
    for (const std::string& h : hashes) {
        std::error_code ec;
        if (!IsHash(h) || !std::filesystem::is_regular_file(PathOf(h), ec)) {
            return InvalidArgument("未找到附件 " + h + "，请先上传", "attachments");
        }
    }
    return Status::Ok();
}

}  // namespace gridgov::service
