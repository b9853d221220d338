// Runs a whole ACVP vector set: prompt JSON in, response JSON out.
#pragma once

#include <vector>

#include "certified/acvp/registry.h"

namespace craton::acvp {

// Caps the cases run in groups whose string field `field` matches `pattern` ("LDT", "*s" for a
// suffix, "SHA2-*" for a prefix): how CI samples only the slowest groups.
struct SampleRule {
    std::string field;
    std::string pattern;
    std::size_t max_tests;
};

// Parses "FIELD=PATTERN:N" (throws std::invalid_argument).
SampleRule parse_sample_rule(const std::string& text);
bool matches(const SampleRule& rule, const json& group);

struct RunOptions {
    std::size_t max_tests_per_group = 0;  // 0: all (see GroupContext)
    std::vector<SampleRule> samples;      // tighter caps for matching groups
};

struct RunResult {
    json response;            // {vsId, algorithm, mode, revision, testGroups}
    std::vector<Skip> skips;  // cases the response leaves out, and why
};

// Throws Unsupported when no handler serves the prompt's algorithm/mode/revision. A group the
// handler rejects as a whole (Unsupported) is left out and each of its cases recorded as skipped.
RunResult run_vector_set(const json& prompt, const Registry& registry, const RunOptions& options);

// algorithm, mode ("" if absent), revision of a prompt/expected/response document.
struct SetId {
    std::string algorithm, mode, revision;
};
SetId set_id(const json& doc);

}  // namespace craton::acvp
