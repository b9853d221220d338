// Number-theoretic transform over Z_3329 with zeta = 17, a primitive 256th root of unity.
//
// The twiddle table is computed at compile time from the definition (zeta^BitRev7(i), moved
// into Montgomery form and centred), so there is no hand-copied constant table to get wrong.
#include <array>

#include "pqc/mlkem/poly.h"

namespace craton::pqc::mlkem {

namespace {

constexpr std::int32_t pow_mod_q(std::int32_t base, unsigned exp) {
    std::int32_t result = 1;
    for (unsigned i = 0; i < exp; ++i) result = result * base % kQ;
    return result;
}

constexpr unsigned bit_reverse7(unsigned i) {
    unsigned r = 0;
    for (int b = 0; b < 7; ++b) r |= ((i >> b) & 1u) << (6 - b);
    return r;
}

constexpr std::int16_t centred(std::int32_t x) {
    x %= kQ;
    if (x < 0) x += kQ;
    return static_cast<std::int16_t>(x > kQ / 2 ? x - kQ : x);
}

constexpr std::int32_t kMont = (1 << 16) % kQ;  // R mod q

// zetas[i] = 17^BitRev7(i) * R mod q, centred.
constexpr std::array<std::int16_t, 128> make_zetas() {
    std::array<std::int16_t, 128> z{};
    for (unsigned i = 0; i < 128; ++i) z[i] = centred(pow_mod_q(17, bit_reverse7(i)) * kMont);
    return z;
}

constexpr std::array<std::int16_t, 128> kZetas = make_zetas();
static_assert(pow_mod_q(17, 128) == kQ - 1, "17 must have order 256 mod q");

// Scales the inverse transform by 128^-1 and by R^2, so that one Montgomery multiplication
// leaves 128^-1 * R: that R cancels the R^-1 carried by basemul results.
constexpr std::int16_t kInvNttScale = centred(3303 * kMont % kQ * kMont);
static_assert(3303 * 128 % kQ == 1);

// R^2 mod q: a Montgomery multiplication by it converts x to x * R.
constexpr std::int16_t kMontSquared = centred(kMont * kMont);

}  // namespace

void poly_ntt(Poly& f) noexcept {
    unsigned i = 1;
    for (int len = 128; len >= 2; len >>= 1) {
        for (int start = 0; start < kN; start += 2 * len) {
            const std::int16_t zeta = kZetas[i++];
            for (int j = start; j < start + len; ++j) {
                const std::int16_t t = fqmul(zeta, f[j + len]);
                f[j + len] = static_cast<std::int16_t>(f[j] - t);
                f[j] = static_cast<std::int16_t>(f[j] + t);
            }
        }
    }
    poly_reduce(f);
}

void poly_invntt_tomont(Poly& f) noexcept {
    unsigned i = 127;
    for (int len = 2; len <= 128; len <<= 1) {
        for (int start = 0; start < kN; start += 2 * len) {
            const std::int16_t zeta = kZetas[i--];
            for (int j = start; j < start + len; ++j) {
                const std::int16_t t = f[j];
                f[j] = barrett_reduce(static_cast<std::int16_t>(t + f[j + len]));
                f[j + len] = fqmul(zeta, static_cast<std::int16_t>(f[j + len] - t));
            }
        }
    }
    for (auto& c : f) c = fqmul(c, kInvNttScale);
}

void poly_basemul_acc(Poly& r, const Poly* a, const Poly* b, int k) noexcept {
    // Each pair (f[2i], f[2i+1]) is a residue mod X^2 - gamma_i with gamma_{2m} = zetas[64 + m]
    // and gamma_{2m+1} = -gamma_{2m}. Products are summed over the row in 32 bits and reduced
    // once: |a*b| <= 3329 * 1665 and |reduce(a1*b1) * gamma| < 3329 * 1665, so four terms stay
    // far below the q * 2^15 bound of montgomery_reduce.
    for (int m = 0; m < kN / 4; ++m) {
        const std::int32_t gamma = kZetas[64 + static_cast<unsigned>(m)];
        std::int32_t c0 = 0, c1 = 0, c2 = 0, c3 = 0;
        const int i = 4 * m;
        for (int j = 0; j < k; ++j) {
            const Poly& x = a[j];
            const Poly& y = b[j];
            c0 += static_cast<std::int32_t>(x[i]) * y[i] +
                  montgomery_reduce(static_cast<std::int32_t>(x[i + 1]) * y[i + 1]) * gamma;
            c1 += static_cast<std::int32_t>(x[i]) * y[i + 1] +
                  static_cast<std::int32_t>(x[i + 1]) * y[i];
            c2 += static_cast<std::int32_t>(x[i + 2]) * y[i + 2] -
                  montgomery_reduce(static_cast<std::int32_t>(x[i + 3]) * y[i + 3]) * gamma;
            c3 += static_cast<std::int32_t>(x[i + 2]) * y[i + 3] +
                  static_cast<std::int32_t>(x[i + 3]) * y[i + 2];
        }
        r[i] = montgomery_reduce(c0);
        r[i + 1] = montgomery_reduce(c1);
        r[i + 2] = montgomery_reduce(c2);
        r[i + 3] = montgomery_reduce(c3);
    }
}

void poly_add(Poly& r, const Poly& a) noexcept {
    for (int i = 0; i < kN; ++i) r[i] = static_cast<std::int16_t>(r[i] + a[i]);
}

void poly_sub(Poly& r, const Poly& a, const Poly& b) noexcept {
    for (int i = 0; i < kN; ++i) r[i] = static_cast<std::int16_t>(a[i] - b[i]);
}

void poly_reduce(Poly& r) noexcept {
    for (auto& c : r) c = barrett_reduce(c);
}

void poly_tomont(Poly& r) noexcept {
    for (auto& c : r) c = fqmul(c, kMontSquared);
}

}  // namespace craton::pqc::mlkem
