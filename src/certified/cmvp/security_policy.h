// The security-policy document generated from the tables the module enforces: the mechanism
// registry (names, key sizes, FIPS-approved flags, the operations each mechanism provides) and
// the power-on self-test table. Generated, not written, so it cannot drift from the code.
#pragma once

#include <span>
#include <string>

#include "certified/cmvp/policy_document.h"
#include "mech/registry.h"
#include "selftest/kat.h"

namespace craton::cmvp {

struct PolicyInputs {
    std::string module_version;  // project version
    std::string module_sha256;   // of libcraton_hsm.so, "" when not given
};

// The services a mechanism provides, as the policy names them ("sign, verify").
std::string operations_of(const mech::Mechanism& m);

// The document: module identification, the mechanism/service table, approved-mode rule,
// self-tests. Both renderings below come from it.
PolicyDocument security_policy_document(const mech::MechanismRegistry& registry,
                                        std::span<const selftest::Kat> kats,
                                        const PolicyInputs& inputs);

// Markdown: module identification, the mechanism/service table, approved-mode rule, self-tests.
std::string security_policy_markdown(const mech::MechanismRegistry& registry,
                                     std::span<const selftest::Kat> kats,
                                     const PolicyInputs& inputs);

// The same document as one self-contained HTML page.
std::string security_policy_html(const mech::MechanismRegistry& registry,
                                 std::span<const selftest::Kat> kats, const PolicyInputs& inputs);

}  // namespace craton::cmvp
