// Each power-on KAT fails closed: with its expected value corrupted (the test-build switch
// CRATON_SELFTEST_CORRUPT=<name>) C_Initialize returns CKR_GENERAL_ERROR and the module stays
// in the error state for the rest of the process. One test (one ctest) per check, each in a
// child process. The names mirror docs/self-tests.md; a renamed KAT fails here.
#include <gtest/gtest.h>

#include "abi/module_fixture.h"
#include "abi/selftest_support.h"

namespace craton::abitest {
namespace {

using selftest::expect_error_state;
using selftest::in_child;

const char* const kChecks[] = {
    "integrity",       "hmac-drbg",         "sha-1",           "sha-256",
    "sha-384",         "sha-512",           "sha3-256",        "hmac-sha-256",
    "aes-gcm-encrypt", "aes-gcm-decrypt",   "aes-cbc-encrypt", "aes-cbc-decrypt",
    "aes-kw-wrap",     "aes-kw-unwrap",     "hkdf-sha-256",    "pbkdf2-sha-256",
    "rsa-pkcs1-sign",  "rsa-pkcs1-verify",  "rsa-pss-verify",  "rsa-pss-sign",
    "ecdsa-p256-sign", "ecdsa-p256-verify", "ecdh-p256",       "ed25519-sign",
    "ed25519-verify",  "ml-kem-keygen",     "ml-kem-encaps",   "ml-kem-decaps",
    "ml-dsa-keygen",   "ml-dsa-sign",       "ml-dsa-verify",   "slh-dsa-keygen",
    "slh-dsa-sign",    "slh-dsa-verify",
};

class SelfTestKatFailure : public testing::TestWithParam<const char*> {};

TEST_P(SelfTestKatFailure, InitializeFailsAndErrorStateSticks) {
    CRATON_REQUIRE_TEST_HOOKS();
    TempConfig config(ConfigOptions{});
    const std::string check = GetParam();
    const int status = in_child([&] {
        setenv("CRATON_SELFTEST_CORRUPT", check.c_str(), 1);
        CK_FUNCTION_LIST_3_0* f = selftest::load(CRATON_MODULE_PATH);
        if (f == nullptr) return 1;
        if (f->C_Initialize(nullptr) != CKR_GENERAL_ERROR) return 2;
        // Removing the switch changes nothing: the failure is latched, not re-evaluated.
        unsetenv("CRATON_SELFTEST_CORRUPT");
        return expect_error_state(f);
    });
    EXPECT_EQ(status, 0) << "check " << check;
}

INSTANTIATE_TEST_SUITE_P(EveryCheck, SelfTestKatFailure, testing::ValuesIn(kChecks),
                         [](const testing::TestParamInfo<const char*>& p) {
                             std::string name = p.param;
                             for (char& c : name) {
                                 if (c == '-') c = '_';
                             }
                             return name;
                         });

// Without any switch the same child initialises normally: the failures above are the
// switches' doing, not the fork or the fresh load.
TEST(SelfTestKatFailureControl, CleanChildInitializes) {
    TempConfig config(ConfigOptions{});
    const int status = in_child([] {
        unsetenv("CRATON_SELFTEST_CORRUPT");
        CK_FUNCTION_LIST_3_0* f = selftest::load(CRATON_MODULE_PATH);
        if (f == nullptr) return 1;
        if (f->C_Initialize(nullptr) != CKR_OK) return 2;
        CK_INFO info;
        if (f->C_GetInfo(&info) != CKR_OK) return 3;
        return f->C_Finalize(nullptr) == CKR_OK ? 0 : 4;
    });
    EXPECT_EQ(status, 0);
}

}  // namespace
}  // namespace craton::abitest
