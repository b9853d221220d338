#include "mech/pqc_common.h"

#include <algorithm>
#include <string>

#include "core/error.h"
#include "selftest/pairwise.h"

namespace craton::mech::pqc {
namespace {

const EVP_MD* fetch(const char* name) {
    const EVP_MD* md = EVP_MD_fetch(nullptr, name, nullptr);
    if (md == nullptr) fail(CKR_GENERAL_ERROR, std::string("digest unavailable: ") + name);
    return md;
}

const EVP_MD* md_of(PreHash ph) {
    switch (ph) {
        case PreHash::Sha224: {
            static const EVP_MD* md = fetch("SHA2-224");
            return md;
        }
        case PreHash::Sha256: {
            static const EVP_MD* md = fetch("SHA2-256");
            return md;
        }
        case PreHash::Sha384: {
            static const EVP_MD* md = fetch("SHA2-384");
            return md;
        }
        case PreHash::Sha512: {
            static const EVP_MD* md = fetch("SHA2-512");
            return md;
        }
        case PreHash::Sha512_224: {
            static const EVP_MD* md = fetch("SHA2-512/224");
            return md;
        }
        case PreHash::Sha512_256: {
            static const EVP_MD* md = fetch("SHA2-512/256");
            return md;
        }
        case PreHash::Sha3_224: {
            static const EVP_MD* md = fetch("SHA3-224");
            return md;
        }
        case PreHash::Sha3_256: {
            static const EVP_MD* md = fetch("SHA3-256");
            return md;
        }
        case PreHash::Sha3_384: {
            static const EVP_MD* md = fetch("SHA3-384");
            return md;
        }
        case PreHash::Sha3_512: {
            static const EVP_MD* md = fetch("SHA3-512");
            return md;
        }
        case PreHash::Shake128: {
            static const EVP_MD* md = fetch("SHAKE128");
            return md;
        }
        case PreHash::Shake256: {
            static const EVP_MD* md = fetch("SHAKE256");
            return md;
        }
    }
    fail(CKR_GENERAL_ERROR);
}

CK_ULONG read_ulong(const Object& obj, CK_ATTRIBUTE_TYPE type, bool& present) {
    present = obj.has(type);
    return present ? obj.get_ulong(type) : 0;
}

void check_context(CK_BYTE_PTR ctx, CK_ULONG len, SignParams& out) {
    if (len > 255 || (ctx == nullptr && len != 0)) fail(CKR_MECHANISM_PARAM_INVALID);
    if (len != 0) out.context.assign(ctx, ctx + len);
}

void check_hedge(CK_HEDGE_TYPE hedge) {
    if (hedge != CKH_HEDGE_PREFERRED && hedge != CKH_HEDGE_REQUIRED &&
        hedge != CKH_DETERMINISTIC_REQUIRED) {
        fail(CKR_MECHANISM_PARAM_INVALID);
    }
}

}  // namespace

CK_ULONG parameter_set_of(const Object& key) {
    if (!key.has(CKA_PARAMETER_SET)) fail(CKR_TEMPLATE_INCOMPLETE);
    return key.get_ulong(CKA_PARAMETER_SET);
}

CK_ULONG generation_parameter_set(const Object& pub, const Object& priv, CK_ULONG implied) {
    bool in_pub = false, in_priv = false;
    const CK_ULONG from_pub = read_ulong(pub, CKA_PARAMETER_SET, in_pub);
    const CK_ULONG from_priv = read_ulong(priv, CKA_PARAMETER_SET, in_priv);
    if (in_pub && in_priv && from_pub != from_priv) fail(CKR_TEMPLATE_INCONSISTENT);
    const bool given = in_pub || in_priv;
    const CK_ULONG value = in_pub ? from_pub : from_priv;
    if (implied != 0) {
        if (given && value != implied) fail(CKR_TEMPLATE_INCONSISTENT);
        return implied;
    }
    if (!given) fail(CKR_TEMPLATE_INCOMPLETE);
    return value;
}

void check_value_length(std::size_t actual, std::size_t expected,
                        std::initializer_list<std::size_t> family_sizes) {
    if (actual == expected) return;
    if (std::find(family_sizes.begin(), family_sizes.end(), actual) != family_sizes.end()) {
        fail(CKR_TEMPLATE_INCONSISTENT);
    }
    fail(CKR_ATTRIBUTE_VALUE_INVALID);
}

void require_no_parameter(const CK_MECHANISM& mech) {
    if (mech.pParameter != nullptr || mech.ulParameterLen != 0) fail(CKR_MECHANISM_PARAM_INVALID);
}

std::size_t prehash_size(PreHash ph) {
    switch (ph) {
        case PreHash::Sha224:
        case PreHash::Sha512_224:
        case PreHash::Sha3_224:
            return 28;
        case PreHash::Sha256:
        case PreHash::Sha512_256:
        case PreHash::Sha3_256:
        case PreHash::Shake128:
            return 32;
        case PreHash::Sha384:
        case PreHash::Sha3_384:
            return 48;
        case PreHash::Sha512:
        case PreHash::Sha3_512:
        case PreHash::Shake256:
            return 64;
    }
    return 0;
}

std::optional<PreHash> prehash_of_mechanism(CK_MECHANISM_TYPE hash) {
    switch (hash) {
        case CKM_SHA224:
            return PreHash::Sha224;
        case CKM_SHA256:
            return PreHash::Sha256;
        case CKM_SHA384:
            return PreHash::Sha384;
        case CKM_SHA512:
            return PreHash::Sha512;
        case CKM_SHA512_224:
            return PreHash::Sha512_224;
        case CKM_SHA512_256:
            return PreHash::Sha512_256;
        case CKM_SHA3_224:
            return PreHash::Sha3_224;
        case CKM_SHA3_256:
            return PreHash::Sha3_256;
        case CKM_SHA3_384:
            return PreHash::Sha3_384;
        case CKM_SHA3_512:
            return PreHash::Sha3_512;
        case CKM_SHAKE_128_KEY_DERIVATION:
            return PreHash::Shake128;
        case CKM_SHAKE_256_KEY_DERIVATION:
            return PreHash::Shake256;
        default:
            return std::nullopt;
    }
}

PreHasher::PreHasher(PreHash ph) : ph_(ph), ctx_(EVP_MD_CTX_new()) {
    if (ctx_ == nullptr || EVP_DigestInit_ex(ctx_, md_of(ph), nullptr) != 1) {
        EVP_MD_CTX_free(ctx_);
        fail(CKR_HOST_MEMORY);
    }
}

PreHasher::~PreHasher() {
    EVP_MD_CTX_free(ctx_);
}

void PreHasher::update(ByteView data) {
    if (EVP_DigestUpdate(ctx_, data.data(), data.size()) != 1) fail(CKR_FUNCTION_FAILED);
}

Bytes PreHasher::finish() {
    Bytes out(prehash_size(ph_));
    const bool xof = ph_ == PreHash::Shake128 || ph_ == PreHash::Shake256;
    unsigned int n = 0;
    const int ok = xof ? EVP_DigestFinalXOF(ctx_, out.data(), out.size())
                       : EVP_DigestFinal_ex(ctx_, out.data(), &n);
    if (ok != 1) fail(CKR_FUNCTION_FAILED);
    return out;
}

SignParams parse_sign_params(const CK_MECHANISM& mech) {
    SignParams p;
    if (mech.pParameter == nullptr && mech.ulParameterLen == 0) return p;
    if (mech.pParameter == nullptr || mech.ulParameterLen != sizeof(CK_SIGN_ADDITIONAL_CONTEXT)) {
        fail(CKR_MECHANISM_PARAM_INVALID);
    }
    const auto* c = static_cast<const CK_SIGN_ADDITIONAL_CONTEXT*>(mech.pParameter);
    check_hedge(c->hedgeVariant);
    p.hedge = c->hedgeVariant;
    check_context(c->pContext, c->ulContextLen, p);
    return p;
}

SignParams parse_hash_sign_params(const CK_MECHANISM& mech) {
    if (mech.pParameter == nullptr ||
        mech.ulParameterLen != sizeof(CK_HASH_SIGN_ADDITIONAL_CONTEXT)) {
        fail(CKR_MECHANISM_PARAM_INVALID);
    }
    const auto* c = static_cast<const CK_HASH_SIGN_ADDITIONAL_CONTEXT*>(mech.pParameter);
    SignParams p;
    check_hedge(c->hedgeVariant);
    p.hedge = c->hedgeVariant;
    check_context(c->pContext, c->ulContextLen, p);
    p.hash = prehash_of_mechanism(c->hash);
    if (!p.hash) fail(CKR_MECHANISM_PARAM_INVALID);
    return p;
}

SecureBytes take_prefix(const SecureBytes& secret, std::size_t length) {
    if (length > secret.size()) fail(CKR_TEMPLATE_INCONSISTENT);
    const std::size_t n = length == 0 ? secret.size() : length;
    return SecureBytes(secret.begin(), secret.begin() + static_cast<std::ptrdiff_t>(n));
}

void pairwise_test(const char* family, bool consistent) {
    selftest::pairwise_result(family, consistent);
}

}  // namespace craton::mech::pqc
