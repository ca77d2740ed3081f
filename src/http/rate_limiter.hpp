// Token-bucket rate limits per client key (remote address), for logins and writes.
#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

namespace gridgov::http {

// Allows `burst` requests at once per key and refills `per_minute` tokens a minute. Thread-safe.
class RateLimiter {
  public:
    RateLimiter(double per_minute, double burst) : per_second_(per_minute / 60.0), burst_(burst) {}

    // True when the request may proceed (and takes a token).
    bool Allow(const std::string& key, std::chrono::steady_clock::time_point now = std::chrono::steady_clock::now());

  private:
    struct Bucket {
        double tokens;
        std::chrono::steady_clock::time_point updated;
    };
    double per_second_;
    double burst_;
    std::mutex mu_;
    std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace gridgov::http
