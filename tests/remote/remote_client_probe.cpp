// A remote-module client whose life the test scripts control (killed_client.sh, tls_reload.sh):
//
//   hold [PIN]      open a session (on the first slot; logged in as the user with PIN, when
//                   given, printing "login <rv>"), print "session <handle>", start a digest and
//                   feed it forever, printing "busy" once the first update has returned (to be
//                   killed)
//   session-wait PATH  open a session, print "session <handle>", wait until PATH exists
//                   (bounded), then print "after <rv>": the first failure of C_GetSessionInfo
//                   and a SHA-256 digest on that session, or 0; exit 0 only if both succeeded
//   check HANDLE    print "session_info <rv>" for HANDLE, then exit WITHOUT C_Finalize (which
//                   would close the client's sessions and spoil what the script observes)
//   reconnect PATH  one call, print "connected", wait until PATH exists (bounded), then try to
//                   open a session for up to 30 s (the daemon may be restarting), print
//                   "session <handle>" and wait to be killed (bounded: 2 minutes)
//   wait-file PATH  one call, print "connected", wait until PATH exists (bounded), call again
//                   on the same connection; exit 0 only if both calls returned CKR_OK
//   login PIN       open a session on the first slot, print "login <rv>" for a user login
//
// The client identity is whatever CRATON_HSM_REMOTE_CONFIG names.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>

#include "remote_fixture.h"

namespace {

int hold(CK_FUNCTION_LIST_3_0* f, const char* pin) {
    // Several slots: initialising a token adds a fresh slot after it; the first is the token.
    CK_SLOT_ID slots[8];
    CK_ULONG count = 8;
    CK_SESSION_HANDLE session = CK_INVALID_HANDLE;
    if (f->C_GetSlotList(CK_TRUE, slots, &count) != CKR_OK || count == 0 ||
        f->C_OpenSession(slots[0], CKF_SERIAL_SESSION, nullptr, nullptr, &session) != CKR_OK) {
        return 1;
    }
    if (pin != nullptr) {
        const CK_RV rv =
            f->C_Login(session, CKU_USER, craton::test::pin(pin), craton::test::pin_len(pin));
        std::printf("login %lu\n", rv);
        if (rv != CKR_OK) return 1;
    }
    std::printf("session %lu\n", session);
    std::fflush(stdout);
    CK_MECHANISM sha256{CKM_SHA256, nullptr, 0};
    if (f->C_DigestInit(session, &sha256) != CKR_OK) return 1;
    CK_BYTE chunk[4096] = {};
    for (bool first = true;; first = false) {
        if (f->C_DigestUpdate(session, chunk, sizeof chunk) != CKR_OK) return 1;
        if (first) {
            std::printf("busy\n");
            std::fflush(stdout);
        }
    }
}

int session_wait(CK_FUNCTION_LIST_3_0* f, const char* path) {
    CK_SLOT_ID slots[8];
    CK_ULONG count = 8;
    CK_SESSION_HANDLE session = CK_INVALID_HANDLE;
    if (f->C_GetSlotList(CK_TRUE, slots, &count) != CKR_OK || count == 0 ||
        f->C_OpenSession(slots[0], CKF_SERIAL_SESSION, nullptr, nullptr, &session) != CKR_OK) {
        return 1;
    }
    std::printf("session %lu\n", session);
    std::fflush(stdout);
    for (int i = 0; i < 1200 && !std::filesystem::exists(path); ++i) {  // a bound of 2 minutes
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    CK_SESSION_INFO info{};
    CK_RV rv = f->C_GetSessionInfo(session, &info);
    if (rv == CKR_OK) {
        CK_MECHANISM sha256{CKM_SHA256, nullptr, 0};
        CK_BYTE data[3] = {'a', 'b', 'c'};
        CK_BYTE digest[32];
        CK_ULONG digest_len = sizeof digest;
        rv = f->C_DigestInit(session, &sha256);
        if (rv == CKR_OK) rv = f->C_Digest(session, data, sizeof data, digest, &digest_len);
    }
    std::printf("after %lu\n", rv);
    std::fflush(stdout);
    f->C_Finalize(nullptr);
    return rv == CKR_OK ? 0 : 1;
}

int reconnect(CK_FUNCTION_LIST_3_0* f, const char* path) {
    CK_INFO info{};
    if (f->C_GetInfo(&info) != CKR_OK) return 1;
    std::printf("connected\n");
    std::fflush(stdout);
    for (int i = 0; i < 1200 && !std::filesystem::exists(path); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    CK_RV rv = CKR_DEVICE_REMOVED;
    CK_SESSION_HANDLE session = CK_INVALID_HANDLE;
    for (int i = 0; i < 300 && rv != CKR_OK; ++i) {
        CK_SLOT_ID slots[8];
        CK_ULONG count = 8;
        rv = f->C_GetSlotList(CK_TRUE, slots, &count);
        if (rv == CKR_OK && count == 0) rv = CKR_TOKEN_NOT_PRESENT;
        if (rv == CKR_OK)
            rv = f->C_OpenSession(slots[0], CKF_SERIAL_SESSION, nullptr, nullptr, &session);
        if (rv != CKR_OK) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    if (rv != CKR_OK) {
        std::printf("open_session %lu\n", rv);
        return 1;
    }
    std::printf("session %lu\n", session);
    std::fflush(stdout);
    std::this_thread::sleep_for(std::chrono::minutes(2));
    return 1;
}

int wait_file(CK_FUNCTION_LIST_3_0* f, const char* path) {
    CK_INFO info{};
    if (f->C_GetInfo(&info) != CKR_OK) return 1;
    std::printf("connected\n");
    std::fflush(stdout);
    for (int i = 0; i < 1200 && !std::filesystem::exists(path); ++i) {  // a bound of 2 minutes
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    const CK_RV rv = f->C_GetInfo(&info);
    std::printf("after %lu\n", rv);
    f->C_Finalize(nullptr);
    return rv == CKR_OK ? 0 : 1;
}

int login(CK_FUNCTION_LIST_3_0* f, const char* pin) {
    // The first slot: initialising a token adds a fresh slot after it, so ask for several.
    CK_SLOT_ID slots[8];
    CK_ULONG count = 8;
    CK_SESSION_HANDLE session = CK_INVALID_HANDLE;
    CK_RV rv = f->C_GetSlotList(CK_TRUE, slots, &count);
    if (rv == CKR_OK && count == 0) rv = CKR_TOKEN_NOT_PRESENT;
    if (rv == CKR_OK)
        rv = f->C_OpenSession(slots[0], CKF_SERIAL_SESSION, nullptr, nullptr, &session);
    if (rv != CKR_OK) {
        std::printf("open_session %lu\n", rv);
        return 1;
    }
    std::printf("login %lu\n",
                f->C_Login(session, CKU_USER, craton::test::pin(pin), craton::test::pin_len(pin)));
    f->C_Finalize(nullptr);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr,
                     "usage: %s hold [PIN] | check HANDLE | session-wait PATH | reconnect PATH | "
                     "wait-file PATH | "
                     "login PIN\n",
                     argv[0]);
        return 2;
    }
    const std::string mode = argv[1];
    craton::test::RemoteModule module;
    CK_FUNCTION_LIST_3_0* f = module.fn();
    if (f == nullptr) return 2;
    if (const CK_RV rv = f->C_Initialize(nullptr); rv != CKR_OK) {
        std::printf("initialize %lu\n", rv);
        return 1;
    }
    if (mode == "hold") return hold(f, argc >= 3 ? argv[2] : nullptr);
    if (mode == "session-wait" && argc == 3) return session_wait(f, argv[2]);
    if (mode == "reconnect" && argc == 3) return reconnect(f, argv[2]);
    if (mode == "check" && argc == 3) {
        CK_SESSION_INFO info{};
        std::printf("session_info %lu\n",
                    f->C_GetSessionInfo(std::strtoul(argv[2], nullptr, 10), &info));
        std::fflush(stdout);
        std::_Exit(0);
    }
    if (mode == "wait-file" && argc == 3) return wait_file(f, argv[2]);
    if (mode == "login" && argc == 3) return login(f, argv[2]);
    return 2;
}
