// The tweakable hash functions of FIPS 205 §11 (F, H, T_l, PRF, PRF_msg, H_msg) for one
// parameter set and one PK.seed.
//
// A HashSuite is built once per key generation, signature or verification. For the SHA2 sets
// it stores the SHA-256 (and, for categories 3 and 5, SHA-512) chaining value after the block
// PK.seed || 0-padding, which §11.2 defines as the first block of every F/H/T/PRF input, so each
// of the millions of F calls costs one compression. For the SHAKE sets PK.seed, ADRS and the
// input are lane-aligned, so F/H/PRF load the Keccak state directly and run one permutation.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "pqc/slhdsa/address.h"
#include "pqc/slhdsa/params.h"

namespace craton::pqc::slhdsa {

// A message handed around as consecutive pieces, so the pure and pre-hash wrappers can put
// their domain-separation header in front of a long message without copying it.
using MessageParts = std::span<const std::span<const std::uint8_t>>;

class HashSuite {
  public:
    // pk_seed: params.n bytes; kept by pointer, so it must outlive the suite.
    HashSuite(const Params& params, const std::uint8_t* pk_seed) noexcept;
    ~HashSuite();
    HashSuite(const HashSuite&) = delete;
    HashSuite& operator=(const HashSuite&) = delete;

    const Params& params() const noexcept { return params_; }
    const std::uint8_t* pk_seed() const noexcept { return pk_seed_; }

    // F: n bytes -> n bytes.
    void f(const Address& adrs, const std::uint8_t* in, std::uint8_t* out) noexcept;
    // H: 2n bytes -> n bytes.
    void h(const Address& adrs, const std::uint8_t* in, std::uint8_t* out) noexcept;
    // T_l: l * n bytes -> n bytes.
    void t(const Address& adrs, const std::uint8_t* in, std::size_t l, std::uint8_t* out) noexcept;
    // PRF(PK.seed, SK.seed, ADRS) -> n bytes.
    void prf(const Address& adrs, const std::uint8_t* sk_seed, std::uint8_t* out) noexcept;
    // PRF_msg(SK.prf, opt_rand, M) -> n bytes (the signature randomizer R).
    void prf_msg(const std::uint8_t* sk_prf, const std::uint8_t* opt_rand, MessageParts message,
                 std::uint8_t* out) noexcept;
    // H_msg(R, PK.seed, PK.root, M) -> params.m bytes.
    void h_msg(const std::uint8_t* r, const std::uint8_t* pk_root, MessageParts message,
               std::uint8_t* out) noexcept;

  private:
    const Params& params_;
    const std::uint8_t* pk_seed_;
    // SHA2 sets: chaining values after the padded PK.seed block.
    std::uint32_t seeded256_[8];
    std::uint64_t seeded512_[8];
    // SHAKE sets: PK.seed as little-endian Keccak lanes (n is a multiple of 8).
    std::uint64_t seed_lanes_[kMaxN / 8];
    // Scratch reused by every F/H/PRF call. Each call overwrites what the previous one left
    // (which may be secret: SK.seed in PRF, unrevealed chain values in F), and the destructor
    // wipes it, so secrets do not outlive the operation without paying a wipe per hash call.
    // The SHA2 blocks keep their padding and length fields from sha2_init() between calls.
    std::uint8_t sha2_f_block_[64];
    std::uint8_t sha2_h_block_[128];
    std::uint64_t keccak_state_[25];

    void sha2_init() noexcept;
    void sha2_f_like(const Address& adrs, const std::uint8_t* in, std::uint8_t* out) noexcept;
    void sha2_h(const Address& adrs, const std::uint8_t* in, std::uint8_t* out) noexcept;
    void sha2_t(const Address& adrs, const std::uint8_t* in, std::size_t len,
                std::uint8_t* out) noexcept;
    void sha2_prf_msg(const std::uint8_t* sk_prf, const std::uint8_t* opt_rand,
                      MessageParts message, std::uint8_t* out) noexcept;
    void sha2_h_msg(const std::uint8_t* r, const std::uint8_t* pk_root, MessageParts message,
                    std::uint8_t* out) noexcept;

    void shake_init() noexcept;
    void shake_one_block(const Address& adrs, const std::uint8_t* in, std::size_t len,
                         std::uint8_t* out) noexcept;
    void shake_t(const Address& adrs, const std::uint8_t* in, std::size_t len,
                 std::uint8_t* out) noexcept;
    void shake_prf_msg(const std::uint8_t* sk_prf, const std::uint8_t* opt_rand,
                       MessageParts message, std::uint8_t* out) noexcept;
    void shake_h_msg(const std::uint8_t* r, const std::uint8_t* pk_root, MessageParts message,
                     std::uint8_t* out) noexcept;
};

}  // namespace craton::pqc::slhdsa
