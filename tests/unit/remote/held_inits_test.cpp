// HeldInits on its own (no daemon): when an init may be held back, and that held-back inits
// reach the daemon in the application's order before any other call.
#include <gtest/gtest.h>

#include <vector>

#include "remote/held_inits.h"

namespace {

using craton::remote::HeldInits;
using Kind = HeldInits::Kind;
namespace v1 = ::craton::hsm::v1;

v1::OperationInitRequest init_of(CK_SESSION_HANDLE session, CK_OBJECT_HANDLE key,
                                 CK_MECHANISM_TYPE mechanism = CKM_ECDSA) {
    v1::OperationInitRequest q;
    q.set_session(session);
    q.set_key(key);
    q.mutable_mechanism()->set_type(mechanism);
    return q;
}

// Records what a flush would send, answering each with `answer` (nullopt: no answer).
struct FakeDaemon {
    std::optional<CK_RV> answer = CKR_OK;
    std::vector<std::pair<Kind, std::uint64_t>> sent;  // (kind, session)
    HeldInits::Send send() {
        return [this](Kind kind, const v1::OperationInitRequest& q) {
            sent.emplace_back(kind, q.session());
            return answer;
        };
    }
};

class HeldInitsTest : public ::testing::Test {
  protected:
    void SetUp() override {
        held.enable(true);
        held.opened(1);
        held.opened(2);
    }
    // A full round: an init sent and answered CKR_OK, then a C_Sign that ended it.
    void prove(Kind kind, const v1::OperationInitRequest& q) {
        ASSERT_FALSE(held.hold(kind, q).has_value());
        held.sent(kind, q, CKR_OK);
        held.finished(kind, static_cast<CK_SESSION_HANDLE>(q.session()), true);
    }
    HeldInits held;
};

TEST_F(HeldInitsTest, OnlyAnInitThatSucceededBeforeIsHeldBack) {
    const auto q = init_of(1, 7);
    EXPECT_FALSE(held.hold(Kind::kSign, q).has_value());
    held.sent(Kind::kSign, q, CKR_OK);
    // Its operation is active until C_Sign ends it: the daemon must answer this one.
    EXPECT_FALSE(held.hold(Kind::kSign, q).has_value());
    held.finished(Kind::kSign, 1, true);
    EXPECT_EQ(held.hold(Kind::kSign, q), std::optional<CK_RV>(CKR_OK));
    // Another key, mechanism, parameter, kind or session is not known.
    held.take(Kind::kSign, 1);
    held.finished(Kind::kSign, 1, true);
    EXPECT_FALSE(held.hold(Kind::kSign, init_of(1, 8)).has_value());
    EXPECT_FALSE(held.hold(Kind::kSign, init_of(1, 7, CKM_ECDSA_SHA256)).has_value());
    auto with_param = q;
    with_param.mutable_mechanism()->set_bytes_param("x");
    EXPECT_FALSE(held.hold(Kind::kSign, with_param).has_value());
    EXPECT_FALSE(held.hold(Kind::kVerify, q).has_value());
    EXPECT_FALSE(held.hold(Kind::kSign, init_of(2, 7)).has_value());
}

TEST_F(HeldInitsTest, AFailedInitIsNotHeldBackAndForgetsWhatWasKnown) {
    const auto q = init_of(1, 7);
    prove(Kind::kSign, q);
    held.sent(Kind::kSign, q, CKR_KEY_FUNCTION_NOT_PERMITTED);
    held.finished(Kind::kSign, 1, true);
    EXPECT_FALSE(held.hold(Kind::kSign, q).has_value());
}

TEST_F(HeldInitsTest, ASecondInitWhileOneIsHeldIsOperationActive) {
    const auto q = init_of(1, 7);
    prove(Kind::kSign, q);
    ASSERT_EQ(held.hold(Kind::kSign, q), std::optional<CK_RV>(CKR_OK));
    EXPECT_EQ(held.hold(Kind::kSign, q), std::optional<CK_RV>(CKR_OPERATION_ACTIVE));
    EXPECT_EQ(held.hold(Kind::kSign, init_of(1, 8)), std::optional<CK_RV>(CKR_OPERATION_ACTIVE));
}

TEST_F(HeldInitsTest, AnOperationOfTheOtherKindOnTheSessionStopsHolding) {
    const auto sign = init_of(1, 7);
    const auto verify = init_of(1, 9);
    prove(Kind::kSign, sign);
    prove(Kind::kVerify, verify);
    ASSERT_EQ(held.hold(Kind::kVerify, verify), std::optional<CK_RV>(CKR_OK));
    // The daemon may refuse a sign init while a verification is active: it must answer.
    EXPECT_FALSE(held.hold(Kind::kSign, sign).has_value());
}

TEST_F(HeldInitsTest, TakeHandsTheInitToTheCallAndLengthQueriesKeepTheOperation) {
    const auto q = init_of(1, 7);
    prove(Kind::kSign, q);
    ASSERT_EQ(held.hold(Kind::kSign, q), std::optional<CK_RV>(CKR_OK));
    HeldInits::Taken taken = held.take(Kind::kSign, 1);
    ASSERT_TRUE(taken.init.has_value());
    EXPECT_EQ(taken.init->key(), 7u);
    EXPECT_FALSE(held.take(Kind::kSign, 1).init.has_value());
    // A length query leaves the operation active: the next init must reach the daemon.
    held.finished(Kind::kSign, 1, false);
    EXPECT_FALSE(held.hold(Kind::kSign, q).has_value());
    held.finished(Kind::kSign, 1, true);
    EXPECT_EQ(held.hold(Kind::kSign, q), std::optional<CK_RV>(CKR_OK));
    // An unknown outcome (the daemon did not answer a call without init) stops holding.
    held.take(Kind::kSign, 1);
    held.finished(Kind::kSign, 1, true, false);
    EXPECT_FALSE(held.hold(Kind::kSign, q).has_value());
}

TEST_F(HeldInitsTest, AnUnansweredCallHoldsItsInitBackAgain) {
    const auto q = init_of(1, 7);
    prove(Kind::kSign, q);
    ASSERT_EQ(held.hold(Kind::kSign, q), std::optional<CK_RV>(CKR_OK));
    auto taken = held.take(Kind::kSign, 1);
    ASSERT_TRUE(taken.init.has_value());
    held.restore(Kind::kSign, *taken.init);
    EXPECT_TRUE(held.take(Kind::kSign, 1).init.has_value());
}

TEST_F(HeldInitsTest, SendAllSendsInHoldingOrderThenForgets) {
    const auto a = init_of(2, 7);
    const auto b = init_of(1, 7);
    prove(Kind::kSign, a);
    prove(Kind::kSign, b);
    ASSERT_EQ(held.hold(Kind::kSign, a), std::optional<CK_RV>(CKR_OK));
    ASSERT_EQ(held.hold(Kind::kSign, b), std::optional<CK_RV>(CKR_OK));
    FakeDaemon daemon;
    held.send_all(daemon.send(), true);
    // Session 2's init was held first; the map order (by session) would put it second.
    ASSERT_EQ(daemon.sent.size(), 2u);
    EXPECT_EQ(daemon.sent[0].second, 2u);
    EXPECT_EQ(daemon.sent[1].second, 1u);
    // Sent: nothing is held any more, the operations are active, and nothing is known.
    EXPECT_FALSE(held.take(Kind::kSign, 1).init.has_value());
    held.finished(Kind::kSign, 1, true);
    EXPECT_FALSE(held.hold(Kind::kSign, b).has_value());
    daemon.sent.clear();
    held.send_all(daemon.send(), true);
    EXPECT_TRUE(daemon.sent.empty());
}

TEST_F(HeldInitsTest, AnInitThatFailsWhenSentIsReportedByTheNextSign) {
    const auto q = init_of(1, 7);
    prove(Kind::kSign, q);
    ASSERT_EQ(held.hold(Kind::kSign, q), std::optional<CK_RV>(CKR_OK));
    FakeDaemon daemon;
    daemon.answer = CKR_KEY_HANDLE_INVALID;  // another client destroyed the key meanwhile
    held.send_all(daemon.send(), false);
    const HeldInits::Taken taken = held.take(Kind::kSign, 1);
    EXPECT_FALSE(taken.init.has_value());
    EXPECT_EQ(taken.failed, CKR_KEY_HANDLE_INVALID);
    // Reported once; the failed init is no longer known to succeed.
    EXPECT_EQ(held.take(Kind::kSign, 1).failed, CKR_OK);
    EXPECT_FALSE(held.hold(Kind::kSign, q).has_value());
}

TEST_F(HeldInitsTest, AnInitTheDaemonDidNotAnswerStaysHeldForTheNextSign) {
    const auto q = init_of(1, 7);
    prove(Kind::kSign, q);
    ASSERT_EQ(held.hold(Kind::kSign, q), std::optional<CK_RV>(CKR_OK));
    FakeDaemon daemon;
    daemon.answer = std::nullopt;  // refused for the per-client call limit
    held.send_all(daemon.send(), false);
    EXPECT_EQ(daemon.sent.size(), 1u);
    const HeldInits::Taken taken = held.take(Kind::kSign, 1);
    EXPECT_EQ(taken.failed, CKR_OK);
    ASSERT_TRUE(taken.init.has_value());
    EXPECT_EQ(taken.init->key(), 7u);
}

TEST_F(HeldInitsTest, ForgetClosedSessionsAndDisabledModuleHoldNothing) {
    const auto q = init_of(1, 7);
    prove(Kind::kSign, q);
    held.forget();
    EXPECT_FALSE(held.hold(Kind::kSign, q).has_value());
    prove(Kind::kSign, q);
    held.closed(1);
    EXPECT_FALSE(held.hold(Kind::kSign, q).has_value());
    held.opened(1);
    prove(Kind::kSign, q);
    held.enable(false);
    EXPECT_FALSE(held.hold(Kind::kSign, q).has_value());
    held.enable(true);
    held.closed(CK_INVALID_HANDLE, true);
    EXPECT_FALSE(held.hold(Kind::kSign, q).has_value());
}

}  // namespace
