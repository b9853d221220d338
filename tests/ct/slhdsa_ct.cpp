// Constant-time check of SLH-DSA key generation and signing under valgrind memcheck.
//
// SK.seed and SK.prf (and addrnd, when given) are marked undefined (secret), so memcheck
// reports any branch or memory index that depends on them. Inside src/pqc/slhdsa only values
// FIPS 205 makes public are declassified: PK.root at the end of key generation, and during
// signing the randomizer R, the FORS public key and each XMSS root (the verifier recomputes
// all three from the signature; they choose the FORS leaves, tree indices and WOTS+ chain
// lengths), and the finished signature. One fast set per hash family is enough: the code paths
// are shared by all sets of the family. Run by ctest as
// `valgrind --error-exitcode=1 --track-origins=yes -q slhdsa_ct`. With "--leaky" the program
// branches on the first byte of the secret key that key generation wrote (SK.seed): memcheck must
// report it (ct.slhdsa_ct.detects_leak), which shows the secret marking is in effect.
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "pqc/common/ct_check.h"
#include "pqc/slhdsa/slhdsa.h"

namespace {

namespace slh = craton::pqc::slhdsa;
using Bytes = std::vector<std::uint8_t>;

Bytes pattern(std::size_t len, std::uint8_t seed) {
    Bytes b(len);
    for (std::size_t i = 0; i < len; ++i) b[i] = static_cast<std::uint8_t>(seed + 29 * i);
    return b;
}

bool check_set(slh::ParameterSet set, bool leaky) {
    const auto sizes = slh::sizes(set);
    const std::size_t n = sizes.n;
    Bytes sk_seed = pattern(n, 1);
    Bytes sk_prf = pattern(n, 2);
    const Bytes pk_seed = pattern(n, 3);
    Bytes sk(sizes.secret_key);
    Bytes pk(sizes.public_key);
    const Bytes msg = {'c', 't', ' ', 't', 'e', 's', 't'};
    const Bytes ctx = {0x01, 0x02};

    CRATON_CT_SECRET(sk_seed.data(), n);
    CRATON_CT_SECRET(sk_prf.data(), n);
    slh::slh_keygen_internal(set, sk_seed, sk_prf, pk_seed, sk, pk);
    if (leaky && sk[0] == 0x5A) std::printf("secret-dependent branch\n");

    // The encoded secret key: SK.seed || SK.prf are secret, PK.seed || PK.root public.
    CRATON_CT_SECRET(sk.data(), 2 * n);
    Bytes sig(sizes.signature);
    slh::slh_sign(set, msg, ctx, sk, std::nullopt, sig);
    bool ok = slh::slh_verify(set, msg, sig, ctx, pk);

    Bytes addrnd = pattern(n, 4);
    CRATON_CT_SECRET(addrnd.data(), n);
    slh::hash_slh_sign(set, msg, ctx, slh::PreHash::kSha2_256, sk, slh::ByteSpan(addrnd), sig);
    ok = ok && slh::hash_slh_verify(set, msg, sig, ctx, slh::PreHash::kSha2_256, pk);

    slh::slh_sign_internal(set, msg, sk, slh::ByteSpan(addrnd), sig);
    ok = ok && slh::slh_verify_internal(set, msg, sig, pk);

    std::printf("%s: %s\n", std::string(slh::name(set)).c_str(),
                ok ? "ok" : "SIGNATURE DID NOT VERIFY");
    return ok;
}

}  // namespace

int main(int argc, char** argv) {
    const bool leaky = argc > 1 && std::strcmp(argv[1], "--leaky") == 0;
    bool ok = check_set(slh::ParameterSet::kSha2_128f, leaky);
    if (leaky) return ok ? 0 : 1;  // one set is enough to show the report
    ok = check_set(slh::ParameterSet::kShake_128f, leaky) && ok;
    return ok ? 0 : 1;
}
