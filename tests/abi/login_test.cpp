// Authentication: C_Login / C_LoginUser / C_Logout, C_InitPIN, C_SetPIN, wrong PINs, the
// failed-login backoff, lockout and its token flags.
#include <chrono>

#include "abi/module_fixture.h"

namespace craton::abitest {
namespace {

using LoginTest = ModuleTest;

const std::string kWrongPin = "wrong-pin-0000";

TEST_F(LoginTest, UserLoginAndLogout) {
    const CK_SLOT_ID slot = ready_token();
    const CK_SESSION_HANDLE s = open(slot, false);
    EXPECT_CKR(CKR_USER_NOT_LOGGED_IN, p11()->C_Logout(s));
    login_user(s);
    EXPECT_CKR(CKR_USER_ALREADY_LOGGED_IN,
               p11()->C_Login(s, CKU_USER, utf8(kUserPin), len(kUserPin)));
    ASSERT_OK(p11()->C_Logout(s));
    EXPECT_CKR(CKR_USER_NOT_LOGGED_IN, p11()->C_Logout(s));
}

TEST_F(LoginTest, OnlyOneRoleAtATime) {
    const CK_SLOT_ID slot = ready_token();
    const CK_SESSION_HANDLE s = open(slot, true);
    login_user(s);
    EXPECT_CKR(CKR_USER_ANOTHER_ALREADY_LOGGED_IN,
               p11()->C_Login(s, CKU_SO, utf8(kSoPin), len(kSoPin)));
    ASSERT_OK(p11()->C_Logout(s));
    ASSERT_OK(p11()->C_Login(s, CKU_SO, utf8(kSoPin), len(kSoPin)));
    EXPECT_CKR(CKR_USER_ANOTHER_ALREADY_LOGGED_IN,
               p11()->C_Login(s, CKU_USER, utf8(kUserPin), len(kUserPin)));
    EXPECT_CKR(CKR_USER_ALREADY_LOGGED_IN, p11()->C_Login(s, CKU_SO, utf8(kSoPin), len(kSoPin)));
}

TEST_F(LoginTest, WrongPinIsIncorrect) {
    const CK_SLOT_ID slot = ready_token();
    const CK_SESSION_HANDLE s = open(slot, true);
    EXPECT_CKR(CKR_PIN_INCORRECT, p11()->C_Login(s, CKU_USER, utf8(kWrongPin), len(kWrongPin)));
    // C_Login has no CKR_PIN_LEN_RANGE: a PIN of impossible length is simply incorrect.
    const std::string tiny = "1";
    EXPECT_CKR(CKR_PIN_INCORRECT, p11()->C_Login(s, CKU_USER, utf8(tiny), len(tiny)));
    EXPECT_CKR(CKR_PIN_INCORRECT, p11()->C_Login(s, CKU_SO, utf8(kWrongPin), len(kWrongPin)));
    EXPECT_EQ(state_of(s), CKS_RW_PUBLIC_SESSION);
    // A PIN that differs only in length from the right one.
    const std::string prefix = kUserPin.substr(0, kUserPin.size() - 1);
    EXPECT_CKR(CKR_PIN_INCORRECT, p11()->C_Login(s, CKU_USER, utf8(prefix), len(prefix)));
    const std::string longer = kUserPin + "x";
    EXPECT_CKR(CKR_PIN_INCORRECT, p11()->C_Login(s, CKU_USER, utf8(longer), len(longer)));
}

TEST_F(LoginTest, CountLowFlagTracksFailuresUntilSuccess) {
    const CK_SLOT_ID slot = ready_token();
    const CK_SESSION_HANDLE s = open(slot, true);
    ASSERT_CKR(CKR_PIN_INCORRECT, p11()->C_Login(s, CKU_USER, utf8(kWrongPin), len(kWrongPin)));
    CK_FLAGS flags = token_info(slot).flags;
    EXPECT_TRUE(flags & CKF_USER_PIN_COUNT_LOW);
    EXPECT_FALSE(flags & (CKF_USER_PIN_FINAL_TRY | CKF_USER_PIN_LOCKED));
    EXPECT_FALSE(flags & CKF_SO_PIN_COUNT_LOW);  // counters are per role

    login_user(s);
    EXPECT_FALSE(token_info(slot).flags & CKF_USER_PIN_COUNT_LOW);
    ASSERT_OK(p11()->C_Logout(s));

    ASSERT_CKR(CKR_PIN_INCORRECT, p11()->C_Login(s, CKU_SO, utf8(kWrongPin), len(kWrongPin)));
    flags = token_info(slot).flags;
    EXPECT_TRUE(flags & CKF_SO_PIN_COUNT_LOW);
    EXPECT_FALSE(flags & CKF_USER_PIN_COUNT_LOW);
}

TEST_F(LoginTest, UserPinNotInitialised) {
    init_token(0);
    const CK_SESSION_HANDLE s = open(0, true);
    EXPECT_CKR(CKR_USER_PIN_NOT_INITIALIZED,
               p11()->C_Login(s, CKU_USER, utf8(kUserPin), len(kUserPin)));
}

TEST_F(LoginTest, UserTypeInvalid) {
    const CK_SLOT_ID slot = ready_token();
    const CK_SESSION_HANDLE s = open(slot, true);
    EXPECT_CKR(CKR_USER_TYPE_INVALID, p11()->C_Login(s, 7, utf8(kUserPin), len(kUserPin)));
}

TEST_F(LoginTest, ContextSpecificLoginWithoutOperation) {
    // CKU_CONTEXT_SPECIFIC only makes sense right after an operation's *Init asked for it.
    const CK_SLOT_ID slot = ready_token();
    const CK_SESSION_HANDLE s = open(slot, true);
    login_user(s);
    EXPECT_CKR(CKR_OPERATION_NOT_INITIALIZED,
               p11()->C_Login(s, CKU_CONTEXT_SPECIFIC, utf8(kUserPin), len(kUserPin)));
}

TEST_F(LoginTest, LoginUserIgnoresNamesOnATokenWithoutNamedUsers) {
    const CK_SLOT_ID slot = ready_token();
    const CK_SESSION_HANDLE s = open(slot, true);
    const std::string name = "alice";
    EXPECT_CKR(CKR_PIN_INCORRECT, p11()->C_LoginUser(s, CKU_USER, utf8(kWrongPin), len(kWrongPin),
                                                     utf8(name), len(name)));
    ASSERT_OK(
        p11()->C_LoginUser(s, CKU_USER, utf8(kUserPin), len(kUserPin), utf8(name), len(name)));
    EXPECT_EQ(state_of(s), CKS_RW_USER_FUNCTIONS);
    EXPECT_CKR(
        CKR_USER_ALREADY_LOGGED_IN,
        p11()->C_LoginUser(s, CKU_USER, utf8(kUserPin), len(kUserPin), utf8(name), len(name)));
    ASSERT_OK(p11()->C_Logout(s));
    ASSERT_OK(p11()->C_LoginUser(s, CKU_SO, utf8(kSoPin), len(kSoPin), utf8(name), len(name)));
    EXPECT_EQ(state_of(s), CKS_RW_SO_FUNCTIONS);
    ASSERT_OK(p11()->C_Logout(s));
    EXPECT_CKR(CKR_ARGUMENTS_BAD,
               p11()->C_LoginUser(s, CKU_USER, nullptr, 0, utf8(name), len(name)));
    EXPECT_CKR(CKR_ARGUMENTS_BAD,
               p11()->C_LoginUser(s, CKU_USER, utf8(kUserPin), len(kUserPin), nullptr, 5));
}

// ---------------------------------------------------------------------------------------------
// C_InitPIN.

TEST_F(LoginTest, InitPinOnlyInReadWriteSoState) {
    init_token(0);
    const CK_SESSION_HANDLE rw = open(0, true);
    const CK_SESSION_HANDLE ro = open(0, false);
    EXPECT_CKR(CKR_USER_NOT_LOGGED_IN, p11()->C_InitPIN(rw, utf8(kUserPin), len(kUserPin)));
    EXPECT_CKR(CKR_USER_NOT_LOGGED_IN, p11()->C_InitPIN(ro, utf8(kUserPin), len(kUserPin)));
    ASSERT_OK(p11()->C_CloseSession(ro));
    ASSERT_OK(p11()->C_Login(rw, CKU_SO, utf8(kSoPin), len(kSoPin)));
    ASSERT_OK(p11()->C_InitPIN(rw, utf8(kUserPin), len(kUserPin)));
    ASSERT_OK(p11()->C_Logout(rw));
    // R/W User state is not enough either.
    login_user(rw);
    EXPECT_CKR(CKR_USER_NOT_LOGGED_IN, p11()->C_InitPIN(rw, utf8(kUserPin), len(kUserPin)));
}

TEST_F(LoginTest, InitPinLengthRange) {
    init_token(0);
    const CK_SESSION_HANDLE s = open(0, true);
    ASSERT_OK(p11()->C_Login(s, CKU_SO, utf8(kSoPin), len(kSoPin)));
    const std::string too_short = "abc";
    const std::string too_long(65, 'u');
    EXPECT_CKR(CKR_PIN_LEN_RANGE, p11()->C_InitPIN(s, utf8(too_short), len(too_short)));
    EXPECT_CKR(CKR_PIN_LEN_RANGE, p11()->C_InitPIN(s, utf8(too_long), len(too_long)));
    EXPECT_FALSE(token_info(0).flags & CKF_USER_PIN_INITIALIZED);
    EXPECT_CKR(CKR_ARGUMENTS_BAD, p11()->C_InitPIN(s, nullptr, 0));
}

// ---------------------------------------------------------------------------------------------
// C_SetPIN.

TEST_F(LoginTest, SetPinRefusedInReadOnlySessions) {
    const CK_SLOT_ID slot = ready_token();
    const CK_SESSION_HANDLE ro = open(slot, false);
    const std::string fresh = "fresh-user-pin";
    EXPECT_CKR(CKR_SESSION_READ_ONLY,
               p11()->C_SetPIN(ro, utf8(kUserPin), len(kUserPin), utf8(fresh), len(fresh)));
    login_user(ro);  // R/O User Functions: still read-only
    EXPECT_CKR(CKR_SESSION_READ_ONLY,
               p11()->C_SetPIN(ro, utf8(kUserPin), len(kUserPin), utf8(fresh), len(fresh)));
}

TEST_F(LoginTest, SetPinInPublicSessionChangesTheUserPin) {
    const CK_SLOT_ID slot = ready_token();
    const CK_SESSION_HANDLE s = open(slot, true);
    const std::string fresh = "fresh-user-pin";
    EXPECT_CKR(CKR_PIN_INCORRECT,
               p11()->C_SetPIN(s, utf8(kWrongPin), len(kWrongPin), utf8(fresh), len(fresh)));
    ASSERT_OK(p11()->C_SetPIN(s, utf8(kUserPin), len(kUserPin), utf8(fresh), len(fresh)));
    EXPECT_CKR(CKR_PIN_INCORRECT, p11()->C_Login(s, CKU_USER, utf8(kUserPin), len(kUserPin)));
    EXPECT_OK(p11()->C_Login(s, CKU_USER, utf8(fresh), len(fresh)));
}

TEST_F(LoginTest, SetPinAsUserAndAsSo) {
    const CK_SLOT_ID slot = ready_token();
    const CK_SESSION_HANDLE s = open(slot, true);
    const std::string new_user = "new-user-pin";
    const std::string new_so = "new-so-pin-99";
    login_user(s);
    ASSERT_OK(p11()->C_SetPIN(s, utf8(kUserPin), len(kUserPin), utf8(new_user), len(new_user)));
    EXPECT_EQ(state_of(s), CKS_RW_USER_FUNCTIONS);  // changing the PIN keeps the login
    ASSERT_OK(p11()->C_Logout(s));
    ASSERT_OK(p11()->C_Login(s, CKU_SO, utf8(kSoPin), len(kSoPin)));
    ASSERT_OK(p11()->C_SetPIN(s, utf8(kSoPin), len(kSoPin), utf8(new_so), len(new_so)));
    ASSERT_OK(p11()->C_Logout(s));
    EXPECT_CKR(CKR_PIN_INCORRECT, p11()->C_Login(s, CKU_SO, utf8(kSoPin), len(kSoPin)));
    ASSERT_OK(p11()->C_Login(s, CKU_SO, utf8(new_so), len(new_so)));
    ASSERT_OK(p11()->C_Logout(s));
    EXPECT_OK(p11()->C_Login(s, CKU_USER, utf8(new_user), len(new_user)));
}

TEST_F(LoginTest, SetPinNewPinLengthRange) {
    const CK_SLOT_ID slot = ready_token();
    const CK_SESSION_HANDLE s = open(slot, true);
    const std::string too_short = "abc";
    const std::string too_long(65, 'n');
    EXPECT_CKR(CKR_PIN_LEN_RANGE,
               p11()->C_SetPIN(s, utf8(kUserPin), len(kUserPin), utf8(too_short), len(too_short)));
    EXPECT_CKR(CKR_PIN_LEN_RANGE,
               p11()->C_SetPIN(s, utf8(kUserPin), len(kUserPin), utf8(too_long), len(too_long)));
    EXPECT_OK(p11()->C_Login(s, CKU_USER, utf8(kUserPin), len(kUserPin)));  // unchanged
    EXPECT_CKR(CKR_ARGUMENTS_BAD, p11()->C_SetPIN(s, nullptr, 0, utf8(kUserPin), len(kUserPin)));
    EXPECT_CKR(CKR_ARGUMENTS_BAD, p11()->C_SetPIN(s, utf8(kUserPin), len(kUserPin), nullptr, 0));
}

// ---------------------------------------------------------------------------------------------
// Lockout. A short backoff keeps the ten failures quick while still exercising the delay.

class LockoutTest : public ModuleTest {
  protected:
    ConfigOptions options() const override {
        ConfigOptions o;
        o.backoff_base_ms = 10;
        o.backoff_max_ms = 40;
        return o;
    }
};

TEST_F(LockoutTest, TenWrongUserPinsLockAndSoUnlocks) {
    const CK_SLOT_ID slot = ready_token();
    const CK_SESSION_HANDLE s = open(slot, true);
    for (int i = 1; i <= 10; ++i) {
        ASSERT_CKR(CKR_PIN_INCORRECT, p11()->C_Login(s, CKU_USER, utf8(kWrongPin), len(kWrongPin)))
            << "attempt " << i;
        const CK_FLAGS flags = token_info(slot).flags;
        EXPECT_TRUE(flags & CKF_USER_PIN_COUNT_LOW) << "after " << i;
        // FINAL_TRY: "supplying an incorrect user PIN will cause it to become locked".
        EXPECT_EQ(static_cast<bool>(flags & CKF_USER_PIN_FINAL_TRY), i == 9) << "after " << i;
        EXPECT_EQ(static_cast<bool>(flags & CKF_USER_PIN_LOCKED), i == 10) << "after " << i;
    }
    // The eleventh attempt is refused even with the right PIN.
    EXPECT_CKR(CKR_PIN_LOCKED, p11()->C_Login(s, CKU_USER, utf8(kWrongPin), len(kWrongPin)));
    EXPECT_CKR(CKR_PIN_LOCKED, p11()->C_Login(s, CKU_USER, utf8(kUserPin), len(kUserPin)));
    const std::string fresh = "fresh-user-pin";
    EXPECT_CKR(CKR_PIN_LOCKED,
               p11()->C_SetPIN(s, utf8(kUserPin), len(kUserPin), utf8(fresh), len(fresh)));
    EXPECT_EQ(state_of(s), CKS_RW_PUBLIC_SESSION);
    // The SO is a separate role and is not locked.
    EXPECT_FALSE(token_info(slot).flags & CKF_SO_PIN_LOCKED);

    // The SO unlocks the user by setting a new PIN.
    ASSERT_OK(p11()->C_Login(s, CKU_SO, utf8(kSoPin), len(kSoPin)));
    ASSERT_OK(p11()->C_InitPIN(s, utf8(fresh), len(fresh)));
    ASSERT_OK(p11()->C_Logout(s));
    const CK_FLAGS flags = token_info(slot).flags;
    EXPECT_FALSE(flags & (CKF_USER_PIN_LOCKED | CKF_USER_PIN_FINAL_TRY | CKF_USER_PIN_COUNT_LOW));
    EXPECT_OK(p11()->C_Login(s, CKU_USER, utf8(fresh), len(fresh)));
}

TEST_F(LockoutTest, LockedSoIsRecoveredOnlyByReinitialisingTheToken) {
    const CK_SLOT_ID slot = ready_token();
    CK_SESSION_HANDLE s = open(slot, true);
    for (int i = 1; i <= 10; ++i) {
        ASSERT_CKR(CKR_PIN_INCORRECT, p11()->C_Login(s, CKU_SO, utf8(kWrongPin), len(kWrongPin)))
            << "attempt " << i;
    }
    EXPECT_TRUE(token_info(slot).flags & CKF_SO_PIN_LOCKED);
    EXPECT_CKR(CKR_PIN_LOCKED, p11()->C_Login(s, CKU_SO, utf8(kSoPin), len(kSoPin)));
    // The user is unaffected.
    login_user(s);
    ASSERT_OK(p11()->C_CloseSession(s));
    // Re-initialisation with the right SO PIN wipes the token and starts afresh (a successful
    // guess there gains nothing: every object is destroyed).
    init_token(slot);
    EXPECT_FALSE(token_info(slot).flags & (CKF_SO_PIN_LOCKED | CKF_SO_PIN_COUNT_LOW));
    s = open(slot, true);
    EXPECT_OK(p11()->C_Login(s, CKU_SO, utf8(kSoPin), len(kSoPin)));
}

// The backoff is real time the failing call waits out. Base 100 ms doubling: the second and
// third consecutive failures must take at least ~100 and ~200 ms.
class BackoffTest : public ModuleTest {
  protected:
    ConfigOptions options() const override {
        ConfigOptions o;
        o.backoff_base_ms = 100;
        o.backoff_max_ms = 5000;
        return o;
    }
};

TEST_F(BackoffTest, FailedLoginsAreDelayed) {
    const CK_SLOT_ID slot = ready_token();
    const CK_SESSION_HANDLE s = open(slot, true);
    using Clock = std::chrono::steady_clock;
    auto timed_failure = [&] {
        const auto start = Clock::now();
        EXPECT_CKR(CKR_PIN_INCORRECT, p11()->C_Login(s, CKU_USER, utf8(kWrongPin), len(kWrongPin)));
        return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
    };
    timed_failure();
    const auto second = timed_failure();
    const auto third = timed_failure();
    EXPECT_GE(second, 95);
    EXPECT_GE(third, 190);
    EXPECT_GT(third, second);
    // A correct PIN is not made to wait out a penalty and resets the count.
    const auto start = Clock::now();
    login_user(s);
    const auto ok_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
    EXPECT_LT(ok_ms, 95);
    EXPECT_FALSE(token_info(slot).flags & CKF_USER_PIN_COUNT_LOW);
}

}  // namespace
}  // namespace craton::abitest
