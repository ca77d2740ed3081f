// Shared by the HTTP fuzz targets: a demo county in a temporary SQLite database, the real Api over it (write
// limits lifted), and an administrator's bearer token.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include <boost/json.hpp>

#include "http/api.hpp"
#include "service/demo.hpp"
#include "service/divisions.hpp"
#include "storage/store.hpp"

namespace gridgov::fuzz {

struct ApiHarness {
    std::unique_ptr<storage::Store> store;
    std::unique_ptr<http::Api> api;
    std::string token;

    http::Response Handle(const http::Request& req) const {
        return api->Handle(req, http::RequestContext{"127.0.0.1", std::chrono::steady_clock::now()});
    }

    // Builds the demo county once per process; aborts when it cannot (the fuzzer would prove nothing).
    static const ApiHarness& Get() {
        static const ApiHarness* harness = [] {
            auto* h = new ApiHarness;
            std::string dir = std::filesystem::temp_directory_path() / ("gridgov-fuzz-" + std::to_string(getpid()));
            std::filesystem::remove_all(dir);
            std::filesystem::create_directories(dir);
            auto store = storage::OpenStore(dir + "/demo.db");
            if (!store.ok()) std::abort();
            h->store = std::move(store).value();
            auto data = service::FindDivisionData(std::nullopt);
            if (!data.ok()) std::abort();
            service::DemoOptions demo;
            demo.division_data = *data;
            demo.cases = 20;
            if (!service::BuildDemo(*h->store, demo).ok()) std::abort();
            http::ApiOptions options;
            options.writes_per_minute = 1e9;
            options.writes_burst = 1e9;
            options.login_per_minute = 1e9;
            options.login_burst = 1e9;
            options.attachments_dir = dir + "/attachments";
            auto api = http::Api::Create(*h->store, options);
            if (!api.ok()) std::abort();
            h->api = std::move(api).value();
            http::Request login{http::beast_http::verb::post, "/api/v1/auth/login", 11};
            login.set(http::beast_http::field::content_type, "application/json");
            login.body() = R"({"login":"admin","password":"Demo@2026"})";
            login.prepare_payload();
            http::Response res = h->Handle(login);
            if (res.result_int() != 200) std::abort();
            h->token = std::string(boost::json::parse(res.body()).at("token").as_string());
            return h;
        }();
        return *harness;
    }
};

// Routes that would end the harness's session (the rest of the run would then only see 401s).
inline bool EndsSession(std::string_view target) {
    return target.find("logout") != std::string_view::npos || target.find("password") != std::string_view::npos ||
           target.find("revoke") != std::string_view::npos || target.find("users") != std::string_view::npos;
}

}  // namespace gridgov::fuzz
