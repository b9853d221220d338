// ECDSA mechanism rules through the ABI: every hash mechanism signs what OpenSSL verifies with
// the public key read back from the module, multi-part equals single-part, raw CKM_ECDSA
// truncation, parameter and key checks, and the output buffer protocol.
#include <openssl/evp.h>

#include <gtest/gtest.h>

#include "unit/mech/ec_support.h"

namespace craton::test {
namespace {

using namespace craton::test::ec;

bool openssl_verifies(EVP_PKEY* key, const Bytes& digest_value, const Bytes& p1363) {
    const Bytes der = p1363_to_der(p1363);
    EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_pkey(nullptr, key, nullptr);
    const bool ok =
        EVP_PKEY_verify_init(ctx) == 1 &&
        EVP_PKEY_verify(ctx, der.data(), der.size(), digest_value.data(), digest_value.size()) == 1;
    EVP_PKEY_CTX_free(ctx);
    return ok;
}

Bytes message(std::size_t n) {
    Bytes m(n);
    for (std::size_t i = 0; i < n; ++i) m[i] = static_cast<std::uint8_t>(i * 7 + 3);
    return m;
}

struct KeyPair {
    CK_OBJECT_HANDLE pub = CK_INVALID_HANDLE, priv = CK_INVALID_HANDLE;
};

KeyPair generate(EcSession& s, const Bytes& params) {
    KeyPair k;
    EXPECT_EQ(s.generate(CKM_EC_KEY_PAIR_GEN, params, &k.pub, &k.priv), CKR_OK);
    return k;
}

TEST(EcEcdsa, EveryHashMechanismOnBothCurves) {
    EcSession s("[algorithms]\nallow_sha1_signing = true\n");
    const struct {
        CK_MECHANISM_TYPE mech;
        const char* md;
    } hashes[] = {{CKM_ECDSA_SHA1, "SHA1"},         {CKM_ECDSA_SHA224, "SHA2-224"},
                  {CKM_ECDSA_SHA256, "SHA2-256"},   {CKM_ECDSA_SHA384, "SHA2-384"},
                  {CKM_ECDSA_SHA512, "SHA2-512"},   {CKM_ECDSA_SHA3_224, "SHA3-224"},
                  {CKM_ECDSA_SHA3_256, "SHA3-256"}, {CKM_ECDSA_SHA3_384, "SHA3-384"},
                  {CKM_ECDSA_SHA3_512, "SHA3-512"}};
    for (const auto& [params, n] : {std::pair{kP256Oid, 32u}, std::pair{kP384Oid, 48u}}) {
        const KeyPair k = generate(s, params);
        Pkey pub = s.openssl_public(k.pub);
        ASSERT_TRUE(pub);
        for (std::size_t len : {0u, 1u, 200u, 1000u}) {
            const Bytes msg = message(len);
            for (const auto& h : hashes) {
                Bytes single, multi;
                ASSERT_EQ(s.sign({h.mech, nullptr, 0}, k.priv, msg, &single), CKR_OK);
                ASSERT_EQ(s.sign_multi({h.mech, nullptr, 0}, k.priv, msg, 4, &multi), CKR_OK);
                EXPECT_EQ(single.size(), 2 * n);
                EXPECT_EQ(multi.size(), 2 * n);
                EXPECT_TRUE(openssl_verifies(pub.get(), digest(h.md, msg), single)) << h.md;
                EXPECT_TRUE(openssl_verifies(pub.get(), digest(h.md, msg), multi)) << h.md;
                // Multi-part and single-part verification agree on both signatures.
                EXPECT_EQ(s.verify({h.mech, nullptr, 0}, k.pub, msg, multi), CKR_OK);
                EXPECT_EQ(s.verify_multi({h.mech, nullptr, 0}, k.pub, msg, 3, single), CKR_OK);
                // And the raw mechanism accepts the same signature over the digest.
                EXPECT_EQ(s.verify({CKM_ECDSA, nullptr, 0}, k.pub, digest(h.md, msg), single),
                          CKR_OK);
            }
        }
    }
}

TEST(EcEcdsa, RawInputLongerThanTheOrderIsTruncated) {
    EcSession s;
    const KeyPair k = generate(s, kP256Oid);
    Pkey pub = s.openssl_public(k.pub);
    const Bytes h512 = digest("SHA2-512", message(10));
    Bytes sig;
    ASSERT_EQ(s.sign({CKM_ECDSA, nullptr, 0}, k.priv, h512, &sig), CKR_OK);
    // ECDSA uses the leftmost bits of the hash: the signature is over the first 32 bytes.
    EXPECT_TRUE(openssl_verifies(pub.get(), Bytes(h512.begin(), h512.begin() + 32), sig));
    EXPECT_EQ(s.verify({CKM_ECDSA_SHA512, nullptr, 0}, k.pub, message(10), sig), CKR_OK);
    // Short inputs are signed as they are (as small integers).
    const Bytes shorty = {0x01, 0x02, 0x03};
    ASSERT_EQ(s.sign({CKM_ECDSA, nullptr, 0}, k.priv, shorty, &sig), CKR_OK);
    EXPECT_TRUE(openssl_verifies(pub.get(), shorty, sig));
    // CKM_ECDSA buffers multi-part input rather than refusing it.
    ASSERT_EQ(s.sign_multi({CKM_ECDSA, nullptr, 0}, k.priv, h512, 5, &sig), CKR_OK);
    EXPECT_EQ(s.verify({CKM_ECDSA, nullptr, 0}, k.pub, h512, sig), CKR_OK);
}

TEST(EcEcdsa, VerificationFailures) {
    EcSession s;
    const KeyPair k = generate(s, kP256Oid);
    const Bytes msg = message(50);
    Bytes sig;
    ASSERT_EQ(s.sign({CKM_ECDSA_SHA256, nullptr, 0}, k.priv, msg, &sig), CKR_OK);
    const CK_MECHANISM m{CKM_ECDSA_SHA256, nullptr, 0};
    Bytes bad = sig;
    bad[10] ^= 0x01;
    EXPECT_EQ(s.verify(m, k.pub, msg, bad), static_cast<CK_RV>(CKR_SIGNATURE_INVALID));
    Bytes other = msg;
    other[0] ^= 0x80;
    EXPECT_EQ(s.verify(m, k.pub, other, sig), static_cast<CK_RV>(CKR_SIGNATURE_INVALID));
    // r || s must be exactly twice the order length; DER is not accepted.
    EXPECT_EQ(s.verify(m, k.pub, msg, Bytes(sig.begin(), sig.end() - 1)),
              static_cast<CK_RV>(CKR_SIGNATURE_LEN_RANGE));
    Bytes longer = sig;
    longer.push_back(0);
    EXPECT_EQ(s.verify(m, k.pub, msg, longer), static_cast<CK_RV>(CKR_SIGNATURE_LEN_RANGE));
    EXPECT_EQ(s.verify(m, k.pub, msg, p1363_to_der(sig)),
              static_cast<CK_RV>(CKR_SIGNATURE_LEN_RANGE));
    EXPECT_EQ(s.verify_multi(m, k.pub, msg, 2, Bytes(95, 1)),
              static_cast<CK_RV>(CKR_SIGNATURE_LEN_RANGE));
    // Zero r or s.
    EXPECT_EQ(s.verify(m, k.pub, msg, Bytes(64, 0)), static_cast<CK_RV>(CKR_SIGNATURE_INVALID));
    // The failed operation has ended: verifying again needs a new C_VerifyInit.
    EXPECT_EQ(s.fn()->C_Verify(s.session(), const_cast<std::uint8_t*>(msg.data()), msg.size(),
                               sig.data(), sig.size()),
              static_cast<CK_RV>(CKR_OPERATION_NOT_INITIALIZED));
}

TEST(EcEcdsa, KeyAndParameterChecks) {
    EcSession s;
    const KeyPair k = generate(s, kP256Oid);
    CK_OBJECT_HANDLE edpub, edpriv, xpub, xpriv;
    ASSERT_EQ(s.generate(CKM_EC_EDWARDS_KEY_PAIR_GEN, kEd25519Oid, &edpub, &edpriv), CKR_OK);
    ASSERT_EQ(s.generate(CKM_EC_MONTGOMERY_KEY_PAIR_GEN, kX25519Oid, &xpub, &xpriv), CKR_OK);
    CK_MECHANISM m{CKM_ECDSA_SHA256, nullptr, 0};
    EXPECT_EQ(s.fn()->C_SignInit(s.session(), &m, edpriv),
              static_cast<CK_RV>(CKR_KEY_TYPE_INCONSISTENT));
    EXPECT_EQ(s.fn()->C_SignInit(s.session(), &m, xpriv),
              static_cast<CK_RV>(CKR_KEY_TYPE_INCONSISTENT));
    EXPECT_EQ(s.fn()->C_VerifyInit(s.session(), &m, edpub),
              static_cast<CK_RV>(CKR_KEY_TYPE_INCONSISTENT));
    // A public key cannot sign, a private key cannot verify.
    EXPECT_EQ(s.fn()->C_SignInit(s.session(), &m, k.pub),
              static_cast<CK_RV>(CKR_KEY_FUNCTION_NOT_PERMITTED));
    EXPECT_EQ(s.fn()->C_VerifyInit(s.session(), &m, k.priv),
              static_cast<CK_RV>(CKR_KEY_FUNCTION_NOT_PERMITTED));
    // ECDSA takes no parameter.
    CK_ULONG junk = 0;
    CK_MECHANISM with_param{CKM_ECDSA_SHA256, &junk, sizeof junk};
    EXPECT_EQ(s.fn()->C_SignInit(s.session(), &with_param, k.priv),
              static_cast<CK_RV>(CKR_MECHANISM_PARAM_INVALID));
    EXPECT_EQ(s.fn()->C_VerifyInit(s.session(), &with_param, k.pub),
              static_cast<CK_RV>(CKR_MECHANISM_PARAM_INVALID));
    // CKA_SIGN FALSE.
    const CK_BBOOL no = CK_FALSE;
    CK_ATTRIBUTE off{CKA_SIGN, const_cast<CK_BBOOL*>(&no), sizeof no};
    ASSERT_EQ(s.fn()->C_SetAttributeValue(s.session(), k.priv, &off, 1), CKR_OK);
    EXPECT_EQ(s.fn()->C_SignInit(s.session(), &m, k.priv),
              static_cast<CK_RV>(CKR_KEY_FUNCTION_NOT_PERMITTED));
}

TEST(EcEcdsa, Sha1SigningFollowsPolicy) {
    EcSession s;  // default configuration: SHA-1 signatures refused
    const KeyPair k = generate(s, kP256Oid);
    CK_MECHANISM m{CKM_ECDSA_SHA1, nullptr, 0};
    EXPECT_EQ(s.fn()->C_SignInit(s.session(), &m, k.priv),
              static_cast<CK_RV>(CKR_MECHANISM_INVALID));
    // Verifying old SHA-1 signatures stays possible: sign the SHA-1 digest raw, verify hashed.
    const Bytes msg = message(30);
    Bytes sig;
    ASSERT_EQ(s.sign({CKM_ECDSA, nullptr, 0}, k.priv, digest("SHA1", msg), &sig), CKR_OK);
    EXPECT_EQ(s.verify(m, k.pub, msg, sig), CKR_OK);
}

TEST(EcEcdsa, OutputBufferProtocolKeepsTheOperation) {
    EcSession s;
    const KeyPair k = generate(s, kP384Oid);
    const Bytes msg = message(20);
    CK_MECHANISM m{CKM_ECDSA_SHA384, nullptr, 0};
    ASSERT_EQ(s.fn()->C_SignInit(s.session(), &m, k.priv), CKR_OK);
    CK_ULONG len = 0;
    auto* data = const_cast<std::uint8_t*>(msg.data());
    ASSERT_EQ(s.fn()->C_Sign(s.session(), data, msg.size(), nullptr, &len), CKR_OK);
    EXPECT_EQ(len, 96u);  // exact: 2 x 48
    Bytes sig(95);
    len = sig.size();
    ASSERT_EQ(s.fn()->C_Sign(s.session(), data, msg.size(), sig.data(), &len),
              static_cast<CK_RV>(CKR_BUFFER_TOO_SMALL));
    EXPECT_EQ(len, 96u);
    sig.assign(96, 0);
    ASSERT_EQ(s.fn()->C_Sign(s.session(), data, msg.size(), sig.data(), &len), CKR_OK);
    EXPECT_EQ(s.verify(m, k.pub, msg, sig), CKR_OK);

    // Same through C_SignFinal.
    ASSERT_EQ(s.fn()->C_SignInit(s.session(), &m, k.priv), CKR_OK);
    ASSERT_EQ(s.fn()->C_SignUpdate(s.session(), data, msg.size()), CKR_OK);
    len = 10;
    Bytes small(10);
    ASSERT_EQ(s.fn()->C_SignFinal(s.session(), small.data(), &len),
              static_cast<CK_RV>(CKR_BUFFER_TOO_SMALL));
    EXPECT_EQ(len, 96u);
    ASSERT_EQ(s.fn()->C_SignFinal(s.session(), sig.data(), &len), CKR_OK);
    EXPECT_EQ(s.verify(m, k.pub, msg, sig), CKR_OK);
}

}  // namespace
}  // namespace craton::test
