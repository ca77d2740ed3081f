// A small synchronous HTTP/1.1 client over loopback (Boost.Beast) for tests that talk to a real Server.
#pragma once

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <map>
#include <string>
#include <utility>

namespace gridgov::test_support {

// How long any client operation may take before the call throws (so a broken server fails a test, not hangs it).
inline constexpr std::chrono::seconds kClientTimeout{10};

// One response as a test sees it. Header names are lower-case ("content-type"); a repeated header keeps its
// last value.
struct ClientResponse {
    int status = 0;
    std::string body;
    std::map<std::string, std::string> headers;

    // The value of header `name` (any case), "" when absent.
    std::string Header(std::string name) const {
        std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
        auto it = headers.find(name);
        return it == headers.end() ? std::string() : it->second;
    }
};

// A keep-alive connection to 127.0.0.1:port: Call() may be repeated until the server closes. Throws
// boost::system::system_error on connection failure, timeout, or a malformed response. Not thread-safe.
class HttpConnection {
  public:
    explicit HttpConnection(unsigned short port) : stream_(ioc_) {
        stream_.expires_after(kClientTimeout);
        stream_.connect(boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port));
    }

    // Sends one HTTP/1.1 request and reads its response. Content-Length is set from `body`; `headers` are added
    // as given (Host defaults to "localhost"). A HEAD response is read without a body.
    ClientResponse Call(const std::string& method, const std::string& target, const std::string& body = {},
                        const std::map<std::string, std::string>& headers = {}) {
        namespace http = boost::beast::http;
        http::request<http::string_body> request;
        request.method_string(method);
        request.target(target);
        request.version(11);
        request.set(http::field::host, "localhost");
        for (const auto& [name, value] : headers) request.set(name, value);
        request.body() = body;
        if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") {
            request.content_length(body.size());
        }
        stream_.expires_after(kClientTimeout);
        http::write(stream_, request);

        http::response_parser<http::string_body> parser;
        parser.body_limit(boost::none);
        parser.skip(method == "HEAD");
        http::read(stream_, buffer_, parser);
        const auto& response = parser.get();
        ClientResponse out;
        out.status = static_cast<int>(response.result_int());
        out.body = response.body();
        for (const auto& field : response) {
            std::string name(field.name_string());
            std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
            out.headers[name] = std::string(field.value());
        }
        return out;
    }

    // True once the server has closed the connection: a read returns end-of-stream (or a reset) within `wait`.
    bool ClosedByPeer(std::chrono::milliseconds wait = std::chrono::milliseconds(2000)) {
        stream_.expires_after(wait);
        char byte = 0;
        boost::beast::error_code ec;
        stream_.read_some(boost::asio::buffer(&byte, 1), ec);
        return ec == boost::asio::error::eof || ec == boost::asio::error::connection_reset;
    }

  private:
    boost::asio::io_context ioc_;
    boost::beast::tcp_stream stream_;
    boost::beast::flat_buffer buffer_;
};

// One request on a fresh connection; see HttpConnection::Call.
inline ClientResponse HttpCall(unsigned short port, std::string method, std::string target, std::string body = {},
                               std::map<std::string, std::string> headers = {}) {
    HttpConnection connection(port);
    return connection.Call(method, target, body, headers);
}

// Writes `bytes` as they are to 127.0.0.1:port, half-closes (unless `half_close` is false, to look like a slow
// client), and returns everything the server sends until it closes the connection (or kClientTimeout passes).
// For malformed requests, pipelining and timeouts.
inline std::string RawExchange(unsigned short port, std::string bytes, bool half_close = true) {
    boost::asio::io_context ioc;
    boost::beast::tcp_stream stream(ioc);
    stream.expires_after(kClientTimeout);
    stream.connect(boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port));
    boost::asio::write(stream, boost::asio::buffer(bytes));
    boost::beast::error_code ec;
    if (half_close) stream.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_send, ec);
    std::string received;
    char chunk[4096];
    while (true) {
        const std::size_t n = stream.read_some(boost::asio::buffer(chunk), ec);
        received.append(chunk, n);
        if (ec) break;
    }
    return received;
}

}  // namespace gridgov::test_support
