// Boost.Beast sessions, the accept loop, graceful shutdown and static files behind gridgov::http::Server.
#include "http/server.hpp"

#include <spdlog/spdlog.h>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <optional>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "http/json_response.hpp"

namespace gridgov::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace fs = std::filesystem;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

// Bytes read while waiting for the first byte of a request.
constexpr std::size_t kReadChunk = 8192;
// After an answer that closes the connection, unread input is drained this long (at most this many bytes) so
// that the peer reads the answer instead of a reset.
constexpr auto kLingerTime = std::chrono::seconds(2);
constexpr std::size_t kLingerMaxBytes = 64 << 20;
// How often a draining server checks whether its connections are gone, and how long it waits after cutting them.
constexpr auto kDrainPoll = std::chrono::milliseconds(10);
constexpr auto kForcedCloseWait = std::chrono::seconds(1);
constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'";

std::string AsciiLower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

std::string_view Trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

// Calls `fn` on each comma-separated, trimmed, non-empty element of a header list.
template <typename Fn>
void ForEachListElement(std::string_view list, Fn fn) {
    while (!list.empty()) {
        const std::size_t comma = list.find(',');
        std::string_view element = Trim(list.substr(0, comma));
        if (!element.empty()) fn(element);
        if (comma == std::string_view::npos) break;
        list.remove_prefix(comma + 1);
    }
}

std::string Hex(std::uint64_t value) {
    std::array<char, 16> digits{};
    auto end = std::to_chars(digits.data(), digits.data() + digits.size(), value, 16).ptr;
    return std::string(digits.data(), end);
}

// ---------------------------------------------------------------------------------------------------------------
// Static files

struct ContentTypeEntry {
    std::string_view extension;
    std::string_view content_type;
};

constexpr std::array<ContentTypeEntry, 27> kContentTypes{{
    {".html", "text/html; charset=utf-8"},
    {".htm", "text/html; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".json", "application/json; charset=utf-8"},
    {".map", "application/json; charset=utf-8"},
    {".geojson", "application/geo+json; charset=utf-8"},
    {".webmanifest", "application/manifest+json; charset=utf-8"},
    {".txt", "text/plain; charset=utf-8"},
    {".csv", "text/csv; charset=utf-8"},
    {".xml", "application/xml; charset=utf-8"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".jpg", "image/jpeg"},
    {".jpeg", "image/jpeg"},
    {".gif", "image/gif"},
    {".webp", "image/webp"},
    {".avif", "image/avif"},
    {".ico", "image/x-icon"},
    {".woff", "font/woff"},
    {".woff2", "font/woff2"},
    {".ttf", "font/ttf"},
    {".wasm", "application/wasm"},
    {".pdf", "application/pdf"},
    {".gz", "application/gzip"},
    {".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
}};

std::string_view ContentTypeFor(const fs::path& path) {
    const std::string extension = AsciiLower(path.extension().string());
    for (const ContentTypeEntry& entry : kContentTypes) {
        if (entry.extension == extension) return entry.content_type;
    }
    return "application/octet-stream";
}

// True when Accept-Encoding admits gzip (listed, or covered by "*", with a non-zero q).
bool AcceptsGzip(std::string_view accept_encoding) {
    std::optional<bool> gzip;
    std::optional<bool> any;
    ForEachListElement(accept_encoding, [&](std::string_view element) {
        const std::size_t semicolon = element.find(';');
        const std::string coding = AsciiLower(Trim(element.substr(0, semicolon)));
        bool allowed = true;
        if (semicolon != std::string_view::npos) {
            std::string params = AsciiLower(element.substr(semicolon + 1));
            params.erase(std::remove(params.begin(), params.end(), ' '), params.end());
            const std::size_t q = params.find("q=");
            if (q != std::string::npos) {
                std::string_view number = std::string_view(params).substr(q + 2);
                number = number.substr(0, number.find(';'));
                allowed = !number.empty() && number.find_first_not_of("0.") != std::string_view::npos;
            }
        }
        if (coding == "gzip" || coding == "x-gzip") gzip = allowed;
        if (coding == "*") any = allowed;
    });
    return gzip.value_or(any.value_or(false));
}

// True when If-None-Match lists `etag` (weak comparison) or is "*".
bool EtagMatches(std::string_view if_none_match, std::string_view etag) {
    bool match = false;
    ForEachListElement(if_none_match, [&](std::string_view element) {
        if (element.starts_with("W/")) element.remove_prefix(2);
        if (element == "*" || element == etag) match = true;
    });
    return match;
}

// True for a file under /assets/ whose name carries a build hash ("index-4f3a9c2b.js", "app.D-2Jx9kq.css").
bool IsHashedAsset(const std::vector<std::string>& segments) {
    if (segments.size() < 2 || segments.front() != "assets") return false;
    const std::string stem = fs::path(segments.back()).stem().string();
    const std::size_t separator = stem.find_first_of("-.");
    if (separator == std::string::npos) return false;
    const std::string_view hash = std::string_view(stem).substr(separator + 1);
    return hash.size() >= 8 && std::all_of(hash.begin(), hash.end(),
                                           [](unsigned char c) { return std::isalnum(c) || c == '-' || c == '_'; });
}

// Serves files below one root directory; see ServerOptions::static_dir for the rules.
class StaticFiles {
  public:
    explicit StaticFiles(fs::path root) : root_(std::move(root)) {}

    // The answer for a GET of `request` (already known to be GET): a file, a 304, a 400 for a refused path, or
    // nullopt when the path is not a static file (the handler decides).
    std::optional<Response> Lookup(const Request& request) const {
        std::vector<std::string> segments;
        switch (Split(request.target(), segments)) {
            case PathKind::kRefused:
                return ErrorResponse(request, InvalidArgument("请求路径无效"));
            case PathKind::kNotStatic:
                return std::nullopt;
            case PathKind::kOk:
                break;
        }
        fs::path path = root_;
        for (const std::string& segment : segments) path /= segment;
        std::error_code ec;
        if (segments.empty() || fs::is_directory(path, ec)) path /= "index.html";
        return ServeFile(request, path, segments);
    }

    // index.html for a browser navigation (Accept lists text/html) to an extension-less path outside /api/ that
    // the handler does not know: a route of the single-page app. nullopt otherwise, so API clients keep their 404.
    std::optional<Response> AppFallback(const Request& request) const {
        if (AsciiLower(request[beast_http::field::accept]).find("text/html") == std::string::npos) return std::nullopt;
        std::vector<std::string> segments;
        if (Split(request.target(), segments) != PathKind::kOk) return std::nullopt;
        if (!segments.empty() && segments.back().find('.') != std::string::npos) return std::nullopt;
        return ServeFile(request, root_ / "index.html", {});
    }

  private:
    enum class PathKind { kOk, kNotStatic, kRefused };

    // Decodes the target's path into non-empty segments. kRefused for dot segments and encoded separators or
    // NULs; kNotStatic for /api/, hidden names and targets that are not origin-form.
    static PathKind Split(std::string_view target, std::vector<std::string>& segments) {
        auto parsed = boost::urls::parse_origin_form(target);
        if (!parsed) return PathKind::kNotStatic;
        bool hidden = false;
        for (std::string segment : parsed->segments()) {
            if (segment == "." || segment == "..") return PathKind::kRefused;
            if (segment.find_first_of(std::string_view("/\\\0", 3)) != std::string::npos) return PathKind::kRefused;
            if (segment.empty()) continue;
            if (segment.front() == '.') hidden = true;
            segments.push_back(std::move(segment));
        }
        if (hidden || (!segments.empty() && segments.front() == "api")) return PathKind::kNotStatic;
        return PathKind::kOk;
    }

    // True when `path` resolves (symlinks followed) to a regular file inside the root.
    bool InsideRoot(const fs::path& path, fs::path& resolved) const {
        std::error_code ec;
        resolved = fs::canonical(path, ec);
        if (ec || !fs::is_regular_file(resolved, ec)) return false;
        const fs::path root = fs::canonical(root_, ec);
        if (ec) return false;
        auto [root_end, unused] = std::mismatch(root.begin(), root.end(), resolved.begin(), resolved.end());
        return root_end == root.end();
    }

    std::optional<Response> ServeFile(const Request& request, const fs::path& path,
                                      const std::vector<std::string>& segments) const {
        fs::path resolved;
        if (!InsideRoot(path, resolved)) return std::nullopt;
        fs::path gzip_path = resolved;
        gzip_path += ".gz";
        fs::path gzip_resolved;
        const bool has_gzip = InsideRoot(gzip_path, gzip_resolved);
        const bool use_gzip = has_gzip && AcceptsGzip(request[beast_http::field::accept_encoding]);
        const fs::path& served = use_gzip ? gzip_resolved : resolved;

        std::error_code ec;
        const std::uintmax_t size = fs::file_size(served, ec);
        const auto modified = fs::last_write_time(served, ec);
        if (ec) return std::nullopt;
        const std::string etag = "\"" + Hex(size) + "-" +
                                 Hex(static_cast<std::uint64_t>(modified.time_since_epoch().count())) +
                                 (use_gzip ? "-gz" : "") + "\"";

        Response response{beast_http::status::ok, request.version()};
        response.keep_alive(request.keep_alive());
        response.set(beast_http::field::content_type, ContentTypeFor(resolved));
        response.set(beast_http::field::etag, etag);
        response.set(beast_http::field::cache_control,
                     IsHashedAsset(segments) ? "public, max-age=31536000, immutable" : "no-cache");
        if (has_gzip) response.set(beast_http::field::vary, "Accept-Encoding");
        if (use_gzip) response.set(beast_http::field::content_encoding, "gzip");

        auto if_none_match = request.find(beast_http::field::if_none_match);
        if (if_none_match != request.end() && EtagMatches(if_none_match->value(), etag)) {
            response.result(beast_http::status::not_modified);
            response.erase(beast_http::field::content_type);
            response.erase(beast_http::field::content_encoding);
            return response;
        }
        std::ifstream in(served, std::ios::binary);
        std::string body(static_cast<std::size_t>(size), '\0');
        if (!in.read(body.data(), static_cast<std::streamsize>(body.size()))) {
            return ErrorResponse(request, Internal("读取静态文件失败：" + served.string()));
        }
        response.body() = std::move(body);
        return response;
    }

    fs::path root_;
};

// ---------------------------------------------------------------------------------------------------------------
// State shared by the server and its sessions

class Session;

// Options, handler and the live-session registry; outlives every session (each holds a shared_ptr).
struct Shared {
    Shared(ServerOptions options_in, Handler handler_in)
        : options(std::move(options_in)), handler(std::move(handler_in)) {
        if (!options.static_dir.empty()) static_files.emplace(options.static_dir);
    }

    // The response for a complete request: static file, handler (exceptions become 500) or app fallback.
    // HEAD is answered as GET; the session drops the body.
    Response Process(const Request& request, const RequestContext& context) const {
        if (request.method() != beast_http::verb::head) return ProcessGet(request, context);
        Request as_get = request;
        as_get.method(beast_http::verb::get);
        return ProcessGet(as_get, context);
    }

    void Register(std::uint64_t id, std::weak_ptr<Session> session) {
        std::lock_guard lock(mu);
        sessions.emplace(id, std::move(session));
    }
    void Unregister(std::uint64_t id) {
        std::lock_guard lock(mu);
        sessions.erase(id);
    }
    std::size_t SessionCount() {
        std::lock_guard lock(mu);
        return sessions.size();
    }
    std::vector<std::shared_ptr<Session>> LiveSessions() {
        std::vector<std::shared_ptr<Session>> live;
        std::lock_guard lock(mu);
        for (auto& [id, weak] : sessions) {
            if (auto session = weak.lock()) live.push_back(std::move(session));
        }
        return live;
    }

    const ServerOptions options;
    const Handler handler;
    std::optional<StaticFiles> static_files;
    std::atomic<bool> stopping{false};

  private:
    Response ProcessGet(const Request& request, const RequestContext& context) const {
        const bool is_get = request.method() == beast_http::verb::get;
        if (is_get && static_files) {
            if (auto response = static_files->Lookup(request)) return std::move(*response);
        }
        Response response = CallHandler(request, context);
        if (is_get && static_files && response.result() == beast_http::status::not_found) {
            if (auto index = static_files->AppFallback(request)) return std::move(*index);
        }
        return response;
    }

    Response CallHandler(const Request& request, const RequestContext& context) const {
        std::string detail;
        try {
            return handler(request, context);
        } catch (const std::exception& e) {
            detail = e.what();
        } catch (...) {
            detail = "unknown exception";
        }
        // ErrorResponse logs the message of a kInternal status and shows only the generic one.
        return ErrorResponse(request, Internal("处理请求时出现未捕获的异常 " + std::string(request.method_string()) +
                                               " " + std::string(request.target()) + ": " + detail));
    }

    std::mutex mu;
    std::unordered_map<std::uint64_t, std::weak_ptr<Session>> sessions;
};

// Sets version, keep-alive, framing and security headers on a response about to be written.
void FinishResponse(Response& response, unsigned version, bool keep_alive, bool head) {
    response.version(version);
    response.keep_alive(keep_alive);
    response.set(beast_http::field::server, "gridgov");
    response.set("X-Content-Type-Options", "nosniff");
    response.set("X-Frame-Options", "DENY");
    response.set("Referrer-Policy", "no-referrer");
    auto content_type = response.find(beast_http::field::content_type);
    if (content_type != response.end() && AsciiLower(content_type->value()).starts_with("text/html")) {
        response.set("Content-Security-Policy", kContentSecurityPolicy);
    }
    const unsigned code = response.result_int();
    if ((code >= 100 && code < 200) || code == 204 || code == 304) {
        response.body().clear();
        response.erase(beast_http::field::content_length);
        response.erase(beast_http::field::transfer_encoding);
    } else if (head) {
        response.content_length(response.body().size());
        response.body().clear();
    } else {
        response.prepare_payload();
    }
}

// ---------------------------------------------------------------------------------------------------------------
// One connection: read a request, answer it, repeat; every step on the connection's strand.

class Session : public std::enable_shared_from_this<Session> {
  public:
    Session(tcp::socket socket, std::shared_ptr<Shared> shared, std::uint64_t id)
        : stream_(std::move(socket)), shared_(std::move(shared)), id_(id) {
        beast::error_code ec;
        auto endpoint = stream_.socket().remote_endpoint(ec);
        if (!ec) remote_ = endpoint.address().to_string();
        stream_.socket().set_option(tcp::no_delay(true), ec);
    }
    ~Session() { shared_->Unregister(id_); }

    void Start() {
        shared_->Register(id_, weak_from_this());
        asio::dispatch(stream_.get_executor(), beast::bind_front_handler(&Session::WaitForRequest, shared_from_this()));
    }

    // Graceful stop: a connection waiting between requests closes now; one inside a request finishes it.
    void Shutdown() {
        asio::post(stream_.get_executor(), [self = shared_from_this()] {
            if (self->phase_ == Phase::kIdle || self->phase_ == Phase::kLingering) self->Close();
        });
    }

    // End of the grace period: close whatever the connection is doing.
    void ForceClose() {
        asio::post(stream_.get_executor(), [self = shared_from_this()] { self->Close(); });
    }

  private:
    enum class Phase { kIdle, kReading, kBusy, kWriting, kLingering, kClosed };

    const ServerOptions& options() const { return shared_->options; }

    void WaitForRequest() {
        phase_ = Phase::kIdle;
        if (shared_->stopping) return Close();
        parser_.emplace();
        parser_->body_limit(options().body_limit);
        parser_->header_limit(static_cast<std::uint32_t>(options().header_limit));
        if (buffer_.size() > 0) return ReadHeader();  // a pipelined request is already here
        stream_.expires_after(first_request_ ? options().read_timeout : options().idle_timeout);
        stream_.async_read_some(buffer_.prepare(kReadChunk),
                                beast::bind_front_handler(&Session::OnFirstBytes, shared_from_this()));
    }

    void OnFirstBytes(beast::error_code ec, std::size_t bytes) {
        if (ec) return Close();
        buffer_.commit(bytes);
        ReadHeader();
    }

    void ReadHeader() {
        phase_ = Phase::kReading;
        received_ = Clock::now();
        stream_.expires_after(options().read_timeout);
        beast_http::async_read_header(stream_, buffer_, *parser_,
                                      beast::bind_front_handler(&Session::OnHeader, shared_from_this()));
    }

    void OnHeader(beast::error_code ec, std::size_t) {
        if (ec) return OnReadError(ec);
        if (parser_->is_done()) return OnRequest();
        const Request& request = parser_->get();
        if (request.version() >= 11 && beast::iequals(request[beast_http::field::expect], "100-continue")) {
            continue_.emplace(beast_http::status::continue_, request.version());
            beast_http::async_write(stream_, *continue_,
                                    [self = shared_from_this()](beast::error_code write_ec, std::size_t) {
                                        if (write_ec) return self->Close();
                                        self->ReadBody();
                                    });
            return;
        }
        ReadBody();
    }

    void ReadBody() {
        beast_http::async_read(stream_, buffer_, *parser_,
                               beast::bind_front_handler(&Session::OnBody, shared_from_this()));
    }

    void OnBody(beast::error_code ec, std::size_t) {
        if (ec) return OnReadError(ec);
        OnRequest();
    }

    void OnReadError(beast::error_code ec) {
        if (ec == beast_http::error::end_of_stream || ec == beast_http::error::partial_message ||
            ec == beast_http::error::short_read ||
            ec.category() != beast_http::make_error_code(beast_http::error::bad_target).category()) {
            return Close();  // the peer went away or timed out: nobody to answer
        }
        request_ = {};
        request_.version(parser_->is_header_done() ? parser_->get().version() : 11);
        if (parser_->is_header_done()) {
            request_.method_string(parser_->get().method_string());
            request_.target(parser_->get().target());
        }
        request_.keep_alive(false);
        Response response;
        if (ec == beast_http::error::body_limit) {
            response = ErrorResponse(
                request_, beast_http::status::payload_too_large,
                InvalidArgument("请求体过大，上限为 " + std::to_string(options().body_limit) + " 字节", "body"));
        } else if (ec == beast_http::error::header_limit || ec == beast_http::error::buffer_overflow) {
            response = ErrorResponse(request_, beast_http::status::request_header_fields_too_large,
                                     InvalidArgument("请求头过大"));
        } else {
            response = ErrorResponse(request_, InvalidArgument("请求格式错误"));
        }
        Write(std::move(response), false);
    }

    void OnRequest() {
        phase_ = Phase::kBusy;
        request_ = parser_->release();
        const RequestContext context{remote_, received_};
        Response response = shared_->Process(request_, context);
        const bool keep_alive = request_.keep_alive() && response.keep_alive() && !shared_->stopping;
        Write(std::move(response), keep_alive);
    }

    void Write(Response response, bool keep_alive) {
        phase_ = Phase::kWriting;
        FinishResponse(response, request_.version(), keep_alive, request_.method() == beast_http::verb::head);
        response_ = std::move(response);
        close_after_write_ = !keep_alive;
        stream_.expires_after(options().read_timeout);
        beast_http::async_write(stream_, response_, beast::bind_front_handler(&Session::OnWrite, shared_from_this()));
    }

    void OnWrite(beast::error_code ec, std::size_t) {
        if (options().access_log) {
            const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - received_);
            auto length = response_.find(beast_http::field::content_length);
            spdlog::info("{} {} {} {} {} {}us{}", remote_.empty() ? "-" : remote_,
                         request_.method_string().empty() ? "-" : std::string_view(request_.method_string()),
                         request_.target().empty() ? "-" : std::string_view(request_.target()), response_.result_int(),
                         length == response_.end() ? std::string_view("0") : std::string_view(length->value()),
                         micros.count(), ec ? " write failed: " + ec.message() : std::string());
        }
        if (ec) return Close();
        response_ = {};
        request_ = {};
        if (close_after_write_) return Linger();
        first_request_ = false;
        WaitForRequest();
    }

    // Half-closes and discards what the peer still sends, so it can read our last answer before the close.
    void Linger() {
        phase_ = Phase::kLingering;
        beast::error_code ec;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
        if (ec) return Close();
        lingered_bytes_ = 0;
        stream_.expires_after(kLingerTime);
        LingerRead();
    }

    void LingerRead() {
        buffer_.clear();
        stream_.async_read_some(buffer_.prepare(kReadChunk),
                                [self = shared_from_this()](beast::error_code ec, std::size_t bytes) {
                                    self->lingered_bytes_ += bytes;
                                    if (ec || self->lingered_bytes_ > kLingerMaxBytes) return self->Close();
                                    self->LingerRead();
                                });
    }

    void Close() {
        if (phase_ == Phase::kClosed) return;
        phase_ = Phase::kClosed;
        beast::error_code ec;
        stream_.socket().close(ec);
    }

    beast::tcp_stream stream_;
    std::shared_ptr<Shared> shared_;
    const std::uint64_t id_;
    std::string remote_;
    beast::flat_buffer buffer_;
    std::optional<beast_http::request_parser<beast_http::string_body>> parser_;
    std::optional<beast_http::response<beast_http::empty_body>> continue_;
    Request request_;
    Response response_;
    Clock::time_point received_ = Clock::now();
    Phase phase_ = Phase::kIdle;
    bool first_request_ = true;
    bool close_after_write_ = false;
    std::size_t lingered_bytes_ = 0;
};

// Splits "host:port" / "[v6]:port" / ":port" into host and port; false when malformed.
bool SplitListen(std::string_view listen, std::string& host, unsigned short& port) {
    std::string_view port_text;
    if (listen.starts_with('[')) {
        const std::size_t close = listen.find("]:");
        if (close == std::string_view::npos) return false;
        host = std::string(listen.substr(1, close - 1));
        port_text = listen.substr(close + 2);
    } else {
        const std::size_t colon = listen.rfind(':');
        if (colon == std::string_view::npos) return false;
        host = std::string(listen.substr(0, colon));
        if (host.find(':') != std::string::npos) return false;
        port_text = listen.substr(colon + 1);
    }
    if (host.empty()) host = "0.0.0.0";
    unsigned value = 0;
    auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), value);
    if (ec != std::errc() || end != port_text.data() + port_text.size() || port_text.empty() || value > 65535) {
        return false;
    }
    port = static_cast<unsigned short>(value);
    return true;
}

}  // namespace

// ---------------------------------------------------------------------------------------------------------------
// Server

struct Server::Impl {
    Impl(ServerOptions options, Handler handler)
        : shared(std::make_shared<Shared>(std::move(options), std::move(handler))),
          ioc(std::max(1, shared->options.threads)),
          strand(asio::make_strand(ioc)),
          acceptor(strand),
          retry_timer(strand),
          drain_timer(strand) {}

    Status Start() {
        if (started) return FailedPrecondition("服务器已经启动");
        const std::string& listen = shared->options.listen;
        std::string host;
        unsigned short port_number = 0;
        if (!SplitListen(listen, host, port_number)) return Unavailable("监听地址无效：" + listen);
        beast::error_code ec;
        tcp::endpoint endpoint;
        const asio::ip::address address = asio::ip::make_address(host, ec);
        if (!ec) {
            endpoint = tcp::endpoint(address, port_number);
        } else {
            tcp::resolver resolver(ioc);
            auto results = resolver.resolve(host, std::to_string(port_number), ec);
            if (ec || results.empty()) return Unavailable("无法解析监听地址：" + listen);
            endpoint = results.begin()->endpoint();
        }
        acceptor.open(endpoint.protocol(), ec);
        if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
        if (!ec) acceptor.bind(endpoint, ec);
        if (ec) {
            const beast::error_code failure = ec;
            acceptor.close(ec);
            if (failure == asio::error::address_in_use) return Unavailable("监听地址已被占用：" + listen);
            return Unavailable("无法监听 " + listen + "：" + failure.message());
        }
        acceptor.listen(asio::socket_base::max_listen_connections, ec);
        if (ec) {
            const std::string reason = ec.message();
            acceptor.close(ec);
            return Unavailable("无法监听 " + listen + "：" + reason);
        }
        port = acceptor.local_endpoint(ec).port();
        if (shared->options.handle_signals) {
            signals.emplace(strand, SIGINT, SIGTERM);
            signals->async_wait([this](beast::error_code wait_ec, int signal_number) {
                if (wait_ec) return;
                spdlog::info("收到信号 {}，开始停止服务", signal_number);
                RequestStop();
            });
        }
        if (!shared->options.static_dir.empty()) {
            std::error_code fs_ec;
            if (!fs::is_directory(shared->options.static_dir, fs_ec)) {
                spdlog::warn("静态文件目录不存在：{}（只提供接口）", shared->options.static_dir);
            }
        }
        started = true;
        spdlog::info("HTTP 服务监听 {}:{}", endpoint.address().to_string(), port.load());
        asio::dispatch(strand, [this] { Accept(); });
        return Status::Ok();
    }

    void Accept() {
        if (shared->stopping) return;
        acceptor.async_accept(asio::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
            if (ec) {
                if (ec == asio::error::operation_aborted || !acceptor.is_open()) return;
                spdlog::warn("接受连接失败：{}", ec.message());  // e.g. out of file descriptors: retry shortly
                retry_timer.expires_after(std::chrono::milliseconds(50));
                retry_timer.async_wait([this](beast::error_code wait_ec) {
                    if (!wait_ec) Accept();
                });
                return;
            }
            std::make_shared<Session>(std::move(socket), shared, next_session_id++)->Start();
            Accept();
        });
    }

    void Run() {
        if (!started) {
            spdlog::error("Server::Run() called without a successful Start()");
            return;
        }
        std::vector<std::thread> workers;
        for (int i = 1; i < shared->options.threads; ++i) workers.emplace_back([this] { RunLoop(); });
        RunLoop();
        for (std::thread& worker : workers) worker.join();
    }

    void RunLoop() {
        while (true) {
            try {
                ioc.run();
                return;
            } catch (const std::exception& e) {
                spdlog::error("io 线程异常：{}", e.what());
            }
        }
    }

    void RequestStop() {
        if (shared->stopping.exchange(true)) return;
        asio::post(strand, [this] { BeginDrain(); });
    }

    // On the strand: stop accepting, close idle connections, then poll until the rest are gone.
    void BeginDrain() {
        beast::error_code ec;
        acceptor.close(ec);
        retry_timer.cancel();
        if (signals) signals->cancel(ec);
        drain_deadline = Clock::now() + shared->options.shutdown_grace;
        for (const auto& session : shared->LiveSessions()) session->Shutdown();
        PollDrain();
    }

    void PollDrain() {
        if (shared->SessionCount() == 0) return;  // nothing left: the io threads run out of work and return
        if (Clock::now() >= drain_deadline) {
            if (forced_close) {
                ioc.stop();
                return;
            }
            spdlog::warn("停止服务：{} 个连接超过宽限期，强制关闭", shared->SessionCount());
            forced_close = true;
            for (const auto& session : shared->LiveSessions()) session->ForceClose();
            drain_deadline = Clock::now() + kForcedCloseWait;
        }
        drain_timer.expires_after(kDrainPoll);
        drain_timer.async_wait([this](beast::error_code ec) {
            if (!ec) PollDrain();
        });
    }

    std::shared_ptr<Shared> shared;
    asio::io_context ioc;
    asio::strand<asio::io_context::executor_type> strand;
    tcp::acceptor acceptor;
    asio::steady_timer retry_timer;
    asio::steady_timer drain_timer;
    std::optional<asio::signal_set> signals;
    std::atomic<bool> started{false};
    std::atomic<unsigned short> port{0};
    std::uint64_t next_session_id = 0;  // touched only on the strand
    Clock::time_point drain_deadline;   // touched only on the strand
    bool forced_close = false;          // touched only on the strand
};

Server::Server(ServerOptions options, Handler handler)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handler))) {}

Server::~Server() { impl_->RequestStop(); }

Status Server::Start() { return impl_->Start(); }

unsigned short Server::port() const { return impl_->port; }

void Server::Run() { impl_->Run(); }

void Server::Stop() { impl_->RequestStop(); }

}  // namespace gridgov::http
