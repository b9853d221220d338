// The daemon closes the sessions of an idle client. Run under with_daemon.sh with
// DAEMON_EXTRA_CONFIG="idle_timeout_seconds = 1": opens a session, stays silent until the
// daemon logs that it closed idle sessions (bounded wait; any call from us would reset the
// idle clock), then checks that the session is gone. Exit status 0 on success.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <thread>

#include "remote_fixture.h"

namespace {

bool log_mentions(const char* path, const char* text) {
    std::ifstream in(path);
    std::stringstream all;
    all << in.rdbuf();
    return all.str().find(text) != std::string::npos;
}

}  // namespace

int main() {
    const char* log = std::getenv("DAEMON_LOG");
    if (log == nullptr) {
        std::fprintf(stderr, "run through with_daemon.sh\n");
        return 2;
    }
    craton::test::RemoteModule module;
    CK_FUNCTION_LIST_3_0* f = module.fn();
    if (f == nullptr || f->C_Initialize(nullptr) != CKR_OK) {
        std::fprintf(stderr, "cannot initialise the remote module\n");
        return 1;
    }
    CK_SLOT_ID slot = 0;
    CK_ULONG count = 1;
    CK_SESSION_HANDLE session = CK_INVALID_HANDLE;
    if (f->C_GetSlotList(CK_TRUE, &slot, &count) != CKR_OK ||
        f->C_OpenSession(slot, CKF_SERIAL_SESSION, nullptr, nullptr, &session) != CKR_OK) {
        std::fprintf(stderr, "cannot open a session\n");
        return 1;
    }
    if (log_mentions(log, "event=idle_sessions_closed")) {
        std::fprintf(stderr, "idle sessions were closed before we went idle\n");
        return 1;
    }
    bool closed = false;
    for (int i = 0; i < 600 && !closed; ++i) {  // up to a minute: a bound, not an expectation
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        closed = log_mentions(log, "event=idle_sessions_closed");
    }
    if (!closed) {
        std::fprintf(stderr, "the daemon never closed the idle session\n");
        return 1;
    }
    CK_SESSION_INFO info{};
    const CK_RV rv = f->C_GetSessionInfo(session, &info);
    std::printf("session after idle timeout: rv %lu\n", rv);
    f->C_Finalize(nullptr);
    return rv == CKR_SESSION_HANDLE_INVALID ? 0 : 1;
}
