// SHAKE-driven samplers of FIPS 204 section 7.3.
#include "pqc/mldsa/sampling.h"

#include <cstring>

#include "pqc/common/ct_check.h"
#include "pqc/common/secure_wipe.h"
#include "pqc/keccak/keccak.h"
#include "pqc/mldsa/packing.h"

namespace craton::pqc::mldsa {

namespace {

void rej_ntt_poly(Poly& a, const std::uint8_t seed[kRhoBytes + 2]) noexcept {
    Shake128 xof;
    xof.absorb(seed, kRhoBytes + 2);
    std::uint8_t block[Shake128::kRate];  // 168 bytes = 56 candidates of 3 bytes
    int count = 0;
    while (count < kN) {
        xof.squeeze(block, sizeof block);
        for (std::size_t i = 0; i + 3 <= sizeof block && count < kN; i += 3) {
            const std::int32_t z = static_cast<std::int32_t>(block[i]) |
                                   (static_cast<std::int32_t>(block[i + 1]) << 8) |
                                   (static_cast<std::int32_t>(block[i + 2] & 0x7F) << 16);
            if (z < kQ) a[static_cast<std::size_t>(count++)] = z;
        }
    }
}

// One nibble of RejBoundedPoly. Returns the coefficient; `accept` is 1 if the nibble maps to
// a coefficient. The arithmetic is branch-free; only the verdict is branched on by the caller.
inline std::int32_t coeff_from_half_byte(std::uint32_t b, int eta, std::uint32_t& accept) {
    if (eta == 2) {
        accept = (b - 15) >> 31;  // b < 15
        // b mod 5 for b < 16 without a division: floor(b * 205 / 1024) == floor(b / 5).
        const std::uint32_t quotient = (b * 205) >> 10;
        return 2 - static_cast<std::int32_t>(b - 5 * quotient);
    }
    accept = (b - 9) >> 31;  // b < 9
    return 4 - static_cast<std::int32_t>(b);
}

void rej_bounded_poly(Poly& a, const std::uint8_t seed[66], int eta) noexcept {
    Shake256 xof;
    xof.absorb(seed, 66);
    std::uint8_t block[Shake256::kRate];
    int count = 0;
    while (count < kN) {
        xof.squeeze(block, sizeof block);
        for (std::size_t i = 0; i < sizeof block && count < kN; ++i) {
            for (unsigned half = 0; half < 2 && count < kN; ++half) {
                std::uint32_t accept = 0;
                const std::int32_t coeff =
                    coeff_from_half_byte((block[i] >> (4 * half)) & 0x0F, eta, accept);
                CRATON_CT_DECLASSIFY(&accept, sizeof accept);
                if (accept != 0) a[static_cast<std::size_t>(count++)] = coeff;
            }
        }
    }
    secure_wipe(block, sizeof block);
}

// Byte t of word t/8 holds t, for the byte-parallel index compare in sample_in_ball.
constexpr std::array<std::uint64_t, kN / 8> make_index_words() {
    std::array<std::uint64_t, kN / 8> w{};
    for (unsigned t = 0; t < kN; ++t) w[t / 8] |= std::uint64_t{t} << (8 * (t % 8));
    return w;
}
constexpr std::array<std::uint64_t, kN / 8> kIndexWords = make_index_words();

// 0xFF in every byte of x that is zero, 0x00 elsewhere (exact, no carries between bytes).
inline std::uint64_t zero_byte_mask(std::uint64_t x) {
    constexpr std::uint64_t kLow7 = 0x7F7F7F7F7F7F7F7FULL;
    const std::uint64_t high_if_zero = ~(((x & kLow7) + kLow7) | x | kLow7);
    return (high_if_zero >> 7) * 0xFF;
}

}  // namespace

void expand_a(Poly* a_hat, const std::uint8_t rho[kRhoBytes], const MlDsaParams& p) noexcept {
    std::uint8_t seed[kRhoBytes + 2];
    std::memcpy(seed, rho, kRhoBytes);
    for (int r = 0; r < p.k; ++r) {
        for (int s = 0; s < p.l; ++s) {
            seed[kRhoBytes] = static_cast<std::uint8_t>(s);
            seed[kRhoBytes + 1] = static_cast<std::uint8_t>(r);
            rej_ntt_poly(a_hat[r * p.l + s], seed);
        }
    }
}

void expand_s(Poly* s1, Poly* s2, const std::uint8_t rho_prime[64], const MlDsaParams& p) noexcept {
    std::uint8_t seed[66];
    std::memcpy(seed, rho_prime, 64);
    for (int r = 0; r < p.l + p.k; ++r) {
        seed[64] = static_cast<std::uint8_t>(r);
        seed[65] = static_cast<std::uint8_t>(r >> 8);
        rej_bounded_poly(r < p.l ? s1[r] : s2[r - p.l], seed, p.eta);
    }
    secure_wipe(seed, sizeof seed);
}

void expand_mask(Poly* y, const std::uint8_t rho_pp[64], std::uint32_t kappa,
                 const MlDsaParams& p) noexcept {
    const int bits = z_bits(p);
    std::uint8_t seed[66];
    std::uint8_t buf[32 * 20];  // 32 * (1 + bitlen(gamma1 - 1)) bytes, at most 640
    const std::size_t len = poly_bytes(bits);
    std::memcpy(seed, rho_pp, 64);
    for (int r = 0; r < p.l; ++r) {
        const std::uint32_t nonce = kappa + static_cast<std::uint32_t>(r);
        seed[64] = static_cast<std::uint8_t>(nonce);
        seed[65] = static_cast<std::uint8_t>(nonce >> 8);
        shake256(seed, sizeof seed, buf, len);
        unpack_offset(y[r], buf, bits, p.gamma1);
    }
    secure_wipe(seed, sizeof seed);
    secure_wipe(buf, sizeof buf);
}

void sample_in_ball(Poly& c, const std::uint8_t* ctilde, std::size_t ctilde_len, int tau) noexcept {
    Shake256 xof;
    xof.absorb(ctilde, ctilde_len);
    std::uint8_t block[Shake256::kRate];
    xof.squeeze(block, sizeof block);
    std::uint64_t signs = 0;
    for (int i = 7; i >= 0; --i) signs = (signs << 8) | block[i];
    std::size_t pos = 8;

    // Coefficients as bytes (0x00, 0x01 = +1, 0xFF = -1), eight to a word, so the swap with the
    // secret position j touches every byte the same way.
    std::uint64_t coeffs[kN / 8] = {};
    for (int i = kN - tau; i < kN; ++i) {
        std::uint32_t j = 0;
        for (;;) {
            if (pos == sizeof block) {
                xof.squeeze(block, sizeof block);
                pos = 0;
            }
            j = block[pos++];
            std::uint32_t accept = ((static_cast<std::uint32_t>(i) - j) >> 31) ^ 1u;  // j <= i
            CRATON_CT_DECLASSIFY(&accept, sizeof accept);
            if (accept != 0) break;
        }
        // c[i] = c[j]; c[j] = (-1)^sign. Position i is public and still zero here.
        const std::uint64_t sign_byte = 0x01 ^ ((0 - (signs & 1)) & 0xFE);
        signs >>= 1;
        const std::uint64_t sign_word = sign_byte * 0x0101010101010101ULL;
        const std::uint64_t j_word = std::uint64_t{j} * 0x0101010101010101ULL;
        std::uint64_t picked = 0;
        for (std::size_t w = 0; w < kN / 8; ++w) {
            const std::uint64_t m = zero_byte_mask(kIndexWords[w] ^ j_word);
            picked |= coeffs[w] & m;
            coeffs[w] = (coeffs[w] & ~m) | (sign_word & m);
        }
        picked |= picked >> 32;
        picked |= picked >> 16;
        picked |= picked >> 8;
        coeffs[i / 8] |= (picked & 0xFF) << (8 * (i % 8));
    }
    for (std::size_t t = 0; t < kN; ++t) {
        c[t] = static_cast<std::int8_t>(static_cast<std::uint8_t>(coeffs[t / 8] >> (8 * (t % 8))));
    }
    secure_wipe(coeffs, sizeof coeffs);
    secure_wipe(block, sizeof block);
}

}  // namespace craton::pqc::mldsa
