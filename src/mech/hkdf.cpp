// HKDF (RFC 5869; the two-step KDF of SP 800-56C) for C_DeriveKey. CKM_HKDF_DERIVE makes a
// secret key, CKM_HKDF_DATA a CKO_DATA object (TLS 1.3 IVs); CKM_HKDF_KEY_GEN makes CKK_HKDF
// keys. The salt may be absent, given as bytes, or taken from another key (CKF_HKDF_SALT_KEY),
// so that a secret salt never has to leave the token.
#include <cstring>
#include <limits>

#include <openssl/core_names.h>
#include <openssl/kdf.h>

#include "core/error.h"
#include "mech/hmac_digests.h"
#include "mech/hmac_key.h"
#include "mech/registry.h"

namespace craton::mech {
namespace {

using hmac::kHashes;

EVP_KDF* hkdf_algorithm() {
    static EVP_KDF* const kdf = EVP_KDF_fetch(nullptr, "HKDF", nullptr);
    if (kdf == nullptr) fail(CKR_GENERAL_ERROR, "HKDF unavailable");
    return kdf;
}

struct KdfCtxFree {
    void operator()(EVP_KDF_CTX* ctx) const noexcept { EVP_KDF_CTX_free(ctx); }
};

// Bytes referenced by a caller's pointer/length pair; a length without a pointer is malformed.
ByteView caller_bytes(const CK_BYTE* p, CK_ULONG len) {
    if (len == 0) return {};
    if (p == nullptr) fail(CKR_MECHANISM_PARAM_INVALID);
    return {p, static_cast<std::size_t>(len)};
}

// The salt key is a second input to the derivation: it needs the same rights as the base key,
// or a caller could use any secret it can see as an HMAC key over data it chooses.
ByteView salt_key_value(const Object& salt_key, CK_MECHANISM_TYPE mechanism) {
    if (salt_key.object_class() != CKO_SECRET_KEY) fail(CKR_KEY_TYPE_INCONSISTENT);
    const CK_KEY_TYPE kt = salt_key.key_type();
    if (kt != CKK_GENERIC_SECRET && kt != CKK_HKDF) fail(CKR_KEY_TYPE_INCONSISTENT);
    if (!salt_key.get_bool(CKA_DERIVE)) fail(CKR_KEY_FUNCTION_NOT_PERMITTED);
    if (const auto allowed = salt_key.get(CKA_ALLOWED_MECHANISMS); allowed && !allowed->empty()) {
        const std::size_t n = allowed->size() / sizeof(CK_MECHANISM_TYPE);
        bool found = false;
        for (std::size_t i = 0; i < n; ++i) {
            CK_MECHANISM_TYPE t = 0;
            std::memcpy(&t, allowed->data() + i * sizeof t, sizeof t);
            found = found || t == mechanism;
        }
        if (!found) fail(CKR_MECHANISM_INVALID);
    }
    const auto value = salt_key.get(CKA_VALUE);
    if (!value) fail(CKR_KEY_TYPE_INCONSISTENT);
    return *value;
}

SecureBytes hkdf(const CK_MECHANISM& mech, const ObjectPtr& base, std::size_t length,
                 const Mechanism::KeyLookup& lookup) {
    if (mech.pParameter == nullptr || mech.ulParameterLen != sizeof(CK_HKDF_PARAMS)) {
        fail(CKR_MECHANISM_PARAM_INVALID);
    }
    CK_HKDF_PARAMS p;
    std::memcpy(&p, mech.pParameter, sizeof p);
    const bool extract = p.bExtract != CK_FALSE;
    const bool expand = p.bExpand != CK_FALSE;
    if (!extract && !expand) fail(CKR_MECHANISM_PARAM_INVALID);
    const int hash = hmac::hash_index_by_digest(p.prfHashMechanism);
    if (hash < 0) fail(CKR_MECHANISM_PARAM_INVALID);
    const std::size_t hash_len = kHashes[hash].size;

    // Extract alone yields the PRK, whose size is the hash's; expansion stops at 255 blocks.
    std::size_t out_len = hash_len;
    if (!expand) {
        if (length != 0 && length != hash_len) fail(CKR_TEMPLATE_INCONSISTENT);
    } else if (length != 0) {
        if (length > 255 * hash_len) fail(CKR_KEY_SIZE_RANGE);
        out_len = length;
    }

    // The salt matters only to extraction and the info only to expansion; the other phase's
    // fields are not read.
    ByteView salt;
    ObjectPtr salt_key;  // keeps the salt bytes alive until the derivation ran
    if (extract) {
        switch (p.ulSaltType) {
            case CKF_HKDF_SALT_NULL:
                if (p.pSalt != nullptr || p.ulSaltLen != 0) fail(CKR_MECHANISM_PARAM_INVALID);
                break;
            case CKF_HKDF_SALT_DATA:
                salt = caller_bytes(p.pSalt, p.ulSaltLen);
                break;
            case CKF_HKDF_SALT_KEY:
                salt_key = lookup(p.hSaltKey);
                salt = salt_key_value(*salt_key, mech.mechanism);
                break;
            default:
                fail(CKR_MECHANISM_PARAM_INVALID);
        }
    }
    const ByteView info = expand ? caller_bytes(p.pInfo, p.ulInfoLen) : ByteView{};

    const auto ikm = base->get(CKA_VALUE);
    if (!ikm || ikm->empty()) fail(CKR_KEY_TYPE_INCONSISTENT);

    int mode = EVP_KDF_HKDF_MODE_EXTRACT_AND_EXPAND;
    if (!expand) mode = EVP_KDF_HKDF_MODE_EXTRACT_ONLY;
    if (!extract) mode = EVP_KDF_HKDF_MODE_EXPAND_ONLY;
    OSSL_PARAM params[6];
    std::size_t n = 0;
    params[n++] = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST,
                                                   const_cast<char*>(kHashes[hash].evp_name), 0);
    params[n++] = OSSL_PARAM_construct_octet_string(
        OSSL_KDF_PARAM_KEY, const_cast<std::uint8_t*>(ikm->data()), ikm->size());
    params[n++] = OSSL_PARAM_construct_int(OSSL_KDF_PARAM_MODE, &mode);
    if (!salt.empty()) {
        params[n++] = OSSL_PARAM_construct_octet_string(
            OSSL_KDF_PARAM_SALT, const_cast<std::uint8_t*>(salt.data()), salt.size());
    }
    if (!info.empty()) {
        params[n++] = OSSL_PARAM_construct_octet_string(
            OSSL_KDF_PARAM_INFO, const_cast<std::uint8_t*>(info.data()), info.size());
    }
    params[n] = OSSL_PARAM_construct_end();

    std::unique_ptr<EVP_KDF_CTX, KdfCtxFree> ctx(EVP_KDF_CTX_new(hkdf_algorithm()));
    if (!ctx) fail(CKR_HOST_MEMORY);
    SecureBytes out(out_len);
    if (EVP_KDF_derive(ctx.get(), out.data(), out.size(), params) != 1) {
        fail(CKR_FUNCTION_FAILED);
    }
    return out;
}

void add_hkdf(MechanismRegistry& r, CK_MECHANISM_TYPE type, const char* name,
              CK_OBJECT_CLASS derived_class) {
    Mechanism m;
    m.type = type;
    m.name = name;
    // Base key sizes in bytes; any non-empty secret is usable input keying material.
    m.info = {1, std::numeric_limits<std::uint32_t>::max(), CKF_DERIVE};
    m.fips_approved = true;
    m.key_types = {CKK_GENERIC_SECRET, CKK_HKDF};
    m.derived_class = derived_class;
    m.derive_with_lookup = hkdf;
    r.add(std::move(m));
}

}  // namespace

void register_hkdf_mechanisms(MechanismRegistry& r) {
    add_hkdf(r, CKM_HKDF_DERIVE, "HKDF", CKO_SECRET_KEY);
    add_hkdf(r, CKM_HKDF_DATA, "HKDF data", CKO_DATA);

    Mechanism gen;
    gen.type = CKM_HKDF_KEY_GEN;
    gen.name = "HKDF key generation";
    gen.info = {hmac::kMinKeyBytes * 8, hmac::kMaxKeyBytes * 8, CKF_GENERATE};
    gen.fips_approved = true;
    gen.generated_key_type = CKK_HKDF;
    gen.generate_key = hmac::generate_secret;
    r.add(std::move(gen));
}

}  // namespace craton::mech
