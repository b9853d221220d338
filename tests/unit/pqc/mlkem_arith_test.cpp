// ML-KEM arithmetic internals checked against their mathematical definitions: compression
// against exact rational rounding, the NTT-domain product against schoolbook multiplication in
// Z_q[X]/(X^256 + 1), and the encodings as round trips.
#include <cstdint>
#include <vector>

#include <gtest/gtest.h>

#include "pqc/mlkem/encode.h"
#include "pqc/mlkem/poly.h"

namespace {

using namespace craton::pqc::mlkem;

int mod_q(long long x) {
    x %= kQ;
    return static_cast<int>(x < 0 ? x + kQ : x);
}

Poly pseudo_random_poly(std::uint32_t seed, int bound) {
    Poly p{};
    for (auto& c : p) {
        seed = seed * 1664525u + 1013904223u;
        c = static_cast<std::int16_t>(static_cast<int>((seed >> 8) % (2u * bound + 1)) - bound);
    }
    return p;
}

TEST(MlKemArith, CompressMatchesExactRoundingForEveryInput) {
    for (int d : {1, 4, 5, 10, 11}) {
        for (std::uint32_t x = 0; x < static_cast<std::uint32_t>(kQ); ++x) {
            // round(x * 2^d / q) with ties impossible (q odd), then mod 2^d.
            const std::uint64_t num = (static_cast<std::uint64_t>(x) << d) * 2 + kQ;
            const auto expected = static_cast<std::uint32_t>(num / (2 * kQ)) & ((1u << d) - 1);
            ASSERT_EQ(compress(x, d), expected) << "d=" << d << " x=" << x;
        }
        for (std::uint32_t y = 0; y < (1u << d); ++y) {
            const std::uint64_t num = static_cast<std::uint64_t>(y) * kQ * 2 + (1u << d);
            ASSERT_EQ(decompress(y, d), static_cast<std::uint32_t>(num / (2u << d)));
        }
    }
}

TEST(MlKemArith, ReductionsAreCongruent) {
    for (int a = -32768; a <= 32767; ++a) {
        const auto r = barrett_reduce(static_cast<std::int16_t>(a));
        ASSERT_EQ(mod_q(r), mod_q(a));
        ASSERT_LE(r, (kQ - 1) / 2);
        ASSERT_GE(r, -(kQ - 1) / 2);
    }
    // montgomery_reduce(a) * 2^16 == a (mod q)
    for (std::int32_t a = -kQ * 32768 + 1; a < kQ * 32768; a += 9973) {
        const auto r = montgomery_reduce(a);
        ASSERT_EQ(mod_q(static_cast<long long>(r) * 65536), mod_q(a));
        ASSERT_LT(r, kQ);
        ASSERT_GT(r, -kQ);
    }
}

TEST(MlKemArith, NttProductMatchesSchoolbook) {
    for (std::uint32_t trial = 0; trial < 20; ++trial) {
        const Poly a = pseudo_random_poly(trial, (kQ - 1) / 2);
        const Poly b = pseudo_random_poly(trial + 1000, 3);
        std::vector<long long> expected(kN, 0);
        for (int i = 0; i < kN; ++i) {
            for (int j = 0; j < kN; ++j) {
                const long long prod = static_cast<long long>(a[i]) * b[j];
                if (i + j < kN) {
                    expected[i + j] += prod;
                } else {
                    expected[i + j - kN] -= prod;  // X^256 = -1
                }
            }
        }
        Poly an = a, bn = b, r{};
        poly_ntt(an);
        poly_ntt(bn);
        poly_basemul_acc(r, &an, &bn, 1);
        poly_reduce(r);
        poly_invntt_tomont(r);
        for (int i = 0; i < kN; ++i) {
            ASSERT_EQ(mod_q(r[i]), mod_q(expected[i])) << "trial " << trial << " i " << i;
        }
    }
}

TEST(MlKemArith, Encode12RoundTripAndReduction) {
    Poly p{};
    for (int i = 0; i < kN; ++i) p[i] = static_cast<std::int16_t>((i * 13) % kQ);
    std::uint8_t buf[kPolyBytes];
    poly_encode12(buf, p);
    Poly back{};
    poly_decode12(back, buf);
    EXPECT_EQ(back, p);
    // 12-bit values at or above q decode reduced mod q.
    for (auto& b : buf) b = 0xFF;  // every value 4095
    poly_decode12(back, buf);
    for (auto c : back) EXPECT_EQ(c, 4095 - kQ);
}

TEST(MlKemArith, MessageRoundTrip) {
    std::uint8_t msg[32], out[32];
    for (int i = 0; i < 32; ++i) msg[i] = static_cast<std::uint8_t>(i * 37 + 5);
    Poly p{};
    poly_from_message(p, msg);
    poly_to_message(out, p);
    EXPECT_EQ(std::vector<std::uint8_t>(msg, msg + 32), std::vector<std::uint8_t>(out, out + 32));
}

}  // namespace
