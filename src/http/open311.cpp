// Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) over the case engine: discovery, services (the
// case categories), service definitions, requests (POST with an api_key, GET with the standard filters) and
// tokens, each as .json and .xml. Public: reading needs no account, creating needs an api_key.
#include "http/open311.hpp"

#include <sodium.h>

#include <algorithm>
#include <boost/json.hpp>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <set>
#include <tuple>

#include "http/api.hpp"
#include "http/json_response.hpp"
#include "service/api_keys.hpp"
#include "service/regions.hpp"

namespace gridgov::http::open311 {
namespace {

namespace json = boost::json;

constexpr std::int64_t kChinaOffset = 8 * 3600;

int Digits(std::string_view text, std::size_t pos, std::size_t n) {
    if (pos + n > text.size()) return -1;
    int v = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
        if (text[i] < '0' || text[i] > '9') return -1;
        v = v * 10 + (text[i] - '0');
    }
    return v;
}

int HexDigit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

Result<std::string> FormDecode(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '+') {
            out.push_back(' ');
        } else if (text[i] == '%') {
            int hi = i + 2 < text.size() ? HexDigit(text[i + 1]) : -1;
            int lo = hi >= 0 ? HexDigit(text[i + 2]) : -1;
            if (lo < 0) return InvalidArgument("表单编码有误（% 转义不完整）");
            out.push_back(static_cast<char>(hi * 16 + lo));
            i += 2;
        } else {
            out.push_back(text[i]);
        }
    }
    return out;
}

void EscapeXml(std::string& out, std::string_view text) {
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&apos;";
                break;
            default:
                out.push_back(c);
        }
    }
}

std::string_view ItemName(std::string_view key) {
    if (key == "endpoints") return "endpoint";
    if (key == "formats") return "format";
    if (key == "attributes") return "attribute";
    if (key == "values") return "value";
    return "item";
}

void AppendXml(std::string& out, std::string_view name, const json::value& v) {
    out += '<';
    out += name;
    if (v.is_null() || (v.is_string() && v.as_string().empty()) || (v.is_array() && v.as_array().empty())) {
        out += "/>";
        return;
    }
    out += '>';
    if (v.is_string()) {
        EscapeXml(out, v.as_string());
    } else if (v.is_object()) {
        for (const auto& [key, member] : v.as_object()) AppendXml(out, key, member);
    } else if (v.is_array()) {
        for (const auto& x : v.as_array()) AppendXml(out, ItemName(name), x);
    } else if (v.is_double()) {
        char buf[32];
        auto r = std::to_chars(buf, buf + sizeof buf, v.as_double());
        out.append(buf, r.ptr);
    } else {
        out += json::serialize(v);
    }
    out += "</";
    out += name;
    out += '>';
}

Response Document(const Request& request, beast_http::status status, Format format, std::string body) {
    Response res{status, request.version()};
    res.set(beast_http::field::content_type,
            format == Format::kJson ? "application/json; charset=utf-8" : "text/xml; charset=utf-8");
    res.set(beast_http::field::access_control_allow_origin, "*");
    res.keep_alive(request.keep_alive());
    res.body() = std::move(body);
    res.prepare_payload();
    return res;
}

}  // namespace

std::string FormatTime(std::int64_t unix_seconds) {
    using namespace std::chrono;
    sys_seconds t{seconds{unix_seconds + kChinaOffset}};
    sys_days day = floor<days>(t);
    year_month_day ymd{day};
    hh_mm_ss hms{t - day};
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d+08:00", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                  static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                  static_cast<int>(hms.seconds().count()));
    return buf;
}

Result<std::int64_t> ParseTime(std::string_view text, std::string_view field) {
    auto bad = [&] {
        return InvalidArgument(std::string(field) + " 应为 ISO 8601 时间，如 2026-09-21T08:00:00+08:00",
                               std::string(field));
    };
    int y = Digits(text, 0, 4), mo = Digits(text, 5, 2), d = Digits(text, 8, 2);
    if (text.size() < 10 || y < 0 || mo < 1 || mo > 12 || d < 1 || text[4] != '-' || text[7] != '-') return bad();
    std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(mo)},
                                    std::chrono::day{static_cast<unsigned>(d)}};
    if (!ymd.ok()) return bad();
    std::int64_t seconds = static_cast<std::int64_t>(std::chrono::sys_days{ymd}.time_since_epoch().count()) * 86400;
    std::int64_t offset = kChinaOffset;
    std::size_t pos = 10;
    if (pos < text.size()) {
        if (text[pos] != 'T' && text[pos] != ' ') return bad();
        int h = Digits(text, 11, 2), mi = Digits(text, 14, 2);
        if (h < 0 || h > 23 || mi < 0 || mi > 59 || text.size() < 16 || text[13] != ':') return bad();
        seconds += h * 3600 + mi * 60;
        pos = 16;
        if (pos < text.size() && text[pos] == ':') {
            int s = Digits(text, 17, 2);
            if (s < 0 || s > 60) return bad();
            seconds += s;
            pos = 19;
            if (pos < text.size() && text[pos] == '.') {
                ++pos;
                while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
            }
        }
        if (pos < text.size()) {
            if (text[pos] == 'Z' && pos + 1 == text.size()) {
                offset = 0;
            } else if ((text[pos] == '+' || text[pos] == '-') && text.size() == pos + 6 && text[pos + 3] == ':') {
                int oh = Digits(text, pos + 1, 2), om = Digits(text, pos + 4, 2);
                if (oh < 0 || oh > 14 || om < 0 || om > 59) return bad();
                offset = (oh * 3600 + om * 60) * (text[pos] == '-' ? -1 : 1);
            } else {
                return bad();
            }
        }
    }
    return seconds - offset;
}

Result<std::map<std::string, std::string>> ParseForm(std::string_view body) {
    std::map<std::string, std::string> out;
    while (!body.empty()) {
        std::size_t amp = body.find('&');
        std::string_view pair = body.substr(0, amp);
        body = amp == std::string_view::npos ? std::string_view{} : body.substr(amp + 1);
        if (pair.empty()) continue;
        std::size_t eq = pair.find('=');
        GRIDGOV_ASSIGN_OR_RETURN(std::string key, FormDecode(pair.substr(0, eq)));
        std::string value;
        if (eq != std::string_view::npos) {
            GRIDGOV_ASSIGN_OR_RETURN(value, FormDecode(pair.substr(eq + 1)));
        }
        out.try_emplace(std::move(key), std::move(value));
    }
    return out;
}

bool SplitFormat(std::string_view segment, std::string& name, Format& format) {
    for (auto [suffix, f] :
         {std::pair{std::string_view(".json"), Format::kJson}, std::pair{std::string_view(".xml"), Format::kXml}}) {
        if (segment.size() > suffix.size() && segment.ends_with(suffix)) {
            name = std::string(segment.substr(0, segment.size() - suffix.size()));
            format = f;
            return true;
        }
    }
    return false;
}

std::string ToXml(std::string_view root, std::string_view item, const json::value& value) {
    std::string out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
    if (value.is_array()) {
        out += '<';
        out += root;
        out += '>';
        for (const auto& x : value.as_array()) AppendXml(out, item, x);
        out += "</";
        out += root;
        out += '>';
    } else {
        AppendXml(out, root, value);
    }
    return out;
}

Response Answer(const Request& request, beast_http::status status, Format format, const json::value& value,
                std::string_view root, std::string_view item) {
    return Document(request, status, format,
                    format == Format::kJson ? json::serialize(value) : ToXml(root, item, value));
}

Response Error(const Request& request, Format format, const Status& status) {
    beast_http::status http_status = HttpStatusFor(status.ok() ? StatusCode::kInternal : status.code());
    json::value body = ErrorBody(status);
    json::array errors{
        json::object{{"code", static_cast<int>(http_status)}, {"description", body.at("error").at("message")}}};
    return Answer(request, http_status, format, errors, "errors", "error");
}

}  // namespace gridgov::http::open311

namespace gridgov::http {
namespace {

namespace json = boost::json;
using beast_http::status;
using beast_http::verb;
using domain::Case;
using domain::CaseState;
using open311::Format;

constexpr std::string_view kSpecification = "http://wiki.open311.org/GeoReport_v2";
constexpr std::string_view kChangeset = "2026-09-01T00:00:00+08:00";
constexpr std::int64_t kDefaultSpan = 90 * 86400;  // the specification's default query window
constexpr int kMaxRequests = 1000;                 // … and its default result limit

bool IsClosed(CaseState s) { return s == CaseState::kClosed || s == CaseState::kRated || s == CaseState::kMerged; }

// Petition referrals (信访转办) are not public; every other channel is listed (without the reporter).
bool IsPublic(const Case& c) { return c.channel != domain::Channel::kPetitionReferral; }

json::value OrNull(std::string_view s) { return s.empty() ? json::value(nullptr) : json::value(s); }

}  // namespace

void Api::AddOpen311Routes() {
    using Handler = std::function<Response(const Request&, const RouteParams&, Format)>;
    // Registers `name`.json and `name`.xml for a literal resource.
    auto both = [this](verb method, const std::string& path, Handler handler) {
        for (auto [suffix, each_format] : {std::pair{".json", Format::kJson}, std::pair{".xml", Format::kXml}}) {
            Format format =
                each_format;  // a named copy: lambdas may not capture structured bindings before C++20/clang 16
            router_.Add(method, "/open311/v2/" + path + suffix,
                        [handler, format](const Request& req, const RouteParams& p, const RequestContext&) {
                            return handler(req, p, format);
                        });
        }
    };
    // Registers "/open311/v2/`path`/{param}" whose last segment ends in .json or .xml.
    auto suffixed = [this](const std::string& path, std::string param,
                           std::function<Response(const Request&, const std::string&, Format)> handler) {
        router_.Add(verb::get, "/open311/v2/" + path + "/{" + param + "}",
                    [handler, param](const Request& req, const RouteParams& p, const RequestContext&) {
                        std::string name;
                        Format format = Format::kJson;
                        if (!open311::SplitFormat(p.Path(param), name, format)) {
                            return open311::Error(req, Format::kJson, NotFound("请以 .json 或 .xml 结尾"));
                        }
                        return handler(req, name, format);
                    });
    };

    // Public fields of a case as a GeoReport v2 service request, in the specification's order.
    auto request_json = [this](const Case& c, const std::string& service_name,
                               std::map<std::string, std::string>& unit_names) {
        std::string agency;
        if (!c.unit_code.empty()) {
            auto it = unit_names.find(c.unit_code);
            if (it == unit_names.end()) {
                Result<domain::Unit> unit = service::FindUnit(store_, c.unit_code);
                it = unit_names.emplace(c.unit_code, unit.ok() ? unit->name : c.unit_code).first;
            }
            agency = it->second;
        }
        std::string media_url;
        if (c.channel == domain::Channel::kOnline) {
            auto history = store_.Cases().CaseHistory(c.id);
            if (history.ok() && !history->empty()) {
                json::error_code ec;
                json::value data = json::parse(history->front().data, ec);
                if (!ec && data.is_object() && data.as_object().contains("media_url") &&
                    data.at("media_url").is_string()) {
                    media_url = std::string(data.at("media_url").as_string());
                }
            }
        }
        std::string notes(domain::CaseStateNameZh(c.state));
        if (c.state == CaseState::kMerged) notes += "（与其他诉求合并办理）";
        return json::object{{"service_request_id", c.id},
                            {"status", IsClosed(c.state) ? "closed" : "open"},
                            {"status_notes", notes},
                            {"service_name", service_name},
                            {"service_code", c.category_code},
                            {"description", c.description.empty() ? c.title : c.description},
                            {"agency_responsible", OrNull(agency)},
                            {"service_notice", nullptr},
                            {"requested_datetime", open311::FormatTime(c.created_at)},
                            {"updated_datetime", open311::FormatTime(c.updated_at)},
                            {"expected_datetime", c.handle_due.empty() ? json::value(nullptr)
                                                                       : json::value(c.handle_due + "T23:59:59+08:00")},
                            {"address", c.address},
                            {"address_id", nullptr},
                            {"zipcode", nullptr},
                            {"lat", c.lat ? json::value(*c.lat) : json::value(nullptr)},
                            {"long", c.lng ? json::value(*c.lng) : json::value(nullptr)},
                            {"media_url", OrNull(media_url)}};
    };
    auto category_names = [this]() {
        std::map<std::string, std::string> names;
        auto categories = store_.Cases().ListCategories();
        if (categories.ok()) {
            for (const auto& k : *categories) names[k.code] = k.name;
        }
        return names;
    };

    both(verb::get, "discovery", [](const Request& req, const RouteParams&, Format format) {
        std::string base = "/open311/v2/";
        if (std::string_view host = req[beast_http::field::host]; !host.empty()) {
            base = "http://" + std::string(host) + base;
        }
        json::object doc{
            {"changeset", kChangeset},
            {"contact", "请联系本县（市、区）社会治理综合指挥中心"},
            {"key_service", "API 密钥由部署方管理员以 gridgov apikey add 签发"},
            {"endpoints", json::array{json::object{{"specification", kSpecification},
                                                   {"url", base},
                                                   {"changeset", kChangeset},
                                                   {"type", "production"},
                                                   {"formats", json::array{"text/xml", "application/json"}}}}}};
        return open311::Answer(req, status::ok, format, doc, "discovery", "");
    });

    both(verb::get, "services", [this](const Request& req, const RouteParams&, Format format) {
        auto categories = store_.Cases().ListCategories();
        if (!categories.ok()) return open311::Error(req, format, categories.status());
        std::map<std::string, std::string> names;
        for (const auto& k : *categories) names[k.code] = k.name;
        json::array services;
        for (const auto& k : *categories) {
            std::string group =
                k.parent_code.empty() ? std::string(domain::CaseTypeNameZh(k.type)) : names[k.parent_code];
            services.emplace_back(
                json::object{{"service_code", k.code},
                             {"service_name", k.name},
                             {"description", k.name + "（" + std::string(domain::CaseTypeNameZh(k.type)) +
                                                 "，办结时限 " + std::to_string(k.limits.handle) + " 个工作日）"},
                             {"metadata", false},
                             {"type", "realtime"},
                             {"keywords", std::string(domain::CaseTypeNameZh(k.type)) + "," + group},
                             {"group", group}});
        }
        return open311::Answer(req, status::ok, format, services, "services", "service");
    });

    suffixed("services", "service_code", [this](const Request& req, const std::string& code, Format format) {
        auto category = store_.Cases().GetCategory(code);
        if (!category.ok()) {
            if (category.status().code() == StatusCode::kNotFound) {
                return open311::Error(req, format, NotFound("未知的 service_code：" + code, "service_code"));
            }
            return open311::Error(req, format, category.status());
        }
        json::object definition{{"service_code", category->code}, {"attributes", json::array{}}};
        return open311::Answer(req, status::ok, format, definition, "service_definition", "");
    });

    both(verb::post, "requests", [this](const Request& req, const RouteParams&, Format format) {
        auto form = open311::ParseForm(req.body());
        if (!form.ok()) return open311::Error(req, format, form.status());
        auto field = [&](const char* key) -> std::string {
            auto it = form->find(key);
            return it == form->end() ? std::string() : it->second;
        };
        Result<service::Caller> caller = service::ApiKeyCaller(store_.Cases(), field("api_key"));
        if (!caller.ok()) return open311::Error(req, format, caller.status());
        std::string code = field("service_code");
        if (code.empty()) return open311::Error(req, format, InvalidArgument("缺少 service_code", "service_code"));
        auto category = store_.Cases().GetCategory(code);
        if (!category.ok()) {
            return open311::Error(req, format,
                                  category.status().code() == StatusCode::kNotFound
                                      ? InvalidArgument("未知的 service_code：" + code, "service_code")
                                      : category.status());
        }
        service::NewCase in;
        in.type = std::string(domain::CaseTypeName(category->type));
        in.channel = "online";
        in.category_code = code;
        in.description = field("description");
        if (in.description.size() > 4000) {
            return open311::Error(req, format, InvalidArgument("description 不超过 4000 字节", "description"));
        }
        // The title: the start of the description (30 characters), or the service's name.
        std::size_t cut = 0;
        for (int chars = 0; cut < in.description.size() && chars < 30; ++chars) {
            unsigned char ch = static_cast<unsigned char>(in.description[cut]);
            cut += ch < 0x80 ? 1 : ch < 0xE0 ? 2 : ch < 0xF0 ? 3 : 4;
        }
        in.title = in.description.empty() ? category->name : in.description.substr(0, cut);
        std::string lat = field("lat"), lng = field("long");
        if (!lat.empty() || !lng.empty()) {
            for (auto [text, target, key] : {std::tuple{&lat, &in.lat, "lat"}, std::tuple{&lng, &in.lng, "long"}}) {
                double v = 0;
                auto [ptr, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
                if (text->empty() || ec != std::errc() || ptr != text->data() + text->size()) {
                    return open311::Error(req, format, InvalidArgument(std::string(key) + " 应为数字（WGS-84）", key));
                }
                *target = v;
            }
        } else if (field("address_string").empty() && field("address_id").empty()) {
            return open311::Error(req, format,
                                  InvalidArgument("请提供位置：lat/long（WGS-84）或 address_string", "lat"));
        }
        in.datum = "wgs84";
        in.address = field("address_string");
        in.reporter_name = field("last_name") + field("first_name");
        in.reporter_phone = field("phone");
        in.media_url = field("media_url");
        // The token lets a client find its request again (tokens/{token}); it is the case's idempotency key.
        if (sodium_init() < 0) return open311::Error(req, format, Internal("libsodium 初始化失败"));
        unsigned char random[12];
        randombytes_buf(random, sizeof random);
        static constexpr char kHex[] = "0123456789abcdef";
        for (unsigned char b : random) {
            in.client_request_id.push_back(kHex[b >> 4]);
            in.client_request_id.push_back(kHex[b & 15]);
        }
        Result<service::ReportResult> r = cases_.Report(*caller, in);
        if (!r.ok()) return open311::Error(req, format, r.status());
        json::array out{json::object{{"service_request_id", r->value.id},
                                     {"token", in.client_request_id},
                                     {"service_notice", "已受理，案件编号 " + r->value.case_no},
                                     {"account_id", nullptr}}};
        return open311::Answer(req, status::created, format, out, "service_requests", "request");
    });

    both(verb::get, "requests",
         [this, request_json, category_names](const Request& req, const RouteParams& p, Format format) {
             auto names = category_names();
             std::map<std::string, std::string> units;
             json::array out;
             auto split = [](std::string_view list) {
                 std::vector<std::string> items;
                 while (!list.empty()) {
                     std::size_t comma = list.find(',');
                     if (comma != 0) items.emplace_back(list.substr(0, comma));
                     list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
                 }
                 return items;
             };
             // service_request_id overrides every other parameter.
             if (std::string_view ids = p.Query("service_request_id"); !ids.empty()) {
                 for (const std::string& id_text : split(ids)) {
                     std::int64_t id = 0;
                     auto [ptr, ec] = std::from_chars(id_text.data(), id_text.data() + id_text.size(), id);
                     if (ec != std::errc() || ptr != id_text.data() + id_text.size() || id <= 0) {
                         return open311::Error(
                             req, format,
                             InvalidArgument("service_request_id 应为以逗号分隔的编号", "service_request_id"));
                     }
                     auto c = store_.Cases().GetCase(id);
                     if (!c.ok() && c.status().code() != StatusCode::kNotFound) {
                         return open311::Error(req, format, c.status());
                     }
                     if (c.ok() && IsPublic(*c)) out.emplace_back(request_json(*c, names[c->category_code], units));
                 }
                 return open311::Answer(req, status::ok, format, out, "service_requests", "request");
             }
             storage::CaseFilter filter;
             std::int64_t from = 0, to = 0;
             if (!p.Query("start_date").empty()) {
                 auto t = open311::ParseTime(p.Query("start_date"), "start_date");
                 if (!t.ok()) return open311::Error(req, format, t.status());
                 from = *t;
             }
             if (!p.Query("end_date").empty()) {
                 auto t = open311::ParseTime(p.Query("end_date"), "end_date");
                 if (!t.ok()) return open311::Error(req, format, t.status());
                 to = *t + 1;
             }
             if (from != 0 && to != 0 && to <= from) {
                 return open311::Error(req, format, InvalidArgument("end_date 应晚于 start_date", "end_date"));
             }
             // Without a range, the specification's default: the most recent 90 days.
             if (from == 0 && to == 0) from = clock_() - kDefaultSpan;
             if (from == 0) from = to - kDefaultSpan;
             filter.created_from = from;
             filter.created_to = to;
             std::set<std::string> statuses;
             for (const std::string& s : split(p.Query("status"))) {
                 if (s != "open" && s != "closed") {
                     return open311::Error(req, format, InvalidArgument("status 应为 open 或 closed", "status"));
                 }
                 statuses.insert(s);
             }
             if (statuses.size() == 1) {
                 for (domain::CaseState st :
                      {CaseState::kRegistered, CaseState::kAccepted, CaseState::kDispatched, CaseState::kHandling,
                       CaseState::kFinished, CaseState::kVerified, CaseState::kClosed, CaseState::kRated,
                       CaseState::kSuspended, CaseState::kMerged}) {
                     if (IsClosed(st) == statuses.contains("closed")) filter.states.push_back(st);
                 }
             }
             std::vector<std::string> codes = split(p.Query("service_code"));
             if (codes.empty()) codes.emplace_back();
             std::vector<Case> found;
             for (const std::string& code : codes) {
                 filter.category_code = code;
                 for (int page = 1; static_cast<int>(found.size()) < kMaxRequests; ++page) {
                     filter.page = {page, storage::kMaxPageSize};
                     auto cases = store_.Cases().ListCases(filter);
                     if (!cases.ok()) return open311::Error(req, format, cases.status());
                     for (auto& c : cases->items) {
                         if (IsPublic(c)) found.push_back(std::move(c));
                     }
                     if (static_cast<std::int64_t>(page) * storage::kMaxPageSize >= cases->total) break;
                 }
             }
             std::sort(found.begin(), found.end(), [](const Case& a, const Case& b) { return a.id > b.id; });
             if (found.size() > static_cast<std::size_t>(kMaxRequests)) found.resize(kMaxRequests);
             for (const Case& c : found) out.emplace_back(request_json(c, names[c.category_code], units));
             return open311::Answer(req, status::ok, format, out, "service_requests", "request");
         });

    suffixed("requests", "service_request_id",
             [this, request_json, category_names](const Request& req, const std::string& id_text, Format format) {
                 std::int64_t id = 0;
                 auto [ptr, ec] = std::from_chars(id_text.data(), id_text.data() + id_text.size(), id);
                 if (ec != std::errc() || ptr != id_text.data() + id_text.size() || id <= 0) {
                     return open311::Error(req, format, NotFound("没有这个诉求：" + id_text, "service_request_id"));
                 }
                 auto c = store_.Cases().GetCase(id);
                 if (c.ok() && !IsPublic(*c)) c = NotFound("没有这个诉求：" + id_text, "service_request_id");
                 if (!c.ok()) return open311::Error(req, format, c.status());
                 auto names = category_names();
                 std::map<std::string, std::string> units;
                 json::array out{request_json(*c, names[c->category_code], units)};
                 return open311::Answer(req, status::ok, format, out, "service_requests", "request");
             });

    suffixed("tokens", "token", [this](const Request& req, const std::string& token, Format format) {
        bool hex = token.size() == 24 && std::all_of(token.begin(), token.end(), [](char ch) {
                       return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f');
                   });
        Result<std::optional<Case>> c = hex ? store_.Cases().FindCaseByClientRequest("", token)
                                            : Result<std::optional<Case>>(std::optional<Case>{});
        if (!c.ok()) return open311::Error(req, format, c.status());
        if (!c->has_value()) return open311::Error(req, format, NotFound("没有这个 token：" + token, "token"));
        json::array out{json::object{{"service_request_id", (*c)->id}, {"token", token}}};
        return open311::Answer(req, status::ok, format, out, "service_requests", "request");
    });
}

}  // namespace gridgov::http
