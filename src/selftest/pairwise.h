// Pairwise consistency tests (FIPS 140-3 IG 10.3.A, SP 800-56A 5.6.2.1.4) on every generated
// asymmetric key pair, and the one place their outcome is decided.
//
// Key generation code runs its round trip (sign/verify, encapsulate/decapsulate) and hands the
// result to pairwise_result(), or calls one of the ready-made checks below. A failure logs,
// latches the module's error state and throws Pkcs11Error(CKR_GENERAL_ERROR): a key pair that
// does not work together means broken key generation, and the module must stop. The new key
// is never stored (the throw happens before the keygen returns).
//
// Test builds: CRATON_SELFTEST_CORRUPT=pairwise makes every pairwise test fail.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <vector>

typedef struct evp_pkey_st EVP_PKEY;

namespace craton::selftest {

// The verdict of a family's own round trip. `family` names the algorithm in the log.
void pairwise_result(const char* family, bool consistent);

// Sign a fixed message with `key` and verify it with the same key's public half, in the
// module's OpenSSL library context. `md` is the digest name ("SHA2-256"), or nullptr for
// EdDSA. Works for RSA (PKCS#1 v1.5), EC (ECDSA), Ed25519 and Ed448 keys.
void pairwise_check_signature(const char* family, EVP_PKEY* key, const char* md = "SHA2-256");

// Key-agreement key pairs (ECDH, X25519): the public key is recomputed from the private key
// and compared (EVP_PKEY_pairwise_check), the SP 800-56A assurance of pairwise consistency.
void pairwise_check_key_agreement(const char* family, EVP_PKEY* key);

// For the module's own algorithms: `sign` signs the given message, `verify` checks it.
using Bytes = std::vector<std::uint8_t>;
using ByteSpan = std::span<const std::uint8_t>;
void pairwise_check_signature(const char* family, const std::function<Bytes(ByteSpan)>& sign,
                              const std::function<bool(ByteSpan msg, ByteSpan sig)>& verify);
// For KEMs: `encapsulate` returns (ciphertext, shared secret) for the public key;
// `decapsulate` recovers the shared secret with the private key. Compared in constant time.
void pairwise_check_kem(const char* family,
                        const std::function<std::pair<Bytes, Bytes>()>& encapsulate,
                        const std::function<Bytes(ByteSpan ciphertext)>& decapsulate);

}  // namespace craton::selftest
