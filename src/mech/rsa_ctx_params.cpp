#include "mech/rsa_ctx_params.h"

#include <openssl/core_names.h>
#include <openssl/param_build.h>
#include <openssl/params.h>

namespace craton::mech::rsa {
namespace {

// OpenSSL only reads the digest names; the casts drop the const its constructors lack.
char* md_name(const EVP_MD* md) {
    return const_cast<char*>(EVP_MD_get0_name(md));
}

}  // namespace

bool set_padding(EVP_PKEY_CTX* ctx, int padding) {
    // Signature and asymmetric-cipher contexts share the parameter name "pad-mode".
    const OSSL_PARAM params[] = {OSSL_PARAM_construct_int(OSSL_SIGNATURE_PARAM_PAD_MODE, &padding),
                                 OSSL_PARAM_construct_end()};
    return EVP_PKEY_CTX_set_params(ctx, params) == 1;
}

bool set_pss(EVP_PKEY_CTX* ctx, const EVP_MD* mgf1, int salt_len) {
    const OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_SIGNATURE_PARAM_MGF1_DIGEST, md_name(mgf1), 0),
        OSSL_PARAM_construct_int(OSSL_SIGNATURE_PARAM_PSS_SALTLEN, &salt_len),
        OSSL_PARAM_construct_end()};
    return EVP_PKEY_CTX_set_params(ctx, params) == 1;
}

bool set_oaep(EVP_PKEY_CTX* ctx, const EVP_MD* hash, const EVP_MD* mgf1, ByteView label) {
    // The provider copies the label.
    const OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_ASYM_CIPHER_PARAM_OAEP_DIGEST, md_name(hash), 0),
        OSSL_PARAM_construct_utf8_string(OSSL_ASYM_CIPHER_PARAM_MGF1_DIGEST, md_name(mgf1), 0),
        OSSL_PARAM_construct_end()};
    if (EVP_PKEY_CTX_set_params(ctx, params) != 1) return false;
    if (label.empty()) return true;
    const OSSL_PARAM with_label[] = {
        OSSL_PARAM_construct_octet_string(OSSL_ASYM_CIPHER_PARAM_OAEP_LABEL,
                                          const_cast<std::uint8_t*>(label.data()), label.size()),
        OSSL_PARAM_construct_end()};
    return EVP_PKEY_CTX_set_params(ctx, with_label) == 1;
}

bool set_keygen(EVP_PKEY_CTX* ctx, int bits, const BIGNUM* e) {
    OSSL_PARAM_BLD* bld = OSSL_PARAM_BLD_new();
    const auto size = static_cast<std::size_t>(bits);
    OSSL_PARAM* params = nullptr;
    if (bld != nullptr && OSSL_PARAM_BLD_push_size_t(bld, OSSL_PKEY_PARAM_RSA_BITS, size) == 1 &&
        OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_E, e) == 1) {
        params = OSSL_PARAM_BLD_to_param(bld);
    }
    const bool ok = params != nullptr && EVP_PKEY_CTX_set_params(ctx, params) == 1;
    OSSL_PARAM_free(params);
    OSSL_PARAM_BLD_free(bld);
    return ok;
}

}  // namespace craton::mech::rsa
