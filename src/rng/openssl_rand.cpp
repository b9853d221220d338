#include "rng/openssl_rand.h"

#include <stdexcept>

#include <openssl/core_dispatch.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <openssl/provider.h>
#include <openssl/rand.h>

#include "rng/hmac_drbg.h"
#include "rng/module_keytypes.h"
#include "rng/random.h"
#include "selftest/module_state.h"

namespace craton::rng {
namespace {

constexpr const char* kProviderName = "craton-rand";
constexpr const char* kRandName = "CRATON-DRBG";
constexpr const char* kRandProperties = "provider=craton-rand";

// The EVP_RAND is stateless on the OpenSSL side: every context forwards to the one module
// DRBG, which does its own locking, reseeding and health testing. A context needs only a
// distinct non-null pointer.
int g_context_token = 0;
int g_provider_token = 0;

// OpenSSL calls these through C function pointers: nothing may throw across them.
void* rand_newctx(void*, void*, const OSSL_DISPATCH*) {
    return &g_context_token;
}
void rand_freectx(void*) {}
int rand_instantiate(void*, unsigned int strength, int, const unsigned char*, size_t,
                     const OSSL_PARAM[]) {
    return strength <= 256 ? 1 : 0;
}
int rand_uninstantiate(void*) {
    return 1;
}

int rand_generate(void*, unsigned char* out, size_t outlen, unsigned int strength, int,
                  const unsigned char* adin, size_t adin_len) {
    if (strength > 256) return 0;
    try {
        random_bytes(std::span(out, outlen), std::span(adin, adin == nullptr ? 0 : adin_len));
        return 1;
    } catch (...) {
        OPENSSL_cleanse(out, outlen);
        return 0;
    }
}

// Every generate already reseeds from getrandom(2); a reseed request with additional input
// mixes it in the same way C_SeedRandom does.
int rand_reseed(void*, int, const unsigned char*, size_t, const unsigned char* adin,
                size_t adin_len) {
    try {
        if (adin != nullptr && adin_len != 0) add_seed(std::span(adin, adin_len));
        return 1;
    } catch (...) {
        return 0;
    }
}

int rand_enable_locking(void*) {
    return 1;
}
int rand_lock(void*) {
    return 1;
}
void rand_unlock(void*) {}

const OSSL_PARAM* rand_gettable_ctx_params(void*, void*) {
    static const OSSL_PARAM kGettable[] = {OSSL_PARAM_int(OSSL_RAND_PARAM_STATE, nullptr),
                                           OSSL_PARAM_uint(OSSL_RAND_PARAM_STRENGTH, nullptr),
                                           OSSL_PARAM_size_t(OSSL_RAND_PARAM_MAX_REQUEST, nullptr),
                                           OSSL_PARAM_END};
    return kGettable;
}

int rand_get_ctx_params(void*, OSSL_PARAM params[]) {
    OSSL_PARAM* p = OSSL_PARAM_locate(params, OSSL_RAND_PARAM_STATE);
    const int state = selftest::in_error_state() ? EVP_RAND_STATE_ERROR : EVP_RAND_STATE_READY;
    if (p != nullptr && OSSL_PARAM_set_int(p, state) != 1) return 0;
    p = OSSL_PARAM_locate(params, OSSL_RAND_PARAM_STRENGTH);
    if (p != nullptr && OSSL_PARAM_set_uint(p, 256) != 1) return 0;
    p = OSSL_PARAM_locate(params, OSSL_RAND_PARAM_MAX_REQUEST);
    if (p != nullptr && OSSL_PARAM_set_size_t(p, HmacDrbg::kMaxRequestBytes) != 1) return 0;
    return 1;
}

template <class F>
void (*fn(F* f))(void) {
    return reinterpret_cast<void (*)(void)>(f);
}

const OSSL_DISPATCH kRandFunctions[] = {
    {OSSL_FUNC_RAND_NEWCTX, fn(rand_newctx)},
    {OSSL_FUNC_RAND_FREECTX, fn(rand_freectx)},
    {OSSL_FUNC_RAND_INSTANTIATE, fn(rand_instantiate)},
    {OSSL_FUNC_RAND_UNINSTANTIATE, fn(rand_uninstantiate)},
    {OSSL_FUNC_RAND_GENERATE, fn(rand_generate)},
    {OSSL_FUNC_RAND_RESEED, fn(rand_reseed)},
    {OSSL_FUNC_RAND_ENABLE_LOCKING, fn(rand_enable_locking)},
    {OSSL_FUNC_RAND_LOCK, fn(rand_lock)},
    {OSSL_FUNC_RAND_UNLOCK, fn(rand_unlock)},
    {OSSL_FUNC_RAND_GETTABLE_CTX_PARAMS, fn(rand_gettable_ctx_params)},
    {OSSL_FUNC_RAND_GET_CTX_PARAMS, fn(rand_get_ctx_params)},
    {0, nullptr}};

const OSSL_ALGORITHM kRands[] = {
    {kRandName, kRandProperties, kRandFunctions, "Craton HSM SP 800-90A HMAC_DRBG"},
    {nullptr, nullptr, nullptr, nullptr}};

const OSSL_ALGORITHM* provider_query(void*, int operation_id, int* no_cache) {
    *no_cache = 0;
    return operation_id == OSSL_OP_RAND ? kRands : nullptr;
}

const OSSL_DISPATCH kProviderFunctions[] = {
    {OSSL_FUNC_PROVIDER_QUERY_OPERATION, fn(provider_query)}, {0, nullptr}};

int provider_init(const OSSL_CORE_HANDLE*, const OSSL_DISPATCH*, const OSSL_DISPATCH** out,
                  void** provctx) {
    *out = kProviderFunctions;
    *provctx = &g_provider_token;
    return 1;
}

OSSL_LIB_CTX* make_libctx() {
    OSSL_LIB_CTX* ctx = OSSL_LIB_CTX_new();
    if (ctx == nullptr) throw std::runtime_error("OSSL_LIB_CTX_new failed");
    // The providers stay loaded for the life of the process. "craton-keys" re-exposes the
    // default provider's RSA and EC code under the module's own key-type names
    // (module_keytypes.h: why ENGINE defaults make that necessary).
    OSSL_PROVIDER* default_provider = nullptr;
    const bool ok = OSSL_PROVIDER_add_builtin(ctx, kProviderName, provider_init) == 1 &&
                    OSSL_PROVIDER_load(ctx, kProviderName) != nullptr &&
                    (default_provider = OSSL_PROVIDER_load(ctx, "default")) != nullptr &&
                    load_module_keytypes(ctx, default_provider) &&
                    RAND_set_seed_source_type(ctx, kRandName, kRandProperties) == 1 &&
                    RAND_set_DRBG_type(ctx, kRandName, kRandProperties, nullptr, nullptr) == 1;
    if (!ok) {
        OSSL_LIB_CTX_free(ctx);
        throw std::runtime_error(
            "cannot set up the module's OpenSSL library context (DRBG, key types)");
    }
    return ctx;
}

}  // namespace

OSSL_LIB_CTX* openssl_libctx() {
    static OSSL_LIB_CTX* const ctx = make_libctx();
    return ctx;
}

}  // namespace craton::rng
