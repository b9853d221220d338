// Key generation. Generated keys are destroyed after the timed loop, so that thousands of
// them do not pile up in the token the later cases search.
#include "bench_cases.h"

namespace craton::bench {
namespace {

CK_FUNCTION_LIST* fn() {
    return Env::get().fn();
}

void destroy_all(const std::vector<CK_OBJECT_HANDLE>& handles) {
    for (CK_OBJECT_HANDLE h : handles) fn()->C_DestroyObject(Env::get().session(), h);
}

void keygen_aes256(benchmark::State& state) {
    if (!require(state, CKM_AES_KEY_GEN, CKF_GENERATE)) return;
    const CK_SESSION_HANDLE s = Env::get().session();
    Attrs tmpl = aes_template();
    CK_MECHANISM m{CKM_AES_KEY_GEN, nullptr, 0};
    std::vector<CK_OBJECT_HANDLE> made;
    for (auto _ : state) {
        CK_OBJECT_HANDLE h = CK_INVALID_HANDLE;
        if (!check(state, fn()->C_GenerateKey(s, &m, tmpl.data(), tmpl.size(), &h),
                   "C_GenerateKey")) {
            break;
        }
        made.push_back(h);
    }
    destroy_all(made);
    report(state);
}

void keygen_pair(benchmark::State& state, CK_MECHANISM_TYPE mech, Attrs pub, Attrs priv) {
    if (!require(state, mech, CKF_GENERATE_KEY_PAIR)) return;
    const CK_SESSION_HANDLE s = Env::get().session();
    CK_MECHANISM m{mech, nullptr, 0};
    std::vector<CK_OBJECT_HANDLE> made;
    for (auto _ : state) {
        CK_OBJECT_HANDLE hpub = CK_INVALID_HANDLE, hpriv = CK_INVALID_HANDLE;
        const CK_RV rv = fn()->C_GenerateKeyPair(s, &m, pub.data(), pub.size(), priv.data(),
                                                 priv.size(), &hpub, &hpriv);
        if (!check(state, rv, "C_GenerateKeyPair")) break;
        made.push_back(hpub);
        made.push_back(hpriv);
    }
    destroy_all(made);
    report(state);
}

void keygen_ec(benchmark::State& state, Curve curve) {
    Attrs pub, priv;
    ec_templates(curve, pub, priv);
    keygen_pair(state, ec_keygen_mechanism(curve), pub, priv);
}

void keygen_rsa(benchmark::State& state, CK_ULONG bits) {
    Attrs pub, priv;
    rsa_templates(bits, pub, priv);
    keygen_pair(state, CKM_RSA_PKCS_KEY_PAIR_GEN, pub, priv);
}

}  // namespace

void register_keygen_cases() {
    add("keygen_aes256", keygen_aes256);
    add("keygen_ec_p256", keygen_ec, Curve::P256);
    // RSA key generation time varies by an order of magnitude between runs (prime search),
    // so it gets more time than the default to average over.
    add("keygen_rsa2048", keygen_rsa, 2048ul)->MinTime(5.0);
}

}  // namespace craton::bench
