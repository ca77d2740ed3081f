// `gridgov apikey add`: issues a key an Open311 client sends as api_key; only its hash is stored.
#include "cli/case_commands.hpp"

#include <iostream>
#include <memory>
#include <string>

#include "cli/common.hpp"
#include "service/api_keys.hpp"
#include "storage/case_store.hpp"

namespace gridgov::cli {

void AddCaseCommands(CLI::App& app, std::function<int()>& action) {
    auto* apikey = app.add_subcommand("apikey", "Open311 接口密钥");
    apikey->require_subcommand(1);
    auto* add = apikey->add_subcommand("add", "签发密钥（只显示这一次，库中只存摘要）");
    auto db = std::make_shared<std::string>();
    auto name = std::make_shared<std::string>();
    add->add_option("--db", *db, "数据库")->required();
    add->add_option("--name", *name, "持有者名称，如 “12345 平台”；以此名义登记诉求")->required();
    add->callback([=, &action] {
        action = [=]() -> int {
            auto store = Open(*db);
            if (!store.ok()) return Fail(store.status());
            auto key = service::CreateApiKey((*store)->Cases(), *name, service::SystemNow());
            if (!key.ok()) return Fail(key.status());
            std::cout << *key << "\n";
            std::cerr << "已为「" << *name << "」签发 Open311 密钥（请妥善保存，之后无法再次查看）\n";
            return 0;
        };
    });
}

}  // namespace gridgov::cli
