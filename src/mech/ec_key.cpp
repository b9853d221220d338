#include "mech/ec_key.h"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/objects.h>
#include <openssl/param_build.h>
#include <openssl/x509.h>

#include "core/error.h"
#include "mech/pkey_retype.h"
#include "rng/module_keytypes.h"

namespace craton::mech::ec {
namespace {

struct BnFree {
    void operator()(BIGNUM* p) const noexcept { BN_clear_free(p); }
};
struct PointFree {
    void operator()(EC_POINT* p) const noexcept { EC_POINT_free(p); }
};
struct ParamBldFree {
    void operator()(OSSL_PARAM_BLD* p) const noexcept { OSSL_PARAM_BLD_free(p); }
};
struct ParamFree {
    void operator()(OSSL_PARAM* p) const noexcept { OSSL_PARAM_free(p); }
};
using BnPtr = std::unique_ptr<BIGNUM, BnFree>;
using PointPtr = std::unique_ptr<EC_POINT, PointFree>;

// Any OpenSSL failure while building a key from caller data means the data was unusable;
// the error queue is dropped so it cannot leak into a later, unrelated report.
[[noreturn]] void reject(CK_RV rv) {
    ERR_clear_error();
    fail(rv);
}

Bytes encode_uncompressed(const EC_GROUP* group, const EC_POINT* point) {
    Bytes out(EC_POINT_point2oct(group, point, POINT_CONVERSION_UNCOMPRESSED, nullptr, 0, nullptr));
    if (out.empty() || EC_POINT_point2oct(group, point, POINT_CONVERSION_UNCOMPRESSED, out.data(),
                                          out.size(), nullptr) != out.size()) {
        reject(CKR_FUNCTION_FAILED);
    }
    return out;
}

// EVP_PKEY for a Weierstrass key from its uncompressed point and, for private keys, scalar.
PkeyPtr weierstrass_pkey(const Curve& c, const Bytes& point, const BIGNUM* d, CK_RV invalid) {
    std::unique_ptr<OSSL_PARAM_BLD, ParamBldFree> bld(OSSL_PARAM_BLD_new());
    if (!bld) fail(CKR_HOST_MEMORY);
    const char* group_name = OBJ_nid2sn(c.nid);
    if (OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, group_name, 0) !=
            1 ||
        OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(),
                                         point.size()) != 1 ||
        (d != nullptr && OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_PRIV_KEY, d) != 1)) {
        reject(CKR_HOST_MEMORY);
    }
    std::unique_ptr<OSSL_PARAM, ParamFree> params(OSSL_PARAM_BLD_to_param(bld.get()));
    PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(libctx(), rng::kEcKeyType, nullptr));
    if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1) reject(CKR_HOST_MEMORY);
    EVP_PKEY* pkey = nullptr;
    const int selection = d != nullptr ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY;
    if (EVP_PKEY_fromdata(ctx.get(), &pkey, selection, params.get()) != 1) reject(invalid);
    return PkeyPtr(pkey);
}

EcKeyPtr weierstrass_private(const Curve& c, ByteView value, CK_RV invalid) {
    // Leading zero bytes carry no value; some clients send the scalar unpadded, some padded.
    std::size_t skip = 0;
    while (skip < value.size() && value[skip] == 0) ++skip;
    if (value.size() - skip > c.scalar_len) reject(invalid);
    const EC_GROUP* group = c.group();
    BnPtr d(BN_secure_new());
    if (!d ||
        BN_bin2bn(value.data() + skip, static_cast<int>(value.size() - skip), d.get()) == nullptr) {
        reject(CKR_HOST_MEMORY);
    }
    BN_set_flags(d.get(), BN_FLG_CONSTTIME);
    if (BN_is_zero(d.get()) || BN_cmp(d.get(), EC_GROUP_get0_order(group)) >= 0) reject(invalid);
    PointPtr q(EC_POINT_new(group));
    if (!q || EC_POINT_mul(group, q.get(), d.get(), nullptr, nullptr, nullptr) != 1) {
        reject(CKR_FUNCTION_FAILED);
    }
    Bytes point = encode_uncompressed(group, q.get());
    PkeyPtr pkey = weierstrass_pkey(c, point, d.get(), invalid);
    return std::make_shared<EcKey>(c, std::move(pkey), true, std::move(point));
}

// A validated public key and its bare uncompressed encoding.
struct PublicParts {
    PkeyPtr pkey;
    Bytes point;
};

PublicParts weierstrass_public(const Curve& c, ByteView bare, CK_RV invalid) {
    const EC_GROUP* group = c.group();
    PointPtr q(EC_POINT_new(group));
    if (!q) fail(CKR_HOST_MEMORY);
    // oct2point checks that the point is on the curve; the encoding of infinity (a single
    // zero byte) is excluded by requiring a compression prefix, and checked again anyway.
    if (bare.empty() || (bare[0] != 0x02 && bare[0] != 0x03 && bare[0] != 0x04) ||
        EC_POINT_oct2point(group, q.get(), bare.data(), bare.size(), nullptr) != 1 ||
        EC_POINT_is_at_infinity(group, q.get()) == 1) {
        reject(invalid);
    }
    // Cofactor 1 (P-256, P-384): a point on the curve is in the prime-order group.
    Bytes point = encode_uncompressed(group, q.get());
    PkeyPtr pkey = weierstrass_pkey(c, point, nullptr, invalid);
    return {std::move(pkey), std::move(point)};
}

EcKeyPtr raw_private(const Curve& c, ByteView value, CK_RV invalid) {
    if (value.size() != c.scalar_len) reject(invalid);
    PkeyPtr pkey(
        EVP_PKEY_new_raw_private_key_ex(libctx(), c.evp_name, nullptr, value.data(), value.size()));
    if (!pkey) reject(invalid);
    Bytes point(c.coord_len);
    std::size_t len = point.size();
    if (EVP_PKEY_get_raw_public_key(pkey.get(), point.data(), &len) != 1 || len != point.size()) {
        reject(CKR_FUNCTION_FAILED);
    }
    return std::make_shared<EcKey>(c, std::move(pkey), true, std::move(point));
}

PublicParts raw_public(const Curve& c, ByteView bare, CK_RV invalid) {
    // Any 32 bytes are an X25519 public key (RFC 7748 §5). OpenSSL cannot check an Ed25519
    // key without verifying; a key that does not decode to a point fails every verification.
    if (bare.size() != c.coord_len) reject(invalid);
    PkeyPtr pkey(
        EVP_PKEY_new_raw_public_key_ex(libctx(), c.evp_name, nullptr, bare.data(), bare.size()));
    if (!pkey) reject(invalid);
    return {std::move(pkey), Bytes(bare.begin(), bare.end())};
}

PublicParts public_parts(const Curve& c, ByteView bare, CK_RV invalid) {
    return c.form == Form::Weierstrass ? weierstrass_public(c, bare, invalid)
                                       : raw_public(c, bare, invalid);
}

}  // namespace

EcKey::EcKey(const Curve& curve, PkeyPtr pkey, bool has_private, Bytes public_point)
    : curve_(curve),
      pkey_(std::move(pkey)),
      has_private_(has_private),
      public_point_(std::move(public_point)) {
    switch (curve_.form) {
        case Form::Weierstrass: {
            ecdsa_ctx_.reset(EVP_PKEY_CTX_new_from_pkey(libctx(), pkey_.get(), nullptr));
            const int ok = !ecdsa_ctx_    ? 0
                           : has_private_ ? EVP_PKEY_sign_init(ecdsa_ctx_.get())
                                          : EVP_PKEY_verify_init(ecdsa_ctx_.get());
            if (ok != 1) reject(CKR_FUNCTION_FAILED);
            break;
        }
        case Form::Edwards: {
            eddsa_ctx_.reset(EVP_MD_CTX_new());
            const int ok = !eddsa_ctx_ ? 0
                           : has_private_
                               ? EVP_DigestSignInit_ex(eddsa_ctx_.get(), nullptr, nullptr, libctx(),
                                                       nullptr, pkey_.get(), nullptr)
                               : EVP_DigestVerifyInit_ex(eddsa_ctx_.get(), nullptr, nullptr,
                                                         libctx(), nullptr, pkey_.get(), nullptr);
            if (ok != 1) reject(CKR_FUNCTION_FAILED);
            break;
        }
        case Form::Montgomery:
            break;  // X25519 derivation binds a peer per operation; nothing to prepare
    }
}

PkeyPtr EcKey::standard_pkey(int selection) const {
    if (curve_.form != Form::Weierstrass) {
        // Ed25519 and X25519 keys already have OpenSSL's types (no engine claims those).
        if (EVP_PKEY_up_ref(pkey_.get()) != 1) fail(CKR_FUNCTION_FAILED);
        return PkeyPtr(pkey_.get());
    }
    PkeyPtr out(retype(pkey_.get(), rng::kStandardEcKeyType, selection));
    if (!out) reject(CKR_FUNCTION_FAILED);
    return out;
}

Bytes EcKey::spki() const {
    Bytes out(curve_.spki_prefix.begin(), curve_.spki_prefix.end());
    out.insert(out.end(), public_point_.begin(), public_point_.end());
    return out;
}

PkeyCtxPtr EcKey::ecdsa_sign_ctx() const {
    if (!ecdsa_ctx_ || !has_private_) fail(CKR_KEY_TYPE_INCONSISTENT);
    PkeyCtxPtr ctx(EVP_PKEY_CTX_dup(ecdsa_ctx_.get()));
    if (!ctx) fail(CKR_HOST_MEMORY);
    return ctx;
}

PkeyCtxPtr EcKey::ecdsa_verify_ctx() const {
    if (!ecdsa_ctx_ || has_private_) fail(CKR_KEY_TYPE_INCONSISTENT);
    PkeyCtxPtr ctx(EVP_PKEY_CTX_dup(ecdsa_ctx_.get()));
    if (!ctx) fail(CKR_HOST_MEMORY);
    return ctx;
}

MdCtxPtr EcKey::eddsa_sign_ctx() const {
    if (!eddsa_ctx_ || !has_private_) fail(CKR_KEY_TYPE_INCONSISTENT);
    MdCtxPtr ctx(EVP_MD_CTX_new());
    if (!ctx || EVP_MD_CTX_copy_ex(ctx.get(), eddsa_ctx_.get()) != 1) fail(CKR_HOST_MEMORY);
    return ctx;
}

MdCtxPtr EcKey::eddsa_verify_ctx() const {
    if (!eddsa_ctx_ || has_private_) fail(CKR_KEY_TYPE_INCONSISTENT);
    MdCtxPtr ctx(EVP_MD_CTX_new());
    if (!ctx || EVP_MD_CTX_copy_ex(ctx.get(), eddsa_ctx_.get()) != 1) fail(CKR_HOST_MEMORY);
    return ctx;
}

EcKeyPtr make_private_key(const Curve& curve, ByteView value, CK_RV invalid) {
    return curve.form == Form::Weierstrass ? weierstrass_private(curve, value, invalid)
                                           : raw_private(curve, value, invalid);
}

EcKeyPtr make_public_key(const Curve& curve, ByteView bare_point, CK_RV invalid) {
    PublicParts parts = public_parts(curve, bare_point, invalid);
    return std::make_shared<EcKey>(curve, std::move(parts.pkey), false, std::move(parts.point));
}

PkeyPtr make_peer_key(const Curve& curve, ByteView bare_point, CK_RV invalid) {
    return public_parts(curve, bare_point, invalid).pkey;
}

const Curve& curve_of(const Object& obj, CK_RV malformed) {
    const auto params = obj.get(CKA_EC_PARAMS);
    if (!params) fail(CKR_TEMPLATE_INCOMPLETE);
    return curve_from_params(*params, obj.key_type(), malformed);
}

EcKeyPtr key_of(const Object& obj) {
    auto parsed = obj.parsed([](const Object& o) -> std::shared_ptr<const KeyMaterial> {
        // Stored objects were validated on import; failing here means corrupted storage.
        const Curve& c = curve_of(o, CKR_GENERAL_ERROR);
        if (o.object_class() == CKO_PRIVATE_KEY) {
            const auto value = o.get(CKA_VALUE);
            if (!value) fail(CKR_GENERAL_ERROR);
            return make_private_key(c, *value, CKR_GENERAL_ERROR);
        }
        if (o.object_class() == CKO_PUBLIC_KEY) {
            const auto encoded = o.get(CKA_EC_POINT);
            if (!encoded) fail(CKR_GENERAL_ERROR);
            const auto bare = bare_point(c, *encoded);
            if (!bare) fail(CKR_GENERAL_ERROR);
            return make_public_key(c, *bare, CKR_GENERAL_ERROR);
        }
        fail(CKR_KEY_TYPE_INCONSISTENT);
    });
    auto key = std::dynamic_pointer_cast<const EcKey>(parsed);
    if (!key) fail(CKR_KEY_TYPE_INCONSISTENT);
    return key;
}

void cache_key(const Object& obj, const EcKeyPtr& key) {
    obj.parsed([&key](const Object&) -> std::shared_ptr<const KeyMaterial> { return key; });
}

SecureBytes private_value(const Curve& c, EVP_PKEY* pkey) {
    SecureBytes out(c.scalar_len);
    if (c.form == Form::Weierstrass) {
        BIGNUM* d = nullptr;
        if (EVP_PKEY_get_bn_param(pkey, OSSL_PKEY_PARAM_PRIV_KEY, &d) != 1) {
            reject(CKR_FUNCTION_FAILED);
        }
        BnPtr owned(d);
        if (BN_bn2binpad(d, out.data(), static_cast<int>(out.size())) < 0) {
            reject(CKR_FUNCTION_FAILED);
        }
        return out;
    }
    std::size_t len = out.size();
    if (EVP_PKEY_get_raw_private_key(pkey, out.data(), &len) != 1 || len != out.size()) {
        reject(CKR_FUNCTION_FAILED);
    }
    return out;
}

}  // namespace craton::mech::ec
