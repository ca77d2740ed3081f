// Attachment routes: upload a photo or document (raw body) and download it by its SHA-256. Case operations
// then name the hashes in "attachments".
#include <boost/json.hpp>

#include "http/api.hpp"
#include "http/json_response.hpp"
#include "http/request_util.hpp"

namespace gridgov::http {

void Api::AddAttachmentRoutes() {
    using beast_http::status;
    using beast_http::verb;
    using service::Caller;

    // Whoever works on cases may attach files to them (every role with view_cases; see docs/decisions.md).
    AddAuthenticated(
        verb::post, "/api/v1/attachments", [this](const Request& req, const RouteParams&, const Caller& c) {
            if (Status s = service::Authorize(c, domain::Action::kViewCases); !s.ok()) return ErrorResponse(req, s);
            std::string_view type = req[beast_http::field::content_type];
            type = type.substr(0, type.find(';'));
            while (!type.empty() && type.back() == ' ') type.remove_suffix(1);
            if (type != "image/jpeg" && type != "image/png" && type != "image/webp" && type != "application/pdf") {
                return ErrorResponse(
                    req, InvalidArgument("Content-Type 应为 image/jpeg、image/png、image/webp 或 application/pdf",
                                         "content_type"));
            }
            if (req.body().size() > service::AttachmentStore::kMaxBytes) {
                return ErrorResponse(req, status::payload_too_large, InvalidArgument("文件超过 10 MiB", "file"));
            }
            Result<service::Attachment> a = attachments_.Put(req.body(), type);
            if (!a.ok()) return ErrorResponse(req, a.status());
            return JsonResponse(req, status::created,
                                {{"hash", a->hash}, {"size", a->size}, {"content_type", a->content_type}});
        });

    AddAuthenticated(verb::get, "/api/v1/attachments/{hash}",
                     [this](const Request& req, const RouteParams& p, const Caller& c) {
                         if (Status s = service::Authorize(c, domain::Action::kViewCases); !s.ok()) {
                             return ErrorResponse(req, s);
                         }
                         auto found = attachments_.Get(p.Path("hash"));
                         if (!found.ok()) return ErrorResponse(req, found.status());
                         Response res{status::ok, req.version()};
                         res.set(beast_http::field::content_type, found->first.content_type);
                         // The bytes behind a hash never change; "private" because a session is needed to read them.
                         res.set(beast_http::field::cache_control, "private, max-age=31536000, immutable");
                         res.set(beast_http::field::etag, "\"" + found->first.hash + "\"");
                         res.keep_alive(req.keep_alive());
                         res.body() = std::move(found->second);
                         res.prepare_payload();
                         return res;
                     });
}

}  // namespace gridgov::http
