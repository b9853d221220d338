// One AES key used from several sessions at once: the key's prepared contexts are shared and
// copied per operation, and its GCM counter is shared, so concurrent use must give the same
// results as sequential use.
#include <thread>

#include <gtest/gtest.h>

#include "support/p11_module.h"
#include "unit/mech/aes_test_support.h"

namespace craton::test {
namespace {

using namespace craton::test::aes;

TEST(AesThreads, SharedKeyFromSeveralSessions) {
    P11Session p;
    std::mt19937 rng(21);
    const Bytes key = random_bytes(32, rng), iv = random_bytes(12, rng),
                civ = random_bytes(16, rng);
    const CK_OBJECT_HANDLE k = aes_key(p, key);
    const Bytes pt = random_bytes(4096, rng);
    const Bytes want_gcm = evp_encrypt("AES-256-GCM", key, iv, pt, false, {}, 16);
    const Bytes want_cbc = evp_encrypt("AES-256-CBC", key, civ, pt, true);
    constexpr int kThreads = 4, kIterations = 300;
    std::atomic<int> mismatches{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&] {
            CK_SESSION_HANDLE s = CK_INVALID_HANDLE;
            if (p.fn()->C_OpenSession(0, CKF_SERIAL_SESSION, nullptr, nullptr, &s) != CKR_OK) {
                ++mismatches;
                return;
            }
            CK_GCM_PARAMS gp = gcm_params(iv, {}, 128);
            CK_MECHANISM gcm{CKM_AES_GCM, &gp, sizeof gp};
            CK_MECHANISM cbc{CKM_AES_CBC_PAD, const_cast<CK_BYTE_PTR>(civ.data()), 16};
            Bytes out(pt.size() + 32);
            for (int i = 0; i < kIterations; ++i) {
                const bool use_gcm = i % 2 == 0;
                CK_ULONG len = out.size();
                if (p.fn()->C_EncryptInit(s, use_gcm ? &gcm : &cbc, k) != CKR_OK ||
                    p.fn()->C_Encrypt(s, ptr(pt), pt.size(), out.data(), &len) != CKR_OK ||
                    Bytes(out.begin(), out.begin() + len) != (use_gcm ? want_gcm : want_cbc)) {
                    ++mismatches;
                }
            }
            p.fn()->C_CloseSession(s);
        });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(mismatches.load(), 0);
}

}  // namespace
}  // namespace craton::test
