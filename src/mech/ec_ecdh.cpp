// CKM_ECDH1_DERIVE on P-256, P-384 and X25519, with CKD_NULL or the ANSI X9.63 KDF.
//
// The peer's public key (pPublicData) is accepted bare or as a DER OCTET STRING, since
// clients differ; a Weierstrass point must decode to a point on our curve other than
// infinity, and an X25519 agreement giving the all-zero secret (a small-order peer key) is
// refused. Both are CKR_MECHANISM_PARAM_INVALID: the bad value is the mechanism parameter.
//
// With CKD_NULL a shorter key takes the rightmost bytes of the shared secret (as SoftHSMv2,
// NSS and kryoptic do); without CKA_VALUE_LEN the key is the whole secret, or one digest
// output with a KDF.
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>

#include <cstring>
#include <string_view>

#include "core/error.h"
#include "mech/ec_key.h"
#include "mech/ec_parts.h"
#include "mech/registry.h"

namespace craton::mech::ec {
namespace {

// Far beyond any key; keeps a template's CKA_VALUE_LEN from asking for gigabytes.
constexpr std::size_t kMaxDerivedLen = 64 * 1024;

struct KdfCtxFree {
    void operator()(EVP_KDF_CTX* p) const noexcept { EVP_KDF_CTX_free(p); }
};

const char* kdf_digest(CK_EC_KDF_TYPE kdf) {
    switch (kdf) {
        case CKD_NULL:
            return nullptr;
        case CKD_SHA1_KDF:
            return "SHA1";
        case CKD_SHA224_KDF:
            return "SHA2-224";
        case CKD_SHA256_KDF:
            return "SHA2-256";
        case CKD_SHA384_KDF:
            return "SHA2-384";
        case CKD_SHA512_KDF:
            return "SHA2-512";
        case CKD_SHA3_224_KDF:
            return "SHA3-224";
        case CKD_SHA3_256_KDF:
            return "SHA3-256";
        case CKD_SHA3_384_KDF:
            return "SHA3-384";
        case CKD_SHA3_512_KDF:
            return "SHA3-512";
        default:
            fail(CKR_MECHANISM_PARAM_INVALID);  // the SP 800-56C and ASN.1 KDF variants
    }
}

const EVP_KDF* x963() {
    static EVP_KDF* kdf = [] {
        EVP_KDF* k = EVP_KDF_fetch(libctx(), OSSL_KDF_NAME_X963KDF, nullptr);
        if (k == nullptr) fail(CKR_GENERAL_ERROR, "X963KDF unavailable");
        return k;
    }();
    return kdf;
}

std::size_t digest_size(const char* name) {
    const std::string_view n(name);
    if (n == "SHA1") return 20;
    if (n.ends_with("224")) return 28;
    if (n.ends_with("256")) return 32;
    if (n.ends_with("384")) return 48;
    return 64;
}

SecureBytes shared_secret(const EcKey& key, ByteView public_data) {
    const Curve& c = key.curve();
    const auto bare = bare_point(c, public_data);
    if (!bare) fail(CKR_MECHANISM_PARAM_INVALID);
    PkeyPtr peer = make_peer_key(c, *bare, CKR_MECHANISM_PARAM_INVALID);
    PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_pkey(libctx(), key.pkey(), nullptr));
    std::size_t len = 0;
    // The peer was validated above (on the curve, not infinity, cofactor 1), so OpenSSL's
    // second full public-key check is skipped.
    if (!ctx || EVP_PKEY_derive_init(ctx.get()) != 1 ||
        EVP_PKEY_derive_set_peer_ex(ctx.get(), peer.get(), 0) != 1 ||
        EVP_PKEY_derive(ctx.get(), nullptr, &len) != 1) {
        ERR_clear_error();
        fail(CKR_FUNCTION_FAILED);
    }
    SecureBytes z(len);
    if (EVP_PKEY_derive(ctx.get(), z.data(), &len) != 1) {
        ERR_clear_error();
        // X25519 fails only on an all-zero result, i.e. a small-order peer key.
        fail(c.form == Form::Montgomery ? CKR_MECHANISM_PARAM_INVALID : CKR_FUNCTION_FAILED);
    }
    z.resize(len);
    return z;
}

SecureBytes x963_kdf(const char* digest, const SecureBytes& z, ByteView shared_info,
                     std::size_t length) {
    std::unique_ptr<EVP_KDF_CTX, KdfCtxFree> ctx(EVP_KDF_CTX_new(const_cast<EVP_KDF*>(x963())));
    if (!ctx) fail(CKR_HOST_MEMORY);
    OSSL_PARAM params[4];
    std::size_t n = 0;
    params[n++] =
        OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, const_cast<char*>(digest), 0);
    params[n++] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY,
                                                    const_cast<std::uint8_t*>(z.data()), z.size());
    if (!shared_info.empty()) {
        params[n++] = OSSL_PARAM_construct_octet_string(
            OSSL_KDF_PARAM_INFO, const_cast<std::uint8_t*>(shared_info.data()), shared_info.size());
    }
    params[n] = OSSL_PARAM_construct_end();
    SecureBytes out(length);
    if (EVP_KDF_derive(ctx.get(), out.data(), out.size(), params) != 1) {
        ERR_clear_error();
        fail(CKR_FUNCTION_FAILED);
    }
    return out;
}

SecureBytes derive(const CK_MECHANISM& mech, const ObjectPtr& base, std::size_t length) {
    if (mech.pParameter == nullptr || mech.ulParameterLen != sizeof(CK_ECDH1_DERIVE_PARAMS)) {
        fail(CKR_MECHANISM_PARAM_INVALID);
    }
    CK_ECDH1_DERIVE_PARAMS p;
    std::memcpy(&p, mech.pParameter, sizeof p);
    const char* digest = kdf_digest(p.kdf);
    if ((p.ulSharedDataLen != 0) != (p.pSharedData != nullptr)) fail(CKR_MECHANISM_PARAM_INVALID);
    // X9.63 has shared data; with no KDF there is nothing to apply it to.
    if (digest == nullptr && p.ulSharedDataLen != 0) fail(CKR_MECHANISM_PARAM_INVALID);
    if (p.pPublicData == nullptr || p.ulPublicDataLen == 0) fail(CKR_MECHANISM_PARAM_INVALID);
    if (base->object_class() != CKO_PRIVATE_KEY) fail(CKR_KEY_TYPE_INCONSISTENT);
    if (length > kMaxDerivedLen) fail(CKR_TEMPLATE_INCONSISTENT);

    const EcKeyPtr key = key_of(*base);
    SecureBytes z = shared_secret(*key, view(p.pPublicData, p.ulPublicDataLen));
    if (digest != nullptr) {
        return x963_kdf(digest, z, view(p.pSharedData, p.ulSharedDataLen),
                        length != 0 ? length : digest_size(digest));
    }
    if (length == 0 || length == z.size()) return z;
    if (length > z.size()) fail(CKR_TEMPLATE_INCONSISTENT);
    return SecureBytes(z.end() - static_cast<std::ptrdiff_t>(length), z.end());
}

}  // namespace

void register_ecdh(MechanismRegistry& r) {
    Mechanism m;
    m.type = CKM_ECDH1_DERIVE;
    m.name = "ECDH1-DERIVE";
    m.info = {255, 384,
              CKF_DERIVE | CKF_EC_F_P | CKF_EC_OID | CKF_EC_CURVENAME | CKF_EC_UNCOMPRESS |
                  CKF_EC_COMPRESS};
    // Approved on P-256/P-384 (SP 800-56A); one row cannot say "not on X25519", see
    // CKM_EC_MONTGOMERY_KEY_PAIR_GEN, which is marked unapproved.
    m.fips_approved = true;
    m.key_types = {CKK_EC, CKK_EC_MONTGOMERY};
    m.derive = derive;
    r.add(std::move(m));
}

}  // namespace craton::mech::ec
