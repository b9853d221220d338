// Operations per second of ML-KEM-768 and ML-DSA-65 through the whole PKCS#11 path (session
// lock, key lookup, parsed-key cache, object creation for the KEM secrets), for comparison with
// the algorithm alone (bench/pqc). A Slow suite: it measures, it does not gate CI.
#include <chrono>
#include <cstdio>

#include <gtest/gtest.h>

#include "unit/mech/pqc_p11_util.h"

namespace craton::test::pqc {
namespace {

template <class F>
double per_second(int n, F&& op) {
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < n; ++i) op();
    const std::chrono::duration<double> s = std::chrono::steady_clock::now() - start;
    return n / s.count();
}

TEST(PqcThroughputSlow, MlKem768AndMlDsa65) {
    P11Session p11;
    const KeyPair kem = generate(p11, CKM_ML_KEM_KEY_PAIR_GEN, CKP_ML_KEM_768);
    Bytes ct;
    CK_OBJECT_HANDLE k;
    ASSERT_EQ(encapsulate(p11, CKM_ML_KEM, kem.pub, AttrBuilder(), ct, k), CKR_OK);
    const double encaps = per_second(500, [&] {
        CK_MECHANISM m{CKM_ML_KEM, nullptr, 0};
        CK_ULONG len = ct.size();
        CK_OBJECT_HANDLE h;
        ASSERT_EQ(
            fn32()->C_EncapsulateKey(p11.session(), &m, kem.pub, nullptr, 0, ct.data(), &len, &h),
            CKR_OK);
        p11.fn()->C_DestroyObject(p11.session(), h);
    });
    const double decaps = per_second(500, [&] {
        CK_MECHANISM m{CKM_ML_KEM, nullptr, 0};
        CK_OBJECT_HANDLE h;
        ASSERT_EQ(fn32()->C_DecapsulateKey(p11.session(), &m, kem.priv, nullptr, 0, ct.data(),
                                           ct.size(), &h),
                  CKR_OK);
        p11.fn()->C_DestroyObject(p11.session(), h);
    });

    const KeyPair dsa = generate(p11, CKM_ML_DSA_KEY_PAIR_GEN, CKP_ML_DSA_65);
    const Bytes msg(64, 0x42);
    Bytes sig;
    CK_MECHANISM pure{CKM_ML_DSA, nullptr, 0};
    const double signs =
        per_second(200, [&] { ASSERT_EQ(sign(p11, pure, dsa.priv, msg, sig), CKR_OK); });
    const double verifies =
        per_second(500, [&] { ASSERT_EQ(verify(p11, pure, dsa.pub, msg, sig), CKR_OK); });
    const double keygens =
        per_second(50, [&] { generate(p11, CKM_ML_KEM_KEY_PAIR_GEN, CKP_ML_KEM_768); });

    std::printf(
        "ML-KEM-768 through PKCS#11: keygen(+PCT) %.0f/s, encapsulate %.0f/s, decapsulate %.0f/s\n",
        keygens, encaps, decaps);
    std::printf("ML-DSA-65 through PKCS#11: sign (hedged) %.0f/s, verify %.0f/s\n", signs,
                verifies);
    RecordProperty("mlkem768_encapsulate_per_s", static_cast<int>(encaps));
    RecordProperty("mlkem768_decapsulate_per_s", static_cast<int>(decaps));
    RecordProperty("mldsa65_sign_per_s", static_cast<int>(signs));
    RecordProperty("mldsa65_verify_per_s", static_cast<int>(verifies));
}

}  // namespace
}  // namespace craton::test::pqc
