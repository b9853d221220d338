// The module's single source of randomness.
//
// Every key, nonce, salt, IV and C_GenerateRandom output comes through random_bytes(): a few
// SP 800-90A HMAC_DRBG instantiations (HMAC-SHA-256, hmac_drbg.h) per process, each serving a
// fixed set of threads, each instantiated from getrandom(2) with a personalisation string
// unique to process, thread and time, and reseeded from getrandom(2)
// before every request (prediction resistance). Both the entropy inputs and the output
// blocks pass a continuous test; a repeat moves the module to the error state. A forked
// child re-instantiates before its first output, so it never repeats the parent's stream.
// OpenSSL's own consumers (key generation, ECDSA nonces, PSS salts, blinding) reach the same
// DRBG through the library context in openssl_rand.h.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace craton::rng {

// Fills `out`. Throws Pkcs11Error(CKR_GENERAL_ERROR) if the module is in the error state or
// a health test fails (which enters it), CKR_FUNCTION_FAILED if the entropy source fails.
void random_bytes(std::span<std::uint8_t> out);
// Same, with SP 800-90A additional input mixed into this request.
void random_bytes(std::span<std::uint8_t> out, std::span<const std::uint8_t> additional);
// Mixes caller-supplied bytes into the generator state (C_SeedRandom): a reseed with fresh
// getrandom(2) entropy and `seed` as additional input. Never replaces entropy.
void add_seed(std::span<const std::uint8_t> seed);

// Number of DRBG generate requests served in this process (tests check that OpenSSL draws
// from us; statistics for craton-hsm-admin).
std::uint64_t generate_requests() noexcept;

}  // namespace craton::rng
