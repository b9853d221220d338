// CKM_RSA_PKCS_KEY_PAIR_GEN. OpenSSL generates the primes in the module's library context,
// whose DRBGs are the module's HMAC_DRBG.
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/rsa.h>

#include <memory>

#include "core/error.h"
#include "mech/rsa_ctx_params.h"
#include "mech/rsa_key.h"
#include "mech/rsa_ops.h"
#include "rng/module_keytypes.h"
#include "selftest/pairwise.h"

namespace craton::mech::rsa {
namespace {

struct PkeyFree {
    void operator()(EVP_PKEY* k) const noexcept { EVP_PKEY_free(k); }
};
struct CtxFree {
    void operator()(EVP_PKEY_CTX* c) const noexcept { EVP_PKEY_CTX_free(c); }
};
struct BnFree {
    void operator()(BIGNUM* b) const noexcept { BN_free(b); }
};

// The exponent from the template, or 65537. Even exponents and 1 cannot form a key; FIPS 186-5
// bounds e below 2^256.
std::unique_ptr<BIGNUM, BnFree> public_exponent(const Object& pub) {
    std::unique_ptr<BIGNUM, BnFree> e(BN_new());
    if (!e) fail(CKR_HOST_MEMORY);
    const auto given = pub.get(CKA_PUBLIC_EXPONENT);
    if (!given) {
        if (BN_set_word(e.get(), RSA_F4) != 1) fail(CKR_HOST_MEMORY);
        return e;
    }
    if (given->empty() ||
        BN_bin2bn(given->data(), static_cast<int>(given->size()), e.get()) == nullptr) {
        fail(CKR_ATTRIBUTE_VALUE_INVALID);
    }
    if (!BN_is_odd(e.get()) || BN_cmp(e.get(), BN_value_one()) <= 0 || BN_num_bits(e.get()) > 256) {
        fail(CKR_ATTRIBUTE_VALUE_INVALID);
    }
    return e;
}

}  // namespace

void generate_key_pair(const CK_MECHANISM& mech, Object& pub, Object& priv) {
    require_no_parameter(mech);
    const CK_ULONG bits = pub.get_ulong(CKA_MODULUS_BITS, 0);
    if (bits < kMinGenerateBits || bits > kMaxGenerateBits) fail(CKR_KEY_SIZE_RANGE);
    const auto e = public_exponent(pub);

    std::unique_ptr<EVP_PKEY_CTX, CtxFree> ctx(
        EVP_PKEY_CTX_new_from_name(libctx(), rng::kRsaKeyType, nullptr));
    EVP_PKEY* raw = nullptr;
    const bool ok = ctx && EVP_PKEY_keygen_init(ctx.get()) == 1 &&
                    set_keygen(ctx.get(), static_cast<int>(bits), e.get()) &&
                    EVP_PKEY_generate(ctx.get(), &raw) == 1;
    std::unique_ptr<EVP_PKEY, PkeyFree> pkey(raw);
    if (!ok) {
        ERR_clear_error();
        fail(CKR_FUNCTION_FAILED);
    }
    // FIPS 140-3 pairwise consistency test (sign/verify): a new pair that does not work together
    // means broken key generation, so a failure latches the error state (CKR_GENERAL_ERROR).
    selftest::pairwise_check_signature("RSA", pkey.get());
    store_generated(pkey.get(), pub, priv);
}

}  // namespace craton::mech::rsa
