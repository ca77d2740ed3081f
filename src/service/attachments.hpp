// Photos and documents attached to case history rows, stored content-addressed on disk:
// <dir>/ab/cd/<sha256 hex>. The type is read from the bytes (JPEG, PNG, WebP, PDF), never from a file name.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "common/status.hpp"

namespace gridgov::service {

struct Attachment {
    std::string hash;          // lower-case hex SHA-256 of the bytes
    std::int64_t size = 0;     // bytes
    std::string content_type;  // image/jpeg, image/png, image/webp or application/pdf
};

// The files under one directory, which this object owns (it creates it when needed). Thread-safe: a file
// appears whole (written to a temporary name, flushed, then renamed) and is never changed afterwards.
class AttachmentStore {
  public:
    static constexpr std::size_t kMaxBytes = 10u << 20;  // 10 MiB

    explicit AttachmentStore(std::filesystem::path dir) : dir_(std::move(dir)) {}

    // The MIME type the magic bytes say, or nullopt for anything but JPEG, PNG, WebP and PDF.
    static std::optional<std::string_view> SniffType(std::string_view bytes);
    // True for 64 lower-case hex digits.
    static bool IsHash(std::string_view hash);

    // Stores `bytes` (idempotent: the same bytes give the same hash and one file). InvalidArgument for an empty
    // file, one above kMaxBytes, a type other than the four, or a `declared_type` ("" = any) the bytes do not
    // match; Unavailable when the disk write fails.
    Result<Attachment> Put(std::string_view bytes, std::string_view declared_type = {});
    // The bytes and facts of a stored file. InvalidArgument for a malformed hash, NotFound for an unknown one.
    Result<std::pair<Attachment, std::string>> Get(std::string_view hash) const;
    // Ok when every hash names a stored file; InvalidArgument("attachments") naming the first that does not.
    Status CheckExist(std::span<const std::string> hashes) const;

    const std::filesystem::path& dir() const { return dir_; }

  private:
    std::filesystem::path PathOf(std::string_view hash) const;

    std::filesystem::path dir_;
};

}  // namespace gridgov::service
