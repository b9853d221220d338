// Fuzz target: the post-quantum decoders that take bytes from outside the module. ML-DSA public
// keys (pkDecode) and signatures (sigDecode, hint checks, norms) reach them through C_Verify and
// C_CreateObject; ML-DSA secret keys (skDecode) through key import; ML-KEM encapsulation and
// decapsulation keys through the FIPS 203 input checks. The only allowed failure is the
// documented std::invalid_argument for a malformed key.
#include <array>
#include <cstdint>
#include <stdexcept>
#include <vector>

#include "fuzz_input.h"
#include "pqc/mldsa/mldsa.h"
#include "pqc/mlkem/mlkem.h"

namespace {

using craton::fuzz::FuzzInput;
using namespace craton::pqc;

void mldsa_verify_case(MlDsaParameterSet ps, FuzzInput& in) {
    const auto sizes = mldsa_sizes(ps);
    const auto pk = in.bytes(sizes.public_key);
    const auto context = in.bytes(in.byte());
    const auto message = in.chunk();
    const auto mu = in.bytes(64);
    const auto signature = in.rest();
    try {
        const MlDsaPublicKey key(ps, pk);
        (void)key.verify(message, context, signature);
        (void)key.verify_mu(mu, signature);
    } catch (const std::invalid_argument&) {
        // pk or mu of the wrong length: the input ran out before them.
    }
}

void mldsa_secret_key_case(MlDsaParameterSet ps, FuzzInput& in) {
    const auto sk = in.rest();
    // Decoding only: signing with a key whose t0 is garbage may reject every candidate, which
    // is the caller's bad key, not a decoder fault.
    try {
        const MlDsaPrivateKey key(ps, sk);
        (void)key.tr();
    } catch (const std::invalid_argument&) {
        // Wrong length or s1/s2 coefficients out of range.
    }
}

void mlkem_case(MlKemParameterSet ps, bool decaps, FuzzInput& in) {
    const auto sizes = mlkem_sizes(ps);
    const auto key = in.rest();
    std::vector<std::uint8_t> ss(MlKemSizes::shared_secret);
    if (!decaps) {
        if (!mlkem_check_encaps_key(ps, key)) return;
        std::vector<std::uint8_t> ct(sizes.ciphertext);
        const std::array<std::uint8_t, 32> m{};
        mlkem_encaps(ps, key, m, ct, ss);
    } else {
        if (!mlkem_check_decaps_key(ps, key)) return;
        const std::vector<std::uint8_t> ct(sizes.ciphertext, 0x5a);
        mlkem_decaps(ps, key, ct, ss);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    FuzzInput in(data, size);
    const std::uint8_t selector = in.byte();
    const int set = selector % 3;
    switch ((selector / 3) % 4) {
        case 0: mldsa_verify_case(static_cast<MlDsaParameterSet>(set), in); break;
        case 1: mldsa_secret_key_case(static_cast<MlDsaParameterSet>(set), in); break;
        case 2: mlkem_case(static_cast<MlKemParameterSet>(set), false, in); break;
        default: mlkem_case(static_cast<MlKemParameterSet>(set), true, in); break;
    }
    return 0;
}
