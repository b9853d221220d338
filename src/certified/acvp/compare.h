// Compares a response with an expected-results file, case by case (joined on tgId/tcId, never
// on array order, as the vector README requires).
#pragma once

#include <string>
#include <vector>

#include "certified/acvp/registry.h"

namespace craton::acvp {

struct CaseFailure {
    long long tg_id;
    long long tc_id;
    std::string reason;
};

struct Comparison {
    std::string set_name;  // display_name of the vector set
    std::size_t passed = 0;
    std::size_t skipped = 0;  // left out of the response on purpose (see Skip)
    std::vector<CaseFailure> failures;
    std::vector<Skip> skips;
};

// Every expected case is passed, failed (answer differs, or missing from the response without a
// recorded skip) or skipped. The handler's checker decides where it has one; otherwise every
// field of the expected case and group (but tgId/tcId/tests) must equal the response's
// (hex strings compared without regard to case).
Comparison compare(const json& prompt, const json& response, const std::vector<Skip>& skips,
                   const json& expected, const Handler* handler);

// Field-by-field comparison used when a handler has no checker; "" when equal.
std::string compare_fields(const json& expected, const json& actual,
                           const std::vector<std::string>& ignore = {});

}  // namespace craton::acvp
