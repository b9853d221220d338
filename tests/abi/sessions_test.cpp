// Sessions: the five-state machine of PKCS#11 3.0 section 5.6 / 6.x, R/O vs R/W rules, login
// state shared by all sessions of a token, closing sessions, and invalid handles.
#include "abi/module_fixture.h"

namespace craton::abitest {
namespace {

using SessionsTest = ModuleTest;

TEST_F(SessionsTest, FiveStates) {
    const CK_SLOT_ID slot = ready_token();
    const CK_SESSION_HANDLE ro = open(slot, false);
    const CK_SESSION_HANDLE rw = open(slot, true);
    EXPECT_EQ(state_of(ro), CKS_RO_PUBLIC_SESSION);
    EXPECT_EQ(state_of(rw), CKS_RW_PUBLIC_SESSION);

    login_user(rw);
    EXPECT_EQ(state_of(ro), CKS_RO_USER_FUNCTIONS);
    EXPECT_EQ(state_of(rw), CKS_RW_USER_FUNCTIONS);
    ASSERT_OK(p11()->C_Logout(ro));  // any session of the token may log out
    EXPECT_EQ(state_of(ro), CKS_RO_PUBLIC_SESSION);
    EXPECT_EQ(state_of(rw), CKS_RW_PUBLIC_SESSION);

    ASSERT_OK(p11()->C_CloseSession(ro));
    ASSERT_OK(p11()->C_Login(rw, CKU_SO, utf8(kSoPin), len(kSoPin)));
    EXPECT_EQ(state_of(rw), CKS_RW_SO_FUNCTIONS);
    ASSERT_OK(p11()->C_Logout(rw));
    EXPECT_EQ(state_of(rw), CKS_RW_PUBLIC_SESSION);
}

TEST_F(SessionsTest, LoginStateIsSharedBySessionsOpenedLater) {
    const CK_SLOT_ID slot = ready_token();
    const CK_SESSION_HANDLE first = open(slot, false);
    login_user(first);
    const CK_SESSION_HANDLE later_ro = open(slot, false);
    const CK_SESSION_HANDLE later_rw = open(slot, true);
    EXPECT_EQ(state_of(later_ro), CKS_RO_USER_FUNCTIONS);
    EXPECT_EQ(state_of(later_rw), CKS_RW_USER_FUNCTIONS);
}

TEST_F(SessionsTest, SessionInfo) {
    init_token(0);
    const CK_SESSION_HANDLE ro = open(0, false);
    const CK_SESSION_HANDLE rw = open(0, true);
    EXPECT_NE(ro, CK_INVALID_HANDLE);
    EXPECT_NE(rw, CK_INVALID_HANDLE);
    EXPECT_NE(ro, rw);
    CK_SESSION_INFO info{};
    ASSERT_OK(p11()->C_GetSessionInfo(ro, &info));
    EXPECT_EQ(info.slotID, 0u);
    EXPECT_EQ(info.flags, CKF_SERIAL_SESSION);
    ASSERT_OK(p11()->C_GetSessionInfo(rw, &info));
    EXPECT_EQ(info.flags, CKF_SERIAL_SESSION | CKF_RW_SESSION);
    EXPECT_CKR(CKR_ARGUMENTS_BAD, p11()->C_GetSessionInfo(rw, nullptr));
}

TEST_F(SessionsTest, SerialFlagIsRequired) {
    init_token(0);
    CK_SESSION_HANDLE s;
    // "For legacy reasons, the CKF_SERIAL_SESSION bit MUST always be set."
    EXPECT_CKR(CKR_SESSION_PARALLEL_NOT_SUPPORTED,
               p11()->C_OpenSession(0, 0, nullptr, nullptr, &s));
    EXPECT_CKR(CKR_SESSION_PARALLEL_NOT_SUPPORTED,
               p11()->C_OpenSession(0, CKF_RW_SESSION, nullptr, nullptr, &s));
    EXPECT_EQ(token_info(0).ulSessionCount, 0u);
    EXPECT_CKR(CKR_ARGUMENTS_BAD,
               p11()->C_OpenSession(0, CKF_SERIAL_SESSION, nullptr, nullptr, nullptr));
}

TEST_F(SessionsTest, SoLoginRefusedWhileReadOnlySessionsExist) {
    const CK_SLOT_ID slot = ready_token();
    const CK_SESSION_HANDLE ro = open(slot, false);
    const CK_SESSION_HANDLE rw = open(slot, true);
    EXPECT_CKR(CKR_SESSION_READ_ONLY_EXISTS, p11()->C_Login(rw, CKU_SO, utf8(kSoPin), len(kSoPin)));
    EXPECT_EQ(state_of(rw), CKS_RW_PUBLIC_SESSION);
    ASSERT_OK(p11()->C_CloseSession(ro));
    EXPECT_OK(p11()->C_Login(rw, CKU_SO, utf8(kSoPin), len(kSoPin)));
}

TEST_F(SessionsTest, ReadOnlySessionRefusedWhileSoIsLoggedIn) {
    const CK_SLOT_ID slot = ready_token();
    const CK_SESSION_HANDLE rw = open(slot, true);
    ASSERT_OK(p11()->C_Login(rw, CKU_SO, utf8(kSoPin), len(kSoPin)));
    CK_SESSION_HANDLE s;
    EXPECT_CKR(CKR_SESSION_READ_WRITE_SO_EXISTS,
               p11()->C_OpenSession(slot, CKF_SERIAL_SESSION, nullptr, nullptr, &s));
    // R/W sessions are fine, and join the SO state.
    const CK_SESSION_HANDLE rw2 = open(slot, true);
    EXPECT_EQ(state_of(rw2), CKS_RW_SO_FUNCTIONS);
    ASSERT_OK(p11()->C_Logout(rw));
    EXPECT_OK(p11()->C_OpenSession(slot, CKF_SERIAL_SESSION, nullptr, nullptr, &s));
}

TEST_F(SessionsTest, ClosingTheLastSessionLogsOut) {
    const CK_SLOT_ID slot = ready_token();
    CK_SESSION_HANDLE a = open(slot, true);
    const CK_SESSION_HANDLE b = open(slot, false);
    login_user(a);
    ASSERT_OK(p11()->C_CloseSession(a));
    EXPECT_EQ(state_of(b), CKS_RO_USER_FUNCTIONS);  // still one session: still logged in
    ASSERT_OK(p11()->C_CloseSession(b));
    a = open(slot, true);
    EXPECT_EQ(state_of(a), CKS_RW_PUBLIC_SESSION);
}

TEST_F(SessionsTest, CloseAllSessions) {
    const CK_SLOT_ID slot = ready_token();
    const CK_SESSION_HANDLE a = open(slot, true);
    const CK_SESSION_HANDLE b = open(slot, false);
    login_user(a);
    // A session on another token survives.
    const CK_SLOT_ID other = 1;  // the free slot added by initialising slot 0
    const CK_SESSION_HANDLE elsewhere = open(other, false);

    ASSERT_OK(p11()->C_CloseAllSessions(slot));
    CK_SESSION_INFO info;
    EXPECT_CKR(CKR_SESSION_HANDLE_INVALID, p11()->C_GetSessionInfo(a, &info));
    EXPECT_CKR(CKR_SESSION_HANDLE_INVALID, p11()->C_GetSessionInfo(b, &info));
    EXPECT_OK(p11()->C_GetSessionInfo(elsewhere, &info));
    EXPECT_EQ(token_info(slot).ulSessionCount, 0u);
    EXPECT_EQ(state_of(open(slot, false)), CKS_RO_PUBLIC_SESSION);
    // With nothing open it is still fine.
    EXPECT_OK(p11()->C_CloseAllSessions(slot));
    EXPECT_OK(p11()->C_CloseAllSessions(slot));
}

TEST_F(SessionsTest, ClosedAndUnknownHandlesAreInvalid) {
    init_token(0);
    const CK_SESSION_HANDLE s = open(0, true);
    ASSERT_OK(p11()->C_CloseSession(s));
    for (const CK_SESSION_HANDLE bad : {s, CK_SESSION_HANDLE{0}, CK_SESSION_HANDLE{0xBAD0BAD}}) {
        CK_SESSION_INFO info;
        EXPECT_CKR(CKR_SESSION_HANDLE_INVALID, p11()->C_GetSessionInfo(bad, &info));
        EXPECT_CKR(CKR_SESSION_HANDLE_INVALID, p11()->C_CloseSession(bad));
        EXPECT_CKR(CKR_SESSION_HANDLE_INVALID,
                   p11()->C_Login(bad, CKU_USER, utf8(kUserPin), len(kUserPin)));
        EXPECT_CKR(CKR_SESSION_HANDLE_INVALID, p11()->C_Logout(bad));
        EXPECT_CKR(CKR_SESSION_HANDLE_INVALID,
                   p11()->C_InitPIN(bad, utf8(kUserPin), len(kUserPin)));
        EXPECT_CKR(CKR_SESSION_HANDLE_INVALID, p11()->C_SetPIN(bad, utf8(kUserPin), len(kUserPin),
                                                               utf8(kUserPin), len(kUserPin)));
        Attrs a;
        a.ulong(CKA_CLASS, CKO_DATA);
        CK_OBJECT_HANDLE o;
        EXPECT_CKR(CKR_SESSION_HANDLE_INVALID, p11()->C_CreateObject(bad, a.data(), a.count(), &o));
        EXPECT_CKR(CKR_SESSION_HANDLE_INVALID, p11()->C_FindObjectsInit(bad, nullptr, 0));
        CK_ULONG n;
        EXPECT_CKR(CKR_SESSION_HANDLE_INVALID, p11()->C_FindObjects(bad, &o, 1, &n));
        EXPECT_CKR(CKR_SESSION_HANDLE_INVALID, p11()->C_FindObjectsFinal(bad));
        CK_MECHANISM mech{CKM_SHA256, nullptr, 0};
        EXPECT_CKR(CKR_SESSION_HANDLE_INVALID, p11()->C_DigestInit(bad, &mech));
        CK_BYTE buf[16];
        EXPECT_CKR(CKR_SESSION_HANDLE_INVALID, p11()->C_GenerateRandom(bad, buf, sizeof buf));
        EXPECT_CKR(CKR_SESSION_HANDLE_INVALID, p11()->C_SeedRandom(bad, buf, sizeof buf));
        EXPECT_CKR(CKR_SESSION_HANDLE_INVALID, p11()->C_SessionCancel(bad, CKF_DIGEST));
        EXPECT_CKR(CKR_SESSION_HANDLE_INVALID,
                   p11()->C_LoginUser(bad, CKU_USER, utf8(kUserPin), len(kUserPin), nullptr, 0));
    }
}

TEST_F(SessionsTest, SessionsOnAnUninitialisedTokenCannotLogIn) {
    // Nothing to authenticate against: the token has no PINs yet.
    const CK_SESSION_HANDLE s = open(0, true);
    EXPECT_NE(p11()->C_Login(s, CKU_SO, utf8(kSoPin), len(kSoPin)), CKR_OK);
    EXPECT_EQ(state_of(s), CKS_RW_PUBLIC_SESSION);
}

}  // namespace
}  // namespace craton::abitest
