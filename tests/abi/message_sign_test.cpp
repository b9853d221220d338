// Message-based signing and verification (PKCS#11 3.0 sections 5.15, 5.16): each message's
// signature equals what a separate C_SignInit/C_Sign gives for the same data, whole or in
// parts; the buffer protocol, the per-message state rules, and the mechanism parameter being
// kept by the module after C_MessageSignInit returns.
#include <gtest/gtest.h>

#include "abi/module_fixture.h"

namespace craton::abitest {
namespace {

class MessageSignTest : public ModuleTest {
  protected:
    void SetUp() override {
        ModuleTest::SetUp();
        s_ = open(ready_token(), true);
        login_user(s_);
        Attrs a;
        a.ulong(CKA_CLASS, CKO_SECRET_KEY)
            .ulong(CKA_KEY_TYPE, CKK_GENERIC_SECRET)
            .boolean(CKA_TOKEN, false)
            .boolean(CKA_SIGN, true)
            .boolean(CKA_VERIFY, true)
            .bytes(CKA_VALUE, Bytes(32, 0x3c));
        hmac_ = create(s_, a);
    }

    // The reference: one C_SignInit + C_Sign.
    Bytes sign_once(CK_MECHANISM mech, CK_OBJECT_HANDLE key, const Bytes& data) {
        EXPECT_OK(p11()->C_SignInit(s_, &mech, key));
        Bytes sig(8192);
        CK_ULONG n = static_cast<CK_ULONG>(sig.size());
        EXPECT_OK(p11()->C_Sign(s_, const_cast<CK_BYTE*>(data.data()),
                                static_cast<CK_ULONG>(data.size()), sig.data(), &n));
        sig.resize(n);
        return sig;
    }

    Bytes sign_message(const Bytes& data) {
        CK_ULONG n = 0;
        EXPECT_OK(p11()->C_SignMessage(s_, nullptr, 0, const_cast<CK_BYTE*>(data.data()),
                                       static_cast<CK_ULONG>(data.size()), nullptr, &n));
        Bytes sig(n);
        EXPECT_OK(p11()->C_SignMessage(s_, nullptr, 0, const_cast<CK_BYTE*>(data.data()),
                                       static_cast<CK_ULONG>(data.size()), sig.data(), &n));
        sig.resize(n);
        return sig;
    }

    CK_SESSION_HANDLE s_ = CK_INVALID_HANDLE;
    CK_OBJECT_HANDLE hmac_ = CK_INVALID_HANDLE;
    CK_MECHANISM mac_{CKM_SHA256_HMAC, nullptr, 0};
    Bytes m1_ = Bytes(40, 0x01), m2_ = Bytes(300, 0x02);
};

TEST_F(MessageSignTest, EachMessageSignedAsASeparateSignWould) {
    const Bytes expect1 = sign_once(mac_, hmac_, m1_), expect2 = sign_once(mac_, hmac_, m2_);
    ASSERT_OK(p11()->C_MessageSignInit(s_, &mac_, hmac_));
    EXPECT_EQ(sign_message(m1_), expect1);
    EXPECT_EQ(sign_message(m2_), expect2);

    // In parts: begin, two parts that do not end the message, then the last with a length
    // query and a short buffer first (neither consumes the part).
    ASSERT_OK(p11()->C_SignMessageBegin(s_, nullptr, 0));
    ASSERT_OK(p11()->C_SignMessageNext(s_, nullptr, 0, m2_.data(), 100, nullptr, nullptr));
    ASSERT_OK(p11()->C_SignMessageNext(s_, nullptr, 0, m2_.data() + 100, 100, nullptr, nullptr));
    CK_ULONG n = 0;
    ASSERT_OK(p11()->C_SignMessageNext(s_, nullptr, 0, m2_.data() + 200, 100, nullptr, &n));
    EXPECT_EQ(n, 32u);
    Bytes sig(8);
    n = 8;
    EXPECT_CKR(CKR_BUFFER_TOO_SMALL,
               p11()->C_SignMessageNext(s_, nullptr, 0, m2_.data() + 200, 100, sig.data(), &n));
    sig.resize(32);
    n = 32;
    ASSERT_OK(p11()->C_SignMessageNext(s_, nullptr, 0, m2_.data() + 200, 100, sig.data(), &n));
    EXPECT_EQ(sig, expect2);
    // The operation goes on after a message in parts.
    EXPECT_EQ(sign_message(m1_), expect1);
    ASSERT_OK(p11()->C_MessageSignFinal(s_));
    CK_ULONG len = 0;
    EXPECT_CKR(CKR_OPERATION_NOT_INITIALIZED,
               p11()->C_SignMessage(s_, nullptr, 0, m1_.data(), 40, nullptr, &len));
}

TEST_F(MessageSignTest, VerifyWholeAndInPartsAndAFailureKeepsTheOperation) {
    const Bytes tag = sign_once(mac_, hmac_, m2_);
    Bytes bad = tag;
    bad[0] ^= 0x80;
    ASSERT_OK(p11()->C_MessageVerifyInit(s_, &mac_, hmac_));
    EXPECT_OK(p11()->C_VerifyMessage(s_, nullptr, 0, m2_.data(), 300,
                                     const_cast<CK_BYTE*>(tag.data()), 32));
    EXPECT_CKR(CKR_SIGNATURE_INVALID,
               p11()->C_VerifyMessage(s_, nullptr, 0, m2_.data(), 300, bad.data(), 32));
    EXPECT_OK(p11()->C_VerifyMessage(s_, nullptr, 0, m2_.data(), 300,
                                     const_cast<CK_BYTE*>(tag.data()), 32));

    ASSERT_OK(p11()->C_VerifyMessageBegin(s_, nullptr, 0));
    ASSERT_OK(p11()->C_VerifyMessageNext(s_, nullptr, 0, m2_.data(), 150, nullptr, 0));
    EXPECT_OK(p11()->C_VerifyMessageNext(s_, nullptr, 0, m2_.data() + 150, 150,
                                         const_cast<CK_BYTE*>(tag.data()), 32));
    // A wrong signature in parts ends that message only.
    ASSERT_OK(p11()->C_VerifyMessageBegin(s_, nullptr, 0));
    EXPECT_CKR(CKR_SIGNATURE_INVALID,
               p11()->C_VerifyMessageNext(s_, nullptr, 0, m2_.data(), 300, bad.data(), 32));
    EXPECT_CKR(CKR_OPERATION_NOT_INITIALIZED,
               p11()->C_VerifyMessageNext(s_, nullptr, 0, m2_.data(), 1, nullptr, 0));
    ASSERT_OK(p11()->C_VerifyMessageBegin(s_, nullptr, 0));
    EXPECT_OK(p11()->C_VerifyMessageNext(s_, nullptr, 0, m2_.data(), 300,
                                         const_cast<CK_BYTE*>(tag.data()), 32));
    EXPECT_OK(p11()->C_MessageVerifyFinal(s_));
}

// C_GetMechanismInfo advertises message-based signing exactly where C_SignInit works.
TEST_F(MessageSignTest, MechanismInfoFlagsFollowSignAndVerify) {
    CK_MECHANISM_INFO info{};
    ASSERT_OK(p11()->C_GetMechanismInfo(0, CKM_SHA256_HMAC, &info));
    EXPECT_EQ(info.flags & (CKF_MESSAGE_SIGN | CKF_MESSAGE_VERIFY),
              CKF_MESSAGE_SIGN | CKF_MESSAGE_VERIFY);
    ASSERT_OK(p11()->C_GetMechanismInfo(0, CKM_SHA256, &info));
    EXPECT_EQ(info.flags & (CKF_MESSAGE_SIGN | CKF_MESSAGE_VERIFY), 0u);
    ASSERT_OK(p11()->C_GetMechanismInfo(0, CKM_AES_GCM, &info));
    EXPECT_EQ(info.flags & (CKF_MESSAGE_SIGN | CKF_MESSAGE_VERIFY), 0u);
}

TEST_F(MessageSignTest, StateAndArgumentRules) {
    CK_ULONG n = 64;
    Bytes sig(64);
    EXPECT_CKR(CKR_OPERATION_NOT_INITIALIZED,
               p11()->C_SignMessage(s_, nullptr, 0, m1_.data(), 40, sig.data(), &n));
    EXPECT_CKR(CKR_OPERATION_NOT_INITIALIZED, p11()->C_SignMessageBegin(s_, nullptr, 0));
    EXPECT_CKR(CKR_OPERATION_NOT_INITIALIZED, p11()->C_MessageSignFinal(s_));
    EXPECT_CKR(CKR_OPERATION_NOT_INITIALIZED, p11()->C_MessageVerifyFinal(s_));

    ASSERT_OK(p11()->C_MessageSignInit(s_, &mac_, hmac_));
    EXPECT_CKR(CKR_OPERATION_ACTIVE, p11()->C_MessageSignInit(s_, &mac_, hmac_));
    // Next without Begin; no mechanism here takes a per-message parameter.
    EXPECT_CKR(CKR_OPERATION_NOT_INITIALIZED,
               p11()->C_SignMessageNext(s_, nullptr, 0, m1_.data(), 40, sig.data(), &n));
    CK_ULONG param = 1;
    EXPECT_CKR(CKR_MECHANISM_PARAM_INVALID,
               p11()->C_SignMessage(s_, &param, sizeof param, m1_.data(), 40, sig.data(), &n));
    // A whole message while one is being built in parts.
    ASSERT_OK(p11()->C_SignMessageBegin(s_, nullptr, 0));
    EXPECT_CKR(CKR_OPERATION_ACTIVE,
               p11()->C_SignMessage(s_, nullptr, 0, m1_.data(), 40, sig.data(), &n));
    EXPECT_CKR(CKR_OPERATION_ACTIVE, p11()->C_SignMessageBegin(s_, nullptr, 0));
    // A NULL mechanism cancels the operation (as every *Init in 3.0).
    EXPECT_OK(p11()->C_MessageSignInit(s_, nullptr, CK_INVALID_HANDLE));
    EXPECT_CKR(CKR_OPERATION_NOT_INITIALIZED, p11()->C_SignMessageBegin(s_, nullptr, 0));

    // Key usage: a key without CKA_SIGN cannot start message signing.
    Attrs a;
    a.ulong(CKA_CLASS, CKO_SECRET_KEY)
        .ulong(CKA_KEY_TYPE, CKK_GENERIC_SECRET)
        .boolean(CKA_TOKEN, false)
        .boolean(CKA_SIGN, false)
        .bytes(CKA_VALUE, Bytes(32, 0x01));
    const CK_OBJECT_HANDLE no_sign = create(s_, a);
    EXPECT_CKR(CKR_KEY_FUNCTION_NOT_PERMITTED, p11()->C_MessageSignInit(s_, &mac_, no_sign));
    // A mechanism that does not sign is refused exactly as C_SignInit refuses it.
    CK_MECHANISM sha{CKM_SHA256, nullptr, 0};
    const CK_RV rv = p11()->C_MessageSignInit(s_, &sha, hmac_);
    EXPECT_NE(rv, static_cast<CK_RV>(CKR_OK));
    EXPECT_EQ(rv, p11()->C_SignInit(s_, &sha, hmac_));
}

// The ML-DSA context string lives in caller memory during C_MessageSignInit only: the module
// keeps its own copy, so overwriting the caller's buffer afterwards changes nothing.
TEST_F(MessageSignTest, MechanismParameterIsCopiedAtInit) {
    CK_MECHANISM gen{CKM_ML_DSA_KEY_PAIR_GEN, nullptr, 0};
    Attrs pub, priv;
    pub.ulong(CKA_PARAMETER_SET, CKP_ML_DSA_44).boolean(CKA_TOKEN, false).boolean(CKA_VERIFY, true);
    priv.boolean(CKA_TOKEN, false).boolean(CKA_SIGN, true);
    CK_OBJECT_HANDLE hpub = CK_INVALID_HANDLE, hpriv = CK_INVALID_HANDLE;
    ASSERT_OK(p11()->C_GenerateKeyPair(s_, &gen, pub.data(), pub.count(), priv.data(),
                                       priv.count(), &hpub, &hpriv));
    Bytes context = {'c', 't', 'x', '-', 'o', 'n', 'e'};
    CK_SIGN_ADDITIONAL_CONTEXT param{CKH_DETERMINISTIC_REQUIRED, context.data(),
                                     static_cast<CK_ULONG>(context.size())};
    CK_MECHANISM mldsa{CKM_ML_DSA, &param, sizeof param};
    const Bytes expected = sign_once(mldsa, hpriv, m1_);

    ASSERT_OK(p11()->C_MessageSignInit(s_, &mldsa, hpriv));
    std::fill(context.begin(), context.end(), 0xEE);  // the caller reuses its buffer
    param.hedgeVariant = CKH_HEDGE_REQUIRED;
    EXPECT_EQ(sign_message(m1_), expected);
    ASSERT_OK(p11()->C_MessageSignFinal(s_));

    // And the signature verifies under the original context through message verification.
    context = {'c', 't', 'x', '-', 'o', 'n', 'e'};
    param = {CKH_DETERMINISTIC_REQUIRED, context.data(), static_cast<CK_ULONG>(context.size())};
    ASSERT_OK(p11()->C_MessageVerifyInit(s_, &mldsa, hpub));
    EXPECT_OK(p11()->C_VerifyMessage(s_, nullptr, 0, m1_.data(), 40,
                                     const_cast<CK_BYTE*>(expected.data()),
                                     static_cast<CK_ULONG>(expected.size())));
}

}  // namespace
}  // namespace craton::abitest
