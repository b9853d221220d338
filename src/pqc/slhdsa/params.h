// The twelve SLH-DSA parameter sets of FIPS 205 Table 2 and the sizes derived from them.
//
// Every other SLH-DSA file is written against a Params value rather than against one
// parameter set, so a single code path serves all twelve; the table is constexpr so the sizes
// are known at compile time to callers that name a set statically.
#pragma once

#include <cstddef>
#include <cstdint>

namespace craton::pqc::slhdsa {

// Ordered as the PKCS#11 3.2 CKP_SLH_DSA_* constants (1..12), so a CKP value converts by cast.
enum class ParameterSet : std::uint8_t {
    kSha2_128s = 1,
    kShake_128s = 2,
    kSha2_128f = 3,
    kShake_128f = 4,
    kSha2_192s = 5,
    kShake_192s = 6,
    kSha2_192f = 7,
    kShake_192f = 8,
    kSha2_256s = 9,
    kShake_256s = 10,
    kSha2_256f = 11,
    kShake_256f = 12,
};

inline constexpr std::size_t kParameterSetCount = 12;

struct Params {
    ParameterSet set;
    const char* name;       // "SLH-DSA-SHA2-128s" etc., as in FIPS 205 and ACVP
    bool shake;             // SHAKE256 family (§11.1) rather than SHA2 (§11.2)
    unsigned category;      // NIST security category 1, 3 or 5: selects SHA-256 or SHA-512
    std::size_t n;          // security parameter: bytes per hash value
    unsigned h;             // total hypertree height
    unsigned d;             // hypertree layers
    unsigned hp;            // h' = h / d: height of each XMSS tree
    unsigned a;             // FORS tree height
    unsigned k;             // number of FORS trees
    std::size_t m;          // bytes of H_msg output
    std::size_t pk_bytes;   // 2n
    std::size_t sk_bytes;   // 4n
    std::size_t sig_bytes;  // (1 + k(1 + a) + h + d * len) * n

    // WOTS+ with lg_w = 4 (every FIPS 205 set): len1 = 2n base-16 digits, len2 = 3 checksum digits.
    static constexpr unsigned kLgW = 4;
    static constexpr unsigned kW = 16;
    static constexpr unsigned kLen2 = 3;
    constexpr unsigned len1() const { return static_cast<unsigned>(2 * n); }
    constexpr unsigned len() const { return len1() + kLen2; }
    constexpr std::size_t wots_sig_bytes() const { return len() * n; }
    constexpr std::size_t xmss_sig_bytes() const { return (len() + hp) * n; }
    constexpr std::size_t fors_sig_bytes() const { return k * (a + 1) * n; }
    constexpr std::size_t md_bytes() const { return (k * a + 7) / 8; }
    constexpr std::size_t tree_idx_bytes() const { return (h - hp + 7) / 8; }
    constexpr std::size_t leaf_idx_bytes() const { return (hp + 7) / 8; }
};

namespace detail {

constexpr Params make_params(ParameterSet set, const char* name, bool shake, unsigned category,
                             std::size_t n, unsigned h, unsigned d, unsigned a, unsigned k,
                             std::size_t m) {
    const unsigned len = static_cast<unsigned>(2 * n + 3);
    return Params{set,   name, shake, category, n,     h,     d,
                  h / d, a,    k,     m,        2 * n, 4 * n, (1 + k * (1 + a) + h + d * len) * n};
}

}  // namespace detail

// Indexed by static_cast<int>(ParameterSet) - 1.
inline constexpr Params kParams[kParameterSetCount] = {
    detail::make_params(ParameterSet::kSha2_128s, "SLH-DSA-SHA2-128s", false, 1, 16, 63, 7, 12, 14,
                        30),
    detail::make_params(ParameterSet::kShake_128s, "SLH-DSA-SHAKE-128s", true, 1, 16, 63, 7, 12, 14,
                        30),
    detail::make_params(ParameterSet::kSha2_128f, "SLH-DSA-SHA2-128f", false, 1, 16, 66, 22, 6, 33,
                        34),
    detail::make_params(ParameterSet::kShake_128f, "SLH-DSA-SHAKE-128f", true, 1, 16, 66, 22, 6, 33,
                        34),
    detail::make_params(ParameterSet::kSha2_192s, "SLH-DSA-SHA2-192s", false, 3, 24, 63, 7, 14, 17,
                        39),
    detail::make_params(ParameterSet::kShake_192s, "SLH-DSA-SHAKE-192s", true, 3, 24, 63, 7, 14, 17,
                        39),
    detail::make_params(ParameterSet::kSha2_192f, "SLH-DSA-SHA2-192f", false, 3, 24, 66, 22, 8, 33,
                        42),
    detail::make_params(ParameterSet::kShake_192f, "SLH-DSA-SHAKE-192f", true, 3, 24, 66, 22, 8, 33,
                        42),
    detail::make_params(ParameterSet::kSha2_256s, "SLH-DSA-SHA2-256s", false, 5, 32, 64, 8, 14, 22,
                        47),
    detail::make_params(ParameterSet::kShake_256s, "SLH-DSA-SHAKE-256s", true, 5, 32, 64, 8, 14, 22,
                        47),
    detail::make_params(ParameterSet::kSha2_256f, "SLH-DSA-SHA2-256f", false, 5, 32, 68, 17, 9, 35,
                        49),
    detail::make_params(ParameterSet::kShake_256f, "SLH-DSA-SHAKE-256f", true, 5, 32, 68, 17, 9, 35,
                        49),
};

// Throws std::invalid_argument for a value outside 1..12.
const Params& params_for(ParameterSet set);

namespace detail {

// Checked at compile time so a typo in the table cannot ship: every set in enum order, h a
// multiple of d, H_msg long enough for the FORS digest plus both indices (§9.2), and the
// signature sizes of FIPS 205 Table 2.
constexpr bool params_table_consistent() {
    const std::size_t table2_sig_bytes[kParameterSetCount] = {
        7856, 7856, 17088, 17088, 16224, 16224, 35664, 35664, 29792, 29792, 49856, 49856};
    for (std::size_t i = 0; i < kParameterSetCount; ++i) {
        const Params& p = kParams[i];
        if (static_cast<std::size_t>(p.set) != i + 1) return false;
        if (p.h % p.d != 0 || p.shake != (i % 2 == 1)) return false;
        if (p.md_bytes() + p.tree_idx_bytes() + p.leaf_idx_bytes() != p.m) return false;
        if (p.sig_bytes != table2_sig_bytes[i]) return false;
    }
    return true;
}
static_assert(params_table_consistent());

}  // namespace detail

// Largest values over all sets, for fixed-size stack buffers.
inline constexpr std::size_t kMaxN = 32;
inline constexpr unsigned kMaxLen = 2 * kMaxN + 3;
inline constexpr unsigned kMaxTreeHeight = 14;  // max(a, h') over all sets
inline constexpr unsigned kMaxK = 35;
inline constexpr std::size_t kMaxM = 49;

}  // namespace craton::pqc::slhdsa
