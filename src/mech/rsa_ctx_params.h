// RSA settings of an EVP_PKEY_CTX, given to the provider as OSSL_PARAMs.
//
// OpenSSL 3.0's EVP_PKEY_CTX_set_rsa_* helpers check that the context's key type is "RSA"
// (EVP_PKEY_CTX_is_a) or translate a legacy ctrl keyed by the key's NID; the module's own RSA
// key type (rng/module_keytypes.h) has neither, so the module sets the same values directly.
// Each returns true on success.
#pragma once

#include <openssl/bn.h>
#include <openssl/evp.h>

#include "core/secure_bytes.h"

namespace craton::mech::rsa {

// RSA_PKCS1_PADDING, RSA_PKCS1_PSS_PADDING, RSA_PKCS1_OAEP_PADDING or RSA_NO_PADDING, on a
// context initialised for signing, verification, encryption or decryption.
bool set_padding(EVP_PKEY_CTX* ctx, int padding);
// MGF1 hash and salt length (bytes, or OpenSSL's RSA_PSS_SALTLEN_* values) after PSS padding.
bool set_pss(EVP_PKEY_CTX* ctx, const EVP_MD* mgf1, int salt_len);
// OAEP hash, MGF1 hash and label (empty: none) after OAEP padding.
bool set_oaep(EVP_PKEY_CTX* ctx, const EVP_MD* hash, const EVP_MD* mgf1, ByteView label);
// Modulus size and public exponent on a context initialised for key generation.
bool set_keygen(EVP_PKEY_CTX* ctx, int bits, const BIGNUM* e);

}  // namespace craton::mech::rsa
