// Attachments: upload checked by magic bytes and size, content-addressed and idempotent, downloaded with its type
// and an immutable cache header, and referenced by case operations (unknown hashes refused).
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>

#include "service/attachments.hpp"
#include "support/api_fixture.hpp"

namespace gridgov {
namespace {

namespace json = boost::json;
using http::beast_http::verb;
using namespace std::string_literals;

const std::string kPng = std::string("\x89PNG\r\n\x1A\n", 8) + "fake image body";

class AttachmentsApiTest : public test_support::ApiFixture {
  protected:
    http::Response Upload(const std::string& type, const std::string& bytes, const std::string& who = "grid") {
        http::Request req{verb::post, "/api/v1/attachments", 11};
        req.set(http::beast_http::field::authorization, "Bearer " + Token(who));
        req.set(http::beast_http::field::content_type, type);
        req.body() = bytes;
        req.prepare_payload();
        return api_->Handle(req, {remote_, std::chrono::steady_clock::now()});
    }
};

TEST_P(AttachmentsApiTest, UploadIsContentAddressedAndIdempotent) {
    http::Response res = Upload("image/png", kPng);
    ASSERT_EQ(res.result_int(), 201u) << res.body();
    json::value a = json::parse(res.body());
    std::string hash(a.at("hash").as_string());
    // sha256 of the bytes, as `sha256sum` prints it.
    EXPECT_EQ(hash.size(), 64u);
    EXPECT_EQ(a.at("size").as_int64(), static_cast<std::int64_t>(kPng.size()));
    EXPECT_EQ(a.at("content_type"), "image/png");
    std::filesystem::path file =
        std::filesystem::path(options_.attachments_dir) / hash.substr(0, 2) / hash.substr(2, 2) / hash;
    EXPECT_TRUE(std::filesystem::is_regular_file(file));
    EXPECT_EQ(json::parse(Upload("image/png; charset=binary", kPng, "unit").body()).at("hash").as_string(), hash);
    std::size_t files = 0;
    for (const auto& e : std::filesystem::recursive_directory_iterator(options_.attachments_dir)) {
        files += e.is_regular_file();
    }
    EXPECT_EQ(files, 1u);  // no temporary left behind, one file for the same bytes

    http::Response got = Call(verb::get, "/api/v1/attachments/" + hash, Token("county"));
    EXPECT_EQ(got.result_int(), 200u);
    EXPECT_EQ(got.body(), kPng);
    EXPECT_EQ(got[http::beast_http::field::content_type], "image/png");
    EXPECT_NE(std::string(got[http::beast_http::field::cache_control]).find("immutable"), std::string::npos);
    EXPECT_EQ(Call(verb::get, "/api/v1/attachments/" + hash).result_int(), 401u);
    EXPECT_EQ(Call(verb::get, "/api/v1/attachments/" + std::string(64, 'a'), Token("county")).result_int(), 404u);
    EXPECT_EQ(Call(verb::get, "/api/v1/attachments/..%2Fetc", Token("county")).result_int(), 400u);
}

TEST_P(AttachmentsApiTest, TypeAndSizeAreChecked) {
    EXPECT_EQ(Upload("image/jpeg", "\xFF\xD8\xFF\xE0 jpeg").result_int(), 201u);
    EXPECT_EQ(Upload("image/webp", "RIFF\x10\0\0\0WEBPVP8 "s).result_int(), 201u);
    EXPECT_EQ(Upload("application/pdf", "%PDF-1.7\n").result_int(), 201u);
    http::Response exe = Upload("image/png", "MZ\x90\0 not an image"s);
    EXPECT_EQ(exe.result_int(), 400u);
    EXPECT_NE(exe.body().find("只接受"), std::string::npos) << exe.body();
    EXPECT_EQ(Upload("image/jpeg", kPng).result_int(), 400u);     // the bytes say PNG
    EXPECT_EQ(Upload("text/html", "<html>").result_int(), 400u);  // not an accepted type
    EXPECT_EQ(Upload("image/png", "").result_int(), 400u);        // empty
    std::string big = kPng + std::string(service::AttachmentStore::kMaxBytes, 'x');
    EXPECT_EQ(Upload("image/png", big).result_int(), 413u);
}

TEST_P(AttachmentsApiTest, CaseActionsReferenceOnlyStoredFiles) {
    std::string hash(json::parse(Upload("image/png", kPng).body()).at("hash").as_string());
    json::value created = CallJson(verb::post, "/api/v1/cases", Token("grid"), 201,
                                   R"({"category_code":"env.garbage","title":"垃圾","grid_code":"371423001011001"})");
    std::string id = std::to_string(created.at("id").as_int64());
    json::value refused =
        CallJson(verb::post, "/api/v1/cases/" + id + "/actions/accept", Token("town"), 400,
                 json::serialize(json::object{{"version", 1}, {"attachments", json::array{std::string(64, 'b')}}}));
    EXPECT_EQ(refused.at("error").at("details").at("field"), "attachments");
    CallJson(verb::post, "/api/v1/cases/" + id + "/actions/accept", Token("town"), 200,
             json::serialize(json::object{{"version", 1}, {"attachments", json::array{hash}}}));
    json::value detail = CallJson(verb::get, "/api/v1/cases/" + id, Token("county"), 200);
    EXPECT_EQ(detail.at("history").at(1).at("attachments").at(0).as_string(), hash);
}

INSTANTIATE_TEST_SUITE_P(Backends, AttachmentsApiTest, ::testing::ValuesIn(test_support::AllBackends()),
                         test_support::BackendName);

}  // namespace
}  // namespace gridgov
