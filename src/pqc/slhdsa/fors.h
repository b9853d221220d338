// FORS few-time signatures, FIPS 205 §8: k Merkle trees of height a whose selected leaves
// sign the message digest md, a bits per tree.
#pragma once

#include <cstdint>

#include "pqc/slhdsa/address.h"
#include "pqc/slhdsa/hash_suite.h"

namespace craton::pqc::slhdsa {

// base_2b of Alg. 4: out_len integers of b bits read big-endian from in.
void base_2b(const std::uint8_t* in, unsigned b, unsigned out_len, std::uint32_t* out) noexcept;

// Alg. 16 (fors_sign) and the public key it implies (Alg. 17, computed from the tree roots the
// signing pass already has). adrs: tree and key pair set, type FORS_TREE. md is public.
// Writes params.fors_sig_bytes() to sig and n bytes to pk.
void fors_sign(HashSuite& hash, const std::uint8_t* md, const std::uint8_t* sk_seed,
               const Address& adrs, std::uint8_t* sig, std::uint8_t* pk) noexcept;

// Alg. 17 (fors_pkFromSig).
void fors_pk_from_sig(HashSuite& hash, const std::uint8_t* sig, const std::uint8_t* md,
                      const Address& adrs, std::uint8_t* pk) noexcept;

}  // namespace craton::pqc::slhdsa
