// ML-DSA verification (FIPS 204 Algorithms 3, 5 and 8). Everything here is public data.
#include <cstring>

#include "pqc/keccak/keccak.h"
#include "pqc/mldsa/key_state.h"
#include "pqc/mldsa/ntt.h"
#include "pqc/mldsa/packing.h"
#include "pqc/mldsa/rounding.h"
#include "pqc/mldsa/sampling.h"

namespace craton::pqc {

namespace mldsa {

namespace {

struct VerifyScratch {
    std::uint8_t ctilde[64];
    std::uint8_t ctilde_check[64];
    std::uint8_t hints[kMaxK * kN];
    std::uint8_t w1_encoded[kMaxK * 32 * 6];
    Poly z[kMaxL];
    Poly w[kMaxK];
    Poly c_hat;
    Poly tmp;
};

template <std::int32_t Gamma2>
bool verify_loop(const MlDsaPublicKey::State& key, const std::uint8_t mu[kMuBytes],
                 const std::uint8_t* signature, VerifyScratch& s) {
    const MlDsaParams& p = key.p;
    const std::size_t ct_len = ctilde_bytes(p);
    if (!sig_decode(signature, s.ctilde, s.z, s.hints, p)) return false;
    // The final check of Algorithm 8, done first: it needs nothing computed.
    const std::int32_t z_bound = p.gamma1 - p.beta;
    for (int j = 0; j < p.l; ++j) {
        for (const std::int32_t c : s.z[j]) {
            if (c >= z_bound || c <= -z_bound) return false;
        }
    }

    sample_in_ball(s.c_hat, s.ctilde, ct_len, p.tau);
    ntt(s.c_hat);
    for (auto& c : s.c_hat) c = reduce32(c);
    for (int j = 0; j < p.l; ++j) ntt(s.z[j]);

    // w'_approx = NTT^-1(A_hat * z_hat - c_hat * t1_hat * 2^d)
    matrix_vector_montgomery(s.w, key.a_hat(), s.z, p.k, p.l);
    const int w1b = w1_bits(p);
    for (int i = 0; i < p.k; ++i) {
        pointwise_montgomery(s.tmp, s.c_hat, key.t1_hat()[i]);
        for (std::size_t n = 0; n < kN; ++n) s.w[i][n] = reduce32(s.w[i][n] - s.tmp[n]);
        inv_ntt(s.w[i]);
        const std::uint8_t* h = s.hints + static_cast<std::size_t>(i) * kN;
        for (std::size_t n = 0; n < kN; ++n) {
            s.tmp[n] = use_hint<Gamma2>(h[n] != 0, caddq(s.w[i][n]));
        }
        pack_bits(s.w1_encoded + static_cast<std::size_t>(i) * poly_bytes(w1b), s.tmp, w1b);
    }

    Shake256 commit;
    commit.absorb(mu, kMuBytes);
    commit.absorb(s.w1_encoded, w1_encoded_bytes(p));
    commit.squeeze(s.ctilde_check, ct_len);
    return std::memcmp(s.ctilde, s.ctilde_check, ct_len) == 0;
}

}  // namespace

bool verify_with_mu(const MlDsaPublicKey::State& key, const std::uint8_t mu[kMuBytes],
                    ByteView signature) {
    if (signature.size() != mldsa_sizes(key.ps).signature) return false;
    auto scratch = std::make_unique<VerifyScratch>();
    if (key.p.gamma2 == kGamma2Small) {
        return verify_loop<kGamma2Small>(key, mu, signature.data(), *scratch);
    }
    return verify_loop<kGamma2Large>(key, mu, signature.data(), *scratch);
}

}  // namespace mldsa

bool MlDsaPublicKey::verify_mu(mldsa::ByteView mu, mldsa::ByteView signature) const {
    mldsa::require_length(mu.size(), mldsa::kMuBytes, "mu");
    return mldsa::verify_with_mu(*state_, mu.data(), signature);
}

bool MlDsaPublicKey::verify_internal(mldsa::ByteView message_prime,
                                     mldsa::ByteView signature) const {
    MlDsaMuBuilder builder(state_->tr);
    builder.update(message_prime);
    return verify_mu(builder.finish(), signature);
}

bool MlDsaPublicKey::verify(mldsa::ByteView message, mldsa::ByteView context,
                            mldsa::ByteView signature) const {
    if (context.size() > mldsa::kMaxContextBytes) return false;
    MlDsaMuBuilder builder = MlDsaMuBuilder::pure(state_->tr, context);
    builder.update(message);
    return verify_mu(builder.finish(), signature);
}

bool MlDsaPublicKey::verify_prehashed(MlDsaPreHash ph, mldsa::ByteView digest,
                                      mldsa::ByteView context, mldsa::ByteView signature) const {
    mldsa::require_length(digest.size(), mldsa_prehash_digest_size(ph), "pre-hash digest");
    if (context.size() > mldsa::kMaxContextBytes) return false;
    MlDsaMuBuilder builder = MlDsaMuBuilder::prehashed(state_->tr, context, ph, digest);
    return verify_mu(builder.finish(), signature);
}

bool MlDsaPublicKey::verify_hash(MlDsaPreHash ph, mldsa::ByteView message, mldsa::ByteView context,
                                 mldsa::ByteView signature) const {
    std::uint8_t digest[kMlDsaMaxPreHashDigestBytes];
    const std::span<std::uint8_t> out(digest, mldsa_prehash_digest_size(ph));
    mldsa_prehash(ph, message, out);
    return verify_prehashed(ph, out, context, signature);
}

}  // namespace craton::pqc
