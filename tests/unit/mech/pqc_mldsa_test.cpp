// ML-DSA through PKCS#11 3.2: key generation, pure signing with hedging and context, the
// HashML-DSA mechanisms (digest given, and hashed in the module), C_VerifySignature*, the
// parameter and key rules, key import in seed and expanded form, and the vendor aliases.
#include <openssl/evp.h>

#include <gtest/gtest.h>

#include "unit/mech/pqc_p11_util.h"

namespace craton::test::pqc {
namespace {

struct SetInfo {
    CK_ULONG ckp;
    CK_ULONG legacy_mech;
    std::size_t pk, sk, sig;
};
const SetInfo kSets[] = {
    {CKP_ML_DSA_44, CKM_CRATON_LEGACY_ML_DSA_44, 1312, 2560, 2420},
    {CKP_ML_DSA_65, CKM_CRATON_LEGACY_ML_DSA_65, 1952, 4032, 3309},
    {CKP_ML_DSA_87, CKM_CRATON_LEGACY_ML_DSA_87, 2592, 4896, 4627},
};

std::string set_name(const ::testing::TestParamInfo<SetInfo>& p) {
    return p.param.ckp == CKP_ML_DSA_44   ? "ML_DSA_44"
           : p.param.ckp == CKP_ML_DSA_65 ? "ML_DSA_65"
                                          : "ML_DSA_87";
}

class MlDsaP11 : public ::testing::TestWithParam<SetInfo> {
  protected:
    P11Session p11;
};

const Bytes kMessage = bytes_of("post-quantum signatures through PKCS#11 3.2");

TEST_P(MlDsaP11, GenerateSignVerifyPure) {
    const SetInfo s = GetParam();
    const KeyPair kp = generate(p11, CKM_ML_DSA_KEY_PAIR_GEN, s.ckp);
    EXPECT_EQ(ulong_attribute(p11, kp.pub, CKA_KEY_TYPE), CKK_ML_DSA);
    EXPECT_EQ(ulong_attribute(p11, kp.priv, CKA_PARAMETER_SET), s.ckp);
    EXPECT_EQ(p11.attribute(kp.pub, CKA_VALUE).size(), s.pk);
    EXPECT_EQ(attribute_rv(p11, kp.priv, CKA_SEED), CKR_ATTRIBUTE_SENSITIVE);
    EXPECT_EQ(attribute_rv(p11, kp.priv, CKA_VALUE), CKR_ATTRIBUTE_SENSITIVE);
    EXPECT_TRUE(bool_attribute(p11, kp.priv, CKA_ALWAYS_SENSITIVE));

    // No parameter: hedged, empty context. Two hedged signatures differ; both verify.
    CK_MECHANISM pure{CKM_ML_DSA, nullptr, 0};
    Bytes sig1, sig2;
    ASSERT_EQ(sign(p11, pure, kp.priv, kMessage, sig1), CKR_OK);
    ASSERT_EQ(sign(p11, pure, kp.priv, kMessage, sig2), CKR_OK);
    EXPECT_EQ(sig1.size(), s.sig);
    EXPECT_NE(sig1, sig2);
    EXPECT_EQ(verify(p11, pure, kp.pub, kMessage, sig1), CKR_OK);
    EXPECT_EQ(verify(p11, pure, kp.pub, kMessage, sig2), CKR_OK);
    Bytes other = kMessage;
    other[0] ^= 1;
    EXPECT_EQ(verify(p11, pure, kp.pub, other, sig1), CKR_SIGNATURE_INVALID);
    Bytes bad = sig1;
    bad[10] ^= 1;
    EXPECT_EQ(verify(p11, pure, kp.pub, kMessage, bad), CKR_SIGNATURE_INVALID);
    EXPECT_EQ(verify(p11, pure, kp.pub, kMessage, Bytes(sig1.begin(), sig1.end() - 1)),
              CKR_SIGNATURE_LEN_RANGE);

    // A context binds the signature: deterministic signing repeats exactly; another context
    // (or none) does not verify.
    SignContext ctx(CKH_DETERMINISTIC_REQUIRED, bytes_of("context A"));
    Bytes det1, det2;
    ASSERT_EQ(sign(p11, ctx.mechanism(CKM_ML_DSA), kp.priv, kMessage, det1), CKR_OK);
    ASSERT_EQ(sign(p11, ctx.mechanism(CKM_ML_DSA), kp.priv, kMessage, det2), CKR_OK);
    EXPECT_EQ(det1, det2);
    EXPECT_EQ(verify(p11, ctx.mechanism(CKM_ML_DSA), kp.pub, kMessage, det1), CKR_OK);
    SignContext other_ctx(CKH_HEDGE_REQUIRED, bytes_of("context B"));
    EXPECT_EQ(verify(p11, other_ctx.mechanism(CKM_ML_DSA), kp.pub, kMessage, det1),
              CKR_SIGNATURE_INVALID);
    EXPECT_EQ(verify(p11, pure, kp.pub, kMessage, det1), CKR_SIGNATURE_INVALID);
    SignContext hedged(CKH_HEDGE_REQUIRED, bytes_of("context A"));
    Bytes h1;
    ASSERT_EQ(sign(p11, hedged.mechanism(CKM_ML_DSA), kp.priv, kMessage, h1), CKR_OK);
    EXPECT_NE(h1, det1);
    EXPECT_EQ(verify(p11, ctx.mechanism(CKM_ML_DSA), kp.pub, kMessage, h1), CKR_OK);
    // A 255-byte context is the longest allowed.
    SignContext longest(CKH_HEDGE_PREFERRED, Bytes(255, 0x5a));
    ASSERT_EQ(sign(p11, longest.mechanism(CKM_ML_DSA), kp.priv, kMessage, h1), CKR_OK);
    EXPECT_EQ(verify(p11, longest.mechanism(CKM_ML_DSA), kp.pub, kMessage, h1), CKR_OK);
}

TEST_P(MlDsaP11, MultiPartEqualsSinglePart) {
    const SetInfo s = GetParam();
    const KeyPair kp = generate(p11, CKM_ML_DSA_KEY_PAIR_GEN, s.ckp);
    for (CK_MECHANISM_TYPE type : {CKM_ML_DSA, CKM_HASH_ML_DSA_SHA256, CKM_HASH_ML_DSA_SHAKE256}) {
        SignContext ctx(CKH_DETERMINISTIC_REQUIRED, bytes_of("multi"));
        CK_MECHANISM m = ctx.mechanism(type);
        Bytes single;
        ASSERT_EQ(sign(p11, m, kp.priv, kMessage, single), CKR_OK);
        ASSERT_EQ(p11.fn()->C_SignInit(p11.session(), &m, kp.priv), CKR_OK);
        Bytes part(kMessage.begin(), kMessage.begin() + 7);
        Bytes rest(kMessage.begin() + 7, kMessage.end());
        ASSERT_EQ(p11.fn()->C_SignUpdate(p11.session(), part.data(), part.size()), CKR_OK);
        ASSERT_EQ(p11.fn()->C_SignUpdate(p11.session(), rest.data(), rest.size()), CKR_OK);
        // Length query and a short buffer keep the operation.
        CK_ULONG len = 0;
        ASSERT_EQ(p11.fn()->C_SignFinal(p11.session(), nullptr, &len), CKR_OK);
        EXPECT_EQ(len, s.sig);
        Bytes multi(len);
        CK_ULONG small = 10;
        EXPECT_EQ(p11.fn()->C_SignFinal(p11.session(), multi.data(), &small), CKR_BUFFER_TOO_SMALL);
        ASSERT_EQ(p11.fn()->C_SignFinal(p11.session(), multi.data(), &len), CKR_OK);
        EXPECT_EQ(multi, single) << type;
        // Multi-part verification of the same signature.
        ASSERT_EQ(p11.fn()->C_VerifyInit(p11.session(), &m, kp.pub), CKR_OK);
        ASSERT_EQ(p11.fn()->C_VerifyUpdate(p11.session(), part.data(), part.size()), CKR_OK);
        ASSERT_EQ(p11.fn()->C_VerifyUpdate(p11.session(), rest.data(), rest.size()), CKR_OK);
        EXPECT_EQ(p11.fn()->C_VerifyFinal(p11.session(), multi.data(), multi.size()), CKR_OK);
    }
}

// HashML-DSA computed in the module equals HashML-DSA over a digest computed outside.
struct HashCase {
    CK_MECHANISM_TYPE in_module;
    CK_MECHANISM_TYPE digest_mech;
    const char* evp;
    std::size_t len;
};
const HashCase kHashes[] = {
    {CKM_HASH_ML_DSA_SHA224, CKM_SHA224, "SHA2-224", 28},
    {CKM_HASH_ML_DSA_SHA256, CKM_SHA256, "SHA2-256", 32},
    {CKM_HASH_ML_DSA_SHA384, CKM_SHA384, "SHA2-384", 48},
    {CKM_HASH_ML_DSA_SHA512, CKM_SHA512, "SHA2-512", 64},
    {CKM_HASH_ML_DSA_SHA3_224, CKM_SHA3_224, "SHA3-224", 28},
    {CKM_HASH_ML_DSA_SHA3_256, CKM_SHA3_256, "SHA3-256", 32},
    {CKM_HASH_ML_DSA_SHA3_384, CKM_SHA3_384, "SHA3-384", 48},
    {CKM_HASH_ML_DSA_SHA3_512, CKM_SHA3_512, "SHA3-512", 64},
    {CKM_HASH_ML_DSA_SHAKE128, CKM_SHAKE_128_KEY_DERIVATION, "SHAKE128", 32},
    {CKM_HASH_ML_DSA_SHAKE256, CKM_SHAKE_256_KEY_DERIVATION, "SHAKE256", 64},
};

Bytes digest(const char* evp, std::size_t len, const Bytes& msg) {
    EVP_MD* md = EVP_MD_fetch(nullptr, evp, nullptr);
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    Bytes out(len);
    unsigned n = 0;
    EVP_DigestInit_ex(ctx, md, nullptr);
    EVP_DigestUpdate(ctx, msg.data(), msg.size());
    if (EVP_MD_get_flags(md) & EVP_MD_FLAG_XOF) {
        EVP_DigestFinalXOF(ctx, out.data(), len);
    } else {
        EVP_DigestFinal_ex(ctx, out.data(), &n);
    }
    EVP_MD_CTX_free(ctx);
    EVP_MD_free(md);
    return out;
}

TEST_P(MlDsaP11, HashVariantsAgreeWithExternalDigest) {
    const SetInfo s = GetParam();
    const KeyPair kp = generate(p11, CKM_ML_DSA_KEY_PAIR_GEN, s.ckp);
    int checked = 0;
    for (const HashCase& h : kHashes) {
        SignContext in_module(CKH_DETERMINISTIC_REQUIRED, bytes_of("ph"));
        SignContext outside(CKH_DETERMINISTIC_REQUIRED, bytes_of("ph"), h.digest_mech);
        const Bytes d = digest(h.evp, h.len, kMessage);
        Bytes sig_a, sig_b;
        ASSERT_EQ(sign(p11, in_module.mechanism(h.in_module), kp.priv, kMessage, sig_a), CKR_OK);
        ASSERT_EQ(sign(p11, outside.hash_mechanism(CKM_HASH_ML_DSA), kp.priv, d, sig_b), CKR_OK);
        EXPECT_EQ(sig_a, sig_b) << h.evp;
        EXPECT_EQ(verify(p11, outside.hash_mechanism(CKM_HASH_ML_DSA), kp.pub, d, sig_a), CKR_OK);
        EXPECT_EQ(verify(p11, in_module.mechanism(h.in_module), kp.pub, kMessage, sig_b), CKR_OK);
        // Pre-hash and pure signatures are domain-separated.
        EXPECT_EQ(verify(p11, in_module.mechanism(CKM_ML_DSA), kp.pub, kMessage, sig_a),
                  CKR_SIGNATURE_INVALID);
        // A digest of the wrong length for the named hash.
        Bytes short_digest(d.begin(), d.end() - 1);
        EXPECT_EQ(sign(p11, outside.hash_mechanism(CKM_HASH_ML_DSA), kp.priv, short_digest, sig_b),
                  CKR_DATA_LEN_RANGE);
        ++checked;
    }
    EXPECT_EQ(checked, 10);
}

TEST_P(MlDsaP11, VerifySignatureWithSignatureAtInit) {
    const SetInfo s = GetParam();
    const KeyPair kp = generate(p11, CKM_ML_DSA_KEY_PAIR_GEN, s.ckp);
    CK_MECHANISM pure{CKM_ML_DSA, nullptr, 0};
    Bytes sig;
    ASSERT_EQ(sign(p11, pure, kp.priv, kMessage, sig), CKR_OK);
    auto* f = fn32();
    const auto data = const_cast<CK_BYTE*>(kMessage.data());
    ASSERT_EQ(f->C_VerifySignatureInit(p11.session(), &pure, kp.pub, sig.data(), sig.size()),
              CKR_OK);
    EXPECT_EQ(f->C_VerifySignature(p11.session(), data, kMessage.size()), CKR_OK);
    // Multi-part, and beside an ordinary C_VerifyInit operation.
    ASSERT_EQ(p11.fn()->C_VerifyInit(p11.session(), &pure, kp.pub), CKR_OK);
    ASSERT_EQ(f->C_VerifySignatureInit(p11.session(), &pure, kp.pub, sig.data(), sig.size()),
              CKR_OK);
    EXPECT_EQ(f->C_VerifySignatureInit(p11.session(), &pure, kp.pub, sig.data(), sig.size()),
              CKR_OPERATION_ACTIVE);
    ASSERT_EQ(f->C_VerifySignatureUpdate(p11.session(), data, 5), CKR_OK);
    ASSERT_EQ(f->C_VerifySignatureUpdate(p11.session(), data + 5, kMessage.size() - 5), CKR_OK);
    EXPECT_EQ(f->C_VerifySignatureFinal(p11.session()), CKR_OK);
    EXPECT_EQ(p11.fn()->C_Verify(p11.session(), data, kMessage.size(), sig.data(), sig.size()),
              CKR_OK);
    // A bad signature; an operation that was never started; NULL mechanism cancels.
    sig[0] ^= 1;
    ASSERT_EQ(f->C_VerifySignatureInit(p11.session(), &pure, kp.pub, sig.data(), sig.size()),
              CKR_OK);
    EXPECT_EQ(f->C_VerifySignature(p11.session(), data, kMessage.size()), CKR_SIGNATURE_INVALID);
    EXPECT_EQ(f->C_VerifySignatureFinal(p11.session()), CKR_OPERATION_NOT_INITIALIZED);
    ASSERT_EQ(f->C_VerifySignatureInit(p11.session(), &pure, kp.pub, sig.data(), sig.size()),
              CKR_OK);
    ASSERT_EQ(f->C_VerifySignatureInit(p11.session(), nullptr, kp.pub, nullptr, 0), CKR_OK);
    EXPECT_EQ(f->C_VerifySignature(p11.session(), data, kMessage.size()),
              CKR_OPERATION_NOT_INITIALIZED);
}

TEST_P(MlDsaP11, ImportSeedOrExpandedForm) {
    const SetInfo s = GetParam();
    const KeyPair kp = generate(p11, CKM_ML_DSA_KEY_PAIR_GEN, s.ckp, true);
    const Bytes seed = p11.attribute(kp.priv, CKA_SEED);
    const Bytes sk = p11.attribute(kp.priv, CKA_VALUE);
    const Bytes pk = p11.attribute(kp.pub, CKA_VALUE);
    ASSERT_EQ(seed.size(), 32u);
    ASSERT_EQ(sk.size(), s.sk);

    CK_OBJECT_HANDLE from_seed, from_sk, pub;
    ASSERT_EQ(
        import_key(p11, CKO_PRIVATE_KEY, CKK_ML_DSA, s.ckp, {{CKA_SEED, seed}}, from_seed, true),
        CKR_OK);
    EXPECT_EQ(p11.attribute(from_seed, CKA_VALUE), sk);
    ASSERT_EQ(import_key(p11, CKO_PRIVATE_KEY, CKK_ML_DSA, s.ckp, {{CKA_VALUE, sk}}, from_sk),
              CKR_OK);
    ASSERT_EQ(import_key(p11, CKO_PUBLIC_KEY, CKK_ML_DSA, s.ckp, {{CKA_VALUE, pk}}, pub), CKR_OK);
    SignContext det(CKH_DETERMINISTIC_REQUIRED, {});
    Bytes a, b, c;
    ASSERT_EQ(sign(p11, det.mechanism(CKM_ML_DSA), kp.priv, kMessage, a), CKR_OK);
    ASSERT_EQ(sign(p11, det.mechanism(CKM_ML_DSA), from_seed, kMessage, b), CKR_OK);
    ASSERT_EQ(sign(p11, det.mechanism(CKM_ML_DSA), from_sk, kMessage, c), CKR_OK);
    EXPECT_EQ(a, b);
    EXPECT_EQ(a, c);
    EXPECT_EQ(verify(p11, det.mechanism(CKM_ML_DSA), pub, kMessage, a), CKR_OK);

    CK_OBJECT_HANDLE h;
    Bytes other_seed = seed;
    other_seed[3] ^= 1;
    EXPECT_EQ(import_key(p11, CKO_PRIVATE_KEY, CKK_ML_DSA, s.ckp,
                         {{CKA_SEED, other_seed}, {CKA_VALUE, sk}}, h),
              CKR_TEMPLATE_INCONSISTENT);
    // s1's first coefficient encodes eta - x; all-ones bits are outside [-eta, eta].
    Bytes bad_sk = sk;
    bad_sk[128] = 0xFF;
    EXPECT_EQ(import_key(p11, CKO_PRIVATE_KEY, CKK_ML_DSA, s.ckp, {{CKA_VALUE, bad_sk}}, h),
              CKR_ATTRIBUTE_VALUE_INVALID);
    EXPECT_EQ(import_key(p11, CKO_PRIVATE_KEY, CKK_ML_DSA, s.ckp, {{CKA_SEED, Bytes(31)}}, h),
              CKR_ATTRIBUTE_VALUE_INVALID);
    EXPECT_EQ(import_key(p11, CKO_PUBLIC_KEY, CKK_ML_DSA, s.ckp, {{CKA_VALUE, Bytes(s.pk - 1)}}, h),
              CKR_ATTRIBUTE_VALUE_INVALID);
}

TEST_P(MlDsaP11, WrongParameterSetIsTemplateInconsistent) {
    const SetInfo s = GetParam();
    const CK_ULONG other = s.ckp == CKP_ML_DSA_44 ? CKP_ML_DSA_87 : CKP_ML_DSA_44;
    AttrBuilder pub, priv;
    pub.add_ulong(CKA_PARAMETER_SET, s.ckp);
    priv.add_ulong(CKA_PARAMETER_SET, other);
    KeyPair kp;
    EXPECT_EQ(generate_pair(p11, CKM_ML_DSA_KEY_PAIR_GEN, pub, priv, kp),
              CKR_TEMPLATE_INCONSISTENT);
    AttrBuilder other_pub;
    other_pub.add_ulong(CKA_PARAMETER_SET, other);
    EXPECT_EQ(generate_pair(p11, s.legacy_mech, other_pub, AttrBuilder(), kp),
              CKR_TEMPLATE_INCONSISTENT);
    const KeyPair real = generate(p11, CKM_ML_DSA_KEY_PAIR_GEN, other, true);
    CK_OBJECT_HANDLE h;
    EXPECT_EQ(import_key(p11, CKO_PUBLIC_KEY, CKK_ML_DSA, s.ckp,
                         {{CKA_VALUE, p11.attribute(real.pub, CKA_VALUE)}}, h),
              CKR_TEMPLATE_INCONSISTENT);
    EXPECT_EQ(import_key(p11, CKO_PRIVATE_KEY, CKK_ML_DSA, s.ckp,
                         {{CKA_VALUE, p11.attribute(real.priv, CKA_VALUE)}}, h),
              CKR_TEMPLATE_INCONSISTENT);
    // A legacy mechanism names a set: a key of another set does not fit it.
    CK_MECHANISM legacy{s.legacy_mech, nullptr, 0};
    EXPECT_EQ(p11.fn()->C_SignInit(p11.session(), &legacy, real.priv), CKR_KEY_TYPE_INCONSISTENT);
}

TEST_P(MlDsaP11, LegacyVendorAliases) {
    const SetInfo s = GetParam();
    AttrBuilder pub, priv;
    pub.add_ulong(CKA_KEY_TYPE, CKK_CRATON_LEGACY_ML_DSA);
    priv.add_ulong(CKA_KEY_TYPE, CKK_CRATON_LEGACY_ML_DSA);
    KeyPair kp;
    ASSERT_EQ(generate_pair(p11, s.legacy_mech, pub, priv, kp), CKR_OK);
    EXPECT_EQ(ulong_attribute(p11, kp.priv, CKA_KEY_TYPE), CKK_ML_DSA);
    EXPECT_EQ(ulong_attribute(p11, kp.priv, CKA_PARAMETER_SET), s.ckp);
    CK_MECHANISM legacy{s.legacy_mech, nullptr, 0};
    CK_MECHANISM pure{CKM_ML_DSA, nullptr, 0};
    Bytes sig;
    ASSERT_EQ(sign(p11, legacy, kp.priv, kMessage, sig), CKR_OK);
    EXPECT_EQ(verify(p11, pure, kp.pub, kMessage, sig), CKR_OK);
    ASSERT_EQ(sign(p11, pure, kp.priv, kMessage, sig), CKR_OK);
    EXPECT_EQ(verify(p11, legacy, kp.pub, kMessage, sig), CKR_OK);
}

INSTANTIATE_TEST_SUITE_P(AllSets, MlDsaP11, ::testing::ValuesIn(kSets), set_name);

class MlDsaRules : public ::testing::Test {
  protected:
    P11Session p11;
};

TEST_F(MlDsaRules, MechanismParameters) {
    const KeyPair kp = generate(p11, CKM_ML_DSA_KEY_PAIR_GEN, CKP_ML_DSA_44);
    auto init = [&](CK_MECHANISM m) { return p11.fn()->C_SignInit(p11.session(), &m, kp.priv); };
    SignContext too_long(CKH_HEDGE_PREFERRED, Bytes(256, 1));
    EXPECT_EQ(init(too_long.mechanism(CKM_ML_DSA)), CKR_MECHANISM_PARAM_INVALID);
    SignContext bad_hedge(3, {});
    EXPECT_EQ(init(bad_hedge.mechanism(CKM_ML_DSA)), CKR_MECHANISM_PARAM_INVALID);
    CK_SIGN_ADDITIONAL_CONTEXT null_ctx{CKH_HEDGE_PREFERRED, nullptr, 4};
    EXPECT_EQ(init({CKM_ML_DSA, &null_ctx, sizeof null_ctx}), CKR_MECHANISM_PARAM_INVALID);
    EXPECT_EQ(init({CKM_ML_DSA, &null_ctx, sizeof null_ctx - 1}), CKR_MECHANISM_PARAM_INVALID);
    // CKM_HASH_ML_DSA needs the hash; an unknown hash; the plain context struct.
    EXPECT_EQ(init({CKM_HASH_ML_DSA, nullptr, 0}), CKR_MECHANISM_PARAM_INVALID);
    SignContext md5(CKH_HEDGE_PREFERRED, {}, CKM_MD5);
    EXPECT_EQ(init(md5.hash_mechanism(CKM_HASH_ML_DSA)), CKR_MECHANISM_PARAM_INVALID);
    EXPECT_EQ(init(md5.mechanism(CKM_HASH_ML_DSA)), CKR_MECHANISM_PARAM_INVALID);
    // None of the failed inits left an operation behind.
    EXPECT_EQ(init({CKM_ML_DSA, nullptr, 0}), CKR_OK);
}

TEST_F(MlDsaRules, KeyRules) {
    const KeyPair kp = generate(p11, CKM_ML_DSA_KEY_PAIR_GEN, CKP_ML_DSA_65);
    const KeyPair kem = generate(p11, CKM_ML_KEM_KEY_PAIR_GEN, CKP_ML_KEM_768);
    CK_MECHANISM pure{CKM_ML_DSA, nullptr, 0};
    EXPECT_EQ(p11.fn()->C_SignInit(p11.session(), &pure, kem.priv), CKR_KEY_TYPE_INCONSISTENT);
    EXPECT_EQ(p11.fn()->C_SignInit(p11.session(), &pure, kp.pub), CKR_KEY_FUNCTION_NOT_PERMITTED);
    CK_BBOOL no = CK_FALSE;
    CK_ATTRIBUTE off{CKA_SIGN, &no, sizeof no};
    ASSERT_EQ(p11.fn()->C_SetAttributeValue(p11.session(), kp.priv, &off, 1), CKR_OK);
    EXPECT_EQ(p11.fn()->C_SignInit(p11.session(), &pure, kp.priv), CKR_KEY_FUNCTION_NOT_PERMITTED);
    // The key stays sensitive however it is asked for.
    CK_BBOOL yes = CK_TRUE;
    CK_ATTRIBUTE extractable{CKA_EXTRACTABLE, &yes, sizeof yes};
    EXPECT_EQ(p11.fn()->C_SetAttributeValue(p11.session(), kp.priv, &extractable, 1),
              CKR_ATTRIBUTE_READ_ONLY);
    CK_BYTE buf[64];
    CK_ATTRIBUTE seed{CKA_SEED, buf, sizeof buf};
    EXPECT_EQ(p11.fn()->C_GetAttributeValue(p11.session(), kp.priv, &seed, 1),
              CKR_ATTRIBUTE_SENSITIVE);
    EXPECT_EQ(seed.ulValueLen, CK_UNAVAILABLE_INFORMATION);
    // Generation without a parameter set, with an unknown one.
    KeyPair none;
    EXPECT_EQ(generate_pair(p11, CKM_ML_DSA_KEY_PAIR_GEN, AttrBuilder(), AttrBuilder(), none),
              CKR_TEMPLATE_INCOMPLETE);
    AttrBuilder unknown;
    unknown.add_ulong(CKA_PARAMETER_SET, 4);
    EXPECT_EQ(generate_pair(p11, CKM_ML_DSA_KEY_PAIR_GEN, unknown, AttrBuilder(), none),
              CKR_PARAMETER_SET_NOT_SUPPORTED);
}

}  // namespace
}  // namespace craton::test::pqc
