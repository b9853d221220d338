// CKM_EDDSA (Ed25519) rules through the ABI: RFC 8032 known answers, OpenSSL interop,
// CK_EDDSA_PARAMS handling, multi-part buffering and the output buffer protocol.
#include <openssl/evp.h>

#include <gtest/gtest.h>

#include "support/vector_file.h"
#include "unit/mech/ec_support.h"

namespace craton::test {
namespace {

using namespace craton::test::ec;

// RFC 8032 §7.1, TEST 1 and TEST 2.
struct Rfc8032 {
    const char* secret;
    const char* pub;
    const char* msg;
    const char* sig;
};
const Rfc8032 kRfc8032[] = {
    {"9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
     "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
     "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9"
     "b46bd25bf5f0595bbe24655141438e7a100b"},
    {"4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
     "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
     "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f1"
     "1d8c387b2eaeb4302aeeb00d291612bb0c00"},
};

TEST(EcEddsa, Rfc8032KnownAnswers) {
    EcSession s;
    for (const auto& v : kRfc8032) {
        const CK_OBJECT_HANDLE priv =
            s.private_key(CKK_EC_EDWARDS, kEd25519Oid, from_hex(v.secret));
        const CK_OBJECT_HANDLE pub =
            s.public_key(CKK_EC_EDWARDS, kEd25519Oid, octet_string(from_hex(v.pub)));
        const Bytes spki = s.attribute(priv, CKA_PUBLIC_KEY_INFO);
        EXPECT_EQ(Bytes(spki.end() - 32, spki.end()), from_hex(v.pub));
        Bytes sig;
        ASSERT_EQ(s.sign({CKM_EDDSA, nullptr, 0}, priv, from_hex(v.msg), &sig), CKR_OK);
        EXPECT_EQ(sig, from_hex(v.sig));
        EXPECT_EQ(s.verify({CKM_EDDSA, nullptr, 0}, pub, from_hex(v.msg), sig), CKR_OK);
    }
}

TEST(EcEddsa, MultiPartEqualsSinglePartAndOpensslVerifies) {
    EcSession s;
    CK_OBJECT_HANDLE pub, priv;
    ASSERT_EQ(s.generate(CKM_EC_EDWARDS_KEY_PAIR_GEN, printable("edwards25519"), &pub, &priv),
              CKR_OK);
    Pkey key = s.openssl_public(pub);
    ASSERT_TRUE(key);
    for (std::size_t len : {0u, 1u, 100u, 5000u}) {
        Bytes msg(len);
        for (std::size_t i = 0; i < len; ++i) msg[i] = static_cast<std::uint8_t>(i ^ 0x5a);
        Bytes single, multi;
        ASSERT_EQ(s.sign({CKM_EDDSA, nullptr, 0}, priv, msg, &single), CKR_OK);
        ASSERT_EQ(s.sign_multi({CKM_EDDSA, nullptr, 0}, priv, msg, 7, &multi), CKR_OK);
        EXPECT_EQ(single, multi);  // Ed25519 is deterministic
        EVP_MD_CTX* ctx = EVP_MD_CTX_new();
        ASSERT_EQ(EVP_DigestVerifyInit(ctx, nullptr, nullptr, nullptr, key.get()), 1);
        EXPECT_EQ(EVP_DigestVerify(ctx, single.data(), single.size(), msg.data(), msg.size()), 1);
        EVP_MD_CTX_free(ctx);
        EXPECT_EQ(s.verify_multi({CKM_EDDSA, nullptr, 0}, pub, msg, 3, single), CKR_OK);
    }
}

TEST(EcEddsa, Parameters) {
    EcSession s;
    CK_OBJECT_HANDLE pub, priv;
    ASSERT_EQ(s.generate(CKM_EC_EDWARDS_KEY_PAIR_GEN, kEd25519Oid, &pub, &priv), CKR_OK);
    const Bytes msg = {1, 2, 3};
    Bytes plain, with_params;
    ASSERT_EQ(s.sign({CKM_EDDSA, nullptr, 0}, priv, msg, &plain), CKR_OK);
    // phFlag FALSE and no context: plain Ed25519, the same signature.
    CK_EDDSA_PARAMS pure{CK_FALSE, 0, nullptr};
    ASSERT_EQ(s.sign({CKM_EDDSA, &pure, sizeof pure}, priv, msg, &with_params), CKR_OK);
    EXPECT_EQ(with_params, plain);
    // Ed25519ph and Ed25519ctx are not available: refused at *Init.
    CK_BYTE ctx_data[] = {'c', 't', 'x'};
    CK_EDDSA_PARAMS ph{CK_TRUE, 0, nullptr};
    CK_EDDSA_PARAMS ctx{CK_FALSE, sizeof ctx_data, ctx_data};
    for (CK_EDDSA_PARAMS* p : {&ph, &ctx}) {
        CK_MECHANISM m{CKM_EDDSA, p, sizeof *p};
        EXPECT_EQ(s.fn()->C_SignInit(s.session(), &m, priv),
                  static_cast<CK_RV>(CKR_MECHANISM_PARAM_INVALID));
        EXPECT_EQ(s.fn()->C_VerifyInit(s.session(), &m, pub),
                  static_cast<CK_RV>(CKR_MECHANISM_PARAM_INVALID));
    }
    CK_MECHANISM short_param{CKM_EDDSA, &pure, sizeof pure - 1};
    EXPECT_EQ(s.fn()->C_SignInit(s.session(), &short_param, priv),
              static_cast<CK_RV>(CKR_MECHANISM_PARAM_INVALID));
    CK_MECHANISM null_with_len{CKM_EDDSA, nullptr, sizeof pure};
    EXPECT_EQ(s.fn()->C_SignInit(s.session(), &null_with_len, priv),
              static_cast<CK_RV>(CKR_MECHANISM_PARAM_INVALID));
}

TEST(EcEddsa, KeyChecksAndFailures) {
    EcSession s;
    CK_OBJECT_HANDLE pub, priv, ecpub, ecpriv;
    ASSERT_EQ(s.generate(CKM_EC_EDWARDS_KEY_PAIR_GEN, kEd25519Oid, &pub, &priv), CKR_OK);
    ASSERT_EQ(s.generate(CKM_EC_KEY_PAIR_GEN, kP256Oid, &ecpub, &ecpriv), CKR_OK);
    CK_MECHANISM m{CKM_EDDSA, nullptr, 0};
    EXPECT_EQ(s.fn()->C_SignInit(s.session(), &m, ecpriv),
              static_cast<CK_RV>(CKR_KEY_TYPE_INCONSISTENT));
    EXPECT_EQ(s.fn()->C_VerifyInit(s.session(), &m, ecpub),
              static_cast<CK_RV>(CKR_KEY_TYPE_INCONSISTENT));
    const Bytes msg = {9, 9, 9};
    Bytes sig;
    ASSERT_EQ(s.sign(m, priv, msg, &sig), CKR_OK);
    Bytes bad = sig;
    bad[40] ^= 4;
    EXPECT_EQ(s.verify(m, pub, msg, bad), static_cast<CK_RV>(CKR_SIGNATURE_INVALID));
    EXPECT_EQ(s.verify(m, pub, msg, Bytes(sig.begin(), sig.end() - 1)),
              static_cast<CK_RV>(CKR_SIGNATURE_LEN_RANGE));
    EXPECT_EQ(s.verify(m, pub, {9, 9}, sig), static_cast<CK_RV>(CKR_SIGNATURE_INVALID));

    // Output buffer protocol: length query and a short buffer keep the operation.
    ASSERT_EQ(s.fn()->C_SignInit(s.session(), &m, priv), CKR_OK);
    CK_ULONG len = 0;
    auto* data = const_cast<std::uint8_t*>(msg.data());
    ASSERT_EQ(s.fn()->C_Sign(s.session(), data, msg.size(), nullptr, &len), CKR_OK);
    EXPECT_EQ(len, 64u);
    Bytes out(63);
    len = out.size();
    EXPECT_EQ(s.fn()->C_Sign(s.session(), data, msg.size(), out.data(), &len),
              static_cast<CK_RV>(CKR_BUFFER_TOO_SMALL));
    out.assign(64, 0);
    ASSERT_EQ(s.fn()->C_Sign(s.session(), data, msg.size(), out.data(), &len), CKR_OK);
    EXPECT_EQ(out, sig);
}

}  // namespace
}  // namespace craton::test
