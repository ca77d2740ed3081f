// Server over a real loopback socket: keep-alive, limits, malformed input, errors, headers, static files, shutdown.
#include "http/server.hpp"

#include <gtest/gtest.h>

#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>
#include <boost/asio.hpp>
#include <boost/json/parse.hpp>

#include <atomic>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <future>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

#include "http/json_response.hpp"
#include "http/router.hpp"
#include "support/http_client.hpp"

namespace gridgov::http {
namespace {

namespace fs = std::filesystem;
using test_support::ClientResponse;
using test_support::HttpCall;
using test_support::HttpConnection;
using test_support::RawExchange;

using namespace std::chrono_literals;
using namespace std::string_literals;

int CountOccurrences(const std::string& text, const std::string& needle) {
    int count = 0;
    for (std::size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + needle.size())) {
        ++count;
    }
    return count;
}

void WriteFile(const fs::path& path, const std::string& content) {
    fs::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary);
    out << content;
}

// Routes used by the tests: echo, a throwing handler, an HTML page, a slow handler.
struct TestApp {
    TestApp() {
        router.Add(beast_http::verb::get, "/api/v1/echo",
                   [](const Request& request, const RouteParams& params, const RequestContext& context) {
                       return JsonResponse(request, beast_http::status::ok,
                                           boost::json::object{{"method", request.method_string()},
                                                               {"q", params.Query("q")},
                                                               {"remote", context.remote_address}});
                   });
        router.Add(beast_http::verb::post, "/api/v1/echo",
                   [](const Request& request, const RouteParams&, const RequestContext&) {
                       auto body = ParseJsonBody(request);
                       if (!body.ok()) return ErrorResponse(request, body.status());
                       return JsonResponse(request, beast_http::status::created, *body);
                   });
        router.Add(beast_http::verb::get, "/api/v1/throw",
                   [](const Request&, const RouteParams&, const RequestContext&) -> Response {
                       throw std::runtime_error("secret detail: password=hunter2");
                   });
        router.Add(beast_http::verb::get, "/page",
                   [](const Request& request, const RouteParams&, const RequestContext&) {
                       Response response{beast_http::status::ok, request.version()};
                       response.set(beast_http::field::content_type, "text/html; charset=utf-8");
                       response.body() = "<!doctype html><p>页面</p>";
                       return response;
                   });
        router.Add(beast_http::verb::get, "/api/v1/slow",
                   [this](const Request& request, const RouteParams&, const RequestContext&) {
                       slow_entered = true;
                       std::this_thread::sleep_for(400ms);
                       return JsonResponse(request, beast_http::status::ok, boost::json::object{{"slow", true}});
                   });
    }

    Handler AsHandler() {
        return
            [this](const Request& request, const RequestContext& context) { return router.Dispatch(request, context); };
    }

    Router router;
    std::atomic<bool> slow_entered{false};
};

class ServerTest : public ::testing::Test {
  protected:
    void StartServer(ServerOptions options = {}) {
        options.listen = "127.0.0.1:0";
        server_ = std::make_unique<Server>(std::move(options), app_.AsHandler());
        Status status = server_->Start();
        ASSERT_TRUE(status.ok()) << status.ToString();
        ASSERT_NE(server_->port(), 0);
        run_thread_ = std::thread([this] { server_->Run(); });
    }

    static ServerOptions Quiet() {
        ServerOptions options;
        options.access_log = false;
        return options;
    }

    // Stops the server and returns how long Run() took to return.
    std::chrono::steady_clock::duration StopServer() {
        const auto start = std::chrono::steady_clock::now();
        server_->Stop();
        run_thread_.join();
        return std::chrono::steady_clock::now() - start;
    }

    void TearDown() override {
        if (run_thread_.joinable()) StopServer();
    }

    unsigned short port() const { return server_->port(); }

    TestApp app_;
    std::unique_ptr<Server> server_;
    std::thread run_thread_;
};

TEST_F(ServerTest, KeepAliveServesTwoRequestsOnOneConnection) {
    StartServer(Quiet());
    HttpConnection connection(port());
    ClientResponse first = connection.Call("GET", "/api/v1/echo?q=%E7%BD%91%E6%A0%BC");
    ASSERT_EQ(first.status, 200);
    EXPECT_EQ(first.Header("connection"), "");
    auto body = boost::json::parse(first.body);
    EXPECT_EQ(body.at("q").as_string(), "网格");
    EXPECT_EQ(body.at("remote").as_string(), "127.0.0.1");
    ClientResponse second =
        connection.Call("POST", "/api/v1/echo", R"({"n":2})", {{"Content-Type", "application/json"}});
    EXPECT_EQ(second.status, 201);
    EXPECT_EQ(second.body, R"({"n":2})");
    EXPECT_EQ(connection.Call("GET", "/api/v1/echo").status, 200);
}

TEST_F(ServerTest, ConcurrentClientsOnSeveralIoThreads) {
    ServerOptions options = Quiet();
    options.threads = 4;
    StartServer(options);
    constexpr int kClients = 8;
    constexpr int kRequestsEach = 40;
    std::atomic<int> ok{0};
    std::vector<std::thread> clients;
    for (int c = 0; c < kClients; ++c) {
        clients.emplace_back([&, c] {
            HttpConnection connection(port());
            for (int i = 0; i < kRequestsEach; ++i) {
                const std::string q = std::to_string(c) + "-" + std::to_string(i);
                ClientResponse response = connection.Call("GET", "/api/v1/echo?q=" + q);
                if (response.status == 200 && boost::json::parse(response.body).at("q").as_string() == q) ++ok;
            }
        });
    }
    for (std::thread& client : clients) client.join();
    EXPECT_EQ(ok, kClients * kRequestsEach);
}

TEST_F(ServerTest, PipelinedRequestsAnsweredInOrder) {
    StartServer(Quiet());
    std::string raw = RawExchange(port(),
                                  "GET /api/v1/echo?q=one HTTP/1.1\r\nHost: x\r\n\r\n"
                                  "GET /api/v1/nothing HTTP/1.1\r\nHost: x\r\n\r\n"
                                  "GET /api/v1/echo?q=three HTTP/1.1\r\nHost: x\r\n\r\n");
    const std::size_t one = raw.find("\"q\":\"one\"");
    const std::size_t not_found = raw.find("HTTP/1.1 404");
    const std::size_t three = raw.find("\"q\":\"three\"");
    ASSERT_NE(one, std::string::npos) << raw;
    ASSERT_NE(not_found, std::string::npos) << raw;
    ASSERT_NE(three, std::string::npos) << raw;
    EXPECT_LT(one, not_found);
    EXPECT_LT(not_found, three);
    EXPECT_EQ(CountOccurrences(raw, "HTTP/1.1 "), 3);
}

TEST_F(ServerTest, Http10ClosesUnlessKeepAlive) {
    StartServer(Quiet());
    std::string closed = RawExchange(port(), "GET /api/v1/echo HTTP/1.0\r\n\r\n");
    EXPECT_TRUE(closed.starts_with("HTTP/1.0 200 OK\r\n")) << closed;
    EXPECT_EQ(closed.find("Connection: keep-alive"), std::string::npos);

    std::string kept = RawExchange(port(),
                                   "GET /api/v1/echo?q=a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"
                                   "GET /api/v1/echo?q=b HTTP/1.0\r\n\r\n");
    EXPECT_EQ(CountOccurrences(kept, "HTTP/1.0 200 OK"), 2) << kept;
    EXPECT_NE(kept.find("Connection: keep-alive"), std::string::npos);
}

TEST_F(ServerTest, OversizeBodyIs413) {
    ServerOptions options = Quiet();
    options.body_limit = 1024;
    StartServer(options);
    ClientResponse small = HttpCall(port(), "POST", "/api/v1/echo", "[" + std::string(900, ' ') + "]",
                                    {{"Content-Type", "application/json"}});
    EXPECT_EQ(small.status, 201);

    ClientResponse response =
        HttpCall(port(), "POST", "/api/v1/echo", std::string(2048, 'x'), {{"Content-Type", "application/json"}});
    EXPECT_EQ(response.status, 413);
    EXPECT_EQ(response.Header("connection"), "close");
    auto body = boost::json::parse(response.body);
    EXPECT_EQ(body.at("error").at("code").as_string(), "invalid_argument");
    EXPECT_FALSE(body.at("error").at("message").as_string().empty());

    // A body far beyond the limit: the server drains it so the client still reads the 413.
    ClientResponse huge =
        HttpCall(port(), "POST", "/api/v1/echo", std::string(4 << 20, 'x'), {{"Content-Type", "application/json"}});
    EXPECT_EQ(huge.status, 413);

    // Chunked bodies are limited too.
    std::string chunk(1500, 'y');
    std::string raw = RawExchange(port(),
                                  "POST /api/v1/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                  "Transfer-Encoding: chunked\r\n\r\n5dc\r\n" +
                                      chunk + "\r\n0\r\n\r\n");
    EXPECT_TRUE(raw.starts_with("HTTP/1.1 413")) << raw.substr(0, 200);
}

TEST_F(ServerTest, OversizeHeaderIs431) {
    ServerOptions options = Quiet();
    options.header_limit = 1024;
    StartServer(options);
    ClientResponse response = HttpCall(port(), "GET", "/api/v1/echo", {}, {{"X-Filler", std::string(4096, 'a')}});
    EXPECT_EQ(response.status, 431);
    EXPECT_NE(response.body.find("\"error\""), std::string::npos);
}

TEST_F(ServerTest, GarbageIs400AndServerKeepsServing) {
    StartServer(Quiet());
    const std::string garbage_inputs[] = {
        "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03garbage\r\n\r\n"s,
        "GET / HTTP/9.9\r\n\r\n",
        "GET /api/v1/echo HTTP/1.1\r\nBad Header\r\n\r\n",
        "POST /api/v1/echo HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 7\r\n\r\nhello",
        "POST /api/v1/echo HTTP/1.1\r\nContent-Length: -1\r\n\r\n",
    };
    for (const std::string& garbage : garbage_inputs) {
        std::string raw = RawExchange(port(), garbage);
        EXPECT_TRUE(raw.starts_with("HTTP/1.1 400 Bad Request\r\n")) << raw;
        EXPECT_NE(raw.find("Connection: close"), std::string::npos) << raw;
        EXPECT_NE(raw.find("\"code\":\"invalid_argument\""), std::string::npos) << raw;
        EXPECT_NE(raw.find("X-Content-Type-Options: nosniff"), std::string::npos) << raw;
    }
    EXPECT_EQ(HttpCall(port(), "GET", "/api/v1/echo").status, 200);
}

TEST_F(ServerTest, ThrowingHandlerIs500WithGenericBodyAndServerSurvives) {
    StartServer(Quiet());
    HttpConnection connection(port());
    ClientResponse response = connection.Call("GET", "/api/v1/throw");
    EXPECT_EQ(response.status, 500);
    EXPECT_EQ(response.body.find("secret"), std::string::npos);
    EXPECT_EQ(response.body.find("hunter2"), std::string::npos);
    auto body = boost::json::parse(response.body);
    EXPECT_EQ(body.at("error").at("code").as_string(), "internal");
    EXPECT_EQ(body.at("error").at("message").as_string(), "服务器内部错误");
    // Same connection and new connections keep working.
    EXPECT_EQ(connection.Call("GET", "/api/v1/echo").status, 200);
    EXPECT_EQ(HttpCall(port(), "GET", "/api/v1/echo").status, 200);
}

TEST_F(ServerTest, SecurityHeadersOnEveryResponse) {
    StartServer(Quiet());
    for (const char* target : {"/api/v1/echo", "/api/v1/nothing", "/page"}) {
        ClientResponse response = HttpCall(port(), "GET", target);
        EXPECT_EQ(response.Header("x-content-type-options"), "nosniff") << target;
        EXPECT_EQ(response.Header("x-frame-options"), "DENY") << target;
        EXPECT_EQ(response.Header("referrer-policy"), "no-referrer") << target;
        EXPECT_EQ(response.Header("server"), "gridgov") << target;
    }
    EXPECT_EQ(HttpCall(port(), "GET", "/api/v1/echo").Header("content-security-policy"), "");
    ClientResponse page = HttpCall(port(), "GET", "/page");
    EXPECT_EQ(page.Header("content-security-policy"),
              "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'");
}

TEST_F(ServerTest, HeadIsGetWithoutBody) {
    StartServer(Quiet());
    HttpConnection connection(port());
    ClientResponse get = connection.Call("GET", "/api/v1/echo");
    ClientResponse head = connection.Call("HEAD", "/api/v1/echo");
    EXPECT_EQ(head.status, 200);
    EXPECT_TRUE(head.body.empty());
    EXPECT_EQ(head.Header("content-length"), std::to_string(get.body.size()));
    EXPECT_EQ(head.Header("content-type"), "application/json; charset=utf-8");
    // The connection is still in sync after a HEAD.
    EXPECT_EQ(connection.Call("GET", "/api/v1/echo").body, get.body);
}

TEST_F(ServerTest, ExpectContinue) {
    StartServer(Quiet());
    std::string raw = RawExchange(port(),
                                  "POST /api/v1/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                  "Expect: 100-continue\r\nContent-Length: 7\r\n\r\n{\"a\":1}");
    EXPECT_TRUE(raw.starts_with("HTTP/1.1 100 Continue\r\n")) << raw;
    EXPECT_NE(raw.find("HTTP/1.1 201 Created"), std::string::npos) << raw;
}

TEST_F(ServerTest, IdleKeepAliveConnectionIsClosedAfterIdleTimeout) {
    ServerOptions options = Quiet();
    options.idle_timeout = 1s;
    StartServer(options);
    HttpConnection connection(port());
    EXPECT_EQ(connection.Call("GET", "/api/v1/echo").status, 200);
    EXPECT_TRUE(connection.ClosedByPeer(3000ms));
}

TEST_F(ServerTest, SlowRequestIsCutAfterReadTimeout) {
    ServerOptions options = Quiet();
    options.read_timeout = 1s;
    StartServer(options);
    const auto start = std::chrono::steady_clock::now();
    // The header never finishes and the client never closes: the server must hang up by itself.
    std::string raw = RawExchange(port(), "GET /api/v1/echo HTTP/1.1\r\nHost: x\r\n", false);
    const auto elapsed = std::chrono::steady_clock::now() - start;
    EXPECT_TRUE(raw.empty()) << raw;
    EXPECT_GE(elapsed, 900ms);
    EXPECT_LT(elapsed, 5s);
    // A connection that never sends a byte is cut by the same timeout.
    EXPECT_TRUE(RawExchange(port(), "", false).empty());
    EXPECT_LT(std::chrono::steady_clock::now() - start, 10s);
}

TEST_F(ServerTest, StopReturnsPromptlyWithIdleKeepAliveConnection) {
    StartServer(Quiet());  // idle_timeout 60 s, shutdown_grace 10 s
    HttpConnection connection(port());
    EXPECT_EQ(connection.Call("GET", "/api/v1/echo").status, 200);
    EXPECT_LT(StopServer(), 1s);
    EXPECT_TRUE(connection.ClosedByPeer());
}

TEST_F(ServerTest, StopLetsInFlightRequestFinish) {
    StartServer(Quiet());
    auto pending = std::async(std::launch::async, [port = port()] { return HttpCall(port, "GET", "/api/v1/slow"); });
    while (!app_.slow_entered) std::this_thread::sleep_for(1ms);
    const auto stop_time = StopServer();
    ClientResponse response = pending.get();
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.Header("connection"), "close");
    EXPECT_LT(stop_time, 3s);
    // No longer accepting.
    EXPECT_ANY_THROW(HttpCall(port(), "GET", "/api/v1/echo"));
}

TEST_F(ServerTest, StopBeforeRunMakesRunReturn) {
    ServerOptions options = Quiet();
    options.listen = "127.0.0.1:0";
    Server server(options, app_.AsHandler());
    ASSERT_TRUE(server.Start().ok());
    server.Stop();
    server.Stop();  // idempotent
    const auto start = std::chrono::steady_clock::now();
    server.Run();
    EXPECT_LT(std::chrono::steady_clock::now() - start, 1s);
}

TEST_F(ServerTest, SigtermStopsServerWhenHandlingSignals) {
    ServerOptions options = Quiet();
    options.handle_signals = true;
    StartServer(options);
    EXPECT_EQ(HttpCall(port(), "GET", "/api/v1/echo").status, 200);
    const auto start = std::chrono::steady_clock::now();
    std::raise(SIGTERM);
    run_thread_.join();
    EXPECT_LT(std::chrono::steady_clock::now() - start, 2s);
}

TEST_F(ServerTest, StartFailsOnAddressInUseAndInvalidAddress) {
    StartServer(Quiet());
    ServerOptions taken = Quiet();
    taken.listen = "127.0.0.1:" + std::to_string(port());
    Server second(taken, app_.AsHandler());
    Status in_use = second.Start();
    EXPECT_EQ(in_use.code(), StatusCode::kUnavailable);
    EXPECT_NE(in_use.message().find("占用"), std::string::npos) << in_use.message();
    EXPECT_EQ(second.port(), 0);

    for (const char* listen : {"nonsense", "127.0.0.1:99999", "127.0.0.1:", "1.2.3.4.5:80", "::1:80"}) {
        ServerOptions bad = Quiet();
        bad.listen = listen;
        Server server(bad, app_.AsHandler());
        Status status = server.Start();
        EXPECT_EQ(status.code(), StatusCode::kUnavailable) << listen;
        EXPECT_FALSE(status.message().empty());
    }
}

// Whether this host can bind the IPv6 loopback at all (containers sometimes have IPv6 switched off).
bool HostHasIpv6Loopback() {
    boost::asio::io_context io;
    boost::asio::ip::tcp::acceptor acceptor(io);
    boost::system::error_code ec;
    acceptor.open(boost::asio::ip::tcp::v6(), ec);
    if (!ec) acceptor.bind({boost::asio::ip::address_v6::loopback(), 0}, ec);
    return !ec;
}

TEST_F(ServerTest, ListensOnIpv6LoopbackOrSaysWhyNot) {
    ServerOptions options = Quiet();
    options.listen = "[::1]:0";
    Server server(options, app_.AsHandler());
    Status status = server.Start();
    if (!HostHasIpv6Loopback()) {
        // Without IPv6 the server must refuse clearly, not crash or pretend.
        EXPECT_EQ(status.code(), StatusCode::kUnavailable);
        EXPECT_FALSE(status.message().empty());
        return;
    }
    ASSERT_TRUE(status.ok()) << status.ToString();
    EXPECT_NE(server.port(), 0);
    server.Stop();
    server.Run();
}

TEST_F(ServerTest, AccessLogLine) {
    std::ostringstream log;
    auto previous = spdlog::default_logger();
    auto logger =
        std::make_shared<spdlog::logger>("access-test", std::make_shared<spdlog::sinks::ostream_sink_mt>(log));
    logger->set_pattern("%v");
    spdlog::set_default_logger(logger);
    ServerOptions options;  // access_log on
    StartServer(options);
    ClientResponse response = HttpCall(port(), "GET", "/api/v1/echo?q=1");
    StopServer();
    spdlog::set_default_logger(previous);
    const std::string expected = "127.0.0.1 GET /api/v1/echo?q=1 200 " + std::to_string(response.body.size()) + " ";
    EXPECT_NE(log.str().find(expected), std::string::npos) << log.str();
    EXPECT_NE(log.str().find("us"), std::string::npos);
}

// ---------------------------------------------------------------------------------------------------------------
// Static files

class StaticServerTest : public ServerTest {
  protected:
    void SetUp() override {
        base_ = fs::temp_directory_path() / ("gridgov_static_" + std::to_string(::getpid()) + "_" +
                                             ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(base_);
        root_ = base_ / "web";
        WriteFile(root_ / "index.html", "<!doctype html><title>网格</title>");
        WriteFile(root_ / "style.css", "body{color:red}");
        WriteFile(root_ / "assets" / "index-4f3a9c2b.js", "console.log('plain')");
        WriteFile(root_ / "assets" / "index-4f3a9c2b.js.gz", std::string("\x1f\x8b\x08\x00gzipped-bytes", 17));
        WriteFile(root_ / "docs" / "index.html", "<p>docs</p>");
        WriteFile(root_ / ".env", "SECRET=1");
        WriteFile(base_ / "secret.txt", "top secret outside the root");
        fs::create_symlink(base_ / "secret.txt", root_ / "link.txt");
        ServerOptions options = Quiet();
        options.static_dir = root_.string();
        StartServer(options);
    }

    void TearDown() override {
        ServerTest::TearDown();
        fs::remove_all(base_);
    }

    fs::path base_;
    fs::path root_;
};

TEST_F(StaticServerTest, ServesIndexAndFilesWithContentType) {
    ClientResponse index = HttpCall(port(), "GET", "/");
    EXPECT_EQ(index.status, 200);
    EXPECT_EQ(index.body, "<!doctype html><title>网格</title>");
    EXPECT_EQ(index.Header("content-type"), "text/html; charset=utf-8");
    EXPECT_EQ(index.Header("cache-control"), "no-cache");
    EXPECT_FALSE(index.Header("etag").empty());
    EXPECT_FALSE(index.Header("content-security-policy").empty());

    ClientResponse css = HttpCall(port(), "GET", "/style.css?v=1");
    EXPECT_EQ(css.status, 200);
    EXPECT_EQ(css.body, "body{color:red}");
    EXPECT_EQ(css.Header("content-type"), "text/css; charset=utf-8");
    EXPECT_EQ(css.Header("content-security-policy"), "");

    EXPECT_EQ(HttpCall(port(), "GET", "/docs/").body, "<p>docs</p>");
    EXPECT_EQ(HttpCall(port(), "GET", "/docs").body, "<p>docs</p>");
}

TEST_F(StaticServerTest, AppRoutesFallBackToIndex) {
    const std::map<std::string, std::string> browser = {{"Accept", "text/html,application/xhtml+xml,*/*;q=0.8"}};
    ClientResponse route = HttpCall(port(), "GET", "/cases/123/detail", {}, browser);
    EXPECT_EQ(route.status, 200);
    EXPECT_EQ(route.body, "<!doctype html><title>网格</title>");
    EXPECT_EQ(route.Header("content-type"), "text/html; charset=utf-8");
    // API clients (no text/html in Accept) keep the handler's 404, and so do paths that look like files.
    EXPECT_EQ(HttpCall(port(), "GET", "/cases/123/detail", {}, {{"Accept", "application/json"}}).status, 404);
    EXPECT_EQ(HttpCall(port(), "GET", "/missing.js", {}, browser).status, 404);
    ClientResponse api = HttpCall(port(), "GET", "/api/v1/unknown", {}, browser);
    EXPECT_EQ(api.status, 404);
    EXPECT_EQ(api.Header("content-type"), "application/json; charset=utf-8");
    // Handler routes outside /api/ still win over the fallback.
    EXPECT_EQ(HttpCall(port(), "GET", "/page").body, "<!doctype html><p>页面</p>");
    // Other methods never reach static files.
    EXPECT_EQ(HttpCall(port(), "POST", "/style.css").status, 404);
}

TEST_F(StaticServerTest, TraversalIsRefused) {
    for (const char* target :
         {"/../secret.txt", "/%2e%2e/secret.txt", "/assets/%2E%2E/%2e%2e/secret.txt", "/..%2fsecret.txt",
          "/assets/..%5c..%5csecret.txt", "/../../../../etc/passwd", "/index.html%00.css"}) {
        std::string raw = RawExchange(port(), std::string("GET ") + target + " HTTP/1.1\r\nHost: x\r\n\r\n");
        EXPECT_TRUE(raw.starts_with("HTTP/1.1 400")) << target << "\n" << raw;
        EXPECT_EQ(raw.find("top secret"), std::string::npos) << target;
        EXPECT_EQ(raw.find("root:"), std::string::npos) << target;
    }
    ClientResponse link = HttpCall(port(), "GET", "/link.txt");
    EXPECT_EQ(link.status, 404);
    EXPECT_EQ(link.body.find("top secret"), std::string::npos);
    ClientResponse hidden = HttpCall(port(), "GET", "/.env");
    EXPECT_EQ(hidden.status, 404);
    EXPECT_EQ(hidden.body.find("SECRET"), std::string::npos);
}

TEST_F(StaticServerTest, GzipSiblingServedWhenAccepted) {
    ClientResponse gzip = HttpCall(port(), "GET", "/assets/index-4f3a9c2b.js", {}, {{"Accept-Encoding", "br, gzip"}});
    EXPECT_EQ(gzip.status, 200);
    EXPECT_EQ(gzip.Header("content-encoding"), "gzip");
    EXPECT_EQ(gzip.body, std::string("\x1f\x8b\x08\x00gzipped-bytes", 17));
    EXPECT_EQ(gzip.Header("content-type"), "text/javascript; charset=utf-8");
    EXPECT_EQ(gzip.Header("vary"), "Accept-Encoding");
    EXPECT_EQ(gzip.Header("cache-control"), "public, max-age=31536000, immutable");

    ClientResponse plain = HttpCall(port(), "GET", "/assets/index-4f3a9c2b.js");
    EXPECT_EQ(plain.body, "console.log('plain')");
    EXPECT_EQ(plain.Header("content-encoding"), "");
    EXPECT_EQ(plain.Header("vary"), "Accept-Encoding");
    EXPECT_NE(plain.Header("etag"), gzip.Header("etag"));

    ClientResponse refused =
        HttpCall(port(), "GET", "/assets/index-4f3a9c2b.js", {}, {{"Accept-Encoding", "gzip;q=0, identity"}});
    EXPECT_EQ(refused.body, "console.log('plain')");
    ClientResponse star = HttpCall(port(), "GET", "/assets/index-4f3a9c2b.js", {}, {{"Accept-Encoding", "*"}});
    EXPECT_EQ(star.Header("content-encoding"), "gzip");
}

TEST_F(StaticServerTest, IfNoneMatchGives304) {
    ClientResponse first = HttpCall(port(), "GET", "/style.css");
    const std::string etag = first.Header("etag");
    ASSERT_FALSE(etag.empty());
    ClientResponse again = HttpCall(port(), "GET", "/style.css", {}, {{"If-None-Match", etag}});
    EXPECT_EQ(again.status, 304);
    EXPECT_TRUE(again.body.empty());
    EXPECT_EQ(again.Header("etag"), etag);
    EXPECT_EQ(HttpCall(port(), "GET", "/style.css", {}, {{"If-None-Match", "\"other\", W/" + etag}}).status, 304);
    EXPECT_EQ(HttpCall(port(), "GET", "/style.css", {}, {{"If-None-Match", "\"other\""}}).status, 200);

    // 304 keeps the keep-alive connection in sync.
    HttpConnection connection(port());
    EXPECT_EQ(connection.Call("GET", "/style.css", {}, {{"If-None-Match", etag}}).status, 304);
    EXPECT_EQ(connection.Call("GET", "/style.css").body, "body{color:red}");
}

TEST_F(StaticServerTest, HeadOnStaticFile) {
    ClientResponse head = HttpCall(port(), "HEAD", "/style.css");
    EXPECT_EQ(head.status, 200);
    EXPECT_TRUE(head.body.empty());
    EXPECT_EQ(head.Header("content-length"), "15");
}

}  // namespace
}  // namespace gridgov::http
