// EC keys for the ECDSA and EdDSA handlers, created in the module's OpenSSL library context
// (mech/ec_key.h: its randomness is the module's HMAC_DRBG), limited to the curves the
// module's mechanisms offer (mech/ec_curve.h: P-256, P-384, Ed25519).
#pragma once

#include <openssl/evp.h>

#include "certified/acvp/acvp_types.h"
#include "mech/ec_key.h"

namespace craton::acvp::ec {

using mech::ec::PkeyPtr;

// The OpenSSL group name of an ACVP curve the module supports; throws Unsupported otherwise.
const char* group_name(const std::string& acvp_curve);
// Field (and order) size in bytes of a supported curve.
std::size_t field_bytes(const std::string& acvp_curve);

PkeyPtr generate(const char* openssl_type, const char* group);  // group: nullptr for Ed25519
PkeyPtr weierstrass_public(const std::string& acvp_curve, const Bytes& qx, const Bytes& qy);
PkeyPtr ed25519_public(const Bytes& q);
PkeyPtr ed25519_private(const Bytes& d);

// Private scalar d and public coordinates, left-padded to the field size.
struct WeierstrassParts {
    Bytes d, qx, qy;
};
WeierstrassParts weierstrass_parts(const EVP_PKEY* key, std::size_t bytes);
// Raw 32-byte private and public keys of an Ed25519 key.
Bytes raw_private(const EVP_PKEY* key);
Bytes raw_public(const EVP_PKEY* key);

// ECDSA over a precomputed digest (the module's CKM_ECDSA); r and s fixed-width.
struct Signature {
    Bytes r, s;
};
Signature ecdsa_sign_digest(EVP_PKEY* key, const Bytes& digest, std::size_t bytes);
bool ecdsa_verify_digest(EVP_PKEY* key, const Bytes& digest, const Bytes& r, const Bytes& s);

// Whether d·G = (qx, qy) on the curve (ECDSA keyGen checks).
bool public_matches_private(const std::string& acvp_curve, const Bytes& d, const Bytes& qx,
                            const Bytes& qy);

}  // namespace craton::acvp::ec
