// The daemon's per-client login throttle, with the clock given by the test.
#include "daemon/client_login_throttle.h"

#include <gtest/gtest.h>

using craton::daemon::ClientLoginThrottle;
using namespace std::chrono_literals;

namespace {
const ClientLoginThrottle::Clock::time_point t0{};
}

TEST(ClientLoginThrottle, RefusesAfterTheLimitUntilTheLockoutPasses) {
    ClientLoginThrottle throttle(3, 60s);
    for (int i = 0; i < 3; ++i) {
        EXPECT_TRUE(throttle.allowed("a", t0 + std::chrono::seconds(i)));
        throttle.record("a", CKR_PIN_INCORRECT, t0 + std::chrono::seconds(i));
    }
    // Last failure at t0+2s: refused until t0+62s.
    EXPECT_FALSE(throttle.allowed("a", t0 + 3s));
    EXPECT_FALSE(throttle.allowed("a", t0 + 61s));
    EXPECT_TRUE(throttle.allowed("b", t0 + 3s));  // per identity
    EXPECT_TRUE(throttle.allowed("a", t0 + 62s));
    // The count starts again from zero after the lockout.
    throttle.record("a", CKR_PIN_INCORRECT, t0 + 63s);
    EXPECT_TRUE(throttle.allowed("a", t0 + 64s));
}

TEST(ClientLoginThrottle, SuccessClearsTheCountAndOtherErrorsDoNotCount) {
    ClientLoginThrottle throttle(2, 60s);
    throttle.record("a", CKR_PIN_INCORRECT, t0);
    throttle.record("a", CKR_OK, t0 + 1s);
    throttle.record("a", CKR_PIN_INCORRECT, t0 + 2s);
    EXPECT_TRUE(throttle.allowed("a", t0 + 3s));
    throttle.record("a", CKR_USER_ALREADY_LOGGED_IN, t0 + 3s);
    throttle.record("a", CKR_SESSION_HANDLE_INVALID, t0 + 3s);
    EXPECT_TRUE(throttle.allowed("a", t0 + 4s));
    throttle.record("a", CKR_PIN_INCORRECT, t0 + 4s);
    EXPECT_FALSE(throttle.allowed("a", t0 + 5s));
}
