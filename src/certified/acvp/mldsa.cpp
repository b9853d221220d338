// ACVP ML-DSA (FIPS 204) keyGen, sigGen and sigVer through our src/pqc/mldsa, for every
// interface ACVP tests: external pure (ML-DSA.Sign), external preHash (HashML-DSA), internal
// on M' and internal on a given mu. Deterministic groups sign with rnd = 0^32, hedged groups with
// the test's rnd, so every signature is a known answer.
#include "certified/acvp/families.h"
#include "certified/acvp/registry.h"
#include "pqc/mldsa/mldsa.h"

namespace craton::acvp {
namespace {

using pqc::MlDsaParameterSet;
using pqc::MlDsaPreHash;

MlDsaParameterSet parameter_set(const json& group) {
    const std::string name = str_field(group, "parameterSet");
    if (name == "ML-DSA-44") return MlDsaParameterSet::kMlDsa44;
    if (name == "ML-DSA-65") return MlDsaParameterSet::kMlDsa65;
    if (name == "ML-DSA-87") return MlDsaParameterSet::kMlDsa87;
    throw Unsupported("parameter set " + name);
}

MlDsaPreHash prehash(const std::string& name) {
    static const std::pair<const char*, MlDsaPreHash> kNames[] = {
        {"SHA2-224", MlDsaPreHash::kSha224},         {"SHA2-256", MlDsaPreHash::kSha256},
        {"SHA2-384", MlDsaPreHash::kSha384},         {"SHA2-512", MlDsaPreHash::kSha512},
        {"SHA2-512/224", MlDsaPreHash::kSha512_224}, {"SHA2-512/256", MlDsaPreHash::kSha512_256},
        {"SHA3-224", MlDsaPreHash::kSha3_224},       {"SHA3-256", MlDsaPreHash::kSha3_256},
        {"SHA3-384", MlDsaPreHash::kSha3_384},       {"SHA3-512", MlDsaPreHash::kSha3_512},
        {"SHAKE-128", MlDsaPreHash::kShake128},      {"SHAKE-256", MlDsaPreHash::kShake256},
    };
    for (const auto& [n, ph] : kNames) {
        if (name == n) return ph;
    }
    throw Unsupported("pre-hash " + name);
}

// Which FIPS 204 entry point a group uses.
struct Interface {
    bool external;
    bool prehash;
    bool external_mu;
};

Interface interface_of(const json& group) {
    const bool external = str_field(group, "signatureInterface") == "external";
    return {external, external && group.value("preHash", std::string()) == "preHash",
            !external && group.contains("externalMu") && bool_field(group, "externalMu")};
}

json keygen_group(const json& group, GroupContext& ctx) {
    const auto ps = parameter_set(group);
    const auto sizes = pqc::mldsa_sizes(ps);
    return run_each_test(group, ctx, [&](const json& test) {
        Bytes pk(sizes.public_key), sk(sizes.secret_key);
        pqc::mldsa_keygen_internal(ps, hex_field(test, "seed"), pk, sk);
        return json{{"pk", to_hex(pk)}, {"sk", to_hex(sk)}};
    });
}

json siggen_group(const json& group, GroupContext& ctx) {
    const auto ps = parameter_set(group);
    const Interface in = interface_of(group);
    const bool deterministic = bool_field(group, "deterministic");
    return run_each_test(group, ctx, [&](const json& test) {
        const pqc::MlDsaPrivateKey key(ps, hex_field(test, "sk"));
        const Bytes rnd = deterministic ? Bytes(32, 0) : hex_field(test, "rnd");
        Bytes sig(pqc::mldsa_sizes(ps).signature);
        if (in.external && in.prehash) {
            key.sign_hash(prehash(str_field(test, "hashAlg")), hex_field(test, "message"),
                          hex_field(test, "context"), rnd, sig);
        } else if (in.external) {
            key.sign(hex_field(test, "message"), hex_field(test, "context"), rnd, sig);
        } else if (in.external_mu) {
            key.sign_mu(hex_field(test, "mu"), rnd, sig);
        } else {
            key.sign_internal(hex_field(test, "message"), rnd, sig);
        }
        return json{{"signature", to_hex(sig)}};
    });
}

json sigver_group(const json& group, GroupContext& ctx) {
    const auto ps = parameter_set(group);
    const Interface in = interface_of(group);
    return run_each_test(group, ctx, [&](const json& test) {
        const pqc::MlDsaPublicKey key(ps, hex_field(test, "pk"));
        const Bytes sig = hex_field(test, "signature");
        bool ok = false;
        if (in.external && in.prehash) {
            ok = key.verify_hash(prehash(str_field(test, "hashAlg")), hex_field(test, "message"),
                                 hex_field(test, "context"), sig);
        } else if (in.external) {
            ok = key.verify(hex_field(test, "message"), hex_field(test, "context"), sig);
        } else if (in.external_mu) {
            ok = key.verify_mu(hex_field(test, "mu"), sig);
        } else {
            ok = key.verify_internal(hex_field(test, "message"), sig);
        }
        return json{{"testPassed", ok}};
    });
}

}  // namespace

void register_mldsa(Registry& r) {
    r.add({"ML-DSA", "keyGen", "FIPS204", keygen_group, {}});
    r.add({"ML-DSA", "sigGen", "FIPS204", siggen_group, {}});
    r.add({"ML-DSA", "sigVer", "FIPS204", sigver_group, {}});
}

}  // namespace craton::acvp
