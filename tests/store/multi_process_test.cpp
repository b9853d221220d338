// Two processes on one persistent token directory see each other's committed objects: a
// process that already has the token open finds an object created later by another process.
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "support/p11_module.h"

namespace craton::test {
namespace {

CK_UTF8CHAR_PTR utf8(const char* p) { return reinterpret_cast<CK_UTF8CHAR_PTR>(const_cast<char*>(p)); }

CK_ULONG count_labelled(CK_FUNCTION_LIST_3_0* f, CK_SESSION_HANDLE s, const std::string& label) {
    CK_ATTRIBUTE tmpl[] = {{CKA_LABEL, const_cast<char*>(label.data()), label.size()}};
    f->C_FindObjectsInit(s, tmpl, 1);
    CK_OBJECT_HANDLE h[8];
    CK_ULONG n = 0;
    f->C_FindObjects(s, h, 8, &n);
    f->C_FindObjectsFinal(s);
    return n;
}

TEST(StoreMultiProcess, ObjectCreatedByAnotherProcessIsFound) {
    char dir_template[] = "/tmp/craton-mp-XXXXXX";
    const std::string dir = mkdtemp(dir_template);
    std::ofstream(dir + "/craton_hsm.toml") << "[security]\npbkdf2_iterations = 1000\n"
                                               "[storage]\nmode = \"persistent\"\npath = \""
                                            << dir << "/tokens\"\n";
    setenv("CRATON_HSM_CONFIG", (dir + "/craton_hsm.toml").c_str(), 1);

    int to_child[2], to_parent[2];
    ASSERT_EQ(pipe(to_child), 0);
    ASSERT_EQ(pipe(to_parent), 0);
    const pid_t pid = fork();
    if (pid == 0) {
        // The second process: waits until the first has the token open, then creates a
        // public token object and reports back.
        char go;
        if (read(to_child[0], &go, 1) != 1) _exit(1);
        P11Module m;
        auto* f = m.fn();
        if (f->C_Initialize(nullptr) != CKR_OK) _exit(2);
        CK_SESSION_HANDLE s;
        if (f->C_OpenSession(0, CKF_SERIAL_SESSION | CKF_RW_SESSION, nullptr, nullptr, &s) != CKR_OK) _exit(3);
        CK_OBJECT_CLASS cls = CKO_DATA;
        CK_BBOOL yes = CK_TRUE, no = CK_FALSE;
        char label[] = "from-the-other-process";
        CK_ATTRIBUTE tmpl[] = {{CKA_CLASS, &cls, sizeof cls},
                               {CKA_TOKEN, &yes, sizeof yes},
                               {CKA_PRIVATE, &no, sizeof no},
                               {CKA_LABEL, label, sizeof label - 1}};
        CK_OBJECT_HANDLE h;
        if (f->C_CreateObject(s, tmpl, 4, &h) != CKR_OK) _exit(4);
        f->C_Finalize(nullptr);
        if (write(to_parent[1], "x", 1) != 1) _exit(5);
        _exit(0);
    }

    P11Module m;
    auto* f = m.fn();
    ASSERT_EQ(f->C_Initialize(nullptr), CKR_OK);
    CK_UTF8CHAR label[32];
    std::memset(label, ' ', sizeof label);
    ASSERT_EQ(f->C_InitToken(0, utf8("so-pin-1234"), 11, label), CKR_OK);
    CK_SESSION_HANDLE s;
    ASSERT_EQ(f->C_OpenSession(0, CKF_SERIAL_SESSION | CKF_RW_SESSION, nullptr, nullptr, &s), CKR_OK);
    EXPECT_EQ(count_labelled(f, s, "from-the-other-process"), 0u);
    ASSERT_EQ(write(to_child[1], "g", 1), 1);
    char done;
    ASSERT_EQ(read(to_parent[0], &done, 1), 1);
    int status = 0;
    waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "child status " << status;
    EXPECT_EQ(count_labelled(f, s, "from-the-other-process"), 1u);
    f->C_Finalize(nullptr);
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace craton::test
