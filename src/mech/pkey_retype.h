// Moving a key between the module's own key types and OpenSSL's standard ones.
//
// The module operates only with keys of its own types (rng/module_keytypes.h), which no engine
// can claim; OpenSSL's encoders and decoders (SubjectPublicKeyInfo, PKCS#8) and EVP_PKEY_eq know
// only the standard types. A key crosses over through its parameters: same key, other type.
#pragma once

#include <openssl/evp.h>

namespace craton::mech {

// A new key (caller frees it) holding `selection` (EVP_PKEY_PUBLIC_KEY or EVP_PKEY_KEYPAIR) of
// `pkey` under `type`, a key-type name of the module's library context; nullptr on failure.
EVP_PKEY* retype(const EVP_PKEY* pkey, const char* type, int selection);

}  // namespace craton::mech
