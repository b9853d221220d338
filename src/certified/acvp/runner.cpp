#include "certified/acvp/runner.h"

namespace craton::acvp {

SetId set_id(const json& doc) {
    return {doc.at("algorithm").get<std::string>(), doc.value("mode", std::string()),
            doc.at("revision").get<std::string>()};
}

SampleRule parse_sample_rule(const std::string& text) {
    const auto eq = text.find('=');
    const auto colon = text.rfind(':');
    if (eq == std::string::npos || colon == std::string::npos || colon < eq) {
        throw std::invalid_argument("sample rule must be FIELD=PATTERN:N, got " + text);
    }
    return {text.substr(0, eq), text.substr(eq + 1, colon - eq - 1),
            static_cast<std::size_t>(std::stoul(text.substr(colon + 1)))};
}

bool matches(const SampleRule& rule, const json& group) {
    if (!group.contains(rule.field) || !group.at(rule.field).is_string()) return false;
    const std::string value = group.at(rule.field).get<std::string>();
    const std::string& p = rule.pattern;
    if (!p.empty() && p.front() == '*') {
        const std::string tail = p.substr(1);
        return value.size() >= tail.size() &&
               value.compare(value.size() - tail.size(), tail.size(), tail) == 0;
    }
    if (!p.empty() && p.back() == '*') return value.rfind(p.substr(0, p.size() - 1), 0) == 0;
    return value == p;
}

namespace {

// The case cap for one group: the general cap, lowered by every matching sample rule. A rule
// with N = 0 leaves the group's cases all sampled out.
std::size_t cap_for(const json& group, const RunOptions& options, bool& skip_all) {
    std::size_t cap = options.max_tests_per_group;
    skip_all = false;
    for (const auto& rule : options.samples) {
        if (!matches(rule, group)) continue;
        if (rule.max_tests == 0) skip_all = true;
        if (cap == 0 || rule.max_tests < cap) cap = rule.max_tests;
    }
    return cap;
}

}  // namespace

RunResult run_vector_set(const json& prompt, const Registry& registry, const RunOptions& options) {
    const SetId id = set_id(prompt);
    const Handler* handler = registry.find(id.algorithm, id.mode, id.revision);
    if (handler == nullptr) {
        throw Unsupported("no handler for " + display_name(id.algorithm, id.mode, id.revision));
    }
    RunResult result;
    json groups = json::array();
    for (const auto& group : prompt.at("testGroups")) {
        bool skip_all = false;
        GroupContext ctx{cap_for(group, options, skip_all), &result.skips};
        if (skip_all) {
            const long long tg_id = int_field(group, "tgId");
            for (const auto& test : group.at("tests")) {
                result.skips.push_back({tg_id, int_field(test, "tcId"), "sampled out"});
            }
            continue;
        }
        try {
            groups.push_back(handler->run(group, ctx));
        } catch (const Unsupported& e) {
            const long long tg_id = int_field(group, "tgId");
            for (const auto& test : group.at("tests")) {
                result.skips.push_back({tg_id, int_field(test, "tcId"), e.what()});
            }
        }
    }
    result.response = json{{"vsId", prompt.at("vsId")},
                           {"algorithm", id.algorithm},
                           {"revision", id.revision},
                           {"isSample", prompt.value("isSample", false)},
                           {"testGroups", std::move(groups)}};
    if (!id.mode.empty()) result.response["mode"] = id.mode;
    return result;
}

}  // namespace craton::acvp
