// Library state: C_Initialize / C_Finalize argument rules, application mutex callbacks, fork,
// C_GetInfo, and the function lists and interfaces (PKCS#11 3.0 sections 5.4 and 5.5).
#include <sys/wait.h>

#include <atomic>
#include <cstring>
#include <mutex>
#include <set>

#include "abi/module_fixture.h"

namespace craton::abitest {
namespace {

// These tests drive C_Initialize themselves.
class InitTest : public ModuleTest {
  protected:
    bool auto_initialize() const override { return false; }
};

// ---------------------------------------------------------------------------------------------
// Application mutex callbacks that count their use.

struct MutexCounters {
    std::atomic<int> created{0};
    std::atomic<int> destroyed{0};
    std::atomic<int> locked{0};
    std::atomic<int> unlocked{0};
};
MutexCounters g_mutex;

CK_RV count_create(CK_VOID_PTR_PTR out) {
    if (out == nullptr) return CKR_ARGUMENTS_BAD;
    *out = new std::mutex;
    ++g_mutex.created;
    return CKR_OK;
}
CK_RV count_destroy(CK_VOID_PTR m) {
    delete static_cast<std::mutex*>(m);
    ++g_mutex.destroyed;
    return CKR_OK;
}
CK_RV count_lock(CK_VOID_PTR m) {
    static_cast<std::mutex*>(m)->lock();
    ++g_mutex.locked;
    return CKR_OK;
}
CK_RV count_unlock(CK_VOID_PTR m) {
    ++g_mutex.unlocked;
    static_cast<std::mutex*>(m)->unlock();
    return CKR_OK;
}

CK_C_INITIALIZE_ARGS counting_args(CK_FLAGS flags) {
    CK_C_INITIALIZE_ARGS args{};
    args.CreateMutex = count_create;
    args.DestroyMutex = count_destroy;
    args.LockMutex = count_lock;
    args.UnlockMutex = count_unlock;
    args.flags = flags;
    args.pReserved = nullptr;
    return args;
}

bool initialized() {
    CK_INFO info;
    return Module::get().v3()->C_GetInfo(&info) == CKR_OK;
}

// ---------------------------------------------------------------------------------------------
// Before C_Initialize.

TEST_F(InitTest, CallsBeforeInitializeAreRefused) {
    CK_INFO info;
    EXPECT_CKR(CKR_CRYPTOKI_NOT_INITIALIZED, p11()->C_GetInfo(&info));
    CK_ULONG count = 0;
    EXPECT_CKR(CKR_CRYPTOKI_NOT_INITIALIZED, p11()->C_GetSlotList(CK_FALSE, nullptr, &count));
    CK_SESSION_HANDLE s;
    EXPECT_CKR(CKR_CRYPTOKI_NOT_INITIALIZED,
               p11()->C_OpenSession(0, CKF_SERIAL_SESSION, nullptr, nullptr, &s));
    EXPECT_CKR(CKR_CRYPTOKI_NOT_INITIALIZED, p11()->C_CloseAllSessions(0));
    EXPECT_CKR(CKR_CRYPTOKI_NOT_INITIALIZED, p11()->C_Finalize(nullptr));
}

TEST_F(InitTest, FunctionListAndInterfacesNeedNoInitialize) {
    // C_GetFunctionList / C_GetInterfaceList / C_GetInterface are how an application finds
    // C_Initialize in the first place.
    CK_FUNCTION_LIST* list = nullptr;
    EXPECT_OK(Module::get().v2()->C_GetFunctionList(&list));
    EXPECT_NE(list, nullptr);
    CK_ULONG count = 0;
    EXPECT_OK(p11()->C_GetInterfaceList(nullptr, &count));
    CK_INTERFACE* iface = nullptr;
    EXPECT_OK(p11()->C_GetInterface(nullptr, nullptr, &iface, 0));
}

// ---------------------------------------------------------------------------------------------
// C_Initialize arguments.

TEST_F(InitTest, NullArgumentsInitialise) {
    EXPECT_OK(p11()->C_Initialize(nullptr));
    EXPECT_TRUE(initialized());
}

TEST_F(InitTest, ReservedMustBeNull) {
    CK_C_INITIALIZE_ARGS args{};
    int dummy = 0;
    args.pReserved = &dummy;
    EXPECT_CKR(CKR_ARGUMENTS_BAD, p11()->C_Initialize(&args));
    EXPECT_FALSE(initialized());
    args.flags = CKF_OS_LOCKING_OK;
    EXPECT_CKR(CKR_ARGUMENTS_BAD, p11()->C_Initialize(&args));
    EXPECT_FALSE(initialized());
}

TEST_F(InitTest, MutexCallbacksAreAllOrNothing) {
    // Every proper, non-empty subset of the four callbacks is refused (spec 5.4, C_Initialize).
    for (unsigned mask = 1; mask < 15; ++mask) {
        CK_C_INITIALIZE_ARGS args = counting_args(0);
        if (!(mask & 1)) args.CreateMutex = nullptr;
        if (!(mask & 2)) args.DestroyMutex = nullptr;
        if (!(mask & 4)) args.LockMutex = nullptr;
        if (!(mask & 8)) args.UnlockMutex = nullptr;
        EXPECT_CKR(CKR_ARGUMENTS_BAD, p11()->C_Initialize(&args)) << "callback mask " << mask;
        args.flags = CKF_OS_LOCKING_OK;
        EXPECT_CKR(CKR_ARGUMENTS_BAD, p11()->C_Initialize(&args)) << "callback mask " << mask;
        EXPECT_FALSE(initialized());
    }
}

TEST_F(InitTest, OsLockingWithoutCallbacks) {
    CK_C_INITIALIZE_ARGS args{};
    args.flags = CKF_OS_LOCKING_OK;
    EXPECT_OK(p11()->C_Initialize(&args));
    EXPECT_TRUE(initialized());
}

TEST_F(InitTest, CantCreateThreadsIsAccepted) {
    // The module never starts threads of its own, so it can honour this flag.
    CK_C_INITIALIZE_ARGS args{};
    args.flags = CKF_LIBRARY_CANT_CREATE_OS_THREADS | CKF_OS_LOCKING_OK;
    EXPECT_OK(p11()->C_Initialize(&args));
    EXPECT_TRUE(initialized());
}

TEST_F(InitTest, ApplicationMutexesAreUsedWithoutOsLocking) {
    // Callbacks without CKF_OS_LOCKING_OK: the library must use the application's primitives.
    g_mutex.created = g_mutex.destroyed = g_mutex.locked = g_mutex.unlocked = 0;
    CK_C_INITIALIZE_ARGS args = counting_args(0);
    ASSERT_OK(p11()->C_Initialize(&args));
    EXPECT_GE(g_mutex.created.load(), 1);

    const int locked_before = g_mutex.locked.load();
    CK_INFO info;
    EXPECT_OK(p11()->C_GetInfo(&info));
    CK_ULONG count = 0;
    EXPECT_OK(p11()->C_GetSlotList(CK_FALSE, nullptr, &count));
    EXPECT_GT(g_mutex.locked.load(), locked_before);
    EXPECT_EQ(g_mutex.locked.load(), g_mutex.unlocked.load());

    ASSERT_OK(p11()->C_Finalize(nullptr));
    EXPECT_EQ(g_mutex.created.load(), g_mutex.destroyed.load());
    EXPECT_EQ(g_mutex.locked.load(), g_mutex.unlocked.load());
}

TEST_F(InitTest, CallbacksWithOsLockingWork) {
    // With both, the library may use either; whichever it uses must balance.
    g_mutex.created = g_mutex.destroyed = g_mutex.locked = g_mutex.unlocked = 0;
    CK_C_INITIALIZE_ARGS args = counting_args(CKF_OS_LOCKING_OK);
    ASSERT_OK(p11()->C_Initialize(&args));
    CK_INFO info;
    EXPECT_OK(p11()->C_GetInfo(&info));
    ASSERT_OK(p11()->C_Finalize(nullptr));
    EXPECT_EQ(g_mutex.created.load(), g_mutex.destroyed.load());
    EXPECT_EQ(g_mutex.locked.load(), g_mutex.unlocked.load());
}

TEST_F(InitTest, SecondInitializeIsRefusedAndHarmless) {
    ASSERT_OK(p11()->C_Initialize(nullptr));
    init_token(0);
    EXPECT_CKR(CKR_CRYPTOKI_ALREADY_INITIALIZED, p11()->C_Initialize(nullptr));
    // The refused call did not reset anything.
    EXPECT_TRUE(token_info(0).flags & CKF_TOKEN_INITIALIZED);
}

// ---------------------------------------------------------------------------------------------
// C_Finalize.

TEST_F(InitTest, FinalizeReservedMustBeNull) {
    ASSERT_OK(p11()->C_Initialize(nullptr));
    int dummy = 0;
    EXPECT_CKR(CKR_ARGUMENTS_BAD, p11()->C_Finalize(&dummy));
    EXPECT_TRUE(initialized());
    EXPECT_OK(p11()->C_Finalize(nullptr));
    EXPECT_FALSE(initialized());
    EXPECT_CKR(CKR_CRYPTOKI_NOT_INITIALIZED, p11()->C_Finalize(nullptr));
}

TEST_F(InitTest, FinalizeClosesSessionsAndReinitialiseStartsClean) {
    ASSERT_OK(p11()->C_Initialize(nullptr));
    init_token(0);
    const CK_SESSION_HANDLE s = open(0, true);
    ASSERT_OK(p11()->C_Finalize(nullptr));
    ASSERT_OK(p11()->C_Initialize(nullptr));
    // The in-memory store keeps nothing across finalisation, and old handles are gone.
    CK_SESSION_INFO info;
    EXPECT_CKR(CKR_SESSION_HANDLE_INVALID, p11()->C_GetSessionInfo(s, &info));
    EXPECT_FALSE(token_info(0).flags & CKF_TOKEN_INITIALIZED);
}

TEST_F(InitTest, BadConfigurationFailsInitialiseCleanly) {
    // A configuration error is reported (and logged), never a crash or a half-initialised module.
    char tmpl[] = "/tmp/craton-abi-bad-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    const std::string path = std::string(tmpl) + "/bad.toml";
    std::ofstream(path)
        << "[security]\npbkdf2_iterations = \"many\"\n[logging]\nlevel = \"error\"\n";
    setenv("CRATON_HSM_CONFIG", path.c_str(), 1);
    EXPECT_CKR(CKR_GENERAL_ERROR, p11()->C_Initialize(nullptr));
    EXPECT_FALSE(initialized());
    std::filesystem::remove_all(tmpl);
}

// ---------------------------------------------------------------------------------------------
// fork(): a child that did not call C_Initialize must see the library as not initialised
// (PKCS#11 3.0 section 6.7.1), and may initialise its own copy.

// Runs `child` in a forked process; its return value is the exit status.
template <class F>
int run_in_child(F&& child) {
    const pid_t pid = fork();
    if (pid == 0) _exit(child());
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 100 + WTERMSIG(status);
}

TEST_F(InitTest, ForkedChildIsNotInitialised) {
    ASSERT_OK(p11()->C_Initialize(nullptr));
    init_token(0);
    const CK_SESSION_HANDLE parent_session = open(0, true);
    const int status = run_in_child([&] {
        CK_INFO info;
        if (p11()->C_GetInfo(&info) != CKR_CRYPTOKI_NOT_INITIALIZED) return 1;
        CK_SESSION_INFO si;
        if (p11()->C_GetSessionInfo(parent_session, &si) != CKR_CRYPTOKI_NOT_INITIALIZED) {
            return 2;
        }
        if (p11()->C_Finalize(nullptr) != CKR_CRYPTOKI_NOT_INITIALIZED) return 3;
        return 0;
    });
    EXPECT_EQ(status, 0);
    // The parent is untouched.
    CK_SESSION_INFO si;
    EXPECT_OK(p11()->C_GetSessionInfo(parent_session, &si));
}

TEST_F(InitTest, ForkedChildCanInitialiseAndWork) {
    ASSERT_OK(p11()->C_Initialize(nullptr));
    init_token(0);
    const int status = run_in_child([&] {
        if (p11()->C_Initialize(nullptr) != CKR_OK) return 1;
        CK_SESSION_HANDLE s;
        if (p11()->C_OpenSession(0, CKF_SERIAL_SESSION, nullptr, nullptr, &s) != CKR_OK) return 2;
        CK_MECHANISM mech{CKM_SHA256, nullptr, 0};
        if (p11()->C_DigestInit(s, &mech) != CKR_OK) return 3;
        CK_BYTE data[] = {'a', 'b', 'c'};
        CK_BYTE out[32];
        CK_ULONG out_len = sizeof out;
        if (p11()->C_Digest(s, data, sizeof data, out, &out_len) != CKR_OK) return 4;
        if (out_len != 32 || out[0] != 0xba || out[31] != 0xad) return 5;
        if (p11()->C_Finalize(nullptr) != CKR_OK) return 6;
        return 0;
    });
    EXPECT_EQ(status, 0);
    EXPECT_TRUE(initialized());
}

// ---------------------------------------------------------------------------------------------
// C_GetInfo.

bool blank_padded(const CK_UTF8CHAR* p, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) {
        if (p[i] == 0) return false;  // fixed-length fields are padded with blanks, never NUL
    }
    return n == 0 || p[0] != ' ';
}

TEST_F(InitTest, GetInfo) {
    ASSERT_OK(p11()->C_Initialize(nullptr));
    CK_INFO info;
    std::memset(&info, 0, sizeof info);
    ASSERT_OK(p11()->C_GetInfo(&info));
    EXPECT_EQ(info.cryptokiVersion.major, 3);
    EXPECT_EQ(info.cryptokiVersion.minor, 0);
    EXPECT_TRUE(blank_padded(info.manufacturerID, sizeof info.manufacturerID));
    EXPECT_TRUE(blank_padded(info.libraryDescription, sizeof info.libraryDescription));
    EXPECT_EQ(info.flags, 0u);  // bits reserved for future versions must be zero
    EXPECT_CKR(CKR_ARGUMENTS_BAD, p11()->C_GetInfo(nullptr));
}

// ---------------------------------------------------------------------------------------------
// Function lists and interfaces.

std::string name_of(const CK_INTERFACE& iface) {
    return reinterpret_cast<const char*>(iface.pInterfaceName);
}
CK_VERSION version_of(const CK_INTERFACE& iface) {
    return *static_cast<const CK_VERSION*>(iface.pFunctionList);
}

TEST_F(InitTest, FunctionListIsTheV2Table) {
    CK_FUNCTION_LIST* list = nullptr;
    ASSERT_OK(Module::get().v2()->C_GetFunctionList(&list));
    // CK_FUNCTION_LIST has the 2.x layout; claiming 3.x would invite callers to read the
    // 3.0 entries past its end.
    EXPECT_EQ(list->version.major, 2);
    EXPECT_EQ(list->version.minor, 40);
    EXPECT_NE(list->C_Initialize, nullptr);
    EXPECT_NE(list->C_WaitForSlotEvent, nullptr);
    EXPECT_CKR(CKR_ARGUMENTS_BAD, list->C_GetFunctionList(nullptr));
}

TEST_F(InitTest, InterfaceListBufferProtocol) {
    CK_ULONG count = 0;
    ASSERT_OK(p11()->C_GetInterfaceList(nullptr, &count));
    ASSERT_GE(count, 2u);

    std::vector<CK_INTERFACE> list(count);
    CK_ULONG small = count - 1;
    EXPECT_CKR(CKR_BUFFER_TOO_SMALL, p11()->C_GetInterfaceList(list.data(), &small));
    EXPECT_EQ(small, count);

    CK_ULONG big = count + 3;
    list.resize(big);
    ASSERT_OK(p11()->C_GetInterfaceList(list.data(), &big));
    EXPECT_EQ(big, count);

    std::set<std::pair<int, int>> pkcs11_versions;
    for (CK_ULONG i = 0; i < count; ++i) {
        ASSERT_NE(list[i].pInterfaceName, nullptr);
        ASSERT_NE(list[i].pFunctionList, nullptr);
        if (name_of(list[i]) == "PKCS 11") {
            const CK_VERSION v = version_of(list[i]);
            pkcs11_versions.insert({v.major, v.minor});
        }
    }
    EXPECT_TRUE(pkcs11_versions.count({2, 40}));
    EXPECT_TRUE(pkcs11_versions.count({3, 0}));
    EXPECT_CKR(CKR_ARGUMENTS_BAD, p11()->C_GetInterfaceList(list.data(), nullptr));
    EXPECT_CKR(CKR_ARGUMENTS_BAD, p11()->C_GetInterfaceList(nullptr, nullptr));
}

TEST_F(InitTest, GetInterfaceByNameAndVersion) {
    CK_UTF8CHAR name[] = "PKCS 11";
    for (const CK_VERSION wanted : {CK_VERSION{2, 40}, CK_VERSION{3, 0}}) {
        CK_VERSION v = wanted;
        CK_INTERFACE* iface = nullptr;
        ASSERT_OK(p11()->C_GetInterface(name, &v, &iface, 0));
        ASSERT_NE(iface, nullptr);
        EXPECT_EQ(name_of(*iface), "PKCS 11");
        EXPECT_EQ(version_of(*iface).major, wanted.major);
        EXPECT_EQ(version_of(*iface).minor, wanted.minor);
    }
    // The 3.0 table carries the 3.0 additions.
    CK_VERSION v30{3, 0};
    CK_INTERFACE* iface = nullptr;
    ASSERT_OK(p11()->C_GetInterface(name, &v30, &iface, 0));
    auto* f = static_cast<CK_FUNCTION_LIST_3_0*>(iface->pFunctionList);
    EXPECT_NE(f->C_GetInterfaceList, nullptr);
    EXPECT_NE(f->C_GetInterface, nullptr);
    EXPECT_NE(f->C_LoginUser, nullptr);
    EXPECT_NE(f->C_SessionCancel, nullptr);
    EXPECT_NE(f->C_MessageEncryptInit, nullptr);
    EXPECT_NE(f->C_MessageVerifyFinal, nullptr);
    // Through the table, the same function as the exported symbol.
    EXPECT_EQ(reinterpret_cast<void*>(f->C_Initialize),
              reinterpret_cast<void*>(Module::get().symbol<CK_C_Initialize>("C_Initialize")));
}

TEST_F(InitTest, GetInterfaceDefaults) {
    // NULL name and version: the library's default interface, which must be a "PKCS 11" one.
    CK_INTERFACE* iface = nullptr;
    ASSERT_OK(p11()->C_GetInterface(nullptr, nullptr, &iface, 0));
    ASSERT_NE(iface, nullptr);
    EXPECT_EQ(name_of(*iface), "PKCS 11");
    // Name without version: some version of that interface.
    CK_UTF8CHAR name[] = "PKCS 11";
    iface = nullptr;
    ASSERT_OK(p11()->C_GetInterface(name, nullptr, &iface, 0));
    ASSERT_NE(iface, nullptr);
    EXPECT_EQ(name_of(*iface), "PKCS 11");
}

TEST_F(InitTest, GetInterfaceRefusesWhatItLacks) {
    CK_INTERFACE* iface = nullptr;
    CK_UTF8CHAR unknown[] = "Vendor Nonsense";
    EXPECT_NE(p11()->C_GetInterface(unknown, nullptr, &iface, 0), CKR_OK);
    CK_UTF8CHAR name[] = "PKCS 11";
    CK_VERSION v{9, 9};
    EXPECT_NE(p11()->C_GetInterface(name, &v, &iface, 0), CKR_OK);
    // Flags the interface lacks cannot be satisfied (ours are not fork-safe: see above).
    v = {3, 0};
    EXPECT_NE(p11()->C_GetInterface(name, &v, &iface, CKF_INTERFACE_FORK_SAFE), CKR_OK);
    EXPECT_CKR(CKR_ARGUMENTS_BAD, p11()->C_GetInterface(name, &v, nullptr, 0));
}

}  // namespace
}  // namespace craton::abitest
