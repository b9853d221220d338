// KATs for the module's own post-quantum algorithms (src/pqc): ML-KEM-512, ML-DSA-44 and
// SLH-DSA-SHA2-192f, each with key generation, the private-key operation and the public-key
// operation. Large published answers are compared as SHA-256 digests (kat_vectors.inc).
#include <optional>

#include "pqc/mldsa/mldsa.h"
#include "pqc/mlkem/mlkem.h"
#include "pqc/slhdsa/slhdsa.h"
#include "selftest/kat.h"
#include "selftest/kat_functions.h"
#include "selftest/kat_support.h"
#include "selftest/kat_vectors.inc"

namespace craton::selftest::kat {
namespace {

namespace v = vectors;
namespace slh = pqc::slhdsa;

constexpr auto kKem = pqc::MlKemParameterSet::MlKem512;
constexpr auto kDsa = pqc::MlDsaParameterSet::kMlDsa44;
constexpr auto kSlh = slh::ParameterSet::kSha2_192f;

}  // namespace

void ml_kem() {
    const auto sizes = pqc::mlkem_sizes(kKem);
    Bytes ek(sizes.encaps_key), dk(sizes.decaps_key);
    pqc::mlkem_keygen(kKem, hex(v::kMlKemD), hex(v::kMlKemZ), ek, dk);
    require_equal("ml-kem-keygen", sha256(ek), expected("ml-kem-keygen", v::kMlKemEkSha256));
    require_equal("ml-kem-keygen", sha256(dk), hex(v::kMlKemDkSha256));

    Bytes c(sizes.ciphertext), k(pqc::MlKemSizes::shared_secret);
    pqc::mlkem_encaps(kKem, hex(v::kMlKemEncapsEk), hex(v::kMlKemM), c, k);
    require_equal("ml-kem-encaps", sha256(c), expected("ml-kem-encaps", v::kMlKemCSha256));
    require_equal("ml-kem-encaps", k, hex(v::kMlKemK));

    // Decapsulates the published ciphertext (just re-created and pinned by its digest).
    Bytes decapsulated(pqc::MlKemSizes::shared_secret);
    pqc::mlkem_decaps(kKem, hex(v::kMlKemEncapsDk), c, decapsulated);
    require_equal("ml-kem-decaps", decapsulated, expected("ml-kem-decaps", v::kMlKemK));
}

void ml_dsa() {
    // Sizes of ML-DSA-44 (FIPS 204 Table 2).
    Bytes pk(1312), sk(2560), sig(2420);
    pqc::mldsa_keygen_internal(kDsa, hex(v::kMlDsaSeed), pk, sk);
    require_equal("ml-dsa-keygen", sha256(pk), expected("ml-dsa-keygen", v::kMlDsaPkSha256));

    const Bytes msg = hex(v::kMlDsaMsg), ctx = hex(v::kMlDsaCtx);
    const Bytes rnd(32, 0);  // the deterministic variant
    pqc::mldsa_sign(kDsa, sk, msg, ctx, rnd, sig);
    require_equal("ml-dsa-sign", sha256(sig), expected("ml-dsa-sign", v::kMlDsaSigSha256));

    // Verifies the published signature (pinned by the digest above).
    sig = expected("ml-dsa-verify", sig);
    require("ml-dsa-verify", pqc::mldsa_verify(kDsa, pk, msg, ctx, sig));
}

void slh_dsa() {
    // The published secret key is SK.seed || SK.prf || PK.seed || PK.root (n = 24 each), so it
    // is also the answer of key generation from its first three parts.
    constexpr std::size_t kN = 24;
    const Bytes published = hex(v::kSlhSk);
    const slh::ByteSpan all(published);
    Bytes sk(slh::sizes(kSlh).secret_key), pk(slh::sizes(kSlh).public_key);
    slh::slh_keygen_internal(kSlh, all.subspan(0, kN), all.subspan(kN, kN), all.subspan(2 * kN, kN),
                             sk, pk);
    require_equal("slh-dsa-keygen", sk, expected("slh-dsa-keygen", v::kSlhSk));
    require_equal("slh-dsa-keygen", pk, all.subspan(2 * kN, 2 * kN));

    const Bytes msg = hex(v::kSlhMsg), addrnd = hex(v::kSlhAddrnd);
    Bytes sig(slh::sizes(kSlh).signature);
    slh::slh_sign_internal(kSlh, msg, sk, slh::ByteSpan(addrnd), sig);
    require_equal("slh-dsa-sign", sha256(sig), expected("slh-dsa-sign", v::kSlhSigSha256));

    sig = expected("slh-dsa-verify", sig);
    require("slh-dsa-verify", slh::slh_verify_internal(kSlh, msg, sig, pk));
}

}  // namespace craton::selftest::kat
