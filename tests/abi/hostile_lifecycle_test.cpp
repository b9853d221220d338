// Every function outside the library's life: before C_Initialize, after C_Finalize, and in a
// forked child that has not called C_Initialize. Each must answer
// CKR_CRYPTOKI_NOT_INITIALIZED, except the four the specification lets an application call
// first (C_Initialize, C_GetFunctionList, C_GetInterfaceList, C_GetInterface).
#include <sys/wait.h>

#include <sstream>

#include "abi/hostile_calls.h"
#include "abi/hostile_fixture.h"

namespace craton::abitest {
namespace {

// Calls every function with plausible arguments (the given session handle, zero lengths,
// pointers to zeroed memory) and lists those that do not answer NOT_INITIALIZED.
std::string not_initialized_violations(CK_SESSION_HANDLE session) {
    std::vector<CK_ULONG> scratch(8192);
    std::ostringstream bad;
    for (const auto& e : every_entry_point()) {
        if (callable_without_initialize(e.name)) continue;
        for (const bool with_pointers : {true, false}) {
            // C_Finalize's one argument is reserved and must be NULL: with a pointer there,
            // CKR_ARGUMENTS_BAD is as correct as NOT_INITIALIZED, so only NULL is checked.
            if (with_pointers && e.name == "C_Finalize") continue;
            std::fill(scratch.begin(), scratch.end(), 0);
            CallPlan plan;
            plan.first = takes_slot_not_session(e.name) ? 0 : session;
            plan.rest = 0;
            plan.scratch = with_pointers ? scratch.data() : nullptr;
            const CK_RV rv = e.call(plan);
            if (rv != CKR_CRYPTOKI_NOT_INITIALIZED) {
                bad << e.name << (with_pointers ? "" : " (NULL pointers)") << " = "
                    << rv_name(rv) << "\n";
            }
        }
    }
    return bad.str();
}

class HostileLifecycleTest : public HostileTest {};

TEST_F(HostileLifecycleTest, EveryFunctionAfterFinalize) {
    ASSERT_OK(p11()->C_Finalize(nullptr));
    EXPECT_EQ(not_initialized_violations(s_), "");
    // A new life starts clean: the old handles mean nothing, and the in-memory token is new.
    ASSERT_OK(p11()->C_Initialize(nullptr));
    CK_SESSION_INFO info;
    EXPECT_CKR(CKR_SESSION_HANDLE_INVALID, p11()->C_GetSessionInfo(s_, &info));
    EXPECT_EQ(token_info(slot_).flags & CKF_TOKEN_INITIALIZED, 0u);
    ready_token();
    const CK_SESSION_HANDLE s = open(slot_, true);
    login_user(s);
    aes_ = make_aes_key(s);
    obj_ = create_data(s, "target");
    expect_session_works(s);
}

TEST_F(HostileLifecycleTest, FinalizeTwiceAndInitializeTwice) {
    EXPECT_CKR(CKR_CRYPTOKI_ALREADY_INITIALIZED, p11()->C_Initialize(nullptr));
    expect_session_works(s_);
    ASSERT_OK(p11()->C_Finalize(nullptr));
    EXPECT_CKR(CKR_CRYPTOKI_NOT_INITIALIZED, p11()->C_Finalize(nullptr));
}

TEST_F(HostileLifecycleTest, EveryFunctionInAForkedChild) {
    // The child inherits the parent's memory, sessions included, but PKCS#11 says it must call
    // C_Initialize itself before anything else works. It reports violations on stderr and by
    // its exit status.
    std::fflush(nullptr);
    const pid_t pid = fork();
    ASSERT_NE(pid, -1);
    if (pid == 0) {
        const std::string bad = not_initialized_violations(s_);
        if (!bad.empty()) std::fprintf(stderr, "in the child:\n%s", bad.c_str());
        // And the child can start its own life.
        int status = bad.empty() ? 0 : 1;
        if (p11()->C_Initialize(nullptr) != CKR_OK) status |= 2;
        CK_SESSION_INFO info;
        if (p11()->C_GetSessionInfo(s_, &info) != CKR_SESSION_HANDLE_INVALID) status |= 4;
        if (p11()->C_Finalize(nullptr) != CKR_OK) status |= 8;
        std::fflush(nullptr);
        _exit(status);
    }
    int status = 0;
    ASSERT_EQ(waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 0);
    // The parent's session is untouched by whatever the child did.
    expect_session_works(s_);
}

class HostileBeforeInitializeTest : public ModuleTest {
  protected:
    bool auto_initialize() const override { return false; }
};

TEST_F(HostileBeforeInitializeTest, EveryFunctionBeforeInitialize) {
    EXPECT_EQ(not_initialized_violations(1), "");
}

}  // namespace
}  // namespace craton::abitest
