// The "PKCS 11" 3.2 interface: listed first and returned by default, carrying the 3.2
// functions; the 3.0 and 2.40 tables unchanged; the 3.2 functions the module does not offer
// answer after checking the session; and every post-quantum mechanism in the mechanism list.
#include <algorithm>
#include <cstring>

#include <gtest/gtest.h>

#include "unit/mech/pqc_p11_util.h"

namespace craton::test::pqc {
namespace {

class Pkcs11V32 : public ::testing::Test {
  protected:
    P11Session p11;
};

TEST_F(Pkcs11V32, InterfaceListNewestFirst) {
    CK_ULONG count = 0;
    ASSERT_EQ(p11.fn()->C_GetInterfaceList(nullptr, &count), CKR_OK);
    ASSERT_EQ(count, 3u);
    std::vector<CK_INTERFACE> list(count);
    ASSERT_EQ(p11.fn()->C_GetInterfaceList(list.data(), &count), CKR_OK);
    const CK_VERSION expected[] = {{3, 2}, {3, 0}, {2, 40}};
    for (CK_ULONG i = 0; i < count; ++i) {
        EXPECT_STREQ(reinterpret_cast<const char*>(list[i].pInterfaceName), "PKCS 11");
        const auto* v = static_cast<const CK_VERSION*>(list[i].pFunctionList);
        EXPECT_EQ(v->major, expected[i].major);
        EXPECT_EQ(v->minor, expected[i].minor);
    }
    // No name and no version: the newest.
    CK_INTERFACE* iface = nullptr;
    ASSERT_EQ(p11.fn()->C_GetInterface(nullptr, nullptr, &iface, 0), CKR_OK);
    auto* f = static_cast<CK_FUNCTION_LIST_3_2*>(iface->pFunctionList);
    EXPECT_EQ(f->version.major, 3);
    EXPECT_EQ(f->version.minor, 2);
    EXPECT_EQ(f, fn32());
    // The 3.2 table is the 3.0 table with the 3.2 functions appended.
    EXPECT_EQ(reinterpret_cast<void*>(f->C_Sign), reinterpret_cast<void*>(p11.fn()->C_Sign));
    EXPECT_EQ(reinterpret_cast<void*>(f->C_MessageVerifyFinal),
              reinterpret_cast<void*>(p11.fn()->C_MessageVerifyFinal));
    for (void* fp :
         {reinterpret_cast<void*>(f->C_EncapsulateKey),
          reinterpret_cast<void*>(f->C_DecapsulateKey),
          reinterpret_cast<void*>(f->C_VerifySignatureInit),
          reinterpret_cast<void*>(f->C_VerifySignature),
          reinterpret_cast<void*>(f->C_VerifySignatureUpdate),
          reinterpret_cast<void*>(f->C_VerifySignatureFinal),
          reinterpret_cast<void*>(f->C_GetSessionValidationFlags),
          reinterpret_cast<void*>(f->C_AsyncComplete), reinterpret_cast<void*>(f->C_AsyncGetID),
          reinterpret_cast<void*>(f->C_AsyncJoin),
          reinterpret_cast<void*>(f->C_WrapKeyAuthenticated),
          reinterpret_cast<void*>(f->C_UnwrapKeyAuthenticated)}) {
        EXPECT_NE(fp, nullptr);
    }
    // The 3.0 table is still there, by version.
    CK_UTF8CHAR name[] = "PKCS 11";
    CK_VERSION v30{3, 0};
    ASSERT_EQ(p11.fn()->C_GetInterface(name, &v30, &iface, 0), CKR_OK);
    EXPECT_EQ(static_cast<CK_FUNCTION_LIST_3_0*>(iface->pFunctionList), p11.fn());
}

TEST_F(Pkcs11V32, SessionValidationFlagsAndUnofferedFunctions) {
    auto* f = fn32();
    CK_FLAGS flags = 0xff;
    EXPECT_EQ(f->C_GetSessionValidationFlags(p11.session(), CKS_LAST_VALIDATION_OK, &flags),
              CKR_OK);
    EXPECT_EQ(flags, 0u);
    EXPECT_EQ(f->C_GetSessionValidationFlags(p11.session(), CKS_LAST_VALIDATION_OK, nullptr),
              CKR_ARGUMENTS_BAD);
    EXPECT_EQ(f->C_GetSessionValidationFlags(p11.session(), 77, &flags), CKR_ARGUMENTS_BAD);
    EXPECT_EQ(f->C_GetSessionValidationFlags(0xbad, CKS_LAST_VALIDATION_OK, &flags),
              CKR_SESSION_HANDLE_INVALID);

    CK_UTF8CHAR fname[] = "C_Sign";
    CK_ULONG id = 0;
    CK_ASYNC_DATA result{};
    EXPECT_EQ(f->C_AsyncComplete(p11.session(), fname, &result), CKR_FUNCTION_NOT_SUPPORTED);
    EXPECT_EQ(f->C_AsyncGetID(p11.session(), fname, &id), CKR_FUNCTION_NOT_SUPPORTED);
    EXPECT_EQ(f->C_AsyncJoin(p11.session(), fname, 1, nullptr, 0), CKR_FUNCTION_NOT_SUPPORTED);
    EXPECT_EQ(f->C_AsyncComplete(0xbad, fname, &result), CKR_SESSION_HANDLE_INVALID);
    CK_MECHANISM m{CKM_AES_KEY_WRAP, nullptr, 0};
    CK_ULONG len = 0;
    CK_OBJECT_HANDLE h;
    EXPECT_EQ(f->C_WrapKeyAuthenticated(p11.session(), &m, 1, 2, nullptr, 0, nullptr, &len),
              CKR_FUNCTION_NOT_SUPPORTED);
    EXPECT_EQ(
        f->C_UnwrapKeyAuthenticated(p11.session(), &m, 1, nullptr, 0, nullptr, 0, nullptr, 0, &h),
        CKR_FUNCTION_NOT_SUPPORTED);
    EXPECT_EQ(f->C_WrapKeyAuthenticated(0xbad, &m, 1, 2, nullptr, 0, nullptr, &len),
              CKR_SESSION_HANDLE_INVALID);
}

TEST_F(Pkcs11V32, MechanismListHasThePostQuantumMechanisms) {
    CK_ULONG n = 0;
    ASSERT_EQ(p11.fn()->C_GetMechanismList(0, nullptr, &n), CKR_OK);
    std::vector<CK_MECHANISM_TYPE> list(n);
    ASSERT_EQ(p11.fn()->C_GetMechanismList(0, list.data(), &n), CKR_OK);
    const CK_MECHANISM_TYPE wanted[] = {
        CKM_ML_KEM_KEY_PAIR_GEN,
        CKM_ML_KEM,
        CKM_ML_DSA_KEY_PAIR_GEN,
        CKM_ML_DSA,
        CKM_HASH_ML_DSA,
        CKM_HASH_ML_DSA_SHA224,
        CKM_HASH_ML_DSA_SHA256,
        CKM_HASH_ML_DSA_SHA384,
        CKM_HASH_ML_DSA_SHA512,
        CKM_HASH_ML_DSA_SHA3_224,
        CKM_HASH_ML_DSA_SHA3_256,
        CKM_HASH_ML_DSA_SHA3_384,
        CKM_HASH_ML_DSA_SHA3_512,
        CKM_HASH_ML_DSA_SHAKE128,
        CKM_HASH_ML_DSA_SHAKE256,
        CKM_SLH_DSA_KEY_PAIR_GEN,
        CKM_SLH_DSA,
        CKM_HASH_SLH_DSA,
        CKM_HASH_SLH_DSA_SHA224,
        CKM_HASH_SLH_DSA_SHA256,
        CKM_HASH_SLH_DSA_SHA384,
        CKM_HASH_SLH_DSA_SHA512,
        CKM_HASH_SLH_DSA_SHA3_224,
        CKM_HASH_SLH_DSA_SHA3_256,
        CKM_HASH_SLH_DSA_SHA3_384,
        CKM_HASH_SLH_DSA_SHA3_512,
        CKM_HASH_SLH_DSA_SHAKE128,
        CKM_HASH_SLH_DSA_SHAKE256,
        CKM_CRATON_X25519_ML_KEM_768_KEY_PAIR_GEN,
        CKM_CRATON_X25519_ML_KEM_768,
        CKM_CRATON_LEGACY_ML_KEM_512,
        CKM_CRATON_LEGACY_ML_KEM_768,
        CKM_CRATON_LEGACY_ML_KEM_1024,
        CKM_CRATON_LEGACY_ML_DSA_44,
        CKM_CRATON_LEGACY_ML_DSA_65,
        CKM_CRATON_LEGACY_ML_DSA_87,
        CKM_CRATON_LEGACY_SLH_DSA_SHA2_128S,
        CKM_CRATON_LEGACY_SLH_DSA_SHA2_256S,
        CKM_CRATON_LEGACY_X25519_ML_KEM_768,
    };
    for (CK_MECHANISM_TYPE t : wanted) {
        EXPECT_NE(std::find(list.begin(), list.end(), t), list.end()) << std::hex << t;
        CK_MECHANISM_INFO info{};
        EXPECT_EQ(p11.fn()->C_GetMechanismInfo(0, t, &info), CKR_OK) << std::hex << t;
        EXPECT_NE(info.flags, 0u) << std::hex << t;
    }
    // The numeric checks, against the header the module is built with.
    static_assert(CKK_ML_KEM == 0x49 && CKK_ML_DSA == 0x4A && CKK_SLH_DSA == 0x4B);
    static_assert(CKM_ML_KEM_KEY_PAIR_GEN == 0x0F && CKM_ML_KEM == 0x17);
    static_assert(CKM_ML_DSA_KEY_PAIR_GEN == 0x1C && CKM_ML_DSA == 0x1D && CKM_HASH_ML_DSA == 0x1F);
    static_assert(CKM_HASH_ML_DSA_SHA224 == 0x23 && CKM_HASH_ML_DSA_SHAKE256 == 0x2C);
    static_assert(CKM_SLH_DSA_KEY_PAIR_GEN == 0x2D && CKM_SLH_DSA == 0x2E);
    static_assert(CKM_HASH_SLH_DSA == 0x34 && CKM_HASH_SLH_DSA_SHA224 == 0x36 &&
                  CKM_HASH_SLH_DSA_SHAKE256 == 0x3F);
    static_assert(CKA_PARAMETER_SET == 0x61D && CKA_ENCAPSULATE == 0x633 &&
                  CKA_DECAPSULATE == 0x634 && CKA_SEED == 0x637);
    static_assert(CKF_ENCAPSULATE == 0x10000000 && CKF_DECAPSULATE == 0x20000000);
    static_assert(CKR_PARAMETER_SET_NOT_SUPPORTED == 0x209);
}

}  // namespace
}  // namespace craton::test::pqc
