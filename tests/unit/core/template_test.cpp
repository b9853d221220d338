// Template: copying caller templates once at the boundary, typed accessors, limits, and the
// nested-template encoding used for CKA_WRAP_TEMPLATE and friends.
#include "core/template.h"

#include <gtest/gtest.h>

#include <cstring>

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

TEST(Template, CopiesCallerValues) {
    CK_ULONG cls = CKO_DATA;
    char label[] = "label";
    CK_ATTRIBUTE attrs[] = {{CKA_CLASS, &cls, sizeof cls}, {CKA_LABEL, label, 5}};
    const Template t = Template::from_caller(attrs, 2);
    // Later changes to the caller's buffers do not reach the copy.
    cls = CKO_SECRET_KEY;
    label[0] = 'X';
    ASSERT_EQ(t.entries().size(), 2u);
    EXPECT_EQ(t.get_ulong(CKA_CLASS), CKO_DATA);
    const auto* e = t.find(CKA_LABEL);
    ASSERT_NE(e, nullptr);
    EXPECT_EQ(std::string(e->value.begin(), e->value.end()), "label");
    EXPECT_EQ(t.find(CKA_VALUE), nullptr);
    EXPECT_FALSE(t.get_bool(CKA_TOKEN).has_value());
}

TEST(Template, EmptyTemplates) {
    EXPECT_TRUE(Template::from_caller(nullptr, 0).empty());
    CK_ATTRIBUTE a{CKA_LABEL, nullptr, 0};
    const Template t = Template::from_caller(&a, 1);
    ASSERT_EQ(t.entries().size(), 1u);
    EXPECT_TRUE(t.entries()[0].value.empty());  // an empty value, not a missing one
}

TEST(Template, CallerErrors) {
    EXPECT_EQ(rv_of([] { Template::from_caller(nullptr, 1); }), CKR_ARGUMENTS_BAD);
    CK_ATTRIBUTE a{CKA_CLASS, nullptr, 0};
    EXPECT_EQ(rv_of([&] { Template::from_caller(&a, 1000000); }), CKR_ARGUMENTS_BAD);
    CK_ATTRIBUTE no_value{CKA_LABEL, nullptr, 4};
    EXPECT_EQ(rv_of([&] { Template::from_caller(&no_value, 1); }), CKR_ATTRIBUTE_VALUE_INVALID);
    char one = 0;
    CK_ATTRIBUTE huge{CKA_VALUE, &one, ~CK_ULONG{0}};
    EXPECT_EQ(rv_of([&] { Template::from_caller(&huge, 1); }), CKR_ATTRIBUTE_VALUE_INVALID);
}

TEST(Template, TypedAccessorsCheckSizes) {
    Template t;
    t.add_bool(CKA_TOKEN, true);
    t.add_ulong(CKA_CLASS, CKO_CERTIFICATE);
    EXPECT_EQ(t.get_bool(CKA_TOKEN), true);
    EXPECT_EQ(t.get_ulong(CKA_CLASS), CKO_CERTIFICATE);
    // The wrong shape is an invalid value, not a silent misread.
    EXPECT_EQ(rv_of([&] { (void)t.get_ulong(CKA_TOKEN); }), CKR_ATTRIBUTE_VALUE_INVALID);
    EXPECT_EQ(rv_of([&] { (void)t.get_bool(CKA_CLASS); }), CKR_ATTRIBUTE_VALUE_INVALID);
    Template f;
    f.add_bool(CKA_PRIVATE, false);
    EXPECT_EQ(f.get_bool(CKA_PRIVATE), false);
}

TEST(Template, FindReturnsTheFirstOfDuplicates) {
    Template t;
    t.add(CKA_LABEL, view("a", 1));
    t.add(CKA_LABEL, view("b", 1));
    EXPECT_EQ(t.entries().size(), 2u);  // duplicates are kept for the policy to judge
    EXPECT_EQ(t.find(CKA_LABEL)->value[0], 'a');
}

TEST(Template, NestedTemplatesRoundTrip) {
    CK_BBOOL yes = CK_TRUE;
    CK_ULONG kt = CKK_AES;
    CK_ATTRIBUTE inner[] = {
        {CKA_EXTRACTABLE, &yes, 1}, {CKA_KEY_TYPE, &kt, sizeof kt}, {CKA_LABEL, nullptr, 0}};
    const SecureBytes enc = encode_nested_template(inner, 3);
    const Template back = decode_nested_template(ByteView(enc.data(), enc.size()));
    ASSERT_EQ(back.entries().size(), 3u);
    EXPECT_EQ(back.get_bool(CKA_EXTRACTABLE), true);
    EXPECT_EQ(back.get_ulong(CKA_KEY_TYPE), CKK_AES);
    EXPECT_TRUE(back.find(CKA_LABEL)->value.empty());

    // From a caller template, CKA_WRAP_TEMPLATE's value is encoded the same way.
    CK_ATTRIBUTE outer{CKA_WRAP_TEMPLATE, inner, sizeof inner};
    const Template t = Template::from_caller(&outer, 1);
    const auto& v = t.find(CKA_WRAP_TEMPLATE)->value;
    EXPECT_EQ(SecureBytes(v.begin(), v.end()), enc);
}

TEST(Template, NestedTemplateShapeIsChecked) {
    CK_ATTRIBUTE inner{CKA_LABEL, nullptr, 0};
    CK_ATTRIBUTE ragged{CKA_WRAP_TEMPLATE, &inner, sizeof inner + 1};
    EXPECT_EQ(rv_of([&] { Template::from_caller(&ragged, 1); }), CKR_ATTRIBUTE_VALUE_INVALID);
    // Templates nested inside nested templates beyond the limit are refused.
    CK_ATTRIBUTE level2{CKA_UNWRAP_TEMPLATE, &inner, sizeof inner};
    CK_ATTRIBUTE level1{CKA_WRAP_TEMPLATE, &level2, sizeof level2};
    CK_ATTRIBUTE level0{CKA_DERIVE_TEMPLATE, &level1, sizeof level1};
    EXPECT_EQ(rv_of([&] { Template::from_caller(&level0, 1); }), CKR_ATTRIBUTE_VALUE_INVALID);
}

TEST(Template, CorruptNestedEncodingIsRejected) {
    const std::uint8_t truncated[] = {1, 2, 3};
    EXPECT_NE(rv_of([&] { decode_nested_template(ByteView(truncated, sizeof truncated)); }),
              CKR_OK);
    // A length running past the end.
    SecureBytes bad(2 * sizeof(CK_ULONG), 0);
    const CK_ULONG too_long = 100;
    std::memcpy(bad.data() + sizeof(CK_ULONG), &too_long, sizeof too_long);
    EXPECT_NE(rv_of([&] { decode_nested_template(ByteView(bad.data(), bad.size())); }), CKR_OK);
}

TEST(Template, AllowedMechanismsIsNotANestedTemplate) {
    // CKA_ALLOWED_MECHANISMS carries the array flag but holds CK_MECHANISM_TYPEs.
    EXPECT_FALSE(is_array_attribute(CKA_ALLOWED_MECHANISMS));
    EXPECT_TRUE(is_array_attribute(CKA_WRAP_TEMPLATE));
    EXPECT_TRUE(is_array_attribute(CKA_UNWRAP_TEMPLATE));
    EXPECT_TRUE(is_array_attribute(CKA_DERIVE_TEMPLATE));
    EXPECT_FALSE(is_array_attribute(CKA_VALUE));
    CK_MECHANISM_TYPE mechs[] = {CKM_SHA256, CKM_AES_GCM, CKM_ECDSA};
    CK_ATTRIBUTE a{CKA_ALLOWED_MECHANISMS, mechs, sizeof mechs};
    const Template t = Template::from_caller(&a, 1);
    EXPECT_EQ(t.find(CKA_ALLOWED_MECHANISMS)->value.size(), sizeof mechs);
}

}  // namespace
}  // namespace craton
