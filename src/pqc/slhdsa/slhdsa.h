// SLH-DSA, the stateless hash-based signature scheme of FIPS 205, for all twelve parameter sets.
//
// This is the module's only entry point to SLH-DSA. It takes every seed and every byte of
// randomness as an argument (the caller's DRBG supplies them), so the same calls serve key
// generation, the ACVP known-answer tests and deterministic signing:
//   - slh_keygen_internal / slh_sign_internal / slh_verify_internal: FIPS 205 §9 (Alg. 18-20).
//   - slh_sign / slh_verify: pure SLH-DSA with a context string (§10.2, Alg. 22 and 24).
//   - hash_slh_sign / hash_slh_verify: HashSLH-DSA, which hashes the message with one of the
//     approved functions (§10.2.2, Alg. 23 and 25); the *_digest variants take the digest
//     already computed, as PKCS#11 CKM_HASH_SLH_DSA hands it over.
// An absent addrnd (std::nullopt) selects the deterministic variant (opt_rand = PK.seed).
// Wrong key, seed, randomness, digest or output-buffer lengths, and contexts over 255 bytes
// when signing, throw std::invalid_argument. A signature of the wrong length or content
// verifies false; so does a context over 255 bytes (FIPS 205 Alg. 24/25 return false).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "pqc/slhdsa/params.h"
#include "pqc/slhdsa/prehash.h"

namespace craton::pqc::slhdsa {

using ByteSpan = std::span<const std::uint8_t>;
using MutableByteSpan = std::span<std::uint8_t>;

struct Sizes {
    std::size_t n;           // seed / hash length; also the length of addrnd
    std::size_t public_key;  // PK.seed || PK.root
    std::size_t secret_key;  // SK.seed || SK.prf || PK.seed || PK.root
    std::size_t signature;
};

Sizes sizes(ParameterSet set);
// "SLH-DSA-SHA2-128s" ... as FIPS 205 and ACVP spell them.
std::string_view name(ParameterSet set);
std::optional<ParameterSet> parameter_set_from_name(std::string_view name);

// Alg. 18: sk_seed, sk_prf, pk_seed are n bytes; sk_out and pk_out exactly sizes().
void slh_keygen_internal(ParameterSet set, ByteSpan sk_seed, ByteSpan sk_prf, ByteSpan pk_seed,
                         MutableByteSpan sk_out, MutableByteSpan pk_out);

// Alg. 19 on the already-formatted message M'.
void slh_sign_internal(ParameterSet set, ByteSpan message, ByteSpan sk,
                       std::optional<ByteSpan> addrnd, MutableByteSpan sig_out);
// Alg. 20.
bool slh_verify_internal(ParameterSet set, ByteSpan message, ByteSpan sig, ByteSpan pk);

// Alg. 22 / 24: M' = 0x00 || |ctx| || ctx || M.
void slh_sign(ParameterSet set, ByteSpan message, ByteSpan context, ByteSpan sk,
              std::optional<ByteSpan> addrnd, MutableByteSpan sig_out);
std::vector<std::uint8_t> slh_sign(ParameterSet set, ByteSpan message, ByteSpan context,
                                   ByteSpan sk, std::optional<ByteSpan> addrnd);
bool slh_verify(ParameterSet set, ByteSpan message, ByteSpan sig, ByteSpan context, ByteSpan pk);

// Alg. 23 / 25: M' = 0x01 || |ctx| || ctx || OID(PH) || PH(M).
void hash_slh_sign(ParameterSet set, ByteSpan message, ByteSpan context, PreHash ph, ByteSpan sk,
                   std::optional<ByteSpan> addrnd, MutableByteSpan sig_out);
std::vector<std::uint8_t> hash_slh_sign(ParameterSet set, ByteSpan message, ByteSpan context,
                                        PreHash ph, ByteSpan sk, std::optional<ByteSpan> addrnd);
bool hash_slh_verify(ParameterSet set, ByteSpan message, ByteSpan sig, ByteSpan context, PreHash ph,
                     ByteSpan pk);

// As above with PH(M) supplied; digest must be prehash_digest_bytes(ph) long.
void hash_slh_sign_digest(ParameterSet set, ByteSpan digest, ByteSpan context, PreHash ph,
                          ByteSpan sk, std::optional<ByteSpan> addrnd, MutableByteSpan sig_out);
bool hash_slh_verify_digest(ParameterSet set, ByteSpan digest, ByteSpan sig, ByteSpan context,
                            PreHash ph, ByteSpan pk);

}  // namespace craton::pqc::slhdsa
