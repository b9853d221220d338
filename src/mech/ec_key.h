// The parsed form of EC, Ed25519 and X25519 key objects.
//
// An EcKey holds the EVP_PKEY and the operation contexts prepared once for it (an
// EVP_PKEY_CTX initialised for ECDSA signing or verification, an EVP_MD_CTX initialised for
// EdDSA): an operation duplicates the prepared context instead of initialising a new one,
// which skips the provider fetch and costs a fraction of it. The key is built once per
// object through Object::parsed and shared, read-only, by every session using it.
#pragma once

#include <openssl/evp.h>

#include <memory>

#include "core/object.h"
#include "mech/ec_curve.h"
#include "rng/openssl_rand.h"

namespace craton::mech::ec {

// Every key and key context lives in the module's library context, so the randomness OpenSSL
// draws inside operations (ECDSA nonces, blinding) comes from the module's DRBG.
inline OSSL_LIB_CTX* libctx() {
    return rng::openssl_libctx();
}

struct PkeyFree {
    void operator()(EVP_PKEY* p) const noexcept { EVP_PKEY_free(p); }
};
struct PkeyCtxFree {
    void operator()(EVP_PKEY_CTX* p) const noexcept { EVP_PKEY_CTX_free(p); }
};
struct MdCtxFree {
    void operator()(EVP_MD_CTX* p) const noexcept { EVP_MD_CTX_free(p); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;
using PkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;

class EcKey final : public KeyMaterial {
  public:
    EcKey(const Curve& curve, PkeyPtr pkey, bool has_private, Bytes public_point);

    const Curve& curve() const noexcept { return curve_; }
    EVP_PKEY* pkey() const noexcept { return pkey_.get(); }
    bool has_private() const noexcept { return has_private_; }
    // The bare public key: 04||X||Y for Weierstrass curves, the 32-byte key for 25519.
    const Bytes& public_point() const noexcept { return public_point_; }
    // CKA_EC_POINT: the bare public key in a DER OCTET STRING.
    Bytes ec_point_attribute() const { return der_octet_string(public_point_); }
    // CKA_PUBLIC_KEY_INFO: DER SubjectPublicKeyInfo.
    Bytes spki() const;
    // The key under OpenSSL's own type, for its encoders and EVP_PKEY_eq (pkey_retype.h), with
    // `selection` (EVP_PKEY_PUBLIC_KEY or EVP_PKEY_KEYPAIR) of it. Not for operations.
    PkeyPtr standard_pkey(int selection) const;

    // Fresh per-operation contexts copied from the prepared ones (caller owns them).
    PkeyCtxPtr ecdsa_sign_ctx() const;
    PkeyCtxPtr ecdsa_verify_ctx() const;
    MdCtxPtr eddsa_sign_ctx() const;
    MdCtxPtr eddsa_verify_ctx() const;

  private:
    const Curve& curve_;
    PkeyPtr pkey_;
    bool has_private_;
    Bytes public_point_;
    PkeyCtxPtr ecdsa_ctx_;  // sign-initialised for private keys, verify-initialised for public
    MdCtxPtr eddsa_ctx_;
};

using EcKeyPtr = std::shared_ptr<const EcKey>;

// Builds a key from the private value (CKA_VALUE): the big-endian scalar for Weierstrass
// curves (leading zeros allowed, must lie in [1, n-1]), the 32-byte RFC 8032/7748 private
// key for 25519. The public key is derived. Throws `invalid` when the value is unusable.
EcKeyPtr make_private_key(const Curve& curve, ByteView value, CK_RV invalid);
// Builds a public key from a bare point: for Weierstrass curves the point must decode (either
// compression form) to a point on the curve other than infinity. Throws `invalid` otherwise.
EcKeyPtr make_public_key(const Curve& curve, ByteView bare_point, CK_RV invalid);
// The same checks, for a key used once (an ECDH peer): no operation contexts are prepared.
PkeyPtr make_peer_key(const Curve& curve, ByteView bare_point, CK_RV invalid);

// The curve an object's CKA_EC_PARAMS names (the object's key type must match).
const Curve& curve_of(const Object& obj, CK_RV malformed);
// The object's parsed key, built from its attributes on first use.
EcKeyPtr key_of(const Object& obj);
// Makes `key` the object's parsed form when it has none yet (import, generation).
void cache_key(const Object& obj, const EcKeyPtr& key);

// The private value of `pkey` (a key on `curve`) as CKA_VALUE stores it: fixed length.
SecureBytes private_value(const Curve& curve, EVP_PKEY* pkey);

}  // namespace craton::mech::ec
