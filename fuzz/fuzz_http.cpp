// libFuzzer target: raw bytes → Beast's HTTP/1.1 request parser (the server's limits) → Api::Handle, with the
// administrator's token added to half the requests. Any response is fine; a crash, a sanitizer report or a
// 500 for bad input is not.
#include <boost/beast/http.hpp>
#include <cstddef>
#include <cstdint>

#include "fuzz/api_harness.hpp"

namespace beast_http = gridgov::http::beast_http;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto& harness = gridgov::fuzz::ApiHarness::Get();
    if (size == 0) return 0;
    bool authenticate = (data[0] & 1) != 0;
    beast_http::request_parser<beast_http::string_body> parser;
    parser.body_limit(1 << 20);
    parser.header_limit(16 << 10);
    parser.eager(true);
    boost::beast::error_code ec;
    parser.put(boost::asio::buffer(data + 1, size - 1), ec);
    if (!ec && !parser.is_done()) parser.put_eof(ec);
    if (ec || !parser.is_done()) return 0;
    gridgov::http::Request req = parser.release();
    if (gridgov::fuzz::EndsSession(req.target())) return 0;
    if (authenticate) req.set(beast_http::field::authorization, "Bearer " + harness.token);
    gridgov::http::Response res = harness.Handle(req);
    if (res.result_int() >= 500) __builtin_trap();
    return 0;
}
