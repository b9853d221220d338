// Dispatch from the FIPS 205 hash-function names to the SHA2 (§11.2) or SHAKE (§11.1)
// instantiation; the instantiations themselves live in hash_sha2.cpp and hash_shake.cpp.
#include "pqc/slhdsa/hash_suite.h"

#include "pqc/common/secure_wipe.h"

namespace craton::pqc::slhdsa {

HashSuite::HashSuite(const Params& params, const std::uint8_t* pk_seed) noexcept
    : params_(params),
      pk_seed_(pk_seed),
      seeded256_{},
      seeded512_{},
      seed_lanes_{},
      sha2_f_block_{},
      sha2_h_block_{},
      keccak_state_{} {
    if (params_.shake) {
        shake_init();
    } else {
        sha2_init();
    }
}

HashSuite::~HashSuite() {
    // The scratch buffers may hold the last secret input hashed.
    secure_wipe(sha2_f_block_, sizeof sha2_f_block_);
    secure_wipe(sha2_h_block_, sizeof sha2_h_block_);
    secure_wipe(keccak_state_, sizeof keccak_state_);
}

void HashSuite::f(const Address& adrs, const std::uint8_t* in, std::uint8_t* out) noexcept {
    if (params_.shake) {
        shake_one_block(adrs, in, params_.n, out);
    } else {
        sha2_f_like(adrs, in, out);
    }
}

void HashSuite::h(const Address& adrs, const std::uint8_t* in, std::uint8_t* out) noexcept {
    if (params_.shake) {
        shake_one_block(adrs, in, 2 * params_.n, out);
    } else {
        sha2_h(adrs, in, out);
    }
}

void HashSuite::t(const Address& adrs, const std::uint8_t* in, std::size_t l,
                  std::uint8_t* out) noexcept {
    if (params_.shake) {
        shake_t(adrs, in, l * params_.n, out);
    } else {
        sha2_t(adrs, in, l * params_.n, out);
    }
}

void HashSuite::prf(const Address& adrs, const std::uint8_t* sk_seed, std::uint8_t* out) noexcept {
    // PRF has the shape of F with SK.seed as input in both families (SHA-256 in every SHA2
    // category, unlike H).
    f(adrs, sk_seed, out);
}

void HashSuite::prf_msg(const std::uint8_t* sk_prf, const std::uint8_t* opt_rand,
                        MessageParts message, std::uint8_t* out) noexcept {
    if (params_.shake) {
        shake_prf_msg(sk_prf, opt_rand, message, out);
    } else {
        sha2_prf_msg(sk_prf, opt_rand, message, out);
    }
}

void HashSuite::h_msg(const std::uint8_t* r, const std::uint8_t* pk_root, MessageParts message,
                      std::uint8_t* out) noexcept {
    if (params_.shake) {
        shake_h_msg(r, pk_root, message, out);
    } else {
        sha2_h_msg(r, pk_root, message, out);
    }
}

}  // namespace craton::pqc::slhdsa
