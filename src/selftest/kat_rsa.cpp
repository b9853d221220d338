// KATs for RSA-2048 signatures: PKCS#1 v1.5 generation and verification against a published
// deterministic signature, PSS verification of a published signature, and a PSS sign/verify
// round trip (PSS salts are random, so no published signature can be reproduced).
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/rsa.h>

#include "mech/pkey_retype.h"
#include "mech/rsa_ctx_params.h"
#include "rng/module_keytypes.h"
#include "rng/openssl_rand.h"
#include "selftest/kat.h"
#include "selftest/kat_functions.h"
#include "selftest/kat_support.h"
#include "selftest/kat_vectors.inc"

namespace craton::selftest::kat {
namespace {

namespace v = vectors;

// The KATs use the module's own RSA key type, as the mechanisms do (rng/module_keytypes.h).
Pkey private_key(const char* name) {
    const Bytes der = hex(v::kRsaPrivatePkcs8);
    const unsigned char* p = der.data();
    Pkey decoded(d2i_AutoPrivateKey_ex(nullptr, &p, static_cast<long>(der.size()),
                                       rng::openssl_libctx(), nullptr));
    require(name, decoded != nullptr);
    Pkey key(mech::retype(decoded.get(), rng::kRsaKeyType, EVP_PKEY_KEYPAIR));
    require(name, key != nullptr);
    return key;
}

Pkey public_key(const char* name, std::string_view n_hex, std::string_view e_hex) {
    const Bytes n = hex(n_hex), e = hex(e_hex);
    BIGNUM* bn_n = BN_bin2bn(n.data(), static_cast<int>(n.size()), nullptr);
    BIGNUM* bn_e = BN_bin2bn(e.data(), static_cast<int>(e.size()), nullptr);
    OSSL_PARAM_BLD* bld = OSSL_PARAM_BLD_new();
    OSSL_PARAM* params = nullptr;
    if (bn_n != nullptr && bn_e != nullptr && bld != nullptr &&
        OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_N, bn_n) == 1 &&
        OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_E, bn_e) == 1) {
        params = OSSL_PARAM_BLD_to_param(bld);
    }
    PkeyCtx ctx(EVP_PKEY_CTX_new_from_name(rng::openssl_libctx(), rng::kRsaKeyType, nullptr));
    EVP_PKEY* key = nullptr;
    const bool ok = params != nullptr && ctx && EVP_PKEY_fromdata_init(ctx.get()) == 1 &&
                    EVP_PKEY_fromdata(ctx.get(), &key, EVP_PKEY_PUBLIC_KEY, params) == 1;
    OSSL_PARAM_free(params);
    OSSL_PARAM_BLD_free(bld);
    BN_free(bn_n);
    BN_free(bn_e);
    Pkey owned(key);
    require(name, ok);
    return owned;
}

void pss_salt_8(const char* name, EVP_PKEY_CTX* p) {
    require(name, mech::rsa::set_padding(p, RSA_PKCS1_PSS_PADDING) &&
                      mech::rsa::set_pss(p, EVP_sha256(), v::kPssSaltLen));
}

void pss_salt_digest(const char* name, EVP_PKEY_CTX* p) {
    require(name, mech::rsa::set_padding(p, RSA_PKCS1_PSS_PADDING) &&
                      mech::rsa::set_pss(p, EVP_sha256(), RSA_PSS_SALTLEN_DIGEST));
}

}  // namespace

void rsa_pkcs1_sign() {
    const char* name = "rsa-pkcs1-sign";
    Pkey key = private_key(name);
    const Bytes sig = sign(name, key.get(), "SHA2-256", hex(v::kRsaPkcs1Msg));
    require_equal(name, sig, expected(name, v::kRsaPkcs1Sig));
}

void rsa_pkcs1_verify() {
    const char* name = "rsa-pkcs1-verify";
    Pkey key = private_key(name);
    require(name,
            verify(key.get(), "SHA2-256", hex(v::kRsaPkcs1Msg), expected(name, v::kRsaPkcs1Sig)));
}

void rsa_pss_verify() {
    const char* name = "rsa-pss-verify";
    Pkey key = public_key(name, v::kPssN, v::kPssE);
    require(name, verify(key.get(), "SHA2-256", hex(v::kPssMsg), expected(name, v::kPssSig),
                         pss_salt_8, name));
}

void rsa_pss_sign() {
    const char* name = "rsa-pss-sign";
    Pkey key = private_key(name);
    const Bytes msg = hex(v::kRsaPkcs1Msg);
    const Bytes sig = sign(name, key.get(), "SHA2-256", msg, pss_salt_digest);
    require(name, verify(key.get(), "SHA2-256", msg, expected(name, sig), pss_salt_digest, name));
}

}  // namespace craton::selftest::kat
