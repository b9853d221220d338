// ACVP ECDSA (FIPS 186-5) keyGen, sigGen and sigVer on the module's curves (P-256, P-384).
//
// keyGen and sigGen are IUT-generated: the module makes its own key with its own DRBG, so the
// answers cannot equal the server's. Their checkers instead prove (1) that our answer is
// correct (Q = d·G; our (r, s) verifies under our Q) and (2) that the server's sample answer is
// accepted by the same code (its Q = d·G; its (r, s) verifies under its Q).
#include "certified/acvp/compare.h"
#include "certified/acvp/digest_support.h"
#include "certified/acvp/ec_support.h"
#include "certified/acvp/families.h"
#include "certified/acvp/registry.h"

namespace craton::acvp {
namespace {

json keygen_group(const json& group, GroupContext& ctx) {
    const std::string curve = str_field(group, "curve");
    const char* name = ec::group_name(curve);
    return run_each_test(group, ctx, [&](const json&) {
        const auto key = ec::generate("EC", name);
        const auto parts = ec::weierstrass_parts(key.get(), ec::field_bytes(curve));
        return json{{"d", to_hex(parts.d)}, {"qx", to_hex(parts.qx)}, {"qy", to_hex(parts.qy)}};
    });
}

std::string keygen_check(const CaseView& c) {
    const std::string curve = str_field(c.prompt_group, "curve");
    if (!ec::public_matches_private(curve, hex_field(c.response_test, "d"),
                                    hex_field(c.response_test, "qx"),
                                    hex_field(c.response_test, "qy"))) {
        return "our Q is not d·G";
    }
    if (!ec::public_matches_private(curve, hex_field(c.expected_test, "d"),
                                    hex_field(c.expected_test, "qx"),
                                    hex_field(c.expected_test, "qy"))) {
        return "the server's sample key fails Q = d·G";
    }
    return "";
}

json siggen_group(const json& group, GroupContext& ctx) {
    if (group.contains("conformance")) {
        throw Unsupported("SP 800-106 randomized message hashing");
    }
    if (group.contains("componentTest") && bool_field(group, "componentTest")) {
        throw Unsupported("ECDSA component test");
    }
    const std::string curve = str_field(group, "curve");
    const std::string hash = str_field(group, "hashAlg");
    const std::size_t bytes = ec::field_bytes(curve);
    const auto key = ec::generate("EC", ec::group_name(curve));
    const auto parts = ec::weierstrass_parts(key.get(), bytes);
    json out = run_each_test(group, ctx, [&](const json& test) {
        const auto sig = ec::ecdsa_sign_digest(
            key.get(), digest::message_digest(hash, hex_field(test, "message")), bytes);
        return json{{"r", to_hex(sig.r)}, {"s", to_hex(sig.s)}};
    });
    out["qx"] = to_hex(parts.qx);
    out["qy"] = to_hex(parts.qy);
    return out;
}

bool verifies(const std::string& curve, const std::string& hash, const json& key_holder,
              const json& sig_holder, const Bytes& message) {
    const auto key = ec::weierstrass_public(curve, hex_field(key_holder, "qx"),
                                            hex_field(key_holder, "qy"));
    return ec::ecdsa_verify_digest(key.get(), digest::message_digest(hash, message),
                                   hex_field(sig_holder, "r"), hex_field(sig_holder, "s"));
}

std::string siggen_check(const CaseView& c) {
    const std::string curve = str_field(c.prompt_group, "curve");
    const std::string hash = str_field(c.prompt_group, "hashAlg");
    const Bytes message = hex_field(c.prompt_test, "message");
    if (!verifies(curve, hash, c.response_group, c.response_test, message)) {
        return "our signature does not verify under our key";
    }
    if (!verifies(curve, hash, c.expected_group, c.expected_test, message)) {
        return "the server's signature does not verify under its key";
    }
    return "";
}

json sigver_group(const json& group, GroupContext& ctx) {
    const std::string curve = str_field(group, "curve");
    const std::string hash = str_field(group, "hashAlg");
    (void)ec::group_name(curve);
    return run_each_test(group, ctx, [&](const json& test) {
        return json{{"testPassed", verifies(curve, hash, test, test, hex_field(test, "message"))}};
    });
}

}  // namespace

void register_ecdsa(Registry& r) {
    r.add({"ECDSA", "keyGen", "FIPS186-5", keygen_group, keygen_check});
    r.add({"ECDSA", "sigGen", "FIPS186-5", siggen_group, siggen_check});
    r.add({"ECDSA", "sigVer", "FIPS186-5", sigver_group, {}});
}

}  // namespace craton::acvp
