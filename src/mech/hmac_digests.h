// The hash functions behind HMAC and HKDF, and what PKCS#11 calls each of them.
//
// HMAC mechanisms, their key types and HKDF's prfHashMechanism all name the same small set of
// hashes; one table keeps the mapping to OpenSSL names and output sizes in one place.
#pragma once

#include <array>
#include <cstddef>

#include <craton/pkcs11/pkcs11.h>

namespace craton::mech::hmac {

struct HashInfo {
    CK_MECHANISM_TYPE digest;        // CKM_SHA256: HKDF's prfHashMechanism
    CK_MECHANISM_TYPE hmac;          // CKM_SHA256_HMAC
    CK_MECHANISM_TYPE hmac_general;  // CKM_SHA256_HMAC_GENERAL
    CK_MECHANISM_TYPE key_gen;       // CKM_SHA256_KEY_GEN
    CK_KEY_TYPE key_type;            // CKK_SHA256_HMAC
    const char* name;                // for logs and mechanism names
    const char* evp_name;            // OpenSSL digest name
    std::size_t size;                // output bytes
};

inline constexpr std::array<HashInfo, 11> kHashes = {{
    {CKM_SHA_1, CKM_SHA_1_HMAC, CKM_SHA_1_HMAC_GENERAL, CKM_SHA_1_KEY_GEN, CKK_SHA_1_HMAC, "SHA-1",
     "SHA1", 20},
    {CKM_SHA224, CKM_SHA224_HMAC, CKM_SHA224_HMAC_GENERAL, CKM_SHA224_KEY_GEN, CKK_SHA224_HMAC,
     "SHA-224", "SHA2-224", 28},
    {CKM_SHA256, CKM_SHA256_HMAC, CKM_SHA256_HMAC_GENERAL, CKM_SHA256_KEY_GEN, CKK_SHA256_HMAC,
     "SHA-256", "SHA2-256", 32},
    {CKM_SHA384, CKM_SHA384_HMAC, CKM_SHA384_HMAC_GENERAL, CKM_SHA384_KEY_GEN, CKK_SHA384_HMAC,
     "SHA-384", "SHA2-384", 48},
    {CKM_SHA512, CKM_SHA512_HMAC, CKM_SHA512_HMAC_GENERAL, CKM_SHA512_KEY_GEN, CKK_SHA512_HMAC,
     "SHA-512", "SHA2-512", 64},
    {CKM_SHA512_224, CKM_SHA512_224_HMAC, CKM_SHA512_224_HMAC_GENERAL, CKM_SHA512_224_KEY_GEN,
     CKK_SHA512_224_HMAC, "SHA-512/224", "SHA2-512/224", 28},
    {CKM_SHA512_256, CKM_SHA512_256_HMAC, CKM_SHA512_256_HMAC_GENERAL, CKM_SHA512_256_KEY_GEN,
     CKK_SHA512_256_HMAC, "SHA-512/256", "SHA2-512/256", 32},
    {CKM_SHA3_224, CKM_SHA3_224_HMAC, CKM_SHA3_224_HMAC_GENERAL, CKM_SHA3_224_KEY_GEN,
     CKK_SHA3_224_HMAC, "SHA3-224", "SHA3-224", 28},
    {CKM_SHA3_256, CKM_SHA3_256_HMAC, CKM_SHA3_256_HMAC_GENERAL, CKM_SHA3_256_KEY_GEN,
     CKK_SHA3_256_HMAC, "SHA3-256", "SHA3-256", 32},
    {CKM_SHA3_384, CKM_SHA3_384_HMAC, CKM_SHA3_384_HMAC_GENERAL, CKM_SHA3_384_KEY_GEN,
     CKK_SHA3_384_HMAC, "SHA3-384", "SHA3-384", 48},
    {CKM_SHA3_512, CKM_SHA3_512_HMAC, CKM_SHA3_512_HMAC_GENERAL, CKM_SHA3_512_KEY_GEN,
     CKK_SHA3_512_HMAC, "SHA3-512", "SHA3-512", 64},
}};

// Index into kHashes of the hash whose digest mechanism is `digest`, or -1.
inline int hash_index_by_digest(CK_MECHANISM_TYPE digest) {
    for (std::size_t i = 0; i < kHashes.size(); ++i) {
        if (kHashes[i].digest == digest) return static_cast<int>(i);
    }
    return -1;
}

}  // namespace craton::mech::hmac
