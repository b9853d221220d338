// Keccak-f[1600] with one fully unrolled round body: all 25 lanes live in local variables so
// the compiler keeps them in registers, which is what makes a portable Keccak fast.
#include "pqc/keccak/keccak.h"

#include <array>
#include <bit>

namespace craton::pqc {

namespace {

constexpr std::uint64_t rotl(std::uint64_t v, int n) noexcept {
    return std::rotl(v, n);
}

// Round constants from the FIPS 202 rc(t) LFSR (x^8 + x^6 + x^5 + x^4 + 1), computed at compile
// time so the table cannot be mistyped.
constexpr std::array<std::uint64_t, 24> make_round_constants() {
    std::array<std::uint64_t, 24> rcs{};
    std::uint8_t lfsr = 1;
    for (int round = 0; round < 24; ++round) {
        std::uint64_t rc = 0;
        for (int j = 0; j < 7; ++j) {
            if (lfsr & 1) rc |= std::uint64_t{1} << ((1 << j) - 1);
            lfsr = static_cast<std::uint8_t>((lfsr & 0x80) ? (lfsr << 1) ^ 0x71 : (lfsr << 1));
        }
        rcs[static_cast<std::size_t>(round)] = rc;
    }
    return rcs;
}

constexpr std::array<std::uint64_t, 24> kRoundConstants = make_round_constants();
static_assert(kRoundConstants[0] == 0x0000000000000001ULL);
static_assert(kRoundConstants[1] == 0x0000000000008082ULL);
static_assert(kRoundConstants[23] == 0x8000000080008008ULL);

}  // namespace

void keccak_f1600(std::uint64_t state[25]) noexcept {
    std::uint64_t a00 = state[0];
    std::uint64_t a10 = state[1];
    std::uint64_t a20 = state[2];
    std::uint64_t a30 = state[3];
    std::uint64_t a40 = state[4];
    std::uint64_t a01 = state[5];
    std::uint64_t a11 = state[6];
    std::uint64_t a21 = state[7];
    std::uint64_t a31 = state[8];
    std::uint64_t a41 = state[9];
    std::uint64_t a02 = state[10];
    std::uint64_t a12 = state[11];
    std::uint64_t a22 = state[12];
    std::uint64_t a32 = state[13];
    std::uint64_t a42 = state[14];
    std::uint64_t a03 = state[15];
    std::uint64_t a13 = state[16];
    std::uint64_t a23 = state[17];
    std::uint64_t a33 = state[18];
    std::uint64_t a43 = state[19];
    std::uint64_t a04 = state[20];
    std::uint64_t a14 = state[21];
    std::uint64_t a24 = state[22];
    std::uint64_t a34 = state[23];
    std::uint64_t a44 = state[24];
    for (const std::uint64_t rc : kRoundConstants) {
        // theta
        const std::uint64_t c0 = a00 ^ a01 ^ a02 ^ a03 ^ a04;
        const std::uint64_t c1 = a10 ^ a11 ^ a12 ^ a13 ^ a14;
        const std::uint64_t c2 = a20 ^ a21 ^ a22 ^ a23 ^ a24;
        const std::uint64_t c3 = a30 ^ a31 ^ a32 ^ a33 ^ a34;
        const std::uint64_t c4 = a40 ^ a41 ^ a42 ^ a43 ^ a44;
        const std::uint64_t d0 = c4 ^ rotl(c1, 1);
        const std::uint64_t d1 = c0 ^ rotl(c2, 1);
        const std::uint64_t d2 = c1 ^ rotl(c3, 1);
        const std::uint64_t d3 = c2 ^ rotl(c4, 1);
        const std::uint64_t d4 = c3 ^ rotl(c0, 1);
        // rho and pi: lane (x, y) moves to (y, 2x + 3y)
        const std::uint64_t b00 = (a00 ^ d0);
        const std::uint64_t b13 = rotl(a01 ^ d0, 36);
        const std::uint64_t b21 = rotl(a02 ^ d0, 3);
        const std::uint64_t b34 = rotl(a03 ^ d0, 41);
        const std::uint64_t b42 = rotl(a04 ^ d0, 18);
        const std::uint64_t b02 = rotl(a10 ^ d1, 1);
        const std::uint64_t b10 = rotl(a11 ^ d1, 44);
        const std::uint64_t b23 = rotl(a12 ^ d1, 10);
        const std::uint64_t b31 = rotl(a13 ^ d1, 45);
        const std::uint64_t b44 = rotl(a14 ^ d1, 2);
        const std::uint64_t b04 = rotl(a20 ^ d2, 62);
        const std::uint64_t b12 = rotl(a21 ^ d2, 6);
        const std::uint64_t b20 = rotl(a22 ^ d2, 43);
        const std::uint64_t b33 = rotl(a23 ^ d2, 15);
        const std::uint64_t b41 = rotl(a24 ^ d2, 61);
        const std::uint64_t b01 = rotl(a30 ^ d3, 28);
        const std::uint64_t b14 = rotl(a31 ^ d3, 55);
        const std::uint64_t b22 = rotl(a32 ^ d3, 25);
        const std::uint64_t b30 = rotl(a33 ^ d3, 21);
        const std::uint64_t b43 = rotl(a34 ^ d3, 56);
        const std::uint64_t b03 = rotl(a40 ^ d4, 27);
        const std::uint64_t b11 = rotl(a41 ^ d4, 20);
        const std::uint64_t b24 = rotl(a42 ^ d4, 39);
        const std::uint64_t b32 = rotl(a43 ^ d4, 8);
        const std::uint64_t b40 = rotl(a44 ^ d4, 14);
        // chi, with iota folded into lane (0, 0)
        a00 = b00 ^ (~b10 & b20) ^ rc;
        a10 = b10 ^ (~b20 & b30);
        a20 = b20 ^ (~b30 & b40);
        a30 = b30 ^ (~b40 & b00);
        a40 = b40 ^ (~b00 & b10);
        a01 = b01 ^ (~b11 & b21);
        a11 = b11 ^ (~b21 & b31);
        a21 = b21 ^ (~b31 & b41);
        a31 = b31 ^ (~b41 & b01);
        a41 = b41 ^ (~b01 & b11);
        a02 = b02 ^ (~b12 & b22);
        a12 = b12 ^ (~b22 & b32);
        a22 = b22 ^ (~b32 & b42);
        a32 = b32 ^ (~b42 & b02);
        a42 = b42 ^ (~b02 & b12);
        a03 = b03 ^ (~b13 & b23);
        a13 = b13 ^ (~b23 & b33);
        a23 = b23 ^ (~b33 & b43);
        a33 = b33 ^ (~b43 & b03);
        a43 = b43 ^ (~b03 & b13);
        a04 = b04 ^ (~b14 & b24);
        a14 = b14 ^ (~b24 & b34);
        a24 = b24 ^ (~b34 & b44);
        a34 = b34 ^ (~b44 & b04);
        a44 = b44 ^ (~b04 & b14);
    }
    state[0] = a00;
    state[1] = a10;
    state[2] = a20;
    state[3] = a30;
    state[4] = a40;
    state[5] = a01;
    state[6] = a11;
    state[7] = a21;
    state[8] = a31;
    state[9] = a41;
    state[10] = a02;
    state[11] = a12;
    state[12] = a22;
    state[13] = a32;
    state[14] = a42;
    state[15] = a03;
    state[16] = a13;
    state[17] = a23;
    state[18] = a33;
    state[19] = a43;
    state[20] = a04;
    state[21] = a14;
    state[22] = a24;
    state[23] = a34;
    state[24] = a44;
}

}  // namespace craton::pqc
