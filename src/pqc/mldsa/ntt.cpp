// FIPS 204 NTT with Montgomery butterflies; the twiddle table is computed at compile time.
#include "pqc/mldsa/ntt.h"

namespace craton::pqc::mldsa {

namespace {

constexpr std::uint64_t kRoot = 1753;  // primitive 512th root of unity mod q

constexpr unsigned bit_reverse8(unsigned x) {
    unsigned r = 0;
    for (int i = 0; i < 8; ++i) {
        r = (r << 1) | (x & 1);
        x >>= 1;
    }
    return r;
}

constexpr std::uint64_t pow_mod_q(std::uint64_t base, unsigned exp) {
    std::uint64_t result = 1;
    while (exp != 0) {
        if (exp & 1) result = result * base % kQ;
        base = base * base % kQ;
        exp >>= 1;
    }
    return result;
}

// zetas[m] = 1753^BitRev8(m) * 2^32 mod q, centred: the Montgomery form of FIPS 204's table.
constexpr std::array<std::int32_t, kN> make_zetas() {
    std::array<std::int32_t, kN> z{};
    for (unsigned m = 0; m < kN; ++m) {
        const std::uint64_t v = (pow_mod_q(kRoot, bit_reverse8(m)) << 32) % kQ;
        const auto c = static_cast<std::int32_t>(v);
        z[m] = c > kQ / 2 ? c - kQ : c;
    }
    return z;
}

constexpr std::array<std::int32_t, kN> kZetas = make_zetas();

// 256^-1 * 2^64 mod q: undoes the transform's scaling and the 2^-32 of one Montgomery
// product (the second 2^32 cancels the final multiplication's own 2^-32). 256 divides q - 1,
// so q - (q - 1) / 256 is the inverse of 256.
constexpr std::uint64_t kInv256 = kQ - (kQ - 1) / 256;
constexpr std::uint64_t kTwo32ModQ = (std::uint64_t{1} << 32) % kQ;
constexpr auto kInvNttScale =
    static_cast<std::int32_t>(kInv256 * kTwo32ModQ % kQ * kTwo32ModQ % kQ);
static_assert(kInvNttScale == 41978);
static_assert(kZetas[1] == 25847);  // 1753^128 * 2^32 mod q, centred

inline std::int32_t mont_mul(std::int32_t a, std::int32_t b) {
    return montgomery_reduce(static_cast<std::int64_t>(a) * b);
}

}  // namespace

void ntt(Poly& a) noexcept {
    int m = 0;
    for (int len = 128; len >= 1; len >>= 1) {
        for (int start = 0; start < kN; start += 2 * len) {
            const std::int32_t zeta = kZetas[static_cast<std::size_t>(++m)];
            for (int j = start; j < start + len; ++j) {
                const std::int32_t t = mont_mul(zeta, a[static_cast<std::size_t>(j + len)]);
                a[static_cast<std::size_t>(j + len)] = a[static_cast<std::size_t>(j)] - t;
                a[static_cast<std::size_t>(j)] = a[static_cast<std::size_t>(j)] + t;
            }
        }
    }
}

void inv_ntt(Poly& a) noexcept {
    int m = kN;
    // Without intermediate reduction the top halves double per layer: |input| < q keeps
    // every value below 256q < 2^31.
    for (int len = 1; len < kN; len <<= 1) {
        for (int start = 0; start < kN; start += 2 * len) {
            const std::int32_t zeta = kZetas[static_cast<std::size_t>(--m)];
            for (int j = start; j < start + len; ++j) {
                const std::int32_t t = a[static_cast<std::size_t>(j)];
                const std::int32_t u = a[static_cast<std::size_t>(j + len)];
                a[static_cast<std::size_t>(j)] = t + u;
                // -zeta * (t - u) == zeta * (u - t)
                a[static_cast<std::size_t>(j + len)] = mont_mul(zeta, u - t);
            }
        }
    }
    for (auto& c : a) c = mont_mul(kInvNttScale, c);
}

void pointwise_montgomery(Poly& r, const Poly& a, const Poly& b) noexcept {
    for (std::size_t i = 0; i < kN; ++i) r[i] = mont_mul(a[i], b[i]);
}

void matrix_vector_montgomery(Poly* out, const Poly* a, const Poly* v, int k, int l) noexcept {
    // One reduction per output coefficient: l <= 7 products below q * 9q sum to < 2^53.
    for (int i = 0; i < k; ++i) {
        std::int64_t acc[kN];
        const Poly& a0 = a[i * l];
        for (std::size_t n = 0; n < kN; ++n) acc[n] = static_cast<std::int64_t>(a0[n]) * v[0][n];
        for (int j = 1; j < l; ++j) {
            const Poly& aj = a[i * l + j];
            const Poly& vj = v[j];
            for (std::size_t n = 0; n < kN; ++n) acc[n] += static_cast<std::int64_t>(aj[n]) * vj[n];
        }
        for (std::size_t n = 0; n < kN; ++n) out[i][n] = montgomery_reduce(acc[n]);
    }
}

}  // namespace craton::pqc::mldsa
