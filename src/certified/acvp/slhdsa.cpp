// ACVP SLH-DSA (FIPS 205) keyGen, sigGen and sigVer through our src/pqc/slhdsa. Deterministic
// signing uses opt_rand = PK.seed (FIPS 205 section 10.2), hedged signing the test's
// additionalRandomness. The shared vectors have no SLH-DSA sigGen answers, so every signature
// the runner produces is verified with the key's public half before it is written (a failed
// verification is an error, not a response).
#include <optional>

#include "certified/acvp/families.h"
#include "certified/acvp/registry.h"
#include "pqc/slhdsa/slhdsa.h"

namespace craton::acvp {
namespace {

namespace slh = pqc::slhdsa;

slh::ParameterSet parameter_set(const json& group) {
    const std::string name = str_field(group, "parameterSet");
    const auto set = slh::parameter_set_from_name(name);
    if (!set) throw Unsupported("parameter set " + name);
    return *set;
}

slh::PreHash prehash(const json& test) {
    const std::string name = str_field(test, "hashAlg");
    const auto ph = slh::prehash_from_name(name);
    if (!ph) throw Unsupported("pre-hash " + name);
    return *ph;
}

struct Interface {
    bool external;
    bool prehash;
};

Interface interface_of(const json& group) {
    const bool external = str_field(group, "signatureInterface") == "external";
    return {external, external && group.value("preHash", std::string()) == "preHash"};
}

json keygen_group(const json& group, GroupContext& ctx) {
    const auto set = parameter_set(group);
    const auto sizes = slh::sizes(set);
    return run_each_test(group, ctx, [&](const json& test) {
        Bytes sk(sizes.secret_key), pk(sizes.public_key);
        slh::slh_keygen_internal(set, hex_field(test, "skSeed"), hex_field(test, "skPrf"),
                                 hex_field(test, "pkSeed"), sk, pk);
        return json{{"sk", to_hex(sk)}, {"pk", to_hex(pk)}};
    });
}

json siggen_group(const json& group, GroupContext& ctx) {
    const auto set = parameter_set(group);
    const auto sizes = slh::sizes(set);
    const Interface in = interface_of(group);
    const bool deterministic = bool_field(group, "deterministic");
    return run_each_test(group, ctx, [&](const json& test) {
        const Bytes sk = hex_field(test, "sk");
        const Bytes message = hex_field(test, "message");
        const Bytes pk(sk.end() - static_cast<std::ptrdiff_t>(sizes.public_key), sk.end());
        Bytes addrnd;
        std::optional<slh::ByteSpan> opt_rand;
        if (!deterministic) {
            addrnd = hex_field(test, "additionalRandomness");
            opt_rand = addrnd;
        }
        Bytes sig(sizes.signature);
        bool verified = false;
        if (in.external) {
            const Bytes context = hex_field(test, "context");
            if (in.prehash) {
                const auto ph = prehash(test);
                slh::hash_slh_sign(set, message, context, ph, sk, opt_rand, sig);
                verified = slh::hash_slh_verify(set, message, sig, context, ph, pk);
            } else {
                slh::slh_sign(set, message, context, sk, opt_rand, sig);
                verified = slh::slh_verify(set, message, sig, context, pk);
            }
        } else {
            slh::slh_sign_internal(set, message, sk, opt_rand, sig);
            verified = slh::slh_verify_internal(set, message, sig, pk);
        }
        if (!verified) throw std::runtime_error("SLH-DSA signature does not verify");
        return json{{"signature", to_hex(sig)}};
    });
}

json sigver_group(const json& group, GroupContext& ctx) {
    const auto set = parameter_set(group);
    const Interface in = interface_of(group);
    return run_each_test(group, ctx, [&](const json& test) {
        const Bytes pk = hex_field(test, "pk");
        const Bytes message = hex_field(test, "message");
        const Bytes sig = hex_field(test, "signature");
        bool ok = false;
        if (in.external) {
            const Bytes context = hex_field(test, "context");
            ok = in.prehash ? slh::hash_slh_verify(set, message, sig, context, prehash(test), pk)
                            : slh::slh_verify(set, message, sig, context, pk);
        } else {
            ok = slh::slh_verify_internal(set, message, sig, pk);
        }
        return json{{"testPassed", ok}};
    });
}

}  // namespace

void register_slhdsa(Registry& r) {
    r.add({"SLH-DSA", "keyGen", "FIPS205", keygen_group, {}});
    r.add({"SLH-DSA", "sigGen", "FIPS205", siggen_group, {}});
    r.add({"SLH-DSA", "sigVer", "FIPS205", sigver_group, {}});
}

}  // namespace craton::acvp
