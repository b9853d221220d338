// The hybrid X25519 + ML-KEM-768 KEM (X-Wing, draft-connolly-cfrg-xwing-kem) as the vendor
// mechanisms CKM_CRATON_X25519_ML_KEM_768(_KEY_PAIR_GEN), key type
// CKK_CRATON_X25519_ML_KEM_768. The private key's CKA_VALUE is the 32-byte X-Wing
// decapsulation key (a seed); the public key's CKA_VALUE is pk_M || pk_X (1216 bytes).
#include <craton/pkcs11/craton_vendor.h>

#include "core/error.h"
#include "mech/pqc_common.h"
#include "pqc/hybrid/x25519.h"
#include "pqc/hybrid/xwing.h"
#include "pqc/mlkem/mlkem.h"
#include "rng/random.h"

namespace craton::mech::pqc {
namespace {

using craton::pqc::XWingSizes;

constexpr std::size_t kMlKemEncapsKey = 1184;

// A low-order X25519 point gives an all-zero shared value for every private key, which
// OpenSSL refuses; probing with any scalar finds it. Only public data is involved.
bool x25519_point_usable(const std::uint8_t point[32]) {
    const std::uint8_t probe[32] = {9};
    std::uint8_t out[32];
    return craton::pqc::hybrid::x25519(out, probe, point);
}

void generate(const CK_MECHANISM& mech, Object& pub, Object& priv) {
    require_no_parameter(mech);
    SecureBytes sk(XWingSizes::decaps_key);
    Bytes pk(XWingSizes::encaps_key);
    rng::random_bytes(sk);
    if (!craton::pqc::xwing_keygen(sk, pk)) fail(CKR_FUNCTION_FAILED);

    SecureBytes eseed(XWingSizes::encaps_seed), ss_enc(XWingSizes::shared_secret),
        ss_dec(XWingSizes::shared_secret);
    Bytes ct(XWingSizes::ciphertext);
    rng::random_bytes(eseed);
    pairwise_test("X-Wing", craton::pqc::xwing_encaps(pk, eseed, ct, ss_enc) &&
                                craton::pqc::xwing_decaps(sk, ct, ss_dec) &&
                                constant_time_equal(ss_enc, ss_dec));
    pub.set(CKA_VALUE, pk);
    priv.set(CKA_VALUE, sk);
}

std::size_t ciphertext_length(const CK_MECHANISM& mech, const ObjectPtr& pub) {
    require_no_parameter(mech);
    if (pub->object_class() != CKO_PUBLIC_KEY) fail(CKR_KEY_TYPE_INCONSISTENT);
    return XWingSizes::ciphertext;
}

SecureBytes encapsulate(const CK_MECHANISM& mech, const ObjectPtr& pub, std::uint8_t* ct) {
    require_no_parameter(mech);
    const auto pk = pub->get(CKA_VALUE);
    if (!pk || pk->size() != XWingSizes::encaps_key) fail(CKR_KEY_HANDLE_INVALID);
    SecureBytes eseed(XWingSizes::encaps_seed), ss(XWingSizes::shared_secret);
    rng::random_bytes(eseed);
    // Imported keys were checked, so only an OpenSSL failure lands here.
    if (!craton::pqc::xwing_encaps(*pk, eseed, std::span(ct, XWingSizes::ciphertext), ss)) {
        fail(CKR_FUNCTION_FAILED);
    }
    return ss;
}

SecureBytes decapsulate(const CK_MECHANISM& mech, const ObjectPtr& priv, ByteView ct) {
    require_no_parameter(mech);
    if (priv->object_class() != CKO_PRIVATE_KEY) fail(CKR_KEY_TYPE_INCONSISTENT);
    if (ct.size() != XWingSizes::ciphertext) fail(CKR_ENCRYPTED_DATA_LEN_RANGE);
    const auto sk = priv->get(CKA_VALUE);
    if (!sk || sk->size() != XWingSizes::decaps_key) fail(CKR_KEY_HANDLE_INVALID);
    SecureBytes ss(XWingSizes::shared_secret);
    // False only for a low-order X25519 ciphertext half, which no honest sender makes.
    if (!craton::pqc::xwing_decaps(*sk, ct, ss)) fail(CKR_ENCRYPTED_DATA_INVALID);
    return ss;
}

void complete_import(Object& key) {
    const auto value = key.get(CKA_VALUE);
    if (key.object_class() == CKO_PRIVATE_KEY) {
        if (!value) fail(CKR_TEMPLATE_INCOMPLETE);
        if (value->size() != XWingSizes::decaps_key) fail(CKR_ATTRIBUTE_VALUE_INVALID);
    } else if (key.object_class() == CKO_PUBLIC_KEY) {
        if (!value) fail(CKR_TEMPLATE_INCOMPLETE);
        if (value->size() != XWingSizes::encaps_key ||
            !craton::pqc::mlkem_check_encaps_key(craton::pqc::MlKemParameterSet::MlKem768,
                                                 value->first(kMlKemEncapsKey)) ||
            !x25519_point_usable(value->data() + kMlKemEncapsKey)) {
            fail(CKR_ATTRIBUTE_VALUE_INVALID);
        }
    }
}

Mechanism kem(CK_MECHANISM_TYPE type, const char* name) {
    Mechanism m;
    m.type = type;
    m.name = name;
    m.info = {XWingSizes::encaps_key, XWingSizes::encaps_key, CKF_ENCAPSULATE | CKF_DECAPSULATE};
    m.key_types = {CKK_CRATON_X25519_ML_KEM_768};
    m.ciphertext_length = ciphertext_length;
    m.encapsulate = encapsulate;
    m.decapsulate = decapsulate;
    return m;
}

}  // namespace

void register_xwing(MechanismRegistry& r) {
    Mechanism gen;
    gen.type = CKM_CRATON_X25519_ML_KEM_768_KEY_PAIR_GEN;
    gen.name = "X25519-ML-KEM-768-KEY-PAIR-GEN (X-Wing)";
    gen.info = {XWingSizes::encaps_key, XWingSizes::encaps_key, CKF_GENERATE_KEY_PAIR};
    gen.generated_key_type = CKK_CRATON_X25519_ML_KEM_768;
    gen.generate_key_pair = generate;
    r.add(std::move(gen));
    r.add(kem(CKM_CRATON_X25519_ML_KEM_768, "X25519-ML-KEM-768 (X-Wing)"));
    r.add(kem(CKM_CRATON_LEGACY_X25519_ML_KEM_768, "X25519-ML-KEM-768 (X-Wing, legacy number)"));

    KeyTypeSupport support;
    support.type = CKK_CRATON_X25519_ML_KEM_768;
    support.complete_import = complete_import;
    r.add_key_type(std::move(support));
}

}  // namespace craton::mech::pqc
