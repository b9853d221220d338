// C_Finalize while other threads are inside calls. PKCS#11 leaves the outcome for those calls
// open, but a module must not crash, hang or hand out freed state: each call either completes
// (CKR_OK) or reports CKR_CRYPTOKI_NOT_INITIALIZED, and once C_Finalize has returned every call
// reports CKR_CRYPTOKI_NOT_INITIALIZED. The suite name carries "Concurrency" so the TSan pass
// (scripts/run-tests) runs it.
#include <atomic>
#include <thread>

#include "abi/hostile_fixture.h"

namespace craton::abitest {
namespace {

class HostileFinalizeConcurrencyTest : public HostileTest {
  protected:
    // Runs `kThreads` workers, each repeating `work` on its own session until a call reports
    // NOT_INITIALIZED; finalises once every worker has completed `kWarmup` rounds.
    template <class Work>
    void finalize_under(Work&& work) {
        constexpr int kThreads = 4;
        constexpr int kWarmup = 20;
        std::atomic<int> warmed{0};
        std::atomic<int> unexpected{0};
        std::atomic<CK_RV> first_unexpected{CKR_OK};
        std::atomic<bool> finalized{false};
        std::atomic<int> ok_after_finalize{0};
        // Calls that completed after the main thread began C_Finalize, per worker. Once
        // C_Finalize is waiting, a call not yet inside must queue behind it; a module whose
        // lock prefers readers let the workers overtake it for as long as they ran (over a
        // minute and millions of calls before the fix). The bound is a call count, with a
        // margin of orders of magnitude for a main thread that is descheduled.
        constexpr int kMaxOvertaking = 100000;
        std::atomic<bool> finalize_begun{false};
        std::atomic<int> most_overtaking{0};
        std::vector<CK_SESSION_HANDLE> sessions;
        for (int i = 0; i < kThreads; ++i) sessions.push_back(open(slot_, true));

        std::vector<std::thread> threads;
        for (int i = 0; i < kThreads; ++i) {
            threads.emplace_back([&, i] {
                bool counted = false;
                int overtaking = 0;
                for (int round = 0;; ++round) {
                    if (round == kWarmup) {
                        ++warmed;
                        counted = true;
                    }
                    // Read the flag before the call: a call that starts after C_Finalize
                    // returned must not succeed.
                    const bool after = finalized.load();
                    const bool begun = finalize_begun.load();
                    const CK_RV rv = work(sessions[static_cast<std::size_t>(i)]);
                    if (rv == CKR_CRYPTOKI_NOT_INITIALIZED) break;
                    if (rv == CKR_OK) {
                        if (after) ++ok_after_finalize;
                        if (begun && ++overtaking > kMaxOvertaking) break;
                        continue;
                    }
                    CK_RV none = CKR_OK;
                    first_unexpected.compare_exchange_strong(none, rv);
                    ++unexpected;
                    if (round > 100000) break;  // never loop forever on a broken module
                }
                if (!counted) ++warmed;  // a worker that stopped early must not block the test
                int most = most_overtaking.load();
                while (overtaking > most &&
                       !most_overtaking.compare_exchange_weak(most, overtaking)) {
                }
            });
        }
        while (warmed.load() < kThreads) std::this_thread::yield();
        finalize_begun = true;
        EXPECT_OK(p11()->C_Finalize(nullptr));
        finalized = true;
        for (auto& t : threads) t.join();
        EXPECT_EQ(unexpected.load(), 0) << "first " << rv_name(first_unexpected.load());
        EXPECT_EQ(ok_after_finalize.load(), 0);
        EXPECT_LE(most_overtaking.load(), kMaxOvertaking) << "C_Finalize was starved";

        // The library starts again from nothing (the in-memory token too).
        ASSERT_OK(p11()->C_Initialize(nullptr));
        CK_SESSION_INFO info;
        EXPECT_CKR(CKR_SESSION_HANDLE_INVALID, p11()->C_GetSessionInfo(sessions[0], &info));
        ready_token();
        const CK_SESSION_HANDLE s = open(slot_, true);
        login_user(s);
        obj_ = create_data(s, "target");
        expect_session_works(s);
    }
};

TEST_F(HostileFinalizeConcurrencyTest, WhileDigesting) {
    finalize_under([](CK_SESSION_HANDLE s) {
        CK_MECHANISM m{CKM_SHA256, nullptr, 0};
        CK_BYTE data[64] = {1, 2, 3};
        CK_BYTE out[32];
        CK_ULONG n = sizeof out;
        CK_RV rv = p11()->C_DigestInit(s, &m);
        if (rv != CKR_OK) return rv;
        rv = p11()->C_DigestUpdate(s, data, sizeof data);
        if (rv != CKR_OK) return rv;
        return p11()->C_DigestFinal(s, out, &n);
    });
}

TEST_F(HostileFinalizeConcurrencyTest, WhileCreatingFindingAndDestroying) {
    finalize_under([](CK_SESSION_HANDLE s) {
        Attrs a;
        a.ulong(CKA_CLASS, CKO_DATA).str(CKA_LABEL, "churn").boolean(CKA_TOKEN, true);
        CK_OBJECT_HANDLE h;
        CK_RV rv = p11()->C_CreateObject(s, a.data(), a.count(), &h);
        if (rv != CKR_OK) return rv;
        rv = p11()->C_FindObjectsInit(s, a.data(), a.count());
        if (rv != CKR_OK) return rv;
        CK_OBJECT_HANDLE found[8];
        CK_ULONG n = 0;
        rv = p11()->C_FindObjects(s, found, 8, &n);
        if (rv != CKR_OK) return rv;
        rv = p11()->C_FindObjectsFinal(s);
        if (rv != CKR_OK) return rv;
        return p11()->C_DestroyObject(s, h);
    });
}

TEST_F(HostileFinalizeConcurrencyTest, WhileSigningAndEncrypting) {
    const CK_OBJECT_HANDLE aes = aes_, hmac = hmac_;
    finalize_under([aes, hmac](CK_SESSION_HANDLE s) {
        CK_MECHANISM mac{CKM_SHA256_HMAC, nullptr, 0};
        CK_BYTE data[32] = {7};
        CK_BYTE out[64];
        CK_ULONG n = sizeof out;
        CK_RV rv = p11()->C_SignInit(s, &mac, hmac);
        if (rv != CKR_OK) return rv;
        rv = p11()->C_Sign(s, data, sizeof data, out, &n);
        if (rv != CKR_OK) return rv;
        CK_MECHANISM ecb{CKM_AES_ECB, nullptr, 0};
        rv = p11()->C_EncryptInit(s, &ecb, aes);
        if (rv != CKR_OK) return rv;
        n = sizeof out;
        return p11()->C_Encrypt(s, data, sizeof data, out, &n);
    });
}

TEST_F(HostileFinalizeConcurrencyTest, ConcurrentFinalizeCallsSucceedOnce) {
    constexpr int kThreads = 4;
    std::atomic<int> ready{0};
    std::atomic<int> ok{0}, not_initialized{0}, other{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < kThreads; ++i) {
        threads.emplace_back([&] {
            ++ready;
            while (ready.load() < kThreads) std::this_thread::yield();
            const CK_RV rv = p11()->C_Finalize(nullptr);
            if (rv == CKR_OK) {
                ++ok;
            } else if (rv == CKR_CRYPTOKI_NOT_INITIALIZED) {
                ++not_initialized;
            } else {
                ++other;
            }
        });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(ok.load(), 1);
    EXPECT_EQ(not_initialized.load(), kThreads - 1);
    EXPECT_EQ(other.load(), 0);
}

}  // namespace
}  // namespace craton::abitest
