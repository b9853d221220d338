// The human-readable pass/fail report of one vector set.
#pragma once

#include <ostream>

#include "certified/acvp/compare.h"

namespace craton::acvp {

// One line "<set>: P passed, F failed, S skipped", the skip reasons with counts, then up to
// `max_failures` failing cases by tgId/tcId with what differs.
void print_summary(std::ostream& out, const Comparison& c, std::size_t max_failures = 20);

// The same for a run without an expected-results file: how many cases were answered.
void print_run_only(std::ostream& out, const std::string& set_name, const json& response,
                    const std::vector<Skip>& skips);

}  // namespace craton::acvp
