// Object management: C_CreateObject template validation for every object class, defaults,
// session vs token objects, private objects, C_CopyObject, C_DestroyObject, C_GetObjectSize.
#include <algorithm>
#include <set>

#include "abi/module_fixture.h"

namespace craton::abitest {
namespace {

class ObjectsTest : public ModuleTest {
  protected:
    void SetUp() override {
        ModuleTest::SetUp();
        slot_ = ready_token();
        rw_ = open(slot_, true);
    }
    CK_SLOT_ID slot_ = 0;
    CK_SESSION_HANDLE rw_ = CK_INVALID_HANDLE;
};

const Bytes kAes16(16, 0x11);
const Bytes kAes24(24, 0x22);
const Bytes kAes32(32, 0x33);
// DER OID 1.2.840.10045.3.1.7 (P-256) and an uncompressed point wrapped in an OCTET STRING:
// only the shapes matter here, no mechanism looks at them yet.
const Bytes kP256Params = {0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07};

// Generator point G of P-256, uncompressed, wrapped in a DER OCTET STRING.
Bytes p256_point() {
    return {0x04, 0x41, 0x04, 0x6b, 0x17, 0xd1, 0xf2, 0xe1, 0x2c, 0x42, 0x47, 0xf8, 0xbc, 0xe6,
            0xe5, 0x63, 0xa4, 0x40, 0xf2, 0x77, 0x03, 0x7d, 0x81, 0x2d, 0xeb, 0x33, 0xa0, 0xf4,
            0xa1, 0x39, 0x45, 0xd8, 0x98, 0xc2, 0x96, 0x4f, 0xe3, 0x42, 0xe2, 0xfe, 0x1a, 0x7f,
            0x9b, 0x8e, 0xe7, 0xeb, 0x4a, 0x7c, 0x0f, 0x9e, 0x16, 0x2b, 0xce, 0x33, 0x57, 0x6b,
            0x31, 0x5e, 0xce, 0xcb, 0xb6, 0x40, 0x68, 0x37, 0xbf, 0x51, 0xf5};
}

Attrs aes_key(const Bytes& value, bool token = false) {
    Attrs a;
    a.ulong(CKA_CLASS, CKO_SECRET_KEY)
        .ulong(CKA_KEY_TYPE, CKK_AES)
        .boolean(CKA_TOKEN, token)
        .bytes(CKA_VALUE, value);
    return a;
}

// ---------------------------------------------------------------------------------------------
// Creation per class.

TEST_F(ObjectsTest, DataObject) {
    Attrs a;
    a.ulong(CKA_CLASS, CKO_DATA)
        .str(CKA_LABEL, "notes")
        .str(CKA_APPLICATION, "tests")
        .str(CKA_VALUE, "hello");
    const CK_OBJECT_HANDLE h = create(rw_, a);
    ASSERT_NE(h, CK_INVALID_HANDLE);
    EXPECT_EQ(get_ulong(rw_, h, CKA_CLASS), CKO_DATA);
    EXPECT_EQ(get_bytes(rw_, h, CKA_VALUE), Bytes({'h', 'e', 'l', 'l', 'o'}));
    EXPECT_EQ(get_bytes(rw_, h, CKA_LABEL), Bytes({'n', 'o', 't', 'e', 's'}));
    // Defaults of the common storage attributes.
    EXPECT_FALSE(get_bool(rw_, h, CKA_TOKEN));
    EXPECT_FALSE(get_bool(rw_, h, CKA_PRIVATE));
    EXPECT_TRUE(get_bool(rw_, h, CKA_MODIFIABLE));
    EXPECT_TRUE(get_bool(rw_, h, CKA_COPYABLE));
    EXPECT_TRUE(get_bool(rw_, h, CKA_DESTROYABLE));
}

TEST_F(ObjectsTest, EmptyDataObjectTakesDefaults) {
    Attrs a;
    a.ulong(CKA_CLASS, CKO_DATA);
    const CK_OBJECT_HANDLE h = create(rw_, a);
    EXPECT_TRUE(get_bytes(rw_, h, CKA_LABEL).empty());
    EXPECT_TRUE(get_bytes(rw_, h, CKA_VALUE).empty());
    EXPECT_TRUE(get_bytes(rw_, h, CKA_APPLICATION).empty());
}

TEST_F(ObjectsTest, UniqueIdIsAssignedByTheToken) {
    // PKCS#11 3.0: every storage object carries a CKA_UNIQUE_ID the token assigns.
    const CK_OBJECT_HANDLE a = create_data(rw_, "a");
    const CK_OBJECT_HANDLE b = create_data(rw_, "b");
    CK_OBJECT_HANDLE c = CK_INVALID_HANDLE;
    ASSERT_OK(p11()->C_CopyObject(rw_, a, nullptr, 0, &c));
    const Bytes ua = get_bytes(rw_, a, CKA_UNIQUE_ID);
    const Bytes ub = get_bytes(rw_, b, CKA_UNIQUE_ID);
    const Bytes uc = get_bytes(rw_, c, CKA_UNIQUE_ID);
    EXPECT_FALSE(ua.empty());
    EXPECT_NE(ua, ub);
    EXPECT_NE(ua, uc);  // a copy is a new object
    Attrs set;
    set.str(CKA_UNIQUE_ID, "mine");
    EXPECT_CKR(CKR_ATTRIBUTE_READ_ONLY,
               p11()->C_SetAttributeValue(rw_, a, set.data(), set.count()));
    Attrs given;
    given.ulong(CKA_CLASS, CKO_DATA).str(CKA_UNIQUE_ID, "mine");
    EXPECT_NE(try_create(rw_, given), CKR_OK);
}

TEST_F(ObjectsTest, Certificate) {
    // DER Name with one empty commonName.
    const Bytes subject = {0x30, 0x0b, 0x31, 0x09, 0x30, 0x07, 0x06,
                           0x03, 0x55, 0x04, 0x03, 0x0c, 0x00};
    Attrs a;
    a.ulong(CKA_CLASS, CKO_CERTIFICATE)
        .ulong(CKA_CERTIFICATE_TYPE, CKC_X_509)
        .bytes(CKA_SUBJECT, subject)
        .str(CKA_ID, "cert-1")
        .str(CKA_VALUE, "\x30\x03\x02\x01\x01");
    const CK_OBJECT_HANDLE h = create(rw_, a);
    EXPECT_EQ(get_ulong(rw_, h, CKA_CERTIFICATE_TYPE), CKC_X_509);
    EXPECT_FALSE(get_bool(rw_, h, CKA_TRUSTED));
    EXPECT_FALSE(get_bool(rw_, h, CKA_PRIVATE));
    EXPECT_EQ(get_ulong(rw_, h, CKA_CERTIFICATE_CATEGORY), 0u);  // unspecified
    EXPECT_TRUE(get_bytes(rw_, h, CKA_ISSUER).empty());
}

TEST_F(ObjectsTest, CertificateRequiredAttributes) {
    const Bytes subject = {0x30, 0x00};
    Attrs no_type;
    no_type.ulong(CKA_CLASS, CKO_CERTIFICATE).bytes(CKA_SUBJECT, subject).str(CKA_VALUE, "v");
    EXPECT_CKR(CKR_TEMPLATE_INCOMPLETE, try_create(rw_, no_type));
    // X.509 certificates: CKA_SUBJECT and CKA_VALUE must be given.
    Attrs no_subject;
    no_subject.ulong(CKA_CLASS, CKO_CERTIFICATE)
        .ulong(CKA_CERTIFICATE_TYPE, CKC_X_509)
        .str(CKA_VALUE, "v");
    EXPECT_CKR(CKR_TEMPLATE_INCOMPLETE, try_create(rw_, no_subject));
    Attrs no_value;
    no_value.ulong(CKA_CLASS, CKO_CERTIFICATE)
        .ulong(CKA_CERTIFICATE_TYPE, CKC_X_509)
        .bytes(CKA_SUBJECT, subject);
    EXPECT_CKR(CKR_TEMPLATE_INCOMPLETE, try_create(rw_, no_value));
}

TEST_F(ObjectsTest, AesKeysOfEveryLength) {
    login_user(rw_);
    for (const Bytes* v : {&kAes16, &kAes24, &kAes32}) {
        Attrs a = aes_key(*v);
        const CK_OBJECT_HANDLE h = create(rw_, a);
        ASSERT_NE(h, CK_INVALID_HANDLE);
        EXPECT_EQ(get_ulong(rw_, h, CKA_VALUE_LEN), v->size());
        EXPECT_EQ(get_ulong(rw_, h, CKA_KEY_TYPE), CKK_AES);
    }
}

TEST_F(ObjectsTest, AesKeyOfWrongLengthIsInvalid) {
    login_user(rw_);
    for (std::size_t n : {1u, 8u, 15u, 17u, 31u, 33u, 64u}) {
        Attrs a = aes_key(Bytes(n, 0x5a));
        EXPECT_CKR(CKR_ATTRIBUTE_VALUE_INVALID, try_create(rw_, a)) << n << " bytes";
    }
    Attrs empty = aes_key(Bytes{});
    EXPECT_CKR(CKR_ATTRIBUTE_VALUE_INVALID, try_create(rw_, empty));
}

TEST_F(ObjectsTest, SecretKeyDefaults) {
    login_user(rw_);
    Attrs a = aes_key(kAes16);
    const CK_OBJECT_HANDLE h = create(rw_, a);
    EXPECT_TRUE(get_bool(rw_, h, CKA_PRIVATE));
    EXPECT_TRUE(get_bool(rw_, h, CKA_SENSITIVE));
    EXPECT_FALSE(get_bool(rw_, h, CKA_EXTRACTABLE));
    // An imported key was in the clear outside the token: never "always sensitive" or "never
    // extractable", and not generated on the token.
    EXPECT_FALSE(get_bool(rw_, h, CKA_ALWAYS_SENSITIVE));
    EXPECT_FALSE(get_bool(rw_, h, CKA_NEVER_EXTRACTABLE));
    EXPECT_FALSE(get_bool(rw_, h, CKA_LOCAL));
    EXPECT_EQ(get_ulong(rw_, h, CKA_KEY_GEN_MECHANISM), CK_UNAVAILABLE_INFORMATION);
    EXPECT_FALSE(get_bool(rw_, h, CKA_TOKEN));
    EXPECT_TRUE(get_bytes(rw_, h, CKA_ID).empty());
    EXPECT_TRUE(get_bytes(rw_, h, CKA_START_DATE).empty());
    EXPECT_FALSE(get_bool(rw_, h, CKA_TRUSTED));
    EXPECT_FALSE(get_bool(rw_, h, CKA_WRAP_WITH_TRUSTED));
}

TEST_F(ObjectsTest, SecretKeyNeedsItsValueAndType) {
    login_user(rw_);
    Attrs no_value;
    no_value.ulong(CKA_CLASS, CKO_SECRET_KEY).ulong(CKA_KEY_TYPE, CKK_AES);
    EXPECT_CKR(CKR_TEMPLATE_INCOMPLETE, try_create(rw_, no_value));
    Attrs no_type;
    no_type.ulong(CKA_CLASS, CKO_SECRET_KEY).bytes(CKA_VALUE, kAes16);
    EXPECT_CKR(CKR_TEMPLATE_INCOMPLETE, try_create(rw_, no_type));
}

TEST_F(ObjectsTest, KeyTypeMustSuitTheClass) {
    login_user(rw_);
    // A known key type of another class is a valid value in an inconsistent template.
    Attrs ec_secret;
    ec_secret.ulong(CKA_CLASS, CKO_SECRET_KEY).ulong(CKA_KEY_TYPE, CKK_EC).bytes(CKA_VALUE, kAes16);
    EXPECT_CKR(CKR_TEMPLATE_INCONSISTENT, try_create(rw_, ec_secret));
    Attrs aes_public;
    aes_public.ulong(CKA_CLASS, CKO_PUBLIC_KEY)
        .ulong(CKA_KEY_TYPE, CKK_AES)
        .bytes(CKA_VALUE, kAes16);
    EXPECT_CKR(CKR_TEMPLATE_INCONSISTENT, try_create(rw_, aes_public));
    // A key type nobody defined is an invalid value.
    Attrs unknown;
    unknown.ulong(CKA_CLASS, CKO_SECRET_KEY).ulong(CKA_KEY_TYPE, 0x7777).bytes(CKA_VALUE, kAes16);
    EXPECT_CKR(CKR_ATTRIBUTE_VALUE_INVALID, try_create(rw_, unknown));
}

TEST_F(ObjectsTest, EcPublicKey) {
    Attrs a;
    a.ulong(CKA_CLASS, CKO_PUBLIC_KEY)
        .ulong(CKA_KEY_TYPE, CKK_EC)
        .str(CKA_LABEL, "ec pub")
        .str(CKA_ID, "k1")
        .bytes(CKA_EC_PARAMS, kP256Params)
        .bytes(CKA_EC_POINT, p256_point());
    const CK_OBJECT_HANDLE h = create(rw_, a);
    ASSERT_NE(h, CK_INVALID_HANDLE);
    EXPECT_EQ(get_bytes(rw_, h, CKA_EC_PARAMS), kP256Params);
    EXPECT_FALSE(get_bool(rw_, h, CKA_PRIVATE));  // public keys are public by default
    EXPECT_FALSE(get_bool(rw_, h, CKA_LOCAL));

    Attrs no_point;
    no_point.ulong(CKA_CLASS, CKO_PUBLIC_KEY)
        .ulong(CKA_KEY_TYPE, CKK_EC)
        .bytes(CKA_EC_PARAMS, kP256Params);
    EXPECT_CKR(CKR_TEMPLATE_INCOMPLETE, try_create(rw_, no_point));
    Attrs no_params;
    no_params.ulong(CKA_CLASS, CKO_PUBLIC_KEY)
        .ulong(CKA_KEY_TYPE, CKK_EC)
        .bytes(CKA_EC_POINT, p256_point());
    EXPECT_CKR(CKR_TEMPLATE_INCOMPLETE, try_create(rw_, no_params));
}

TEST_F(ObjectsTest, EcPrivateKey) {
    login_user(rw_);
    Bytes d(32, 0);
    d[31] = 7;  // a valid (tiny) P-256 scalar
    Attrs a;
    a.ulong(CKA_CLASS, CKO_PRIVATE_KEY)
        .ulong(CKA_KEY_TYPE, CKK_EC)
        .bytes(CKA_EC_PARAMS, kP256Params)
        .bytes(CKA_VALUE, d);
    const CK_OBJECT_HANDLE h = create(rw_, a);
    ASSERT_NE(h, CK_INVALID_HANDLE);
    EXPECT_TRUE(get_bool(rw_, h, CKA_PRIVATE));
    EXPECT_TRUE(get_bool(rw_, h, CKA_SENSITIVE));
    EXPECT_FALSE(get_bool(rw_, h, CKA_EXTRACTABLE));
    EXPECT_FALSE(get_bool(rw_, h, CKA_ALWAYS_SENSITIVE));
    EXPECT_FALSE(get_bool(rw_, h, CKA_NEVER_EXTRACTABLE));

    Attrs no_value;
    no_value.ulong(CKA_CLASS, CKO_PRIVATE_KEY)
        .ulong(CKA_KEY_TYPE, CKK_EC)
        .bytes(CKA_EC_PARAMS, kP256Params);
    EXPECT_CKR(CKR_TEMPLATE_INCOMPLETE, try_create(rw_, no_value));
}

// ---------------------------------------------------------------------------------------------
// Template errors.

TEST_F(ObjectsTest, MissingClassIsIncomplete) {
    Attrs a;
    a.str(CKA_LABEL, "no class").str(CKA_VALUE, "v");
    EXPECT_CKR(CKR_TEMPLATE_INCOMPLETE, try_create(rw_, a));
    Attrs empty;
    EXPECT_CKR(CKR_TEMPLATE_INCOMPLETE, try_create(rw_, empty));
}

TEST_F(ObjectsTest, UnknownClassValueIsInvalid) {
    Attrs a;
    a.ulong(CKA_CLASS, 0x0BADC1A5);
    EXPECT_CKR(CKR_ATTRIBUTE_VALUE_INVALID, try_create(rw_, a));
}

TEST_F(ObjectsTest, DuplicateAttributesAreInconsistent) {
    // The specification allows either success or CKR_TEMPLATE_INCONSISTENT when one attribute
    // appears twice with different values; guessing which value was meant is not an option
    // for an HSM, so we refuse.
    Attrs a;
    a.ulong(CKA_CLASS, CKO_DATA).str(CKA_LABEL, "one").str(CKA_LABEL, "two");
    EXPECT_CKR(CKR_TEMPLATE_INCONSISTENT, try_create(rw_, a));
    Attrs b;
    b.ulong(CKA_CLASS, CKO_DATA).boolean(CKA_TOKEN, false).boolean(CKA_TOKEN, true);
    EXPECT_CKR(CKR_TEMPLATE_INCONSISTENT, try_create(rw_, b));
}

TEST_F(ObjectsTest, MalformedValuesAreInvalid) {
    // CK_BBOOL is one byte.
    const CK_ULONG wide_true = 1;
    Attrs bad_bool;
    bad_bool.ulong(CKA_CLASS, CKO_DATA).bytes(CKA_TOKEN, &wide_true, sizeof wide_true);
    EXPECT_CKR(CKR_ATTRIBUTE_VALUE_INVALID, try_create(rw_, bad_bool));
    Attrs empty_bool;
    empty_bool.ulong(CKA_CLASS, CKO_DATA).bytes(CKA_PRIVATE, nullptr, 0);
    EXPECT_CKR(CKR_ATTRIBUTE_VALUE_INVALID, try_create(rw_, empty_bool));
    // CK_OBJECT_CLASS is a CK_ULONG.
    const CK_BYTE short_class = CKO_DATA;
    Attrs bad_class;
    bad_class.bytes(CKA_CLASS, &short_class, 1);
    EXPECT_CKR(CKR_ATTRIBUTE_VALUE_INVALID, try_create(rw_, bad_class));
}

TEST_F(ObjectsTest, AttributesOfOtherClassesAreInvalidTypes) {
    Attrs a;
    a.ulong(CKA_CLASS, CKO_DATA).boolean(CKA_SENSITIVE, true);
    EXPECT_CKR(CKR_ATTRIBUTE_TYPE_INVALID, try_create(rw_, a));
    Attrs b;
    b.ulong(CKA_CLASS, CKO_DATA).str(CKA_MODULUS, "\x01\x00\x01");
    EXPECT_CKR(CKR_ATTRIBUTE_TYPE_INVALID, try_create(rw_, b));
    login_user(rw_);
    Attrs c = aes_key(kAes16);
    c.bytes(CKA_EC_POINT, p256_point());
    EXPECT_CKR(CKR_ATTRIBUTE_TYPE_INVALID, try_create(rw_, c));
    Attrs d;
    d.ulong(CKA_CLASS, CKO_DATA).ulong(CKA_VENDOR_DEFINED | 0x4242, 1);
    EXPECT_CKR(CKR_ATTRIBUTE_TYPE_INVALID, try_create(rw_, d));
}

// ---------------------------------------------------------------------------------------------
// Where objects may be created.

TEST_F(ObjectsTest, TokenObjectsNeedReadWriteSessions) {
    const CK_SESSION_HANDLE ro = open(slot_, false);
    Attrs a;
    a.ulong(CKA_CLASS, CKO_DATA).boolean(CKA_TOKEN, true);
    EXPECT_CKR(CKR_SESSION_READ_ONLY, try_create(ro, a));
    // Session objects are fine in a read-only session.
    Attrs b;
    b.ulong(CKA_CLASS, CKO_DATA).boolean(CKA_TOKEN, false);
    EXPECT_OK(try_create(ro, b));
    EXPECT_OK(try_create(rw_, a));
}

TEST_F(ObjectsTest, PrivateObjectsNeedTheUser) {
    Attrs a;
    a.ulong(CKA_CLASS, CKO_DATA).boolean(CKA_PRIVATE, true);
    EXPECT_CKR(CKR_USER_NOT_LOGGED_IN, try_create(rw_, a));
    // Secret keys are private by default.
    Attrs k = aes_key(kAes16);
    EXPECT_CKR(CKR_USER_NOT_LOGGED_IN, try_create(rw_, k));
    // ...but a public one may be made without login.
    Attrs pub = aes_key(kAes16);
    pub.boolean(CKA_PRIVATE, false);
    EXPECT_OK(try_create(rw_, pub));
    login_user(rw_);
    EXPECT_OK(try_create(rw_, a));
    EXPECT_OK(try_create(rw_, k));
}

TEST_F(ObjectsTest, SoCannotCreatePrivateObjects) {
    // Private objects belong to the normal user; the SO state is not the user's.
    const CK_SESSION_HANDLE so = open(slot_, true);
    ASSERT_OK(p11()->C_CloseSession(rw_));
    ASSERT_OK(p11()->C_Login(so, CKU_SO, utf8(kSoPin), len(kSoPin)));
    Attrs a;
    a.ulong(CKA_CLASS, CKO_DATA).boolean(CKA_PRIVATE, true);
    EXPECT_CKR(CKR_USER_NOT_LOGGED_IN, try_create(so, a));
    Attrs pub;
    pub.ulong(CKA_CLASS, CKO_DATA).boolean(CKA_TOKEN, true);
    EXPECT_OK(try_create(so, pub));
}

// ---------------------------------------------------------------------------------------------
// Visibility and lifetime.

TEST_F(ObjectsTest, PrivateObjectsAreInvisibleWithoutLogin) {
    login_user(rw_);
    const CK_OBJECT_HANDLE priv = create_data(rw_, "secret notes", "", /*token=*/true, true);
    const CK_OBJECT_HANDLE pub = create_data(rw_, "public notes", "", /*token=*/true, false);
    ASSERT_OK(p11()->C_Logout(rw_));

    CK_ATTRIBUTE label{CKA_LABEL, nullptr, 0};
    EXPECT_CKR(CKR_OBJECT_HANDLE_INVALID, p11()->C_GetAttributeValue(rw_, priv, &label, 1));
    CK_ULONG size;
    EXPECT_CKR(CKR_OBJECT_HANDLE_INVALID, p11()->C_GetObjectSize(rw_, priv, &size));
    EXPECT_CKR(CKR_OBJECT_HANDLE_INVALID, p11()->C_DestroyObject(rw_, priv));
    CK_OBJECT_HANDLE copy;
    EXPECT_CKR(CKR_OBJECT_HANDLE_INVALID, p11()->C_CopyObject(rw_, priv, nullptr, 0, &copy));
    Attrs set;
    set.str(CKA_LABEL, "x");
    EXPECT_CKR(CKR_OBJECT_HANDLE_INVALID,
               p11()->C_SetAttributeValue(rw_, priv, set.data(), set.count()));
    Attrs all;
    const auto found = find_all(rw_, all);
    EXPECT_EQ(std::count(found.begin(), found.end(), priv), 0);
    EXPECT_EQ(std::count(found.begin(), found.end(), pub), 1);
    EXPECT_OK(p11()->C_GetAttributeValue(rw_, pub, &label, 1));
}

TEST_F(ObjectsTest, PrivateHandlesStayInvalidAfterLogout) {
    // "When C_Logout successfully executes, any of the application's handles to private
    // objects become invalid (even if a user is later logged back into the token, those
    // handles remain invalid). In addition, all private session objects from sessions
    // belonging to the application are destroyed."
    login_user(rw_);
    const CK_OBJECT_HANDLE token_priv = create_data(rw_, "tp", "", /*token=*/true, true);
    const CK_OBJECT_HANDLE session_priv = create_data(rw_, "sp", "", /*token=*/false, true);
    ASSERT_OK(p11()->C_Logout(rw_));
    login_user(rw_);
    CK_ATTRIBUTE label{CKA_LABEL, nullptr, 0};
    EXPECT_CKR(CKR_OBJECT_HANDLE_INVALID, p11()->C_GetAttributeValue(rw_, token_priv, &label, 1));
    EXPECT_CKR(CKR_OBJECT_HANDLE_INVALID, p11()->C_GetAttributeValue(rw_, session_priv, &label, 1));
    // The token object itself lives on under a new handle; the session object is gone.
    Attrs tp;
    tp.str(CKA_LABEL, "tp");
    const auto again = find_all(rw_, tp);
    ASSERT_EQ(again.size(), 1u);
    EXPECT_OK(p11()->C_GetAttributeValue(rw_, again[0], &label, 1));
    Attrs sp;
    sp.str(CKA_LABEL, "sp");
    EXPECT_TRUE(find_all(rw_, sp).empty());
}

TEST_F(ObjectsTest, SessionObjectsDieWithTheirSession) {
    const CK_SESSION_HANDLE other = open(slot_, false);
    const CK_OBJECT_HANDLE mine = create_data(other, "ephemeral");
    const CK_OBJECT_HANDLE token_obj = create_data(rw_, "durable", "", /*token=*/true);
    // Session objects are visible to every session of the application.
    CK_ATTRIBUTE label{CKA_LABEL, nullptr, 0};
    EXPECT_OK(p11()->C_GetAttributeValue(rw_, mine, &label, 1));
    ASSERT_OK(p11()->C_CloseSession(other));
    EXPECT_CKR(CKR_OBJECT_HANDLE_INVALID, p11()->C_GetAttributeValue(rw_, mine, &label, 1));
    EXPECT_OK(p11()->C_GetAttributeValue(rw_, token_obj, &label, 1));
}

TEST_F(ObjectsTest, TokenObjectsSurviveClosingAllSessions) {
    const CK_OBJECT_HANDLE h = create_data(rw_, "durable", "", /*token=*/true);
    (void)h;
    ASSERT_OK(p11()->C_CloseAllSessions(slot_));
    const CK_SESSION_HANDLE s = open(slot_, false);
    Attrs t;
    t.str(CKA_LABEL, "durable");
    EXPECT_EQ(find_all(s, t).size(), 1u);
}

// ---------------------------------------------------------------------------------------------
// C_CopyObject.

TEST_F(ObjectsTest, CopyToTokenObject) {
    const CK_OBJECT_HANDLE src = create_data(rw_, "original");
    Attrs t;
    t.boolean(CKA_TOKEN, true).str(CKA_LABEL, "copy");
    CK_OBJECT_HANDLE dst = CK_INVALID_HANDLE;
    ASSERT_OK(p11()->C_CopyObject(rw_, src, t.data(), t.count(), &dst));
    EXPECT_NE(dst, src);
    EXPECT_TRUE(get_bool(rw_, dst, CKA_TOKEN));
    EXPECT_EQ(get_bytes(rw_, dst, CKA_LABEL), Bytes({'c', 'o', 'p', 'y'}));
    EXPECT_EQ(get_bytes(rw_, dst, CKA_VALUE), get_bytes(rw_, src, CKA_VALUE));
    EXPECT_FALSE(get_bool(rw_, src, CKA_TOKEN));  // the original is untouched
    // The copy outlives the session that made it.
    ASSERT_OK(p11()->C_CloseSession(rw_));
    const CK_SESSION_HANDLE s = open(slot_, false);
    EXPECT_EQ(get_bytes(s, dst, CKA_LABEL), Bytes({'c', 'o', 'p', 'y'}));
}

TEST_F(ObjectsTest, CopyRules) {
    const CK_SESSION_HANDLE ro = open(slot_, false);
    const CK_OBJECT_HANDLE src = create_data(ro, "original");
    Attrs to_token;
    to_token.boolean(CKA_TOKEN, true);
    CK_OBJECT_HANDLE dst;
    EXPECT_CKR(CKR_SESSION_READ_ONLY,
               p11()->C_CopyObject(ro, src, to_token.data(), to_token.count(), &dst));
    Attrs to_private;
    to_private.boolean(CKA_PRIVATE, true);
    EXPECT_CKR(CKR_USER_NOT_LOGGED_IN,
               p11()->C_CopyObject(ro, src, to_private.data(), to_private.count(), &dst));
    Attrs new_class;
    new_class.ulong(CKA_CLASS, CKO_CERTIFICATE);
    EXPECT_CKR(CKR_ATTRIBUTE_READ_ONLY,
               p11()->C_CopyObject(ro, src, new_class.data(), new_class.count(), &dst));
    EXPECT_CKR(CKR_OBJECT_HANDLE_INVALID, p11()->C_CopyObject(ro, 0xBAD, nullptr, 0, &dst));
    EXPECT_CKR(CKR_ARGUMENTS_BAD, p11()->C_CopyObject(ro, src, nullptr, 0, nullptr));
    EXPECT_CKR(CKR_ARGUMENTS_BAD, p11()->C_CopyObject(ro, src, nullptr, 1, &dst));
}

TEST_F(ObjectsTest, NotCopyableIsProhibited) {
    Attrs a;
    a.ulong(CKA_CLASS, CKO_DATA).boolean(CKA_COPYABLE, false);
    const CK_OBJECT_HANDLE h = create(rw_, a);
    CK_OBJECT_HANDLE dst;
    EXPECT_CKR(CKR_ACTION_PROHIBITED, p11()->C_CopyObject(rw_, h, nullptr, 0, &dst));
    // CKA_COPYABLE cannot be turned back on.
    Attrs on;
    on.boolean(CKA_COPYABLE, true);
    EXPECT_CKR(CKR_ATTRIBUTE_READ_ONLY, p11()->C_SetAttributeValue(rw_, h, on.data(), on.count()));
}

TEST_F(ObjectsTest, CopyOfSensitiveKeyStaysHidden) {
    login_user(rw_);
    Attrs a = aes_key(kAes16);
    const CK_OBJECT_HANDLE key = create(rw_, a);
    // Copying may not relax protection: SENSITIVE only goes to TRUE, EXTRACTABLE only to FALSE.
    Attrs unsens;
    unsens.boolean(CKA_SENSITIVE, false);
    CK_OBJECT_HANDLE dst;
    EXPECT_CKR(CKR_ATTRIBUTE_READ_ONLY,
               p11()->C_CopyObject(rw_, key, unsens.data(), unsens.count(), &dst));
    Attrs extract;
    extract.boolean(CKA_EXTRACTABLE, true);
    EXPECT_CKR(CKR_ATTRIBUTE_READ_ONLY,
               p11()->C_CopyObject(rw_, key, extract.data(), extract.count(), &dst));
    ASSERT_OK(p11()->C_CopyObject(rw_, key, nullptr, 0, &dst));
    CK_BYTE buf[32];
    CK_ATTRIBUTE v{CKA_VALUE, buf, sizeof buf};
    EXPECT_CKR(CKR_ATTRIBUTE_SENSITIVE, p11()->C_GetAttributeValue(rw_, dst, &v, 1));
}

// ---------------------------------------------------------------------------------------------
// C_DestroyObject and C_GetObjectSize.

TEST_F(ObjectsTest, Destroy) {
    const CK_OBJECT_HANDLE h = create_data(rw_, "doomed");
    ASSERT_OK(p11()->C_DestroyObject(rw_, h));
    EXPECT_CKR(CKR_OBJECT_HANDLE_INVALID, p11()->C_DestroyObject(rw_, h));
    CK_ATTRIBUTE label{CKA_LABEL, nullptr, 0};
    EXPECT_CKR(CKR_OBJECT_HANDLE_INVALID, p11()->C_GetAttributeValue(rw_, h, &label, 1));
    EXPECT_CKR(CKR_OBJECT_HANDLE_INVALID, p11()->C_DestroyObject(rw_, CK_INVALID_HANDLE));
}

TEST_F(ObjectsTest, NotDestroyableIsProhibited) {
    Attrs a;
    a.ulong(CKA_CLASS, CKO_DATA).boolean(CKA_DESTROYABLE, false);
    const CK_OBJECT_HANDLE h = create(rw_, a);
    EXPECT_CKR(CKR_ACTION_PROHIBITED, p11()->C_DestroyObject(rw_, h));
    CK_ATTRIBUTE label{CKA_LABEL, nullptr, 0};
    EXPECT_OK(p11()->C_GetAttributeValue(rw_, h, &label, 1));
}

TEST_F(ObjectsTest, DestroyingTokenObjectsNeedsReadWrite) {
    const CK_OBJECT_HANDLE h = create_data(rw_, "durable", "", /*token=*/true);
    const CK_SESSION_HANDLE ro = open(slot_, false);
    EXPECT_CKR(CKR_SESSION_READ_ONLY, p11()->C_DestroyObject(ro, h));
    EXPECT_OK(p11()->C_DestroyObject(rw_, h));
}

TEST_F(ObjectsTest, ObjectSize) {
    const CK_OBJECT_HANDLE small = create_data(rw_, "s");
    Attrs big;
    big.ulong(CKA_CLASS, CKO_DATA).bytes(CKA_VALUE, Bytes(4096, 0xab));
    const CK_OBJECT_HANDLE large = create(rw_, big);
    CK_ULONG small_size = 0, large_size = 0;
    ASSERT_OK(p11()->C_GetObjectSize(rw_, small, &small_size));
    ASSERT_OK(p11()->C_GetObjectSize(rw_, large, &large_size));
    // Either an honest size or CK_UNAVAILABLE_INFORMATION; ours is honest.
    EXPECT_NE(small_size, CK_UNAVAILABLE_INFORMATION);
    EXPECT_GT(large_size, small_size + 4000);
    EXPECT_CKR(CKR_OBJECT_HANDLE_INVALID, p11()->C_GetObjectSize(rw_, 0xBAD, &small_size));
    EXPECT_CKR(CKR_ARGUMENTS_BAD, p11()->C_GetObjectSize(rw_, small, nullptr));
}

TEST_F(ObjectsTest, CreateArgumentErrors) {
    Attrs a;
    a.ulong(CKA_CLASS, CKO_DATA);
    EXPECT_CKR(CKR_ARGUMENTS_BAD, p11()->C_CreateObject(rw_, a.data(), a.count(), nullptr));
    CK_OBJECT_HANDLE h;
    EXPECT_CKR(CKR_ARGUMENTS_BAD, p11()->C_CreateObject(rw_, nullptr, 3, &h));
}

TEST_F(ObjectsTest, HandlesAreNeverReused) {
    std::set<CK_OBJECT_HANDLE> seen;
    for (int i = 0; i < 50; ++i) {
        const CK_OBJECT_HANDLE h = create_data(rw_, "h");
        EXPECT_NE(h, CK_INVALID_HANDLE);
        EXPECT_TRUE(seen.insert(h).second);
        ASSERT_OK(p11()->C_DestroyObject(rw_, h));
    }
}

}  // namespace
}  // namespace craton::abitest
