// The SHAKE instantiation of the SLH-DSA hash functions, FIPS 205 §11.1: every function is
// SHAKE256 of the concatenated inputs.
//
// F, H and PRF inputs (PK.seed || ADRS || n or 2n bytes, at most 128 bytes) fit in one
// 136-byte block and all their pieces are whole 8-byte lanes, so they are written straight
// into the Keccak state and padded by hand: one permutation, no sponge bookkeeping.
#include <bit>
#include <cstring>

#include "pqc/keccak/keccak.h"
#include "pqc/slhdsa/hash_suite.h"

namespace craton::pqc::slhdsa {

namespace {

constexpr std::size_t kShake256Rate = 136;

std::uint64_t load_le64(const std::uint8_t* p) noexcept {
    if constexpr (std::endian::native == std::endian::little) {
        std::uint64_t v;
        std::memcpy(&v, p, sizeof v);
        return v;
    } else {
        std::uint64_t v = 0;
        for (int i = 7; i >= 0; --i) v = (v << 8) | p[i];
        return v;
    }
}

void store_le64(std::uint8_t* p, std::uint64_t v) noexcept {
    if constexpr (std::endian::native == std::endian::little) {
        std::memcpy(p, &v, sizeof v);
    } else {
        for (int i = 0; i < 8; ++i) p[i] = static_cast<std::uint8_t>(v >> (8 * i));
    }
}

void absorb_parts(KeccakSponge& sponge, MessageParts parts) noexcept {
    for (const auto& part : parts) sponge.absorb(part.data(), part.size());
}

}  // namespace

void HashSuite::shake_init() noexcept {
    for (std::size_t i = 0; i < params_.n / 8; ++i) seed_lanes_[i] = load_le64(pk_seed_ + 8 * i);
}

void HashSuite::shake_one_block(const Address& adrs, const std::uint8_t* in, std::size_t len,
                                std::uint8_t* out) noexcept {
    std::uint64_t* state = keccak_state_;
    std::size_t lane = 0;
    for (std::size_t i = 0; i < params_.n / 8; ++i) state[lane++] = seed_lanes_[i];
    for (std::size_t i = 0; i < Address::kBytes / 8; ++i) {
        state[lane++] = load_le64(adrs.bytes() + 8 * i);
    }
    for (std::size_t i = 0; i < len / 8; ++i) state[lane++] = load_le64(in + 8 * i);
    // SHAKE suffix 1111 plus the first pad bit right after the message, the last pad bit at
    // the end of the rate, zero capacity.
    state[lane++] = 0x1F;
    while (lane < 25) state[lane++] = 0;
    state[kShake256Rate / 8 - 1] ^= std::uint64_t{0x80} << 56;
    keccak_f1600(state);
    for (std::size_t i = 0; i < params_.n / 8; ++i) store_le64(out + 8 * i, state[i]);
}

void HashSuite::shake_t(const Address& adrs, const std::uint8_t* in, std::size_t len,
                        std::uint8_t* out) noexcept {
    Shake256 sponge;
    sponge.absorb(pk_seed_, params_.n);
    sponge.absorb(adrs.bytes(), Address::kBytes);
    sponge.absorb(in, len);
    sponge.squeeze(out, params_.n);
}

void HashSuite::shake_prf_msg(const std::uint8_t* sk_prf, const std::uint8_t* opt_rand,
                              MessageParts message, std::uint8_t* out) noexcept {
    Shake256 sponge;
    sponge.absorb(sk_prf, params_.n);
    sponge.absorb(opt_rand, params_.n);
    absorb_parts(sponge, message);
    sponge.squeeze(out, params_.n);
}

void HashSuite::shake_h_msg(const std::uint8_t* r, const std::uint8_t* pk_root,
                            MessageParts message, std::uint8_t* out) noexcept {
    Shake256 sponge;
    sponge.absorb(r, params_.n);
    sponge.absorb(pk_seed_, params_.n);
    sponge.absorb(pk_root, params_.n);
    absorb_parts(sponge, message);
    sponge.squeeze(out, params_.m);
}

}  // namespace craton::pqc::slhdsa
