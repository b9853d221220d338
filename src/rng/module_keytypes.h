// RSA and EC key types of the module's own, out of reach of ENGINE defaults.
//
// OpenSSL 3.0 still consults its process-wide ENGINE table whenever it makes an EVP_PKEY_CTX
// for a key whose type name maps to a NID ("RSA", "EC", ...; crypto/evp/pmeth_lib.c,
// int_ctx_new). An application that made an engine the default for those types (`openssl ...
// -engine pkcs11` does, through ENGINE_set_default) then gets that engine's legacy methods for
// every such context, in every library context, the module's included, and legacy methods
// cannot use provider keys: the module's RSA and EC operations and its power-on KATs would fail.
//
// So the module's library context holds a second built-in provider, "craton-keys", offering the
// default provider's own RSA (key management, signature, asymmetric cipher) and EC (key
// management, ECDSA, ECDH) implementations under names no NID carries. The module builds every
// RSA and EC key it operates with under these names; OpenSSL then finds no NID, asks no engine,
// and takes the provider path. Nothing is reimplemented: the function tables are the default
// provider's, called with the default provider's context.
#pragma once

typedef struct ossl_lib_ctx_st OSSL_LIB_CTX;
typedef struct ossl_provider_st OSSL_PROVIDER;

namespace craton::rng {

// Key-type names for EVP_PKEY_CTX_new_from_name(openssl_libctx(), ...): keys made through them
// sign, verify, encrypt, decrypt and derive whatever engine the application set as default.
inline constexpr const char* kRsaKeyType = "CRATON-RSA";
inline constexpr const char* kEcKeyType = "CRATON-EC";

// OpenSSL's standard RSA and EC key types, named by OID: encoders and decoders (SPKI, PKCS#8)
// know only these, and the OID form maps to no NID either, so creating such a key asks no
// engine. Operations must not use them (the key then reports "RSA"/"EC" and meets the engine).
inline constexpr const char* kStandardRsaKeyType = "1.2.840.113549.1.1.1";
inline constexpr const char* kStandardEcKeyType = "1.2.840.10045.2.1";

// Adds and loads "craton-keys" in `ctx`, whose "default" provider `default_provider` is already
// loaded and stays loaded. False when the default provider lacks one of the implementations.
bool load_module_keytypes(OSSL_LIB_CTX* ctx, OSSL_PROVIDER* default_provider);

}  // namespace craton::rng
