// ML-KEM through PKCS#11 3.2: key generation, C_EncapsulateKey / C_DecapsulateKey, the
// attributes of keys and of the secrets they produce, import in seed and expanded form, the
// parameter-set rules, and the earlier product's vendor aliases.
#include <gtest/gtest.h>

#include "unit/mech/pqc_p11_util.h"

namespace craton::test::pqc {
namespace {

struct SetInfo {
    CK_ULONG ckp;
    CK_ULONG legacy_mech;
    std::size_t ek, dk, ct;
};
const SetInfo kSets[] = {
    {CKP_ML_KEM_512, CKM_CRATON_LEGACY_ML_KEM_512, 800, 1632, 768},
    {CKP_ML_KEM_768, CKM_CRATON_LEGACY_ML_KEM_768, 1184, 2400, 1088},
    {CKP_ML_KEM_1024, CKM_CRATON_LEGACY_ML_KEM_1024, 1568, 3168, 1568},
};

class MlKemP11 : public ::testing::TestWithParam<SetInfo> {
  protected:
    P11Session p11;
};

CK_ULONG object_count(P11Session& p11) {
    CK_OBJECT_HANDLE found[64];
    CK_ULONG n = 0;
    EXPECT_EQ(p11.fn()->C_FindObjectsInit(p11.session(), nullptr, 0), static_cast<CK_RV>(CKR_OK));
    EXPECT_EQ(p11.fn()->C_FindObjects(p11.session(), found, 64, &n), static_cast<CK_RV>(CKR_OK));
    EXPECT_EQ(p11.fn()->C_FindObjectsFinal(p11.session()), static_cast<CK_RV>(CKR_OK));
    return n;
}

TEST_P(MlKemP11, GenerateEncapsulateDecapsulate) {
    const SetInfo s = GetParam();
    const KeyPair kp = generate(p11, CKM_ML_KEM_KEY_PAIR_GEN, s.ckp);
    EXPECT_EQ(ulong_attribute(p11, kp.pub, CKA_KEY_TYPE), CKK_ML_KEM);
    EXPECT_EQ(ulong_attribute(p11, kp.pub, CKA_PARAMETER_SET), s.ckp);
    EXPECT_EQ(ulong_attribute(p11, kp.priv, CKA_PARAMETER_SET), s.ckp);
    EXPECT_EQ(p11.attribute(kp.pub, CKA_VALUE).size(), s.ek);
    EXPECT_TRUE(bool_attribute(p11, kp.pub, CKA_ENCAPSULATE));
    EXPECT_TRUE(bool_attribute(p11, kp.priv, CKA_DECAPSULATE));
    EXPECT_TRUE(bool_attribute(p11, kp.priv, CKA_LOCAL));
    EXPECT_EQ(ulong_attribute(p11, kp.priv, CKA_KEY_GEN_MECHANISM), CKM_ML_KEM_KEY_PAIR_GEN);
    // Sensitive parts are never readable from a default (sensitive, unextractable) key.
    EXPECT_EQ(attribute_rv(p11, kp.priv, CKA_SEED), CKR_ATTRIBUTE_SENSITIVE);
    EXPECT_EQ(attribute_rv(p11, kp.priv, CKA_VALUE), CKR_ATTRIBUTE_SENSITIVE);

    // A length query and a short buffer create no key.
    const CK_ULONG before = object_count(p11);
    CK_MECHANISM m{CKM_ML_KEM, nullptr, 0};
    const AttrBuilder readable = readable_secret();
    auto t = readable.build();
    CK_ULONG len = 0;
    CK_OBJECT_HANDLE key = 12345;
    ASSERT_EQ(fn32()->C_EncapsulateKey(p11.session(), &m, kp.pub, t.data(), t.size(), nullptr, &len,
                                       &key),
              CKR_OK);
    EXPECT_EQ(len, s.ct);
    EXPECT_EQ(key, CK_INVALID_HANDLE);
    Bytes ct(s.ct - 1);
    len = ct.size();
    EXPECT_EQ(fn32()->C_EncapsulateKey(p11.session(), &m, kp.pub, t.data(), t.size(), ct.data(),
                                       &len, &key),
              CKR_BUFFER_TOO_SMALL);
    EXPECT_EQ(len, s.ct);
    EXPECT_EQ(object_count(p11), before);

    CK_OBJECT_HANDLE sender = CK_INVALID_HANDLE, receiver = CK_INVALID_HANDLE;
    ASSERT_EQ(encapsulate(p11, CKM_ML_KEM, kp.pub, readable_secret(), ct, sender), CKR_OK);
    EXPECT_EQ(ct.size(), s.ct);
    ASSERT_EQ(decapsulate(p11, CKM_ML_KEM, kp.priv, readable_secret(), ct, receiver), CKR_OK);
    const Bytes k1 = p11.attribute(sender, CKA_VALUE);
    EXPECT_EQ(k1.size(), 32u);
    EXPECT_EQ(k1, p11.attribute(receiver, CKA_VALUE));
    EXPECT_EQ(ulong_attribute(p11, receiver, CKA_KEY_TYPE), CKK_GENERIC_SECRET);
    EXPECT_EQ(ulong_attribute(p11, receiver, CKA_VALUE_LEN), 32u);
    EXPECT_EQ(object_count(p11), before + 2);

    // CKA_VALUE_LEN 16: the first 16 bytes of the shared secret, on the receiving side.
    AttrBuilder short_key = readable_secret();
    short_key.add_ulong(CKA_VALUE_LEN, 16);
    CK_OBJECT_HANDLE k16 = CK_INVALID_HANDLE;
    ASSERT_EQ(decapsulate(p11, CKM_ML_KEM, kp.priv, short_key, ct, k16), CKR_OK);
    EXPECT_EQ(p11.attribute(k16, CKA_VALUE), Bytes(k1.begin(), k1.begin() + 16));
    EXPECT_EQ(ulong_attribute(p11, k16, CKA_VALUE_LEN), 16u);

    // A different ciphertext decapsulates (implicit rejection) to an unrelated secret.
    Bytes bad = ct;
    bad[5] ^= 1;
    CK_OBJECT_HANDLE rejected = CK_INVALID_HANDLE;
    ASSERT_EQ(decapsulate(p11, CKM_ML_KEM, kp.priv, readable_secret(), bad, rejected), CKR_OK);
    EXPECT_NE(p11.attribute(rejected, CKA_VALUE), k1);
}

TEST_P(MlKemP11, WrongParameterSetIsTemplateInconsistent) {
    const SetInfo s = GetParam();
    const CK_ULONG other = s.ckp == CKP_ML_KEM_512 ? CKP_ML_KEM_768 : CKP_ML_KEM_512;
    AttrBuilder pub, priv;
    pub.add_ulong(CKA_PARAMETER_SET, s.ckp);
    priv.add_ulong(CKA_PARAMETER_SET, other);
    KeyPair kp;
    EXPECT_EQ(generate_pair(p11, CKM_ML_KEM_KEY_PAIR_GEN, pub, priv, kp),
              CKR_TEMPLATE_INCONSISTENT);
    // A legacy per-set mechanism with a template naming another set.
    AttrBuilder other_pub;
    other_pub.add_ulong(CKA_PARAMETER_SET, other);
    EXPECT_EQ(generate_pair(p11, s.legacy_mech, other_pub, AttrBuilder(), kp),
              CKR_TEMPLATE_INCONSISTENT);

    // Import: a key value of another set's length under this CKA_PARAMETER_SET.
    const KeyPair real = generate(p11, CKM_ML_KEM_KEY_PAIR_GEN, other, true);
    CK_OBJECT_HANDLE h;
    EXPECT_EQ(import_key(p11, CKO_PUBLIC_KEY, CKK_ML_KEM, s.ckp,
                         {{CKA_VALUE, p11.attribute(real.pub, CKA_VALUE)}}, h),
              CKR_TEMPLATE_INCONSISTENT);
    EXPECT_EQ(import_key(p11, CKO_PRIVATE_KEY, CKK_ML_KEM, s.ckp,
                         {{CKA_VALUE, p11.attribute(real.priv, CKA_VALUE)}}, h),
              CKR_TEMPLATE_INCONSISTENT);
    // Decapsulating with a key of another set through its legacy mechanism.
    Bytes ct(s.ct, 0);
    CK_OBJECT_HANDLE key;
    EXPECT_EQ(decapsulate(p11, s.legacy_mech, real.priv, readable_secret(), ct, key),
              CKR_KEY_TYPE_INCONSISTENT);
}

TEST_P(MlKemP11, ImportSeedOrExpandedForm) {
    const SetInfo s = GetParam();
    const KeyPair kp = generate(p11, CKM_ML_KEM_KEY_PAIR_GEN, s.ckp, true);
    const Bytes seed = p11.attribute(kp.priv, CKA_SEED);
    const Bytes dk = p11.attribute(kp.priv, CKA_VALUE);
    ASSERT_EQ(seed.size(), 64u);
    ASSERT_EQ(dk.size(), s.dk);
    Bytes ct;
    CK_OBJECT_HANDLE sender;
    ASSERT_EQ(encapsulate(p11, CKM_ML_KEM, kp.pub, readable_secret(), ct, sender), CKR_OK);
    const Bytes k = p11.attribute(sender, CKA_VALUE);

    CK_OBJECT_HANDLE from_seed, from_dk, both;
    ASSERT_EQ(
        import_key(p11, CKO_PRIVATE_KEY, CKK_ML_KEM, s.ckp, {{CKA_SEED, seed}}, from_seed, true),
        CKR_OK);
    EXPECT_EQ(p11.attribute(from_seed, CKA_VALUE), dk);  // expanded at import
    ASSERT_EQ(import_key(p11, CKO_PRIVATE_KEY, CKK_ML_KEM, s.ckp, {{CKA_VALUE, dk}}, from_dk),
              CKR_OK);
    ASSERT_EQ(import_key(p11, CKO_PRIVATE_KEY, CKK_ML_KEM, s.ckp,
                         {{CKA_SEED, seed}, {CKA_VALUE, dk}}, both),
              CKR_OK);
    for (CK_OBJECT_HANDLE h : {from_seed, from_dk, both}) {
        CK_OBJECT_HANDLE r;
        ASSERT_EQ(decapsulate(p11, CKM_ML_KEM, h, readable_secret(), ct, r), CKR_OK);
        EXPECT_EQ(p11.attribute(r, CKA_VALUE), k);
    }
    // An imported key was once outside the token.
    EXPECT_FALSE(bool_attribute(p11, from_dk, CKA_LOCAL));
    EXPECT_FALSE(bool_attribute(p11, from_dk, CKA_ALWAYS_SENSITIVE));

    // Seed and expanded value of different keys; a value failing the FIPS 203 §7.3 hash check;
    // a seed of the wrong length; neither form.
    Bytes other_seed = seed;
    other_seed[0] ^= 1;
    CK_OBJECT_HANDLE h;
    EXPECT_EQ(import_key(p11, CKO_PRIVATE_KEY, CKK_ML_KEM, s.ckp,
                         {{CKA_SEED, other_seed}, {CKA_VALUE, dk}}, h),
              CKR_TEMPLATE_INCONSISTENT);
    Bytes bad_dk = dk;
    bad_dk[s.dk - 40] ^= 1;  // inside H(ek)
    EXPECT_EQ(import_key(p11, CKO_PRIVATE_KEY, CKK_ML_KEM, s.ckp, {{CKA_VALUE, bad_dk}}, h),
              CKR_ATTRIBUTE_VALUE_INVALID);
    EXPECT_EQ(import_key(p11, CKO_PRIVATE_KEY, CKK_ML_KEM, s.ckp,
                         {{CKA_SEED, Bytes(seed.begin(), seed.begin() + 32)}}, h),
              CKR_ATTRIBUTE_VALUE_INVALID);
    EXPECT_EQ(import_key(p11, CKO_PRIVATE_KEY, CKK_ML_KEM, s.ckp, {}, h), CKR_TEMPLATE_INCOMPLETE);
    // A public key whose coefficients are not reduced mod q (FIPS 203 §7.2).
    Bytes ek = p11.attribute(kp.pub, CKA_VALUE);
    ek[0] = 0xFF;
    ek[1] |= 0x0F;
    EXPECT_EQ(import_key(p11, CKO_PUBLIC_KEY, CKK_ML_KEM, s.ckp, {{CKA_VALUE, ek}}, h),
              CKR_ATTRIBUTE_VALUE_INVALID);
    EXPECT_EQ(import_key(p11, CKO_PUBLIC_KEY, CKK_ML_KEM, s.ckp, {{CKA_VALUE, Bytes(s.ek + 1)}}, h),
              CKR_ATTRIBUTE_VALUE_INVALID);
}

TEST_P(MlKemP11, LegacyVendorAliases) {
    const SetInfo s = GetParam();
    // The earlier product named the set by the mechanism and used its own key type number.
    AttrBuilder pub, priv;
    pub.add_ulong(CKA_KEY_TYPE, CKK_CRATON_LEGACY_ML_KEM);
    priv.add_ulong(CKA_KEY_TYPE, CKK_CRATON_LEGACY_ML_KEM).add_bool(CKA_DERIVE, true);
    KeyPair kp;
    ASSERT_EQ(generate_pair(p11, s.legacy_mech, pub, priv, kp), CKR_OK);
    EXPECT_EQ(ulong_attribute(p11, kp.pub, CKA_KEY_TYPE), CKK_ML_KEM);
    EXPECT_EQ(ulong_attribute(p11, kp.pub, CKA_PARAMETER_SET), s.ckp);

    Bytes ct;
    CK_OBJECT_HANDLE sender, receiver;
    ASSERT_EQ(encapsulate(p11, s.legacy_mech, kp.pub, readable_secret(), ct, sender), CKR_OK);
    ASSERT_EQ(decapsulate(p11, CKM_ML_KEM, kp.priv, readable_secret(), ct, receiver), CKR_OK);
    const Bytes k = p11.attribute(sender, CKA_VALUE);
    EXPECT_EQ(p11.attribute(receiver, CKA_VALUE), k);

    // Its decapsulation through C_DeriveKey, the ciphertext as mechanism parameter.
    CK_MECHANISM m{s.legacy_mech, ct.data(), static_cast<CK_ULONG>(ct.size())};
    AttrBuilder aes = readable_secret();
    aes.add_ulong(CKA_CLASS, CKO_SECRET_KEY)
        .add_ulong(CKA_KEY_TYPE, CKK_AES)
        .add_ulong(CKA_VALUE_LEN, 32);
    auto t = aes.build();
    CK_OBJECT_HANDLE derived;
    ASSERT_EQ(p11.fn()->C_DeriveKey(p11.session(), &m, kp.priv, t.data(), t.size(), &derived),
              CKR_OK);
    EXPECT_EQ(p11.attribute(derived, CKA_VALUE), k);

    // Finding by the legacy key type finds the standard keys.
    CK_KEY_TYPE legacy = CKK_CRATON_LEGACY_ML_KEM;
    CK_ATTRIBUTE q{CKA_KEY_TYPE, &legacy, sizeof legacy};
    CK_OBJECT_HANDLE found[8];
    CK_ULONG n = 0;
    ASSERT_EQ(p11.fn()->C_FindObjectsInit(p11.session(), &q, 1), CKR_OK);
    ASSERT_EQ(p11.fn()->C_FindObjects(p11.session(), found, 8, &n), CKR_OK);
    ASSERT_EQ(p11.fn()->C_FindObjectsFinal(p11.session()), CKR_OK);
    EXPECT_EQ(n, 2u);
}

std::string set_name(const ::testing::TestParamInfo<SetInfo>& p) {
    return p.param.ckp == CKP_ML_KEM_512   ? "ML_KEM_512"
           : p.param.ckp == CKP_ML_KEM_768 ? "ML_KEM_768"
                                           : "ML_KEM_1024";
}
INSTANTIATE_TEST_SUITE_P(AllSets, MlKemP11, ::testing::ValuesIn(kSets), set_name);

class MlKemRules : public ::testing::Test {
  protected:
    P11Session p11;
};

TEST_F(MlKemRules, GenerationNeedsAKnownParameterSet) {
    KeyPair kp;
    EXPECT_EQ(generate_pair(p11, CKM_ML_KEM_KEY_PAIR_GEN, AttrBuilder(), AttrBuilder(), kp),
              CKR_TEMPLATE_INCOMPLETE);
    AttrBuilder unknown;
    unknown.add_ulong(CKA_PARAMETER_SET, 7);
    EXPECT_EQ(generate_pair(p11, CKM_ML_KEM_KEY_PAIR_GEN, unknown, AttrBuilder(), kp),
              CKR_PARAMETER_SET_NOT_SUPPORTED);
    CK_OBJECT_HANDLE h;
    EXPECT_EQ(import_key(p11, CKO_PUBLIC_KEY, CKK_ML_KEM, 7, {{CKA_VALUE, Bytes(800)}}, h),
              CKR_PARAMETER_SET_NOT_SUPPORTED);
    // Key generation takes no mechanism parameter.
    CK_BYTE junk[4] = {};
    CK_MECHANISM m{CKM_ML_KEM_KEY_PAIR_GEN, junk, sizeof junk};
    AttrBuilder pub;
    pub.add_ulong(CKA_PARAMETER_SET, CKP_ML_KEM_768);
    auto pt = pub.build();
    CK_OBJECT_HANDLE a, b;
    EXPECT_EQ(
        p11.fn()->C_GenerateKeyPair(p11.session(), &m, pt.data(), pt.size(), nullptr, 0, &a, &b),
        CKR_MECHANISM_PARAM_INVALID);
}

TEST_F(MlKemRules, NewSecretKeyAttributes) {
    const KeyPair kp = generate(p11, CKM_ML_KEM_KEY_PAIR_GEN, CKP_ML_KEM_768);
    Bytes ct;
    CK_OBJECT_HANDLE sender, receiver;
    // Defaults: a sensitive, unextractable generic secret that was never local.
    ASSERT_EQ(encapsulate(p11, CKM_ML_KEM, kp.pub, AttrBuilder(), ct, sender), CKR_OK);
    ASSERT_EQ(decapsulate(p11, CKM_ML_KEM, kp.priv, AttrBuilder(), ct, receiver), CKR_OK);
    for (CK_OBJECT_HANDLE h : {sender, receiver}) {
        EXPECT_EQ(ulong_attribute(p11, h, CKA_CLASS), CKO_SECRET_KEY);
        EXPECT_FALSE(bool_attribute(p11, h, CKA_LOCAL));
        EXPECT_TRUE(bool_attribute(p11, h, CKA_ALWAYS_SENSITIVE));
        EXPECT_TRUE(bool_attribute(p11, h, CKA_NEVER_EXTRACTABLE));
        EXPECT_EQ(attribute_rv(p11, h, CKA_VALUE), CKR_ATTRIBUTE_SENSITIVE);
    }
    // An AES key of the full secret; a key longer than the secret; a key value in the template.
    AttrBuilder aes;
    aes.add_ulong(CKA_KEY_TYPE, CKK_AES).add_ulong(CKA_VALUE_LEN, 32);
    CK_OBJECT_HANDLE h;
    EXPECT_EQ(decapsulate(p11, CKM_ML_KEM, kp.priv, aes, ct, h), CKR_OK);
    EXPECT_EQ(ulong_attribute(p11, h, CKA_KEY_TYPE), CKK_AES);
    AttrBuilder too_long;
    too_long.add_ulong(CKA_VALUE_LEN, 33);
    EXPECT_EQ(decapsulate(p11, CKM_ML_KEM, kp.priv, too_long, ct, h), CKR_TEMPLATE_INCONSISTENT);
    AttrBuilder with_value;
    with_value.add(CKA_VALUE, Bytes(32));
    EXPECT_EQ(decapsulate(p11, CKM_ML_KEM, kp.priv, with_value, ct, h), CKR_TEMPLATE_INCONSISTENT);
    AttrBuilder not_secret;
    not_secret.add_ulong(CKA_CLASS, CKO_DATA);
    EXPECT_EQ(decapsulate(p11, CKM_ML_KEM, kp.priv, not_secret, ct, h), CKR_TEMPLATE_INCONSISTENT);

    // A decapsulating key that was once extractable makes keys that are not "never extractable".
    const KeyPair open = generate(p11, CKM_ML_KEM_KEY_PAIR_GEN, CKP_ML_KEM_768, true);
    ASSERT_EQ(encapsulate(p11, CKM_ML_KEM, open.pub, AttrBuilder(), ct, sender), CKR_OK);
    ASSERT_EQ(decapsulate(p11, CKM_ML_KEM, open.priv, AttrBuilder(), ct, receiver), CKR_OK);
    EXPECT_FALSE(bool_attribute(p11, receiver, CKA_ALWAYS_SENSITIVE));
    EXPECT_FALSE(bool_attribute(p11, receiver, CKA_NEVER_EXTRACTABLE));
    EXPECT_TRUE(bool_attribute(p11, sender, CKA_NEVER_EXTRACTABLE));
}

TEST_F(MlKemRules, KeyAndArgumentErrors) {
    const KeyPair kp = generate(p11, CKM_ML_KEM_KEY_PAIR_GEN, CKP_ML_KEM_512);
    Bytes ct;
    CK_OBJECT_HANDLE h;
    // Ciphertext of the wrong length.
    EXPECT_EQ(decapsulate(p11, CKM_ML_KEM, kp.priv, readable_secret(), Bytes(767), h),
              CKR_ENCRYPTED_DATA_LEN_RANGE);
    // The wrong half of the pair, and a key of another type.
    EXPECT_EQ(encapsulate(p11, CKM_ML_KEM, kp.priv, readable_secret(), ct, h),
              CKR_KEY_FUNCTION_NOT_PERMITTED);
    EXPECT_EQ(decapsulate(p11, CKM_ML_KEM, kp.pub, readable_secret(), Bytes(768), h),
              CKR_KEY_FUNCTION_NOT_PERMITTED);
    const KeyPair dsa = generate(p11, CKM_ML_DSA_KEY_PAIR_GEN, CKP_ML_DSA_44);
    EXPECT_EQ(encapsulate(p11, CKM_ML_KEM, dsa.pub, readable_secret(), ct, h),
              CKR_KEY_TYPE_INCONSISTENT);
    // Usage attribute off.
    CK_BBOOL no = CK_FALSE;
    CK_ATTRIBUTE off{CKA_ENCAPSULATE, &no, sizeof no};
    ASSERT_EQ(p11.fn()->C_SetAttributeValue(p11.session(), kp.pub, &off, 1), CKR_OK);
    EXPECT_EQ(encapsulate(p11, CKM_ML_KEM, kp.pub, readable_secret(), ct, h),
              CKR_KEY_FUNCTION_NOT_PERMITTED);
    // Mechanism parameter, NULL arguments, a bad handle, a mechanism that cannot encapsulate.
    CK_BYTE junk = 0;
    CK_MECHANISM with_param{CKM_ML_KEM, &junk, 1};
    CK_ULONG len = 0;
    EXPECT_EQ(fn32()->C_DecapsulateKey(p11.session(), &with_param, kp.priv, nullptr, 0,
                                       Bytes(768).data(), 768, &h),
              CKR_MECHANISM_PARAM_INVALID);
    CK_MECHANISM m{CKM_ML_KEM, nullptr, 0};
    EXPECT_EQ(
        fn32()->C_EncapsulateKey(p11.session(), &m, kp.pub, nullptr, 0, nullptr, &len, nullptr),
        CKR_ARGUMENTS_BAD);
    EXPECT_EQ(fn32()->C_EncapsulateKey(p11.session(), &m, kp.pub, nullptr, 0, nullptr, nullptr, &h),
              CKR_ARGUMENTS_BAD);
    EXPECT_EQ(fn32()->C_DecapsulateKey(p11.session(), &m, kp.priv, nullptr, 0, nullptr, 768, &h),
              CKR_ARGUMENTS_BAD);
    EXPECT_EQ(fn32()->C_EncapsulateKey(p11.session(), &m, 0xdead, nullptr, 0, nullptr, &len, &h),
              CKR_KEY_HANDLE_INVALID);
    CK_MECHANISM sha{CKM_SHA256, nullptr, 0};
    EXPECT_EQ(fn32()->C_EncapsulateKey(p11.session(), &sha, kp.pub, nullptr, 0, nullptr, &len, &h),
              CKR_MECHANISM_INVALID);
    EXPECT_EQ(fn32()->C_EncapsulateKey(0xbad, &m, kp.pub, nullptr, 0, nullptr, &len, &h),
              CKR_SESSION_HANDLE_INVALID);
    // CKA_ALLOWED_MECHANISMS is honoured.
    CK_MECHANISM_TYPE only_legacy = CKM_CRATON_LEGACY_ML_KEM_512;
    CK_ULONG ckp = CKP_ML_KEM_512;
    CK_OBJECT_CLASS cls = CKO_PUBLIC_KEY;
    CK_KEY_TYPE kt = CKK_ML_KEM;
    Bytes ek = p11.attribute(kp.pub, CKA_VALUE);
    CK_ATTRIBUTE tmpl[] = {{CKA_CLASS, &cls, sizeof cls},
                           {CKA_KEY_TYPE, &kt, sizeof kt},
                           {CKA_PARAMETER_SET, &ckp, sizeof ckp},
                           {CKA_VALUE, ek.data(), static_cast<CK_ULONG>(ek.size())},
                           {CKA_ALLOWED_MECHANISMS, &only_legacy, sizeof only_legacy}};
    CK_OBJECT_HANDLE restricted;
    ASSERT_EQ(p11.fn()->C_CreateObject(p11.session(), tmpl, 5, &restricted), CKR_OK);
    EXPECT_EQ(encapsulate(p11, CKM_ML_KEM, restricted, readable_secret(), ct, h),
              CKR_MECHANISM_INVALID);
    EXPECT_EQ(encapsulate(p11, CKM_CRATON_LEGACY_ML_KEM_512, restricted, readable_secret(), ct, h),
              CKR_OK);
}

TEST_F(MlKemRules, MechanismInfo) {
    CK_MECHANISM_INFO info{};
    ASSERT_EQ(p11.fn()->C_GetMechanismInfo(0, CKM_ML_KEM, &info), CKR_OK);
    EXPECT_EQ(info.flags & (CKF_ENCAPSULATE | CKF_DECAPSULATE), CKF_ENCAPSULATE | CKF_DECAPSULATE);
    ASSERT_EQ(p11.fn()->C_GetMechanismInfo(0, CKM_ML_KEM_KEY_PAIR_GEN, &info), CKR_OK);
    EXPECT_TRUE(info.flags & CKF_GENERATE_KEY_PAIR);
    EXPECT_EQ(info.ulMinKeySize, 800u);
    EXPECT_EQ(info.ulMaxKeySize, 1568u);
}

}  // namespace
}  // namespace craton::test::pqc
