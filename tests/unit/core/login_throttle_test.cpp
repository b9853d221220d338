// LoginThrottle: failure counting, the doubling backoff with its cap, lockout and the flags
// the token derives from it (COUNT_LOW, FINAL_TRY, LOCKED).
#include "core/login_throttle.h"

#include <gtest/gtest.h>

namespace craton {
namespace {

using std::chrono::milliseconds;

TEST(LoginThrottle, FreshThrottleIsClean) {
    LoginThrottle t;
    EXPECT_EQ(t.failures(), 0u);
    EXPECT_FALSE(t.locked());
    EXPECT_FALSE(t.count_low());
    EXPECT_FALSE(t.final_try());
}

TEST(LoginThrottle, DelayDoublesFromTheBaseUpToTheCap) {
    LoginThrottle t({10, 100, 5000});
    const long expected[] = {100, 200, 400, 800, 1600, 3200, 5000, 5000, 5000, 5000};
    for (long want : expected) EXPECT_EQ(t.record_failure(), milliseconds(want));
}

TEST(LoginThrottle, CapBelowTheBaseWins) {
    LoginThrottle t({10, 100, 50});
    EXPECT_EQ(t.record_failure(), milliseconds(50));
    EXPECT_EQ(t.record_failure(), milliseconds(50));
}

TEST(LoginThrottle, ZeroBaseMeansNoDelay) {
    LoginThrottle t({10, 0, 5000});
    for (int i = 0; i < 10; ++i) EXPECT_EQ(t.record_failure(), milliseconds(0));
    EXPECT_TRUE(t.locked());
}

TEST(LoginThrottle, LocksAfterMaxFailuresAndFlagsFollow) {
    LoginThrottle t({10, 0, 0});
    for (std::uint32_t i = 1; i <= 10; ++i) {
        t.record_failure();
        EXPECT_EQ(t.failures(), i);
        EXPECT_TRUE(t.count_low());
        EXPECT_EQ(t.final_try(), i == 9) << i;
        EXPECT_EQ(t.locked(), i == 10) << i;
    }
    // Further failures neither overflow nor unlock.
    for (int i = 0; i < 100; ++i) t.record_failure();
    EXPECT_EQ(t.failures(), 10u);
    EXPECT_TRUE(t.locked());
    EXPECT_FALSE(t.final_try());
}

TEST(LoginThrottle, DelayStaysCappedForManyFailures) {
    // 2^63 overflow must not wrap the delay back to something small.
    LoginThrottle t({1000, 100, 5000});
    milliseconds last{};
    for (int i = 0; i < 1000; ++i) last = t.record_failure();
    EXPECT_EQ(last, milliseconds(5000));
}

TEST(LoginThrottle, SuccessResets) {
    LoginThrottle t({3, 100, 5000});
    t.record_failure();
    t.record_failure();
    EXPECT_TRUE(t.final_try());
    t.record_success();
    EXPECT_EQ(t.failures(), 0u);
    EXPECT_FALSE(t.count_low());
    EXPECT_FALSE(t.final_try());
    // The delay starts again from the base.
    EXPECT_EQ(t.record_failure(), milliseconds(100));
}

TEST(LoginThrottle, RestoreCarriesPersistedCounts) {
    LoginThrottle t({10, 100, 5000});
    t.restore(9);
    EXPECT_TRUE(t.final_try());
    EXPECT_EQ(t.record_failure(), milliseconds(5000));
    EXPECT_TRUE(t.locked());
    t.restore(10);
    EXPECT_TRUE(t.locked());
}

TEST(LoginThrottle, SingleAttemptPolicy) {
    // max_failures = 1: the very first attempt is already the final try.
    LoginThrottle t({1, 0, 0});
    EXPECT_TRUE(t.final_try());
    t.record_failure();
    EXPECT_TRUE(t.locked());
}

}  // namespace
}  // namespace craton
