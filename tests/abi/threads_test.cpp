// Concurrency: eight threads, each with its own session, digesting, creating, finding and
// destroying objects at the same time. Every call must succeed and the token must end as it
// started. Run under ASan/TSan builds too; it is the test that finds shared-state races.
#include <atomic>
#include <cstring>
#include <string>
#include <thread>

#include "abi/module_fixture.h"

namespace craton::abitest {
namespace {

class ThreadsTest : public ModuleTest {};

TEST_F(ThreadsTest, EightSessionsInParallel) {
    constexpr int kThreads = 8;
    constexpr int kRounds = 150;
    const CK_SLOT_ID slot = ready_token();
    // One session logs the user in for all of them (login state is per token).
    const CK_SESSION_HANDLE keeper = open(slot, true);
    login_user(keeper);

    std::atomic<int> failures{0};
    std::atomic<CK_RV> first_error{CKR_OK};
    auto check = [&](CK_RV rv) {
        if (rv != CKR_OK) {
            CK_RV expected = CKR_OK;
            first_error.compare_exchange_strong(expected, rv);
            ++failures;
        }
        return rv == CKR_OK;
    };

    auto worker = [&](int index) {
        CK_FUNCTION_LIST_3_0* f = p11();
        CK_SESSION_HANDLE s;
        if (!check(f->C_OpenSession(slot, CKF_SERIAL_SESSION | CKF_RW_SESSION, nullptr, nullptr,
                                    &s))) {
            return;
        }
        const std::string app = "thread-" + std::to_string(index);
        for (int round = 0; round < kRounds; ++round) {
            // Digest.
            CK_MECHANISM m{round % 2 ? CKM_SHA256 : CKM_SHA3_512, nullptr, 0};
            CK_BYTE data[64];
            for (int i = 0; i < 64; ++i) data[i] = static_cast<CK_BYTE>(index + round + i);
            CK_BYTE out[64];
            CK_ULONG n = sizeof out;
            check(f->C_DigestInit(s, &m));
            check(f->C_DigestUpdate(s, data, 32));
            check(f->C_DigestUpdate(s, data + 32, 32));
            check(f->C_DigestFinal(s, out, &n));

            // Create: a session object and a private token object.
            const std::string label = app + "-" + std::to_string(round);
            Attrs a;
            a.ulong(CKA_CLASS, CKO_DATA)
                .str(CKA_LABEL, label)
                .str(CKA_APPLICATION, app)
                .bytes(CKA_VALUE, out, n);
            CK_OBJECT_HANDLE session_obj = CK_INVALID_HANDLE, token_obj = CK_INVALID_HANDLE;
            check(f->C_CreateObject(s, a.data(), a.count(), &session_obj));
            Attrs b;
            b.ulong(CKA_CLASS, CKO_DATA)
                .boolean(CKA_TOKEN, true)
                .boolean(CKA_PRIVATE, true)
                .str(CKA_LABEL, label);
            check(f->C_CreateObject(s, b.data(), b.count(), &token_obj));

            // Find both by label; nobody else uses it.
            Attrs t;
            t.str(CKA_LABEL, label);
            check(f->C_FindObjectsInit(s, t.data(), t.count()));
            CK_OBJECT_HANDLE found[4];
            CK_ULONG count = 0;
            check(f->C_FindObjects(s, found, 4, &count));
            check(f->C_FindObjectsFinal(s));
            if (count != 2) {
                ++failures;
            }

            // Read back, then destroy.
            CK_BYTE value[64];
            CK_ATTRIBUTE va{CKA_VALUE, value, sizeof value};
            check(f->C_GetAttributeValue(s, session_obj, &va, 1));
            if (va.ulValueLen != n || std::memcmp(value, out, n) != 0) ++failures;
            check(f->C_DestroyObject(s, session_obj));
            check(f->C_DestroyObject(s, token_obj));

            CK_BYTE rnd[16];
            check(f->C_GenerateRandom(s, rnd, sizeof rnd));
        }
        check(f->C_CloseSession(s));
    };

    std::vector<std::thread> threads;
    for (int i = 0; i < kThreads; ++i) threads.emplace_back(worker, i);
    for (auto& t : threads) t.join();

    EXPECT_EQ(failures.load(), 0) << "first error " << rv_name(first_error.load());
    // Nothing left behind, and only the keeper's session remains.
    Attrs all;
    EXPECT_TRUE(find_all(keeper, all).empty());
    EXPECT_EQ(token_info(slot).ulSessionCount, 1u);
}

TEST_F(ThreadsTest, SessionsOpenAndCloseWhileOthersWork) {
    // Opening, logging in and closing sessions concurrently with object work must not disturb
    // the workers: login state changes are serialised, handles never collide.
    const CK_SLOT_ID slot = ready_token();
    std::atomic<bool> stop{false};
    std::atomic<int> failures{0};
    std::thread churn([&] {
        while (!stop.load()) {
            CK_SESSION_HANDLE s;
            if (p11()->C_OpenSession(slot, CKF_SERIAL_SESSION, nullptr, nullptr, &s) != CKR_OK) {
                ++failures;
                continue;
            }
            CK_SESSION_INFO info;
            if (p11()->C_GetSessionInfo(s, &info) != CKR_OK) ++failures;
            if (p11()->C_CloseSession(s) != CKR_OK) ++failures;
        }
    });
    std::vector<std::thread> workers;
    for (int w = 0; w < 4; ++w) {
        workers.emplace_back([&, w] {
            CK_SESSION_HANDLE s;
            if (p11()->C_OpenSession(slot, CKF_SERIAL_SESSION, nullptr, nullptr, &s) != CKR_OK) {
                ++failures;
                return;
            }
            for (int i = 0; i < 200; ++i) {
                Attrs a;
                a.ulong(CKA_CLASS, CKO_DATA).str(CKA_LABEL, "w" + std::to_string(w));
                CK_OBJECT_HANDLE h;
                if (p11()->C_CreateObject(s, a.data(), a.count(), &h) != CKR_OK) ++failures;
                if (p11()->C_DestroyObject(s, h) != CKR_OK) ++failures;
            }
        });
    }
    for (auto& t : workers) t.join();
    stop = true;
    churn.join();
    EXPECT_EQ(failures.load(), 0);
}

}  // namespace
}  // namespace craton::abitest
