// API keys: 32 random bytes shown once as "ak_<hex>", stored as a hex BLAKE2b hash.
#include "service/api_keys.hpp"

#include <sodium.h>

namespace gridgov::service {
namespace {

std::string Hex(const unsigned char* data, std::size_t n) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    out.reserve(n * 2);
    for (std::size_t i = 0; i < n; ++i) {
        out.push_back(kDigits[data[i] >> 4]);
        out.push_back(kDigits[data[i] & 15]);
    }
    return out;
}

std::string HashKey(std::string_view key) {
    unsigned char digest[crypto_generichash_BYTES];
    crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(key.data()), key.size(), nullptr,
                       0);
    return Hex(digest, sizeof digest);
}

}  // namespace

Result<std::string> CreateApiKey(storage::CaseStore& cases, std::string_view name, std::int64_t now) {
    if (name.empty() || name.size() > 64) return InvalidArgument("密钥名称不能为空，且不超过 64 字节", "name");
    if (sodium_init() < 0) return Internal("libsodium 初始化失败");
    unsigned char random[32];
    randombytes_buf(random, sizeof random);
    std::string key = "ak_" + Hex(random, sizeof random);
    GRIDGOV_RETURN_IF_ERROR(cases.AddApiKey({HashKey(key), std::string(name), true, now}));
    return key;
}

Result<Caller> ApiKeyCaller(storage::CaseStore& cases, std::string_view key) {
    if (key.empty() || key.size() > 128) return PermissionDenied("缺少或无效的 api_key");
    Result<storage::ApiKey> found = cases.FindApiKey(HashKey(key));
    if (!found.ok()) {
        if (found.status().code() == StatusCode::kNotFound) return PermissionDenied("无效的 api_key");
        return found.status();
    }
    if (!found->active) return PermissionDenied("该 api_key 已停用");
    Caller caller = Caller::CommandLine();
    caller.login = "open311:" + found->name;
    caller.name = found->name;
    return caller;
}

}  // namespace gridgov::service
