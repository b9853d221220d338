// KATs for elliptic-curve algorithms: ECDSA P-256 (generation with the published per-message
// secret k, verification of the published signature, and a sign/verify round trip through
// EVP), ECDH P-256 shared secret, and Ed25519 (RFC 8032, deterministic).
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/obj_mac.h>
#include <openssl/param_build.h>

#include <memory>
#include <string>

#include "rng/module_keytypes.h"
#include "rng/openssl_rand.h"
#include "selftest/kat.h"
#include "selftest/kat_functions.h"
#include "selftest/kat_support.h"
#include "selftest/kat_vectors.inc"

namespace craton::selftest::kat {
namespace {

namespace v = vectors;

struct BnFree {
    void operator()(BIGNUM* b) const noexcept { BN_clear_free(b); }
};
using Bn = std::unique_ptr<BIGNUM, BnFree>;

Bn bn(std::string_view h) {
    const Bytes b = hex(h);
    return Bn(BN_bin2bn(b.data(), static_cast<int>(b.size()), nullptr));
}

Bytes uncompressed_point(std::string_view x, std::string_view y) {
    Bytes p{0x04};
    const Bytes bx = hex(x), by = hex(y);
    p.insert(p.end(), bx.begin(), bx.end());
    p.insert(p.end(), by.begin(), by.end());
    return p;
}

// A P-256 key of the module's own EC type (rng/module_keytypes.h), as the mechanisms make:
// public point, and the private scalar if given.
Pkey p256_key(const char* name, const Bytes& point, std::string_view private_hex = {}) {
    OSSL_PARAM_BLD* bld = OSSL_PARAM_BLD_new();
    Bn d;
    if (!private_hex.empty()) d = bn(private_hex);
    OSSL_PARAM* params = nullptr;
    if (bld != nullptr &&
        OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME, "P-256", 0) == 1 &&
        (point.empty() || OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY,
                                                           point.data(), point.size()) == 1) &&
        (!d || OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_PRIV_KEY, d.get()) == 1)) {
        params = OSSL_PARAM_BLD_to_param(bld);
    }
    PkeyCtx ctx(EVP_PKEY_CTX_new_from_name(rng::openssl_libctx(), rng::kEcKeyType, nullptr));
    EVP_PKEY* key = nullptr;
    const int selection = d ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY;
    const bool ok = params != nullptr && ctx && EVP_PKEY_fromdata_init(ctx.get()) == 1 &&
                    EVP_PKEY_fromdata(ctx.get(), &key, selection, params) == 1;
    OSSL_PARAM_free(params);
    OSSL_PARAM_BLD_free(bld);
    Pkey owned(key);
    require(name, ok);
    return owned;
}

// r || s (32 bytes each) to the DER form EVP verification takes.
Bytes der_signature(const char* name, const Bytes& rs) {
    ECDSA_SIG* sig = ECDSA_SIG_new();
    BIGNUM* r = BN_bin2bn(rs.data(), 32, nullptr);
    BIGNUM* s = BN_bin2bn(rs.data() + 32, 32, nullptr);
    Bytes der;
    if (sig != nullptr && r != nullptr && s != nullptr && ECDSA_SIG_set0(sig, r, s) == 1) {
        r = s = nullptr;  // owned by sig now
        unsigned char* out = nullptr;
        const int n = i2d_ECDSA_SIG(sig, &out);
        if (n > 0) der.assign(out, out + n);
        OPENSSL_free(out);
    }
    BN_free(r);
    BN_free(s);
    ECDSA_SIG_free(sig);
    require(name, !der.empty());
    return der;
}

// ECDSA signing with a caller-chosen k. OpenSSL 3.0's EVP interface always draws k itself
// (deterministic RFC 6979 nonces arrived in 3.2), so the known-answer signature is computed
// through the EC_KEY interface, the only one that accepts a precomputed (k^-1, r): the same
// s = k^-1 (z + r d) code the EVP provider runs. EC_KEY is deprecated in 3.0, hence the pragma.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
Bytes sign_with_k(const char* name, const Bytes& digest) {
    EC_KEY* ec = EC_KEY_new_by_curve_name_ex(rng::openssl_libctx(), nullptr, NID_X9_62_prime256v1);
    BN_CTX* ctx = BN_CTX_new_ex(rng::openssl_libctx());
    Bn d = bn(v::kEcdsaD), k = bn(v::kEcdsaK);
    Bn x(BN_new()), r(BN_new()), kinv;
    EC_POINT* big_r = nullptr;
    ECDSA_SIG* sig = nullptr;
    bool ok = ec != nullptr && ctx != nullptr && d && k && x && r &&
              EC_KEY_set_private_key(ec, d.get()) == 1;
    if (ok) {
        const EC_GROUP* group = EC_KEY_get0_group(ec);
        const BIGNUM* order = EC_GROUP_get0_order(group);
        big_r = EC_POINT_new(group);
        kinv.reset(BN_mod_inverse(nullptr, k.get(), order, ctx));
        ok = big_r != nullptr && kinv &&
             EC_POINT_mul(group, big_r, k.get(), nullptr, nullptr, ctx) == 1 &&
             EC_POINT_get_affine_coordinates(group, big_r, x.get(), nullptr, ctx) == 1 &&
             BN_nnmod(r.get(), x.get(), order, ctx) == 1;
    }
    if (ok) {
        sig = ECDSA_do_sign_ex(digest.data(), static_cast<int>(digest.size()), kinv.get(), r.get(),
                               ec);
    }
    Bytes rs(64);
    if (sig != nullptr) {
        const BIGNUM *sr = nullptr, *ss = nullptr;
        ECDSA_SIG_get0(sig, &sr, &ss);
        ok = BN_bn2binpad(sr, rs.data(), 32) == 32 && BN_bn2binpad(ss, rs.data() + 32, 32) == 32;
    } else {
        ok = false;
    }
    ECDSA_SIG_free(sig);
    EC_POINT_free(big_r);
    BN_CTX_free(ctx);
    EC_KEY_free(ec);
    require(name, ok);
    return rs;
}
#pragma GCC diagnostic pop

}  // namespace

void ecdsa_p256_sign() {
    const char* name = "ecdsa-p256-sign";
    const Bytes msg = hex(v::kEcdsaMsg);
    // Known answer with the published k.
    const std::string answer = std::string(v::kEcdsaR) + std::string(v::kEcdsaS);
    require_equal(name, sign_with_k(name, sha256(msg)), expected(name, answer));
    // The EVP path the mechanisms use (k from the module DRBG), checked by verification.
    Pkey key = p256_key(name, uncompressed_point(v::kEcdsaQx, v::kEcdsaQy), v::kEcdsaD);
    const Bytes sig = sign(name, key.get(), "SHA2-256", msg);
    require(name, verify(key.get(), "SHA2-256", msg, sig));
}

void ecdsa_p256_verify() {
    const char* name = "ecdsa-p256-verify";
    Pkey key = p256_key(name, uncompressed_point(v::kEcdsaQx, v::kEcdsaQy));
    const std::string answer = std::string(v::kEcdsaR) + std::string(v::kEcdsaS);
    require(name, verify(key.get(), "SHA2-256", hex(v::kEcdsaMsg),
                         der_signature(name, expected(name, answer))));
}

void ecdh_p256() {
    const char* name = "ecdh-p256";
    Pkey mine = p256_key(name, {}, v::kEcdhPrivate);
    Pkey peer = p256_key(name, hex(v::kEcdhPeer));
    PkeyCtx ctx(EVP_PKEY_CTX_new_from_pkey(rng::openssl_libctx(), mine.get(), nullptr));
    Bytes z(32);
    std::size_t n = z.size();
    require(name, ctx && EVP_PKEY_derive_init(ctx.get()) == 1 &&
                      EVP_PKEY_derive_set_peer(ctx.get(), peer.get()) == 1 &&
                      EVP_PKEY_derive(ctx.get(), z.data(), &n) == 1 && n == z.size());
    require_equal(name, z, expected(name, v::kEcdhShared));
}

void ed25519_sign() {
    const char* name = "ed25519-sign";
    const Bytes sk = hex(v::kEd25519Secret);
    Pkey key(EVP_PKEY_new_raw_private_key_ex(rng::openssl_libctx(), "ED25519", nullptr, sk.data(),
                                             sk.size()));
    require(name, key != nullptr);
    // Key generation from the secret is part of the answer: the published public key.
    Bytes pk(32);
    std::size_t n = pk.size();
    require(name, EVP_PKEY_get_raw_public_key(key.get(), pk.data(), &n) == 1 && n == 32);
    require_equal(name, pk, hex(v::kEd25519Public));
    require_equal(name, sign(name, key.get(), nullptr, hex(v::kEd25519Msg)),
                  expected(name, v::kEd25519Sig));
}

void ed25519_verify() {
    const char* name = "ed25519-verify";
    const Bytes pk = hex(v::kEd25519Public);
    Pkey key(EVP_PKEY_new_raw_public_key_ex(rng::openssl_libctx(), "ED25519", nullptr, pk.data(),
                                            pk.size()));
    require(name, key != nullptr);
    require(name, verify(key.get(), nullptr, hex(v::kEd25519Msg), expected(name, v::kEd25519Sig)));
}

}  // namespace craton::selftest::kat
