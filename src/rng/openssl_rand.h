// The OpenSSL library context whose randomness is the module's DRBG.
//
// OpenSSL draws randomness inside many operations we do not see: RSA and EC key generation,
// ECDSA nonces, RSA-PSS salts, OAEP seeds, RSA blinding. Those draws use the DRBG of the
// library context the key or operation context belongs to. OpenSSL 3.0 cannot replace the
// primary DRBG of the default context once it exists (and doing so would change the host
// application's randomness too), so the module owns a separate context: a small built-in
// provider ("craton-rand") offers an EVP_RAND that forwards to craton::rng::random_bytes, and
// the context's primary, public, private DRBGs and its seed source are all of that type.
// OpenSSL's "default" provider supplies everything else in the context.
//
// Mechanism code passes openssl_libctx() wherever it creates an EVP_PKEY or EVP_PKEY_CTX
// (EVP_PKEY_CTX_new_from_name / _from_pkey, EVP_PKEY_fromdata, decoders); a key created in
// this context carries it into every later operation. Digests and ciphers may use any context:
// they consume no randomness.
#pragma once

typedef struct ossl_lib_ctx_st OSSL_LIB_CTX;

namespace craton::rng {

// Created on first use and never freed (OpenSSL objects referring to it may outlive
// C_Finalize). Throws std::runtime_error if OpenSSL cannot set it up.
OSSL_LIB_CTX* openssl_libctx();

}  // namespace craton::rng
