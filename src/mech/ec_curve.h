// The curves the EC family supports and the encodings PKCS#11 uses for them.
//
// CKA_EC_PARAMS arrives as a DER named-curve OID or as a DER PrintableString curve name
// (PKCS#11 3.0 allows both; pkcs11-tool and older clients send GnuPG OIDs for the 25519
// curves). CKA_EC_POINT is a DER OCTET STRING around the point, though some clients send the
// bare point; the helpers here accept both and produce the DER form.
#pragma once

#include <openssl/ec.h>

#include <cstddef>
#include <optional>

#include <craton/pkcs11/pkcs11.h>

#include "core/secure_bytes.h"

namespace craton::mech::ec {

enum class Form { Weierstrass, Edwards, Montgomery };

struct Curve {
    const char* name;      // for logs: "P-256"
    const char* evp_name;  // EVP key type or group name: "P-256", "ED25519", "X25519"
    int nid;
    CK_KEY_TYPE key_type;
    Form form;
    std::size_t bits;        // CK_MECHANISM_INFO key size
    std::size_t scalar_len;  // bytes of a private value (order length for Weierstrass curves)
    std::size_t coord_len;   // bytes of one field element / of the 25519 public key
    ByteView oid;            // canonical DER of the named-curve OID, what keygen reports
    ByteView spki_prefix;    // DER SubjectPublicKeyInfo before the bare public key

    // Weierstrass curves only; created once and shared read-only between threads.
    const EC_GROUP* group() const;
    // Length of the public key as a bare point: 04||X||Y, or the 32-byte 25519 key.
    std::size_t point_len() const {
        return form == Form::Weierstrass ? 1 + 2 * coord_len : coord_len;
    }
};

const Curve& p256();
const Curve& p384();
const Curve& ed25519();
const Curve& x25519();

// Parses CKA_EC_PARAMS. Throws CKR_CURVE_NOT_SUPPORTED for a well-formed OID or name that we
// do not implement (or that belongs to another key type), `malformed` for anything else.
const Curve& curve_from_params(ByteView params, CK_KEY_TYPE key_type, CK_RV malformed);

// DER OCTET STRING with definite length.
Bytes der_octet_string(ByteView content);
// Content of `der` when it is exactly one DER OCTET STRING, else nullopt.
std::optional<ByteView> der_octet_string_content(ByteView der);

// The bare public-key encoding inside a CKA_EC_POINT or an ECDH pPublicData, accepting the DER
// OCTET STRING form and the raw form. Only the shape is checked here (lengths, leading byte);
// nullopt when neither form fits the curve.
std::optional<ByteView> bare_point(const Curve& c, ByteView encoded);

}  // namespace craton::mech::ec
