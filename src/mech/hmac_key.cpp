#include "mech/hmac_key.h"

#include <openssl/core_names.h>

#include "core/error.h"
#include "rng/random.h"

namespace craton::mech::hmac {
namespace {

EVP_MAC* hmac_algorithm() {
    static EVP_MAC* const mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
    if (mac == nullptr) fail(CKR_GENERAL_ERROR, "HMAC unavailable");
    return mac;
}

ByteView key_value(const Object& key) {
    const auto value = key.get(CKA_VALUE);
    if (!value) fail(CKR_KEY_TYPE_INCONSISTENT);
    if (value->size() < kMinKeyBytes || value->size() > kMaxKeyBytes) fail(CKR_KEY_SIZE_RANGE);
    return *value;
}

MacCtxPtr keyed(ByteView key, std::size_t hash) {
    MacCtxPtr ctx(EVP_MAC_CTX_new(hmac_algorithm()));
    if (!ctx) fail(CKR_HOST_MEMORY);
    OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(
                               OSSL_MAC_PARAM_DIGEST, const_cast<char*>(kHashes[hash].evp_name), 0),
                           OSSL_PARAM_construct_end()};
    if (EVP_MAC_init(ctx.get(), key.data(), key.size(), params) != 1) fail(CKR_FUNCTION_FAILED);
    return ctx;
}

}  // namespace

const EVP_MAC_CTX* HmacKey::prepared(const Object& key, std::size_t hash) const {
    std::call_once(once_[hash], [&] { ctx_[hash] = keyed(key_value(key), hash); });
    return ctx_[hash].get();
}

MacCtxPtr HmacKey::start(const Object& key, std::size_t hash) {
    const auto material = key.parsed([](const Object&) -> std::shared_ptr<const KeyMaterial> {
        return std::make_shared<HmacKey>();
    });
    const auto* hmac_key = dynamic_cast<const HmacKey*>(material.get());
    if (hmac_key == nullptr) {
        // Another family cached its own form for this object first; key per operation.
        return keyed(key_value(key), hash);
    }
    // The length rule is checked on every start, not only when the slot is prepared.
    (void)key_value(key);
    MacCtxPtr ctx(EVP_MAC_CTX_dup(hmac_key->prepared(key, hash)));
    if (!ctx) fail(CKR_HOST_MEMORY);
    return ctx;
}

void generate_secret(const CK_MECHANISM& mechanism, Object& key) {
    if (mechanism.pParameter != nullptr || mechanism.ulParameterLen != 0) {
        fail(CKR_MECHANISM_PARAM_INVALID);
    }
    const CK_ULONG length = key.get_ulong(CKA_VALUE_LEN, 0);
    if (length < kMinKeyBytes || length > kMaxKeyBytes) fail(CKR_KEY_SIZE_RANGE);
    SecureBytes value(length);
    rng::random_bytes(value);
    key.set(CKA_VALUE, value);
}

}  // namespace craton::mech::hmac
