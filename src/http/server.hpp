// The HTTP/1.x server: Boost.Beast sessions with limits and timeouts around one pure request handler.
#pragma once

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/verb.hpp>

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "common/status.hpp"

namespace gridgov::http {

namespace beast_http = boost::beast::http;

// A complete request (headers and body in memory, bounded by ServerOptions::body_limit).
using Request = beast_http::request<beast_http::string_body>;
// A complete response; the server adds version, keep-alive, Content-Length and security headers.
using Response = beast_http::response<beast_http::string_body>;

// What the transport knows about a request beyond its bytes.
struct RequestContext {
    // The peer's IP address without port ("127.0.0.1", "::1").
    std::string remote_address;
    // When the first byte of this request was read.
    std::chrono::steady_clock::time_point received;
};

// Request in, response out. Called concurrently from every io thread, so it must be thread-safe. An exception
// escaping it becomes a 500 with a generic message (the detail goes to the log). A HEAD request reaches it as
// GET; the server drops the body and keeps its Content-Length.
using Handler = std::function<Response(const Request&, const RequestContext&)>;

// Listening address, limits and timeouts of a Server.
struct ServerOptions {
    // "host:port" or "[v6]:port"; port 0 picks a free port (see Server::port()).
    std::string listen = "127.0.0.1:8080";
    // io threads that run the sessions and the handler.
    int threads = 2;
    // Largest request body; a bigger one is answered 413 and the connection closed.
    std::size_t body_limit = 8 << 20;
    // Largest request line plus headers; bigger is answered 431 and the connection closed.
    std::size_t header_limit = 16 << 10;
    // Time allowed to receive one request once it has started (and to write its response).
    std::chrono::seconds read_timeout{30};
    // Time a keep-alive connection may wait for its next request.
    std::chrono::seconds idle_timeout{60};
    // On Stop(), how long in-flight requests may take before their connections are cut.
    std::chrono::seconds shutdown_grace{10};
    // Optional web root. GET/HEAD paths outside /api/ that name a file in it are served from it, with
    // Content-Type by extension, ETag (304 on If-None-Match), Cache-Control (immutable for hashed files under
    // /assets/) and a precompressed "<file>.gz" sibling when Accept-Encoding allows gzip. Other paths go to the
    // handler; when it answers 404 to a browser navigation (Accept has text/html) for an extension-less path,
    // index.html is served instead (routes of the single-page app).
    // Dot segments, encoded slashes and hidden names are refused with 400; symlinks may not leave the root.
    std::string static_dir;
    // One spdlog line per request: remote, method, target, status, body bytes, microseconds.
    bool access_log = true;
    // Install a SIGINT/SIGTERM handler that calls Stop() (for the gridgov serve command, not for tests).
    bool handle_signals = false;
};

// An HTTP/1.0 and 1.1 server with keep-alive, one request at a time per connection (pipelined requests are
// answered in order), per-request body and header limits, read/idle timeouts and graceful shutdown. Every
// response carries X-Content-Type-Options, X-Frame-Options, Referrer-Policy, Server and, for HTML, a
// Content-Security-Policy. Errors the transport detects answer the JSON error contract (400, 413, 431).
class Server {
  public:
    // Takes the options and the handler; nothing is opened until Start().
    Server(ServerOptions options, Handler handler);
    // Stops and releases everything. Run() must have returned (or never been called).
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    // Parses options.listen, binds and listens. Returns kUnavailable with a Chinese message when the address is
    // invalid, cannot be resolved or is already in use, and kFailedPrecondition when called twice.
    Status Start();

    // The bound port (the real one when options.listen asked for port 0); 0 before a successful Start().
    unsigned short port() const;

    // Runs the io threads on the calling thread plus options.threads - 1 others and returns after Stop() (or a
    // signal with handle_signals) once the connections have drained. Returns at once if Start() did not succeed.
    void Run();

    // Begins graceful shutdown: stop accepting, close idle keep-alive connections, let in-flight requests finish
    // (their responses say Connection: close) for up to shutdown_grace, then cut the rest. Thread-safe,
    // idempotent, and may be called before Run().
    void Stop();

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace gridgov::http
