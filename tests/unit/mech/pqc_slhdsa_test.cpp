// SLH-DSA through PKCS#11 3.2. The fast ("f") parameter sets run in the normal suite; the small
// ("s") sets sign about thirty times slower, so their generate/sign/verify tests and the legacy
// vendor mechanisms (which name SHA2-128s and SHA2-256s) are in SlhDsaSlowP11, excluded from CI;
// their parameter-set and sensitivity rules, which need no signature, run in the normal suite
// (SlhDsaSmallSetRulesP11).
#include <gtest/gtest.h>

#include "support/vector_file.h"
#include "unit/mech/pqc_p11_util.h"

namespace craton::test::pqc {
namespace {

struct SetInfo {
    CK_ULONG ckp;
    const char* name;
    std::size_t n, sig;
};
const SetInfo kFast[] = {
    {CKP_SLH_DSA_SHA2_128F, "SHA2_128F", 16, 17088},
    {CKP_SLH_DSA_SHAKE_128F, "SHAKE_128F", 16, 17088},
    {CKP_SLH_DSA_SHA2_192F, "SHA2_192F", 24, 35664},
    {CKP_SLH_DSA_SHAKE_192F, "SHAKE_192F", 24, 35664},
    {CKP_SLH_DSA_SHA2_256F, "SHA2_256F", 32, 49856},
    {CKP_SLH_DSA_SHAKE_256F, "SHAKE_256F", 32, 49856},
};
const SetInfo kSmall[] = {
    {CKP_SLH_DSA_SHA2_128S, "SHA2_128S", 16, 7856},
    {CKP_SLH_DSA_SHAKE_128S, "SHAKE_128S", 16, 7856},
    {CKP_SLH_DSA_SHA2_192S, "SHA2_192S", 24, 16224},
    {CKP_SLH_DSA_SHAKE_192S, "SHAKE_192S", 24, 16224},
    {CKP_SLH_DSA_SHA2_256S, "SHA2_256S", 32, 29792},
    {CKP_SLH_DSA_SHAKE_256S, "SHAKE_256S", 32, 29792},
};

std::string set_name(const ::testing::TestParamInfo<SetInfo>& p) {
    return p.param.name;
}

const Bytes kMessage = bytes_of("stateless hash-based signatures");

// Generation, pure signing with and without context, deterministic and hedged, one pre-hash
// mechanism computed in the module and over a given digest, and C_VerifySignature.
void sign_verify_round(P11Session& p11, const SetInfo& s) {
    const KeyPair kp = generate(p11, CKM_SLH_DSA_KEY_PAIR_GEN, s.ckp);
    EXPECT_EQ(ulong_attribute(p11, kp.pub, CKA_KEY_TYPE), CKK_SLH_DSA);
    EXPECT_EQ(ulong_attribute(p11, kp.priv, CKA_PARAMETER_SET), s.ckp);
    EXPECT_EQ(p11.attribute(kp.pub, CKA_VALUE).size(), 2 * s.n);
    EXPECT_EQ(attribute_rv(p11, kp.priv, CKA_VALUE), CKR_ATTRIBUTE_SENSITIVE);
    EXPECT_EQ(attribute_rv(p11, kp.priv, CKA_SEED), CKR_ATTRIBUTE_TYPE_INVALID);

    SignContext det(CKH_DETERMINISTIC_REQUIRED, bytes_of("ctx"));
    SignContext hedged(CKH_HEDGE_PREFERRED, bytes_of("ctx"));
    Bytes d1, d2, h1;
    ASSERT_EQ(sign(p11, det.mechanism(CKM_SLH_DSA), kp.priv, kMessage, d1), CKR_OK);
    ASSERT_EQ(sign(p11, det.mechanism(CKM_SLH_DSA), kp.priv, kMessage, d2), CKR_OK);
    ASSERT_EQ(sign(p11, hedged.mechanism(CKM_SLH_DSA), kp.priv, kMessage, h1), CKR_OK);
    EXPECT_EQ(d1.size(), s.sig);
    EXPECT_EQ(d1, d2);
    EXPECT_NE(d1, h1);
    EXPECT_EQ(verify(p11, det.mechanism(CKM_SLH_DSA), kp.pub, kMessage, d1), CKR_OK);
    EXPECT_EQ(verify(p11, det.mechanism(CKM_SLH_DSA), kp.pub, kMessage, h1), CKR_OK);
    CK_MECHANISM no_ctx{CKM_SLH_DSA, nullptr, 0};
    EXPECT_EQ(verify(p11, no_ctx, kp.pub, kMessage, d1), CKR_SIGNATURE_INVALID);
    Bytes bad = d1;
    bad[s.n + 3] ^= 1;
    EXPECT_EQ(verify(p11, det.mechanism(CKM_SLH_DSA), kp.pub, kMessage, bad),
              CKR_SIGNATURE_INVALID);
    EXPECT_EQ(
        verify(p11, det.mechanism(CKM_SLH_DSA), kp.pub, kMessage, Bytes(d1.begin(), d1.end() - 1)),
        CKR_SIGNATURE_LEN_RANGE);

    // HashSLH-DSA-SHA256 in the module, and over a digest computed by the module's C_Digest.
    CK_MECHANISM sha{CKM_SHA256, nullptr, 0};
    Bytes digest(32);
    CK_ULONG dlen = digest.size();
    ASSERT_EQ(p11.fn()->C_DigestInit(p11.session(), &sha), CKR_OK);
    ASSERT_EQ(p11.fn()->C_Digest(p11.session(), const_cast<CK_BYTE*>(kMessage.data()),
                                 kMessage.size(), digest.data(), &dlen),
              CKR_OK);
    SignContext prehash(CKH_DETERMINISTIC_REQUIRED, bytes_of("ctx"), CKM_SHA256);
    Bytes p1, p2;
    ASSERT_EQ(sign(p11, det.mechanism(CKM_HASH_SLH_DSA_SHA256), kp.priv, kMessage, p1), CKR_OK);
    ASSERT_EQ(sign(p11, prehash.hash_mechanism(CKM_HASH_SLH_DSA), kp.priv, digest, p2), CKR_OK);
    EXPECT_EQ(p1, p2);
    EXPECT_EQ(verify(p11, prehash.hash_mechanism(CKM_HASH_SLH_DSA), kp.pub, digest, p1), CKR_OK);
    EXPECT_EQ(verify(p11, det.mechanism(CKM_SLH_DSA), kp.pub, kMessage, p1), CKR_SIGNATURE_INVALID);

    auto* f = fn32();
    CK_MECHANISM m = det.mechanism(CKM_SLH_DSA);
    ASSERT_EQ(f->C_VerifySignatureInit(p11.session(), &m, kp.pub, d1.data(), d1.size()), CKR_OK);
    EXPECT_EQ(
        f->C_VerifySignature(p11.session(), const_cast<CK_BYTE*>(kMessage.data()), kMessage.size()),
        CKR_OK);
}

class SlhDsaP11 : public ::testing::TestWithParam<SetInfo> {
  protected:
    P11Session p11;
};

TEST_P(SlhDsaP11, GenerateSignVerify) {
    sign_verify_round(p11, GetParam());
}

// Streaming does not depend on the parameter set; one set per hash family is enough.
class SlhDsaMultiPartP11 : public SlhDsaP11 {};

TEST_P(SlhDsaMultiPartP11, MultiPartEqualsSinglePart) {
    const SetInfo s = GetParam();
    const KeyPair kp = generate(p11, CKM_SLH_DSA_KEY_PAIR_GEN, s.ckp);
    for (CK_MECHANISM_TYPE type : {CKM_SLH_DSA, CKM_HASH_SLH_DSA_SHAKE128}) {
        SignContext det(CKH_DETERMINISTIC_REQUIRED, {});
        CK_MECHANISM m = det.mechanism(type);
        Bytes single, multi(s.sig);
        ASSERT_EQ(sign(p11, m, kp.priv, kMessage, single), CKR_OK);
        ASSERT_EQ(p11.fn()->C_SignInit(p11.session(), &m, kp.priv), CKR_OK);
        for (std::size_t i = 0; i < kMessage.size(); i += 5) {
            const std::size_t n = std::min<std::size_t>(5, kMessage.size() - i);
            ASSERT_EQ(p11.fn()->C_SignUpdate(p11.session(), const_cast<CK_BYTE*>(&kMessage[i]), n),
                      CKR_OK);
        }
        CK_ULONG len = multi.size();
        ASSERT_EQ(p11.fn()->C_SignFinal(p11.session(), multi.data(), &len), CKR_OK);
        EXPECT_EQ(multi, single) << type;
    }
}

TEST_P(SlhDsaP11, ImportAndParameterSetRules) {
    const SetInfo s = GetParam();
    const KeyPair kp = generate(p11, CKM_SLH_DSA_KEY_PAIR_GEN, s.ckp, true);
    const Bytes sk = p11.attribute(kp.priv, CKA_VALUE);
    const Bytes pk = p11.attribute(kp.pub, CKA_VALUE);
    ASSERT_EQ(sk.size(), 4 * s.n);
    EXPECT_EQ(Bytes(sk.begin() + 2 * s.n, sk.end()), pk);  // SK ends with PK

    CK_OBJECT_HANDLE priv, pub, h;
    ASSERT_EQ(import_key(p11, CKO_PRIVATE_KEY, CKK_SLH_DSA, s.ckp, {{CKA_VALUE, sk}}, priv),
              CKR_OK);
    ASSERT_EQ(import_key(p11, CKO_PUBLIC_KEY, CKK_SLH_DSA, s.ckp, {{CKA_VALUE, pk}}, pub), CKR_OK);
    SignContext det(CKH_DETERMINISTIC_REQUIRED, {});
    Bytes a, b;
    ASSERT_EQ(sign(p11, det.mechanism(CKM_SLH_DSA), kp.priv, kMessage, a), CKR_OK);
    ASSERT_EQ(sign(p11, det.mechanism(CKM_SLH_DSA), priv, kMessage, b), CKR_OK);
    EXPECT_EQ(a, b);
    EXPECT_EQ(verify(p11, det.mechanism(CKM_SLH_DSA), pub, kMessage, a), CKR_OK);

    // A root that SK.seed and PK.seed do not produce; a seed form (3.2 has none for SLH-DSA).
    Bytes wrong_root = sk;
    wrong_root.back() ^= 1;
    EXPECT_EQ(import_key(p11, CKO_PRIVATE_KEY, CKK_SLH_DSA, s.ckp, {{CKA_VALUE, wrong_root}}, h),
              CKR_ATTRIBUTE_VALUE_INVALID);
    EXPECT_EQ(import_key(p11, CKO_PRIVATE_KEY, CKK_SLH_DSA, s.ckp,
                         {{CKA_VALUE, sk}, {CKA_SEED, Bytes(3 * s.n)}}, h),
              CKR_ATTRIBUTE_TYPE_INVALID);
    // A key of another security level under this parameter set; a length of no set.
    const CK_ULONG other = s.n == 16 ? CKP_SLH_DSA_SHA2_256F : CKP_SLH_DSA_SHA2_128F;
    const Bytes other_pk(s.n == 16 ? 64 : 32, 7);
    EXPECT_EQ(import_key(p11, CKO_PUBLIC_KEY, CKK_SLH_DSA, s.ckp, {{CKA_VALUE, other_pk}}, h),
              CKR_TEMPLATE_INCONSISTENT);
    EXPECT_EQ(import_key(p11, CKO_PUBLIC_KEY, CKK_SLH_DSA, s.ckp, {{CKA_VALUE, Bytes(33)}}, h),
              CKR_ATTRIBUTE_VALUE_INVALID);
    AttrBuilder pub_t, priv_t;
    pub_t.add_ulong(CKA_PARAMETER_SET, s.ckp);
    priv_t.add_ulong(CKA_PARAMETER_SET, other);
    KeyPair none;
    EXPECT_EQ(generate_pair(p11, CKM_SLH_DSA_KEY_PAIR_GEN, pub_t, priv_t, none),
              CKR_TEMPLATE_INCONSISTENT);
    // The legacy mechanisms name an "s" set; an "f" key does not fit them.
    CK_MECHANISM legacy{CKM_CRATON_LEGACY_SLH_DSA_SHA2_128S, nullptr, 0};
    EXPECT_EQ(p11.fn()->C_SignInit(p11.session(), &legacy, kp.priv), CKR_KEY_TYPE_INCONSISTENT);
}

INSTANTIATE_TEST_SUITE_P(FastSets, SlhDsaP11, ::testing::ValuesIn(kFast), set_name);
INSTANTIATE_TEST_SUITE_P(FastSets, SlhDsaMultiPartP11, ::testing::Values(kFast[0], kFast[1]),
                         set_name);

class SlhDsaRules : public ::testing::Test {
  protected:
    P11Session p11;
};

TEST_F(SlhDsaRules, ParametersAndKeys) {
    const KeyPair kp = generate(p11, CKM_SLH_DSA_KEY_PAIR_GEN, CKP_SLH_DSA_SHAKE_128F);
    auto init = [&](CK_MECHANISM m) { return p11.fn()->C_SignInit(p11.session(), &m, kp.priv); };
    SignContext too_long(CKH_HEDGE_PREFERRED, Bytes(256, 1));
    EXPECT_EQ(init(too_long.mechanism(CKM_SLH_DSA)), CKR_MECHANISM_PARAM_INVALID);
    EXPECT_EQ(init({CKM_HASH_SLH_DSA, nullptr, 0}), CKR_MECHANISM_PARAM_INVALID);
    const KeyPair dsa = generate(p11, CKM_ML_DSA_KEY_PAIR_GEN, CKP_ML_DSA_44);
    CK_MECHANISM pure{CKM_SLH_DSA, nullptr, 0};
    EXPECT_EQ(p11.fn()->C_SignInit(p11.session(), &pure, dsa.priv), CKR_KEY_TYPE_INCONSISTENT);
    KeyPair none;
    AttrBuilder unknown;
    unknown.add_ulong(CKA_PARAMETER_SET, 13);
    EXPECT_EQ(generate_pair(p11, CKM_SLH_DSA_KEY_PAIR_GEN, unknown, AttrBuilder(), none),
              CKR_PARAMETER_SET_NOT_SUPPORTED);
    EXPECT_EQ(generate_pair(p11, CKM_SLH_DSA_KEY_PAIR_GEN, AttrBuilder(), AttrBuilder(), none),
              CKR_TEMPLATE_INCOMPLETE);
}

// The "s" sets in the normal suite, without signing (their generate/sign/verify runs in
// SlhDsaSlowP11): the parameter-set rules, and a NIST ACVP keyGen key imported (the module
// recomputes PK.root, i.e. runs KeyGen for that set) with its secret value unreadable.
class SlhDsaSmallSetRulesP11 : public SlhDsaP11 {};

// "SHA2_128S" -> "SLH-DSA-SHA2-128s", the ACVP name.
std::string acvp_name(const SetInfo& s) {
    std::string name = std::string("SLH-DSA-") + s.name;
    for (char& c : name) {
        if (c == '_') c = '-';
    }
    name.back() = 's';
    return name;
}

TEST_P(SlhDsaSmallSetRulesP11, ParameterSetRulesAndSensitiveImport) {
    const SetInfo s = GetParam();
    // The "f" set of the same hash and level (CKP order: SHA2 s, SHAKE s, SHA2 f, SHAKE f), whose
    // keys have the same lengths, and a set of another level, whose keys do not.
    const CK_ULONG sibling = s.ckp + 2;
    const CK_ULONG other_level = s.n == 16 ? CKP_SLH_DSA_SHA2_256S : CKP_SLH_DSA_SHA2_128S;
    const std::size_t other_n = s.n == 16 ? 32 : 16;

    KeyPair none;
    for (CK_ULONG other : {sibling, other_level}) {
        AttrBuilder pub_t, priv_t;
        pub_t.add_ulong(CKA_PARAMETER_SET, s.ckp);
        priv_t.add_ulong(CKA_PARAMETER_SET, other);
        EXPECT_EQ(generate_pair(p11, CKM_SLH_DSA_KEY_PAIR_GEN, pub_t, priv_t, none),
                  CKR_TEMPLATE_INCONSISTENT)
            << other;
    }
    CK_OBJECT_HANDLE h;
    EXPECT_EQ(import_key(p11, CKO_PUBLIC_KEY, CKK_SLH_DSA, s.ckp,
                         {{CKA_VALUE, Bytes(2 * other_n, 7)}}, h),
              CKR_TEMPLATE_INCONSISTENT);
    EXPECT_EQ(import_key(p11, CKO_PRIVATE_KEY, CKK_SLH_DSA, s.ckp,
                         {{CKA_VALUE, Bytes(4 * other_n, 7)}}, h),
              CKR_TEMPLATE_INCONSISTENT);

    const auto vectors = load_vector_json("acvp/SLH-DSA-keyGen-FIPS205/internalProjection.json");
    const nlohmann::json* test = nullptr;
    for (const auto& group : vectors.at("testGroups")) {
        if (group.at("parameterSet") == acvp_name(s)) test = &group.at("tests").at(0);
    }
    ASSERT_NE(test, nullptr) << acvp_name(s);
    const Bytes sk = from_hex(test->at("sk").get<std::string>());
    const Bytes pk = from_hex(test->at("pk").get<std::string>());
    ASSERT_EQ(sk.size(), 4 * s.n);
    CK_OBJECT_HANDLE priv, pub;
    AttrBuilder priv_t;
    priv_t.add_ulong(CKA_CLASS, CKO_PRIVATE_KEY)
        .add_ulong(CKA_KEY_TYPE, CKK_SLH_DSA)
        .add_ulong(CKA_PARAMETER_SET, s.ckp)
        .add(CKA_VALUE, sk)
        .add_bool(CKA_SENSITIVE, true);
    auto t = priv_t.build();
    ASSERT_EQ(p11.fn()->C_CreateObject(p11.session(), t.data(), t.size(), &priv), CKR_OK);
    EXPECT_EQ(attribute_rv(p11, priv, CKA_VALUE), CKR_ATTRIBUTE_SENSITIVE);
    EXPECT_EQ(attribute_rv(p11, priv, CKA_SEED), CKR_ATTRIBUTE_TYPE_INVALID);
    EXPECT_EQ(ulong_attribute(p11, priv, CKA_PARAMETER_SET), s.ckp);
    ASSERT_EQ(import_key(p11, CKO_PUBLIC_KEY, CKK_SLH_DSA, s.ckp, {{CKA_VALUE, pk}}, pub), CKR_OK);
    EXPECT_EQ(p11.attribute(pub, CKA_VALUE), pk);
    // The same bytes under the same-length "f" set, and a root KeyGen does not produce.
    EXPECT_EQ(import_key(p11, CKO_PRIVATE_KEY, CKK_SLH_DSA, sibling, {{CKA_VALUE, sk}}, h),
              CKR_ATTRIBUTE_VALUE_INVALID);
    Bytes wrong_root = sk;
    wrong_root.back() ^= 1;
    EXPECT_EQ(import_key(p11, CKO_PRIVATE_KEY, CKK_SLH_DSA, s.ckp, {{CKA_VALUE, wrong_root}}, h),
              CKR_ATTRIBUTE_VALUE_INVALID);
}

INSTANTIATE_TEST_SUITE_P(SmallSets, SlhDsaSmallSetRulesP11, ::testing::ValuesIn(kSmall),
                         set_name);

// The "s" sets: seconds per signature on this class of machine.
class SlhDsaSlowP11 : public ::testing::TestWithParam<SetInfo> {
  protected:
    P11Session p11;
};

TEST_P(SlhDsaSlowP11, GenerateSignVerify) {
    sign_verify_round(p11, GetParam());
}

INSTANTIATE_TEST_SUITE_P(SmallSets, SlhDsaSlowP11, ::testing::ValuesIn(kSmall), set_name);

TEST(SlhDsaSlowLegacyP11, VendorAliases) {
    P11Session p11;
    for (const auto& [mech, ckp] :
         {std::pair{CKM_CRATON_LEGACY_SLH_DSA_SHA2_128S, CKP_SLH_DSA_SHA2_128S},
          std::pair{CKM_CRATON_LEGACY_SLH_DSA_SHA2_256S, CKP_SLH_DSA_SHA2_256S}}) {
        AttrBuilder pub, priv;
        pub.add_ulong(CKA_KEY_TYPE, CKK_CRATON_LEGACY_SLH_DSA);
        KeyPair kp;
        ASSERT_EQ(generate_pair(p11, mech, pub, priv, kp), CKR_OK);
        EXPECT_EQ(ulong_attribute(p11, kp.pub, CKA_KEY_TYPE), CKK_SLH_DSA);
        EXPECT_EQ(ulong_attribute(p11, kp.pub, CKA_PARAMETER_SET), ckp);
        CK_MECHANISM legacy{mech, nullptr, 0};
        CK_MECHANISM pure{CKM_SLH_DSA, nullptr, 0};
        Bytes sig;
        ASSERT_EQ(sign(p11, legacy, kp.priv, kMessage, sig), CKR_OK);
        EXPECT_EQ(verify(p11, pure, kp.pub, kMessage, sig), CKR_OK);
    }
}

}  // namespace
}  // namespace craton::test::pqc
