#include "certified/acvp/compare.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "certified/acvp/runner.h"

namespace craton::acvp {
namespace {

bool equal_ignoring_case(const std::string& a, const std::string& b) {
    return a.size() == b.size() &&
           std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::toupper(static_cast<unsigned char>(x)) ==
                      std::toupper(static_cast<unsigned char>(y));
           });
}

bool values_equal(const json& want, const json& got) {
    if (want.is_string() && got.is_string()) {
        return equal_ignoring_case(want.get<std::string>(), got.get<std::string>());
    }
    if (want.is_array() && got.is_array()) {
        if (want.size() != got.size()) return false;
        for (std::size_t i = 0; i < want.size(); ++i) {
            if (!values_equal(want[i], got[i])) return false;
        }
        return true;
    }
    if (want.is_object() && got.is_object()) {
        for (const auto& [key, value] : want.items()) {
            if (!got.contains(key) || !values_equal(value, got.at(key))) return false;
        }
        return true;
    }
    return want == got;
}

std::string shorten(const json& j) {
    std::string s = j.dump();
    return s.size() > 80 ? s.substr(0, 77) + "..." : s;
}

using Key = std::pair<long long, long long>;

// (tgId, tcId) -> (group, test) of a document.
std::map<Key, std::pair<const json*, const json*>> index_cases(const json& doc) {
    std::map<Key, std::pair<const json*, const json*>> out;
    for (const auto& group : doc.at("testGroups")) {
        for (const auto& test : group.at("tests")) {
            out[{int_field(group, "tgId"), int_field(test, "tcId")}] = {&group, &test};
        }
    }
    return out;
}

}  // namespace

std::string compare_fields(const json& expected, const json& actual,
                           const std::vector<std::string>& ignore) {
    for (const auto& [key, value] : expected.items()) {
        if (key == "tgId" || key == "tcId" || key == "tests") continue;
        if (std::find(ignore.begin(), ignore.end(), key) != ignore.end()) continue;
        if (!actual.contains(key)) return "missing field " + key;
        const json& got = actual.at(key);
        if (values_equal(value, got)) continue;
        // Monte Carlo answers are long arrays: name the first differing entry.
        if (value.is_array() && got.is_array() && value.size() == got.size()) {
            for (std::size_t i = 0; i < value.size(); ++i) {
                if (!values_equal(value[i], got[i])) {
                    return key + "[" + std::to_string(i) + "]: expected " + shorten(value[i]) +
                           ", got " + shorten(got[i]);
                }
            }
        }
        return key + ": expected " + shorten(value) + ", got " + shorten(got);
    }
    return "";
}

Comparison compare(const json& prompt, const json& response, const std::vector<Skip>& skips,
                   const json& expected, const Handler* handler) {
    const SetId id = set_id(expected);
    Comparison result;
    result.set_name = display_name(id.algorithm, id.mode, id.revision);
    result.skips = skips;
    const auto prompts = index_cases(prompt);
    const auto answers = index_cases(response);
    std::map<Key, const Skip*> skipped;
    for (const auto& s : skips) skipped[{s.tg_id, s.tc_id}] = &s;

    for (const auto& group : expected.at("testGroups")) {
        const long long tg_id = int_field(group, "tgId");
        for (const auto& test : group.at("tests")) {
            const long long tc_id = int_field(test, "tcId");
            const Key key{tg_id, tc_id};
            if (skipped.count(key) != 0) {
                ++result.skipped;
                continue;
            }
            const auto answer = answers.find(key);
            const auto asked = prompts.find(key);
            if (answer == answers.end() || asked == prompts.end()) {
                result.failures.push_back({tg_id, tc_id, "no response for this case"});
                continue;
            }
            std::string why;
            if (handler != nullptr && handler->check) {
                why = handler->check({*asked->second.first, *asked->second.second,
                                      *answer->second.first, *answer->second.second, group,
                                      test});
            } else {
                why = compare_fields(group, *answer->second.first);
                if (why.empty()) why = compare_fields(test, *answer->second.second);
            }
            if (why.empty()) {
                ++result.passed;
            } else {
                result.failures.push_back({tg_id, tc_id, why});
            }
        }
    }
    return result;
}

}  // namespace craton::acvp
