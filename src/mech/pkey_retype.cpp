#include "mech/pkey_retype.h"

#include <openssl/params.h>

#include "rng/openssl_rand.h"

namespace craton::mech {

EVP_PKEY* retype(const EVP_PKEY* pkey, const char* type, int selection) {
    // EVP_PKEY_todata keeps private values in the secure heap; OSSL_PARAM_free wipes that part.
    OSSL_PARAM* params = nullptr;
    if (EVP_PKEY_todata(pkey, selection, &params) != 1) return nullptr;
    EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_name(rng::openssl_libctx(), type, nullptr);
    EVP_PKEY* out = nullptr;
    if (ctx == nullptr || EVP_PKEY_fromdata_init(ctx) != 1 ||
        EVP_PKEY_fromdata(ctx, &out, selection, params) != 1) {
        out = nullptr;
    }
    EVP_PKEY_CTX_free(ctx);
    OSSL_PARAM_free(params);
    return out;
}

}  // namespace craton::mech
