// WOTS+ one-time signatures, FIPS 205 §5, with w = 16 as in every parameter set.
//
// Key generation and signing are fused: an XMSS tree needs the public key of every leaf anyway,
// and the signature of its one signing leaf is the set of intermediate chain values at the
// message digits, so they are picked up while that leaf's chains are computed.
#pragma once

#include <cstdint>

#include "pqc/slhdsa/address.h"
#include "pqc/slhdsa/hash_suite.h"

namespace craton::pqc::slhdsa {

// The len base-16 digits of an n-byte message followed by its 3-digit checksum (Alg. 7 lines 1-9).
void wots_digits(const Params& params, const std::uint8_t* message, std::uint8_t* digits) noexcept;

// Alg. 6 (wots_pkGen): adrs has layer, tree and key pair set, type WOTS_HASH. Writes the n-byte
// public key. When digits is not null also writes the signature (len * n bytes) of the message
// with those digits (Alg. 7), the digits being public.
void wots_pk_gen(HashSuite& hash, const std::uint8_t* sk_seed, Address adrs, std::uint8_t* pk,
                 const std::uint8_t* digits = nullptr, std::uint8_t* sig = nullptr) noexcept;

// Alg. 8 (wots_pkFromSig): the public key a signature of message implies.
void wots_pk_from_sig(HashSuite& hash, const std::uint8_t* sig, const std::uint8_t* message,
                      Address adrs, std::uint8_t* pk) noexcept;

}  // namespace craton::pqc::slhdsa
