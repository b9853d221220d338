// The table of ACVP handlers, keyed by the vector set's algorithm, mode and revision.
//
// A handler runs one test group of a prompt and returns the response group; an optional
// checker decides whether one response case matches the expected results when a plain field
// comparison cannot (the IUT chose its own key, IV or randomness). Adding an algorithm is
// adding a family file with a register_* function and one call in registry.cpp.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "certified/acvp/acvp_types.h"

namespace craton::acvp {

// A case left out of the response, with the reason (unsupported, sampled out).
struct Skip {
    long long tg_id;
    long long tc_id;
    std::string reason;
};

// What a group runner may consult and record while it runs.
struct GroupContext {
    // 0: every case; otherwise only the first N cases of each group run (the rest are skipped
    // as "sampled out"), for the slowest sets in CI.
    std::size_t max_tests_per_group = 0;
    std::vector<Skip>* skips = nullptr;
};

// The six JSON objects a case check sees. Response objects are what this run produced.
struct CaseView {
    const json& prompt_group;
    const json& prompt_test;
    const json& response_group;
    const json& response_test;
    const json& expected_group;
    const json& expected_test;
};

using GroupRunner = std::function<json(const json& group, GroupContext& ctx)>;
// Returns "" when the case passes, otherwise what differs.
using CaseChecker = std::function<std::string(const CaseView& c)>;

struct Handler {
    std::string algorithm;
    std::string mode;  // "" when the vector set has none
    std::string revision;
    GroupRunner run;
    CaseChecker check;  // empty: compare every expected field (see compare.h)
};

class Registry {
  public:
    void add(Handler h);
    // nullptr when no handler serves this vector set.
    const Handler* find(const std::string& algorithm, const std::string& mode,
                        const std::string& revision) const;
    const std::vector<Handler>& handlers() const noexcept { return handlers_; }

  private:
    std::vector<Handler> handlers_;
};

// Every handler the module has (registry.cpp calls each family's register_* function).
const Registry& default_registry();

// Runs `one` over the group's tests and returns {tgId, tests}; a case that throws Unsupported
// is left out and recorded in ctx.skips, as are cases beyond ctx.max_tests_per_group.
json run_each_test(const json& group, GroupContext& ctx,
                   const std::function<json(const json& test)>& one);

// The name a summary line uses: "ECDSA sigGen FIPS186-5".
std::string display_name(const std::string& algorithm, const std::string& mode,
                         const std::string& revision);

}  // namespace craton::acvp
