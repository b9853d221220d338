// AttributePolicy: the attribute tables of PKCS#11 3.0 (required / forbidden per creation path,
// defaults, sensitivity, modifiability, copy rules) applied without the C ABI around them.
#include "core/attribute_policy.h"

#include <gtest/gtest.h>

#include <cstring>
#include <functional>

#include "core/error.h"

namespace craton {
namespace {

CK_RV rv_of(const std::function<void()>& fn) {
    try {
        fn();
    } catch (const Pkcs11Error& e) {
        return e.rv();
    }
    return CKR_OK;
}

Template aes_template(std::size_t len = 16) {
    Template t;
    t.add_ulong(CKA_CLASS, CKO_SECRET_KEY);
    t.add_ulong(CKA_KEY_TYPE, CKK_AES);
    const Bytes value(len, 0x42);
    t.add(CKA_VALUE, value);
    return t;
}

NewObjectContext generating(CK_MECHANISM_TYPE mech) {
    NewObjectContext ctx;
    ctx.path = CreationPath::Generate;
    ctx.mechanism = mech;
    ctx.implied_class = CKO_SECRET_KEY;
    ctx.implied_key_type = CKK_AES;
    return ctx;
}

TEST(AttributePolicy, CreatedSecretKeyDefaults) {
    const ObjectPtr o = AttributePolicy::build(aes_template(), {});
    EXPECT_EQ(o->object_class(), CKO_SECRET_KEY);
    EXPECT_EQ(o->key_type(), CKK_AES);
    EXPECT_FALSE(o->is_token());
    EXPECT_TRUE(o->is_private());
    EXPECT_TRUE(o->get_bool(CKA_SENSITIVE));
    EXPECT_FALSE(o->get_bool(CKA_EXTRACTABLE, true));
    EXPECT_FALSE(o->get_bool(CKA_ALWAYS_SENSITIVE, true));
    EXPECT_FALSE(o->get_bool(CKA_NEVER_EXTRACTABLE, true));
    EXPECT_FALSE(o->get_bool(CKA_LOCAL, true));
    EXPECT_EQ(o->get_ulong(CKA_KEY_GEN_MECHANISM, 0), CK_UNAVAILABLE_INFORMATION);
    EXPECT_EQ(o->get_ulong(CKA_VALUE_LEN), 16u);
    EXPECT_TRUE(o->get_bool(CKA_MODIFIABLE));
    EXPECT_TRUE(o->get_bool(CKA_COPYABLE));
    EXPECT_TRUE(o->get_bool(CKA_DESTROYABLE));
}

TEST(AttributePolicy, GeneratedKeyIsLocalAndKeepsItsHistory) {
    Template t;
    t.add_ulong(CKA_VALUE_LEN, 32);
    const ObjectPtr o = AttributePolicy::build(t, generating(CKM_AES_KEY_GEN));
    EXPECT_TRUE(o->get_bool(CKA_LOCAL));
    EXPECT_EQ(o->get_ulong(CKA_KEY_GEN_MECHANISM), CKM_AES_KEY_GEN);
    EXPECT_TRUE(o->get_bool(CKA_ALWAYS_SENSITIVE));
    EXPECT_TRUE(o->get_bool(CKA_NEVER_EXTRACTABLE));

    Template open;
    open.add_ulong(CKA_VALUE_LEN, 16);
    open.add_bool(CKA_SENSITIVE, false);
    open.add_bool(CKA_EXTRACTABLE, true);
    const ObjectPtr p = AttributePolicy::build(open, generating(CKM_AES_KEY_GEN));
    EXPECT_FALSE(p->get_bool(CKA_ALWAYS_SENSITIVE, true));
    EXPECT_FALSE(p->get_bool(CKA_NEVER_EXTRACTABLE, true));
}

TEST(AttributePolicy, GenerationRules) {
    // CKA_VALUE must not be given to key generation; CKA_VALUE_LEN must be.
    Template with_value;
    with_value.add(CKA_VALUE, Bytes(16, 1));
    with_value.add_ulong(CKA_VALUE_LEN, 16);
    EXPECT_EQ(rv_of([&] { AttributePolicy::build(with_value, generating(CKM_AES_KEY_GEN)); }),
              CKR_TEMPLATE_INCONSISTENT);
    EXPECT_EQ(rv_of([&] { AttributePolicy::build(Template{}, generating(CKM_AES_KEY_GEN)); }),
              CKR_TEMPLATE_INCOMPLETE);
    // The mechanism fixes the class; a template that says otherwise is inconsistent.
    Template other_class;
    other_class.add_ulong(CKA_CLASS, CKO_PUBLIC_KEY);
    other_class.add_ulong(CKA_VALUE_LEN, 16);
    EXPECT_EQ(rv_of([&] { AttributePolicy::build(other_class, generating(CKM_AES_KEY_GEN)); }),
              CKR_TEMPLATE_INCONSISTENT);
    // ...while repeating the implied class is fine.
    Template same_class;
    same_class.add_ulong(CKA_CLASS, CKO_SECRET_KEY);
    same_class.add_ulong(CKA_VALUE_LEN, 16);
    EXPECT_EQ(rv_of([&] { AttributePolicy::build(same_class, generating(CKM_AES_KEY_GEN)); }),
              CKR_OK);
}

TEST(AttributePolicy, DerivedKeysInheritTheBaseKeyHistory) {
    NewObjectContext ctx;
    ctx.path = CreationPath::Derive;
    ctx.implied_class = CKO_SECRET_KEY;
    ctx.implied_key_type = CKK_AES;
    Template t;
    t.add_ulong(CKA_VALUE_LEN, 16);
    ctx.base_always_sensitive = false;
    ctx.base_never_extractable = true;
    const ObjectPtr o = AttributePolicy::build(t, ctx);
    EXPECT_FALSE(o->get_bool(CKA_ALWAYS_SENSITIVE, true));
    EXPECT_TRUE(o->get_bool(CKA_NEVER_EXTRACTABLE));
}

TEST(AttributePolicy, TokenSetAttributesCannotBeSupplied) {
    Template t = aes_template();
    t.add_bool(CKA_LOCAL, true);
    EXPECT_EQ(rv_of([&] { AttributePolicy::build(t, {}); }), CKR_ATTRIBUTE_READ_ONLY);
    Template u = aes_template();
    u.add_bool(CKA_ALWAYS_SENSITIVE, true);
    EXPECT_EQ(rv_of([&] { AttributePolicy::build(u, {}); }), CKR_ATTRIBUTE_READ_ONLY);
}

TEST(AttributePolicy, TrustedIsForTheSoOnly) {
    Template t;
    t.add_ulong(CKA_CLASS, CKO_CERTIFICATE);
    t.add_ulong(CKA_CERTIFICATE_TYPE, CKC_X_509);
    t.add(CKA_SUBJECT, Bytes{0x30, 0x00});
    t.add(CKA_VALUE, Bytes{0x30, 0x00});
    t.add_bool(CKA_TRUSTED, true);
    EXPECT_EQ(rv_of([&] { AttributePolicy::build(t, {}); }), CKR_ATTRIBUTE_READ_ONLY);
    NewObjectContext so;
    so.so_logged_in = true;
    EXPECT_TRUE(AttributePolicy::build(t, so)->get_bool(CKA_TRUSTED));
}

TEST(AttributePolicy, HiddenAttributes) {
    const ObjectPtr sensitive = AttributePolicy::build(aes_template(), {});
    EXPECT_TRUE(AttributePolicy::is_hidden(*sensitive, CKA_VALUE));
    EXPECT_FALSE(AttributePolicy::is_hidden(*sensitive, CKA_LABEL));
    EXPECT_FALSE(AttributePolicy::is_hidden(*sensitive, CKA_VALUE_LEN));

    Template t = aes_template();
    t.add_bool(CKA_SENSITIVE, false);
    t.add_bool(CKA_EXTRACTABLE, true);
    const ObjectPtr open = AttributePolicy::build(t, {});
    EXPECT_FALSE(AttributePolicy::is_hidden(*open, CKA_VALUE));

    // A data object's value is never hidden.
    Template d;
    d.add_ulong(CKA_CLASS, CKO_DATA);
    d.add(CKA_VALUE, Bytes{1, 2, 3});
    EXPECT_FALSE(AttributePolicy::is_hidden(*AttributePolicy::build(d, {}), CKA_VALUE));
}

TEST(AttributePolicy, GetAttributesFollowsTheFiveCases) {
    const ObjectPtr key = AttributePolicy::build(aes_template(), {});
    CK_BYTE value[32], label[1];
    CK_ULONG len = 0;
    CK_ATTRIBUTE t[] = {
        {CKA_VALUE, value, sizeof value},    // case 1: sensitive
        {CKA_MODULUS, value, sizeof value},  // case 2: not an attribute of this object
        {CKA_VALUE_LEN, nullptr, 0},         // case 3: length
        {CKA_KEY_TYPE, &len, sizeof len},    // case 4: copied
        {CKA_CLASS, label, sizeof label},    // case 5: too small
    };
    const CK_RV rv = AttributePolicy::get_attributes(*key, t, 5);
    EXPECT_TRUE(rv == CKR_ATTRIBUTE_SENSITIVE || rv == CKR_ATTRIBUTE_TYPE_INVALID ||
                rv == CKR_BUFFER_TOO_SMALL);
    EXPECT_EQ(t[0].ulValueLen, CK_UNAVAILABLE_INFORMATION);
    EXPECT_EQ(t[1].ulValueLen, CK_UNAVAILABLE_INFORMATION);
    EXPECT_EQ(t[2].ulValueLen, sizeof(CK_ULONG));
    EXPECT_EQ(t[3].ulValueLen, sizeof(CK_ULONG));
    EXPECT_EQ(len, CKK_AES);
    EXPECT_EQ(t[4].ulValueLen, CK_UNAVAILABLE_INFORMATION);

    CK_ATTRIBUTE ok{CKA_VALUE_LEN, &len, sizeof len};
    EXPECT_EQ(AttributePolicy::get_attributes(*key, &ok, 1), CKR_OK);
    EXPECT_EQ(len, 16u);
}

TEST(AttributePolicy, SetAttributesIsAllOrNothing) {
    Template d;
    d.add_ulong(CKA_CLASS, CKO_DATA);
    d.add(CKA_LABEL, Bytes{'o', 'l', 'd'});
    const ObjectPtr o = AttributePolicy::build(d, {});
    Template change;
    change.add(CKA_LABEL, Bytes{'n', 'e', 'w'});
    change.add_ulong(CKA_CLASS, CKO_CERTIFICATE);
    EXPECT_EQ(rv_of([&] { AttributePolicy::set_attributes(*o, change, false); }),
              CKR_ATTRIBUTE_READ_ONLY);
    EXPECT_EQ(o->get(CKA_LABEL)->size(), 3u);
    EXPECT_EQ((*o->get(CKA_LABEL))[0], 'o');
    // Setting an attribute to the value it already has is not a modification.
    Template same;
    same.add_ulong(CKA_CLASS, CKO_DATA);
    EXPECT_EQ(rv_of([&] { AttributePolicy::set_attributes(*o, same, false); }), CKR_OK);
}

TEST(AttributePolicy, OnceOnlyBooleans) {
    const ObjectPtr key = AttributePolicy::build(aes_template(), {});
    Template unsensitive;
    unsensitive.add_bool(CKA_SENSITIVE, false);
    EXPECT_EQ(rv_of([&] { AttributePolicy::set_attributes(*key, unsensitive, false); }),
              CKR_ATTRIBUTE_READ_ONLY);
    Template extractable;
    extractable.add_bool(CKA_EXTRACTABLE, true);
    EXPECT_EQ(rv_of([&] { AttributePolicy::set_attributes(*key, extractable, false); }),
              CKR_ATTRIBUTE_READ_ONLY);
    Template wwt;
    wwt.add_bool(CKA_WRAP_WITH_TRUSTED, true);
    AttributePolicy::set_attributes(*key, wwt, false);
    Template unwwt;
    unwwt.add_bool(CKA_WRAP_WITH_TRUSTED, false);
    EXPECT_EQ(rv_of([&] { AttributePolicy::set_attributes(*key, unwwt, false); }),
              CKR_ATTRIBUTE_READ_ONLY);
}

TEST(AttributePolicy, UnmodifiableObjects) {
    Template d;
    d.add_ulong(CKA_CLASS, CKO_DATA);
    d.add_bool(CKA_MODIFIABLE, false);
    const ObjectPtr o = AttributePolicy::build(d, {});
    Template label;
    label.add(CKA_LABEL, Bytes{'x'});
    EXPECT_EQ(rv_of([&] { AttributePolicy::set_attributes(*o, label, false); }),
              CKR_ACTION_PROHIBITED);
}

TEST(AttributePolicy, CopyRules) {
    Template d;
    d.add_ulong(CKA_CLASS, CKO_DATA);
    d.add(CKA_VALUE, Bytes{9, 9});
    const ObjectPtr src = AttributePolicy::build(d, {});
    Template to_token;
    to_token.add_bool(CKA_TOKEN, true);
    to_token.add_bool(CKA_PRIVATE, true);
    to_token.add_bool(CKA_MODIFIABLE, false);
    const ObjectPtr copy = AttributePolicy::copy(*src, to_token, false);
    EXPECT_TRUE(copy->is_token());
    EXPECT_TRUE(copy->is_private());
    EXPECT_FALSE(copy->get_bool(CKA_MODIFIABLE, true));
    EXPECT_FALSE(src->is_token());
    // MODIFIABLE / COPYABLE / DESTROYABLE only tighten in a copy.
    Template loosen;
    loosen.add_bool(CKA_MODIFIABLE, true);
    EXPECT_EQ(rv_of([&] { AttributePolicy::copy(*copy, loosen, false); }), CKR_ATTRIBUTE_READ_ONLY);

    Template nocopy;
    nocopy.add_ulong(CKA_CLASS, CKO_DATA);
    nocopy.add_bool(CKA_COPYABLE, false);
    const ObjectPtr locked = AttributePolicy::build(nocopy, {});
    EXPECT_EQ(rv_of([&] { AttributePolicy::copy(*locked, Template{}, false); }),
              CKR_ACTION_PROHIBITED);
}

TEST(AttributePolicy, CopyMadeUnextractableWasNeverNeverExtractable) {
    Template t = aes_template();
    t.add_bool(CKA_EXTRACTABLE, true);
    t.add_bool(CKA_SENSITIVE, false);
    const ObjectPtr src = AttributePolicy::build(t, {});
    Template tighten;
    tighten.add_bool(CKA_EXTRACTABLE, false);
    const ObjectPtr copy = AttributePolicy::copy(*src, tighten, false);
    EXPECT_FALSE(copy->get_bool(CKA_EXTRACTABLE, true));
    EXPECT_FALSE(copy->get_bool(CKA_NEVER_EXTRACTABLE, true));
}

TEST(AttributePolicy, MatchesNeverUsesHiddenValues) {
    const ObjectPtr key = AttributePolicy::build(aes_template(), {});
    Template by_value;
    by_value.add(CKA_VALUE, Bytes(16, 0x42));
    EXPECT_FALSE(AttributePolicy::matches(*key, by_value));
    Template by_type;
    by_type.add_ulong(CKA_KEY_TYPE, CKK_AES);
    EXPECT_TRUE(AttributePolicy::matches(*key, by_type));
    EXPECT_TRUE(AttributePolicy::matches(*key, Template{}));
    Template absent;
    absent.add(CKA_MODULUS, Bytes{1});
    EXPECT_FALSE(AttributePolicy::matches(*key, absent));
}

TEST(AttributePolicy, KeyTypeValidity) {
    Template t;
    t.add_ulong(CKA_CLASS, CKO_SECRET_KEY);
    t.add_ulong(CKA_KEY_TYPE, CKK_RSA);
    t.add(CKA_VALUE, Bytes(16, 1));
    EXPECT_EQ(rv_of([&] { AttributePolicy::build(t, {}); }), CKR_TEMPLATE_INCONSISTENT);
    Template u;
    u.add_ulong(CKA_CLASS, CKO_SECRET_KEY);
    u.add_ulong(CKA_KEY_TYPE, 0x7ffffff0);
    u.add(CKA_VALUE, Bytes(16, 1));
    EXPECT_EQ(rv_of([&] { AttributePolicy::build(u, {}); }), CKR_ATTRIBUTE_VALUE_INVALID);
}

}  // namespace
}  // namespace craton
