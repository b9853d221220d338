// Keccak-f[1600] and the FIPS 202 sponge functions (SHA3-224/256/384/512, SHAKE128/256).
//
// KeccakSponge is the one incremental sponge every PQC algorithm here builds on: ML-KEM and
// ML-DSA use SHAKE as an XOF and SHA3 as a hash, SLH-DSA's SHAKE parameter sets use SHAKE256.
// It absorbs any number of byte strings, is finalized once (domain-separation suffix plus
// pad10*1), then squeezes an unbounded output stream in as many calls as the caller likes.
// The state is wiped on destruction because it usually holds secret-derived material.
#pragma once

#include <cstddef>
#include <cstdint>

namespace craton::pqc {

// The 24-round Keccak-f[1600] permutation on 25 little-endian lanes, lane (x, y) at x + 5y.
void keccak_f1600(std::uint64_t state[25]) noexcept;

class KeccakSponge {
  public:
    // rate in bytes (168 SHAKE128, 136 SHAKE256/SHA3-256, 104 SHA3-384, 72 SHA3-512,
    // 144 SHA3-224); domain is the suffix byte including the first padding bit
    // (0x1F for SHAKE, 0x06 for SHA3).
    KeccakSponge(std::size_t rate, std::uint8_t domain) noexcept;
    ~KeccakSponge();

    KeccakSponge(const KeccakSponge&) = default;
    KeccakSponge& operator=(const KeccakSponge&) = default;

    // Absorbing after finalize() is a caller error and is ignored.
    void absorb(const std::uint8_t* in, std::size_t len) noexcept;
    // Pads and switches to squeezing; calling it again has no effect.
    void finalize() noexcept;
    // Finalizes a message whose length is not a whole number of bytes: the last `nbits`
    // (0..7) message bits are the low bits of `bits`, first bit in bit 0 (FIPS 202 order).
    void finalize_with_bits(std::uint8_t bits, unsigned nbits) noexcept;
    // Finalizes if needed, then continues the output stream.
    void squeeze(std::uint8_t* out, std::size_t len) noexcept;
    // Back to the empty-message state with the same rate and domain.
    void reset() noexcept;

    std::size_t rate() const noexcept { return rate_; }

  private:
    std::uint64_t state_[25];
    std::size_t rate_;
    std::size_t pos_;  // byte offset within the current block (absorb or squeeze)
    std::uint8_t domain_;
    bool squeezing_;

    void xor_byte(std::size_t pos, std::uint8_t v) noexcept;
    std::uint8_t get_byte(std::size_t pos) const noexcept;
};

class Shake128 : public KeccakSponge {
  public:
    static constexpr std::size_t kRate = 168;
    Shake128() noexcept : KeccakSponge(kRate, 0x1F) {}
};

class Shake256 : public KeccakSponge {
  public:
    static constexpr std::size_t kRate = 136;
    Shake256() noexcept : KeccakSponge(kRate, 0x1F) {}
};

void sha3_224(const std::uint8_t* in, std::size_t len, std::uint8_t out[28]) noexcept;
void sha3_256(const std::uint8_t* in, std::size_t len, std::uint8_t out[32]) noexcept;
void sha3_384(const std::uint8_t* in, std::size_t len, std::uint8_t out[48]) noexcept;
void sha3_512(const std::uint8_t* in, std::size_t len, std::uint8_t out[64]) noexcept;
void shake128(const std::uint8_t* in, std::size_t len, std::uint8_t* out,
              std::size_t outlen) noexcept;
void shake256(const std::uint8_t* in, std::size_t len, std::uint8_t* out,
              std::size_t outlen) noexcept;

}  // namespace craton::pqc
