#include "bench_keys.h"

namespace craton::bench {
namespace {

// DER of the named curves' OIDs, the CKA_EC_PARAMS form every module accepts.
const Bytes kP256 = {0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07};
const Bytes kP384 = {0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x22};
const Bytes kEd25519 = {0x06, 0x03, 0x2b, 0x65, 0x70};

const Bytes& curve_params(Curve c) {
    switch (c) {
        case Curve::P256:
            return kP256;
        case Curve::P384:
            return kP384;
        case Curve::Ed25519:
            return kEd25519;
    }
    return kP256;
}

const char* curve_name(Curve c) {
    switch (c) {
        case Curve::P256:
            return "p256";
        case Curve::P384:
            return "p384";
        case Curve::Ed25519:
            return "ed25519";
    }
    return "?";
}

CK_RV create(Attrs& attrs, CK_OBJECT_HANDLE& out) {
    auto& env = Env::get();
    return env.fn()->C_CreateObject(env.session(), attrs.data(), attrs.size(), &out);
}

}  // namespace

Attrs aes_template() {
    Attrs a;
    a.add_ulong(CKA_VALUE_LEN, 32)
        .add_bool(CKA_TOKEN, false)
        .add_bool(CKA_ENCRYPT, true)
        .add_bool(CKA_DECRYPT, true);
    return a;
}

void rsa_templates(CK_ULONG bits, Attrs& pub, Attrs& priv) {
    pub.add_ulong(CKA_MODULUS_BITS, bits)
        .add(CKA_PUBLIC_EXPONENT, Bytes{0x01, 0x00, 0x01})
        .add_bool(CKA_TOKEN, false)
        .add_bool(CKA_VERIFY, true);
    priv.add_bool(CKA_TOKEN, false)
        .add_bool(CKA_PRIVATE, true)
        .add_bool(CKA_SENSITIVE, true)
        .add_bool(CKA_SIGN, true);
}

void ec_templates(Curve curve, Attrs& pub, Attrs& priv) {
    pub.add(CKA_EC_PARAMS, curve_params(curve))
        .add_bool(CKA_TOKEN, false)
        .add_bool(CKA_VERIFY, true);
    priv.add_bool(CKA_TOKEN, false)
        .add_bool(CKA_PRIVATE, true)
        .add_bool(CKA_SENSITIVE, true)
        .add_bool(CKA_SIGN, true);
}

CK_MECHANISM_TYPE ec_keygen_mechanism(Curve curve) {
    return curve == Curve::Ed25519 ? CKM_EC_EDWARDS_KEY_PAIR_GEN : CKM_EC_KEY_PAIR_GEN;
}

// Imported rather than generated: key import works in every module, key generation is a
// case of its own.
CK_RV aes256_key(Env::Handles& out) {
    return Env::get().once(
        "aes256",
        [](Env::Handles& h) {
            Attrs a;
            a.add_ulong(CKA_CLASS, CKO_SECRET_KEY)
                .add_ulong(CKA_KEY_TYPE, CKK_AES)
                .add(CKA_VALUE, pattern(32, 1))
                .add_bool(CKA_TOKEN, false)
                .add_bool(CKA_ENCRYPT, true)
                .add_bool(CKA_DECRYPT, true);
            return create(a, h.first);
        },
        out);
}

CK_RV hmac_key(Env::Handles& out) {
    return Env::get().once(
        "hmac",
        [](Env::Handles& h) {
            Attrs a;
            a.add_ulong(CKA_CLASS, CKO_SECRET_KEY)
                .add_ulong(CKA_KEY_TYPE, CKK_GENERIC_SECRET)
                .add(CKA_VALUE, pattern(32, 2))
                .add_bool(CKA_TOKEN, false)
                .add_bool(CKA_SIGN, true)
                .add_bool(CKA_VERIFY, true);
            return create(a, h.first);
        },
        out);
}

CK_RV rsa_key_pair(CK_ULONG bits, Env::Handles& out) {
    return Env::get().once(
        "rsa" + std::to_string(bits),
        [bits](Env::Handles& h) {
            auto& env = Env::get();
            Attrs pub, priv;
            rsa_templates(bits, pub, priv);
            CK_MECHANISM m{CKM_RSA_PKCS_KEY_PAIR_GEN, nullptr, 0};
            return env.fn()->C_GenerateKeyPair(env.session(), &m, pub.data(), pub.size(),
                                               priv.data(), priv.size(), &h.second, &h.first);
        },
        out);
}

CK_RV ec_key_pair(Curve curve, Env::Handles& out) {
    return Env::get().once(
        std::string("ec-") + curve_name(curve),
        [curve](Env::Handles& h) {
            auto& env = Env::get();
            Attrs pub, priv;
            ec_templates(curve, pub, priv);
            CK_MECHANISM m{ec_keygen_mechanism(curve), nullptr, 0};
            return env.fn()->C_GenerateKeyPair(env.session(), &m, pub.data(), pub.size(),
                                               priv.data(), priv.size(), &h.second, &h.first);
        },
        out);
}

}  // namespace craton::bench
