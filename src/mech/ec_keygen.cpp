// Key-pair generation for P-256/P-384, Ed25519 and X25519.
//
// The private value is drawn from the module's DRBG (rng::random_bytes), not OpenSSL's: for
// the Weierstrass curves by rejection sampling (FIPS 186-5 A.2.2, "testing candidates"), for
// the 25519 curves as the 32 random bytes RFC 8032 / RFC 7748 define as the private key.
#include <openssl/bn.h>
#include <openssl/evp.h>

#include <array>

#include "core/error.h"
#include "mech/ec_key.h"
#include "mech/ec_parts.h"
#include "mech/registry.h"
#include "rng/random.h"
#include "selftest/pairwise.h"

namespace craton::mech::ec {
namespace {

bool in_scalar_range(const Curve& c, const SecureBytes& candidate) {
    BIGNUM* d = BN_secure_new();
    if (d == nullptr) fail(CKR_HOST_MEMORY);
    const bool ok = BN_bin2bn(candidate.data(), static_cast<int>(candidate.size()), d) != nullptr &&
                    !BN_is_zero(d) && BN_cmp(d, EC_GROUP_get0_order(c.group())) < 0;
    BN_clear_free(d);
    return ok;
}

SecureBytes random_private_value(const Curve& c) {
    SecureBytes value(c.scalar_len);
    if (c.form != Form::Weierstrass) {
        rng::random_bytes(value);
        return value;
    }
    // P-256 and P-384 orders have exactly scalar_len * 8 bits, so no candidate bits are masked;
    // a candidate is out of range with probability below 2^-32.
    for (int attempt = 0; attempt < 64; ++attempt) {
        rng::random_bytes(value);
        if (in_scalar_range(c, value)) return value;
    }
    fail(CKR_FUNCTION_FAILED, "EC key generation: no candidate in range");
}

// FIPS 140-3 pairwise consistency test: the new private key signs, the public key verifies.
void pairwise_check(const EcKey& priv, const EcKey& pub) {
    static constexpr std::array<std::uint8_t, 32> kMessage = {'c', 'r', 'a', 't', 'o',
                                                              'n', ' ', 'p', 'c', 't'};
    std::array<std::uint8_t, 160> sig{};
    std::size_t sig_len = sig.size();
    bool ok = false;
    if (priv.curve().form == Form::Weierstrass) {
        PkeyCtxPtr s = priv.ecdsa_sign_ctx();
        PkeyCtxPtr v = pub.ecdsa_verify_ctx();
        ok = EVP_PKEY_sign(s.get(), sig.data(), &sig_len, kMessage.data(), kMessage.size()) == 1 &&
             EVP_PKEY_verify(v.get(), sig.data(), sig_len, kMessage.data(), kMessage.size()) == 1;
    } else if (priv.curve().form == Form::Edwards) {
        MdCtxPtr s = priv.eddsa_sign_ctx();
        MdCtxPtr v = pub.eddsa_verify_ctx();
        ok = EVP_DigestSign(s.get(), sig.data(), &sig_len, kMessage.data(), kMessage.size()) == 1 &&
             EVP_DigestVerify(v.get(), sig.data(), sig_len, kMessage.data(), kMessage.size()) == 1;
    } else {
        // X25519 keys do not sign; SP 800-56A's check (the public key recomputed from the
        // private key) is how `pub` was made.
        ok = true;
    }
    // A failure means broken key generation: error state and CKR_GENERAL_ERROR.
    selftest::pairwise_result("EC", ok);
}

void generate_pair(CK_KEY_TYPE key_type, const CK_MECHANISM& mechanism, Object& pub, Object& priv) {
    if (mechanism.pParameter != nullptr || mechanism.ulParameterLen != 0) {
        fail(CKR_MECHANISM_PARAM_INVALID);
    }
    const auto params = pub.get(CKA_EC_PARAMS);
    if (!params) fail(CKR_TEMPLATE_INCOMPLETE);
    const Curve& c = curve_from_params(*params, key_type, CKR_DOMAIN_PARAMS_INVALID);
    const SecureBytes value = random_private_value(c);
    const EcKeyPtr priv_key = make_private_key(c, value, CKR_FUNCTION_FAILED);
    const EcKeyPtr pub_key = make_public_key(c, priv_key->public_point(), CKR_FUNCTION_FAILED);
    pairwise_check(*priv_key, *pub_key);

    const Bytes spki = pub_key->spki();
    pub.set(CKA_EC_POINT, pub_key->ec_point_attribute());
    pub.set(CKA_PUBLIC_KEY_INFO, spki);
    priv.set(CKA_EC_PARAMS, *params);
    priv.set(CKA_VALUE, value);
    priv.set(CKA_PUBLIC_KEY_INFO, spki);
    cache_key(pub, pub_key);
    cache_key(priv, priv_key);
}

void add_keygen(MechanismRegistry& r, CK_MECHANISM_TYPE type, const char* name,
                CK_KEY_TYPE key_type, CK_ULONG min_bits, CK_ULONG max_bits, CK_FLAGS curve_flags,
                bool approved) {
    Mechanism m;
    m.type = type;
    m.name = name;
    m.info = {min_bits, max_bits, CKF_GENERATE_KEY_PAIR | curve_flags};
    m.fips_approved = approved;
    m.generated_key_type = key_type;
    m.generate_key_pair = [key_type](const CK_MECHANISM& mech, Object& pub, Object& priv) {
        generate_pair(key_type, mech, pub, priv);
    };
    r.add(std::move(m));
}

}  // namespace

void register_keygen(MechanismRegistry& r) {
    add_keygen(r, CKM_EC_KEY_PAIR_GEN, "EC-KEY-PAIR-GEN", CKK_EC, 256, 384,
               CKF_EC_F_P | CKF_EC_OID | CKF_EC_CURVENAME | CKF_EC_UNCOMPRESS, true);
    add_keygen(r, CKM_EC_EDWARDS_KEY_PAIR_GEN, "EC-EDWARDS-KEY-PAIR-GEN", CKK_EC_EDWARDS, 255, 255,
               CKF_EC_OID | CKF_EC_CURVENAME, true);
    // SP 800-56A Rev. 3 does not approve key agreement on Curve25519.
    add_keygen(r, CKM_EC_MONTGOMERY_KEY_PAIR_GEN, "EC-MONTGOMERY-KEY-PAIR-GEN", CKK_EC_MONTGOMERY,
               255, 255, CKF_EC_OID | CKF_EC_CURVENAME, false);
}

}  // namespace craton::mech::ec
