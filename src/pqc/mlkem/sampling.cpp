// SHAKE-based samplers for ML-KEM.
#include "pqc/mlkem/sampling.h"

#include "pqc/common/secure_wipe.h"
#include "pqc/keccak/keccak.h"

namespace craton::pqc::mlkem {

void sample_ntt(Poly& out, const std::uint8_t rho[32], std::uint8_t x, std::uint8_t y) noexcept {
    Shake128 xof;
    xof.absorb(rho, 32);
    const std::uint8_t idx[2] = {x, y};
    xof.absorb(idx, 2);
    // One SHAKE128 block is 168 = 56 * 3 bytes, so 3-byte groups never straddle a squeeze.
    std::uint8_t block[Shake128::kRate];
    int filled = 0;
    while (filled < kN) {
        xof.squeeze(block, sizeof block);
        for (std::size_t pos = 0; pos + 3 <= sizeof block && filled < kN; pos += 3) {
            const int d1 = block[pos] | ((block[pos + 1] & 0x0F) << 8);
            const int d2 = (block[pos + 1] >> 4) | (block[pos + 2] << 4);
            if (d1 < kQ) out[filled++] = static_cast<std::int16_t>(d1);
            if (d2 < kQ && filled < kN) out[filled++] = static_cast<std::int16_t>(d2);
        }
    }
}

void generate_matrix(PolyVec (&a)[kMaxK], int k, const std::uint8_t rho[32],
                     bool transposed) noexcept {
    for (int i = 0; i < k; ++i) {
        for (int j = 0; j < k; ++j) {
            const auto ui = static_cast<std::uint8_t>(i);
            const auto uj = static_cast<std::uint8_t>(j);
            if (transposed) {
                sample_ntt(a[i][j], rho, ui, uj);
            } else {
                sample_ntt(a[i][j], rho, uj, ui);
            }
        }
    }
}

namespace {

std::uint32_t load_le32(const std::uint8_t* p) noexcept {
    return p[0] | (std::uint32_t{p[1]} << 8) | (std::uint32_t{p[2]} << 16) |
           (std::uint32_t{p[3]} << 24);
}

std::uint32_t load_le24(const std::uint8_t* p) noexcept {
    return p[0] | (std::uint32_t{p[1]} << 8) | (std::uint32_t{p[2]} << 16);
}

// Coefficient i is (sum of eta bits) - (sum of the next eta bits); adding shifted copies of a
// word masked to every eta-th bit sums eta adjacent bits in each eta-bit field at once.
void cbd2(Poly& out, const std::uint8_t* buf) noexcept {
    for (int i = 0; i < kN / 8; ++i) {
        const std::uint32_t t = load_le32(buf + 4 * i);
        const std::uint32_t d = (t & 0x55555555u) + ((t >> 1) & 0x55555555u);
        for (int j = 0; j < 8; ++j) {
            const auto a = static_cast<std::int16_t>((d >> (4 * j)) & 3u);
            const auto b = static_cast<std::int16_t>((d >> (4 * j + 2)) & 3u);
            out[8 * i + j] = static_cast<std::int16_t>(a - b);
        }
    }
}

void cbd3(Poly& out, const std::uint8_t* buf) noexcept {
    for (int i = 0; i < kN / 4; ++i) {
        const std::uint32_t t = load_le24(buf + 3 * i);
        const std::uint32_t d =
            (t & 0x00249249u) + ((t >> 1) & 0x00249249u) + ((t >> 2) & 0x00249249u);
        for (int j = 0; j < 4; ++j) {
            const auto a = static_cast<std::int16_t>((d >> (6 * j)) & 7u);
            const auto b = static_cast<std::int16_t>((d >> (6 * j + 3)) & 7u);
            out[4 * i + j] = static_cast<std::int16_t>(a - b);
        }
    }
}

}  // namespace

void sample_cbd(Poly& out, const std::uint8_t sigma[32], std::uint8_t nonce, int eta) noexcept {
    std::uint8_t buf[64 * 3];
    const std::size_t len = 64 * static_cast<std::size_t>(eta);
    Shake256 prf;
    prf.absorb(sigma, 32);
    prf.absorb(&nonce, 1);
    prf.squeeze(buf, len);
    if (eta == 2) {
        cbd2(out, buf);
    } else {
        cbd3(out, buf);
    }
    secure_wipe(buf, sizeof buf);
}

}  // namespace craton::pqc::mlkem
