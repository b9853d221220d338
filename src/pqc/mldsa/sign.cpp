// ML-DSA signing (FIPS 204 Algorithms 2, 4 and 7).
//
// The rejection loop is public by design: each iteration's accept/reject verdict is
// declassified, and so are c~, z and h once an iteration is accepted (they are the signature).
// Everything else (y, w, c, the products with s1/s2/t0 and all four rejection conditions) is
// computed without secret-dependent branches or indexes, and only the single combined verdict
// leaves the constant-time region.
#include <cstring>
#include <stdexcept>

#include "pqc/common/ct_check.h"
#include "pqc/common/secure_wipe.h"
#include "pqc/keccak/keccak.h"
#include "pqc/mldsa/key_state.h"
#include "pqc/mldsa/ntt.h"
#include "pqc/mldsa/packing.h"
#include "pqc/mldsa/rounding.h"
#include "pqc/mldsa/sampling.h"

namespace craton::pqc {

namespace mldsa {

namespace {

// FIPS 204 Appendix C allows a bound on the loop if it is at least 814 iterations; one this
// large is never reached (each iteration is accepted with probability above 1/6).
constexpr int kMaxSignIterations = 10000;

// 1 if |a| >= bound, else 0, without branching on a.
inline std::uint32_t norm_reaches(std::int32_t a, std::int32_t bound) {
    const std::int32_t sign = a >> 31;
    const std::int32_t magnitude = (a ^ sign) - sign;
    return static_cast<std::uint32_t>(bound - 1 - magnitude) >> 31;
}

// Per-signature scratch; all of it is secret until the iteration is accepted.
struct SignScratch {
    std::uint8_t rho_pp[64];
    std::uint8_t ctilde[64];
    std::uint8_t w1_encoded[kMaxK * 32 * 6];
    std::uint8_t hints[kMaxK * kN];
    Poly y[kMaxL];
    Poly y_hat[kMaxL];
    Poly z[kMaxL];
    Poly w[kMaxK];
    Poly c_hat;
    Poly tmp;
    Poly cs2;
    Poly ct0;
    ~SignScratch() { secure_wipe(this, sizeof *this); }
};

template <std::int32_t Gamma2>
void sign_loop(const MlDsaPrivateKey::State& key, const std::uint8_t mu[kMuBytes], SignScratch& s,
               std::uint8_t* signature) {
    const MlDsaParams& p = key.p;
    const std::size_t ct_len = ctilde_bytes(p);
    const int w1b = w1_bits(p);
    const std::int32_t z_bound = p.gamma1 - p.beta;
    const std::int32_t r0_bound = p.gamma2 - p.beta;

    std::uint32_t kappa = 0;
    for (int attempt = 0; attempt < kMaxSignIterations;
         ++attempt, kappa += static_cast<std::uint32_t>(p.l)) {
        expand_mask(s.y, s.rho_pp, kappa, p);
        for (int j = 0; j < p.l; ++j) {
            s.y_hat[j] = s.y[j];
            ntt(s.y_hat[j]);
        }
        matrix_vector_montgomery(s.w, key.a_hat(), s.y_hat, p.k, p.l);
        for (int i = 0; i < p.k; ++i) {
            inv_ntt(s.w[i]);
            for (std::size_t n = 0; n < kN; ++n) {
                s.w[i][n] = caddq(s.w[i][n]);
                s.tmp[n] = high_bits<Gamma2>(s.w[i][n]);
            }
            pack_bits(s.w1_encoded + static_cast<std::size_t>(i) * poly_bytes(w1b), s.tmp, w1b);
        }

        Shake256 commit;
        commit.absorb(mu, kMuBytes);
        commit.absorb(s.w1_encoded, w1_encoded_bytes(p));
        commit.squeeze(s.ctilde, ct_len);

        sample_in_ball(s.c_hat, s.ctilde, ct_len, p.tau);
        ntt(s.c_hat);
        for (auto& c : s.c_hat) c = reduce32(c);

        std::uint32_t reject = 0;
        for (int j = 0; j < p.l; ++j) {
            pointwise_montgomery(s.tmp, s.c_hat, key.s1_hat()[j]);
            inv_ntt(s.tmp);
            for (std::size_t n = 0; n < kN; ++n) {
                // c*s1 is below beta in magnitude, so reduce32 recovers it exactly.
                s.z[j][n] = s.y[j][n] + reduce32(s.tmp[n]);
                reject |= norm_reaches(s.z[j][n], z_bound);
            }
        }

        std::uint32_t hint_count = 0;
        for (int i = 0; i < p.k; ++i) {
            pointwise_montgomery(s.cs2, s.c_hat, key.s2_hat()[i]);
            inv_ntt(s.cs2);
            pointwise_montgomery(s.ct0, s.c_hat, key.t0_hat()[i]);
            inv_ntt(s.ct0);
            for (std::size_t n = 0; n < kN; ++n) {
                const std::int32_t cs2 = reduce32(s.cs2[n]);
                const std::int32_t ct0 = reduce32(s.ct0[n]);
                // r = w - c*s2 and r + c*t0, both brought back to [0, q).
                const std::int32_t r = csubq(caddq(s.w[i][n] - cs2));
                std::int32_t r0 = 0;
                const std::int32_t r1 = decompose<Gamma2>(r, r0);
                reject |= norm_reaches(r0, r0_bound);
                reject |= norm_reaches(ct0, p.gamma2);
                const std::int32_t r_plus = csubq(caddq(r + ct0));
                // MakeHint(-ct0, w - cs2 + ct0): do the high bits move when c*t0 is added?
                const std::uint32_t hint =
                    nonzero_mask(static_cast<std::uint32_t>(high_bits<Gamma2>(r_plus) ^ r1)) & 1u;
                s.hints[static_cast<std::size_t>(i) * kN + n] = static_cast<std::uint8_t>(hint);
                hint_count += hint;
            }
        }
        reject |= static_cast<std::uint32_t>(p.omega - static_cast<std::int32_t>(hint_count)) >> 31;

        CRATON_CT_DECLASSIFY(&reject, sizeof reject);
        if (reject != 0) continue;

        CRATON_CT_DECLASSIFY(s.ctilde, ct_len);
        CRATON_CT_DECLASSIFY(s.z, sizeof(Poly) * static_cast<std::size_t>(p.l));
        CRATON_CT_DECLASSIFY(s.hints, static_cast<std::size_t>(p.k) * kN);
        sig_encode(signature, s.ctilde, s.z, s.hints, p);
        return;
    }
    throw std::runtime_error("ML-DSA signing did not terminate");
}

}  // namespace

void sign_with_mu(const MlDsaPrivateKey::State& key, const std::uint8_t mu[kMuBytes],
                  const std::uint8_t rnd[kRndBytes], std::uint8_t* signature) {
    auto scratch = std::make_unique<SignScratch>();
    // rho'' = H(K || rnd || mu, 64)
    Shake256 prf;
    prf.absorb(key.key.data(), key.key.size());
    prf.absorb(rnd, kRndBytes);
    prf.absorb(mu, kMuBytes);
    prf.squeeze(scratch->rho_pp, sizeof scratch->rho_pp);
    if (key.p.gamma2 == kGamma2Small) {
        sign_loop<kGamma2Small>(key, mu, *scratch, signature);
    } else {
        sign_loop<kGamma2Large>(key, mu, *scratch, signature);
    }
}

}  // namespace mldsa

void MlDsaPrivateKey::sign_mu(mldsa::ByteView mu, mldsa::ByteView rnd,
                              mldsa::MutableByteView signature) const {
    mldsa::require_length(mu.size(), mldsa::kMuBytes, "mu");
    mldsa::require_length(rnd.size(), mldsa::kRndBytes, "rnd");
    mldsa::require_length(signature.size(), mldsa_sizes(state_->ps).signature, "signature");
    mldsa::sign_with_mu(*state_, mu.data(), rnd.data(), signature.data());
}

void MlDsaPrivateKey::sign_internal(mldsa::ByteView message_prime, mldsa::ByteView rnd,
                                    mldsa::MutableByteView signature) const {
    MlDsaMuBuilder builder(state_->tr);
    builder.update(message_prime);
    sign_mu(builder.finish(), rnd, signature);
}

void MlDsaPrivateKey::sign(mldsa::ByteView message, mldsa::ByteView context, mldsa::ByteView rnd,
                           mldsa::MutableByteView signature) const {
    MlDsaMuBuilder builder = MlDsaMuBuilder::pure(state_->tr, context);
    builder.update(message);
    sign_mu(builder.finish(), rnd, signature);
}

void MlDsaPrivateKey::sign_prehashed(MlDsaPreHash ph, mldsa::ByteView digest,
                                     mldsa::ByteView context, mldsa::ByteView rnd,
                                     mldsa::MutableByteView signature) const {
    MlDsaMuBuilder builder = MlDsaMuBuilder::prehashed(state_->tr, context, ph, digest);
    sign_mu(builder.finish(), rnd, signature);
}

void MlDsaPrivateKey::sign_hash(MlDsaPreHash ph, mldsa::ByteView message, mldsa::ByteView context,
                                mldsa::ByteView rnd, mldsa::MutableByteView signature) const {
    std::uint8_t digest[kMlDsaMaxPreHashDigestBytes];
    const std::span<std::uint8_t> out(digest, mldsa_prehash_digest_size(ph));
    mldsa_prehash(ph, message, out);
    sign_prehashed(ph, out, context, rnd, signature);
}

}  // namespace craton::pqc
