// The JSON API under /api/v1: authentication, routes to service calls, results to JSON, Status to errors.
#pragma once

#include <memory>
#include <shared_mutex>

#include "common/calendar.hpp"
#include "http/rate_limiter.hpp"
#include "http/router.hpp"
#include "reports/rollup.hpp"
#include "reports/stats.hpp"
#include "service/auth.hpp"
#include "service/cases.hpp"
#include "service/grid_map.hpp"
#include "storage/store.hpp"

namespace gridgov::http {

// The OpenAPI 3.1 document served at /api/v1/openapi.json (compiled in from src/http/openapi.json).
extern const std::string_view kOpenApiDocument;

struct ApiOptions {
    service::AuthOptions auth;
    double login_per_minute = 10;  // per client address
    double login_burst = 10;
    double writes_per_minute = 600;  // non-GET requests per client address
    double writes_burst = 100;
    // Where uploaded attachments are stored (content-addressed); "" = ./var/attachments.
    std::string attachments_dir;
};

// All API routes over one store. Handle() is thread-safe. The store must outlive the Api.
class Api {
  public:
    // Loads the working-day calendar and builds the point → grid index from the store. Errors only if the
    // store cannot be read.
    static Result<std::unique_ptr<Api>> Create(storage::Store& store, ApiOptions options = {},
                                               service::Clock clock = service::SystemNow);

    // The server's Handler: rate limits, authentication (Bearer token) for every route but the public ones,
    // then the route; a Status error becomes the JSON error contract.
    Response Handle(const Request& request, const RequestContext& context) const;

    // The registered routes (method, pattern), for the OpenAPI and permission-matrix tests.
    std::vector<std::pair<std::string, std::string>> Routes() const { return router_.Routes(); }

    service::AuthService& auth() { return auth_; }
    // The case engine (the server's deadline timer calls Scan on it).
    service::CaseService& cases() { return cases_; }
    // The statistics roll-up (built from the store in Create, kept current by the case engine's observer).
    const reports::Rollup& rollup() const { return *rollup_; }

  private:
    using CallerHandler = std::function<Response(const Request&, const RouteParams&, const service::Caller&)>;

    Api(storage::Store& store, WorkCalendar calendar, ApiOptions options, service::Clock clock);
    void AddRoutes();
    // The case engine's routes (http/case_routes.cpp).
    void AddCaseRoutes();
    // Open311 GeoReport v2 at /open311/v2/ (http/open311.cpp).
    void AddOpen311Routes();
    // Attachment upload and download (http/attachment_routes.cpp).
    void AddAttachmentRoutes();
    // Dashboard statistics, periodic reports and ledgers (http/stats_routes.cpp).
    void AddStatsRoutes();
    // Registers a route that needs a signed-in caller.
    void AddAuthenticated(beast_http::verb method, std::string pattern, CallerHandler handler);

    storage::Store& store_;
    ApiOptions options_;
    service::Clock clock_;
    mutable service::AuthService auth_;
    service::CalendarHolder calendar_;
    service::GridLocator locator_;
    service::AttachmentStore attachments_;
    mutable service::CaseService cases_;
    std::unique_ptr<reports::Rollup> rollup_;
    std::unique_ptr<reports::StatsService> stats_;
    mutable RateLimiter login_limiter_;
    mutable RateLimiter write_limiter_;
    Router router_;
};

}  // namespace gridgov::http
