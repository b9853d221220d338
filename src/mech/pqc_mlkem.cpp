// ML-KEM (FIPS 203) through PKCS#11 3.2: CKM_ML_KEM_KEY_PAIR_GEN, CKM_ML_KEM for
// C_EncapsulateKey / C_DecapsulateKey, and the earlier Rust product's per-parameter-set vendor
// mechanisms, which also decapsulate through C_DeriveKey (the ciphertext is the parameter).
//
// Keys: the public key's CKA_VALUE is ek; the private key holds the 64-byte seed d || z in
// CKA_SEED and the expanded dk in CKA_VALUE (either may be imported alone; a seed is expanded
// at import). Imported keys pass the FIPS 203 §7.2 / §7.3 checks once, at import, so the
// per-operation code trusts them.
#include <craton/pkcs11/craton_vendor.h>

#include <array>
#include <stdexcept>

#include "core/error.h"
#include "mech/pqc_common.h"
#include "pqc/mlkem/mlkem.h"
#include "rng/random.h"

namespace craton::mech::pqc {
namespace {

using craton::pqc::mlkem_sizes;
using craton::pqc::MlKemParameterSet;
using craton::pqc::MlKemSizes;

constexpr std::size_t kSharedSecret = MlKemSizes::shared_secret;

MlKemParameterSet mlkem_set(CK_ULONG ckp) {
    switch (ckp) {
        case CKP_ML_KEM_512:
            return MlKemParameterSet::MlKem512;
        case CKP_ML_KEM_768:
            return MlKemParameterSet::MlKem768;
        case CKP_ML_KEM_1024:
            return MlKemParameterSet::MlKem1024;
        default:
            fail(CKR_PARAMETER_SET_NOT_SUPPORTED);
    }
}

struct PublicKey final : KeyMaterial {
    CK_ULONG ckp = 0;
    MlKemParameterSet ps{};
    Bytes ek;
};

struct PrivateKey final : KeyMaterial {
    CK_ULONG ckp = 0;
    MlKemParameterSet ps{};
    SecureBytes dk;
};

std::shared_ptr<const PublicKey> public_key(const Object& key) {
    return parsed_as<PublicKey>(key, [](const Object& obj) {
        auto k = std::make_shared<PublicKey>();
        k->ckp = parameter_set_of(obj);
        k->ps = mlkem_set(k->ckp);
        const auto ek = obj.get(CKA_VALUE);
        if (!ek || ek->size() != mlkem_sizes(k->ps).encaps_key) fail(CKR_KEY_HANDLE_INVALID);
        k->ek.assign(ek->begin(), ek->end());
        return k;
    });
}

std::shared_ptr<const PrivateKey> private_key(const Object& key) {
    return parsed_as<PrivateKey>(key, [](const Object& obj) {
        auto k = std::make_shared<PrivateKey>();
        k->ckp = parameter_set_of(obj);
        k->ps = mlkem_set(k->ckp);
        const auto dk = obj.get(CKA_VALUE);
        if (!dk || dk->size() != mlkem_sizes(k->ps).decaps_key) fail(CKR_KEY_HANDLE_INVALID);
        k->dk.assign(dk->begin(), dk->end());
        return k;
    });
}

// Legacy mechanisms fix the parameter set; the standard one (0) takes the key's.
void check_parameter_set(CK_ULONG required, CK_ULONG ckp) {
    if (required != 0 && required != ckp) fail(CKR_KEY_TYPE_INCONSISTENT);
}

std::size_t ciphertext_length(const CK_MECHANISM& mech, const ObjectPtr& pub, CK_ULONG required) {
    require_no_parameter(mech);
    if (pub->object_class() != CKO_PUBLIC_KEY) fail(CKR_KEY_TYPE_INCONSISTENT);
    const auto k = public_key(*pub);
    check_parameter_set(required, k->ckp);
    return mlkem_sizes(k->ps).ciphertext;
}

SecureBytes encapsulate(const CK_MECHANISM& mech, const ObjectPtr& pub, std::uint8_t* ct,
                        CK_ULONG required) {
    require_no_parameter(mech);
    const auto k = public_key(*pub);
    check_parameter_set(required, k->ckp);
    SecureBytes m(32), ss(kSharedSecret);
    rng::random_bytes(m);
    craton::pqc::mlkem_encaps(k->ps, k->ek, m, std::span(ct, mlkem_sizes(k->ps).ciphertext), ss);
    return ss;
}

SecureBytes decapsulate_with(const PrivateKey& k, ByteView ct) {
    if (ct.size() != mlkem_sizes(k.ps).ciphertext) fail(CKR_ENCRYPTED_DATA_LEN_RANGE);
    SecureBytes ss(kSharedSecret);
    craton::pqc::mlkem_decaps(k.ps, k.dk, ct, ss);
    return ss;
}

SecureBytes decapsulate(const CK_MECHANISM& mech, const ObjectPtr& priv, ByteView ct,
                        CK_ULONG required) {
    require_no_parameter(mech);
    if (priv->object_class() != CKO_PRIVATE_KEY) fail(CKR_KEY_TYPE_INCONSISTENT);
    const auto k = private_key(*priv);
    check_parameter_set(required, k->ckp);
    return decapsulate_with(*k, ct);
}

// The earlier product's C_DeriveKey decapsulation: the mechanism parameter is the ciphertext.
SecureBytes derive_decapsulate(const CK_MECHANISM& mech, const ObjectPtr& priv, std::size_t length,
                               CK_ULONG required) {
    if (priv->object_class() != CKO_PRIVATE_KEY) fail(CKR_KEY_TYPE_INCONSISTENT);
    if (mech.pParameter == nullptr) fail(CKR_MECHANISM_PARAM_INVALID);
    const auto k = private_key(*priv);
    check_parameter_set(required, k->ckp);
    const ByteView ct(static_cast<const std::uint8_t*>(mech.pParameter), mech.ulParameterLen);
    if (ct.size() != mlkem_sizes(k->ps).ciphertext) fail(CKR_MECHANISM_PARAM_INVALID);
    return take_prefix(decapsulate_with(*k, ct), length);
}

void generate(const CK_MECHANISM& mech, Object& pub, Object& priv, CK_ULONG implied) {
    require_no_parameter(mech);
    const CK_ULONG ckp = generation_parameter_set(pub, priv, implied);
    const MlKemParameterSet ps = mlkem_set(ckp);
    const MlKemSizes sizes = mlkem_sizes(ps);
    SecureBytes seed(MlKemSizes::seed), dk(sizes.decaps_key);
    Bytes ek(sizes.encaps_key);
    rng::random_bytes(seed);
    craton::pqc::mlkem_keygen_from_seed(ps, seed, ek, dk);

    // Pairwise consistency: an encapsulation to ek must decapsulate under dk.
    SecureBytes m(32), ss_enc(kSharedSecret), ss_dec(kSharedSecret);
    Bytes ct(sizes.ciphertext);
    rng::random_bytes(m);
    craton::pqc::mlkem_encaps(ps, ek, m, ct, ss_enc);
    craton::pqc::mlkem_decaps(ps, dk, ct, ss_dec);
    pairwise_test("ML-KEM", constant_time_equal(ss_enc, ss_dec));

    pub.set_ulong(CKA_PARAMETER_SET, ckp);
    pub.set(CKA_VALUE, ek);
    priv.set_ulong(CKA_PARAMETER_SET, ckp);
    priv.set(CKA_SEED, seed);
    priv.set(CKA_VALUE, dk);
}

void complete_import(Object& key) {
    const CK_OBJECT_CLASS cls = key.object_class();
    if (cls != CKO_PUBLIC_KEY && cls != CKO_PRIVATE_KEY) return;
    const MlKemParameterSet ps = mlkem_set(parameter_set_of(key));
    const MlKemSizes sizes = mlkem_sizes(ps);
    if (cls == CKO_PUBLIC_KEY) {
        const auto ek = key.get(CKA_VALUE);
        if (!ek) fail(CKR_TEMPLATE_INCOMPLETE);
        check_value_length(ek->size(), sizes.encaps_key, {800, 1184, 1568});
        if (!craton::pqc::mlkem_check_encaps_key(ps, *ek)) fail(CKR_ATTRIBUTE_VALUE_INVALID);
        return;
    }
    const auto seed = key.get(CKA_SEED);
    const auto value = key.get(CKA_VALUE);
    if (!seed && !value) fail(CKR_TEMPLATE_INCOMPLETE);
    if (value) {
        check_value_length(value->size(), sizes.decaps_key, {1632, 2400, 3168});
        if (!craton::pqc::mlkem_check_decaps_key(ps, *value)) fail(CKR_ATTRIBUTE_VALUE_INVALID);
    }
    if (seed) {
        if (seed->size() != MlKemSizes::seed) fail(CKR_ATTRIBUTE_VALUE_INVALID);
        SecureBytes dk(sizes.decaps_key);
        Bytes ek(sizes.encaps_key);
        craton::pqc::mlkem_keygen_from_seed(ps, *seed, ek, dk);
        if (!value) {
            key.set(CKA_VALUE, dk);
        } else if (!constant_time_equal(dk, *value)) {
            fail(CKR_TEMPLATE_INCONSISTENT);  // the two forms are of different keys
        }
    }
}

Mechanism kem_mechanism(CK_MECHANISM_TYPE type, const char* name, CK_ULONG required,
                        CK_ULONG min_size, CK_ULONG max_size, CK_FLAGS extra_flags) {
    Mechanism m;
    m.type = type;
    m.name = name;
    m.info = {min_size, max_size, CKF_ENCAPSULATE | CKF_DECAPSULATE | extra_flags};
    m.fips_approved = true;
    m.key_types = {CKK_ML_KEM};
    m.ciphertext_length = [required](const CK_MECHANISM& mech, const ObjectPtr& pub) {
        return ciphertext_length(mech, pub, required);
    };
    m.encapsulate = [required](const CK_MECHANISM& mech, const ObjectPtr& pub, std::uint8_t* ct) {
        return encapsulate(mech, pub, ct, required);
    };
    m.decapsulate = [required](const CK_MECHANISM& mech, const ObjectPtr& priv, ByteView ct) {
        return decapsulate(mech, priv, ct, required);
    };
    return m;
}

void add_legacy(MechanismRegistry& r, CK_MECHANISM_TYPE type, const char* name, CK_ULONG ckp) {
    const auto ps = mlkem_set(ckp);
    const auto ek = static_cast<CK_ULONG>(mlkem_sizes(ps).encaps_key);
    Mechanism m = kem_mechanism(type, name, ckp, ek, ek, CKF_GENERATE_KEY_PAIR | CKF_DERIVE);
    m.generated_key_type = CKK_ML_KEM;
    m.generate_key_pair = [ckp](const CK_MECHANISM& mech, Object& pub, Object& priv) {
        generate(mech, pub, priv, ckp);
    };
    m.derive = [ckp](const CK_MECHANISM& mech, const ObjectPtr& base, std::size_t length) {
        return derive_decapsulate(mech, base, length, ckp);
    };
    r.add(std::move(m));
}

}  // namespace

void register_mlkem(MechanismRegistry& r) {
    Mechanism gen;
    gen.type = CKM_ML_KEM_KEY_PAIR_GEN;
    gen.name = "ML-KEM-KEY-PAIR-GEN";
    gen.info = {800, 1568, CKF_GENERATE_KEY_PAIR};
    gen.fips_approved = true;
    gen.generated_key_type = CKK_ML_KEM;
    gen.generate_key_pair = [](const CK_MECHANISM& mech, Object& pub, Object& priv) {
        generate(mech, pub, priv, 0);
    };
    r.add(std::move(gen));
    r.add(kem_mechanism(CKM_ML_KEM, "ML-KEM", 0, 800, 1568, 0));

    add_legacy(r, CKM_CRATON_LEGACY_ML_KEM_512, "ML-KEM-512 (legacy)", CKP_ML_KEM_512);
    add_legacy(r, CKM_CRATON_LEGACY_ML_KEM_768, "ML-KEM-768 (legacy)", CKP_ML_KEM_768);
    add_legacy(r, CKM_CRATON_LEGACY_ML_KEM_1024, "ML-KEM-1024 (legacy)", CKP_ML_KEM_1024);

    KeyTypeSupport support;
    support.type = CKK_ML_KEM;
    support.complete_import = complete_import;
    r.add_key_type(std::move(support));
}

}  // namespace craton::mech::pqc
