// Crash safety of the persistent store: a writer process is killed with SIGKILL at random
// points while it creates private token objects; afterwards the store must open, every object
// whose C_CreateObject had returned CKR_OK must be present and decrypt, and nothing half
// written may be visible. Repeated 200 times against one token directory.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <set>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "support/p11_module.h"

namespace craton::test {
namespace {

constexpr const char* kSoPin = "so-pin-0000";
constexpr const char* kUserPin = "user-pin-0000";

CK_UTF8CHAR_PTR pin(const char* p) { return reinterpret_cast<CK_UTF8CHAR_PTR>(const_cast<char*>(p)); }

struct Token {
    P11Module module;
    CK_SESSION_HANDLE session = CK_INVALID_HANDLE;
    CK_FUNCTION_LIST_3_0* fn() { return module.fn(); }
    bool open_user() {
        if (fn()->C_Initialize(nullptr) != CKR_OK) return false;
        if (fn()->C_OpenSession(0, CKF_SERIAL_SESSION | CKF_RW_SESSION, nullptr, nullptr, &session) != CKR_OK) return false;
        return fn()->C_Login(session, CKU_USER, pin(kUserPin), std::strlen(kUserPin)) == CKR_OK;
    }
};

void write_config(const std::string& dir) {
    std::ofstream(dir + "/craton_hsm.toml") << "[security]\npbkdf2_iterations = 1000\nlogin_backoff_base_ms = 0\n"
                                               "[storage]\nmode = \"persistent\"\npath = \""
                                            << dir << "/tokens\"\n";
    setenv("CRATON_HSM_CONFIG", (dir + "/craton_hsm.toml").c_str(), 1);
}

// Child: initialise the token (first run only).
int init_token() {
    Token t;
    if (t.fn()->C_Initialize(nullptr) != CKR_OK) return 1;
    CK_UTF8CHAR label[32];
    std::memset(label, ' ', sizeof label);
    if (t.fn()->C_InitToken(0, pin(kSoPin), std::strlen(kSoPin), label) != CKR_OK) return 2;
    CK_SESSION_HANDLE s;
    t.fn()->C_OpenSession(0, CKF_SERIAL_SESSION | CKF_RW_SESSION, nullptr, nullptr, &s);
    if (t.fn()->C_Login(s, CKU_SO, pin(kSoPin), std::strlen(kSoPin)) != CKR_OK) return 3;
    if (t.fn()->C_InitPIN(s, pin(kUserPin), std::strlen(kUserPin)) != CKR_OK) return 4;
    t.fn()->C_Finalize(nullptr);
    return 0;
}

// Child: create objects forever, reporting each acknowledged label on `fd`.
[[noreturn]] void writer(int fd, int round) {
    Token t;
    if (!t.open_user()) _exit(10);
    if (write(fd, "ready\n", 6) != 6) _exit(12);
    CK_OBJECT_CLASS cls = CKO_DATA;
    CK_BBOOL yes = CK_TRUE;
    for (int i = 0;; ++i) {
        const std::string label = "r" + std::to_string(round) + "-" + std::to_string(i);
        std::string value(64 + (i % 200), static_cast<char>('a' + i % 26));
        CK_ATTRIBUTE tmpl[] = {{CKA_CLASS, &cls, sizeof cls},
                               {CKA_TOKEN, &yes, sizeof yes},
                               {CKA_PRIVATE, &yes, sizeof yes},
                               {CKA_LABEL, const_cast<char*>(label.data()), label.size()},
                               {CKA_VALUE, value.data(), value.size()}};
        CK_OBJECT_HANDLE h;
        if (t.fn()->C_CreateObject(t.session, tmpl, 5, &h) != CKR_OK) _exit(11);
        const std::string line = label + "\n";
        if (write(fd, line.data(), line.size()) != static_cast<ssize_t>(line.size())) _exit(12);
    }
}

// Child: checks that every label in `expected` is present with the right value length.
int verify(const std::set<std::string>& expected, std::size_t* found_out) {
    Token t;
    if (!t.open_user()) return 20;
    CK_OBJECT_CLASS cls = CKO_DATA;
    CK_ATTRIBUTE find_tmpl[] = {{CKA_CLASS, &cls, sizeof cls}};
    if (t.fn()->C_FindObjectsInit(t.session, find_tmpl, 1) != CKR_OK) return 21;
    std::vector<CK_OBJECT_HANDLE> handles(1 << 16);
    CK_ULONG n = 0;
    t.fn()->C_FindObjects(t.session, handles.data(), handles.size(), &n);
    t.fn()->C_FindObjectsFinal(t.session);
    std::set<std::string> present;
    for (CK_ULONG i = 0; i < n; ++i) {
        char label[64] = {};
        char value[512];
        CK_ATTRIBUTE attrs[] = {{CKA_LABEL, label, sizeof label - 1}, {CKA_VALUE, value, sizeof value}};
        if (t.fn()->C_GetAttributeValue(t.session, handles[i], attrs, 2) != CKR_OK) return 22;
        const std::string l(label, attrs[0].ulValueLen);
        // A record is whole or absent: its value length follows from its sequence number.
        const auto dash = l.rfind('-');
        const int seq = std::stoi(l.substr(dash + 1));
        if (attrs[1].ulValueLen != static_cast<CK_ULONG>(64 + seq % 200)) return 23;
        present.insert(l);
    }
    for (const auto& l : expected) {
        if (present.count(l) == 0) return 24;
    }
    *found_out = present.size();
    t.fn()->C_Finalize(nullptr);
    return 0;
}

int run_child(const std::function<int()>& fn) {
    const pid_t pid = fork();
    if (pid == 0) _exit(fn());
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 100;
}

TEST(StoreCrashSafety, SigkillDuringWritesLosesNothingAcknowledged) {
    char dir_template[] = "/tmp/craton-crash-XXXXXX";
    const std::string dir = mkdtemp(dir_template);
    write_config(dir);
    ASSERT_EQ(run_child(init_token), 0);

    std::mt19937 rng(12345);
    std::set<std::string> acknowledged;
    constexpr int kRounds = 200;
    for (int round = 0; round < kRounds; ++round) {
        int fds[2];
        ASSERT_EQ(pipe(fds), 0);
        const pid_t pid = fork();
        if (pid == 0) {
            close(fds[0]);
            writer(fds[1], round);
        }
        close(fds[1]);
        // Wait until the writer is logged in, then kill it at a random point of its writes.
        std::string buffer;
        char chunk[4096];
        ssize_t got;
        while (buffer.find("ready\n") == std::string::npos &&
               (got = read(fds[0], chunk, sizeof chunk)) > 0) {
            buffer.append(chunk, got);
        }
        std::this_thread::sleep_for(std::chrono::microseconds(rng() % 40000));
        kill(pid, SIGKILL);
        waitpid(pid, nullptr, 0);
        // Everything the writer reported was acknowledged by C_CreateObject before the kill.
        while ((got = read(fds[0], chunk, sizeof chunk)) > 0) buffer.append(chunk, got);
        close(fds[0]);
        std::size_t start = 0;
        for (std::size_t nl; (nl = buffer.find('\n', start)) != std::string::npos; start = nl + 1) {
            const std::string line = buffer.substr(start, nl - start);
            if (line != "ready") acknowledged.insert(line);
        }
        std::size_t found = 0;
        const int rc = run_child([&] { return verify(acknowledged, &found); });
        ASSERT_EQ(rc, 0) << "round " << round << ": store check failed (code " << rc << ")";
    }
    // Commits are fsync'ed, so a writer manages only a few per round before the kill; what
    // matters is that kills landed during writes and every acknowledged object survived.
    EXPECT_GE(acknowledged.size(), static_cast<std::size_t>(50));
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace craton::test
