// RSA mechanism parameters: the hashes PKCS#11 names, and the PSS and OAEP parameter blocks.
//
// Parameters are caller memory read during the *Init call; everything here copies what it
// needs, so no pointer into the caller's CK_MECHANISM outlives the call.
#pragma once

#include <cstddef>

#include <openssl/evp.h>

#include <craton/pkcs11/pkcs11.h>

#include "core/secure_bytes.h"

namespace craton::mech::rsa {

struct Hash {
    CK_MECHANISM_TYPE digest;  // CKM_SHA256
    CK_RSA_PKCS_MGF_TYPE mgf;  // CKG_MGF1_SHA256
    const EVP_MD* md;          // fetched once
    std::size_t size;          // output bytes
};

// The hash behind a digest mechanism, or nullptr when RSA does not use it.
const Hash* hash_by_digest(CK_MECHANISM_TYPE digest);
// The hash an MGF1 identifier names, or nullptr.
const Hash* hash_by_mgf(CK_RSA_PKCS_MGF_TYPE mgf);

// Refuses any parameter (CKR_MECHANISM_PARAM_INVALID) for mechanisms that take none.
void require_no_parameter(const CK_MECHANISM& mech);

struct PssParams {
    const Hash* hash;
    const Hash* mgf1;
    std::size_t salt_len;
};

// Reads CK_RSA_PKCS_PSS_PARAMS. `fixed_hash` (combined mechanisms) must equal hashAlg.
PssParams read_pss(const CK_MECHANISM& mech, const Hash* fixed_hash);
// True when the PSS parameter names SHA-1 as the message hash (for the SHA-1 signing policy);
// false for anything malformed, which read_pss refuses anyway.
bool pss_parameter_uses_sha1(const CK_MECHANISM& mech);

struct OaepParams {
    const Hash* hash;
    const Hash* mgf1;
    Bytes label;
};

OaepParams read_oaep(const CK_MECHANISM& mech);

}  // namespace craton::mech::rsa
