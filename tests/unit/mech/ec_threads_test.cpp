// One parsed key shared by sessions on different threads: every operation copies the key's
// prepared OpenSSL context, so concurrent signing and verification must all succeed.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "unit/mech/ec_support.h"

namespace craton::test {
namespace {

using namespace craton::test::ec;

TEST(EcThreads, SessionsShareParsedKeys) {
    EcSession s;
    CK_OBJECT_HANDLE ecpub, ecpriv, edpub, edpriv;
    ASSERT_EQ(s.generate(CKM_EC_KEY_PAIR_GEN, kP256Oid, &ecpub, &ecpriv), CKR_OK);
    ASSERT_EQ(s.generate(CKM_EC_EDWARDS_KEY_PAIR_GEN, kEd25519Oid, &edpub, &edpriv), CKR_OK);
    constexpr int kThreads = 4, kRounds = 60;
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            CK_SESSION_HANDLE h = CK_INVALID_HANDLE;
            if (s.fn()->C_OpenSession(0, CKF_SERIAL_SESSION, nullptr, nullptr, &h) != CKR_OK) {
                ++failures;
                return;
            }
            const Bytes msg(40, static_cast<std::uint8_t>(t));
            auto* data = const_cast<std::uint8_t*>(msg.data());
            for (int i = 0; i < kRounds; ++i) {
                const bool ed = (i + t) % 2 == 0;
                CK_MECHANISM m{ed ? CKM_EDDSA : CKM_ECDSA_SHA256, nullptr, 0};
                Bytes sig(64);
                CK_ULONG len = sig.size();
                const bool ok = s.fn()->C_SignInit(h, &m, ed ? edpriv : ecpriv) == CKR_OK &&
                                s.fn()->C_Sign(h, data, msg.size(), sig.data(), &len) == CKR_OK &&
                                s.fn()->C_VerifyInit(h, &m, ed ? edpub : ecpub) == CKR_OK &&
                                s.fn()->C_Verify(h, data, msg.size(), sig.data(), len) == CKR_OK;
                if (!ok) ++failures;
            }
            s.fn()->C_CloseSession(h);
        });
    }
    for (auto& th : threads) th.join();
    EXPECT_EQ(failures.load(), 0);
}

}  // namespace
}  // namespace craton::test
