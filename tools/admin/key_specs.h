// The key types `keys generate` offers, one row each, and the names craton-hsm-admin prints
// for key types, curves and parameter sets. One table serves both directions so that a key
// generated as "ml-dsa-65" is also listed as ML-DSA-65.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include <craton/pkcs11/craton_vendor.h>
#include <craton/pkcs11/pkcs11.h>

#include "core/secure_bytes.h"

namespace craton::admin {

enum class Usage { Cipher, Mac, Derive, Signature, KeyAgreement, Kem, RsaAll };

struct KeySpec {
    const char* name;  // --type value
    CK_MECHANISM_TYPE mechanism;
    CK_KEY_TYPE key_type;
    bool pair;  // key pair (public + private) or one secret key
    Usage usage;
    CK_ULONG value_len = 0;       // secret keys: CKA_VALUE_LEN in bytes
    CK_ULONG modulus_bits = 0;    // RSA
    const char* curve = nullptr;  // EC: curve name understood by curve_oid()
    CK_ULONG parameter_set = 0;   // ML-KEM, ML-DSA, SLH-DSA: CKA_PARAMETER_SET
};

std::span<const KeySpec> key_specs();
const KeySpec* find_key_spec(const std::string& name);

// DER OID of a named curve for CKA_EC_PARAMS, and back ("P-256", "Ed25519", ...).
Bytes curve_oid(const std::string& curve);
std::string curve_name(ByteView ec_params);

std::string class_name(CK_OBJECT_CLASS cls);
std::string key_type_name(CK_KEY_TYPE type);
// "ML-DSA-65", "SLH-DSA-SHA2-128s"; empty when the key type has no such sets.
std::string parameter_set_name(CK_KEY_TYPE type, CK_ULONG set);

}  // namespace craton::admin
