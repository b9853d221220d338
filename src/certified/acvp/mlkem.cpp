// ACVP ML-KEM (FIPS 203) keyGen and encapDecap through our src/pqc/mlkem: KeyGen_internal(d, z),
// Encaps_internal(ek, m), Decaps (with implicit rejection), and the section 7.2/7.3 key checks.
#include "certified/acvp/families.h"
#include "certified/acvp/registry.h"
#include "pqc/mlkem/mlkem.h"

namespace craton::acvp {
namespace {

using pqc::MlKemParameterSet;

MlKemParameterSet parameter_set(const json& group) {
    const std::string name = str_field(group, "parameterSet");
    if (name == "ML-KEM-512") return MlKemParameterSet::MlKem512;
    if (name == "ML-KEM-768") return MlKemParameterSet::MlKem768;
    if (name == "ML-KEM-1024") return MlKemParameterSet::MlKem1024;
    throw Unsupported("parameter set " + name);
}

json keygen_group(const json& group, GroupContext& ctx) {
    const auto ps = parameter_set(group);
    const auto sizes = pqc::mlkem_sizes(ps);
    return run_each_test(group, ctx, [&](const json& test) {
        Bytes ek(sizes.encaps_key), dk(sizes.decaps_key);
        pqc::mlkem_keygen(ps, hex_field(test, "d"), hex_field(test, "z"), ek, dk);
        return json{{"ek", to_hex(ek)}, {"dk", to_hex(dk)}};
    });
}

json encap_decap_group(const json& group, GroupContext& ctx) {
    const auto ps = parameter_set(group);
    const auto sizes = pqc::mlkem_sizes(ps);
    const std::string function = str_field(group, "function");
    return run_each_test(group, ctx, [&](const json& test) {
        if (function == "encapsulation") {
            Bytes c(sizes.ciphertext), k(pqc::MlKemSizes::shared_secret);
            pqc::mlkem_encaps(ps, hex_field(test, "ek"), hex_field(test, "m"), c, k);
            return json{{"c", to_hex(c)}, {"k", to_hex(k)}};
        }
        if (function == "decapsulation") {
            Bytes k(pqc::MlKemSizes::shared_secret);
            pqc::mlkem_decaps(ps, hex_field(test, "dk"), hex_field(test, "c"), k);
            return json{{"k", to_hex(k)}};
        }
        if (function == "encapsulationKeyCheck") {
            return json{{"testPassed", pqc::mlkem_check_encaps_key(ps, hex_field(test, "ek"))}};
        }
        if (function == "decapsulationKeyCheck") {
            return json{{"testPassed", pqc::mlkem_check_decaps_key(ps, hex_field(test, "dk"))}};
        }
        throw Unsupported("ML-KEM function " + function);
    });
}

}  // namespace

void register_mlkem(Registry& r) {
    r.add({"ML-KEM", "keyGen", "FIPS203", keygen_group, {}});
    r.add({"ML-KEM", "encapDecap", "FIPS203", encap_decap_group, {}});
}

}  // namespace craton::acvp
