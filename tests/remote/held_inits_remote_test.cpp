// Held-back inits end to end (src/remote/held_inits.h): the remote module answers a repeated
// C_SignInit / C_VerifyInit without a round trip, and every call sequence around one gives
// the same return codes as the local module: a second init, length queries, bad arguments,
// other operations and object or login changes in between, session cancel and close.
#include <signal.h>

#include <chrono>
#include <cstdlib>
#include <functional>

#include "remote_test.h"

namespace craton::test {
namespace {

struct EcPair {
    CK_OBJECT_HANDLE pub = CK_INVALID_HANDLE;
    CK_OBJECT_HANDLE priv = CK_INVALID_HANDLE;
};

EcPair ec_pair(const Side& side) {
    static const CK_BYTE p256[] = {0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07};
    CK_MECHANISM gen{CKM_EC_KEY_PAIR_GEN, nullptr, 0};
    CK_BBOOL yes = CK_TRUE;
    CK_ATTRIBUTE pub_t[] = {{CKA_EC_PARAMS, const_cast<CK_BYTE*>(p256), sizeof p256},
                            {CKA_VERIFY, &yes, sizeof yes}};
    CK_ATTRIBUTE priv_t[] = {{CKA_SIGN, &yes, sizeof yes}, {CKA_SENSITIVE, &yes, sizeof yes}};
    EcPair pair;
    EXPECT_EQ(side.f->C_GenerateKeyPair(side.s, &gen, pub_t, 2, priv_t, 2, &pair.pub, &pair.priv),
              CKR_OK);
    return pair;
}

class HeldInitsRemoteTest : public RemoteTest {
  protected:
    // Runs `sequence` on the remote module and on the local module, each with a key pair of
    // its own, and returns the remote side's return codes after checking they equal the
    // local side's.
    std::vector<CK_RV> both(
        const std::function<void(const Side&, const EcPair&, std::vector<CK_RV>&)>& sequence) {
        std::vector<CK_RV> rv[2];
        const Side sides[2] = {remote(), local()};
        for (int i = 0; i < 2; ++i) {
            const EcPair keys = ec_pair(sides[i]);
            sequence(sides[i], keys, rv[i]);
        }
        EXPECT_EQ(rv[0], rv[1]) << "remote (first) and local (second) modules differ";
        return rv[0];
    }

    // C_SignInit then C_Sign with a buffer: proves the init to the remote module.
    static void sign_once(const Side& side, CK_OBJECT_HANDLE key, std::vector<CK_RV>& rv,
                          Bytes* signature = nullptr) {
        CK_MECHANISM ecdsa{CKM_ECDSA, nullptr, 0};
        Bytes digest(32, 0x5a), sig(64);
        CK_ULONG len = sig.size();
        rv.push_back(side.f->C_SignInit(side.s, &ecdsa, key));
        rv.push_back(side.f->C_Sign(side.s, digest.data(), digest.size(), sig.data(), &len));
        sig.resize(len);
        if (signature != nullptr) *signature = sig;
    }
};

constexpr CK_RV kOk = CKR_OK;

TEST_F(HeldInitsRemoteTest, RepeatedSignaturesVerifyAndASecondInitIsOperationActive) {
    require_local();
    if (HasFatalFailure()) return;
    const auto got = both([](const Side& side, const EcPair& k, std::vector<CK_RV>& rv) {
        CK_MECHANISM ecdsa{CKM_ECDSA, nullptr, 0};
        Bytes digest(32, 0x5a);
        for (int i = 0; i < 3; ++i) {
            Bytes sig;
            sign_once(side, k.priv, rv, &sig);
            rv.push_back(side.f->C_VerifyInit(side.s, &ecdsa, k.pub));
            rv.push_back(
                side.f->C_Verify(side.s, digest.data(), digest.size(), sig.data(), sig.size()));
        }
        rv.push_back(side.f->C_SignInit(side.s, &ecdsa, k.priv));
        rv.push_back(side.f->C_SignInit(side.s, &ecdsa, k.priv));
        rv.push_back(side.f->C_VerifyInit(side.s, &ecdsa, k.pub));  // both kinds at once
        Bytes sig(64);
        CK_ULONG len = sig.size();
        rv.push_back(side.f->C_Sign(side.s, digest.data(), digest.size(), sig.data(), &len));
        rv.push_back(side.f->C_Verify(side.s, digest.data(), digest.size(), sig.data(), len));
    });
    ASSERT_EQ(got.size(), 17u);
    for (std::size_t i = 0; i < 12; ++i) EXPECT_EQ(got[i], kOk) << i;
    EXPECT_EQ(got[12], kOk);
    EXPECT_EQ(got[13], static_cast<CK_RV>(CKR_OPERATION_ACTIVE));
}

TEST_F(HeldInitsRemoteTest, LengthQueryShortBufferAndBadArgumentsKeepTheRules) {
    require_local();
    if (HasFatalFailure()) return;
    const auto got = both([](const Side& side, const EcPair& k, std::vector<CK_RV>& rv) {
        CK_MECHANISM ecdsa{CKM_ECDSA, nullptr, 0};
        Bytes digest(32, 0x11), sig(64);
        sign_once(side, k.priv, rv);
        // Held back: a length query, a short buffer, then the signature.
        rv.push_back(side.f->C_SignInit(side.s, &ecdsa, k.priv));
        CK_ULONG len = 0;
        rv.push_back(side.f->C_Sign(side.s, digest.data(), digest.size(), nullptr, &len));
        rv.push_back(len == 64 ? kOk : CKR_GENERAL_ERROR);
        CK_ULONG small = 10;
        rv.push_back(side.f->C_Sign(side.s, digest.data(), digest.size(), sig.data(), &small));
        len = sig.size();
        rv.push_back(side.f->C_Sign(side.s, digest.data(), digest.size(), sig.data(), &len));
        // Held back again after the operation ended: NULL data with a length ends it.
        rv.push_back(side.f->C_SignInit(side.s, &ecdsa, k.priv));
        len = sig.size();
        rv.push_back(side.f->C_Sign(side.s, nullptr, 32, sig.data(), &len));
        rv.push_back(side.f->C_Sign(side.s, digest.data(), digest.size(), sig.data(), &len));
        // And the next init and signature work.
        sign_once(side, k.priv, rv);
    });
    const std::vector<CK_RV> expected = {kOk,
                                         kOk,
                                         kOk,
                                         kOk,
                                         kOk,
                                         CKR_BUFFER_TOO_SMALL,
                                         kOk,
                                         kOk,
                                         CKR_ARGUMENTS_BAD,
                                         CKR_OPERATION_NOT_INITIALIZED,
                                         kOk,
                                         kOk};
    EXPECT_EQ(got, expected);
}

TEST_F(HeldInitsRemoteTest, ChangesBetweenInitAndSignAnswerAsTheLocalModule) {
    require_local();
    if (HasFatalFailure()) return;
    const auto got = both([](const Side& side, const EcPair& k, std::vector<CK_RV>& rv) {
        CK_MECHANISM ecdsa{CKM_ECDSA, nullptr, 0};
        CK_MECHANISM sha{CKM_SHA256, nullptr, 0};
        Bytes digest(32, 0x22), sig(64), out(32);
        CK_ULONG len = 0;
        // Another operation on the session between the held-back init and C_Sign.
        sign_once(side, k.priv, rv);
        rv.push_back(side.f->C_SignInit(side.s, &ecdsa, k.priv));
        rv.push_back(side.f->C_DigestInit(side.s, &sha));
        len = sig.size();
        rv.push_back(side.f->C_Sign(side.s, digest.data(), digest.size(), sig.data(), &len));
        len = out.size();
        rv.push_back(side.f->C_Digest(side.s, digest.data(), digest.size(), out.data(), &len));
        // The key may no longer sign: the operation already begun goes on, the next init is
        // refused (what was known is forgotten), and allowed again it works.
        sign_once(side, k.priv, rv);
        rv.push_back(side.f->C_SignInit(side.s, &ecdsa, k.priv));
        CK_BBOOL no = CK_FALSE, yes = CK_TRUE;
        CK_ATTRIBUTE off{CKA_SIGN, &no, sizeof no}, on{CKA_SIGN, &yes, sizeof yes};
        rv.push_back(side.f->C_SetAttributeValue(side.s, k.priv, &off, 1));
        len = sig.size();
        rv.push_back(side.f->C_Sign(side.s, digest.data(), digest.size(), sig.data(), &len));
        rv.push_back(side.f->C_SignInit(side.s, &ecdsa, k.priv));
        rv.push_back(side.f->C_SetAttributeValue(side.s, k.priv, &on, 1));
        sign_once(side, k.priv, rv);
        // Logged out between init and sign, then the init without login.
        rv.push_back(side.f->C_SignInit(side.s, &ecdsa, k.priv));
        rv.push_back(side.f->C_Logout(side.s));
        len = sig.size();
        rv.push_back(side.f->C_Sign(side.s, digest.data(), digest.size(), sig.data(), &len));
        rv.push_back(side.f->C_SignInit(side.s, &ecdsa, k.priv));
        rv.push_back(side.f->C_Login(side.s, CKU_USER, pin(kUserPin), pin_len(kUserPin)));
        sign_once(side, k.priv, rv);
        // C_SessionCancel ends a held-back init as it ends an active operation.
        rv.push_back(side.f->C_SignInit(side.s, &ecdsa, k.priv));
        rv.push_back(side.f->C_SessionCancel(side.s, CKF_SIGN));
        len = sig.size();
        rv.push_back(side.f->C_Sign(side.s, digest.data(), digest.size(), sig.data(), &len));
        // The key destroyed between init and sign.
        sign_once(side, k.priv, rv);
        rv.push_back(side.f->C_SignInit(side.s, &ecdsa, k.priv));
        rv.push_back(side.f->C_DestroyObject(side.s, k.priv));
        len = sig.size();
        const CK_RV after_destroy =
            side.f->C_Sign(side.s, digest.data(), digest.size(), sig.data(), &len);
        rv.push_back(after_destroy);
        rv.push_back(side.f->C_SignInit(side.s, &ecdsa, k.priv));
    });
    ASSERT_GE(got.size(), 8u);
    EXPECT_EQ(got[3], kOk);  // C_DigestInit beside a held-back sign init
    // The last init names a destroyed key.
    EXPECT_EQ(got.back(), static_cast<CK_RV>(CKR_KEY_HANDLE_INVALID));
}

TEST_F(HeldInitsRemoteTest, AClosedSessionTakesItsHeldInitAlong) {
    require_local();
    if (HasFatalFailure()) return;
    const auto got = both([](const Side& side, const EcPair& k, std::vector<CK_RV>& rv) {
        CK_SLOT_ID slot = 0;
        CK_ULONG count = 1;
        rv.push_back(side.f->C_GetSlotList(CK_TRUE, &slot, &count));
        CK_SESSION_HANDLE s2 = CK_INVALID_HANDLE;
        rv.push_back(side.f->C_OpenSession(slot, CKF_SERIAL_SESSION, nullptr, nullptr, &s2));
        const Side second{side.f, s2};
        CK_MECHANISM ecdsa{CKM_ECDSA, nullptr, 0};
        sign_once(second, k.priv, rv);
        rv.push_back(side.f->C_SignInit(s2, &ecdsa, k.priv));
        rv.push_back(side.f->C_CloseSession(s2));
        Bytes digest(32, 0x33), sig(64);
        CK_ULONG len = sig.size();
        rv.push_back(side.f->C_Sign(s2, digest.data(), digest.size(), sig.data(), &len));
    });
    ASSERT_EQ(got.size(), 7u);
    EXPECT_EQ(got.back(), static_cast<CK_RV>(CKR_SESSION_HANDLE_INVALID));
}

// The proof that a repeated init makes no round trip: with the daemon stopped (SIGSTOP) it
// still answers at once, while a call that needs the daemon would wait for the deadline.
TEST_F(HeldInitsRemoteTest, ARepeatedInitNeedsNoRoundTrip) {
    const char* daemon = std::getenv("DAEMON_PID");
    ASSERT_NE(daemon, nullptr) << "run through tests/remote/with_daemon.sh";
    const pid_t pid = static_cast<pid_t>(std::atol(daemon));
    const EcPair k = ec_pair(remote());
    std::vector<CK_RV> rv;
    sign_once(remote(), k.priv, rv);
    ASSERT_EQ(rv, (std::vector<CK_RV>{kOk, kOk}));
    CK_MECHANISM ecdsa{CKM_ECDSA, nullptr, 0};
    ASSERT_EQ(kill(pid, SIGSTOP), 0);
    const auto start = std::chrono::steady_clock::now();
    const CK_RV held = f_->C_SignInit(s_, &ecdsa, k.priv);
    const auto took = std::chrono::steady_clock::now() - start;
    ASSERT_EQ(kill(pid, SIGCONT), 0);
    EXPECT_EQ(held, kOk);
    EXPECT_LT(took, std::chrono::seconds(2));
    Bytes digest(32, 0x44), sig(64);
    CK_ULONG len = sig.size();
    EXPECT_EQ(f_->C_Sign(s_, digest.data(), digest.size(), sig.data(), &len), kOk);
    EXPECT_EQ(len, 64u);
}

}  // namespace
}  // namespace craton::test
