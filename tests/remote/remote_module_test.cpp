// End-to-end tests of libcraton_hsm_remote.so against a running craton-hsm-daemon (started by
// with_daemon.sh): token set-up, key generation, signing checked by OpenSSL directly,
// encryption, search, attributes, digests, random numbers; refusal of clients the daemon must
// not serve; and isolation of one client's sessions from another client.
#include <algorithm>
#include <array>
#include <cstdio>
#include <map>
#include <memory>
#include <sstream>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include "remote_test.h"

namespace craton::test {
namespace {

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
    EXPECT_EQ(f_->C_SignRecoverInit(s_, nullptr, CK_INVALID_HANDLE), CKR_FUNCTION_NOT_SUPPORTED);
}

// ---------------------------------------------------------------- local/remote comparisons
//
// The calls below run through the remote module and through the local module loaded in this
// process (each with keys of its own, or with the remote key's public or secret value imported
// locally), and their answers are compared; the expected codes are also stated outright, so a
// behaviour both modules got wrong the same way still fails.

CK_BYTE kP256Oid[] = {0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07};

struct Pair {
    CK_OBJECT_HANDLE pub = CK_INVALID_HANDLE;
    CK_OBJECT_HANDLE priv = CK_INVALID_HANDLE;
};

Pair ec_pair(const Side& side) {
    CK_MECHANISM mech{CKM_EC_KEY_PAIR_GEN, nullptr, 0};
    CK_BBOOL yes = CK_TRUE;
    CK_ATTRIBUTE pub_t[] = {{CKA_EC_PARAMS, kP256Oid, sizeof kP256Oid},
                            {CKA_VERIFY, &yes, sizeof yes}};
    CK_ATTRIBUTE priv_t[] = {{CKA_SIGN, &yes, sizeof yes}};
    Pair p;
    EXPECT_EQ(side.f->C_GenerateKeyPair(side.s, &mech, pub_t, 2, priv_t, 1, &p.pub, &p.priv),
              CKR_OK);
    return p;
}

Pair ml_dsa_65_pair(const Side& side) {
    CK_MECHANISM mech{CKM_ML_DSA_KEY_PAIR_GEN, nullptr, 0};
    CK_BBOOL yes = CK_TRUE;
    CK_ULONG set = CKP_ML_DSA_65;
    CK_ATTRIBUTE pub_t[] = {{CKA_PARAMETER_SET, &set, sizeof set}, {CKA_VERIFY, &yes, sizeof yes}};
    CK_ATTRIBUTE priv_t[] = {{CKA_SIGN, &yes, sizeof yes}};
    Pair p;
    EXPECT_EQ(side.f->C_GenerateKeyPair(side.s, &mech, pub_t, 2, priv_t, 1, &p.pub, &p.priv),
              CKR_OK);
    return p;
}

Bytes read_attribute(const Side& side, CK_OBJECT_HANDLE object, CK_ATTRIBUTE_TYPE type) {
    CK_ATTRIBUTE a{type, nullptr, 0};
    EXPECT_EQ(side.f->C_GetAttributeValue(side.s, object, &a, 1), CKR_OK);
    Bytes value(a.ulValueLen);
    a.pValue = value.data();
    EXPECT_EQ(side.f->C_GetAttributeValue(side.s, object, &a, 1), CKR_OK);
    return value;
}

Bytes sign(const Side& side, CK_MECHANISM* mech, CK_OBJECT_HANDLE key, Bytes data) {
    EXPECT_EQ(side.f->C_SignInit(side.s, mech, key), CKR_OK);
    CK_ULONG len = 0;
    EXPECT_EQ(side.f->C_Sign(side.s, data.data(), data.size(), nullptr, &len), CKR_OK);
    Bytes sig(len);
    EXPECT_EQ(side.f->C_Sign(side.s, data.data(), data.size(), sig.data(), &len), CKR_OK);
    sig.resize(len);
    return sig;
}

CK_RV verify(const Side& side, CK_MECHANISM* mech, CK_OBJECT_HANDLE key, Bytes data, Bytes sig) {
    const CK_RV rv = side.f->C_VerifyInit(side.s, mech, key);
    if (rv != CKR_OK) return rv;
    return side.f->C_Verify(side.s, data.data(), data.size(), sig.data(), sig.size());
}

// A CK_SIGN_ADDITIONAL_CONTEXT mechanism owning its context string.
struct SignContext {
    SignContext(CK_MECHANISM_TYPE type, Bytes context) : bytes(std::move(context)) {
        param = {CKH_HEDGE_PREFERRED, bytes.empty() ? nullptr : bytes.data(),
                 static_cast<CK_ULONG>(bytes.size())};
        mech = {type, &param, sizeof param};
    }
    SignContext(const SignContext&) = delete;
    SignContext& operator=(const SignContext&) = delete;
    Bytes bytes;
    CK_SIGN_ADDITIONAL_CONTEXT param{};
    CK_MECHANISM mech{};
};

// C_VerifySignature* single- and multi-part with the right signature, a damaged one, after the
// operation ended, on other data and with a signature of the wrong length: every call's rv.
std::vector<CK_RV> verify_signature_calls(const Side& side, CK_MECHANISM* mech,
                                          CK_OBJECT_HANDLE pub, Bytes msg, Bytes good) {
    std::vector<CK_RV> rv;
    Bytes bad = good;
    bad[bad.size() / 2] ^= 0x01;
    Bytes other = bytes_of("some other message");
    Bytes wrong_length(5, 0x01);
    const CK_ULONG half = msg.size() / 2;
    auto init = [&](Bytes& sig) {
        rv.push_back(side.f->C_VerifySignatureInit(side.s, mech, pub, sig.data(), sig.size()));
    };
    for (Bytes* sig : {&good, &bad}) {
        init(*sig);
        rv.push_back(side.f->C_VerifySignature(side.s, msg.data(), msg.size()));
    }
    for (Bytes* sig : {&good, &bad}) {
        init(*sig);
        rv.push_back(side.f->C_VerifySignatureUpdate(side.s, msg.data(), half));
        rv.push_back(side.f->C_VerifySignatureUpdate(side.s, msg.data() + half, msg.size() - half));
        rv.push_back(side.f->C_VerifySignatureFinal(side.s));
    }
    rv.push_back(side.f->C_VerifySignature(side.s, msg.data(), msg.size()));
    rv.push_back(side.f->C_VerifySignatureFinal(side.s));
    init(good);
    rv.push_back(side.f->C_VerifySignature(side.s, other.data(), other.size()));
    init(wrong_length);
    rv.push_back(side.f->C_VerifySignature(side.s, msg.data(), msg.size()));
    return rv;
}

const std::vector<CK_RV> kVerifySignatureExpected = {
    CKR_OK,
    CKR_OK,  // good, single-part
    CKR_OK,
    CKR_SIGNATURE_INVALID,  // damaged, single-part
    CKR_OK,
    CKR_OK,
    CKR_OK,
    CKR_OK,  // good, multi-part
    CKR_OK,
    CKR_OK,
    CKR_OK,
    CKR_SIGNATURE_INVALID,  // damaged, multi-part
    CKR_OPERATION_NOT_INITIALIZED,
    CKR_OPERATION_NOT_INITIALIZED,
    CKR_OK,
    CKR_SIGNATURE_INVALID,  // other data
};

TEST_F(RemoteTest, VerifySignatureAnswersAsTheLocalModule) {
    require_local();
    if (HasFatalFailure()) return;
    const Bytes msg = bytes_of("C_VerifySignature over the remote protocol");
    for (const Side& side : {remote(), local()}) {
        SCOPED_TRACE(side.f == f32_ ? "remote" : "local");
        const Pair pair = ec_pair(side);
        CK_MECHANISM ecdsa{CKM_ECDSA_SHA256, nullptr, 0};
        const std::vector<CK_RV> rv =
            verify_signature_calls(side, &ecdsa, pair.pub, msg, sign(side, &ecdsa, pair.priv, msg));
        ASSERT_EQ(rv.size(), kVerifySignatureExpected.size() + 2);
        EXPECT_EQ(std::vector<CK_RV>(rv.begin(), rv.end() - 2), kVerifySignatureExpected);
        results_[side.f == f32_].push_back(rv);

        // The same with ML-DSA-65 and a context string on the Init.
        const Pair ml = ml_dsa_65_pair(side);
        SignContext ctx(CKM_ML_DSA, bytes_of("verify-signature-ctx"));
        const std::vector<CK_RV> ml_rv = verify_signature_calls(
            side, &ctx.mech, ml.pub, msg, sign(side, &ctx.mech, ml.priv, msg));
        ASSERT_EQ(ml_rv.size(), kVerifySignatureExpected.size() + 2);
        EXPECT_EQ(std::vector<CK_RV>(ml_rv.begin(), ml_rv.end() - 2), kVerifySignatureExpected);
        results_[side.f == f32_].push_back(ml_rv);
    }
    // Including the wrong-length signature, whose code the specification leaves open.
    EXPECT_EQ(results_[true], results_[false]);
}

TEST_F(RemoteTest, MlDsa65SignatureWithContextVerifiesLocallyOnlyWithTheSameContext) {
    require_local();
    if (HasFatalFailure()) return;
    const Side r = remote(), l = local();
    const Pair remote_pair = ml_dsa_65_pair(r);
    const Pair local_pair = ml_dsa_65_pair(l);
    Bytes msg = bytes_of("signed through the daemon with a 20-byte context");
    SignContext ctx(CKM_ML_DSA, bytes_of("twenty-byte-context!"));
    ASSERT_EQ(ctx.bytes.size(), 20u);

    // Length query and CKR_BUFFER_TOO_SMALL as the local module answers them.
    CK_ULONG lengths[2][2] = {};
    CK_RV small_rv[2] = {};
    Bytes remote_sig;
    for (const Side& side : {r, l}) {
        const int i = side.f == f32_ ? 0 : 1;
        const CK_OBJECT_HANDLE priv = i == 0 ? remote_pair.priv : local_pair.priv;
        ASSERT_EQ(side.f->C_SignInit(side.s, &ctx.mech, priv), CKR_OK);
        ASSERT_EQ(side.f->C_Sign(side.s, msg.data(), msg.size(), nullptr, &lengths[i][0]), CKR_OK);
        Bytes sig(lengths[i][0]);
        lengths[i][1] = 16;
        small_rv[i] = side.f->C_Sign(side.s, msg.data(), msg.size(), sig.data(), &lengths[i][1]);
        CK_ULONG len = sig.size();
        ASSERT_EQ(side.f->C_Sign(side.s, msg.data(), msg.size(), sig.data(), &len), CKR_OK);
        sig.resize(len);
        if (i == 0) remote_sig = sig;
    }
    EXPECT_EQ(lengths[0][0], 3309u);  // FIPS 204: ML-DSA-65 signature size
    EXPECT_EQ(lengths[0][0], lengths[1][0]);
    EXPECT_EQ(small_rv[0], CKR_BUFFER_TOO_SMALL);
    EXPECT_EQ(small_rv[0], small_rv[1]);
    EXPECT_EQ(lengths[0][1], lengths[1][1]);
    ASSERT_EQ(remote_sig.size(), 3309u);

    // The remote public key imported into the local module.
    Bytes value = read_attribute(r, remote_pair.pub, CKA_VALUE);
    CK_OBJECT_CLASS cls = CKO_PUBLIC_KEY;
    CK_KEY_TYPE type = CKK_ML_DSA;
    CK_ULONG set = CKP_ML_DSA_65;
    CK_BBOOL yes = CK_TRUE;
    CK_ATTRIBUTE t[] = {{CKA_CLASS, &cls, sizeof cls},
                        {CKA_KEY_TYPE, &type, sizeof type},
                        {CKA_PARAMETER_SET, &set, sizeof set},
                        {CKA_VALUE, value.data(), value.size()},
                        {CKA_VERIFY, &yes, sizeof yes}};
    CK_OBJECT_HANDLE imported = CK_INVALID_HANDLE;
    ASSERT_EQ(l.f->C_CreateObject(l.s, t, 5, &imported), CKR_OK);

    SignContext other(CKM_ML_DSA, bytes_of("twenty-byte-context?"));
    CK_MECHANISM no_context{CKM_ML_DSA, nullptr, 0};
    EXPECT_EQ(verify(l, &ctx.mech, imported, msg, remote_sig), CKR_OK);
    EXPECT_EQ(verify(l, &other.mech, imported, msg, remote_sig), CKR_SIGNATURE_INVALID);
    EXPECT_EQ(verify(l, &no_context, imported, msg, remote_sig), CKR_SIGNATURE_INVALID);
    EXPECT_EQ(verify(r, &ctx.mech, remote_pair.pub, msg, remote_sig), CKR_OK);
    EXPECT_EQ(verify(r, &other.mech, remote_pair.pub, msg, remote_sig), CKR_SIGNATURE_INVALID);

    // HashML-DSA: the caller's SHA-256 digest, the hash named in CK_HASH_SIGN_ADDITIONAL_CONTEXT.
    Bytes digest(32);
    ASSERT_EQ(EVP_Digest(msg.data(), msg.size(), digest.data(), nullptr, EVP_sha256(), nullptr), 1);
    CK_HASH_SIGN_ADDITIONAL_CONTEXT hp{CKH_HEDGE_PREFERRED, ctx.bytes.data(), 20, CKM_SHA256};
    CK_MECHANISM hash_mech{CKM_HASH_ML_DSA, &hp, sizeof hp};
    const Bytes hash_sig = sign(r, &hash_mech, remote_pair.priv, digest);
    ASSERT_EQ(hash_sig.size(), 3309u);
    EXPECT_EQ(verify(l, &hash_mech, imported, digest, hash_sig), CKR_OK);
    // The module hashing the message itself gives the same HashML-DSA signature input.
    SignContext in_module(CKM_HASH_ML_DSA_SHA256, ctx.bytes);
    EXPECT_EQ(verify(l, &in_module.mech, imported, msg, hash_sig), CKR_OK);
    CK_HASH_SIGN_ADDITIONAL_CONTEXT other_hp{CKH_HEDGE_PREFERRED, other.bytes.data(), 20,
                                             CKM_SHA256};
    CK_MECHANISM other_hash{CKM_HASH_ML_DSA, &other_hp, sizeof other_hp};
    EXPECT_EQ(verify(l, &other_hash, imported, digest, hash_sig), CKR_SIGNATURE_INVALID);

    // A context longer than FIPS 204 allows: the same refusal on both sides.
    SignContext too_long(CKM_ML_DSA, Bytes(256, 0x33));
    EXPECT_EQ(r.f->C_SignInit(r.s, &too_long.mech, remote_pair.priv),
              l.f->C_SignInit(l.s, &too_long.mech, local_pair.priv));
    EXPECT_NE(r.f->C_SignInit(r.s, &too_long.mech, remote_pair.priv), CKR_OK);
}

// A key pair generated remotely with an exportable private key, both halves imported into the
// local module: deterministic signatures must then be the same bytes on both sides, which
// checks that every field of the sign-context parameters (hedge variant included) arrives.
struct SharedPqcPair {
    Pair remote;
    Pair local;
};

SharedPqcPair shared_pqc_pair(const Side& r, const Side& l, CK_MECHANISM_TYPE keygen,
                              CK_KEY_TYPE key_type, CK_ULONG parameter_set) {
    CK_MECHANISM mech{keygen, nullptr, 0};
    CK_BBOOL yes = CK_TRUE, no = CK_FALSE;
    CK_ATTRIBUTE pub_t[] = {{CKA_PARAMETER_SET, &parameter_set, sizeof parameter_set},
                            {CKA_VERIFY, &yes, sizeof yes}};
    CK_ATTRIBUTE priv_t[] = {{CKA_SIGN, &yes, sizeof yes},
                             {CKA_SENSITIVE, &no, sizeof no},
                             {CKA_EXTRACTABLE, &yes, sizeof yes}};
    SharedPqcPair p;
    EXPECT_EQ(
        r.f->C_GenerateKeyPair(r.s, &mech, pub_t, 2, priv_t, 3, &p.remote.pub, &p.remote.priv),
        CKR_OK);
    for (const CK_OBJECT_CLASS cls : {CKO_PUBLIC_KEY, CKO_PRIVATE_KEY}) {
        CK_OBJECT_CLASS c = cls;
        const bool pub = cls == CKO_PUBLIC_KEY;
        Bytes value = read_attribute(r, pub ? p.remote.pub : p.remote.priv, CKA_VALUE);
        CK_ATTRIBUTE t[] = {{CKA_CLASS, &c, sizeof c},
                            {CKA_KEY_TYPE, &key_type, sizeof key_type},
                            {CKA_PARAMETER_SET, &parameter_set, sizeof parameter_set},
                            {CKA_VALUE, value.data(), value.size()},
                            {pub ? CKA_VERIFY : CKA_SIGN, &yes, sizeof yes}};
        EXPECT_EQ(l.f->C_CreateObject(l.s, t, 5, pub ? &p.local.pub : &p.local.priv), CKR_OK);
    }
    return p;
}

TEST_F(RemoteTest, DeterministicMlDsaAndSlhDsaSignaturesWithContextsMatchTheLocalModule) {
    require_local();
    if (HasFatalFailure()) return;
    const Side r = remote(), l = local();
    const struct {
        const char* name;
        CK_MECHANISM_TYPE keygen, pure, hash, prehash_sha256;
        CK_KEY_TYPE key_type;
        CK_ULONG parameter_set;
    } kCases[] = {
        {"ML-DSA-65", CKM_ML_DSA_KEY_PAIR_GEN, CKM_ML_DSA, CKM_HASH_ML_DSA, CKM_HASH_ML_DSA_SHA256,
         CKK_ML_DSA, CKP_ML_DSA_65},
        {"SLH-DSA-SHA2-128f", CKM_SLH_DSA_KEY_PAIR_GEN, CKM_SLH_DSA, CKM_HASH_SLH_DSA,
         CKM_HASH_SLH_DSA_SHA256, CKK_SLH_DSA, CKP_SLH_DSA_SHA2_128F},
    };
    Bytes msg = bytes_of("deterministic, so both modules must agree");
    Bytes digest(32);
    ASSERT_EQ(EVP_Digest(msg.data(), msg.size(), digest.data(), nullptr, EVP_sha256(), nullptr), 1);
    Bytes context = bytes_of("a context of 20 byte");
    Bytes other_context = bytes_of("a context of 20 bytf");
    for (const auto& c : kCases) {
        SCOPED_TRACE(c.name);
        const SharedPqcPair keys = shared_pqc_pair(r, l, c.keygen, c.key_type, c.parameter_set);

        CK_SIGN_ADDITIONAL_CONTEXT pure{CKH_DETERMINISTIC_REQUIRED, context.data(), 20};
        CK_MECHANISM pure_mech{c.pure, &pure, sizeof pure};
        const Bytes remote_sig = sign(r, &pure_mech, keys.remote.priv, msg);
        EXPECT_FALSE(remote_sig.empty());
        EXPECT_EQ(remote_sig, sign(l, &pure_mech, keys.local.priv, msg));
        // Hedged (the default) signatures differ from each other but verify the same way.
        CK_SIGN_ADDITIONAL_CONTEXT hedged{CKH_HEDGE_PREFERRED, context.data(), 20};
        CK_MECHANISM hedged_mech{c.pure, &hedged, sizeof hedged};
        const Bytes hedged_sig = sign(r, &hedged_mech, keys.remote.priv, msg);
        EXPECT_NE(hedged_sig, remote_sig);
        EXPECT_EQ(verify(l, &pure_mech, keys.local.pub, msg, hedged_sig), CKR_OK);
        CK_SIGN_ADDITIONAL_CONTEXT other{CKH_DETERMINISTIC_REQUIRED, other_context.data(), 20};
        CK_MECHANISM other_mech{c.pure, &other, sizeof other};
        EXPECT_EQ(verify(l, &other_mech, keys.local.pub, msg, remote_sig), CKR_SIGNATURE_INVALID);

        // HashML-DSA / HashSLH-DSA over a caller's digest, and the module hashing itself.
        CK_HASH_SIGN_ADDITIONAL_CONTEXT hp{CKH_DETERMINISTIC_REQUIRED, context.data(), 20,
                                           CKM_SHA256};
        CK_MECHANISM hash_mech{c.hash, &hp, sizeof hp};
        const Bytes hash_sig = sign(r, &hash_mech, keys.remote.priv, digest);
        EXPECT_EQ(hash_sig, sign(l, &hash_mech, keys.local.priv, digest));
        CK_MECHANISM prehash_mech{c.prehash_sha256, &pure, sizeof pure};
        EXPECT_EQ(sign(r, &prehash_mech, keys.remote.priv, msg), hash_sig);
        EXPECT_NE(hash_sig, remote_sig);
        EXPECT_EQ(verify(r, &hash_mech, keys.remote.pub, digest, hash_sig), CKR_OK);
    }
}

TEST_F(RemoteTest, MessageSigningWithMlDsaContextVerifiesLocally) {
    require_local();
    if (HasFatalFailure()) return;
    const Side r = remote(), l = local();
    const Pair pair = ml_dsa_65_pair(r);
    SignContext ctx(CKM_ML_DSA, bytes_of("message-ctx"));
    Bytes msg = bytes_of("one message, signed whole and in parts");
    const CK_ULONG half = msg.size() / 2;

    ASSERT_EQ(r.f->C_MessageSignInit(r.s, &ctx.mech, pair.priv), CKR_OK);
    CK_ULONG len = 0;
    ASSERT_EQ(r.f->C_SignMessage(r.s, nullptr, 0, msg.data(), msg.size(), nullptr, &len), CKR_OK);
    EXPECT_EQ(len, 3309u);
    Bytes whole(len);
    ASSERT_EQ(r.f->C_SignMessage(r.s, nullptr, 0, msg.data(), msg.size(), whole.data(), &len),
              CKR_OK);
    whole.resize(len);
    ASSERT_EQ(r.f->C_SignMessageBegin(r.s, nullptr, 0), CKR_OK);
    ASSERT_EQ(r.f->C_SignMessageNext(r.s, nullptr, 0, msg.data(), half, nullptr, nullptr), CKR_OK);
    Bytes parts(3309);
    CK_ULONG parts_len = 8;
    EXPECT_EQ(r.f->C_SignMessageNext(r.s, nullptr, 0, msg.data() + half, msg.size() - half,
                                     parts.data(), &parts_len),
              CKR_BUFFER_TOO_SMALL);
    EXPECT_EQ(parts_len, 3309u);
    ASSERT_EQ(r.f->C_SignMessageNext(r.s, nullptr, 0, msg.data() + half, msg.size() - half,
                                     parts.data(), &parts_len),
              CKR_OK);
    parts.resize(parts_len);
    // A per-message parameter: this module defines none for signing.
    CK_BYTE junk[4] = {};
    EXPECT_EQ(r.f->C_SignMessage(r.s, junk, sizeof junk, msg.data(), msg.size(), nullptr, &len),
              CKR_MECHANISM_PARAM_INVALID);
    EXPECT_EQ(r.f->C_MessageSignFinal(r.s), CKR_OK);
    EXPECT_EQ(r.f->C_MessageSignFinal(r.s), CKR_OPERATION_NOT_INITIALIZED);

    // Verified by the local module with the remote public key, and remotely message-based.
    Bytes value = read_attribute(r, pair.pub, CKA_VALUE);
    CK_OBJECT_CLASS cls = CKO_PUBLIC_KEY;
    CK_KEY_TYPE type = CKK_ML_DSA;
    CK_ULONG set = CKP_ML_DSA_65;
    CK_BBOOL yes = CK_TRUE;
    CK_ATTRIBUTE t[] = {{CKA_CLASS, &cls, sizeof cls},
                        {CKA_KEY_TYPE, &type, sizeof type},
                        {CKA_PARAMETER_SET, &set, sizeof set},
                        {CKA_VALUE, value.data(), value.size()},
                        {CKA_VERIFY, &yes, sizeof yes}};
    CK_OBJECT_HANDLE imported = CK_INVALID_HANDLE;
    ASSERT_EQ(l.f->C_CreateObject(l.s, t, 5, &imported), CKR_OK);
    EXPECT_EQ(verify(l, &ctx.mech, imported, msg, whole), CKR_OK);
    EXPECT_EQ(verify(l, &ctx.mech, imported, msg, parts), CKR_OK);

    Bytes bad = parts;
    bad[100] ^= 0x04;
    ASSERT_EQ(r.f->C_MessageVerifyInit(r.s, &ctx.mech, pair.pub), CKR_OK);
    EXPECT_EQ(
        r.f->C_VerifyMessage(r.s, nullptr, 0, msg.data(), msg.size(), whole.data(), whole.size()),
        CKR_OK);
    EXPECT_EQ(r.f->C_VerifyMessage(r.s, nullptr, 0, msg.data(), msg.size(), bad.data(), bad.size()),
              CKR_SIGNATURE_INVALID);
    ASSERT_EQ(r.f->C_VerifyMessageBegin(r.s, nullptr, 0), CKR_OK);
    ASSERT_EQ(r.f->C_VerifyMessageNext(r.s, nullptr, 0, msg.data(), half, nullptr, 0), CKR_OK);
    EXPECT_EQ(r.f->C_VerifyMessageNext(r.s, nullptr, 0, msg.data() + half, msg.size() - half,
                                       parts.data(), parts.size()),
              CKR_OK);
    EXPECT_EQ(r.f->C_MessageVerifyFinal(r.s), CKR_OK);
}

// The GCM per-message parameter of one message, owning the IV and tag buffers the module
// writes into (generated IV on encryption, tag on its last part). A 16-byte IV leaves the 96
// random bits the module requires next to 32 fixed ones.
struct GcmMessage {
    explicit GcmMessage(CK_GENERATOR_FUNCTION generator, CK_ULONG fixed_bits = 32) {
        iv.fill(0xaa);
        tag.fill(0);
        param = {iv.data(), iv.size(), fixed_bits, generator, tag.data(), 128};
    }
    GcmMessage(const GcmMessage&) = delete;
    GcmMessage& operator=(const GcmMessage&) = delete;
    std::array<CK_BYTE, 16> iv{};
    std::array<CK_BYTE, 16> tag{};
    CK_GCM_MESSAGE_PARAMS param{};
};

// What one side's message-based encryption showed, IVs and tags aside (they are random).
struct EncryptTrace {
    std::vector<CK_RV> rv;
    std::vector<CK_ULONG> lengths;
    std::vector<bool> iv_untouched;  // after the length query and CKR_BUFFER_TOO_SMALL
    bool operator==(const EncryptTrace&) const = default;
};

TEST_F(RemoteTest, MessageGcmEncryptionWritesIvAndTagBackAsTheLocalModuleDoes) {
    require_local();
    if (HasFatalFailure()) return;
    const Side r = remote(), l = local();

    // One AES key on both sides: generated remotely as extractable, its value imported locally.
    CK_MECHANISM keygen{CKM_AES_KEY_GEN, nullptr, 0};
    CK_ULONG key_len = 32;
    CK_BBOOL yes = CK_TRUE, no = CK_FALSE;
    CK_ATTRIBUTE gen_t[] = {{CKA_VALUE_LEN, &key_len, sizeof key_len},
                            {CKA_ENCRYPT, &yes, sizeof yes},
                            {CKA_DECRYPT, &yes, sizeof yes},
                            {CKA_SENSITIVE, &no, sizeof no},
                            {CKA_EXTRACTABLE, &yes, sizeof yes}};
    CK_OBJECT_HANDLE keys[2] = {};
    ASSERT_EQ(r.f->C_GenerateKey(r.s, &keygen, gen_t, 5, &keys[0]), CKR_OK);
    Bytes value = read_attribute(r, keys[0], CKA_VALUE);
    ASSERT_EQ(value.size(), 32u);
    CK_OBJECT_CLASS cls = CKO_SECRET_KEY;
    CK_KEY_TYPE kt = CKK_AES;
    CK_ATTRIBUTE imp_t[] = {{CKA_CLASS, &cls, sizeof cls},
                            {CKA_KEY_TYPE, &kt, sizeof kt},
                            {CKA_VALUE, value.data(), value.size()},
                            {CKA_ENCRYPT, &yes, sizeof yes},
                            {CKA_DECRYPT, &yes, sizeof yes}};
    ASSERT_EQ(l.f->C_CreateObject(l.s, imp_t, 5, &keys[1]), CKR_OK);

    CK_MECHANISM gcm{CKM_AES_GCM, nullptr, 0};
    Bytes plain = bytes_of("message-based AES-GCM through the daemon");
    Bytes aad = bytes_of("header");
    EncryptTrace trace[2];
    Bytes cipher[2];
    std::array<CK_BYTE, 16> ivs[2];
    std::array<CK_BYTE, 16> tags[2];
    for (const Side& side : {r, l}) {
        const int i = side.f == f32_ ? 0 : 1;
        EncryptTrace& tr = trace[i];
        GcmMessage m(CKG_GENERATE_RANDOM);
        const std::array<CK_BYTE, 16> before = m.iv;
        tr.rv.push_back(side.f->C_MessageEncryptInit(side.s, &gcm, keys[i]));
        CK_ULONG len = 0;
        tr.rv.push_back(side.f->C_EncryptMessage(side.s, &m.param, sizeof m.param, aad.data(),
                                                 aad.size(), plain.data(), plain.size(), nullptr,
                                                 &len));
        tr.lengths.push_back(len);
        tr.iv_untouched.push_back(m.iv == before);
        Bytes out(plain.size());
        CK_ULONG small = 3;
        tr.rv.push_back(side.f->C_EncryptMessage(side.s, &m.param, sizeof m.param, aad.data(),
                                                 aad.size(), plain.data(), plain.size(), out.data(),
                                                 &small));
        tr.lengths.push_back(small);
        tr.iv_untouched.push_back(m.iv == before);
        len = out.size();
        tr.rv.push_back(side.f->C_EncryptMessage(side.s, &m.param, sizeof m.param, aad.data(),
                                                 aad.size(), plain.data(), plain.size(), out.data(),
                                                 &len));
        tr.lengths.push_back(len);
        // The generated IV keeps the caller's 32 fixed bits and replaces the rest.
        EXPECT_TRUE(std::equal(m.iv.begin(), m.iv.begin() + 4, before.begin()));
        EXPECT_FALSE(std::equal(m.iv.begin() + 4, m.iv.end(), before.begin() + 4));
        EXPECT_NE(m.tag, (std::array<CK_BYTE, 16>{}));
        EXPECT_NE(out, plain);
        cipher[i] = out;
        ivs[i] = m.iv;
        tags[i] = m.tag;
        tr.rv.push_back(side.f->C_MessageEncryptFinal(side.s));
        tr.rv.push_back(side.f->C_MessageEncryptFinal(side.s));
    }
    EXPECT_EQ(trace[0].rv, (std::vector<CK_RV>{CKR_OK, CKR_OK, CKR_BUFFER_TOO_SMALL, CKR_OK, CKR_OK,
                                               CKR_OPERATION_NOT_INITIALIZED}));
    EXPECT_EQ(trace[0].lengths, (std::vector<CK_ULONG>{plain.size(), plain.size(), plain.size()}));
    EXPECT_EQ(trace[0].iv_untouched, (std::vector<bool>{true, true}));
    EXPECT_TRUE(trace[0] == trace[1]);

    // Each side decrypts the other's message, with the IV and tag it wrote back.
    for (const Side& side : {r, l}) {
        const int i = side.f == f32_ ? 0 : 1;
        const int from = 1 - i;
        GcmMessage m(CKG_NO_GENERATE, 0);
        m.iv = ivs[from];
        m.tag = tags[from];
        ASSERT_EQ(side.f->C_MessageDecryptInit(side.s, &gcm, keys[i]), CKR_OK);
        Bytes back(cipher[from].size());
        CK_ULONG len = back.size();
        ASSERT_EQ(
            side.f->C_DecryptMessage(side.s, &m.param, sizeof m.param, aad.data(), aad.size(),
                                     cipher[from].data(), cipher[from].size(), back.data(), &len),
            CKR_OK);
        back.resize(len);
        EXPECT_EQ(back, plain);
        m.tag[0] ^= 1;
        len = cipher[from].size();
        back.resize(len);
        EXPECT_EQ(
            side.f->C_DecryptMessage(side.s, &m.param, sizeof m.param, aad.data(), aad.size(),
                                     cipher[from].data(), cipher[from].size(), back.data(), &len),
            CKR_AEAD_DECRYPT_FAILED);
        EXPECT_EQ(side.f->C_MessageDecryptFinal(side.s), CKR_OK);
    }

    // In parts, remotely: the IV comes back from Begin, the tag from the last Next; the local
    // module decrypts the result in one call.
    GcmMessage m(CKG_GENERATE_RANDOM);
    const std::array<CK_BYTE, 16> before = m.iv;
    const CK_ULONG half = plain.size() / 2;
    ASSERT_EQ(r.f->C_MessageEncryptInit(r.s, &gcm, keys[0]), CKR_OK);
    ASSERT_EQ(r.f->C_EncryptMessageBegin(r.s, &m.param, sizeof m.param, aad.data(), aad.size()),
              CKR_OK);
    EXPECT_NE(m.iv, before);
    Bytes out(plain.size());
    CK_ULONG len = 0;
    ASSERT_EQ(r.f->C_EncryptMessageNext(r.s, &m.param, sizeof m.param, plain.data(), half, nullptr,
                                        &len, 0),
              CKR_OK);
    EXPECT_EQ(len, half);
    ASSERT_EQ(r.f->C_EncryptMessageNext(r.s, &m.param, sizeof m.param, plain.data(), half,
                                        out.data(), &len, 0),
              CKR_OK);
    EXPECT_EQ(m.tag, (std::array<CK_BYTE, 16>{}));  // not before the last part
    CK_ULONG len2 = out.size() - len;
    ASSERT_EQ(
        r.f->C_EncryptMessageNext(r.s, &m.param, sizeof m.param, plain.data() + half,
                                  plain.size() - half, out.data() + len, &len2, CKF_END_OF_MESSAGE),
        CKR_OK);
    EXPECT_NE(m.tag, (std::array<CK_BYTE, 16>{}));
    EXPECT_EQ(r.f->C_MessageEncryptFinal(r.s), CKR_OK);
    out.resize(len + len2);

    GcmMessage d(CKG_NO_GENERATE, 0);
    d.iv = m.iv;
    d.tag = m.tag;
    ASSERT_EQ(l.f->C_MessageDecryptInit(l.s, &gcm, keys[1]), CKR_OK);
    Bytes back(out.size());
    CK_ULONG back_len = back.size();
    ASSERT_EQ(l.f->C_DecryptMessage(l.s, &d.param, sizeof d.param, aad.data(), aad.size(),
                                    out.data(), out.size(), back.data(), &back_len),
              CKR_OK);
    back.resize(back_len);
    EXPECT_EQ(back, plain);
    EXPECT_EQ(l.f->C_MessageDecryptFinal(l.s), CKR_OK);

    // And remotely in parts, with the length query on the last part.
    ASSERT_EQ(r.f->C_MessageDecryptInit(r.s, &gcm, keys[0]), CKR_OK);
    ASSERT_EQ(r.f->C_DecryptMessageBegin(r.s, &d.param, sizeof d.param, aad.data(), aad.size()),
              CKR_OK);
    Bytes parts(out.size());
    CK_ULONG first = parts.size();
    ASSERT_EQ(r.f->C_DecryptMessageNext(r.s, &d.param, sizeof d.param, out.data(), half,
                                        parts.data(), &first, 0),
              CKR_OK);
    CK_ULONG rest = 0;
    ASSERT_EQ(r.f->C_DecryptMessageNext(r.s, &d.param, sizeof d.param, out.data() + half,
                                        out.size() - half, nullptr, &rest, CKF_END_OF_MESSAGE),
              CKR_OK);
    ASSERT_LE(first + rest, parts.size());
    ASSERT_EQ(r.f->C_DecryptMessageNext(r.s, &d.param, sizeof d.param, out.data() + half,
                                        out.size() - half, parts.data() + first, &rest,
                                        CKF_END_OF_MESSAGE),
              CKR_OK);
    parts.resize(first + rest);
    EXPECT_EQ(parts, plain);
    EXPECT_EQ(r.f->C_MessageDecryptFinal(r.s), CKR_OK);
}

// An AES-256 key generated remotely as extractable and imported into the local module with the
// same value, so deterministic operations must give the same bytes on both sides.
// `usage` is CKA_ENCRYPT/CKA_DECRYPT or CKA_SIGN/CKA_VERIFY. Returns {remote, local} handles.
std::array<CK_OBJECT_HANDLE, 2> shared_aes_key(const Side& r, const Side& l,
                                               CK_ATTRIBUTE_TYPE use_a, CK_ATTRIBUTE_TYPE use_b) {
    CK_MECHANISM keygen{CKM_AES_KEY_GEN, nullptr, 0};
    CK_ULONG key_len = 32;
    CK_BBOOL yes = CK_TRUE, no = CK_FALSE;
    CK_ATTRIBUTE gen_t[] = {{CKA_VALUE_LEN, &key_len, sizeof key_len},
                            {use_a, &yes, sizeof yes},
                            {use_b, &yes, sizeof yes},
                            {CKA_SENSITIVE, &no, sizeof no},
                            {CKA_EXTRACTABLE, &yes, sizeof yes}};
    std::array<CK_OBJECT_HANDLE, 2> keys{};
    EXPECT_EQ(r.f->C_GenerateKey(r.s, &keygen, gen_t, 5, &keys[0]), CKR_OK);
    Bytes value = read_attribute(r, keys[0], CKA_VALUE);
    EXPECT_EQ(value.size(), 32u);
    CK_OBJECT_CLASS cls = CKO_SECRET_KEY;
    CK_KEY_TYPE kt = CKK_AES;
    CK_ATTRIBUTE imp_t[] = {{CKA_CLASS, &cls, sizeof cls},
                            {CKA_KEY_TYPE, &kt, sizeof kt},
                            {CKA_VALUE, value.data(), value.size()},
                            {use_a, &yes, sizeof yes},
                            {use_b, &yes, sizeof yes}};
    EXPECT_EQ(l.f->C_CreateObject(l.s, imp_t, 5, &keys[1]), CKR_OK);
    return keys;
}

// What one side's dual-function sequence produced: every rv, length and output.
struct DualTrace {
    std::vector<CK_RV> rv;
    std::vector<CK_ULONG> lengths;
    std::vector<Bytes> outputs;
    bool operator==(const DualTrace&) const = default;
};

TEST_F(RemoteTest, DualFunctionUpdatesAndSessionCancelAnswerAsTheLocalModule) {
    require_local();
    if (HasFatalFailure()) return;
    const Side r = remote(), l = local();
    const auto enc = shared_aes_key(r, l, CKA_ENCRYPT, CKA_DECRYPT);
    const auto mac = shared_aes_key(r, l, CKA_SIGN, CKA_VERIFY);
    CK_BYTE iv[16] = {9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 1, 2, 3, 4, 5, 6};
    CK_MECHANISM cbc{CKM_AES_CBC, iv, sizeof iv};
    CK_MECHANISM sha{CKM_SHA256, nullptr, 0};
    CK_MECHANISM cmac{CKM_AES_CMAC, nullptr, 0};
    Bytes plain = bytes_of("thirty-two bytes, two AES blocks");
    ASSERT_EQ(plain.size(), 32u);

    DualTrace trace[2];
    for (const Side& side : {r, l}) {
        const int i = side.f == f32_ ? 0 : 1;
        DualTrace& t = trace[i];
        CK_FUNCTION_LIST_3_2* f = side.f;
        const CK_SESSION_HANDLE s = side.s;
        // Calls f(s, in, in_len, out, &out_len): a length query, CKR_BUFFER_TOO_SMALL, the call.
        auto update = [&](CK_C_DigestEncryptUpdate call, Bytes in) {
            CK_ULONG len = 0;
            t.rv.push_back(call(s, in.data(), in.size(), nullptr, &len));
            t.lengths.push_back(len);
            Bytes out(len);
            CK_ULONG small = 1;
            t.rv.push_back(call(s, in.data(), in.size(), out.data(), &small));
            t.lengths.push_back(small);
            t.rv.push_back(call(s, in.data(), in.size(), out.data(), &len));
            out.resize(len);
            t.outputs.push_back(out);
            return out;
        };
        auto final_out = [&](CK_C_DigestFinal call) {
            Bytes out(64);
            CK_ULONG len = out.size();
            t.rv.push_back(call(s, out.data(), &len));
            out.resize(len);
            t.outputs.push_back(out);
            return out;
        };
        // Digest and encrypt, then decrypt and digest: the same digest, the plaintext back.
        t.rv.push_back(f->C_DigestInit(s, &sha));
        t.rv.push_back(f->C_EncryptInit(s, &cbc, enc[i]));
        const Bytes cipher = update(f->C_DigestEncryptUpdate, plain);
        const Bytes digest = final_out(f->C_DigestFinal);
        final_out(f->C_EncryptFinal);
        t.rv.push_back(f->C_DecryptInit(s, &cbc, enc[i]));
        t.rv.push_back(f->C_DigestInit(s, &sha));
        EXPECT_EQ(update(f->C_DecryptDigestUpdate, cipher), plain);
        EXPECT_EQ(final_out(f->C_DigestFinal), digest);
        final_out(f->C_DecryptFinal);
        // Sign and encrypt, then decrypt and verify with the MAC.
        t.rv.push_back(f->C_SignInit(s, &cmac, mac[i]));
        t.rv.push_back(f->C_EncryptInit(s, &cbc, enc[i]));
        update(f->C_SignEncryptUpdate, plain);
        Bytes tag = final_out(f->C_SignFinal);
        final_out(f->C_EncryptFinal);
        t.rv.push_back(f->C_DecryptInit(s, &cbc, enc[i]));
        t.rv.push_back(f->C_VerifyInit(s, &cmac, mac[i]));
        EXPECT_EQ(update(f->C_DecryptVerifyUpdate, cipher), plain);
        t.rv.push_back(f->C_VerifyFinal(s, tag.data(), tag.size()));
        final_out(f->C_DecryptFinal);
        // C_SessionCancel ends the named operation only.
        t.rv.push_back(f->C_EncryptInit(s, &cbc, enc[i]));
        t.rv.push_back(f->C_DigestInit(s, &sha));
        t.rv.push_back(f->C_SessionCancel(s, CKF_ENCRYPT));
        CK_ULONG len = 0;
        t.rv.push_back(f->C_Encrypt(s, plain.data(), plain.size(), nullptr, &len));
        t.rv.push_back(f->C_DigestUpdate(s, plain.data(), plain.size()));
        t.rv.push_back(f->C_SessionCancel(s, CKF_DIGEST | CKF_FIND_OBJECTS));
        t.rv.push_back(f->C_DigestUpdate(s, plain.data(), plain.size()));
    }
    // Same key and IV on both sides: the same ciphertext, digest and MAC bytes.
    EXPECT_TRUE(trace[0] == trace[1]);
    EXPECT_EQ(trace[0].outputs, trace[1].outputs);
    EXPECT_EQ(trace[0].rv, trace[1].rv);
    std::vector<CK_RV> expected = {CKR_OK, CKR_OK};
    auto add = [&](std::initializer_list<CK_RV> rvs) { expected.insert(expected.end(), rvs); };
    add({CKR_OK, CKR_BUFFER_TOO_SMALL, CKR_OK, CKR_OK, CKR_OK});  // update, two finals
    add({CKR_OK, CKR_OK, CKR_OK, CKR_BUFFER_TOO_SMALL, CKR_OK, CKR_OK, CKR_OK});
    add({CKR_OK, CKR_OK, CKR_OK, CKR_BUFFER_TOO_SMALL, CKR_OK, CKR_OK, CKR_OK});
    add({CKR_OK, CKR_OK, CKR_OK, CKR_BUFFER_TOO_SMALL, CKR_OK, CKR_OK, CKR_OK});
    add({CKR_OK, CKR_OK, CKR_OK, CKR_OPERATION_NOT_INITIALIZED, CKR_OK, CKR_OK,
         CKR_OPERATION_NOT_INITIALIZED});
    EXPECT_EQ(trace[0].rv, expected);
    EXPECT_EQ(trace[0].lengths.front(), 32u);
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
