// Helpers for the self-test ABI tests. A self-test failure latches the error state for the
// rest of the process, so every such test runs its module in a forked child: the child
// loads the module (optionally a copy at another path), drives it, and reports through its
// exit status (0 = every expectation held; otherwise the number of the first broken one,
// with a line on stderr).
#pragma once

#include <dlfcn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>

#include <craton/pkcs11/pkcs11.h>
#include <gtest/gtest.h>

namespace craton::abitest::selftest {

// Whether the module under test was built with CRATON_TEST_HOOKS (its fault switches).
#ifdef CRATON_MODULE_HAS_TEST_HOOKS
inline constexpr bool kModuleHasTestHooks = true;
#else
inline constexpr bool kModuleHasTestHooks = false;
#endif

#define CRATON_REQUIRE_TEST_HOOKS()                                                \
    do {                                                                           \
        if (!::craton::abitest::selftest::kModuleHasTestHooks) {                   \
            GTEST_SKIP() << "module built without CRATON_TEST_HOOKS: no switches"; \
        }                                                                          \
    } while (0)

// Runs `body` in a child process; returns its exit status (or 100 + signal number).
inline int in_child(const std::function<int()>& body) {
    std::fflush(nullptr);
    const pid_t pid = fork();
    if (pid < 0) return 99;
    if (pid == 0) {
        int code = 98;
        try {
            code = body();
        } catch (...) {
        }
        std::fflush(nullptr);
        _exit(code);
    }
    int status = 0;
    if (waitpid(pid, &status, 0) != pid) return 97;
    if (WIFSIGNALED(status)) return 100 + WTERMSIG(status);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 96;
}

// The 3.0 function table of the module at `path` (nullptr, with a message, if it won't load).
inline CK_FUNCTION_LIST_3_0* load(const std::string& path) {
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
        std::fprintf(stderr, "dlopen(%s): %s\n", path.c_str(), dlerror());
        return nullptr;
    }
    auto get_iface = reinterpret_cast<CK_C_GetInterface>(dlsym(handle, "C_GetInterface"));
    CK_VERSION version{3, 0};
    CK_INTERFACE* iface = nullptr;
    CK_UTF8CHAR name[] = "PKCS 11";
    if (get_iface == nullptr || get_iface(name, &version, &iface, 0) != CKR_OK) return nullptr;
    return static_cast<CK_FUNCTION_LIST_3_0*>(iface->pFunctionList);
}

#define CRATON_CHILD_EXPECT(n, cond)                                             \
    do {                                                                         \
        if (!(cond)) {                                                           \
            std::fprintf(stderr, "child expectation %d failed: %s\n", n, #cond); \
            return n;                                                            \
        }                                                                        \
    } while (0)

// After a self-test failure: every call the issue names answers CKR_GENERAL_ERROR, and
// C_Finalize + C_Initialize does not clear it. The function-list queries still work (an
// application needs them to see the failure at all). Returns 0 or the failed check's number.
inline int expect_error_state(CK_FUNCTION_LIST_3_0* f) {
    CK_INFO info;
    CRATON_CHILD_EXPECT(20, f->C_GetInfo(&info) == CKR_GENERAL_ERROR);
    CK_ULONG count = 0;
    CRATON_CHILD_EXPECT(21, f->C_GetSlotList(CK_FALSE, nullptr, &count) == CKR_GENERAL_ERROR);
    CK_SESSION_HANDLE s = CK_INVALID_HANDLE;
    CRATON_CHILD_EXPECT(
        22, f->C_OpenSession(0, CKF_SERIAL_SESSION, nullptr, nullptr, &s) == CKR_GENERAL_ERROR);
    CK_BYTE buf[16];
    CRATON_CHILD_EXPECT(23, f->C_GenerateRandom(1, buf, sizeof buf) == CKR_GENERAL_ERROR);
    CK_MECHANISM_TYPE mechs[4];
    count = 4;
    CRATON_CHILD_EXPECT(24, f->C_GetMechanismList(0, mechs, &count) == CKR_GENERAL_ERROR);
    CRATON_CHILD_EXPECT(25, f->C_Finalize(nullptr) == CKR_GENERAL_ERROR);
    CRATON_CHILD_EXPECT(26, f->C_Initialize(nullptr) == CKR_GENERAL_ERROR);
    CRATON_CHILD_EXPECT(27, f->C_GetInfo(&info) == CKR_GENERAL_ERROR);
    CRATON_CHILD_EXPECT(28, f->C_Finalize(nullptr) == CKR_GENERAL_ERROR);
    CRATON_CHILD_EXPECT(29, f->C_Initialize(nullptr) == CKR_GENERAL_ERROR);
    CK_INTERFACE* iface = nullptr;
    CRATON_CHILD_EXPECT(30, f->C_GetInterface(nullptr, nullptr, &iface, 0) == CKR_OK);
    return 0;
}

// Initialises token 0 with fixed PINs and returns a R/W session logged in as the user
// (CK_INVALID_HANDLE on any failure, with a message).
inline CK_SESSION_HANDLE user_session(CK_FUNCTION_LIST_3_0* f) {
    static char so_pin[] = "so-secret-1234";
    static char user_pin[] = "user-secret-5678";
    auto pin = [](char* p) { return reinterpret_cast<CK_UTF8CHAR_PTR>(p); };
    CK_UTF8CHAR label[32];
    for (auto& c : label) c = ' ';
    CK_SESSION_HANDLE so = CK_INVALID_HANDLE, user = CK_INVALID_HANDLE;
    const CK_FLAGS rw = CKF_SERIAL_SESSION | CKF_RW_SESSION;
    const bool ok = f->C_InitToken(0, pin(so_pin), sizeof so_pin - 1, label) == CKR_OK &&
                    f->C_OpenSession(0, rw, nullptr, nullptr, &so) == CKR_OK &&
                    f->C_Login(so, CKU_SO, pin(so_pin), sizeof so_pin - 1) == CKR_OK &&
                    f->C_InitPIN(so, pin(user_pin), sizeof user_pin - 1) == CKR_OK &&
                    f->C_CloseSession(so) == CKR_OK &&
                    f->C_OpenSession(0, rw, nullptr, nullptr, &user) == CKR_OK &&
                    f->C_Login(user, CKU_USER, pin(user_pin), sizeof user_pin - 1) == CKR_OK;
    if (!ok) std::fprintf(stderr, "user_session: token set-up failed\n");
    return ok ? user : CK_INVALID_HANDLE;
}

}  // namespace craton::abitest::selftest
