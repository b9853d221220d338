// Constant-time check of ML-DSA key generation and signing under valgrind memcheck.
//
// The seed, the encoded secret key and rnd are marked undefined (secret). Memcheck then
// reports any branch or memory index that depends on them. Inside src/pqc/mldsa only values
// FIPS 204 makes public are declassified: rho and t1 (the public key) and tr, the verdict of
// each rejection-sampling step (per nibble in ExpandS, per candidate in SampleInBall, per
// iteration of the signing loop), the key-decoding range verdict, and the accepted signature.
// Run by ctest as `valgrind --error-exitcode=1 --track-origins=yes -q mldsa_ct`. With "--leaky"
// the program branches on the last byte of the generated secret key (part of t0, computed from
// the seed): memcheck must report it (ct.mldsa_ct.detects_leak), which shows the secret marking
// reaches through key generation.
#include <cstdio>
#include <cstring>
#include <vector>

#include "pqc/common/ct_check.h"
#include "pqc/mldsa/mldsa.h"

namespace {

using craton::pqc::MlDsaParameterSet;
using Bytes = std::vector<std::uint8_t>;

bool check_set(MlDsaParameterSet ps, const char* name, bool leaky) {
    const auto sizes = craton::pqc::mldsa_sizes(ps);
    Bytes seed(32), pk(sizes.public_key), sk(sizes.secret_key), sig(sizes.signature);
    for (std::size_t i = 0; i < seed.size(); ++i) seed[i] = static_cast<std::uint8_t>(3 * i + 1);
    const Bytes msg = {'c', 't', ' ', 't', 'e', 's', 't'};
    const Bytes ctx = {0x01, 0x02};

    CRATON_CT_SECRET(seed.data(), seed.size());
    craton::pqc::mldsa_keygen_internal(ps, seed, pk, sk);
    if (leaky && sk.back() == 0x5A) std::printf("%s: secret-dependent branch\n", name);

    // Signing from the encoded secret key, deterministic and hedged.
    Bytes rnd(32, 0);
    CRATON_CT_SECRET(sk.data(), sk.size());
    CRATON_CT_SECRET(rnd.data(), rnd.size());
    const craton::pqc::MlDsaPrivateKey key(ps, sk);
    key.sign(msg, ctx, rnd, sig);
    const craton::pqc::MlDsaPublicKey public_key(ps, pk);
    bool ok = public_key.verify(msg, ctx, sig);

    for (std::size_t i = 0; i < rnd.size(); ++i) rnd[i] = static_cast<std::uint8_t>(0xA5 ^ i);
    CRATON_CT_SECRET(rnd.data(), rnd.size());
    key.sign_hash(craton::pqc::MlDsaPreHash::kSha3_256, msg, ctx, rnd, sig);
    ok = ok && public_key.verify_hash(craton::pqc::MlDsaPreHash::kSha3_256, msg, ctx, sig);

    // Key generation straight into the expanded form, then signing with it.
    const auto seeded = craton::pqc::MlDsaPrivateKey::from_seed(ps, seed);
    seeded.sign(msg, {}, rnd, sig);
    ok = ok && public_key.verify(msg, {}, sig);

    std::printf("%s: %s\n", name, ok ? "ok" : "SIGNATURE DID NOT VERIFY");
    return ok;
}

}  // namespace

int main(int argc, char** argv) {
    const bool leaky = argc > 1 && std::strcmp(argv[1], "--leaky") == 0;
    bool ok = check_set(MlDsaParameterSet::kMlDsa44, "ML-DSA-44", leaky);
    ok = check_set(MlDsaParameterSet::kMlDsa65, "ML-DSA-65", leaky) && ok;
    ok = check_set(MlDsaParameterSet::kMlDsa87, "ML-DSA-87", leaky) && ok;
    return ok ? 0 : 1;
}
