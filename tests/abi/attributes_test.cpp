// C_GetAttributeValue per-attribute results (PKCS#11 3.0 section 5.7, cases 1-5) and
// C_SetAttributeValue rules: read-only, once-only (SENSITIVE, EXTRACTABLE), CKA_MODIFIABLE.
#include <cstring>

#include "abi/module_fixture.h"

namespace craton::abitest {
namespace {

class AttributesTest : public ModuleTest {
  protected:
    void SetUp() override {
        ModuleTest::SetUp();
        slot_ = ready_token();
        s_ = open(slot_, true);
        login_user(s_);
    }
    CK_OBJECT_HANDLE aes(bool sensitive, bool extractable, const std::string& label = "key") {
        Attrs a;
        a.ulong(CKA_CLASS, CKO_SECRET_KEY)
            .ulong(CKA_KEY_TYPE, CKK_AES)
            .str(CKA_LABEL, label)
            .boolean(CKA_SENSITIVE, sensitive)
            .boolean(CKA_EXTRACTABLE, extractable)
            .bytes(CKA_VALUE, key_value_);
        return create(s_, a);
    }
    CK_SLOT_ID slot_ = 0;
    CK_SESSION_HANDLE s_ = CK_INVALID_HANDLE;
    const Bytes key_value_ = Bytes{0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07,
                                   0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f};
};

// ---------------------------------------------------------------------------------------------
// C_GetAttributeValue.

TEST_F(AttributesTest, SensitiveValueIsWithheldOthersStillFilled) {
    const CK_OBJECT_HANDLE key = aes(true, false, "sensitive");
    CK_BYTE value[32];
    CK_BYTE label[32];
    CK_KEY_TYPE kt = 0;
    CK_ATTRIBUTE t[] = {
        {CKA_LABEL, label, sizeof label},
        {CKA_VALUE, value, sizeof value},
        {CKA_KEY_TYPE, &kt, sizeof kt},
    };
    EXPECT_CKR(CKR_ATTRIBUTE_SENSITIVE, p11()->C_GetAttributeValue(s_, key, t, 3));
    EXPECT_EQ(t[1].ulValueLen, CK_UNAVAILABLE_INFORMATION);
    EXPECT_EQ(t[0].ulValueLen, 9u);
    EXPECT_EQ(0, std::memcmp(label, "sensitive", 9));
    EXPECT_EQ(t[2].ulValueLen, sizeof kt);
    EXPECT_EQ(kt, CKK_AES);
    // A length query is withheld in the same way.
    CK_ATTRIBUTE q{CKA_VALUE, nullptr, 0};
    EXPECT_CKR(CKR_ATTRIBUTE_SENSITIVE, p11()->C_GetAttributeValue(s_, key, &q, 1));
    EXPECT_EQ(q.ulValueLen, CK_UNAVAILABLE_INFORMATION);
}

TEST_F(AttributesTest, UnextractableValueIsWithheldEvenIfNotSensitive) {
    const CK_OBJECT_HANDLE key = aes(false, false);
    CK_BYTE value[32];
    CK_ATTRIBUTE v{CKA_VALUE, value, sizeof value};
    EXPECT_CKR(CKR_ATTRIBUTE_SENSITIVE, p11()->C_GetAttributeValue(s_, key, &v, 1));
    EXPECT_EQ(v.ulValueLen, CK_UNAVAILABLE_INFORMATION);
}

TEST_F(AttributesTest, ExtractableNonSensitiveValueIsReadable) {
    const CK_OBJECT_HANDLE key = aes(false, true);
    EXPECT_EQ(get_bytes(s_, key, CKA_VALUE), key_value_);
}

TEST_F(AttributesTest, UnknownAttributeIsInvalidOthersStillFilled) {
    const CK_OBJECT_HANDLE obj = create_data(s_, "data");
    CK_BYTE label[16];
    CK_BYTE junk[16];
    CK_ATTRIBUTE t[] = {
        {CKA_MODULUS, junk, sizeof junk},  // not an attribute of data objects
        {CKA_LABEL, label, sizeof label},
        {CKA_VENDOR_DEFINED | 0x1234, junk, sizeof junk},
    };
    EXPECT_CKR(CKR_ATTRIBUTE_TYPE_INVALID, p11()->C_GetAttributeValue(s_, obj, t, 3));
    EXPECT_EQ(t[0].ulValueLen, CK_UNAVAILABLE_INFORMATION);
    EXPECT_EQ(t[2].ulValueLen, CK_UNAVAILABLE_INFORMATION);
    EXPECT_EQ(t[1].ulValueLen, 4u);
    EXPECT_EQ(0, std::memcmp(label, "data", 4));
}

TEST_F(AttributesTest, NullValueAsksForTheLength) {
    const CK_OBJECT_HANDLE obj = create_data(s_, "a label of 21 bytes..");
    CK_ATTRIBUTE t[] = {{CKA_LABEL, nullptr, 0}, {CKA_CLASS, nullptr, 12345}};
    ASSERT_OK(p11()->C_GetAttributeValue(s_, obj, t, 2));
    EXPECT_EQ(t[0].ulValueLen, 21u);
    EXPECT_EQ(t[1].ulValueLen, sizeof(CK_OBJECT_CLASS));
}

TEST_F(AttributesTest, ShortBufferIsTooSmallOthersStillFilled) {
    const CK_OBJECT_HANDLE obj = create_data(s_, "twelve bytes");
    CK_BYTE small[4];
    CK_OBJECT_CLASS cls = 0;
    CK_ATTRIBUTE t[] = {{CKA_LABEL, small, sizeof small}, {CKA_CLASS, &cls, sizeof cls}};
    EXPECT_CKR(CKR_BUFFER_TOO_SMALL, p11()->C_GetAttributeValue(s_, obj, t, 2));
    // 3.0, case 5: the too-small entry gets CK_UNAVAILABLE_INFORMATION.
    EXPECT_EQ(t[0].ulValueLen, CK_UNAVAILABLE_INFORMATION);
    EXPECT_EQ(t[1].ulValueLen, sizeof cls);
    EXPECT_EQ(cls, CKO_DATA);
}

TEST_F(AttributesTest, ExactAndLargerBuffers) {
    const CK_OBJECT_HANDLE obj = create_data(s_, "abc");
    CK_BYTE exact[3];
    CK_BYTE larger[64];
    std::memset(larger, 0xEE, sizeof larger);
    CK_ATTRIBUTE t[] = {{CKA_LABEL, exact, sizeof exact}, {CKA_LABEL, larger, sizeof larger}};
    ASSERT_OK(p11()->C_GetAttributeValue(s_, obj, t, 2));
    EXPECT_EQ(t[0].ulValueLen, 3u);
    EXPECT_EQ(t[1].ulValueLen, 3u);
    EXPECT_EQ(0, std::memcmp(larger, "abc", 3));
    EXPECT_EQ(larger[3], 0xEE);  // nothing written past the value
}

TEST_F(AttributesTest, SeveralProblemsReportOneOfTheirCodes) {
    // "If more than one of these error codes is applicable, Cryptoki may return any of them."
    const CK_OBJECT_HANDLE key = aes(true, false);
    CK_BYTE value[32], small[1], junk[8];
    CK_ATTRIBUTE t[] = {
        {CKA_VALUE, value, sizeof value},
        {CKA_MODULUS, junk, sizeof junk},
        {CKA_KEY_TYPE, small, sizeof small},
    };
    const CK_RV rv = p11()->C_GetAttributeValue(s_, key, t, 3);
    EXPECT_TRUE(rv == CKR_ATTRIBUTE_SENSITIVE || rv == CKR_ATTRIBUTE_TYPE_INVALID ||
                rv == CKR_BUFFER_TOO_SMALL)
        << rv_name(rv);
    for (const auto& a : t) EXPECT_EQ(a.ulValueLen, CK_UNAVAILABLE_INFORMATION);
}

TEST_F(AttributesTest, GetAttributeArgumentErrors) {
    const CK_OBJECT_HANDLE obj = create_data(s_, "x");
    EXPECT_CKR(CKR_ARGUMENTS_BAD, p11()->C_GetAttributeValue(s_, obj, nullptr, 1));
    CK_ATTRIBUTE a{CKA_LABEL, nullptr, 0};
    EXPECT_CKR(CKR_OBJECT_HANDLE_INVALID, p11()->C_GetAttributeValue(s_, 0xBAD, &a, 1));
    EXPECT_CKR(CKR_OBJECT_HANDLE_INVALID, p11()->C_GetAttributeValue(s_, CK_INVALID_HANDLE, &a, 1));
}

// ---------------------------------------------------------------------------------------------
// C_SetAttributeValue.

TEST_F(AttributesTest, LabelAndIdAreModifiable) {
    const CK_OBJECT_HANDLE key = aes(true, false);
    Attrs t;
    t.str(CKA_LABEL, "renamed").str(CKA_ID, "id-9");
    ASSERT_OK(p11()->C_SetAttributeValue(s_, key, t.data(), t.count()));
    EXPECT_EQ(get_bytes(s_, key, CKA_LABEL), Bytes({'r', 'e', 'n', 'a', 'm', 'e', 'd'}));
    EXPECT_EQ(get_bytes(s_, key, CKA_ID), Bytes({'i', 'd', '-', '9'}));
    // Usage flags are modifiable too.
    Attrs u;
    u.boolean(CKA_ENCRYPT, false);
    ASSERT_OK(p11()->C_SetAttributeValue(s_, key, u.data(), u.count()));
    EXPECT_FALSE(get_bool(s_, key, CKA_ENCRYPT));
}

TEST_F(AttributesTest, ReadOnlyAttributes) {
    const CK_OBJECT_HANDLE key = aes(true, false);
    Attrs cls;
    cls.ulong(CKA_CLASS, CKO_DATA);
    EXPECT_CKR(CKR_ATTRIBUTE_READ_ONLY,
               p11()->C_SetAttributeValue(s_, key, cls.data(), cls.count()));
    Attrs kt;
    kt.ulong(CKA_KEY_TYPE, CKK_GENERIC_SECRET);
    EXPECT_CKR(CKR_ATTRIBUTE_READ_ONLY, p11()->C_SetAttributeValue(s_, key, kt.data(), kt.count()));
    Attrs local;
    local.boolean(CKA_LOCAL, true);
    EXPECT_CKR(CKR_ATTRIBUTE_READ_ONLY,
               p11()->C_SetAttributeValue(s_, key, local.data(), local.count()));
    Attrs always;
    always.boolean(CKA_ALWAYS_SENSITIVE, true);
    EXPECT_CKR(CKR_ATTRIBUTE_READ_ONLY,
               p11()->C_SetAttributeValue(s_, key, always.data(), always.count()));
    Attrs value;
    value.bytes(CKA_VALUE, Bytes(16, 0x99));
    EXPECT_CKR(CKR_ATTRIBUTE_READ_ONLY,
               p11()->C_SetAttributeValue(s_, key, value.data(), value.count()));
    // CKA_TOKEN and CKA_PRIVATE change only by copying.
    Attrs token;
    token.boolean(CKA_TOKEN, true);
    EXPECT_CKR(CKR_ATTRIBUTE_READ_ONLY,
               p11()->C_SetAttributeValue(s_, key, token.data(), token.count()));
    Attrs priv;
    priv.boolean(CKA_PRIVATE, false);
    EXPECT_CKR(CKR_ATTRIBUTE_READ_ONLY,
               p11()->C_SetAttributeValue(s_, key, priv.data(), priv.count()));
}

TEST_F(AttributesTest, SensitiveOnlyGoesToTrue) {
    const CK_OBJECT_HANDLE key = aes(true, false);
    Attrs off;
    off.boolean(CKA_SENSITIVE, false);
    EXPECT_CKR(CKR_ATTRIBUTE_READ_ONLY,
               p11()->C_SetAttributeValue(s_, key, off.data(), off.count()));
    EXPECT_TRUE(get_bool(s_, key, CKA_SENSITIVE));

    const CK_OBJECT_HANDLE open_key = aes(false, true);
    Attrs on;
    on.boolean(CKA_SENSITIVE, true);
    ASSERT_OK(p11()->C_SetAttributeValue(s_, open_key, on.data(), on.count()));
    EXPECT_TRUE(get_bool(s_, open_key, CKA_SENSITIVE));
    // It was revealable before, so it was never "always sensitive".
    EXPECT_FALSE(get_bool(s_, open_key, CKA_ALWAYS_SENSITIVE));
    CK_BYTE buf[32];
    CK_ATTRIBUTE v{CKA_VALUE, buf, sizeof buf};
    EXPECT_CKR(CKR_ATTRIBUTE_SENSITIVE, p11()->C_GetAttributeValue(s_, open_key, &v, 1));
    EXPECT_CKR(CKR_ATTRIBUTE_READ_ONLY,
               p11()->C_SetAttributeValue(s_, open_key, off.data(), off.count()));
}

TEST_F(AttributesTest, ExtractableOnlyGoesToFalse) {
    const CK_OBJECT_HANDLE key = aes(false, false);
    Attrs on;
    on.boolean(CKA_EXTRACTABLE, true);
    EXPECT_CKR(CKR_ATTRIBUTE_READ_ONLY, p11()->C_SetAttributeValue(s_, key, on.data(), on.count()));
    EXPECT_FALSE(get_bool(s_, key, CKA_EXTRACTABLE));

    const CK_OBJECT_HANDLE open_key = aes(false, true);
    Attrs off;
    off.boolean(CKA_EXTRACTABLE, false);
    ASSERT_OK(p11()->C_SetAttributeValue(s_, open_key, off.data(), off.count()));
    EXPECT_FALSE(get_bool(s_, open_key, CKA_EXTRACTABLE));
    EXPECT_FALSE(get_bool(s_, open_key, CKA_NEVER_EXTRACTABLE));
    EXPECT_CKR(CKR_ATTRIBUTE_READ_ONLY,
               p11()->C_SetAttributeValue(s_, open_key, on.data(), on.count()));
}

TEST_F(AttributesTest, UnmodifiableObjectIsProhibited) {
    Attrs a;
    a.ulong(CKA_CLASS, CKO_DATA).str(CKA_LABEL, "frozen").boolean(CKA_MODIFIABLE, false);
    const CK_OBJECT_HANDLE h = create(s_, a);
    Attrs t;
    t.str(CKA_LABEL, "thawed");
    EXPECT_CKR(CKR_ACTION_PROHIBITED, p11()->C_SetAttributeValue(s_, h, t.data(), t.count()));
    EXPECT_EQ(get_bytes(s_, h, CKA_LABEL), Bytes({'f', 'r', 'o', 'z', 'e', 'n'}));
    // It can still be copied into a modifiable object (CKA_MODIFIABLE may change in a copy
    // only towards FALSE, so the copy stays frozen unless asked otherwise) and destroyed.
    CK_OBJECT_HANDLE copy;
    ASSERT_OK(p11()->C_CopyObject(s_, h, nullptr, 0, &copy));
    EXPECT_FALSE(get_bool(s_, copy, CKA_MODIFIABLE));
    EXPECT_OK(p11()->C_DestroyObject(s_, h));
}

TEST_F(AttributesTest, SetIsAllOrNothing) {
    const CK_OBJECT_HANDLE key = aes(true, false, "before");
    Attrs t;
    t.str(CKA_LABEL, "after").ulong(CKA_CLASS, CKO_DATA);
    EXPECT_CKR(CKR_ATTRIBUTE_READ_ONLY, p11()->C_SetAttributeValue(s_, key, t.data(), t.count()));
    EXPECT_EQ(get_bytes(s_, key, CKA_LABEL), Bytes({'b', 'e', 'f', 'o', 'r', 'e'}));
}

TEST_F(AttributesTest, SetRejectsForeignAndMalformedAttributes) {
    const CK_OBJECT_HANDLE obj = create_data(s_, "d");
    Attrs foreign;
    foreign.boolean(CKA_SENSITIVE, true);
    EXPECT_CKR(CKR_ATTRIBUTE_TYPE_INVALID,
               p11()->C_SetAttributeValue(s_, obj, foreign.data(), foreign.count()));
    const CK_OBJECT_HANDLE key = aes(false, true);
    const CK_ULONG wide = 1;
    Attrs bad_bool;
    bad_bool.bytes(CKA_ENCRYPT, &wide, sizeof wide);
    EXPECT_CKR(CKR_ATTRIBUTE_VALUE_INVALID,
               p11()->C_SetAttributeValue(s_, key, bad_bool.data(), bad_bool.count()));
    Attrs dup;
    dup.str(CKA_LABEL, "a").str(CKA_LABEL, "b");
    EXPECT_CKR(CKR_TEMPLATE_INCONSISTENT,
               p11()->C_SetAttributeValue(s_, key, dup.data(), dup.count()));
}

TEST_F(AttributesTest, SetOnTokenObjectNeedsReadWrite) {
    const CK_OBJECT_HANDLE h = create_data(s_, "durable", "", /*token=*/true);
    const CK_SESSION_HANDLE ro = open(slot_, false);
    Attrs t;
    t.str(CKA_LABEL, "x");
    EXPECT_CKR(CKR_SESSION_READ_ONLY, p11()->C_SetAttributeValue(ro, h, t.data(), t.count()));
    // Session objects may be changed in a read-only session.
    const CK_OBJECT_HANDLE mine = create_data(ro, "mine");
    EXPECT_OK(p11()->C_SetAttributeValue(ro, mine, t.data(), t.count()));
}

TEST_F(AttributesTest, SetAttributeArgumentErrors) {
    const CK_OBJECT_HANDLE obj = create_data(s_, "d");
    EXPECT_CKR(CKR_ARGUMENTS_BAD, p11()->C_SetAttributeValue(s_, obj, nullptr, 2));
    Attrs t;
    t.str(CKA_LABEL, "x");
    EXPECT_CKR(CKR_OBJECT_HANDLE_INVALID,
               p11()->C_SetAttributeValue(s_, 0xBAD, t.data(), t.count()));
}

}  // namespace
}  // namespace craton::abitest
