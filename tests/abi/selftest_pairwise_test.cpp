// Pairwise consistency tests in the module: with the test-build switch that makes them fail,
// C_GenerateKeyPair of each family returns CKR_GENERAL_ERROR, creates no key, and the module
// is in the error state afterwards. Without the switch the same generation succeeds.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <craton/pkcs11/craton_vendor.h>

#include "abi/module_fixture.h"
#include "abi/selftest_support.h"

namespace craton::abitest {
namespace {

using selftest::expect_error_state;
using selftest::in_child;

struct KeyGenCase {
    const char* name;
    CK_MECHANISM_TYPE mechanism;
    std::vector<CK_BYTE> ec_params;  // CKA_EC_PARAMS, or empty
    CK_ULONG modulus_bits;           // CKA_MODULUS_BITS, or 0
    CK_ULONG parameter_set = 0;      // CKA_PARAMETER_SET (PKCS#11 3.2), or 0
};

const std::vector<CK_BYTE> kP256 = {0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07};
const std::vector<CK_BYTE> kEd25519 = {0x06, 0x03, 0x2b, 0x65, 0x70};
const std::vector<CK_BYTE> kX25519 = {0x06, 0x03, 0x2b, 0x65, 0x6e};

const KeyGenCase kCases[] = {
    {"EcP256", CKM_EC_KEY_PAIR_GEN, kP256, 0},
    {"Ed25519", CKM_EC_EDWARDS_KEY_PAIR_GEN, kEd25519, 0},
    {"X25519", CKM_EC_MONTGOMERY_KEY_PAIR_GEN, kX25519, 0},
    {"Rsa2048", CKM_RSA_PKCS_KEY_PAIR_GEN, {}, 2048},
    {"MlKem512", CKM_ML_KEM_KEY_PAIR_GEN, {}, 0, CKP_ML_KEM_512},
    {"MlDsa44", CKM_ML_DSA_KEY_PAIR_GEN, {}, 0, CKP_ML_DSA_44},
    {"SlhDsaSha2_128f", CKM_SLH_DSA_KEY_PAIR_GEN, {}, 0, CKP_SLH_DSA_SHA2_128F},
    {"XWing", CKM_CRATON_X25519_ML_KEM_768_KEY_PAIR_GEN, {}, 0},
};

CK_RV generate(CK_FUNCTION_LIST_3_0* f, CK_SESSION_HANDLE s, const KeyGenCase& c) {
    Attrs pub, priv;
    if (!c.ec_params.empty()) pub.bytes(CKA_EC_PARAMS, c.ec_params);
    if (c.modulus_bits != 0) pub.ulong(CKA_MODULUS_BITS, c.modulus_bits);
    if (c.parameter_set != 0) pub.ulong(CKA_PARAMETER_SET, c.parameter_set);
    priv.boolean(CKA_SENSITIVE, true);
    CK_MECHANISM mech{c.mechanism, nullptr, 0};
    CK_OBJECT_HANDLE hpub = CK_INVALID_HANDLE, hpriv = CK_INVALID_HANDLE;
    return f->C_GenerateKeyPair(s, &mech, pub.data(), pub.count(), priv.data(), priv.count(), &hpub,
                                &hpriv);
}

class SelfTestPairwise : public testing::TestWithParam<KeyGenCase> {};

TEST_P(SelfTestPairwise, FailureIsFatal) {
    CRATON_REQUIRE_TEST_HOOKS();
    TempConfig config(ConfigOptions{});
    const KeyGenCase c = GetParam();
    EXPECT_EQ(in_child([&] {
                  setenv("CRATON_SELFTEST_CORRUPT", "pairwise", 1);
                  CK_FUNCTION_LIST_3_0* f = selftest::load(CRATON_MODULE_PATH);
                  if (f == nullptr || f->C_Initialize(nullptr) != CKR_OK) return 1;
                  const CK_SESSION_HANDLE s = selftest::user_session(f);
                  if (s == CK_INVALID_HANDLE) return 2;
                  if (generate(f, s, c) != CKR_GENERAL_ERROR) return 3;
                  unsetenv("CRATON_SELFTEST_CORRUPT");
                  return expect_error_state(f);
              }),
              0)
        << c.name;
}

TEST_P(SelfTestPairwise, ConsistentPairIsStored) {
    TempConfig config(ConfigOptions{});
    const KeyGenCase c = GetParam();
    EXPECT_EQ(in_child([&] {
                  unsetenv("CRATON_SELFTEST_CORRUPT");
                  CK_FUNCTION_LIST_3_0* f = selftest::load(CRATON_MODULE_PATH);
                  if (f == nullptr || f->C_Initialize(nullptr) != CKR_OK) return 1;
                  const CK_SESSION_HANDLE s = selftest::user_session(f);
                  if (s == CK_INVALID_HANDLE) return 2;
                  if (generate(f, s, c) != CKR_OK) return 3;
                  return f->C_Finalize(nullptr) == CKR_OK ? 0 : 4;
              }),
              0)
        << c.name;
}

INSTANTIATE_TEST_SUITE_P(KeyGen, SelfTestPairwise, testing::ValuesIn(kCases),
                         [](const testing::TestParamInfo<KeyGenCase>& p) {
                             return std::string(p.param.name);
                         });

}  // namespace
}  // namespace craton::abitest
