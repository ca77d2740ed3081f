// libFuzzer target: arbitrary JSON bodies (ParseJsonBody and each route's body parser: cases, case actions,
// grid import, calendar days, login, Open311 requests) through Api::Handle as the administrator. The first
// byte picks the route. A 500 for bad input is a failure.
#include <array>
#include <cstddef>
#include <cstdint>

#include "fuzz/api_harness.hpp"

namespace beast_http = gridgov::http::beast_http;

namespace {

struct Route {
    beast_http::verb method;
    const char* target;
};

constexpr std::array<Route, 9> kRoutes{{
    {beast_http::verb::post, "/api/v1/cases"},
    {beast_http::verb::post, "/api/v1/cases/1/actions/accept"},
    {beast_http::verb::post, "/api/v1/cases/2/actions/dispatch"},
    {beast_http::verb::post, "/api/v1/cases/3/actions/extend"},
    {beast_http::verb::post, "/api/v1/cases/4/actions/merge"},
    {beast_http::verb::post, "/api/v1/grids/import"},
    {beast_http::verb::put, "/api/v1/calendar/days"},
    {beast_http::verb::post, "/api/v1/auth/login"},
    {beast_http::verb::post, "/open311/v2/requests.json"},
}};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto& harness = gridgov::fuzz::ApiHarness::Get();
    if (size == 0) return 0;
    const Route& route = kRoutes[data[0] % kRoutes.size()];
    gridgov::http::Request req{route.method, route.target, 11};
    req.set(beast_http::field::content_type, "application/json");
    req.set(beast_http::field::authorization, "Bearer " + harness.token);
    req.body().assign(reinterpret_cast<const char*>(data + 1), size - 1);
    req.prepare_payload();
    gridgov::http::Response res = harness.Handle(req);
    if (res.result_int() >= 500) __builtin_trap();
    return 0;
}
