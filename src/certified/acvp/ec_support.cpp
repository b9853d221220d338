#include "certified/acvp/ec_support.h"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/params.h>
#include <openssl/ec.h>

#include <memory>

namespace craton::acvp::ec {
namespace {

OSSL_LIB_CTX* libctx() {
    return mech::ec::libctx();
}

struct BnFree {
    void operator()(BIGNUM* b) const noexcept { BN_clear_free(b); }
};
using BnPtr = std::unique_ptr<BIGNUM, BnFree>;

Bytes bn_param(const EVP_PKEY* key, const char* name, std::size_t bytes) {
    BIGNUM* raw = nullptr;
    if (EVP_PKEY_get_bn_param(key, name, &raw) != 1) throw std::runtime_error("EC key field");
    BnPtr bn(raw);
    Bytes out(bytes);
    if (BN_bn2binpad(bn.get(), out.data(), static_cast<int>(out.size())) < 0) {
        throw std::runtime_error("EC field too long");
    }
    return out;
}

BnPtr to_bn(const Bytes& b) {
    return BnPtr(BN_bin2bn(b.data(), static_cast<int>(b.size()), nullptr));
}

}  // namespace

const char* group_name(const std::string& acvp_curve) {
    if (acvp_curve == "P-256") return "P-256";
    if (acvp_curve == "P-384") return "P-384";
    throw Unsupported("curve " + acvp_curve + " (the module offers P-256 and P-384)");
}

std::size_t field_bytes(const std::string& acvp_curve) {
    return acvp_curve == "P-384" ? 48 : 32;
}

PkeyPtr generate(const char* openssl_type, const char* group) {
    mech::ec::PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(libctx(), openssl_type, nullptr));
    EVP_PKEY* key = nullptr;
    bool ok = ctx && EVP_PKEY_keygen_init(ctx.get()) == 1;
    if (ok && group != nullptr) {
        OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME,
                                                                const_cast<char*>(group), 0),
                               OSSL_PARAM_construct_end()};
        ok = EVP_PKEY_CTX_set_params(ctx.get(), params) == 1;
    }
    if (!ok || EVP_PKEY_generate(ctx.get(), &key) != 1) throw std::runtime_error("EC keygen");
    return PkeyPtr(key);
}

PkeyPtr weierstrass_public(const std::string& acvp_curve, const Bytes& qx, const Bytes& qy) {
    const std::size_t n = field_bytes(acvp_curve);
    if (qx.size() > n || qy.size() > n) throw std::invalid_argument("coordinate too long");
    Bytes point(1 + 2 * n, 0);
    point[0] = 0x04;
    std::copy(qx.begin(), qx.end(), point.begin() + static_cast<std::ptrdiff_t>(1 + n - qx.size()));
    std::copy(qy.begin(), qy.end(), point.end() - static_cast<std::ptrdiff_t>(qy.size()));
    OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME,
                                         const_cast<char*>(group_name(acvp_curve)), 0),
        OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_PUB_KEY, point.data(), point.size()),
        OSSL_PARAM_construct_end()};
    mech::ec::PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(libctx(), "EC", nullptr));
    EVP_PKEY* key = nullptr;
    if (!ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
        EVP_PKEY_fromdata(ctx.get(), &key, EVP_PKEY_PUBLIC_KEY, params) != 1) {
        return PkeyPtr();  // not a point on the curve: verification fails
    }
    return PkeyPtr(key);
}

PkeyPtr ed25519_public(const Bytes& q) {
    return PkeyPtr(
        EVP_PKEY_new_raw_public_key_ex(libctx(), "ED25519", nullptr, q.data(), q.size()));
}

PkeyPtr ed25519_private(const Bytes& d) {
    return PkeyPtr(
        EVP_PKEY_new_raw_private_key_ex(libctx(), "ED25519", nullptr, d.data(), d.size()));
}

WeierstrassParts weierstrass_parts(const EVP_PKEY* key, std::size_t bytes) {
    return {bn_param(key, OSSL_PKEY_PARAM_PRIV_KEY, bytes), bn_param(key, OSSL_PKEY_PARAM_EC_PUB_X, bytes),
            bn_param(key, OSSL_PKEY_PARAM_EC_PUB_Y, bytes)};
}

Bytes raw_private(const EVP_PKEY* key) {
    Bytes out(32);
    std::size_t n = out.size();
    if (EVP_PKEY_get_raw_private_key(key, out.data(), &n) != 1) throw std::runtime_error("raw key");
    out.resize(n);
    return out;
}

Bytes raw_public(const EVP_PKEY* key) {
    Bytes out(32);
    std::size_t n = out.size();
    if (EVP_PKEY_get_raw_public_key(key, out.data(), &n) != 1) throw std::runtime_error("raw key");
    out.resize(n);
    return out;
}

Signature ecdsa_sign_digest(EVP_PKEY* key, const Bytes& digest, std::size_t bytes) {
    mech::ec::PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_pkey(libctx(), key, nullptr));
    std::size_t len = 0;
    if (!ctx || EVP_PKEY_sign_init(ctx.get()) != 1 ||
        EVP_PKEY_sign(ctx.get(), nullptr, &len, digest.data(), digest.size()) != 1) {
        throw std::runtime_error("ECDSA sign");
    }
    Bytes der(len);
    if (EVP_PKEY_sign(ctx.get(), der.data(), &len, digest.data(), digest.size()) != 1) {
        throw std::runtime_error("ECDSA sign");
    }
    const unsigned char* p = der.data();
    std::unique_ptr<ECDSA_SIG, decltype(&ECDSA_SIG_free)> sig(
        d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(len)), ECDSA_SIG_free);
    if (!sig) throw std::runtime_error("ECDSA signature encoding");
    Signature out{Bytes(bytes), Bytes(bytes)};
    BN_bn2binpad(ECDSA_SIG_get0_r(sig.get()), out.r.data(), static_cast<int>(bytes));
    BN_bn2binpad(ECDSA_SIG_get0_s(sig.get()), out.s.data(), static_cast<int>(bytes));
    return out;
}

bool ecdsa_verify_digest(EVP_PKEY* key, const Bytes& digest, const Bytes& r, const Bytes& s) {
    if (key == nullptr) return false;
    std::unique_ptr<ECDSA_SIG, decltype(&ECDSA_SIG_free)> sig(ECDSA_SIG_new(), ECDSA_SIG_free);
    BIGNUM* br = BN_bin2bn(r.data(), static_cast<int>(r.size()), nullptr);
    BIGNUM* bs = BN_bin2bn(s.data(), static_cast<int>(s.size()), nullptr);
    if (!sig || br == nullptr || bs == nullptr || ECDSA_SIG_set0(sig.get(), br, bs) != 1) {
        BN_free(br);
        BN_free(bs);
        throw std::runtime_error("ECDSA signature");
    }
    unsigned char* der = nullptr;
    const int der_len = i2d_ECDSA_SIG(sig.get(), &der);
    if (der_len <= 0) throw std::runtime_error("ECDSA signature encoding");
    std::unique_ptr<unsigned char, void (*)(unsigned char*)> der_owner(
        der, [](unsigned char* d) { OPENSSL_free(d); });
    mech::ec::PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_pkey(libctx(), key, nullptr));
    return ctx && EVP_PKEY_verify_init(ctx.get()) == 1 &&
           EVP_PKEY_verify(ctx.get(), der, static_cast<std::size_t>(der_len), digest.data(),
                           digest.size()) == 1;
}

bool public_matches_private(const std::string& acvp_curve, const Bytes& d, const Bytes& qx,
                            const Bytes& qy) {
    const int nid = EC_curve_nist2nid(group_name(acvp_curve));
    std::unique_ptr<EC_GROUP, decltype(&EC_GROUP_free)> group(
        EC_GROUP_new_by_curve_name_ex(libctx(), nullptr, nid), EC_GROUP_free);
    if (!group) throw std::runtime_error("EC group");
    std::unique_ptr<EC_POINT, decltype(&EC_POINT_free)> q(EC_POINT_new(group.get()),
                                                          EC_POINT_free);
    const BnPtr scalar = to_bn(d);
    const BnPtr x(BN_new()), y(BN_new());
    if (!q || !scalar || !x || !y ||
        EC_POINT_mul(group.get(), q.get(), scalar.get(), nullptr, nullptr, nullptr) != 1 ||
        EC_POINT_get_affine_coordinates(group.get(), q.get(), x.get(), y.get(), nullptr) != 1) {
        return false;
    }
    return BN_cmp(x.get(), to_bn(qx).get()) == 0 && BN_cmp(y.get(), to_bn(qy).get()) == 0;
}

}  // namespace craton::acvp::ec
