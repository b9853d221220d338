// The error state after a failure in service (not at power-on): a continuous RNG test that
// fails during C_GenerateRandom ends the module for the process, C_Finalize + C_Initialize
// included.
#include <gtest/gtest.h>

#include <sys/prctl.h>

#include "abi/module_fixture.h"
#include "abi/selftest_support.h"

namespace craton::abitest {
namespace {

using selftest::expect_error_state;
using selftest::in_child;

int continuous_failure_in_service(const char* fault) {
    setenv("CRATON_SELFTEST_CORRUPT", fault, 1);
    CK_FUNCTION_LIST_3_0* f = selftest::load(CRATON_MODULE_PATH);
    if (f == nullptr) return 1;
    // The switch fires at the first DRBG request after the power-on self-test.
    if (f->C_Initialize(nullptr) != CKR_OK) return 2;
    CK_SESSION_HANDLE s = CK_INVALID_HANDLE;
    if (f->C_OpenSession(0, CKF_SERIAL_SESSION, nullptr, nullptr, &s) != CKR_OK) return 3;
    CK_BYTE buf[32] = {};
    if (f->C_GenerateRandom(s, buf, sizeof buf) != CKR_GENERAL_ERROR) return 4;
    for (CK_BYTE b : buf) {
        if (b != 0) return 5;  // nothing of the failed request reaches the caller
    }
    if (f->C_GenerateRandom(s, buf, sizeof buf) != CKR_GENERAL_ERROR) return 6;
    if (f->C_CloseSession(s) != CKR_GENERAL_ERROR) return 7;
    unsetenv("CRATON_SELFTEST_CORRUPT");
    return expect_error_state(f);
}

TEST(SelfTestErrorState, RepeatedDrbgBlockInServiceIsFatal) {
    CRATON_REQUIRE_TEST_HOOKS();
    TempConfig config(ConfigOptions{});
    EXPECT_EQ(in_child([] { return continuous_failure_in_service("drbg-continuous"); }), 0);
}

TEST(SelfTestErrorState, RepeatedEntropyBlockInServiceIsFatal) {
    CRATON_REQUIRE_TEST_HOOKS();
    TempConfig config(ConfigOptions{});
    EXPECT_EQ(in_child([] { return continuous_failure_in_service("entropy-continuous"); }), 0);
}

// A forked child of a failed process stays failed too: the latch is process memory.
TEST(SelfTestErrorState, ForkedChildOfFailedModuleStaysFailed) {
    CRATON_REQUIRE_TEST_HOOKS();
    TempConfig config(ConfigOptions{});
    EXPECT_EQ(
        in_child([] {
            setenv("CRATON_SELFTEST_CORRUPT", "sha-256", 1);
            CK_FUNCTION_LIST_3_0* f = selftest::load(CRATON_MODULE_PATH);
            if (f == nullptr || f->C_Initialize(nullptr) != CKR_GENERAL_ERROR) return 1;
            unsetenv("CRATON_SELFTEST_CORRUPT");
            return in_child([f] { return f->C_Initialize(nullptr) == CKR_GENERAL_ERROR ? 0 : 2; });
        }),
        0);
}

}  // namespace
}  // namespace craton::abitest

namespace craton::abitest {
namespace {

// Regression: the module's OpenSSL library context is called back by OPENSSL_cleanup at process
// exit; after dlclose had unmapped the module, that exit crashed (SIGSEGV). The module is now
// linked -z nodelete. The child runs the full exit path (std::exit, not _exit).
TEST(SelfTestUnload, ExitAfterDlcloseIsClean) {
    TempConfig config(ConfigOptions{});
    const int status = selftest::in_child([] {
        void* h = dlopen(CRATON_MODULE_PATH, RTLD_NOW | RTLD_LOCAL);
        if (h == nullptr) return 1;
        auto get_list = reinterpret_cast<CK_C_GetFunctionList>(dlsym(h, "C_GetFunctionList"));
        CK_FUNCTION_LIST* f = nullptr;
        if (get_list == nullptr || get_list(&f) != CKR_OK) return 2;
        if (f->C_Initialize(nullptr) != CKR_OK) return 3;
        CK_SESSION_HANDLE s = CK_INVALID_HANDLE;
        CK_BYTE buf[16];
        if (f->C_OpenSession(0, CKF_SERIAL_SESSION, nullptr, nullptr, &s) != CKR_OK ||
            f->C_GenerateRandom(s, buf, sizeof buf) != CKR_OK || f->C_Finalize(nullptr) != CKR_OK) {
            return 4;
        }
        dlclose(h);
        std::fflush(nullptr);
        std::exit(0);  // atexit handlers, OPENSSL_cleanup included
    });
    EXPECT_EQ(status, 0) << "100 + n means the child died of signal n";
}

}  // namespace
}  // namespace craton::abitest

namespace craton::abitest {
namespace {

// [memory] disable_core_dumps clears the process's dumpable flag at C_Initialize (checked in a
// child: the flag cannot be set back for the test process itself without privileges).
TEST(SelfTestMemoryHygiene, DisableCoreDumpsClearsDumpable) {
    ConfigOptions o;
    o.extra = "[memory]\ndisable_core_dumps = true\n";
    TempConfig config(o);
    EXPECT_EQ(selftest::in_child([] {
                  if (prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) != 1) return 1;
                  CK_FUNCTION_LIST_3_0* f = selftest::load(CRATON_MODULE_PATH);
                  if (f == nullptr || f->C_Initialize(nullptr) != CKR_OK) return 2;
                  const int dumpable = prctl(PR_GET_DUMPABLE, 0, 0, 0, 0);
                  f->C_Finalize(nullptr);
                  return dumpable == 0 ? 0 : 3;
              }),
              0);
}

}  // namespace
}  // namespace craton::abitest
