// Hostile and careless callers: a NULL for every pointer argument of the foundation's
// functions gives CKR_ARGUMENTS_BAD (never a crash), and malformed templates are refused.
#include "abi/module_fixture.h"

namespace craton::abitest {
namespace {

class HostileArgsTest : public ModuleTest {
  protected:
    void SetUp() override {
        ModuleTest::SetUp();
        slot_ = ready_token();
        s_ = open(slot_, true);
        obj_ = create_data(s_, "target");
    }
    CK_SLOT_ID slot_ = 0;
    CK_SESSION_HANDLE s_ = CK_INVALID_HANDLE;
    CK_OBJECT_HANDLE obj_ = CK_INVALID_HANDLE;
};

TEST_F(HostileArgsTest, GeneralAndSlotFunctions) {
    CK_FUNCTION_LIST_3_0* f = p11();
    EXPECT_CKR(CKR_ARGUMENTS_BAD, f->C_GetInfo(nullptr));
    EXPECT_CKR(CKR_ARGUMENTS_BAD, f->C_GetFunctionList(nullptr));
    EXPECT_CKR(CKR_ARGUMENTS_BAD, f->C_GetInterfaceList(nullptr, nullptr));
    EXPECT_CKR(CKR_ARGUMENTS_BAD, f->C_GetInterface(nullptr, nullptr, nullptr, 0));
    EXPECT_CKR(CKR_ARGUMENTS_BAD, f->C_GetSlotList(CK_TRUE, nullptr, nullptr));
    EXPECT_CKR(CKR_ARGUMENTS_BAD, f->C_GetSlotInfo(slot_, nullptr));
    EXPECT_CKR(CKR_ARGUMENTS_BAD, f->C_GetTokenInfo(slot_, nullptr));
    EXPECT_CKR(CKR_ARGUMENTS_BAD, f->C_GetMechanismList(slot_, nullptr, nullptr));
    EXPECT_CKR(CKR_ARGUMENTS_BAD, f->C_GetMechanismInfo(slot_, CKM_SHA256, nullptr));
    auto label = label32("x");
    EXPECT_CKR(CKR_ARGUMENTS_BAD, f->C_InitToken(slot_, nullptr, 8, label.data()));
    EXPECT_CKR(CKR_ARGUMENTS_BAD, f->C_InitToken(slot_, utf8(kSoPin), len(kSoPin), nullptr));
    CK_SLOT_ID slot;
    EXPECT_CKR(CKR_ARGUMENTS_BAD, f->C_WaitForSlotEvent(CKF_DONT_BLOCK, nullptr, nullptr));
    int reserved = 0;
    EXPECT_CKR(CKR_ARGUMENTS_BAD, f->C_WaitForSlotEvent(CKF_DONT_BLOCK, &slot, &reserved));
}

TEST_F(HostileArgsTest, SessionFunctions) {
    CK_FUNCTION_LIST_3_0* f = p11();
    EXPECT_CKR(CKR_ARGUMENTS_BAD,
               f->C_OpenSession(slot_, CKF_SERIAL_SESSION, nullptr, nullptr, nullptr));
    EXPECT_CKR(CKR_ARGUMENTS_BAD, f->C_GetSessionInfo(s_, nullptr));
    EXPECT_CKR(CKR_ARGUMENTS_BAD, f->C_Login(s_, CKU_USER, nullptr, 8));
    EXPECT_CKR(CKR_ARGUMENTS_BAD, f->C_LoginUser(s_, CKU_USER, nullptr, 8, nullptr, 0));
    EXPECT_CKR(CKR_ARGUMENTS_BAD, f->C_InitPIN(s_, nullptr, 8));
    EXPECT_CKR(CKR_ARGUMENTS_BAD, f->C_SetPIN(s_, nullptr, 8, utf8(kUserPin), len(kUserPin)));
    EXPECT_CKR(CKR_ARGUMENTS_BAD, f->C_SetPIN(s_, utf8(kUserPin), len(kUserPin), nullptr, 8));
    // None of that changed the session.
    EXPECT_EQ(state_of(s_), CKS_RW_PUBLIC_SESSION);
}

TEST_F(HostileArgsTest, ObjectFunctions) {
    CK_FUNCTION_LIST_3_0* f = p11();
    Attrs a;
    a.ulong(CKA_CLASS, CKO_DATA);
    CK_OBJECT_HANDLE h;
    CK_ULONG n;
    EXPECT_CKR(CKR_ARGUMENTS_BAD, f->C_CreateObject(s_, a.data(), a.count(), nullptr));
    EXPECT_CKR(CKR_ARGUMENTS_BAD, f->C_CreateObject(s_, nullptr, 1, &h));
    EXPECT_CKR(CKR_ARGUMENTS_BAD, f->C_CopyObject(s_, obj_, nullptr, 0, nullptr));
    EXPECT_CKR(CKR_ARGUMENTS_BAD, f->C_CopyObject(s_, obj_, nullptr, 1, &h));
    EXPECT_CKR(CKR_ARGUMENTS_BAD, f->C_GetObjectSize(s_, obj_, nullptr));
    EXPECT_CKR(CKR_ARGUMENTS_BAD, f->C_GetAttributeValue(s_, obj_, nullptr, 1));
    EXPECT_CKR(CKR_ARGUMENTS_BAD, f->C_SetAttributeValue(s_, obj_, nullptr, 1));
    EXPECT_CKR(CKR_ARGUMENTS_BAD, f->C_FindObjectsInit(s_, nullptr, 1));
    ASSERT_OK(f->C_FindObjectsInit(s_, nullptr, 0));
    EXPECT_CKR(CKR_ARGUMENTS_BAD, f->C_FindObjects(s_, nullptr, 1, &n));
    EXPECT_CKR(CKR_ARGUMENTS_BAD, f->C_FindObjects(s_, &h, 1, nullptr));
    EXPECT_OK(f->C_FindObjectsFinal(s_));
}

TEST_F(HostileArgsTest, DigestAndRandomFunctions) {
    CK_FUNCTION_LIST_3_0* f = p11();
    CK_MECHANISM m{CKM_SHA256, nullptr, 0};
    CK_BYTE out[32];
    ASSERT_OK(f->C_DigestInit(s_, &m));
    EXPECT_CKR(CKR_ARGUMENTS_BAD, f->C_Digest(s_, out, 1, out, nullptr));
    ASSERT_OK(f->C_DigestInit(s_, &m));
    EXPECT_CKR(CKR_ARGUMENTS_BAD, f->C_Digest(s_, nullptr, 1, out, nullptr));
    ASSERT_OK(f->C_DigestInit(s_, &m));
    EXPECT_CKR(CKR_ARGUMENTS_BAD, f->C_DigestUpdate(s_, nullptr, 1));
    ASSERT_OK(f->C_DigestInit(s_, &m));
    EXPECT_CKR(CKR_ARGUMENTS_BAD, f->C_DigestFinal(s_, out, nullptr));
    EXPECT_CKR(CKR_ARGUMENTS_BAD, f->C_GenerateRandom(s_, nullptr, 1));
    EXPECT_CKR(CKR_ARGUMENTS_BAD, f->C_SeedRandom(s_, nullptr, 1));
}

TEST_F(HostileArgsTest, TemplateValuePointerMissing) {
    // A non-zero length with no value cannot be read; the template entry is unusable.
    Attrs a;
    a.ulong(CKA_CLASS, CKO_DATA).raw(CKA_VALUE, nullptr, 16);
    const CK_RV rv = try_create(s_, a);
    EXPECT_TRUE(rv == CKR_ARGUMENTS_BAD || rv == CKR_ATTRIBUTE_VALUE_INVALID) << rv_name(rv);
    Attrs set;
    set.raw(CKA_LABEL, nullptr, 4);
    const CK_RV rv2 = p11()->C_SetAttributeValue(s_, obj_, set.data(), set.count());
    EXPECT_TRUE(rv2 == CKR_ARGUMENTS_BAD || rv2 == CKR_ATTRIBUTE_VALUE_INVALID) << rv_name(rv2);
    EXPECT_EQ(get_bytes(s_, obj_, CKA_LABEL), Bytes({'t', 'a', 'r', 'g', 'e', 't'}));
}

TEST_F(HostileArgsTest, AbsurdCountsAndLengths) {
    // Lengths no real template has are refused before anything is allocated or read.
    CK_ATTRIBUTE one{CKA_CLASS, nullptr, 0};
    CK_OBJECT_HANDLE h;
    EXPECT_NE(p11()->C_CreateObject(s_, &one, ~CK_ULONG{0}, &h), CKR_OK);
    CK_ULONG cls = CKO_DATA;
    CK_ATTRIBUTE huge[] = {{CKA_CLASS, &cls, sizeof cls}, {CKA_VALUE, &cls, ~CK_ULONG{0}}};
    EXPECT_NE(p11()->C_CreateObject(s_, huge, 2, &h), CKR_OK);
}

TEST_F(HostileArgsTest, NestedTemplatesAreBounded) {
    // CKA_WRAP_TEMPLATE's value is an array of CK_ATTRIBUTE; a length that is not a multiple
    // of its size is malformed.
    CK_BYTE junk[sizeof(CK_ATTRIBUTE) + 3] = {};
    Attrs a;
    a.ulong(CKA_CLASS, CKO_SECRET_KEY)
        .ulong(CKA_KEY_TYPE, CKK_AES)
        .boolean(CKA_PRIVATE, false)
        .bytes(CKA_VALUE, Bytes(16, 1))
        .raw(CKA_WRAP_TEMPLATE, junk, sizeof junk);
    EXPECT_CKR(CKR_ATTRIBUTE_VALUE_INVALID, try_create(s_, a));
}

}  // namespace
}  // namespace craton::abitest
