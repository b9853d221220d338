// Client B for the session-isolation test: given a session handle that client A opened, it
// tries to use and close it through its own connection and prints what each call returned,
// one "name rv" line per call. It also opens a session of its own, which must work.
#include <cinttypes>
#include <cstdio>
#include <cstdlib>

#include "remote_fixture.h"

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s SESSION_HANDLE\n", argv[0]);
        return 2;
    }
    const CK_SESSION_HANDLE theirs = std::strtoul(argv[1], nullptr, 10);
    craton::test::RemoteModule module;
    CK_FUNCTION_LIST_3_0* f = module.fn();
    if (f == nullptr) return 2;
    std::printf("initialize %lu\n", f->C_Initialize(nullptr));

    CK_SESSION_INFO info{};
    std::printf("session_info %lu\n", f->C_GetSessionInfo(theirs, &info));
    std::printf("find_init %lu\n", f->C_FindObjectsInit(theirs, nullptr, 0));
    std::printf("logout %lu\n", f->C_Logout(theirs));
    CK_BYTE data[4] = {1, 2, 3, 4};
    CK_BYTE out[512];
    CK_ULONG out_len = sizeof out;
    std::printf("sign %lu\n", f->C_Sign(theirs, data, sizeof data, out, &out_len));
    std::printf("close %lu\n", f->C_CloseSession(theirs));

    CK_SLOT_ID slots[8];
    CK_ULONG count = 8;
    f->C_GetSlotList(CK_TRUE, slots, &count);
    CK_SESSION_HANDLE mine = CK_INVALID_HANDLE;
    std::printf("open_own %lu\n", count == 0 ? CKR_SLOT_ID_INVALID
                                             : f->C_OpenSession(slots[0], CKF_SERIAL_SESSION,
                                                                nullptr, nullptr, &mine));
    std::printf("finalize %lu\n", f->C_Finalize(nullptr));
    return 0;
}
