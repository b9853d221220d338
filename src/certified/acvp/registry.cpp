#include "certified/acvp/registry.h"

#include "certified/acvp/families.h"

namespace craton::acvp {

void Registry::add(Handler h) {
    handlers_.push_back(std::move(h));
}

const Handler* Registry::find(const std::string& algorithm, const std::string& mode,
                              const std::string& revision) const {
    for (const auto& h : handlers_) {
        if (h.algorithm == algorithm && h.mode == mode && h.revision == revision) return &h;
    }
    return nullptr;
}

const Registry& default_registry() {
    static const Registry registry = [] {
        Registry r;
        register_aes_block(r);
        register_aes_gcm(r);
        register_aes_kw(r);
        register_sha(r);
        register_shake(r);
        register_hmac(r);
        register_drbg(r);
        register_kdf(r);
        register_mlkem(r);
        register_mldsa(r);
        register_slhdsa(r);
        register_ecdsa(r);
        register_eddsa(r);
        register_rsa(r);
        return r;
    }();
    return registry;
}

json run_each_test(const json& group, GroupContext& ctx,
                   const std::function<json(const json& test)>& one) {
    const long long tg_id = int_field(group, "tgId");
    json tests = json::array();
    std::size_t ran = 0;
    for (const auto& test : group.at("tests")) {
        const long long tc_id = int_field(test, "tcId");
        if (ctx.max_tests_per_group != 0 && ran >= ctx.max_tests_per_group) {
            if (ctx.skips) ctx.skips->push_back({tg_id, tc_id, "sampled out"});
            continue;
        }
        try {
            json out = one(test);
            out["tcId"] = tc_id;
            tests.push_back(std::move(out));
            ++ran;
        } catch (const Unsupported& e) {
            if (ctx.skips) ctx.skips->push_back({tg_id, tc_id, e.what()});
        }
    }
    return json{{"tgId", tg_id}, {"tests", std::move(tests)}};
}

std::string display_name(const std::string& algorithm, const std::string& mode,
                         const std::string& revision) {
    return mode.empty() ? algorithm + " " + revision : algorithm + " " + mode + " " + revision;
}

}  // namespace craton::acvp
