// The FIPS 205 §9 internal functions on a message given in pieces (see MessageParts), shared
// by the public internal interface and by the pure and pre-hash wrappers. Lengths are checked
// by the callers in slhdsa.cpp; these functions assume them.
#pragma once

#include <cstdint>

#include "pqc/slhdsa/hash_suite.h"
#include "pqc/slhdsa/params.h"

namespace craton::pqc::slhdsa::detail {

// Alg. 18: writes sk (4n bytes) and pk (2n bytes); the outputs may alias the inputs.
void keygen(const Params& params, const std::uint8_t* sk_seed, const std::uint8_t* sk_prf,
            const std::uint8_t* pk_seed, std::uint8_t* sk, std::uint8_t* pk) noexcept;

// Alg. 19: addrnd is n bytes, or null for deterministic signing. Writes params.sig_bytes.
void sign(const Params& params, MessageParts message, const std::uint8_t* sk,
          const std::uint8_t* addrnd, std::uint8_t* sig) noexcept;

// Alg. 20 for a signature already known to be params.sig_bytes long.
bool verify(const Params& params, MessageParts message, const std::uint8_t* sig,
            const std::uint8_t* pk) noexcept;

}  // namespace craton::pqc::slhdsa::detail
