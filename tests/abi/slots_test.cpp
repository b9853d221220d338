// Slots and tokens: C_GetSlotList buffer protocol, the always-free slot, C_GetSlotInfo,
// C_GetTokenInfo flags and counters, C_InitToken rules, mechanism list and info.
#include <algorithm>
#include <cstring>
#include <set>

#include "abi/module_fixture.h"

namespace craton::abitest {
namespace {

using SlotsTest = ModuleTest;

std::vector<CK_SLOT_ID> slot_list(CK_FUNCTION_LIST_3_0* f) {
    CK_ULONG count = 0;
    EXPECT_OK(f->C_GetSlotList(CK_FALSE, nullptr, &count));
    std::vector<CK_SLOT_ID> slots(count);
    EXPECT_OK(f->C_GetSlotList(CK_FALSE, slots.data(), &count));
    slots.resize(count);
    return slots;
}

TEST_F(SlotsTest, SlotListBufferProtocol) {
    init_token(0);  // guarantees at least two slots (this one and a fresh free one)
    CK_ULONG count = 0;
    ASSERT_OK(p11()->C_GetSlotList(CK_FALSE, nullptr, &count));
    ASSERT_GE(count, 2u);

    // Too small: CKR_BUFFER_TOO_SMALL and the needed count.
    std::vector<CK_SLOT_ID> slots(count + 2, 0xDEAD);
    CK_ULONG small = 1;
    EXPECT_CKR(CKR_BUFFER_TOO_SMALL, p11()->C_GetSlotList(CK_FALSE, slots.data(), &small));
    EXPECT_EQ(small, count);

    // Larger than needed: success, exact count.
    CK_ULONG big = count + 2;
    ASSERT_OK(p11()->C_GetSlotList(CK_FALSE, slots.data(), &big));
    EXPECT_EQ(big, count);
    std::set<CK_SLOT_ID> unique(slots.begin(), slots.begin() + static_cast<std::ptrdiff_t>(count));
    EXPECT_EQ(unique.size(), count);

    // tokenPresent: every slot of a software HSM holds its token.
    CK_ULONG present = 0;
    ASSERT_OK(p11()->C_GetSlotList(CK_TRUE, nullptr, &present));
    EXPECT_EQ(present, count);

    EXPECT_CKR(CKR_ARGUMENTS_BAD, p11()->C_GetSlotList(CK_FALSE, slots.data(), nullptr));
    EXPECT_CKR(CKR_ARGUMENTS_BAD, p11()->C_GetSlotList(CK_FALSE, nullptr, nullptr));
}

TEST_F(SlotsTest, InitialisingTheFreeTokenAddsANewFreeSlot) {
    auto before = slot_list(p11());
    ASSERT_FALSE(before.empty());
    // Every slot starts with an uninitialised token.
    for (CK_SLOT_ID s : before) EXPECT_FALSE(token_info(s).flags & CKF_TOKEN_INITIALIZED);

    for (CK_SLOT_ID s : before) init_token(s);
    auto after = slot_list(p11());
    ASSERT_EQ(after.size(), before.size() + 1);
    const CK_SLOT_ID fresh = after.back();
    EXPECT_EQ(std::count(before.begin(), before.end(), fresh), 0);
    EXPECT_FALSE(token_info(fresh).flags & CKF_TOKEN_INITIALIZED);

    // Re-initialising an initialised token does not add another one.
    init_token(before.front());
    EXPECT_EQ(slot_list(p11()).size(), after.size());
}

TEST_F(SlotsTest, SlotInfo) {
    CK_SLOT_INFO info;
    std::memset(&info, 0, sizeof info);
    ASSERT_OK(p11()->C_GetSlotInfo(0, &info));
    EXPECT_TRUE(info.flags & CKF_TOKEN_PRESENT);
    EXPECT_FALSE(info.flags & CKF_REMOVABLE_DEVICE);
    for (CK_BYTE c : info.slotDescription) EXPECT_NE(c, 0);
    for (CK_BYTE c : info.manufacturerID) EXPECT_NE(c, 0);
    EXPECT_CKR(CKR_ARGUMENTS_BAD, p11()->C_GetSlotInfo(0, nullptr));
}

TEST_F(SlotsTest, BadSlotIdIsRefusedEverywhere) {
    const CK_SLOT_ID bad = 4242;
    CK_SLOT_INFO si;
    EXPECT_CKR(CKR_SLOT_ID_INVALID, p11()->C_GetSlotInfo(bad, &si));
    CK_TOKEN_INFO ti;
    EXPECT_CKR(CKR_SLOT_ID_INVALID, p11()->C_GetTokenInfo(bad, &ti));
    CK_ULONG count = 0;
    EXPECT_CKR(CKR_SLOT_ID_INVALID, p11()->C_GetMechanismList(bad, nullptr, &count));
    CK_MECHANISM_INFO mi;
    EXPECT_CKR(CKR_SLOT_ID_INVALID, p11()->C_GetMechanismInfo(bad, CKM_SHA256, &mi));
    auto label = label32("x");
    EXPECT_CKR(CKR_SLOT_ID_INVALID,
               p11()->C_InitToken(bad, utf8(kSoPin), len(kSoPin), label.data()));
    CK_SESSION_HANDLE s;
    EXPECT_CKR(CKR_SLOT_ID_INVALID,
               p11()->C_OpenSession(bad, CKF_SERIAL_SESSION, nullptr, nullptr, &s));
    EXPECT_CKR(CKR_SLOT_ID_INVALID, p11()->C_CloseAllSessions(bad));
    // The free slot's id plus one is just past the end.
    auto slots = slot_list(p11());
    EXPECT_CKR(CKR_SLOT_ID_INVALID, p11()->C_GetTokenInfo(slots.back() + 1, &ti));
}

TEST_F(SlotsTest, UninitialisedTokenInfo) {
    const CK_TOKEN_INFO info = token_info(0);
    EXPECT_FALSE(info.flags & CKF_TOKEN_INITIALIZED);
    EXPECT_FALSE(info.flags & CKF_USER_PIN_INITIALIZED);
    EXPECT_TRUE(info.flags & CKF_RNG);
    EXPECT_EQ(info.ulSessionCount, 0u);
    EXPECT_EQ(info.ulRwSessionCount, 0u);
    EXPECT_CKR(CKR_ARGUMENTS_BAD, p11()->C_GetTokenInfo(0, nullptr));
}

TEST_F(SlotsTest, TokenInfoAfterInitialisation) {
    init_token(0, kSoPin, "My Token");
    CK_TOKEN_INFO info = token_info(0);
    EXPECT_TRUE(info.flags & CKF_TOKEN_INITIALIZED);
    EXPECT_TRUE(info.flags & CKF_LOGIN_REQUIRED);
    EXPECT_FALSE(info.flags & CKF_USER_PIN_INITIALIZED);
    EXPECT_FALSE(info.flags & CKF_WRITE_PROTECTED);
    const auto expected_label = label32("My Token");
    EXPECT_EQ(0, std::memcmp(info.label, expected_label.data(), 32));
    // Default PIN length limits (docs/configuration.md: 4..64).
    EXPECT_EQ(info.ulMinPinLen, 4u);
    EXPECT_EQ(info.ulMaxPinLen, 64u);
    for (CK_BYTE c : info.serialNumber) EXPECT_NE(c, 0);
    for (CK_BYTE c : info.model) EXPECT_NE(c, 0);

    init_user_pin(0);
    info = token_info(0);
    EXPECT_TRUE(info.flags & CKF_USER_PIN_INITIALIZED);
    EXPECT_FALSE(info.flags &
                 (CKF_USER_PIN_COUNT_LOW | CKF_USER_PIN_FINAL_TRY | CKF_USER_PIN_LOCKED |
                  CKF_SO_PIN_COUNT_LOW | CKF_SO_PIN_FINAL_TRY | CKF_SO_PIN_LOCKED));
}

TEST_F(SlotsTest, TokenInfoCountsSessions) {
    init_token(0);
    const CK_SESSION_HANDLE ro1 = open(0, false);
    const CK_SESSION_HANDLE rw1 = open(0, true);
    const CK_SESSION_HANDLE rw2 = open(0, true);
    CK_TOKEN_INFO info = token_info(0);
    EXPECT_EQ(info.ulSessionCount, 3u);
    EXPECT_EQ(info.ulRwSessionCount, 2u);
    // Sessions of one token are not counted on another.
    const auto slots = slot_list(p11());
    EXPECT_EQ(token_info(slots.back()).ulSessionCount, 0u);

    ASSERT_OK(p11()->C_CloseSession(rw1));
    info = token_info(0);
    EXPECT_EQ(info.ulSessionCount, 2u);
    EXPECT_EQ(info.ulRwSessionCount, 1u);
    ASSERT_OK(p11()->C_CloseSession(ro1));
    ASSERT_OK(p11()->C_CloseSession(rw2));
    info = token_info(0);
    EXPECT_EQ(info.ulSessionCount, 0u);
    EXPECT_EQ(info.ulRwSessionCount, 0u);
}

TEST_F(SlotsTest, InitTokenRefusedWhileSessionsAreOpen) {
    init_token(0);
    const CK_SESSION_HANDLE s = open(0, false);
    auto label = label32("again");
    EXPECT_CKR(CKR_SESSION_EXISTS, p11()->C_InitToken(0, utf8(kSoPin), len(kSoPin), label.data()));
    ASSERT_OK(p11()->C_CloseSession(s));
    EXPECT_OK(p11()->C_InitToken(0, utf8(kSoPin), len(kSoPin), label.data()));
}

TEST_F(SlotsTest, ReinitialisingNeedsTheSoPin) {
    init_token(0, kSoPin, "first");
    auto label = label32("second");
    const std::string wrong = "not-the-so-pin";
    EXPECT_CKR(CKR_PIN_INCORRECT, p11()->C_InitToken(0, utf8(wrong), len(wrong), label.data()));
    // The refused attempt changed nothing.
    const auto first = label32("first");
    EXPECT_EQ(0, std::memcmp(token_info(0).label, first.data(), 32));
    EXPECT_TRUE(token_info(0).flags & CKF_SO_PIN_COUNT_LOW);
}

TEST_F(SlotsTest, ReinitialisationWipesObjectsAndUserPin) {
    ready_token();
    CK_SESSION_HANDLE s = open(0, true);
    login_user(s);
    create_data(s, "token data", "", /*token=*/true);
    ASSERT_OK(p11()->C_CloseSession(s));

    init_token(0, kSoPin, "renewed");
    const CK_TOKEN_INFO info = token_info(0);
    EXPECT_FALSE(info.flags & CKF_USER_PIN_INITIALIZED);
    const auto renewed = label32("renewed");
    EXPECT_EQ(0, std::memcmp(info.label, renewed.data(), 32));

    s = open(0, false);
    Attrs all;
    EXPECT_TRUE(find_all(s, all).empty());
    // The old user PIN is gone with the user.
    EXPECT_CKR(CKR_USER_PIN_NOT_INITIALIZED,
               p11()->C_Login(s, CKU_USER, utf8(kUserPin), len(kUserPin)));
}

TEST_F(SlotsTest, InitTokenPinLengthRange) {
    auto label = label32("x");
    const std::string too_short = "123";
    const std::string too_long(65, 'p');
    EXPECT_CKR(CKR_PIN_LEN_RANGE,
               p11()->C_InitToken(0, utf8(too_short), len(too_short), label.data()));
    EXPECT_CKR(CKR_PIN_LEN_RANGE,
               p11()->C_InitToken(0, utf8(too_long), len(too_long), label.data()));
    EXPECT_FALSE(token_info(0).flags & CKF_TOKEN_INITIALIZED);
    // The limits themselves are inclusive.
    const std::string shortest = "1234";
    EXPECT_OK(p11()->C_InitToken(0, utf8(shortest), len(shortest), label.data()));
    const std::string longest(64, 'p');
    const CK_SLOT_ID fresh = slot_list(p11()).back();
    EXPECT_OK(p11()->C_InitToken(fresh, utf8(longest), len(longest), label.data()));
}

TEST_F(SlotsTest, InitTokenNullArguments) {
    auto label = label32("x");
    EXPECT_CKR(CKR_ARGUMENTS_BAD, p11()->C_InitToken(0, utf8(kSoPin), len(kSoPin), nullptr));
    // A NULL PIN asks for a protected authentication path, which this token does not have.
    EXPECT_CKR(CKR_ARGUMENTS_BAD, p11()->C_InitToken(0, nullptr, 0, label.data()));
    EXPECT_FALSE(token_info(0).flags & CKF_TOKEN_INITIALIZED);
    EXPECT_FALSE(token_info(0).flags & CKF_PROTECTED_AUTHENTICATION_PATH);
}

// ---------------------------------------------------------------------------------------------
// Mechanisms.

TEST_F(SlotsTest, MechanismListBufferProtocol) {
    CK_ULONG count = 0;
    ASSERT_OK(p11()->C_GetMechanismList(0, nullptr, &count));
    ASSERT_GE(count, 9u);  // at least the nine SHA-1/SHA-2/SHA-3 digests
    std::vector<CK_MECHANISM_TYPE> mechs(count);
    CK_ULONG small = count - 1;
    EXPECT_CKR(CKR_BUFFER_TOO_SMALL, p11()->C_GetMechanismList(0, mechs.data(), &small));
    EXPECT_EQ(small, count);
    ASSERT_OK(p11()->C_GetMechanismList(0, mechs.data(), &count));
    for (CK_MECHANISM_TYPE m : {CKM_SHA_1, CKM_SHA224, CKM_SHA256, CKM_SHA384, CKM_SHA512,
                                CKM_SHA3_224, CKM_SHA3_256, CKM_SHA3_384, CKM_SHA3_512}) {
        EXPECT_EQ(std::count(mechs.begin(), mechs.end(), m), 1) << "mechanism " << m;
        CK_MECHANISM_INFO info{};
        ASSERT_OK(p11()->C_GetMechanismInfo(0, m, &info));
        EXPECT_TRUE(info.flags & CKF_DIGEST);
    }
    EXPECT_CKR(CKR_ARGUMENTS_BAD, p11()->C_GetMechanismList(0, mechs.data(), nullptr));
}

TEST_F(SlotsTest, MechanismInfoErrors) {
    CK_MECHANISM_INFO info;
    EXPECT_CKR(CKR_MECHANISM_INVALID, p11()->C_GetMechanismInfo(0, CKM_VENDOR_DEFINED + 77, &info));
    EXPECT_CKR(CKR_ARGUMENTS_BAD, p11()->C_GetMechanismInfo(0, CKM_SHA256, nullptr));
}

TEST_F(SlotsTest, WaitForSlotEventNeverBlocksForever) {
    CK_SLOT_ID slot = 0;
    EXPECT_CKR(CKR_NO_EVENT, p11()->C_WaitForSlotEvent(CKF_DONT_BLOCK, &slot, nullptr));
    EXPECT_CKR(CKR_ARGUMENTS_BAD, p11()->C_WaitForSlotEvent(CKF_DONT_BLOCK, nullptr, nullptr));
}

}  // namespace
}  // namespace craton::abitest
