// Open311 GeoReport v2 at /open311/v2/: discovery, services, service definitions, POST requests (form-encoded,
// api_key), GET requests with the standard filters, single requests and tokens — JSON and XML, the
// specification's field names and error format.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <set>

#include "http/open311.hpp"
#include "service/api_keys.hpp"
#include "support/api_fixture.hpp"

namespace gridgov {
namespace {

namespace json = boost::json;
using http::beast_http::verb;

// The fields of a service request, exactly as GeoReport v2 "GET Service Requests" lists them.
const std::set<std::string> kRequestFields{"service_request_id",
                                           "status",
                                           "status_notes",
                                           "service_name",
                                           "service_code",
                                           "description",
                                           "agency_responsible",
                                           "service_notice",
                                           "requested_datetime",
                                           "updated_datetime",
                                           "expected_datetime",
                                           "address",
                                           "address_id",
                                           "zipcode",
                                           "lat",
                                           "long",
                                           "media_url"};

class Open311Test : public test_support::ApiFixture {
  protected:
    void SetUp() override {
        test_support::ApiFixture::SetUp();
        if (HasFatalFailure()) return;
        auto key = service::CreateApiKey(store_->Cases(), "测试平台", now_);
        ASSERT_TRUE(key.ok()) << key.status().ToString();
        key_ = *key;
    }

    http::Response Post(const std::string& target, const std::string& form) {
        http::Request req{verb::post, target, 11};
        req.set(http::beast_http::field::content_type, "application/x-www-form-urlencoded");
        req.body() = form;
        req.prepare_payload();
        return api_->Handle(req, {remote_, std::chrono::steady_clock::now()});
    }

    json::value Json(const http::Response& res, unsigned expected) {
        EXPECT_EQ(res.result_int(), expected) << res.body();
        EXPECT_EQ(res[http::beast_http::field::content_type], "application/json; charset=utf-8");
        boost::system::error_code ec;
        json::value v = json::parse(res.body(), ec);
        EXPECT_FALSE(ec) << res.body();
        return v;
    }

    json::value GetOpen311(const std::string& target, unsigned expected = 200) {
        return Json(Call(verb::get, target), expected);
    }

    // Files a request through the API and returns its id.
    std::int64_t File(const std::string& extra = {}) {
        json::value created = Json(Post("/open311/v2/requests.json",
                                        "api_key=" + key_ +
                                            "&service_code=env.garbage&lat=37.776&long=117.385"
                                            "&description=%E8%B7%AF%E8%BE%B9%E5%9E%83%E5%9C%BE%E6%88%90%E5%A0%86" +
                                            extra),
                                   201);
        return created.at(0).at("service_request_id").as_int64();
    }

    std::string key_;
};

TEST_P(Open311Test, DiscoveryAndServicesInBothFormats) {
    json::value discovery = GetOpen311("/open311/v2/discovery.json");
    EXPECT_EQ(discovery.at("endpoints").at(0).at("specification"), "http://wiki.open311.org/GeoReport_v2");
    EXPECT_EQ(discovery.at("endpoints").at(0).at("formats").as_array().size(), 2u);
    http::Response xml = Call(verb::get, "/open311/v2/discovery.xml");
    EXPECT_EQ(xml.result_int(), 200u);
    EXPECT_EQ(xml[http::beast_http::field::content_type], "text/xml; charset=utf-8");
    EXPECT_TRUE(xml.body().starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>")) << xml.body();
    EXPECT_NE(xml.body().find("<endpoints><endpoint><specification>"), std::string::npos) << xml.body();
    EXPECT_NE(xml.body().find("<formats><format>text/xml</format><format>application/json</format></formats>"),
              std::string::npos);

    json::value services = GetOpen311("/open311/v2/services.json");
    ASSERT_GE(services.as_array().size(), 10u);
    bool found = false;
    for (const auto& s : services.as_array()) {
        std::set<std::string> keys;
        for (const auto& [k, v] : s.as_object()) keys.insert(std::string(k));
        EXPECT_EQ(keys, (std::set<std::string>{"service_code", "service_name", "description", "metadata", "type",
                                               "keywords", "group"}));
        EXPECT_EQ(s.at("metadata"), false);
        EXPECT_EQ(s.at("type"), "realtime");
        if (s.at("service_code") == "env.garbage") found = true;
    }
    EXPECT_TRUE(found);
    http::Response services_xml = Call(verb::get, "/open311/v2/services.xml");
    EXPECT_NE(services_xml.body().find("<services><service><service_code>"), std::string::npos);
    EXPECT_NE(services_xml.body().find("<metadata>false</metadata><type>realtime</type>"), std::string::npos);

    json::value definition = GetOpen311("/open311/v2/services/env.garbage.json");
    EXPECT_EQ(definition.at("service_code"), "env.garbage");
    EXPECT_TRUE(definition.at("attributes").as_array().empty());
    http::Response definition_xml = Call(verb::get, "/open311/v2/services/env.garbage.xml");
    EXPECT_NE(definition_xml.body().find("<service_definition><service_code>env.garbage</service_code><attributes/>"),
              std::string::npos)
        << definition_xml.body();
    json::value unknown = GetOpen311("/open311/v2/services/no.such.json", 404);
    EXPECT_EQ(unknown.at(0).at("code"), 404);
    EXPECT_FALSE(unknown.at(0).at("description").as_string().empty());
    EXPECT_EQ(Call(verb::get, "/open311/v2/services/env.garbage").result_int(), 404u);
}

TEST_P(Open311Test, PostWithAnApiKeyAndReadItBack) {
    std::int64_t id = File(
        "&address_string=%E5%BA%86%E4%BA%91%E9%95%87&first_name=%E4%B8%89&last_name=%E5%BC%A0"
        "&phone=13800000000&media_url=http%3A%2F%2Fexample.org%2Fa.jpg&email=a%40b.cn");
    json::value one = GetOpen311("/open311/v2/requests/" + std::to_string(id) + ".json");
    ASSERT_EQ(one.as_array().size(), 1u);
    const json::object& r = one.at(0).as_object();
    std::set<std::string> keys;
    for (const auto& [k, v] : r) keys.insert(std::string(k));
    EXPECT_EQ(keys, kRequestFields);
    EXPECT_EQ(r.at("service_request_id").as_int64(), id);
    EXPECT_EQ(r.at("status"), "open");
    EXPECT_EQ(r.at("service_code"), "env.garbage");
    EXPECT_EQ(r.at("description"), "路边垃圾成堆");
    EXPECT_EQ(r.at("address"), "庆云镇");
    EXPECT_EQ(r.at("media_url"), "http://example.org/a.jpg");
    EXPECT_EQ(r.at("requested_datetime"), "2026-09-21T22:13:20+08:00");  // now_ in China time
    EXPECT_NEAR(r.at("lat").as_double(), 37.776, 1e-9);
    EXPECT_NEAR(r.at("long").as_double(), 117.385, 1e-9);

    // The case behind it: channel online, reported in the key's name, reporter kept off the public view.
    json::value c = CallJson(verb::get, "/api/v1/cases/" + std::to_string(id), Token("county"), 200);
    EXPECT_EQ(c.at("channel"), "online");
    EXPECT_EQ(c.at("reporter_name"), "张三");
    EXPECT_EQ(c.at("history").at(0).at("actor"), "open311:测试平台");
    EXPECT_EQ(one.at(0).as_object().find("reporter_name"), one.at(0).as_object().end());

    http::Response xml = Call(verb::get, "/open311/v2/requests/" + std::to_string(id) + ".xml");
    EXPECT_NE(xml.body().find("<service_requests><request><service_request_id>" + std::to_string(id) +
                              "</service_request_id><status>open</status>"),
              std::string::npos)
        << xml.body();
    EXPECT_NE(xml.body().find("<address_id/>"), std::string::npos);
    EXPECT_EQ(GetOpen311("/open311/v2/requests/999999.json", 404).at(0).at("code"), 404);

    // The XML form of POST, and the token it gives back.
    http::Response posted =
        Post("/open311/v2/requests.xml", "api_key=" + key_ + "&service_code=env.garbage&lat=37.776&long=117.385");
    EXPECT_EQ(posted.result_int(), 201u) << posted.body();
    EXPECT_NE(posted.body().find("<service_requests><request><service_request_id>"), std::string::npos);
    EXPECT_NE(posted.body().find("<account_id/>"), std::string::npos);
    json::value created =
        Json(Post("/open311/v2/requests.json", "api_key=" + key_ + "&service_code=env.garbage&lat=37.776&long=117.385"),
             201);
    std::string token(created.at(0).at("token").as_string());
    json::value by_token = GetOpen311("/open311/v2/tokens/" + token + ".json");
    EXPECT_EQ(by_token.at(0).at("service_request_id"), created.at(0).at("service_request_id"));
    EXPECT_EQ(by_token.at(0).at("token").as_string(), token);
    GetOpen311("/open311/v2/tokens/0123456789abcdef01234567.json", 404);
}

TEST_P(Open311Test, RefusalsFollowTheSpecificationsErrorFormat) {
    json::value bad_key =
        Json(Post("/open311/v2/requests.json", "api_key=nope&service_code=env.garbage&lat=37.776&long=117.385"), 403);
    EXPECT_EQ(bad_key.at(0).at("code"), 403);
    http::Response no_key = Post("/open311/v2/requests.xml", "service_code=env.garbage&lat=37.776&long=117.385");
    EXPECT_EQ(no_key.result_int(), 403u);
    EXPECT_NE(no_key.body().find("<errors><error><code>403</code><description>"), std::string::npos) << no_key.body();
    json::value missing = Json(Post("/open311/v2/requests.json", "api_key=" + key_ + "&lat=37.776&long=117.385"), 400);
    EXPECT_EQ(missing.at(0).at("code"), 400);
    Json(Post("/open311/v2/requests.json", "api_key=" + key_ + "&service_code=no.such&lat=37.776&long=117.385"), 400);
    Json(Post("/open311/v2/requests.json", "api_key=" + key_ + "&service_code=env.garbage"), 400);
    Json(Post("/open311/v2/requests.json", "api_key=" + key_ + "&service_code=env.garbage&lat=north&long=117.385"),
         400);
    Json(Post("/open311/v2/requests.json", "api_key=%zz"), 400);
    GetOpen311("/open311/v2/requests.json?start_date=yesterday", 400);
    GetOpen311("/open311/v2/requests.json?status=pending", 400);
    GetOpen311("/open311/v2/requests.json?service_request_id=1,x", 400);
}

TEST_P(Open311Test, GetRequestsWithTheStandardFilters) {
    std::int64_t first = File();
    std::int64_t second = File();
    auto ids = [&](const std::string& query) {
        std::set<std::int64_t> out;
        json::value list = GetOpen311("/open311/v2/requests.json" + query);
        for (const auto& r : list.as_array()) {
            out.insert(r.at("service_request_id").as_int64());
        }
        return out;
    };
    EXPECT_TRUE(ids("").contains(first));
    EXPECT_TRUE(ids("?service_code=env.garbage").contains(second));
    EXPECT_FALSE(ids("?service_code=housing.illegal").contains(second));
    EXPECT_TRUE(ids("?service_code=housing.illegal,env.garbage").contains(second));
    EXPECT_TRUE(ids("?status=open").contains(first));
    EXPECT_FALSE(ids("?status=closed").contains(first));
    EXPECT_EQ(ids("?service_request_id=" + std::to_string(first) + "," + std::to_string(second) + "&status=closed"),
              (std::set<std::int64_t>{first, second}));  // service_request_id overrides the other filters
    // now_ is 2026-09-21T22:13:20+08:00 = 14:13:20Z.
    EXPECT_TRUE(ids("?start_date=2026-09-21T14:00:00Z&end_date=2026-09-21T15:00:00Z").contains(first));
    EXPECT_FALSE(ids("?start_date=2026-09-21T14:13:21Z").contains(first));
    EXPECT_FALSE(ids("?end_date=2026-09-21T22:13:19%2B08:00").contains(first));
    EXPECT_TRUE(ids("?end_date=2026-09-21T22:13:20%2B08:00").contains(first));

    http::Response xml = Call(verb::get, "/open311/v2/requests.xml?service_request_id=" + std::to_string(first));
    EXPECT_NE(xml.body().find("<service_requests><request><service_request_id>" + std::to_string(first)),
              std::string::npos)
        << xml.body();
    EXPECT_NE(xml.body().find("<long>117.385</long>"), std::string::npos) << xml.body();

    // A closed case reads as closed.
    now_ += 60;
    json::value c = CallJson(verb::get, "/api/v1/cases/" + std::to_string(first), Token("county"), 200);
    c = CallJson(verb::post, "/api/v1/cases/" + std::to_string(first) + "/actions/merge", Token("county"), 200,
                 json::serialize(json::object{{"version", c.at("version")}, {"into", second}}));
    EXPECT_TRUE(ids("?status=closed").contains(first));
    EXPECT_FALSE(ids("?status=open").contains(first));
}

TEST(Open311Format, TimesAndForms) {
    EXPECT_EQ(http::open311::FormatTime(0), "1970-01-01T08:00:00+08:00");
    EXPECT_EQ(*http::open311::ParseTime("1994-11-05T08:15:30-05:00", "t"), 784041330);
    EXPECT_EQ(*http::open311::ParseTime("1994-11-05T13:15:30Z", "t"), 784041330);
    EXPECT_EQ(*http::open311::ParseTime("1994-11-05T13:15:30.250Z", "t"), 784041330);
    EXPECT_EQ(*http::open311::ParseTime("1970-01-02", "t"), 86400 - 8 * 3600);
    EXPECT_FALSE(http::open311::ParseTime("1994-13-05", "t").ok());
    EXPECT_FALSE(http::open311::ParseTime("1994-11-05T25:00Z", "t").ok());
    EXPECT_FALSE(http::open311::ParseTime("1994-11-05T13:15:30+5", "t").ok());
    auto form = http::open311::ParseForm("a=1+2&b=%E4%B8%AD&a=3&c");
    ASSERT_TRUE(form.ok());
    EXPECT_EQ(form->at("a"), "1 2");
    EXPECT_EQ(form->at("b"), "中");
    EXPECT_EQ(form->at("c"), "");
    EXPECT_EQ(http::open311::ToXml("r", "i", json::array{json::object{{"x", "<&>"}, {"y", nullptr}}}),
              "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<r><i><x>&lt;&amp;&gt;</x><y/></i></r>");
}

INSTANTIATE_TEST_SUITE_P(Backends, Open311Test, ::testing::ValuesIn(test_support::AllBackends()),
                         test_support::BackendName);

}  // namespace
}  // namespace gridgov
