// Token buckets; full buckets are dropped now and then so the map stays small.
#include "http/rate_limiter.hpp"

#include <algorithm>

namespace gridgov::http {

bool RateLimiter::Allow(const std::string& key, std::chrono::steady_clock::time_point now) {
    std::lock_guard lock(mu_);
    if (buckets_.size() > 10000) {
        std::erase_if(buckets_, [&](const auto& kv) {
            double seconds = std::chrono::duration<double>(now - kv.second.updated).count();
            return kv.second.tokens + seconds * per_second_ >= burst_;
        });
    }
    auto [it, inserted] = buckets_.try_emplace(key, Bucket{burst_, now});
    Bucket& b = it->second;
    if (!inserted) {
        double seconds = std::chrono::duration<double>(now - b.updated).count();
        b.tokens = std::min(burst_, b.tokens + seconds * per_second_);
        b.updated = now;
    }
    if (b.tokens < 1.0) return false;
    b.tokens -= 1.0;
    return true;
}

}  // namespace gridgov::http
