// Bit packing for ML-DSA encodings.
#include "pqc/mldsa/packing.h"

#include <cstring>

#include "pqc/common/ct_check.h"
#include "pqc/common/secure_wipe.h"

namespace craton::pqc::mldsa {

void pack_bits(std::uint8_t* out, const Poly& a, int bits) noexcept {
    // 256 * bits is a multiple of 8 for every width used, so the accumulator ends empty.
    std::uint64_t acc = 0;
    int filled = 0;
    for (std::size_t i = 0; i < kN; ++i) {
        acc |= static_cast<std::uint64_t>(static_cast<std::uint32_t>(a[i])) << filled;
        filled += bits;
        while (filled >= 8) {
            *out++ = static_cast<std::uint8_t>(acc);
            acc >>= 8;
            filled -= 8;
        }
    }
}

void unpack_bits(Poly& a, const std::uint8_t* in, int bits) noexcept {
    const std::uint64_t mask = (std::uint64_t{1} << bits) - 1;
    std::uint64_t acc = 0;
    int filled = 0;
    for (std::size_t i = 0; i < kN; ++i) {
        while (filled < bits) {
            acc |= static_cast<std::uint64_t>(*in++) << filled;
            filled += 8;
        }
        a[i] = static_cast<std::int32_t>(acc & mask);
        acc >>= bits;
        filled -= bits;
    }
}

void pack_offset(std::uint8_t* out, const Poly& a, int bits, std::int32_t b) noexcept {
    // The shifted copy holds secret coefficients when encoding sk.
    Poly shifted;
    for (std::size_t i = 0; i < kN; ++i) shifted[i] = b - a[i];
    pack_bits(out, shifted, bits);
    secure_wipe(shifted.data(), sizeof shifted);
}

void unpack_offset(Poly& a, const std::uint8_t* in, int bits, std::int32_t b) noexcept {
    unpack_bits(a, in, bits);
    for (auto& c : a) c = b - c;
}

void pk_encode(std::uint8_t* out, const std::uint8_t rho[kRhoBytes], const Poly* t1,
               const MlDsaParams& p) noexcept {
    std::memcpy(out, rho, kRhoBytes);
    out += kRhoBytes;
    for (int i = 0; i < p.k; ++i, out += poly_bytes(kT1Bits)) pack_bits(out, t1[i], kT1Bits);
}

void pk_decode(const std::uint8_t* in, std::uint8_t rho[kRhoBytes], Poly* t1,
               const MlDsaParams& p) noexcept {
    std::memcpy(rho, in, kRhoBytes);
    in += kRhoBytes;
    for (int i = 0; i < p.k; ++i, in += poly_bytes(kT1Bits)) unpack_bits(t1[i], in, kT1Bits);
}

void sk_encode(std::uint8_t* out, const std::uint8_t rho[kRhoBytes],
               const std::uint8_t key[kKeyBytes], const std::uint8_t tr[kTrBytes], const Poly* s1,
               const Poly* s2, const Poly* t0, const MlDsaParams& p) noexcept {
    std::memcpy(out, rho, kRhoBytes);
    out += kRhoBytes;
    std::memcpy(out, key, kKeyBytes);
    out += kKeyBytes;
    std::memcpy(out, tr, kTrBytes);
    out += kTrBytes;
    const int eb = eta_bits(p);
    for (int i = 0; i < p.l; ++i, out += poly_bytes(eb)) pack_offset(out, s1[i], eb, p.eta);
    for (int i = 0; i < p.k; ++i, out += poly_bytes(eb)) pack_offset(out, s2[i], eb, p.eta);
    for (int i = 0; i < p.k; ++i, out += poly_bytes(kT0Bits)) {
        pack_offset(out, t0[i], kT0Bits, 1 << (kD - 1));
    }
}

bool sk_decode(const std::uint8_t* in, std::uint8_t rho[kRhoBytes], std::uint8_t key[kKeyBytes],
               std::uint8_t tr[kTrBytes], Poly* s1, Poly* s2, Poly* t0,
               const MlDsaParams& p) noexcept {
    std::memcpy(rho, in, kRhoBytes);
    in += kRhoBytes;
    std::memcpy(key, in, kKeyBytes);
    in += kKeyBytes;
    std::memcpy(tr, in, kTrBytes);
    in += kTrBytes;
    const int eb = eta_bits(p);
    // A packed field holds eta - s in [0, 2^eb); valid fields are at most 2*eta.
    std::uint32_t out_of_range = 0;
    auto decode_eta = [&](Poly& s) {
        unpack_bits(s, in, eb);
        in += poly_bytes(eb);
        for (auto& c : s) {
            out_of_range |= static_cast<std::uint32_t>(2 * p.eta - c) >> 31;
            c = p.eta - c;
        }
    };
    for (int i = 0; i < p.l; ++i) decode_eta(s1[i]);
    for (int i = 0; i < p.k; ++i) decode_eta(s2[i]);
    for (int i = 0; i < p.k; ++i, in += poly_bytes(kT0Bits)) {
        unpack_offset(t0[i], in, kT0Bits, 1 << (kD - 1));
    }
    CRATON_CT_DECLASSIFY(&out_of_range, sizeof out_of_range);
    return out_of_range == 0;
}

void sig_encode(std::uint8_t* out, const std::uint8_t* ctilde, const Poly* z,
                const std::uint8_t* hints, const MlDsaParams& p) noexcept {
    const std::size_t ct_len = ctilde_bytes(p);
    std::memcpy(out, ctilde, ct_len);
    out += ct_len;
    const int zb = z_bits(p);
    for (int i = 0; i < p.l; ++i, out += poly_bytes(zb)) pack_offset(out, z[i], zb, p.gamma1);
    // HintBitPack: the positions of the ones, then the running count after each polynomial.
    std::memset(out, 0, static_cast<std::size_t>(p.omega + p.k));
    int index = 0;
    for (int i = 0; i < p.k; ++i) {
        for (int j = 0; j < kN; ++j) {
            if (hints[i * kN + j] != 0 && index < p.omega) {
                out[index++] = static_cast<std::uint8_t>(j);
            }
        }
        out[p.omega + i] = static_cast<std::uint8_t>(index);
    }
}

bool sig_decode(const std::uint8_t* in, std::uint8_t* ctilde, Poly* z, std::uint8_t* hints,
                const MlDsaParams& p) noexcept {
    const std::size_t ct_len = ctilde_bytes(p);
    std::memcpy(ctilde, in, ct_len);
    in += ct_len;
    const int zb = z_bits(p);
    for (int i = 0; i < p.l; ++i, in += poly_bytes(zb)) unpack_offset(z[i], in, zb, p.gamma1);
    // HintBitUnpack (FIPS 204 Algorithm 21).
    std::memset(hints, 0, static_cast<std::size_t>(p.k) * kN);
    int index = 0;
    for (int i = 0; i < p.k; ++i) {
        const int end = in[p.omega + i];
        if (end < index || end > p.omega) return false;
        const int first = index;
        for (; index < end; ++index) {
            if (index > first && in[index - 1] >= in[index]) return false;
            hints[i * kN + in[index]] = 1;
        }
    }
    for (; index < p.omega; ++index) {
        if (in[index] != 0) return false;
    }
    return true;
}

std::size_t w1_encoded_bytes(const MlDsaParams& p) noexcept {
    return static_cast<std::size_t>(p.k) * poly_bytes(w1_bits(p));
}

void w1_encode(std::uint8_t* out, const Poly* w1, const MlDsaParams& p) noexcept {
    const int bits = w1_bits(p);
    for (int i = 0; i < p.k; ++i, out += poly_bytes(bits)) pack_bits(out, w1[i], bits);
}

}  // namespace craton::pqc::mldsa
