// RSA, ECDSA and Ed25519 signing and verification with keys generated once per process.
#include "bench_cases.h"

namespace craton::bench {
namespace {

CK_FUNCTION_LIST* fn() {
    return Env::get().fn();
}

struct RsaCase {
    CK_ULONG bits;
    bool pss;
};

// PSS with SHA-256, MGF1-SHA-256 and a 32-byte salt: the common TLS/JOSE choice.
CK_RSA_PKCS_PSS_PARAMS pss_params{CKM_SHA256, CKG_MGF1_SHA256, 32};

CK_MECHANISM rsa_mechanism(bool pss) {
    return pss ? CK_MECHANISM{CKM_SHA256_RSA_PKCS_PSS, &pss_params, sizeof pss_params}
               : CK_MECHANISM{CKM_SHA256_RSA_PKCS, nullptr, 0};
}

bool rsa_setup(benchmark::State& state, RsaCase c, CK_FLAGS usage, Env::Handles& key) {
    if (!require(state, CKM_RSA_PKCS_KEY_PAIR_GEN, CKF_GENERATE_KEY_PAIR)) return false;
    if (!require(state, c.pss ? CKM_SHA256_RSA_PKCS_PSS : CKM_SHA256_RSA_PKCS, usage)) return false;
    return check(state, rsa_key_pair(c.bits, key), "C_GenerateKeyPair(RSA)");
}

CK_RV sign_once(CK_SESSION_HANDLE s, CK_MECHANISM m, CK_OBJECT_HANDLE key, Bytes& data,
                Bytes& sig) {
    CK_ULONG n = sig.size();
    CK_RV rv = fn()->C_SignInit(s, &m, key);
    if (rv == CKR_OK) rv = fn()->C_Sign(s, data.data(), data.size(), sig.data(), &n);
    sig.resize(n);
    return rv;
}

CK_RV verify_once(CK_SESSION_HANDLE s, CK_MECHANISM m, CK_OBJECT_HANDLE key, Bytes& data,
                  Bytes& sig) {
    CK_RV rv = fn()->C_VerifyInit(s, &m, key);
    if (rv == CKR_OK) rv = fn()->C_Verify(s, data.data(), data.size(), sig.data(), sig.size());
    return rv;
}

void rsa_sign(benchmark::State& state, RsaCase c) {
    Env::Handles key;
    if (!rsa_setup(state, c, CKF_SIGN, key)) return;
    const CK_SESSION_HANDLE s = Env::get().session();
    Bytes data = pattern(64, 11), sig(c.bits / 8);
    for (auto _ : state) {
        sig.resize(c.bits / 8);
        if (!check(state, sign_once(s, rsa_mechanism(c.pss), key.first, data, sig), "C_Sign")) {
            break;
        }
    }
    report(state);
}

void rsa_verify(benchmark::State& state, RsaCase c) {
    Env::Handles key;
    if (!rsa_setup(state, c, CKF_VERIFY, key)) return;
    const CK_SESSION_HANDLE s = Env::get().session();
    Bytes data = pattern(64, 12), sig(c.bits / 8);
    if (!check(state, sign_once(s, rsa_mechanism(c.pss), key.first, data, sig), "C_Sign")) return;
    for (auto _ : state) {
        if (!check(state, verify_once(s, rsa_mechanism(c.pss), key.second, data, sig),
                   "C_Verify")) {
            break;
        }
    }
    report(state);
}

// Curves sign a message digest (CKM_ECDSA) or, for Ed25519, the message itself (CKM_EDDSA).
CK_MECHANISM_TYPE sign_mechanism(Curve c) {
    return c == Curve::Ed25519 ? CKM_EDDSA : CKM_ECDSA;
}
std::size_t input_length(Curve c) {
    switch (c) {
        case Curve::P256:
            return 32;
        case Curve::P384:
            return 48;
        case Curve::Ed25519:
            return 64;
    }
    return 32;
}

bool curve_setup(benchmark::State& state, Curve c, CK_FLAGS usage, Env::Handles& key) {
    if (!require(state, ec_keygen_mechanism(c), CKF_GENERATE_KEY_PAIR)) return false;
    if (!require(state, sign_mechanism(c), usage)) return false;
    return check(state, ec_key_pair(c, key), "C_GenerateKeyPair(EC)");
}

void curve_verify(benchmark::State& state, Curve c) {
    Env::Handles key;
    if (!curve_setup(state, c, CKF_VERIFY, key)) return;
    const CK_SESSION_HANDLE s = Env::get().session();
    const CK_MECHANISM m{sign_mechanism(c), nullptr, 0};
    Bytes data = pattern(input_length(c), 13), sig(132);
    if (!check(state, sign_once(s, m, key.first, data, sig), "C_Sign")) return;
    for (auto _ : state) {
        if (!check(state, verify_once(s, m, key.second, data, sig), "C_Verify")) break;
    }
    report(state);
}

}  // namespace

void ecdsa_sign(benchmark::State& state, Curve c, bool own_session) {
    Env::Handles key;
    if (!curve_setup(state, c, CKF_SIGN, key)) return;
    CaseSession session(state, own_session);
    if (!session.ok()) return;
    const CK_MECHANISM m{sign_mechanism(c), nullptr, 0};
    Bytes data = pattern(input_length(c), 14), sig(132);
    for (auto _ : state) {
        sig.resize(132);
        if (!check(state, sign_once(session.handle(), m, key.first, data, sig), "C_Sign")) break;
    }
    report(state);
}

void register_asymmetric_cases() {
    for (CK_ULONG bits : {2048ul, 3072ul}) {
        const std::string rsa = "rsa" + std::to_string(bits);
        add(rsa + "_sign/pkcs1_sha256", rsa_sign, RsaCase{bits, false});
        add(rsa + "_sign/pss_sha256", rsa_sign, RsaCase{bits, true});
        add(rsa + "_verify/pkcs1_sha256", rsa_verify, RsaCase{bits, false});
        add(rsa + "_verify/pss_sha256", rsa_verify, RsaCase{bits, true});
    }
    add("ecdsa_p256_sign", ecdsa_sign, Curve::P256, false);
    add("ecdsa_p256_verify", curve_verify, Curve::P256);
    add("ecdsa_p384_sign", ecdsa_sign, Curve::P384, false);
    add("ecdsa_p384_verify", curve_verify, Curve::P384);
    add("ed25519_sign", ecdsa_sign, Curve::Ed25519, false);
    add("ed25519_verify", curve_verify, Curve::Ed25519);
}

}  // namespace craton::bench
