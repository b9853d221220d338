// ML-DSA arithmetic: reductions, NTT against schoolbook multiplication, the rounding functions
// exhaustively against a division-based transcription of FIPS 204, bit packing, samplers.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <random>

#include "pqc/mldsa/field.h"
#include "pqc/mldsa/ntt.h"
#include "pqc/mldsa/packing.h"
#include "pqc/mldsa/rounding.h"
#include "pqc/mldsa/sampling.h"

namespace {

using namespace craton::pqc::mldsa;
using craton::pqc::mldsa_params;
using craton::pqc::MlDsaParameterSet;

constexpr std::int64_t kQ64 = kQ;

std::int64_t mod_q(std::int64_t a) {
    return ((a % kQ64) + kQ64) % kQ64;
}

Poly random_poly(std::mt19937_64& rng, std::int32_t lo, std::int32_t hi) {
    std::uniform_int_distribution<std::int32_t> dist(lo, hi);
    Poly p;
    for (auto& c : p) c = dist(rng);
    return p;
}

TEST(MlDsaArith, MontgomeryAndReduce) {
    std::mt19937_64 rng(1);
    std::uniform_int_distribution<std::int64_t> wide(-(std::int64_t{1} << 31) * kQ64 + 1,
                                                     (std::int64_t{1} << 31) * kQ64 - 1);
    const std::int64_t r_mod_q = (std::int64_t{1} << 32) % kQ64;
    for (int i = 0; i < 200000; ++i) {
        const std::int64_t a = wide(rng);
        const std::int32_t m = montgomery_reduce(a);
        ASSERT_LT(std::abs(static_cast<std::int64_t>(m)), kQ64);
        ASSERT_EQ(mod_q(static_cast<std::int64_t>(m) * r_mod_q), mod_q(a));
    }
    std::uniform_int_distribution<std::int32_t> narrow(-(1 << 30), INT32_MAX - (1 << 22));
    for (int i = 0; i < 200000; ++i) {
        const std::int32_t a = narrow(rng);
        const std::int32_t r = reduce32(a);
        ASSERT_LT(std::abs(r), kQ);
        ASSERT_EQ(mod_q(r), mod_q(a));
        const std::int32_t c = caddq(r);
        ASSERT_GE(c, 0);
        ASSERT_LT(c, kQ);
        ASSERT_EQ(mod_q(c), mod_q(a));
    }
    for (std::int32_t a : {0, 1, kQ - 1, kQ, 2 * kQ - 1}) {
        EXPECT_EQ(csubq(a), static_cast<std::int32_t>(mod_q(a)));
    }
}

Poly schoolbook_product(const Poly& a, const Poly& b) {
    std::int64_t acc[kN] = {};
    for (int i = 0; i < kN; ++i) {
        for (int j = 0; j < kN; ++j) {
            const std::int64_t prod = mod_q(static_cast<std::int64_t>(a[i]) * b[j]);
            if (i + j < kN) {
                acc[i + j] += prod;
            } else {
                acc[i + j - kN] -= prod;  // X^256 = -1
            }
        }
    }
    Poly r;
    for (int i = 0; i < kN; ++i) r[i] = static_cast<std::int32_t>(mod_q(acc[i]));
    return r;
}

TEST(MlDsaArith, NttProductMatchesSchoolbook) {
    std::mt19937_64 rng(2);
    for (int trial = 0; trial < 20; ++trial) {
        // Full input range the transform accepts, plus the small ranges keys use.
        const std::int32_t bound = trial < 10 ? kQ - 1 : 1 << 19;
        const Poly a = random_poly(rng, -bound, bound);
        const Poly b = random_poly(rng, -4, 4);
        Poly a_hat = a, b_hat = b, prod;
        ntt(a_hat);
        ntt(b_hat);
        for (const auto c : a_hat) ASSERT_LT(std::abs(c), 9 * kQ);
        pointwise_montgomery(prod, a_hat, b_hat);
        inv_ntt(prod);
        const Poly want = schoolbook_product(a, b);
        for (int i = 0; i < kN; ++i) {
            ASSERT_LT(std::abs(prod[i]), kQ);
            ASSERT_EQ(mod_q(prod[i]), want[i]) << "coefficient " << i;
        }
    }
}

TEST(MlDsaArith, InverseNttUndoesNttUpToMontgomeryFactor) {
    std::mt19937_64 rng(3);
    const std::int64_t r_mod_q = (std::int64_t{1} << 32) % kQ64;
    const Poly a = random_poly(rng, -(kQ - 1), kQ - 1);
    Poly t = a;
    ntt(t);
    for (auto& c : t) c = reduce32(c);
    inv_ntt(t);
    for (int i = 0; i < kN; ++i) ASSERT_EQ(mod_q(t[i]), mod_q(a[i] * r_mod_q));
}

TEST(MlDsaArith, MatrixVectorMatchesPointwiseSums) {
    std::mt19937_64 rng(4);
    constexpr int k = 8, l = 7;
    std::vector<Poly> a(k * l), v(l), out(k);
    for (auto& p : a) p = random_poly(rng, 0, kQ - 1);
    for (auto& p : v) p = random_poly(rng, -9 * kQ + 1, 9 * kQ - 1);
    matrix_vector_montgomery(out.data(), a.data(), v.data(), k, l);
    for (int i = 0; i < k; ++i) {
        std::vector<std::int64_t> sum(kN, 0);
        for (int j = 0; j < l; ++j) {
            Poly prod;
            pointwise_montgomery(prod, a[i * l + j], v[j]);
            for (int n = 0; n < kN; ++n) sum[n] += prod[n];
        }
        for (int n = 0; n < kN; ++n) {
            ASSERT_LT(std::abs(out[i][n]), kQ);
            ASSERT_EQ(mod_q(out[i][n]), mod_q(sum[n]));
        }
    }
}

// FIPS 204 Algorithm 36 transcribed with ordinary division.
std::int32_t reference_decompose(std::int32_t r, std::int32_t gamma2, std::int32_t& r0) {
    r0 = r % (2 * gamma2);
    if (r0 > gamma2) r0 -= 2 * gamma2;
    if (r - r0 == kQ - 1) {
        r0 -= 1;
        return 0;
    }
    return (r - r0) / (2 * gamma2);
}

template <std::int32_t Gamma2>
void check_decompose_exhaustively() {
    for (std::int32_t r = 0; r < kQ; ++r) {
        std::int32_t r0 = 0, want_r0 = 0;
        const std::int32_t r1 = decompose<Gamma2>(r, r0);
        const std::int32_t want_r1 = reference_decompose(r, Gamma2, want_r0);
        if (r1 != want_r1 || r0 != want_r0) {
            FAIL() << "gamma2 " << Gamma2 << " r " << r << ": got (" << r1 << ", " << r0
                   << ") want (" << want_r1 << ", " << want_r0 << ")";
        }
    }
}

TEST(MlDsaArith, DecomposeExhaustive) {
    check_decompose_exhaustively<kGamma2Small>();
    check_decompose_exhaustively<kGamma2Large>();
}

TEST(MlDsaArith, Power2RoundExhaustive) {
    for (std::int32_t r = 0; r < kQ; ++r) {
        std::int32_t r0 = 0;
        const std::int32_t r1 = power2round(r, r0);
        std::int32_t want_r0 = r % (1 << kD);
        if (want_r0 > (1 << (kD - 1))) want_r0 -= 1 << kD;
        if (r0 != want_r0 || r1 != (r - want_r0) >> kD) FAIL() << "r " << r;
    }
}

// FIPS 204 Lemma: with ||z|| <= gamma2, UseHint(MakeHint(z, r), r) = HighBits(r + z).
template <std::int32_t Gamma2>
void check_hint_round_trip(std::mt19937_64& rng) {
    std::uniform_int_distribution<std::int32_t> r_dist(0, kQ - 1), z_dist(-Gamma2, Gamma2);
    int hints = 0;
    for (int i = 0; i < 2000000; ++i) {
        const std::int32_t r = r_dist(rng);
        const std::int32_t z = z_dist(rng);
        const std::int32_t rz = static_cast<std::int32_t>(mod_q(static_cast<std::int64_t>(r) + z));
        const bool hint = high_bits<Gamma2>(r) != high_bits<Gamma2>(rz);
        hints += hint ? 1 : 0;
        ASSERT_EQ(use_hint<Gamma2>(hint, r), high_bits<Gamma2>(rz)) << "r " << r << " z " << z;
    }
    EXPECT_GT(hints, 0);
}

TEST(MlDsaArith, UseHintRecoversHighBits) {
    std::mt19937_64 rng(5);
    check_hint_round_trip<kGamma2Small>(rng);
    check_hint_round_trip<kGamma2Large>(rng);
    // Boundaries: r0 == 0 must round down (FIPS: r0 > 0 rounds up), and both wrap-arounds.
    EXPECT_EQ(use_hint<kGamma2Large>(true, 0), 15);
    EXPECT_EQ(use_hint<kGamma2Large>(true, 2 * kGamma2Large), 0);
    EXPECT_EQ(use_hint<kGamma2Large>(true, 2 * kGamma2Large + 1), 2);
    EXPECT_EQ(use_hint<kGamma2Small>(true, kQ - 1), 43);
    EXPECT_EQ(use_hint<kGamma2Small>(true, 43 * 2 * kGamma2Small + 1), 0);
}

TEST(MlDsaArith, BitPackingRoundTrips) {
    std::mt19937_64 rng(6);
    for (int bits : {3, 4, 6, 10, 13, 18, 20}) {
        const Poly a = random_poly(rng, 0, (1 << bits) - 1);
        std::vector<std::uint8_t> buf(poly_bytes(bits) + 1, 0xAA);
        pack_bits(buf.data(), a, bits);
        EXPECT_EQ(buf.back(), 0xAA) << "wrote past 32*bits bytes";
        Poly b;
        unpack_bits(b, buf.data(), bits);
        EXPECT_EQ(a, b) << bits;
        // Little-endian bit order: coefficient 0 starts at bit 0 of byte 0.
        EXPECT_EQ(buf[0] & ((1 << std::min(bits, 8)) - 1), a[0] & ((1 << std::min(bits, 8)) - 1));
    }
    const Poly z = random_poly(rng, -(1 << 19) + 1, 1 << 19);
    std::vector<std::uint8_t> buf(poly_bytes(20));
    pack_offset(buf.data(), z, 20, 1 << 19);
    Poly back;
    unpack_offset(back, buf.data(), 20, 1 << 19);
    EXPECT_EQ(z, back);
}

TEST(MlDsaArith, SamplersRespectTheirRanges) {
    std::uint8_t seed[64];
    for (int i = 0; i < 64; ++i) seed[i] = static_cast<std::uint8_t>(i * 7 + 1);
    for (auto ps :
         {MlDsaParameterSet::kMlDsa44, MlDsaParameterSet::kMlDsa65, MlDsaParameterSet::kMlDsa87}) {
        const auto p = mldsa_params(ps);
        std::vector<Poly> s1(p.l), s2(p.k), y(p.l), a(p.k * p.l);
        expand_s(s1.data(), s2.data(), seed, p);
        int extremes = 0;
        for (const auto* vec : {&s1, &s2}) {
            for (const auto& poly : *vec) {
                for (const auto c : poly) {
                    ASSERT_LE(std::abs(c), p.eta);
                    extremes += std::abs(c) == p.eta ? 1 : 0;
                }
            }
        }
        EXPECT_GT(extremes, 0);
        expand_mask(y.data(), seed, 7, p);
        for (const auto& poly : y) {
            for (const auto c : poly) {
                ASSERT_GT(c, -p.gamma1);
                ASSERT_LE(c, p.gamma1);
            }
        }
        expand_a(a.data(), seed, p);
        for (const auto& poly : a) {
            for (const auto c : poly) {
                ASSERT_GE(c, 0);
                ASSERT_LT(c, kQ);
            }
        }
        for (int trial = 0; trial < 50; ++trial) {
            seed[0] = static_cast<std::uint8_t>(trial);
            Poly c;
            sample_in_ball(c, seed, ctilde_bytes(p), p.tau);
            int weight = 0;
            for (const auto v : c) {
                ASSERT_LE(std::abs(v), 1);
                weight += v != 0 ? 1 : 0;
            }
            ASSERT_EQ(weight, p.tau);
        }
    }
}

TEST(MlDsaArith, SigDecodeRejectsMalformedHints) {
    const auto p = mldsa_params(MlDsaParameterSet::kMlDsa44);
    const std::size_t hint_offset =
        ctilde_bytes(p) + static_cast<std::size_t>(p.l) * poly_bytes(z_bits(p));
    std::vector<std::uint8_t> sig(hint_offset + static_cast<std::size_t>(p.omega + p.k), 0);
    std::uint8_t ctilde[64];
    std::vector<Poly> z(p.l);
    std::vector<std::uint8_t> hints(static_cast<std::size_t>(p.k) * kN);
    std::uint8_t* h = sig.data() + hint_offset;
    ASSERT_TRUE(sig_decode(sig.data(), ctilde, z.data(), hints.data(), p));

    // Two hints in polynomial 0 at positions 3 and 9: canonical.
    h[0] = 3;
    h[1] = 9;
    for (int i = 0; i < p.k; ++i) h[p.omega + i] = 2;
    ASSERT_TRUE(sig_decode(sig.data(), ctilde, z.data(), hints.data(), p));
    EXPECT_EQ(hints[3], 1);
    EXPECT_EQ(hints[9], 1);

    auto with = [&](auto mutate) {
        std::vector<std::uint8_t> bad = sig;
        mutate(bad.data() + hint_offset);
        return sig_decode(bad.data(), ctilde, z.data(), hints.data(), p);
    };
    EXPECT_FALSE(with([](std::uint8_t* b) { std::swap(b[0], b[1]); }));  // out of order
    EXPECT_FALSE(with([](std::uint8_t* b) { b[1] = 3; }));               // repeated index
    EXPECT_FALSE(with([&](std::uint8_t* b) {
        b[p.omega] = 3;
        b[p.omega + 1] = 1;
    }));  // count decreases
    EXPECT_FALSE(with([&](std::uint8_t* b) {
        for (int i = 0; i < p.k; ++i) b[p.omega + i] = static_cast<std::uint8_t>(p.omega + 1);
    }));                                                               // more than omega
    EXPECT_FALSE(with([&](std::uint8_t* b) { b[p.omega - 1] = 5; }));  // non-zero padding
    // Indices may restart in the next polynomial.
    EXPECT_TRUE(with([&](std::uint8_t* b) {
        b[2] = 1;
        for (int i = 1; i < p.k; ++i) b[p.omega + i] = 3;
    }));
}

}  // namespace
