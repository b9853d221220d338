// ML-DSA parameter sets (FIPS 204, Table 1) and the byte sizes derived from them.
//
// Everything in src/pqc/mldsa is written once for all three parameter sets: the dimensions
// (k, l) and bounds are read from an MlDsaParams at run time, and temporaries are sized for the
// largest set (ML-DSA-87). mldsa_sizes() is constexpr so callers can size buffers statically.
#pragma once

#include <cstddef>
#include <cstdint>
#include <stdexcept>

namespace craton::pqc {

enum class MlDsaParameterSet : std::uint8_t { kMlDsa44, kMlDsa65, kMlDsa87 };

struct MlDsaParams {
    int k;       // rows of A (length of s2, t, w, h)
    int l;       // columns of A (length of s1, y, z)
    int eta;     // secret coefficient bound
    int tau;     // number of +-1 coefficients in the challenge
    int beta;    // tau * eta
    int gamma1;  // mask coefficient range
    int gamma2;  // low-order rounding range
    int omega;   // maximum number of hint bits
    int lambda;  // collision strength; the commitment hash is lambda/4 bytes
};

struct MlDsaSizes {
    std::size_t public_key;
    std::size_t secret_key;
    std::size_t signature;
};

namespace mldsa {

inline constexpr std::int32_t kQ = 8380417;
inline constexpr int kN = 256;
inline constexpr int kD = 13;  // dropped bits of t
inline constexpr int kMaxK = 8;
inline constexpr int kMaxL = 7;
inline constexpr std::size_t kSeedBytes = 32;
inline constexpr std::size_t kRhoBytes = 32;
inline constexpr std::size_t kKeyBytes = 32;  // K, the signing PRF key
inline constexpr std::size_t kTrBytes = 64;
inline constexpr std::size_t kMuBytes = 64;
inline constexpr std::size_t kRndBytes = 32;
inline constexpr std::size_t kMaxContextBytes = 255;

constexpr int bit_length(std::uint32_t x) {
    int n = 0;
    while (x != 0) {
        ++n;
        x >>= 1;
    }
    return n;
}

}  // namespace mldsa

constexpr MlDsaParams mldsa_params(MlDsaParameterSet ps) {
    constexpr std::int32_t q = mldsa::kQ;
    switch (ps) {
        case MlDsaParameterSet::kMlDsa44:
            return {4, 4, 2, 39, 78, 1 << 17, (q - 1) / 88, 80, 128};
        case MlDsaParameterSet::kMlDsa65:
            return {6, 5, 4, 49, 196, 1 << 19, (q - 1) / 32, 55, 192};
        case MlDsaParameterSet::kMlDsa87:
            return {8, 7, 2, 60, 120, 1 << 19, (q - 1) / 32, 75, 256};
    }
    throw std::invalid_argument("unknown ML-DSA parameter set");
}

namespace mldsa {

// Bits per packed coefficient of each encoded object (FIPS 204 Algorithms 22-28).
constexpr int eta_bits(const MlDsaParams& p) {
    return bit_length(static_cast<std::uint32_t>(2 * p.eta));
}
constexpr int z_bits(const MlDsaParams& p) {
    return 1 + bit_length(static_cast<std::uint32_t>(p.gamma1 - 1));
}
constexpr int w1_bits(const MlDsaParams& p) {
    return bit_length(static_cast<std::uint32_t>((kQ - 1) / (2 * p.gamma2) - 1));
}
inline constexpr int kT1Bits = 10;  // bitlen(q-1) - d
inline constexpr int kT0Bits = kD;

constexpr std::size_t poly_bytes(int bits) {
    return static_cast<std::size_t>(32 * bits);
}
constexpr std::size_t ctilde_bytes(const MlDsaParams& p) {
    return static_cast<std::size_t>(p.lambda / 4);
}

}  // namespace mldsa

constexpr MlDsaSizes mldsa_sizes(MlDsaParameterSet ps) {
    const MlDsaParams p = mldsa_params(ps);
    using namespace mldsa;
    const auto k = static_cast<std::size_t>(p.k);
    const auto l = static_cast<std::size_t>(p.l);
    return {
        kRhoBytes + k * poly_bytes(kT1Bits),
        kRhoBytes + kKeyBytes + kTrBytes + (k + l) * poly_bytes(eta_bits(p)) +
            k * poly_bytes(kT0Bits),
        ctilde_bytes(p) + l * poly_bytes(z_bits(p)) + static_cast<std::size_t>(p.omega) + k,
    };
}

// Short alias kept for the PKCS#11 layer, which was specified against this name.
constexpr MlDsaSizes mlds_sizes(MlDsaParameterSet ps) {
    return mldsa_sizes(ps);
}

static_assert(mldsa_sizes(MlDsaParameterSet::kMlDsa44).public_key == 1312);
static_assert(mldsa_sizes(MlDsaParameterSet::kMlDsa44).secret_key == 2560);
static_assert(mldsa_sizes(MlDsaParameterSet::kMlDsa44).signature == 2420);
static_assert(mldsa_sizes(MlDsaParameterSet::kMlDsa65).public_key == 1952);
static_assert(mldsa_sizes(MlDsaParameterSet::kMlDsa65).secret_key == 4032);
static_assert(mldsa_sizes(MlDsaParameterSet::kMlDsa65).signature == 3309);
static_assert(mldsa_sizes(MlDsaParameterSet::kMlDsa87).public_key == 2592);
static_assert(mldsa_sizes(MlDsaParameterSet::kMlDsa87).secret_key == 4896);
static_assert(mldsa_sizes(MlDsaParameterSet::kMlDsa87).signature == 4627);

}  // namespace craton::pqc
