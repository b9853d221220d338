#include "rng/module_keytypes.h"

#include <array>
#include <cstring>
#include <string_view>
#include <vector>

#include <openssl/core_dispatch.h>
#include <openssl/provider.h>

namespace craton::rng {
namespace {

constexpr const char* kProviderName = "craton-keys";
constexpr const char* kProperties = "provider=craton-keys";

// What the provider offers: each default-provider algorithm (operation, first name) under the
// module's name. One name per key type for all its operations, so that OpenSSL, which looks an
// operation up by the key type's name when key management does not say otherwise, finds these.
struct Exposed {
    int operation;
    const char* default_name;
    const char* name;
};
constexpr std::array<Exposed, 6> kExposed = {{
    {OSSL_OP_KEYMGMT, "RSA", kRsaKeyType},
    {OSSL_OP_SIGNATURE, "RSA", kRsaKeyType},
    {OSSL_OP_ASYM_CIPHER, "RSA", kRsaKeyType},
    {OSSL_OP_KEYMGMT, "EC", kEcKeyType},
    {OSSL_OP_SIGNATURE, "ECDSA", kEcKeyType},
    {OSSL_OP_KEYEXCH, "ECDH", kEcKeyType},
}};
constexpr std::array<int, 4> kOperations = {OSSL_OP_KEYMGMT, OSSL_OP_SIGNATURE, OSSL_OP_ASYM_CIPHER,
                                            OSSL_OP_KEYEXCH};

// Filled once by load_module_keytypes before the provider is loaded, read-only afterwards.
struct Tables {
    // Key-management dispatch tables copied without OSSL_FUNC_KEYMGMT_QUERY_OPERATION_NAME: the
    // default provider's answer ("ECDSA", "ECDH", "RSA") would send OpenSSL to the default
    // provider's operations, which cannot take our key type; without it the key type's own
    // name is used. Sized up front so the pointers below stay valid.
    std::array<std::vector<OSSL_DISPATCH>, kExposed.size()> keymgmt_functions;
    // Per operation, the algorithms in OpenSSL's null-terminated form.
    std::array<std::vector<OSSL_ALGORITHM>, kOperations.size()> algorithms;
    void* default_provctx = nullptr;
};
// Never destroyed: OpenSSL keeps pointers into the tables for the life of the process, which
// may outlast this library's static destructors.
Tables& g_tables = *new Tables;

bool first_name_is(const char* names, std::string_view wanted) {
    const std::string_view all(names);
    return all.substr(0, all.find(':')) == wanted;
}

const OSSL_DISPATCH* find_default(OSSL_PROVIDER* prov, int operation, const char* name) {
    int no_cache = 0;
    const OSSL_ALGORITHM* algs = OSSL_PROVIDER_query_operation(prov, operation, &no_cache);
    const OSSL_DISPATCH* found = nullptr;
    for (const OSSL_ALGORITHM* a = algs; a != nullptr && a->algorithm_names != nullptr; ++a) {
        if (first_name_is(a->algorithm_names, name)) {
            found = a->implementation;
            break;
        }
    }
    OSSL_PROVIDER_unquery_operation(prov, operation, algs);
    return found;
}

std::vector<OSSL_DISPATCH> without_operation_name(const OSSL_DISPATCH* functions) {
    std::vector<OSSL_DISPATCH> out;
    for (const OSSL_DISPATCH* f = functions; f->function_id != 0; ++f) {
        if (f->function_id != OSSL_FUNC_KEYMGMT_QUERY_OPERATION_NAME) out.push_back(*f);
    }
    out.push_back({0, nullptr});
    return out;
}

bool build_tables(OSSL_PROVIDER* default_provider) {
    g_tables.default_provctx = OSSL_PROVIDER_get0_provider_ctx(default_provider);
    for (std::size_t op = 0; op < kOperations.size(); ++op) {
        std::vector<OSSL_ALGORITHM>& algs = g_tables.algorithms[op];
        algs.clear();
        for (std::size_t i = 0; i < kExposed.size(); ++i) {
            const Exposed& e = kExposed[i];
            if (e.operation != kOperations[op]) continue;
            const OSSL_DISPATCH* impl = find_default(default_provider, e.operation, e.default_name);
            if (impl == nullptr) return false;
            if (e.operation == OSSL_OP_KEYMGMT) {
                g_tables.keymgmt_functions[i] = without_operation_name(impl);
                impl = g_tables.keymgmt_functions[i].data();
            }
            algs.push_back({e.name, kProperties, impl, "Craton HSM key type (OpenSSL default)"});
        }
        algs.push_back({nullptr, nullptr, nullptr, nullptr});
    }
    return g_tables.default_provctx != nullptr;
}

// OpenSSL calls these through C function pointers: nothing may throw across them.
const OSSL_ALGORITHM* provider_query(void*, int operation_id, int* no_cache) noexcept {
    *no_cache = 0;
    for (std::size_t op = 0; op < kOperations.size(); ++op) {
        if (kOperations[op] == operation_id) return g_tables.algorithms[op].data();
    }
    return nullptr;
}

template <class F>
void (*fn(F* f))(void) {
    return reinterpret_cast<void (*)(void)>(f);
}

// No teardown: the provider context is the default provider's, which frees it itself.
const OSSL_DISPATCH kProviderFunctions[] = {
    {OSSL_FUNC_PROVIDER_QUERY_OPERATION, fn(provider_query)}, {0, nullptr}};

int provider_init(const OSSL_CORE_HANDLE*, const OSSL_DISPATCH*, const OSSL_DISPATCH** out,
                  void** provctx) noexcept {
    *out = kProviderFunctions;
    // The default provider's functions expect its own context (library context, core handle).
    *provctx = g_tables.default_provctx;
    return *provctx != nullptr ? 1 : 0;
}

}  // namespace

bool load_module_keytypes(OSSL_LIB_CTX* ctx, OSSL_PROVIDER* default_provider) {
    return default_provider != nullptr && build_tables(default_provider) &&
           OSSL_PROVIDER_add_builtin(ctx, kProviderName, provider_init) == 1 &&
           OSSL_PROVIDER_load(ctx, kProviderName) != nullptr;
}

}  // namespace craton::rng
