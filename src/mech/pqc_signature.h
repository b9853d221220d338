// Registration of the PKCS#11 3.2 signature mechanisms that ML-DSA and SLH-DSA share in
// shape: the pure mechanism (CKM_ML_DSA, CKM_SLH_DSA), the one that signs a caller's digest
// (CKM_HASH_*), the ones that hash here (CKM_HASH_*_<hash>) and the per-parameter-set vendor
// aliases. A family supplies its key types and operations; the rules about which key class
// signs, which parameter set a vendor alias demands and which parameter each kind of
// mechanism takes are written once, here.
#pragma once

#include <memory>
#include <optional>

#include "core/error.h"
#include "mech/pqc_common.h"

namespace craton::mech::pqc {

// How a mechanism turns its input into the signed message M': the message itself, a digest
// given by the caller (CKM_HASH_*), or a digest computed here (CKM_HASH_*_<hash>).
enum class SignInput { Message, Digest, HashHere };

// The mechanism parameter for each kind of mechanism; `fixed` is the hash of a
// CKM_HASH_*_<hash> mechanism.
inline SignParams signature_params(const CK_MECHANISM& mech, SignInput input,
                                   std::optional<PreHash> fixed) {
    if (input == SignInput::Digest) return parse_hash_sign_params(mech);
    SignParams p = parse_sign_params(mech);
    p.hash = fixed;
    return p;
}

// A vendor alias names one parameter set (`required`, 0 for none); a key of another set is
// the wrong key for it.
inline void check_parameter_set(CK_ULONG required, CK_ULONG ckp) {
    if (required != 0 && required != ckp) fail(CKR_KEY_TYPE_INCONSISTENT);
}

// Family requirements:
//   kKeyType, kMinKeyBytes, kMaxKeyBytes      CK_KEY_TYPE and CK_MECHANISM_INFO key sizes
//   private_key(obj), public_key(obj)         parsed keys (shared_ptr, with a `ckp` member)
//   Sign, Verify                              operations built from (key, SignInput, params)
//   public_key_bytes(ckp)                     public key size of one parameter set
//   generate(mech, pub, priv, ckp)            key-pair generation
template <class Family>
void add_signature_mechanism(MechanismRegistry& r, CK_MECHANISM_TYPE type, const char* name,
                             SignInput input, std::optional<PreHash> fixed, CK_ULONG required = 0) {
    Mechanism m;
    m.type = type;
    m.name = name;
    m.info = {Family::kMinKeyBytes, Family::kMaxKeyBytes, CKF_SIGN | CKF_VERIFY};
    m.fips_approved = true;
    m.key_types = {Family::kKeyType};
    m.sign = [=](const CK_MECHANISM& mech, const ObjectPtr& key) -> std::unique_ptr<SignOperation> {
        const SignParams params = signature_params(mech, input, fixed);
        if (key->object_class() != CKO_PRIVATE_KEY) fail(CKR_KEY_TYPE_INCONSISTENT);
        auto k = Family::private_key(*key);
        check_parameter_set(required, k->ckp);
        return std::make_unique<typename Family::Sign>(std::move(k), input, params);
    };
    m.verify = [=](const CK_MECHANISM& mech,
                   const ObjectPtr& key) -> std::unique_ptr<VerifyOperation> {
        const SignParams params = signature_params(mech, input, fixed);
        if (key->object_class() != CKO_PUBLIC_KEY) fail(CKR_KEY_TYPE_INCONSISTENT);
        auto k = Family::public_key(*key);
        check_parameter_set(required, k->ckp);
        return std::make_unique<typename Family::Verify>(std::move(k), input, params);
    };
    if (required != 0) {
        // A vendor alias also generates key pairs of its parameter set.
        m.info.flags |= CKF_GENERATE_KEY_PAIR;
        m.info.ulMinKeySize = m.info.ulMaxKeySize = Family::public_key_bytes(required);
        m.generated_key_type = Family::kKeyType;
        m.generate_key_pair = [required](const CK_MECHANISM& mech, Object& pub, Object& priv) {
            Family::generate(mech, pub, priv, required);
        };
    }
    r.add(std::move(m));
}

// The key-pair generation mechanism of a family (parameter set from the templates).
template <class Family>
void add_signature_keygen(MechanismRegistry& r, CK_MECHANISM_TYPE type, const char* name) {
    Mechanism gen;
    gen.type = type;
    gen.name = name;
    gen.info = {Family::kMinKeyBytes, Family::kMaxKeyBytes, CKF_GENERATE_KEY_PAIR};
    gen.fips_approved = true;
    gen.generated_key_type = Family::kKeyType;
    gen.generate_key_pair = [](const CK_MECHANISM& mech, Object& pub, Object& priv) {
        Family::generate(mech, pub, priv, 0);
    };
    r.add(std::move(gen));
}

}  // namespace craton::mech::pqc
