// Constant-time check of ML-KEM under valgrind memcheck: the key-generation seeds, the
// encapsulation message and the secret parts of the decapsulation key (ByteEncode12(s) and z)
// are marked undefined, so any branch or memory index that depends on them is reported.
// Decapsulation runs on a valid ciphertext and on a modified one (implicit rejection): both
// paths must look the same. Public-by-design values are declassified: rho inside key
// generation (it is part of ek), and here the outputs before they are compared.
// With "--leaky" the shared secret of the valid decapsulation is compared without being
// declassified: memcheck must report that branch (ctest: ct.mlkem_ct.detects_leak), which shows
// the secret marking reaches through key generation and decapsulation.
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <vector>

#include "pqc/common/ct_check.h"
#include "pqc/mlkem/mlkem.h"

namespace {

using craton::pqc::MlKemParameterSet;
using Bytes = std::vector<std::uint8_t>;

Bytes pattern(std::size_t len, std::uint8_t seed) {
    Bytes b(len);
    for (std::size_t i = 0; i < len; ++i) b[i] = static_cast<std::uint8_t>(seed + 13 * i);
    return b;
}

int run(MlKemParameterSet ps, const char* name, bool leaky) {
    const auto sizes = craton::pqc::mlkem_sizes(ps);
    const std::size_t k = sizes.ciphertext == 768 ? 2 : (sizes.ciphertext == 1088 ? 3 : 4);
    const std::size_t s_bytes = 384 * k;
    int failures = 0;

    Bytes d = pattern(32, 1), z = pattern(32, 2), m = pattern(32, 3);
    Bytes ek(sizes.encaps_key), dk(sizes.decaps_key);
    CRATON_CT_SECRET(d.data(), d.size());
    CRATON_CT_SECRET(z.data(), z.size());
    craton::pqc::mlkem_keygen(ps, d, z, ek, dk);
    CRATON_CT_DECLASSIFY(ek.data(), ek.size());
    CRATON_CT_DECLASSIFY(dk.data(), dk.size());

    // dk = s || ek || H(ek) || z: only s and z are secret.
    CRATON_CT_SECRET(dk.data(), s_bytes);
    CRATON_CT_SECRET(dk.data() + sizes.decaps_key - 32, 32);

    Bytes ct(sizes.ciphertext), ss(32);
    CRATON_CT_SECRET(m.data(), m.size());
    craton::pqc::mlkem_encaps(ps, ek, m, ct, ss);
    CRATON_CT_DECLASSIFY(ct.data(), ct.size());
    CRATON_CT_DECLASSIFY(ss.data(), ss.size());

    Bytes ss_valid(32);
    craton::pqc::mlkem_decaps(ps, dk, ct, ss_valid);
    if (!leaky) CRATON_CT_DECLASSIFY(ss_valid.data(), ss_valid.size());
    if (ss_valid != ss) {
        std::fprintf(stderr, "%s: decapsulation of a valid ciphertext disagrees\n", name);
        ++failures;
    }

    Bytes modified = ct;
    modified[7] ^= 0x20;
    Bytes ss_rejected(32);
    craton::pqc::mlkem_decaps(ps, dk, modified, ss_rejected);
    CRATON_CT_DECLASSIFY(ss_rejected.data(), ss_rejected.size());
    if (ss_rejected == ss) {
        std::fprintf(stderr, "%s: a modified ciphertext was not rejected\n", name);
        ++failures;
    }
    return failures;
}

}  // namespace

int main(int argc, char** argv) {
    const bool leaky = argc > 1 && std::strcmp(argv[1], "--leaky") == 0;
    int failures = 0;
    failures += run(MlKemParameterSet::MlKem512, "ML-KEM-512", leaky);
    failures += run(MlKemParameterSet::MlKem768, "ML-KEM-768", leaky);
    failures += run(MlKemParameterSet::MlKem1024, "ML-KEM-1024", leaky);
    return failures == 0 ? 0 : 1;
}
