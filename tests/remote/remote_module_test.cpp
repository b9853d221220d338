// End-to-end tests of libcraton_hsm_remote.so against a running craton-hsm-daemon (started by
// with_daemon.sh): token set-up, key generation, signing checked by OpenSSL directly,
// encryption, search, attributes, digests, random numbers; refusal of clients the daemon must
// not serve; and isolation of one client's sessions from another client.
#include <array>
#include <cstdio>
#include <map>
#include <memory>
#include <sstream>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include "remote_fixture.h"

namespace craton::test {
namespace {

using Bytes = std::vector<CK_BYTE>;

Bytes bytes_of(const std::string& s) {
    return Bytes(s.begin(), s.end());
}

class RemoteTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        module_ = new RemoteModule;
        f_ = module_->fn();
        if (f_ == nullptr) return;
        use_client("a");
        if (f_->C_Initialize(nullptr) != CKR_OK) return;
        CK_ULONG count = 1;
        if (f_->C_GetSlotList(CK_TRUE, &slot_, &count) != CKR_OK || count == 0) return;
        CK_TOKEN_INFO info{};
        if (f_->C_GetTokenInfo(slot_, &info) != CKR_OK) return;
        if ((info.flags & CKF_TOKEN_INITIALIZED) == 0) {
            CK_UTF8CHAR label[32];
            std::memset(label, ' ', sizeof label);
            std::memcpy(label, "remote-test", 11);
            if (f_->C_InitToken(slot_, pin(kSoPin), pin_len(kSoPin), label) != CKR_OK) return;
            CK_SESSION_HANDLE s;
            if (f_->C_OpenSession(slot_, CKF_SERIAL_SESSION | CKF_RW_SESSION, nullptr, nullptr,
                                  &s) != CKR_OK)
                return;
            const bool ok = f_->C_Login(s, CKU_SO, pin(kSoPin), pin_len(kSoPin)) == CKR_OK &&
                            f_->C_InitPIN(s, pin(kUserPin), pin_len(kUserPin)) == CKR_OK &&
                            f_->C_Logout(s) == CKR_OK;
            f_->C_CloseSession(s);
            if (!ok) return;
        }
        ready_ = true;
    }

    static void TearDownTestSuite() {
        if (f_ != nullptr) f_->C_Finalize(nullptr);
        delete module_;
        module_ = nullptr;
    }

    void SetUp() override {
        ASSERT_FALSE(remote_test_dir().empty()) << "run through tests/remote/with_daemon.sh";
        ASSERT_TRUE(ready_) << "module could not be initialised against the daemon";
        ASSERT_EQ(
            f_->C_OpenSession(slot_, CKF_SERIAL_SESSION | CKF_RW_SESSION, nullptr, nullptr, &s_),
            CKR_OK);
        const CK_RV rv = f_->C_Login(s_, CKU_USER, pin(kUserPin), pin_len(kUserPin));
        ASSERT_TRUE(rv == CKR_OK || rv == CKR_USER_ALREADY_LOGGED_IN) << rv;
    }

    void TearDown() override {
        if (f_ != nullptr && s_ != CK_INVALID_HANDLE) f_->C_CloseSession(s_);
    }

    Bytes attribute(CK_OBJECT_HANDLE object, CK_ATTRIBUTE_TYPE type) {
        CK_ATTRIBUTE a{type, nullptr, 0};
        EXPECT_EQ(f_->C_GetAttributeValue(s_, object, &a, 1), CKR_OK);
        Bytes value(a.ulValueLen);
        a.pValue = value.data();
        EXPECT_EQ(f_->C_GetAttributeValue(s_, object, &a, 1), CKR_OK);
        value.resize(a.ulValueLen);
        return value;
    }

    void rsa_key_pair(CK_OBJECT_HANDLE& pub, CK_OBJECT_HANDLE& priv) {
        CK_MECHANISM mech{CKM_RSA_PKCS_KEY_PAIR_GEN, nullptr, 0};
        CK_ULONG bits = 2048;
        CK_BYTE exponent[] = {1, 0, 1};
        CK_BBOOL yes = CK_TRUE;
        CK_ATTRIBUTE pub_t[] = {{CKA_MODULUS_BITS, &bits, sizeof bits},
                                {CKA_PUBLIC_EXPONENT, exponent, sizeof exponent},
                                {CKA_VERIFY, &yes, sizeof yes}};
        CK_ATTRIBUTE priv_t[] = {{CKA_SIGN, &yes, sizeof yes}, {CKA_SENSITIVE, &yes, sizeof yes}};
        ASSERT_EQ(f_->C_GenerateKeyPair(s_, &mech, pub_t, 3, priv_t, 2, &pub, &priv), CKR_OK);
    }

    CK_OBJECT_HANDLE aes_key(const std::string& label) {
        CK_MECHANISM mech{CKM_AES_KEY_GEN, nullptr, 0};
        CK_ULONG len = 32;
        CK_BBOOL yes = CK_TRUE;
        CK_ATTRIBUTE t[] = {
            {CKA_VALUE_LEN, &len, sizeof len},
            {CKA_ENCRYPT, &yes, sizeof yes},
            {CKA_DECRYPT, &yes, sizeof yes},
            {CKA_SENSITIVE, &yes, sizeof yes},
            {CKA_LABEL, const_cast<char*>(label.data()), static_cast<CK_ULONG>(label.size())}};
        CK_OBJECT_HANDLE key = CK_INVALID_HANDLE;
        EXPECT_EQ(f_->C_GenerateKey(s_, &mech, t, 5, &key), CKR_OK);
        return key;
    }

    static inline RemoteModule* module_ = nullptr;
    static inline CK_FUNCTION_LIST_3_0* f_ = nullptr;
    static inline CK_SLOT_ID slot_ = 0;
    static inline bool ready_ = false;
    CK_SESSION_HANDLE s_ = CK_INVALID_HANDLE;
};

// Verifies a SHA256-RSA-PKCS signature with OpenSSL alone, from the modulus and exponent.
bool openssl_verifies(const Bytes& modulus, const Bytes& exponent, const Bytes& message,
                      const Bytes& signature) {
    std::unique_ptr<BIGNUM, decltype(&BN_free)> n(
        BN_bin2bn(modulus.data(), static_cast<int>(modulus.size()), nullptr), BN_free);
    std::unique_ptr<BIGNUM, decltype(&BN_free)> e(
        BN_bin2bn(exponent.data(), static_cast<int>(exponent.size()), nullptr), BN_free);
    std::unique_ptr<OSSL_PARAM_BLD, decltype(&OSSL_PARAM_BLD_free)> bld(OSSL_PARAM_BLD_new(),
                                                                        OSSL_PARAM_BLD_free);
    OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_N, n.get());
    OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_E, e.get());
    std::unique_ptr<OSSL_PARAM, decltype(&OSSL_PARAM_free)> params(
        OSSL_PARAM_BLD_to_param(bld.get()), OSSL_PARAM_free);
    std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> ctx(
        EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr), EVP_PKEY_CTX_free);
    EVP_PKEY* raw = nullptr;
    if (EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
        EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_PUBLIC_KEY, params.get()) != 1) {
        return false;
    }
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(raw, EVP_PKEY_free);
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> md(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    return EVP_DigestVerifyInit(md.get(), nullptr, EVP_sha256(), nullptr, key.get()) == 1 &&
           EVP_DigestVerify(md.get(), signature.data(), signature.size(), message.data(),
                            message.size()) == 1;
}

TEST_F(RemoteTest, InfoSlotsAndTokenComeFromTheDaemon) {
    CK_INFO info{};
    ASSERT_EQ(f_->C_GetInfo(&info), CKR_OK);
    EXPECT_EQ(std::string(reinterpret_cast<char*>(info.libraryDescription), 24),
              "Craton HSM remote module");
    CK_TOKEN_INFO token{};
    ASSERT_EQ(f_->C_GetTokenInfo(slot_, &token), CKR_OK);
    EXPECT_EQ(std::string(reinterpret_cast<char*>(token.label), 11), "remote-test");
    EXPECT_NE(token.flags & CKF_USER_PIN_INITIALIZED, 0u);
    CK_SESSION_INFO session{};
    ASSERT_EQ(f_->C_GetSessionInfo(s_, &session), CKR_OK);
    EXPECT_EQ(session.state, static_cast<CK_STATE>(CKS_RW_USER_FUNCTIONS));
    CK_ULONG count = 0;
    ASSERT_EQ(f_->C_GetMechanismList(slot_, nullptr, &count), CKR_OK);
    std::vector<CK_MECHANISM_TYPE> mechs(count);
    ASSERT_EQ(f_->C_GetMechanismList(slot_, mechs.data(), &count), CKR_OK);
    EXPECT_NE(std::find(mechs.begin(), mechs.end(), CKM_AES_GCM), mechs.end());
    EXPECT_NE(std::find(mechs.begin(), mechs.end(), CKM_SHA256_RSA_PKCS), mechs.end());
}

TEST_F(RemoteTest, RsaSignatureVerifiesWithOpenSsl) {
    CK_OBJECT_HANDLE pub, priv;
    rsa_key_pair(pub, priv);
    const Bytes message = bytes_of("signed through the daemon");
    CK_MECHANISM mech{CKM_SHA256_RSA_PKCS, nullptr, 0};
    ASSERT_EQ(f_->C_SignInit(s_, &mech, priv), CKR_OK);
    CK_ULONG len = 0;
    ASSERT_EQ(f_->C_Sign(s_, const_cast<CK_BYTE*>(message.data()), message.size(), nullptr, &len),
              CKR_OK);
    ASSERT_EQ(len, 256u);
    Bytes signature(len);
    ASSERT_EQ(f_->C_Sign(s_, const_cast<CK_BYTE*>(message.data()), message.size(), signature.data(),
                         &len),
              CKR_OK);

    const Bytes modulus = attribute(pub, CKA_MODULUS);
    const Bytes exponent = attribute(pub, CKA_PUBLIC_EXPONENT);
    EXPECT_TRUE(openssl_verifies(modulus, exponent, message, signature));
    Bytes other = message;
    other[0] ^= 1;
    EXPECT_FALSE(openssl_verifies(modulus, exponent, other, signature));

    ASSERT_EQ(f_->C_VerifyInit(s_, &mech, pub), CKR_OK);
    EXPECT_EQ(f_->C_Verify(s_, const_cast<CK_BYTE*>(message.data()), message.size(),
                           signature.data(), len),
              CKR_OK);
    ASSERT_EQ(f_->C_VerifyInit(s_, &mech, pub), CKR_OK);
    EXPECT_EQ(f_->C_Verify(s_, other.data(), other.size(), signature.data(), len),
              CKR_SIGNATURE_INVALID);
}

TEST_F(RemoteTest, MultiPartSignatureEqualsSinglePart) {
    CK_OBJECT_HANDLE pub, priv;
    rsa_key_pair(pub, priv);
    Bytes message = bytes_of("part one|part two");
    CK_MECHANISM mech{CKM_SHA256_RSA_PKCS, nullptr, 0};  // deterministic padding
    ASSERT_EQ(f_->C_SignInit(s_, &mech, priv), CKR_OK);
    Bytes single(256);
    CK_ULONG len = single.size();
    ASSERT_EQ(f_->C_Sign(s_, message.data(), message.size(), single.data(), &len), CKR_OK);

    ASSERT_EQ(f_->C_SignInit(s_, &mech, priv), CKR_OK);
    ASSERT_EQ(f_->C_SignUpdate(s_, message.data(), 9), CKR_OK);
    ASSERT_EQ(f_->C_SignUpdate(s_, message.data() + 9, message.size() - 9), CKR_OK);
    Bytes multi(256);
    len = multi.size();
    ASSERT_EQ(f_->C_SignFinal(s_, multi.data(), &len), CKR_OK);
    EXPECT_EQ(single, multi);

    ASSERT_EQ(f_->C_VerifyInit(s_, &mech, pub), CKR_OK);
    ASSERT_EQ(f_->C_VerifyUpdate(s_, message.data(), message.size()), CKR_OK);
    EXPECT_EQ(f_->C_VerifyFinal(s_, multi.data(), len), CKR_OK);
}

TEST_F(RemoteTest, AesGcmRoundTripWithBufferProtocolAndTamperDetection) {
    const CK_OBJECT_HANDLE key = aes_key("gcm-key");
    CK_BYTE iv[12] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
    CK_BYTE aad[] = {'h', 'd', 'r'};
    CK_GCM_PARAMS gcm{iv, sizeof iv, 96, aad, sizeof aad, 128};
    CK_MECHANISM mech{CKM_AES_GCM, &gcm, sizeof gcm};
    Bytes plain = bytes_of("forty-two bytes of plaintext for AES-GCM.");

    ASSERT_EQ(f_->C_EncryptInit(s_, &mech, key), CKR_OK);
    CK_ULONG len = 0;
    ASSERT_EQ(f_->C_Encrypt(s_, plain.data(), plain.size(), nullptr, &len), CKR_OK);
    ASSERT_EQ(len, plain.size() + 16);
    Bytes cipher(len);
    CK_ULONG small = 4;
    ASSERT_EQ(f_->C_Encrypt(s_, plain.data(), plain.size(), cipher.data(), &small),
              CKR_BUFFER_TOO_SMALL);
    EXPECT_EQ(small, plain.size() + 16);
    ASSERT_EQ(f_->C_Encrypt(s_, plain.data(), plain.size(), cipher.data(), &len), CKR_OK);
    EXPECT_NE(Bytes(cipher.begin(), cipher.begin() + plain.size()), plain);

    ASSERT_EQ(f_->C_DecryptInit(s_, &mech, key), CKR_OK);
    Bytes back(cipher.size());
    CK_ULONG back_len = back.size();
    ASSERT_EQ(f_->C_Decrypt(s_, cipher.data(), cipher.size(), back.data(), &back_len), CKR_OK);
    back.resize(back_len);
    EXPECT_EQ(back, plain);

    cipher[3] ^= 0x80;
    ASSERT_EQ(f_->C_DecryptInit(s_, &mech, key), CKR_OK);
    back_len = back.size() + 16;
    Bytes out(back_len);
    EXPECT_EQ(f_->C_Decrypt(s_, cipher.data(), cipher.size(), out.data(), &back_len),
              CKR_ENCRYPTED_DATA_INVALID);
}

TEST_F(RemoteTest, AttributesKeepTheirTypesAndSensitiveValuesStayInside) {
    const CK_OBJECT_HANDLE key = aes_key("attr-key");
    CK_ULONG value_len = 0;
    CK_BBOOL sensitive = CK_FALSE;
    CK_KEY_TYPE key_type = 0;
    CK_BYTE value[64];
    CK_ATTRIBUTE t[] = {{CKA_VALUE_LEN, &value_len, sizeof value_len},
                        {CKA_SENSITIVE, &sensitive, sizeof sensitive},
                        {CKA_KEY_TYPE, &key_type, sizeof key_type},
                        {CKA_VALUE, value, sizeof value}};
    EXPECT_EQ(f_->C_GetAttributeValue(s_, key, t, 4), CKR_ATTRIBUTE_SENSITIVE);
    EXPECT_EQ(value_len, 32u);
    EXPECT_EQ(sensitive, CK_TRUE);
    EXPECT_EQ(key_type, static_cast<CK_KEY_TYPE>(CKK_AES));
    EXPECT_EQ(t[3].ulValueLen, CK_UNAVAILABLE_INFORMATION);

    // A buffer too small for one attribute: that one is unavailable, the others are filled.
    CK_BYTE label[3];
    CK_ATTRIBUTE small[] = {{CKA_LABEL, label, sizeof label},
                            {CKA_VALUE_LEN, &value_len, sizeof value_len}};
    EXPECT_EQ(f_->C_GetAttributeValue(s_, key, small, 2), CKR_BUFFER_TOO_SMALL);
    EXPECT_EQ(small[0].ulValueLen, CK_UNAVAILABLE_INFORMATION);
    EXPECT_EQ(small[1].ulValueLen, sizeof(CK_ULONG));
}

TEST_F(RemoteTest, FindObjectsFindsTheKeyByLabel) {
    const CK_OBJECT_HANDLE key = aes_key("find-me");
    std::string label = "find-me";
    CK_ATTRIBUTE t[] = {{CKA_LABEL, label.data(), static_cast<CK_ULONG>(label.size())}};
    ASSERT_EQ(f_->C_FindObjectsInit(s_, t, 1), CKR_OK);
    CK_OBJECT_HANDLE found[4];
    CK_ULONG count = 0;
    ASSERT_EQ(f_->C_FindObjects(s_, found, 4, &count), CKR_OK);
    ASSERT_EQ(f_->C_FindObjectsFinal(s_), CKR_OK);
    ASSERT_EQ(count, 1u);
    EXPECT_EQ(found[0], key);
}

TEST_F(RemoteTest, CreatedObjectReadsBackAndDestroyRemovesIt) {
    CK_OBJECT_CLASS cls = CKO_DATA;
    CK_BBOOL no = CK_FALSE;
    std::string value = "application data";
    CK_ATTRIBUTE t[] = {{CKA_CLASS, &cls, sizeof cls},
                        {CKA_TOKEN, &no, sizeof no},
                        {CKA_VALUE, value.data(), static_cast<CK_ULONG>(value.size())}};
    CK_OBJECT_HANDLE object = CK_INVALID_HANDLE;
    ASSERT_EQ(f_->C_CreateObject(s_, t, 3, &object), CKR_OK);
    EXPECT_EQ(attribute(object, CKA_VALUE), bytes_of(value));
    ASSERT_EQ(f_->C_DestroyObject(s_, object), CKR_OK);
    CK_ATTRIBUTE a{CKA_VALUE, nullptr, 0};
    EXPECT_EQ(f_->C_GetAttributeValue(s_, object, &a, 1), CKR_OBJECT_HANDLE_INVALID);
}

TEST_F(RemoteTest, DigestMatchesTheSha256KnownAnswer) {
    CK_MECHANISM mech{CKM_SHA256, nullptr, 0};
    CK_BYTE abc[] = {'a', 'b', 'c'};
    const Bytes expected = {0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea, 0x41, 0x41, 0x40,
                            0xde, 0x5d, 0xae, 0x22, 0x23, 0xb0, 0x03, 0x61, 0xa3, 0x96, 0x17,
                            0x7a, 0x9c, 0xb4, 0x10, 0xff, 0x61, 0xf2, 0x00, 0x15, 0xad};
    ASSERT_EQ(f_->C_DigestInit(s_, &mech), CKR_OK);
    Bytes out(32);
    CK_ULONG len = out.size();
    ASSERT_EQ(f_->C_Digest(s_, abc, 3, out.data(), &len), CKR_OK);
    EXPECT_EQ(out, expected);

    ASSERT_EQ(f_->C_DigestInit(s_, &mech), CKR_OK);
    ASSERT_EQ(f_->C_DigestUpdate(s_, abc, 1), CKR_OK);
    ASSERT_EQ(f_->C_DigestUpdate(s_, abc + 1, 2), CKR_OK);
    Bytes multi(32);
    len = multi.size();
    ASSERT_EQ(f_->C_DigestFinal(s_, multi.data(), &len), CKR_OK);
    EXPECT_EQ(multi, expected);
}

TEST_F(RemoteTest, RandomBytesDifferBetweenCalls) {
    Bytes a(1000), b(1000);
    ASSERT_EQ(f_->C_GenerateRandom(s_, a.data(), a.size()), CKR_OK);
    ASSERT_EQ(f_->C_GenerateRandom(s_, b.data(), b.size()), CKR_OK);
    EXPECT_NE(a, b);
    EXPECT_NE(a, Bytes(1000, 0));
}

Bytes secret_value(CK_FUNCTION_LIST_3_0* f, CK_SESSION_HANDLE s, CK_OBJECT_HANDLE key) {
    CK_ATTRIBUTE a{CKA_VALUE, nullptr, 0};
    if (f->C_GetAttributeValue(s, key, &a, 1) != CKR_OK) return {};
    Bytes v(a.ulValueLen);
    a.pValue = v.data();
    if (f->C_GetAttributeValue(s, key, &a, 1) != CKR_OK) return {};
    return v;
}

TEST_F(RemoteTest, AesCbcWithIvParameterRoundTrips) {
    const CK_OBJECT_HANDLE key = aes_key("cbc-key");
    CK_BYTE iv[16] = {9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 1, 2, 3, 4, 5, 6};
    CK_MECHANISM mech{CKM_AES_CBC_PAD, iv, sizeof iv};
    Bytes plain = bytes_of("CBC with an IV parameter");
    Bytes cipher(64);
    CK_ULONG len = cipher.size();
    ASSERT_EQ(f_->C_EncryptInit(s_, &mech, key), CKR_OK);
    ASSERT_EQ(f_->C_Encrypt(s_, plain.data(), plain.size(), cipher.data(), &len), CKR_OK);
    EXPECT_EQ(len, 32u);
    cipher.resize(len);
    // Multi-part decryption of the same ciphertext.
    ASSERT_EQ(f_->C_DecryptInit(s_, &mech, key), CKR_OK);
    Bytes back(64);
    CK_ULONG part = back.size();
    ASSERT_EQ(f_->C_DecryptUpdate(s_, cipher.data(), cipher.size(), back.data(), &part), CKR_OK);
    CK_ULONG last = back.size() - part;
    ASSERT_EQ(f_->C_DecryptFinal(s_, back.data() + part, &last), CKR_OK);
    back.resize(part + last);
    EXPECT_EQ(back, plain);
}

TEST_F(RemoteTest, WrappedKeyUnwrapsToTheSameValue) {
    CK_MECHANISM gen{CKM_AES_KEY_GEN, nullptr, 0};
    CK_ULONG len = 32;
    CK_BBOOL yes = CK_TRUE, no = CK_FALSE;
    CK_ATTRIBUTE wrapping_t[] = {
        {CKA_VALUE_LEN, &len, sizeof len}, {CKA_WRAP, &yes, 1}, {CKA_UNWRAP, &yes, 1}};
    CK_ATTRIBUTE target_t[] = {
        {CKA_VALUE_LEN, &len, sizeof len}, {CKA_EXTRACTABLE, &yes, 1}, {CKA_SENSITIVE, &no, 1}};
    CK_OBJECT_HANDLE wrapping, target;
    ASSERT_EQ(f_->C_GenerateKey(s_, &gen, wrapping_t, 3, &wrapping), CKR_OK);
    ASSERT_EQ(f_->C_GenerateKey(s_, &gen, target_t, 3, &target), CKR_OK);

    CK_MECHANISM wrap{CKM_AES_KEY_WRAP, nullptr, 0};
    CK_ULONG wrapped_len = 0;
    ASSERT_EQ(f_->C_WrapKey(s_, &wrap, wrapping, target, nullptr, &wrapped_len), CKR_OK);
    ASSERT_EQ(wrapped_len, 40u);
    Bytes wrapped(wrapped_len);
    ASSERT_EQ(f_->C_WrapKey(s_, &wrap, wrapping, target, wrapped.data(), &wrapped_len), CKR_OK);

    CK_OBJECT_CLASS cls = CKO_SECRET_KEY;
    CK_KEY_TYPE type = CKK_AES;
    CK_ATTRIBUTE unwrap_t[] = {{CKA_CLASS, &cls, sizeof cls},
                               {CKA_KEY_TYPE, &type, sizeof type},
                               {CKA_EXTRACTABLE, &yes, 1},
                               {CKA_SENSITIVE, &no, 1}};
    CK_OBJECT_HANDLE unwrapped;
    ASSERT_EQ(f_->C_UnwrapKey(s_, &wrap, wrapping, wrapped.data(), wrapped.size(), unwrap_t, 4,
                              &unwrapped),
              CKR_OK);
    const Bytes original = secret_value(f_, s_, target);
    EXPECT_EQ(original.size(), 32u);
    EXPECT_EQ(secret_value(f_, s_, unwrapped), original);
}

TEST_F(RemoteTest, EcdhDerivationAgreesBothWays) {
    CK_BYTE p256[] = {0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07};
    CK_BBOOL yes = CK_TRUE;
    CK_MECHANISM gen{CKM_EC_KEY_PAIR_GEN, nullptr, 0};
    CK_ATTRIBUTE pub_t[] = {{CKA_EC_PARAMS, p256, sizeof p256}};
    CK_ATTRIBUTE priv_t[] = {{CKA_DERIVE, &yes, 1}};
    CK_OBJECT_HANDLE pub1, priv1, pub2, priv2;
    ASSERT_EQ(f_->C_GenerateKeyPair(s_, &gen, pub_t, 1, priv_t, 1, &pub1, &priv1), CKR_OK);
    ASSERT_EQ(f_->C_GenerateKeyPair(s_, &gen, pub_t, 1, priv_t, 1, &pub2, &priv2), CKR_OK);

    auto derive = [&](CK_OBJECT_HANDLE priv, CK_OBJECT_HANDLE peer) {
        Bytes point = attribute(peer, CKA_EC_POINT);
        CK_ECDH1_DERIVE_PARAMS p{CKD_NULL, 0, nullptr, static_cast<CK_ULONG>(point.size()),
                                 point.data()};
        CK_MECHANISM m{CKM_ECDH1_DERIVE, &p, sizeof p};
        CK_OBJECT_CLASS cls = CKO_SECRET_KEY;
        CK_KEY_TYPE type = CKK_GENERIC_SECRET;
        CK_BBOOL no = CK_FALSE, extractable = CK_TRUE;
        CK_ATTRIBUTE t[] = {{CKA_CLASS, &cls, sizeof cls},
                            {CKA_KEY_TYPE, &type, sizeof type},
                            {CKA_SENSITIVE, &no, 1},
                            {CKA_EXTRACTABLE, &extractable, 1}};
        CK_OBJECT_HANDLE out = CK_INVALID_HANDLE;
        EXPECT_EQ(f_->C_DeriveKey(s_, &m, priv, t, 4, &out), CKR_OK);
        return secret_value(f_, s_, out);
    };
    const Bytes one = derive(priv1, pub2);
    const Bytes two = derive(priv2, pub1);
    EXPECT_EQ(one.size(), 32u);
    EXPECT_EQ(one, two);
}

TEST_F(RemoteTest, MlKemEncapsulationAgreesWithDecapsulation) {
    CK_UTF8CHAR name[] = "PKCS 11";
    CK_VERSION v32{3, 2};
    CK_INTERFACE_PTR iface = nullptr;
    auto get = reinterpret_cast<CK_C_GetInterface>(dlsym(module_->handle(), "C_GetInterface"));
    ASSERT_NE(get, nullptr);
    ASSERT_EQ(get(name, &v32, &iface, 0), CKR_OK);
    auto* f32 = static_cast<CK_FUNCTION_LIST_3_2*>(iface->pFunctionList);

    CK_ULONG set = CKP_ML_KEM_768;
    CK_MECHANISM gen{CKM_ML_KEM_KEY_PAIR_GEN, nullptr, 0};
    CK_ATTRIBUTE pub_t[] = {{CKA_PARAMETER_SET, &set, sizeof set}};
    CK_OBJECT_HANDLE pub, priv;
    ASSERT_EQ(f_->C_GenerateKeyPair(s_, &gen, pub_t, 1, nullptr, 0, &pub, &priv), CKR_OK);

    CK_MECHANISM kem{CKM_ML_KEM, nullptr, 0};
    CK_OBJECT_CLASS cls = CKO_SECRET_KEY;
    CK_KEY_TYPE type = CKK_GENERIC_SECRET;
    CK_BBOOL no = CK_FALSE, yes = CK_TRUE;
    CK_ATTRIBUTE t[] = {{CKA_CLASS, &cls, sizeof cls},
                        {CKA_KEY_TYPE, &type, sizeof type},
                        {CKA_SENSITIVE, &no, 1},
                        {CKA_EXTRACTABLE, &yes, 1}};
    CK_ULONG ct_len = 0;
    CK_OBJECT_HANDLE sender = 12345;
    ASSERT_EQ(f32->C_EncapsulateKey(s_, &kem, pub, t, 4, nullptr, &ct_len, &sender), CKR_OK);
    EXPECT_EQ(ct_len, 1088u);  // ML-KEM-768 ciphertext
    EXPECT_EQ(sender, CK_INVALID_HANDLE);
    Bytes ct(ct_len);
    ASSERT_EQ(f32->C_EncapsulateKey(s_, &kem, pub, t, 4, ct.data(), &ct_len, &sender), CKR_OK);
    CK_OBJECT_HANDLE receiver = CK_INVALID_HANDLE;
    ASSERT_EQ(f32->C_DecapsulateKey(s_, &kem, priv, t, 4, ct.data(), ct.size(), &receiver), CKR_OK);
    const Bytes k1 = secret_value(f_, s_, sender);
    EXPECT_EQ(k1.size(), 32u);
    EXPECT_EQ(k1, secret_value(f_, s_, receiver));
}

TEST_F(RemoteTest, ParameterWithoutPortableEncodingIsRefused) {
    // CKM_SHA256 takes no parameter and has no encoding for one: refused before any RPC, with
    // the code the module would give.
    CK_BYTE junk[8] = {};
    CK_MECHANISM mech{CKM_SHA256, junk, sizeof junk};
    EXPECT_EQ(f_->C_DigestInit(s_, &mech), CKR_MECHANISM_PARAM_INVALID);
}

TEST_F(RemoteTest, SecondInitializeSaysAlreadyInitializedWithoutTouchingTheDaemon) {
    // Pointed at a configuration the daemon refuses: the answer must still be the
    // library-state code, not a transport error.
    use_client("nocert");
    EXPECT_EQ(f_->C_Initialize(nullptr), CKR_CRYPTOKI_ALREADY_INITIALIZED);
    use_client("a");
    CK_SESSION_INFO info{};
    EXPECT_EQ(f_->C_GetSessionInfo(s_, &info), CKR_OK);
}

TEST_F(RemoteTest, UnsupportedCallsSayNotSupported) {
    CK_ULONG len = 0;
    EXPECT_EQ(f_->C_GetOperationState(s_, nullptr, &len), CKR_FUNCTION_NOT_SUPPORTED);
    EXPECT_EQ(f_->C_SessionCancel(s_, 0), CKR_FUNCTION_NOT_SUPPORTED);
}

// Runs the client-B probe against our session and returns "call -> rv".
std::map<std::string, CK_RV> probe_as_client_b(CK_SESSION_HANDLE session) {
    const std::string command = "CRATON_HSM_REMOTE_CONFIG='" + remote_test_dir() + "/b.toml' '" +
                                CRATON_REMOTE_PROBE_PATH + "' " + std::to_string(session);
    std::map<std::string, CK_RV> out;
    FILE* pipe = popen(command.c_str(), "r");
    if (pipe == nullptr) return out;
    char name[64];
    unsigned long rv = 0;
    while (std::fscanf(pipe, "%63s %lu", name, &rv) == 2) out[name] = rv;
    pclose(pipe);
    return out;
}

TEST_F(RemoteTest, AnotherClientCannotUseOrCloseOurSession) {
    const auto results = probe_as_client_b(s_);
    ASSERT_EQ(results.count("initialize"), 1u);
    EXPECT_EQ(results.at("initialize"), CKR_OK);
    for (const char* call : {"session_info", "find_init", "logout", "sign", "close"}) {
        ASSERT_EQ(results.count(call), 1u) << call;
        EXPECT_EQ(results.at(call), CKR_SESSION_HANDLE_INVALID) << call;
    }
    EXPECT_EQ(results.at("open_own"), CKR_OK);  // client B is served, just not with our session

    CK_SESSION_INFO info{};
    ASSERT_EQ(f_->C_GetSessionInfo(s_, &info), CKR_OK);
    EXPECT_EQ(info.state,
              static_cast<CK_STATE>(CKS_RW_USER_FUNCTIONS));  // B's logout did not reach us
}

// Each refusal test finalises, tries to initialise as the refused client, and ends connected
// as client a again (the control: the same module and daemon do serve a good client).
void expect_refused(CK_FUNCTION_LIST_3_0* f, const std::string& client) {
    ASSERT_EQ(f->C_Finalize(nullptr), CKR_OK);
    use_client(client);
    const CK_RV rv = f->C_Initialize(nullptr);
    EXPECT_TRUE(rv == CKR_DEVICE_REMOVED || rv == CKR_DEVICE_ERROR) << client << ": rv " << rv;
    if (rv == CKR_OK) f->C_Finalize(nullptr);
    use_client("a");
    ASSERT_EQ(f->C_Initialize(nullptr), CKR_OK);
    CK_ULONG count = 0;
    EXPECT_EQ(f->C_GetSlotList(CK_TRUE, nullptr, &count), CKR_OK);
}

TEST_F(RemoteTest, ClientWithoutCertificateIsRefused) {
    expect_refused(f_, "nocert");
}
TEST_F(RemoteTest, ClientWithCertificateFromAnotherCaIsRefused) {
    expect_refused(f_, "rogue");
}
TEST_F(RemoteTest, ClientNotOnTheAllowListIsRefused) {
    expect_refused(f_, "c");
}

}  // namespace
}  // namespace craton::test
