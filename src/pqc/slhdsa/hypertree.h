// XMSS trees (FIPS 205 §6) and the hypertree of d layers of them (§7).
//
// Signing one XMSS layer builds its whole tree once: the root (the message signed by the layer
// above), the authentication path and the WOTS+ signature of the signing leaf come out of the
// same pass over the 2^h' leaves.
#pragma once

#include <cstdint>

#include "pqc/slhdsa/address.h"
#include "pqc/slhdsa/hash_suite.h"

namespace craton::pqc::slhdsa {

// Root of the XMSS tree addressed by adrs (layer and tree set). When message is not null, also
// writes the XMSS signature (WOTS+ signature || AUTH, params.xmss_sig_bytes()) of the n-byte
// public message at leaf idx (Alg. 10).
void xmss_tree(HashSuite& hash, const std::uint8_t* sk_seed, const Address& adrs, std::uint32_t idx,
               const std::uint8_t* message, std::uint8_t* sig, std::uint8_t* root) noexcept;

// Alg. 11 (xmss_pkFromSig): the root implied by an XMSS signature.
void xmss_pk_from_sig(HashSuite& hash, std::uint32_t idx, const std::uint8_t* sig,
                      const std::uint8_t* message, const Address& adrs,
                      std::uint8_t* root) noexcept;

// Alg. 12 (ht_sign): writes the hypertree signature (d XMSS signatures) of an n-byte message.
void ht_sign(HashSuite& hash, const std::uint8_t* message, const std::uint8_t* sk_seed,
             std::uint64_t idx_tree, std::uint32_t idx_leaf, std::uint8_t* sig) noexcept;

// Alg. 13 (ht_verify).
bool ht_verify(HashSuite& hash, const std::uint8_t* message, const std::uint8_t* sig,
               std::uint64_t idx_tree, std::uint32_t idx_leaf,
               const std::uint8_t* pk_root) noexcept;

}  // namespace craton::pqc::slhdsa
