// Whole-deployment copies between backends (gridgov migrate-db): every pair of backends, there and back.
#include <gtest/gtest.h>

#include <map>
#include <tuple>

#include "common/date.hpp"
#include "storage/case_store.hpp"
#include "storage/copy_store.hpp"
#include "storage/tables.hpp"
#include "support/backends.hpp"

namespace gridgov {
namespace {

using test_support::Backend;
using test_support::TempDir;
using Rows = std::vector<std::vector<std::optional<std::string>>>;

// Every row of every data table, by table.
std::map<std::string, Rows> Dump(storage::Store& store) {
    std::map<std::string, Rows> out;
    for (const auto& spec : storage::DataTables()) {
        Rows& rows = out[std::string(spec.name)];
        Status s = store.ExportTable(spec.name, [&](const storage::RowBatch& batch) {
            rows.insert(rows.end(), batch.rows.begin(), batch.rows.end());
            return Status::Ok();
        });
        EXPECT_TRUE(s.ok()) << spec.name << ": " << s.ToString();
    }
    return out;
}

std::unique_ptr<storage::Store> Open(const Backend& backend, const TempDir& dir) {
    auto store = storage::OpenStore(backend.NewDatabase(dir));
    EXPECT_TRUE(store.ok()) << store.status().ToString();
    return store.ok() ? std::move(store).value() : nullptr;
}

// A little of everything, with ids that are not 1..n (a deleted-and-replaced roster) and text that needs
// escaping in COPY (tab, newline, backslash) and NULLs (a province's parent, a case without coordinates).
void Fill(storage::Store& s) {
    std::vector<domain::Region> regions{
        {"37", "山东省", "province", ""},
        {"3714", "德州市", "city", "37"},
        {"371423", "庆云县", "county", "3714"},
        {"371423100", "庆云镇", "town", "371423"},
        {"371423100201", "前王村委会", "village", "371423100"},
    };
    ASSERT_TRUE(s.UpsertRegions(regions).ok());
    std::vector<domain::Grid> grids{
        {"371423100201001", "前王村第一网格", domain::GridType::kComprehensive, "371423100201", 380, 1100},
        {"371423100201901", "学校\t专属\n网格\\", domain::GridType::kSchool, "371423100201", 0, 1200},
    };
    ASSERT_TRUE(s.UpsertGrids(grids).ok());
    ASSERT_TRUE(
        s
            .PutBoundaries(std::vector<domain::Boundary>{
                {"371423100201001", R"({"type":"Polygon","coordinates":[[[117,37],[117.1,37],[117,37.1],[117,37]]]})"}})
            .ok());
    std::vector<domain::StaffMember> staff{{0, "371423100201001", "王建国", domain::StaffRole::kGridChief, "137"}};
    ASSERT_TRUE(s.ReplaceGridStaff(staff).ok());
    staff.push_back({0, "371423100201001", "李秀英", domain::StaffRole::kFullTimeWorker, "150"});
    ASSERT_TRUE(s.ReplaceGridStaff(staff).ok());
    std::vector<domain::Unit> units{{0, "371423-SFJ", "庆云县司法局", domain::UnitKind::kJustice, "371423", "", ""}};
    ASSERT_TRUE(s.UpsertUnits(units).ok());
    domain::AuditEntry audit{0, 100, "cli", "admin", "calendar.define", "calendar", "", "", R"({"days":1})", "local"};
    std::vector<CalendarDay> days{{*ParseDate("2027-02-08"), DayKind::kRestDay, "春节"}};
    ASSERT_TRUE(s.PutCalendarDays(days, audit).ok());
    ASSERT_TRUE(s.PutSetting("demo.county", "371423").ok());
    domain::Account a{0, "town", "镇值班员", "town_center", "371423100", "371423-SFJ", "$argon2id$x", 1, 0, true, 100};
    auto id = s.CreateAccount(a, audit);
    ASSERT_TRUE(id.ok());
    ASSERT_TRUE(s.CreateSession({0, *id, "hash-1", 100, 200, 0}, audit).ok());

    // The case engine: a category, a routing rule, a case changed once (two history rows), one without a place.
    domain::CaseCategory dispute{"dispute.family", "婚姻家庭纠纷", domain::CaseType::kEvent, "", {}};
    ASSERT_TRUE(s.Cases().UpsertCategories(std::vector<domain::CaseCategory>{dispute}).ok());
    std::vector<domain::RoutingRule> rules{{"371423", "dispute.family", "371423-SFJ"}};
    ASSERT_TRUE(s.Cases().UpsertRoutingRules(rules).ok());
    domain::Case c;
    c.case_no = "SJ20270101";
    c.category_code = "dispute.family";
    c.title = "邻里纠纷";
    c.description = "第一行\n第二行\t末尾\\";
    c.grid_code = "371423100201001";
    c.region_code = "371423100201";
    c.lng = 117.4;
    c.lat = 37.75;
    c.created_at = c.updated_at = 100;
    c.reporter_login = "town";
    c.client_request_id = "req-1";
    domain::CaseEvent report{0,
                             0,
                             100,
                             "town",
                             "town_center",
                             "report",
                             domain::CaseState::kRegistered,
                             domain::CaseState::kRegistered,
                             "",
                             "{}",
                             {"ab12"}};
    auto created = s.Cases().CreateCase(c, report);
    ASSERT_TRUE(created.ok()) << created.status().ToString();
    domain::Case accepted = created->value;
    accepted.state = domain::CaseState::kAccepted;
    accepted.unit_code = "371423-SFJ";
    domain::CaseEvent accept = report;
    accept.op = "accept";
    accept.to = domain::CaseState::kAccepted;
    ASSERT_TRUE(s.Cases().UpdateCase(accepted, 1, std::vector<domain::CaseEvent>{accept}).ok());
    domain::Case nowhere = c;
    nowhere.grid_code.clear();
    nowhere.lng.reset();
    nowhere.lat.reset();
    nowhere.client_request_id.clear();
    ASSERT_TRUE(s.Cases().CreateCase(nowhere, report).ok());
}

class CopyStoreTest : public ::testing::TestWithParam<std::tuple<Backend, Backend>> {
  protected:
    TempDir a_, b_, c_;
};

TEST_P(CopyStoreTest, ThereAndBackKeepsEveryRowAndId) {
    const auto& [from_backend, to_backend] = GetParam();
    auto source = Open(from_backend, a_);
    auto target = Open(to_backend, b_);
    auto back = Open(from_backend, c_);
    ASSERT_TRUE(source && target && back);
    Fill(*source);
    std::map<std::string, Rows> original = Dump(*source);
    EXPECT_EQ(original["grid_staff"].size(), 2u);
    EXPECT_EQ(original["audit_log"].size(), 3u);

    auto copied = storage::CopyStore(*source, *target);
    ASSERT_TRUE(copied.ok()) << copied.status().ToString();
    ASSERT_EQ(copied->size(), storage::DataTables().size());
    for (const auto& t : *copied) EXPECT_EQ(t.source_rows, t.target_rows) << t.table;
    EXPECT_EQ(Dump(*target), original);

    auto returned = storage::CopyStore(*target, *back);
    ASSERT_TRUE(returned.ok()) << returned.status().ToString();
    EXPECT_EQ(Dump(*back), original);

    // The copy works as a database, not only as rows: ids continue after the copied ones, reads answer.
    EXPECT_EQ(target->GetGrid("371423100201901")->name, "学校\t专属\n网格\\");
    EXPECT_EQ(target->ListGridStaff("371423100201001")->size(), 2u);
    domain::Account b{0, "county", "县值班员", "county_center", "371423", "", "$argon2id$y", 0, 0, false, 101};
    auto id = target->CreateAccount(b, {0, 101, "cli", "admin", "account.create", "", "", "", "{}", ""});
    ASSERT_TRUE(id.ok()) << id.status().ToString();
    EXPECT_GT(*id, target->GetAccount("town")->id);
    EXPECT_EQ(target->GetAccount("town")->unit_code, "371423-SFJ");
    EXPECT_EQ(target->ListAudit({"", "", "", 0, 0, {1, 20}})->total, 4);

    EXPECT_EQ(original["case_history"].size(), 3u);
    storage::CaseFilter all;
    auto cases = target->Cases().ListCases(all);
    ASSERT_TRUE(cases.ok()) << cases.status().ToString();
    ASSERT_EQ(cases->total, 2);
    const domain::Case& first = cases->items[1];
    EXPECT_EQ(first.description, "第一行\n第二行\t末尾\\");
    EXPECT_EQ(first.state, domain::CaseState::kAccepted);
    EXPECT_EQ(first.version, 2);
    EXPECT_DOUBLE_EQ(first.lng.value_or(0), 117.4);
    EXPECT_FALSE(cases->items[0].lat.has_value());
    EXPECT_EQ(target->Cases().CaseHistory(first.id)->size(), 2u);
    EXPECT_EQ(target->Cases().RoutingRulesFor("dispute.family")->size(), 1u);
    domain::Case retry = first;
    retry.case_no = "SJ20270101";
    auto same = target->Cases().CreateCase(retry, {});
    ASSERT_TRUE(same.ok()) << same.status().ToString();
    EXPECT_FALSE(same->created);  // the idempotency index came along
    EXPECT_EQ(same->value.id, first.id);
    retry.client_request_id = "req-2";
    auto next = target->Cases().CreateCase(retry, {});
    ASSERT_TRUE(next.ok()) << next.status().ToString();
    EXPECT_GT(next->value.id, cases->items[0].id);
}

TEST_P(CopyStoreTest, TargetMustBeEmptyAndAFailedImportLeavesNothing) {
    const auto& [from_backend, to_backend] = GetParam();
    auto source = Open(from_backend, a_);
    auto target = Open(to_backend, b_);
    ASSERT_TRUE(source && target);
    Fill(*source);
    // A source failing half-way (after regions were written): the target keeps nothing.
    Status failed = target->ImportTables([&](std::string_view table, const storage::RowSink& write) -> Status {
        if (table == "grids") return Unavailable("源库连接中断");
        return source->ExportTable(table, write);
    });
    EXPECT_EQ(failed.code(), StatusCode::kUnavailable);
    EXPECT_EQ(*target->CountRows("regions"), 0);
    EXPECT_EQ(target->GetRegion("37").status().code(), StatusCode::kNotFound);

    ASSERT_TRUE(storage::CopyStore(*source, *target).ok());
    auto again = storage::CopyStore(*source, *target);
    EXPECT_EQ(again.status().code(), StatusCode::kFailedPrecondition);
    EXPECT_EQ(source->CountRows("no_such_table").status().code(), StatusCode::kInvalidArgument);
}

std::string PairName(const ::testing::TestParamInfo<std::tuple<Backend, Backend>>& info) {
    return std::get<0>(info.param).name + "_to_" + std::get<1>(info.param).name;
}

INSTANTIATE_TEST_SUITE_P(Backends, CopyStoreTest,
                         ::testing::Combine(::testing::ValuesIn(test_support::AllBackends()),
                                            ::testing::ValuesIn(test_support::AllBackends())),
                         PairName);

}  // namespace
}  // namespace gridgov
