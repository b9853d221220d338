// RSA mechanism rules through the ABI: parameters, lengths, key checks, policy switches, the
// output-buffer protocol, and agreement with OpenSSL on the same keys.
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <algorithm>
#include <cstring>
#include <thread>

#include <gtest/gtest.h>

#include "support/p11_module.h"
#include "support/vector_file.h"
#include "unit/mech/rsa_support.h"

namespace craton::test::rsa {
namespace {

const Bytes kMessage = {'a', 'b', 'c', ' ', 'R', 'S', 'A', ' ', 'r', 'u', 'l', 'e', 's'};

// DER DigestInfo prefix for SHA-256 (RFC 8017 9.2 note 1).
const Bytes kSha256DigestInfoPrefix = from_hex("3031300d060960864801650304020105000420");

Bytes sha256(const Bytes& m) {
    Bytes out(32);
    unsigned int n = 0;
    EVP_Digest(m.data(), m.size(), out.data(), &n, evp_md(CKM_SHA256), nullptr);
    return out;
}

const PrivateKey& key2048() {
    static const PrivateKey k = fixture_key(2048);
    return k;
}

CK_RV get_attribute(RsaSession& s, CK_OBJECT_HANDLE h, CK_ATTRIBUTE_TYPE type, Bytes* out) {
    CK_ATTRIBUTE a{type, nullptr, 0};
    CK_RV rv = s.fn()->C_GetAttributeValue(s.session(), h, &a, 1);
    if (rv != CKR_OK) return rv;
    out->resize(a.ulValueLen);
    a.pValue = out->data();
    return s.fn()->C_GetAttributeValue(s.session(), h, &a, 1);
}

Bytes minimal(const Bytes& v) {
    auto first = std::find_if(v.begin(), v.end(), [](std::uint8_t b) { return b != 0; });
    return Bytes(first, v.end());
}

Bytes spki_of(EVP_PKEY* key) {
    const int len = i2d_PUBKEY(key, nullptr);
    Bytes out(static_cast<std::size_t>(len));
    unsigned char* p = out.data();
    i2d_PUBKEY(key, &p);
    return out;
}

// A session with the 2048-bit fixture key imported as both halves.
class RsaRules : public ::testing::Test {
  protected:
    explicit RsaRules(const std::string& config = "") : s_(config) {
        priv_ = s_.private_key(key2048());
        pub_ = s_.public_key(key2048().n, key2048().e);
        openssl_priv_ = openssl_private(key2048());
        openssl_pub_ = openssl_public(key2048().n, key2048().e);
    }
    RsaSession s_;
    CK_OBJECT_HANDLE priv_ = CK_INVALID_HANDLE;
    CK_OBJECT_HANDLE pub_ = CK_INVALID_HANDLE;
    Pkey openssl_priv_;
    Pkey openssl_pub_;
};

TEST_F(RsaRules, MechanismTableAdvertisesSizesAndFlags) {
    struct Row {
        CK_MECHANISM_TYPE type;
        CK_ULONG min, max;
        CK_FLAGS flags;
    };
    const Row rows[] = {
        {CKM_RSA_PKCS_KEY_PAIR_GEN, 2048, 4096, CKF_GENERATE_KEY_PAIR},
        {CKM_RSA_PKCS, 1024, 8192, CKF_SIGN | CKF_VERIFY | CKF_ENCRYPT | CKF_DECRYPT},
        {CKM_RSA_X_509, 1024, 8192, CKF_SIGN | CKF_VERIFY | CKF_ENCRYPT | CKF_DECRYPT},
        {CKM_RSA_PKCS_PSS, 1024, 8192, CKF_SIGN | CKF_VERIFY},
        {CKM_RSA_PKCS_OAEP, 1024, 8192, CKF_ENCRYPT | CKF_DECRYPT | CKF_WRAP | CKF_UNWRAP},
        {CKM_SHA1_RSA_PKCS, 1024, 8192, CKF_SIGN | CKF_VERIFY},
        {CKM_SHA224_RSA_PKCS, 1024, 8192, CKF_SIGN | CKF_VERIFY},
        {CKM_SHA256_RSA_PKCS, 1024, 8192, CKF_SIGN | CKF_VERIFY},
        {CKM_SHA384_RSA_PKCS, 1024, 8192, CKF_SIGN | CKF_VERIFY},
        {CKM_SHA512_RSA_PKCS, 1024, 8192, CKF_SIGN | CKF_VERIFY},
        {CKM_SHA1_RSA_PKCS_PSS, 1024, 8192, CKF_SIGN | CKF_VERIFY},
        {CKM_SHA224_RSA_PKCS_PSS, 1024, 8192, CKF_SIGN | CKF_VERIFY},
        {CKM_SHA256_RSA_PKCS_PSS, 1024, 8192, CKF_SIGN | CKF_VERIFY},
        {CKM_SHA384_RSA_PKCS_PSS, 1024, 8192, CKF_SIGN | CKF_VERIFY},
        {CKM_SHA512_RSA_PKCS_PSS, 1024, 8192, CKF_SIGN | CKF_VERIFY},
        {CKM_SHA3_256_RSA_PKCS, 1024, 8192, CKF_SIGN | CKF_VERIFY},
        {CKM_SHA3_512_RSA_PKCS_PSS, 1024, 8192, CKF_SIGN | CKF_VERIFY},
    };
    CK_ULONG count = 0;
    ASSERT_EQ(s_.fn()->C_GetMechanismList(0, nullptr, &count), CKR_OK);
    std::vector<CK_MECHANISM_TYPE> list(count);
    ASSERT_EQ(s_.fn()->C_GetMechanismList(0, list.data(), &count), CKR_OK);
    for (const Row& r : rows) {
        EXPECT_NE(std::find(list.begin(), list.end(), r.type), list.end()) << std::hex << r.type;
        CK_MECHANISM_INFO info{};
        ASSERT_EQ(s_.fn()->C_GetMechanismInfo(0, r.type, &info), CKR_OK) << std::hex << r.type;
        EXPECT_EQ(info.ulMinKeySize, r.min) << std::hex << r.type;
        EXPECT_EQ(info.ulMaxKeySize, r.max) << std::hex << r.type;
        // PKCS#11 3.0: a mechanism usable for message-based signing says so.
        CK_FLAGS expected = r.flags;
        if (expected & CKF_SIGN) expected |= CKF_MESSAGE_SIGN;
        if (expected & CKF_VERIFY) expected |= CKF_MESSAGE_VERIFY;
        EXPECT_EQ(info.flags, expected) << std::hex << r.type;
    }
}

TEST_F(RsaRules, Pkcs1SignaturesEqualOpenSSLWithTheSameKey) {
    for (CK_MECHANISM_TYPE hash : {CKM_SHA224, CKM_SHA256, CKM_SHA384, CKM_SHA512, CKM_SHA3_224,
                                   CKM_SHA3_256, CKM_SHA3_384, CKM_SHA3_512}) {
        Bytes sig;
        ASSERT_EQ(s_.sign({pkcs1_mechanism(hash), nullptr, 0}, priv_, kMessage, &sig), CKR_OK);
        EXPECT_EQ(sig, openssl_sign(openssl_priv_.get(), hash, kMessage)) << std::hex << hash;
        EXPECT_EQ(s_.verify({pkcs1_mechanism(hash), nullptr, 0}, pub_, kMessage, sig), CKR_OK);
    }
}

TEST_F(RsaRules, PssSignaturesVerifyWithOpenSSLAndBack) {
    for (CK_MECHANISM_TYPE hash : {CKM_SHA224, CKM_SHA256, CKM_SHA384, CKM_SHA512, CKM_SHA3_256}) {
        CK_RSA_PKCS_PSS_PARAMS p{hash, mgf1_for(hash), hash_size(hash)};
        const CK_MECHANISM m{pss_mechanism(hash), &p, sizeof p};
        Bytes sig;
        ASSERT_EQ(s_.sign(m, priv_, kMessage, &sig), CKR_OK);
        EXPECT_TRUE(openssl_verify(openssl_pub_.get(), hash, kMessage, sig,
                                   static_cast<int>(hash_size(hash)), hash));
        const Bytes theirs = openssl_sign(openssl_priv_.get(), hash, kMessage,
                                          static_cast<int>(hash_size(hash)), hash);
        EXPECT_EQ(s_.verify(m, pub_, kMessage, theirs), CKR_OK);
    }
    // MGF1 over another hash than the message hash, and a zero-length salt.
    CK_RSA_PKCS_PSS_PARAMS p{CKM_SHA256, CKG_MGF1_SHA1, 0};
    const CK_MECHANISM m{CKM_SHA256_RSA_PKCS_PSS, &p, sizeof p};
    Bytes sig;
    ASSERT_EQ(s_.sign(m, priv_, kMessage, &sig), CKR_OK);
    EXPECT_TRUE(openssl_verify(openssl_pub_.get(), CKM_SHA256, kMessage, sig, 0, CKM_SHA_1));
}

TEST_F(RsaRules, MultiPartEqualsSinglePart) {
    Bytes data(5000);
    for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<std::uint8_t>(i * 7);
    const CK_MECHANISM m{CKM_SHA384_RSA_PKCS, nullptr, 0};
    Bytes single, multi;
    ASSERT_EQ(s_.sign(m, priv_, data, &single), CKR_OK);
    ASSERT_EQ(s_.sign_multi(m, priv_, data, 7, &multi), CKR_OK);
    EXPECT_EQ(single, multi);
    EXPECT_EQ(s_.verify_multi(m, pub_, data, 3, single), CKR_OK);

    CK_RSA_PKCS_PSS_PARAMS p{CKM_SHA512, CKG_MGF1_SHA512, 64};
    const CK_MECHANISM pss{CKM_SHA512_RSA_PKCS_PSS, &p, sizeof p};
    ASSERT_EQ(s_.sign_multi(pss, priv_, data, 4, &multi), CKR_OK);
    EXPECT_EQ(s_.verify(pss, pub_, data, multi), CKR_OK);
    ASSERT_EQ(s_.sign(pss, priv_, data, &single), CKR_OK);
    EXPECT_EQ(s_.verify_multi(pss, pub_, data, 5, single), CKR_OK);
    EXPECT_NE(single, multi);  // PSS is randomized
}

TEST_F(RsaRules, RawPkcs1SignsAPreparedDigestInfo) {
    Bytes digest_info = kSha256DigestInfoPrefix;
    const Bytes h = sha256(kMessage);
    digest_info.insert(digest_info.end(), h.begin(), h.end());
    Bytes raw, combined;
    ASSERT_EQ(s_.sign({CKM_RSA_PKCS, nullptr, 0}, priv_, digest_info, &raw), CKR_OK);
    ASSERT_EQ(s_.sign({CKM_SHA256_RSA_PKCS, nullptr, 0}, priv_, kMessage, &combined), CKR_OK);
    EXPECT_EQ(raw, combined);
    EXPECT_EQ(s_.verify({CKM_RSA_PKCS, nullptr, 0}, pub_, digest_info, raw), CKR_OK);
    digest_info.back() ^= 1;
    EXPECT_EQ(s_.verify({CKM_RSA_PKCS, nullptr, 0}, pub_, digest_info, raw), CKR_SIGNATURE_INVALID);

    // k - 11 bytes is the most PKCS#1 v1.5 can carry.
    Bytes sig;
    EXPECT_EQ(s_.sign({CKM_RSA_PKCS, nullptr, 0}, priv_, Bytes(245, 1), &sig), CKR_OK);
    EXPECT_EQ(s_.sign({CKM_RSA_PKCS, nullptr, 0}, priv_, Bytes(246, 1), &sig), CKR_DATA_LEN_RANGE);

    // Single-part only.
    CK_MECHANISM m{CKM_RSA_PKCS, nullptr, 0};
    ASSERT_EQ(s_.fn()->C_SignInit(s_.session(), &m, priv_), CKR_OK);
    EXPECT_EQ(s_.fn()->C_SignUpdate(s_.session(), digest_info.data(), digest_info.size()),
              CKR_FUNCTION_NOT_SUPPORTED);
    ASSERT_EQ(s_.fn()->C_VerifyInit(s_.session(), &m, pub_), CKR_OK);
    EXPECT_EQ(s_.fn()->C_VerifyUpdate(s_.session(), digest_info.data(), digest_info.size()),
              CKR_FUNCTION_NOT_SUPPORTED);
}

TEST_F(RsaRules, RawPssSignsAHashOfTheParameterLength) {
    CK_RSA_PKCS_PSS_PARAMS p{CKM_SHA256, CKG_MGF1_SHA256, 32};
    const CK_MECHANISM raw{CKM_RSA_PKCS_PSS, &p, sizeof p};
    const CK_MECHANISM combined{CKM_SHA256_RSA_PKCS_PSS, &p, sizeof p};
    Bytes sig;
    ASSERT_EQ(s_.sign(raw, priv_, sha256(kMessage), &sig), CKR_OK);
    EXPECT_EQ(s_.verify(combined, pub_, kMessage, sig), CKR_OK);
    EXPECT_EQ(s_.verify(raw, pub_, sha256(kMessage), sig), CKR_OK);
    EXPECT_EQ(s_.sign(raw, priv_, Bytes(31, 1), &sig), CKR_DATA_LEN_RANGE);
    EXPECT_EQ(s_.sign(raw, priv_, Bytes(48, 1), &sig), CKR_DATA_LEN_RANGE);
    EXPECT_EQ(s_.verify(raw, pub_, Bytes(20, 1), Bytes(256, 1)), CKR_DATA_LEN_RANGE);
}

TEST_F(RsaRules, PssParametersAreChecked) {
    auto init = [&](CK_MECHANISM_TYPE type, const void* param, CK_ULONG len, bool sign) {
        CK_MECHANISM m{type, const_cast<void*>(param), len};
        const CK_RV rv = sign ? s_.fn()->C_SignInit(s_.session(), &m, priv_)
                              : s_.fn()->C_VerifyInit(s_.session(), &m, pub_);
        if (rv == CKR_OK) {
            // Cancel (PKCS#11 3.0: *Init with a NULL mechanism).
            sign ? s_.fn()->C_SignInit(s_.session(), nullptr, priv_)
                 : s_.fn()->C_VerifyInit(s_.session(), nullptr, pub_);
        }
        return rv;
    };
    for (const bool sign : {true, false}) {
        const CK_RSA_PKCS_PSS_PARAMS good{CKM_SHA256, CKG_MGF1_SHA256, 32};
        EXPECT_EQ(init(CKM_SHA256_RSA_PKCS_PSS, &good, sizeof good, sign), CKR_OK);
        EXPECT_EQ(init(CKM_SHA256_RSA_PKCS_PSS, nullptr, 0, sign), CKR_MECHANISM_PARAM_INVALID);
        EXPECT_EQ(init(CKM_SHA256_RSA_PKCS_PSS, &good, sizeof good - 1, sign),
                  CKR_MECHANISM_PARAM_INVALID);
        const CK_RSA_PKCS_PSS_PARAMS other_hash{CKM_SHA384, CKG_MGF1_SHA256, 32};
        EXPECT_EQ(init(CKM_SHA256_RSA_PKCS_PSS, &other_hash, sizeof other_hash, sign),
                  CKR_MECHANISM_PARAM_INVALID);
        EXPECT_EQ(init(CKM_RSA_PKCS_PSS, &other_hash, sizeof other_hash, sign), CKR_OK);
        const CK_RSA_PKCS_PSS_PARAMS bad_mgf{CKM_SHA256, 0x99, 32};
        EXPECT_EQ(init(CKM_SHA256_RSA_PKCS_PSS, &bad_mgf, sizeof bad_mgf, sign),
                  CKR_MECHANISM_PARAM_INVALID);
        const CK_RSA_PKCS_PSS_PARAMS bad_hash{CKM_MD5, CKG_MGF1_SHA256, 16};
        EXPECT_EQ(init(CKM_RSA_PKCS_PSS, &bad_hash, sizeof bad_hash, sign),
                  CKR_MECHANISM_PARAM_INVALID);
        // emLen - hLen - 2 = 256 - 32 - 2 is the largest salt a 2048-bit key can carry.
        const CK_RSA_PKCS_PSS_PARAMS max_salt{CKM_SHA256, CKG_MGF1_SHA256, 222};
        EXPECT_EQ(init(CKM_SHA256_RSA_PKCS_PSS, &max_salt, sizeof max_salt, sign), CKR_OK);
        const CK_RSA_PKCS_PSS_PARAMS too_much{CKM_SHA256, CKG_MGF1_SHA256, 223};
        EXPECT_EQ(init(CKM_SHA256_RSA_PKCS_PSS, &too_much, sizeof too_much, sign),
                  CKR_MECHANISM_PARAM_INVALID);
        // Mechanisms without parameters refuse one.
        EXPECT_EQ(init(CKM_SHA256_RSA_PKCS, &good, sizeof good, sign), CKR_MECHANISM_PARAM_INVALID);
    }
    CK_RSA_PKCS_PSS_PARAMS max_salt{CKM_SHA256, CKG_MGF1_SHA256, 222};
    const CK_MECHANISM m{CKM_SHA256_RSA_PKCS_PSS, &max_salt, sizeof max_salt};
    Bytes sig;
    ASSERT_EQ(s_.sign(m, priv_, kMessage, &sig), CKR_OK);
    EXPECT_TRUE(openssl_verify(openssl_pub_.get(), CKM_SHA256, kMessage, sig, 222, CKM_SHA256));
}

TEST_F(RsaRules, KeyTypeAndUsageAreEnforced) {
    const CK_OBJECT_HANDLE secret = s_.p11().secret_key(CKK_GENERIC_SECRET, Bytes(32, 7));
    CK_MECHANISM m{CKM_SHA256_RSA_PKCS, nullptr, 0};
    EXPECT_EQ(s_.fn()->C_SignInit(s_.session(), &m, secret), CKR_KEY_TYPE_INCONSISTENT);
    EXPECT_EQ(s_.fn()->C_VerifyInit(s_.session(), &m, secret), CKR_KEY_TYPE_INCONSISTENT);
    // A public key cannot sign, a private key cannot verify.
    const CK_RV pub_sign = s_.fn()->C_SignInit(s_.session(), &m, pub_);
    EXPECT_TRUE(pub_sign == CKR_KEY_FUNCTION_NOT_PERMITTED || pub_sign == CKR_KEY_TYPE_INCONSISTENT)
        << rv_name(pub_sign);
    const CK_RV priv_verify = s_.fn()->C_VerifyInit(s_.session(), &m, priv_);
    EXPECT_TRUE(priv_verify == CKR_KEY_FUNCTION_NOT_PERMITTED ||
                priv_verify == CKR_KEY_TYPE_INCONSISTENT)
        << rv_name(priv_verify);

    // CKA_SIGN / CKA_DECRYPT false.
    const PrivateKey& k = key2048();
    AttrBuilder b;
    b.add_ulong(CKA_CLASS, CKO_PRIVATE_KEY)
        .add_ulong(CKA_KEY_TYPE, CKK_RSA)
        .add(CKA_MODULUS, k.n)
        .add(CKA_PUBLIC_EXPONENT, k.e)
        .add(CKA_PRIVATE_EXPONENT, k.d)
        .add_bool(CKA_SIGN, false)
        .add_bool(CKA_DECRYPT, false);
    const CK_OBJECT_HANDLE limited = s_.p11().create(b.build());
    EXPECT_EQ(s_.fn()->C_SignInit(s_.session(), &m, limited), CKR_KEY_FUNCTION_NOT_PERMITTED);
    CK_MECHANISM pkcs{CKM_RSA_PKCS, nullptr, 0};
    EXPECT_EQ(s_.fn()->C_DecryptInit(s_.session(), &pkcs, limited), CKR_KEY_FUNCTION_NOT_PERMITTED);
}

TEST_F(RsaRules, SignatureBufferProtocolKeepsTheOperation) {
    CK_MECHANISM m{CKM_SHA256_RSA_PKCS, nullptr, 0};
    ASSERT_EQ(s_.fn()->C_SignInit(s_.session(), &m, priv_), CKR_OK);
    CK_ULONG len = 0;
    Bytes msg = kMessage;
    ASSERT_EQ(s_.fn()->C_Sign(s_.session(), msg.data(), msg.size(), nullptr, &len), CKR_OK);
    EXPECT_EQ(len, 256u);
    Bytes sig(len);
    len = 10;
    ASSERT_EQ(s_.fn()->C_Sign(s_.session(), msg.data(), msg.size(), sig.data(), &len),
              CKR_BUFFER_TOO_SMALL);
    EXPECT_EQ(len, 256u);
    ASSERT_EQ(s_.fn()->C_Sign(s_.session(), msg.data(), msg.size(), sig.data(), &len), CKR_OK);
    EXPECT_EQ(sig, openssl_sign(openssl_priv_.get(), CKM_SHA256, kMessage));

    // Multi-part: the length query and a short buffer leave the digest state untouched.
    ASSERT_EQ(s_.fn()->C_SignInit(s_.session(), &m, priv_), CKR_OK);
    ASSERT_EQ(s_.fn()->C_SignUpdate(s_.session(), msg.data(), msg.size()), CKR_OK);
    len = 0;
    ASSERT_EQ(s_.fn()->C_SignFinal(s_.session(), nullptr, &len), CKR_OK);
    EXPECT_EQ(len, 256u);
    len = 255;
    ASSERT_EQ(s_.fn()->C_SignFinal(s_.session(), sig.data(), &len), CKR_BUFFER_TOO_SMALL);
    len = 256;
    Bytes final_sig(256);
    ASSERT_EQ(s_.fn()->C_SignFinal(s_.session(), final_sig.data(), &len), CKR_OK);
    EXPECT_EQ(final_sig, sig);
}

TEST_F(RsaRules, VerificationFailuresAndTheirCodes) {
    const CK_MECHANISM m{CKM_SHA256_RSA_PKCS, nullptr, 0};
    Bytes sig;
    ASSERT_EQ(s_.sign(m, priv_, kMessage, &sig), CKR_OK);
    Bytes bad = sig;
    bad[100] ^= 0x40;
    EXPECT_EQ(s_.verify(m, pub_, kMessage, bad), CKR_SIGNATURE_INVALID);
    EXPECT_EQ(s_.verify(m, pub_, kMessage, Bytes(sig.begin(), sig.end() - 1)),
              CKR_SIGNATURE_LEN_RANGE);
    Bytes longer = sig;
    longer.insert(longer.begin(), 0);
    EXPECT_EQ(s_.verify(m, pub_, kMessage, longer), CKR_SIGNATURE_LEN_RANGE);
    Bytes other = kMessage;
    other[0] ^= 1;
    EXPECT_EQ(s_.verify(m, pub_, other, sig), CKR_SIGNATURE_INVALID);
    // A failed verification ends the operation.
    EXPECT_EQ(s_.fn()->C_Verify(s_.session(), other.data(), other.size(), sig.data(), sig.size()),
              CKR_OPERATION_NOT_INITIALIZED);
}

TEST_F(RsaRules, Pkcs1EncryptionRoundTripsAndInteroperates) {
    const CK_MECHANISM m{CKM_RSA_PKCS, nullptr, 0};
    const Bytes plain(100, 0x5a);
    Bytes ct, back;
    ASSERT_EQ(s_.encrypt(m, pub_, plain, &ct), CKR_OK);
    EXPECT_EQ(ct.size(), 256u);
    ASSERT_EQ(s_.decrypt(m, priv_, ct, &back), CKR_OK);
    EXPECT_EQ(back, plain);

    // OpenSSL encrypts, the module decrypts.
    EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_pkey(nullptr, openssl_pub_.get(), nullptr);
    ASSERT_EQ(EVP_PKEY_encrypt_init(ctx), 1);
    EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PADDING);
    Bytes theirs(256);
    std::size_t theirs_len = theirs.size();
    ASSERT_EQ(EVP_PKEY_encrypt(ctx, theirs.data(), &theirs_len, kMessage.data(), kMessage.size()),
              1);
    EVP_PKEY_CTX_free(ctx);
    ASSERT_EQ(s_.decrypt(m, priv_, theirs, &back), CKR_OK);
    EXPECT_EQ(back, kMessage);

    EXPECT_EQ(s_.encrypt(m, pub_, Bytes(245, 1), &ct), CKR_OK);
    EXPECT_EQ(s_.encrypt(m, pub_, Bytes(246, 1), &ct), CKR_DATA_LEN_RANGE);
    EXPECT_EQ(s_.decrypt(m, priv_, Bytes(255, 1), &back), CKR_ENCRYPTED_DATA_LEN_RANGE);
    theirs[10] ^= 1;
    EXPECT_EQ(s_.decrypt(m, priv_, theirs, &back), CKR_ENCRYPTED_DATA_INVALID);

    // Single-part only.
    CK_MECHANISM mm = m;
    ASSERT_EQ(s_.fn()->C_EncryptInit(s_.session(), &mm, pub_), CKR_OK);
    Bytes out(256);
    CK_ULONG out_len = out.size();
    Bytes in = kMessage;
    EXPECT_EQ(s_.fn()->C_EncryptUpdate(s_.session(), in.data(), in.size(), out.data(), &out_len),
              CKR_FUNCTION_NOT_SUPPORTED);
}

TEST_F(RsaRules, DecryptBufferProtocolKeepsTheOperation) {
    CK_RSA_PKCS_OAEP_PARAMS p{CKM_SHA256, CKG_MGF1_SHA256, CKZ_DATA_SPECIFIED, nullptr, 0};
    CK_MECHANISM m{CKM_RSA_PKCS_OAEP, &p, sizeof p};
    Bytes ct;
    ASSERT_EQ(s_.encrypt(m, pub_, kMessage, &ct), CKR_OK);
    ASSERT_EQ(s_.fn()->C_DecryptInit(s_.session(), &m, priv_), CKR_OK);
    CK_ULONG len = 0;
    ASSERT_EQ(s_.fn()->C_Decrypt(s_.session(), ct.data(), ct.size(), nullptr, &len), CKR_OK);
    EXPECT_EQ(len, kMessage.size());  // exact, not the padding bound
    Bytes out(len);
    len = 5;
    ASSERT_EQ(s_.fn()->C_Decrypt(s_.session(), ct.data(), ct.size(), out.data(), &len),
              CKR_BUFFER_TOO_SMALL);
    EXPECT_EQ(len, kMessage.size());
    len = out.size();
    ASSERT_EQ(s_.fn()->C_Decrypt(s_.session(), ct.data(), ct.size(), out.data(), &len), CKR_OK);
    out.resize(len);
    EXPECT_EQ(out, kMessage);
    // A bad ciphertext fails already at the length query, with the same single code.
    Bytes bad = ct;
    bad[3] ^= 1;
    ASSERT_EQ(s_.fn()->C_DecryptInit(s_.session(), &m, priv_), CKR_OK);
    len = 0;
    EXPECT_EQ(s_.fn()->C_Decrypt(s_.session(), bad.data(), bad.size(), nullptr, &len),
              CKR_ENCRYPTED_DATA_INVALID);
    EXPECT_EQ(s_.fn()->C_Decrypt(s_.session(), ct.data(), ct.size(), nullptr, &len),
              CKR_OPERATION_NOT_INITIALIZED);
    // A buffer of exactly the message length is enough for PKCS#1 v1.5 too.
    CK_MECHANISM pkcs{CKM_RSA_PKCS, nullptr, 0};
    ASSERT_EQ(s_.encrypt(pkcs, pub_, kMessage, &ct), CKR_OK);
    ASSERT_EQ(s_.fn()->C_DecryptInit(s_.session(), &pkcs, priv_), CKR_OK);
    out.assign(kMessage.size(), 0);
    len = out.size();
    ASSERT_EQ(s_.fn()->C_Decrypt(s_.session(), ct.data(), ct.size(), out.data(), &len), CKR_OK);
    EXPECT_EQ(out, kMessage);
    // Encryption reports the modulus length exactly.
    ASSERT_EQ(s_.fn()->C_EncryptInit(s_.session(), &m, pub_), CKR_OK);
    Bytes msg = kMessage;
    len = 0;
    ASSERT_EQ(s_.fn()->C_Encrypt(s_.session(), msg.data(), msg.size(), nullptr, &len), CKR_OK);
    EXPECT_EQ(len, 256u);
}

TEST_F(RsaRules, OaepLabelsHashesAndParameters) {
    Bytes label = {'l', 'a', 'b', 'e', 'l'};
    CK_RSA_PKCS_OAEP_PARAMS p{CKM_SHA384, CKG_MGF1_SHA1, CKZ_DATA_SPECIFIED, label.data(),
                              label.size()};
    const CK_MECHANISM m{CKM_RSA_PKCS_OAEP, &p, sizeof p};
    Bytes ct, back;
    ASSERT_EQ(s_.encrypt(m, pub_, kMessage, &ct), CKR_OK);

    // OpenSSL with the same parameters decrypts the module's ciphertext.
    EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_pkey(nullptr, openssl_priv_.get(), nullptr);
    ASSERT_EQ(EVP_PKEY_decrypt_init(ctx), 1);
    EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_OAEP_PADDING);
    EVP_PKEY_CTX_set_rsa_oaep_md(ctx, evp_md(CKM_SHA384));
    EVP_PKEY_CTX_set_rsa_mgf1_md(ctx, evp_md(CKM_SHA_1));
    EVP_PKEY_CTX_set0_rsa_oaep_label(ctx, OPENSSL_memdup(label.data(), label.size()),
                                     static_cast<int>(label.size()));
    Bytes theirs(256);
    std::size_t theirs_len = theirs.size();
    ASSERT_EQ(EVP_PKEY_decrypt(ctx, theirs.data(), &theirs_len, ct.data(), ct.size()), 1);
    EVP_PKEY_CTX_free(ctx);
    theirs.resize(theirs_len);
    EXPECT_EQ(theirs, kMessage);

    ASSERT_EQ(s_.decrypt(m, priv_, ct, &back), CKR_OK);
    EXPECT_EQ(back, kMessage);
    Bytes wrong = {'l', 'a', 'b', 'e', 'L'};
    CK_RSA_PKCS_OAEP_PARAMS wp = p;
    wp.pSourceData = wrong.data();
    EXPECT_EQ(s_.decrypt({CKM_RSA_PKCS_OAEP, &wp, sizeof wp}, priv_, ct, &back),
              CKR_ENCRYPTED_DATA_INVALID);

    // 256 - 2*48 - 2 = 158 bytes fit under SHA-384.
    EXPECT_EQ(s_.encrypt(m, pub_, Bytes(158, 1), &ct), CKR_OK);
    EXPECT_EQ(s_.encrypt(m, pub_, Bytes(159, 1), &ct), CKR_DATA_LEN_RANGE);

    auto init = [&](CK_RSA_PKCS_OAEP_PARAMS q, CK_ULONG size) {
        CK_MECHANISM mm{CKM_RSA_PKCS_OAEP, &q, size};
        const CK_RV rv = s_.fn()->C_EncryptInit(s_.session(), &mm, pub_);
        if (rv == CKR_OK) s_.fn()->C_EncryptInit(s_.session(), nullptr, pub_);
        return rv;
    };
    const CK_RSA_PKCS_OAEP_PARAMS none{CKM_SHA256, CKG_MGF1_SHA256, CKZ_DATA_SPECIFIED, nullptr, 0};
    EXPECT_EQ(init(none, sizeof none), CKR_OK);
    EXPECT_EQ(init(none, sizeof none + 1), CKR_MECHANISM_PARAM_INVALID);
    CK_RSA_PKCS_OAEP_PARAMS q = none;
    q.source = 0;  // accepted only without a label
    EXPECT_EQ(init(q, sizeof q), CKR_OK);
    q.pSourceData = label.data();
    q.ulSourceDataLen = label.size();
    EXPECT_EQ(init(q, sizeof q), CKR_MECHANISM_PARAM_INVALID);
    q = none;
    q.source = 2;
    EXPECT_EQ(init(q, sizeof q), CKR_MECHANISM_PARAM_INVALID);
    q = none;
    q.ulSourceDataLen = 4;  // length without data
    EXPECT_EQ(init(q, sizeof q), CKR_MECHANISM_PARAM_INVALID);
    q = none;
    q.hashAlg = CKM_MD5;
    EXPECT_EQ(init(q, sizeof q), CKR_MECHANISM_PARAM_INVALID);
    q = none;
    q.mgf = 0x77;
    EXPECT_EQ(init(q, sizeof q), CKR_MECHANISM_PARAM_INVALID);
    CK_MECHANISM no_param{CKM_RSA_PKCS_OAEP, nullptr, 0};
    EXPECT_EQ(s_.fn()->C_EncryptInit(s_.session(), &no_param, pub_), CKR_MECHANISM_PARAM_INVALID);
}

TEST_F(RsaRules, RawRsaPrivateOperationsAreOffByDefault) {
    CK_MECHANISM m{CKM_RSA_X_509, nullptr, 0};
    EXPECT_EQ(s_.fn()->C_DecryptInit(s_.session(), &m, priv_), CKR_MECHANISM_INVALID);
    EXPECT_EQ(s_.fn()->C_SignInit(s_.session(), &m, priv_), CKR_MECHANISM_INVALID);
    // The public-key directions are harmless and stay available.
    Bytes ct;
    EXPECT_EQ(s_.encrypt(m, pub_, kMessage, &ct), CKR_OK);
    EXPECT_EQ(ct.size(), 256u);
    ASSERT_EQ(s_.fn()->C_VerifyInit(s_.session(), &m, pub_), CKR_OK);
}

class RsaRawAllowed : public RsaRules {
  protected:
    RsaRawAllowed() : RsaRules("[algorithms]\nallow_rsa_x509_decrypt = true\n") {}
};

TEST_F(RsaRawAllowed, RawRsaWhenConfigurationAllowsIt) {
    const CK_MECHANISM m{CKM_RSA_X_509, nullptr, 0};
    Bytes ct, back;
    ASSERT_EQ(s_.encrypt(m, pub_, kMessage, &ct), CKR_OK);
    ASSERT_EQ(s_.decrypt(m, priv_, ct, &back), CKR_OK);
    ASSERT_EQ(back.size(), 256u);  // the number, left-padded to the modulus length
    EXPECT_TRUE(std::all_of(back.begin(), back.end() - kMessage.size(),
                            [](std::uint8_t b) { return b == 0; }));
    EXPECT_TRUE(std::equal(kMessage.begin(), kMessage.end(), back.end() - kMessage.size()));

    Bytes sig;
    ASSERT_EQ(s_.sign(m, priv_, kMessage, &sig), CKR_OK);
    EXPECT_EQ(s_.verify(m, pub_, kMessage, sig), CKR_OK);
    // Raw signing of an encoded PKCS#1 block gives the PKCS#1 signature.
    Bytes block = {0x00, 0x01};
    const std::size_t pad = 256 - 3 - kSha256DigestInfoPrefix.size() - 32;
    block.insert(block.end(), pad, 0xff);
    block.push_back(0x00);
    block.insert(block.end(), kSha256DigestInfoPrefix.begin(), kSha256DigestInfoPrefix.end());
    const Bytes h = sha256(kMessage);
    block.insert(block.end(), h.begin(), h.end());
    ASSERT_EQ(s_.sign(m, priv_, block, &sig), CKR_OK);
    EXPECT_EQ(sig, openssl_sign(openssl_priv_.get(), CKM_SHA256, kMessage));

    EXPECT_EQ(s_.encrypt(m, pub_, Bytes(256, 0xff), &ct), CKR_DATA_INVALID);  // >= n
    EXPECT_EQ(s_.encrypt(m, pub_, Bytes(257, 0x01), &ct), CKR_DATA_LEN_RANGE);
}

TEST_F(RsaRules, OaepWrapsAndUnwrapsSecretKeys) {
    AttrBuilder kb;
    const Bytes secret(32, 0x3c);
    kb.add_ulong(CKA_CLASS, CKO_SECRET_KEY)
        .add_ulong(CKA_KEY_TYPE, CKK_GENERIC_SECRET)
        .add(CKA_VALUE, secret)
        .add_bool(CKA_EXTRACTABLE, true)
        .add_bool(CKA_SENSITIVE, false);
    const CK_OBJECT_HANDLE target = s_.p11().create(kb.build());
    CK_RSA_PKCS_OAEP_PARAMS p{CKM_SHA256, CKG_MGF1_SHA256, CKZ_DATA_SPECIFIED, nullptr, 0};
    CK_MECHANISM m{CKM_RSA_PKCS_OAEP, &p, sizeof p};
    CK_ULONG len = 0;
    ASSERT_EQ(s_.fn()->C_WrapKey(s_.session(), &m, pub_, target, nullptr, &len), CKR_OK);
    EXPECT_EQ(len, 256u);
    Bytes wrapped(len);
    ASSERT_EQ(s_.fn()->C_WrapKey(s_.session(), &m, pub_, target, wrapped.data(), &len), CKR_OK);

    AttrBuilder ub;
    ub.add_ulong(CKA_CLASS, CKO_SECRET_KEY)
        .add_ulong(CKA_KEY_TYPE, CKK_GENERIC_SECRET)
        .add_bool(CKA_EXTRACTABLE, true)
        .add_bool(CKA_SENSITIVE, false);
    auto tmpl = ub.build();
    CK_OBJECT_HANDLE unwrapped = CK_INVALID_HANDLE;
    ASSERT_EQ(s_.fn()->C_UnwrapKey(s_.session(), &m, priv_, wrapped.data(), wrapped.size(),
                                   tmpl.data(), tmpl.size(), &unwrapped),
              CKR_OK);
    EXPECT_EQ(s_.p11().attribute(unwrapped, CKA_VALUE), secret);

    wrapped[7] ^= 1;
    EXPECT_EQ(s_.fn()->C_UnwrapKey(s_.session(), &m, priv_, wrapped.data(), wrapped.size(),
                                   tmpl.data(), tmpl.size(), &unwrapped),
              CKR_WRAPPED_KEY_INVALID);
    EXPECT_EQ(s_.fn()->C_UnwrapKey(s_.session(), &m, priv_, wrapped.data(), wrapped.size() - 1,
                                   tmpl.data(), tmpl.size(), &unwrapped),
              CKR_WRAPPED_KEY_INVALID);

    // 191 bytes do not fit OAEP-SHA-256 under a 2048-bit key.
    kb = AttrBuilder();
    kb.add_ulong(CKA_CLASS, CKO_SECRET_KEY)
        .add_ulong(CKA_KEY_TYPE, CKK_GENERIC_SECRET)
        .add(CKA_VALUE, Bytes(191, 1))
        .add_bool(CKA_EXTRACTABLE, true);
    const CK_OBJECT_HANDLE big = s_.p11().create(kb.build());
    len = 0;
    EXPECT_EQ(s_.fn()->C_WrapKey(s_.session(), &m, pub_, big, nullptr, &len), CKR_KEY_SIZE_RANGE);
}

TEST_F(RsaRules, ImportedKeysCarryPublicKeyInfoAndModulusBits) {
    const Bytes spki = spki_of(openssl_pub_.get());
    EXPECT_EQ(s_.p11().attribute(pub_, CKA_PUBLIC_KEY_INFO), spki);
    EXPECT_EQ(s_.p11().attribute(priv_, CKA_PUBLIC_KEY_INFO), spki);
    const Bytes bits = s_.p11().attribute(pub_, CKA_MODULUS_BITS);
    ASSERT_EQ(bits.size(), sizeof(CK_ULONG));
    CK_ULONG value = 0;
    std::memcpy(&value, bits.data(), sizeof value);
    EXPECT_EQ(value, 2048u);
    Bytes out;
    EXPECT_EQ(get_attribute(s_, priv_, CKA_PRIVATE_EXPONENT, &out), CKR_ATTRIBUTE_SENSITIVE);
    EXPECT_EQ(get_attribute(s_, priv_, CKA_PRIME_1, &out), CKR_ATTRIBUTE_SENSITIVE);
}

TEST_F(RsaRules, ImportRefusesBadPublicValues) {
    const PrivateKey& k = key2048();
    CK_OBJECT_HANDLE h;
    Bytes even = k.n;
    even.back() ^= 1;
    EXPECT_EQ(s_.import_public(even, k.e, &h), CKR_ATTRIBUTE_VALUE_INVALID);
    EXPECT_EQ(s_.import_public(k.n, {0x01, 0x00, 0x00}, &h), CKR_ATTRIBUTE_VALUE_INVALID);
    EXPECT_EQ(s_.import_public(k.n, {0x01}, &h), CKR_ATTRIBUTE_VALUE_INVALID);
    EXPECT_EQ(s_.import_public(k.n, {}, &h), CKR_ATTRIBUTE_VALUE_INVALID);
    Bytes small(64, 0xff);  // 512 bits
    EXPECT_EQ(s_.import_public(small, k.e, &h), CKR_ATTRIBUTE_VALUE_INVALID);
    Bytes huge(1025, 0xff);  // 8200 bits
    EXPECT_EQ(s_.import_public(huge, k.e, &h), CKR_ATTRIBUTE_VALUE_INVALID);
    Bytes prime_like(256, 0xff);  // odd but with tiny factors (2^2048 - 1 = 3 * 5 * ...)
    EXPECT_EQ(s_.import_public(prime_like, k.e, &h), CKR_ATTRIBUTE_VALUE_INVALID);
    // Leading zero bytes are the same number.
    Bytes padded = k.n;
    padded.insert(padded.begin(), 2, 0);
    EXPECT_EQ(s_.import_public(padded, k.e, &h), CKR_OK);

    // A caller-supplied CKA_PUBLIC_KEY_INFO must describe the key.
    Bytes wrong_info = spki_of(openssl_pub_.get());
    wrong_info[wrong_info.size() - 10] ^= 1;
    AttrBuilder b;
    b.add_ulong(CKA_CLASS, CKO_PUBLIC_KEY)
        .add_ulong(CKA_KEY_TYPE, CKK_RSA)
        .add(CKA_MODULUS, k.n)
        .add(CKA_PUBLIC_EXPONENT, k.e)
        .add(CKA_PUBLIC_KEY_INFO, wrong_info);
    auto attrs = b.build();
    EXPECT_EQ(s_.fn()->C_CreateObject(s_.session(), attrs.data(), attrs.size(), &h),
              CKR_ATTRIBUTE_VALUE_INVALID);
}

TEST_F(RsaRules, ImportRefusesInconsistentPrivateKeys) {
    CK_OBJECT_HANDLE h;
    PrivateKey k = key2048();
    k.dp.back() ^= 2;
    EXPECT_EQ(s_.import_private(k, &h), CKR_ATTRIBUTE_VALUE_INVALID);
    k = key2048();
    k.qinv.back() ^= 1;
    EXPECT_EQ(s_.import_private(k, &h), CKR_ATTRIBUTE_VALUE_INVALID);
    k = key2048();
    k.p.back() ^= 2;
    EXPECT_EQ(s_.import_private(k, &h), CKR_ATTRIBUTE_VALUE_INVALID);
    k = key2048();
    k.d.back() ^= 2;  // CRT values no longer agree with d
    EXPECT_EQ(s_.import_private(k, &h), CKR_ATTRIBUTE_VALUE_INVALID);
    k = key2048();
    k.e.clear();
    EXPECT_EQ(s_.import_private(k, &h), CKR_TEMPLATE_INCOMPLETE);
    k = key2048();
    k.qinv.clear();
    EXPECT_EQ(s_.import_private(k, &h), CKR_TEMPLATE_INCOMPLETE);

    // Without CRT values: accepted when d inverts e, refused otherwise.
    k = key2048();
    k.p.clear(), k.q.clear(), k.dp.clear(), k.dq.clear(), k.qinv.clear();
    ASSERT_EQ(s_.import_private(k, &h), CKR_OK);
    Bytes sig;
    ASSERT_EQ(s_.sign({CKM_SHA256_RSA_PKCS, nullptr, 0}, h, kMessage, &sig), CKR_OK);
    EXPECT_EQ(sig, openssl_sign(openssl_priv_.get(), CKM_SHA256, kMessage));
    k.d.back() ^= 2;
    EXPECT_EQ(s_.import_private(k, &h), CKR_ATTRIBUTE_VALUE_INVALID);
}

TEST_F(RsaRules, CopiedKeysSignLikeTheOriginal) {
    // A copy has no parsed form yet; it is built from the copied attributes on first use.
    CK_OBJECT_HANDLE copy = CK_INVALID_HANDLE;
    CK_BBOOL no = CK_FALSE;
    CK_ATTRIBUTE tmpl[] = {{CKA_DECRYPT, &no, sizeof no}};
    ASSERT_EQ(s_.fn()->C_CopyObject(s_.session(), priv_, tmpl, 1, &copy), CKR_OK);
    Bytes a, b;
    ASSERT_EQ(s_.sign({CKM_SHA256_RSA_PKCS, nullptr, 0}, priv_, kMessage, &a), CKR_OK);
    ASSERT_EQ(s_.sign({CKM_SHA256_RSA_PKCS, nullptr, 0}, copy, kMessage, &b), CKR_OK);
    EXPECT_EQ(a, b);
    CK_MECHANISM m{CKM_RSA_PKCS, nullptr, 0};
    EXPECT_EQ(s_.fn()->C_DecryptInit(s_.session(), &m, copy), CKR_KEY_FUNCTION_NOT_PERMITTED);
}

TEST_F(RsaRules, SessionsSignWithOneKeyConcurrently) {
    CK_SESSION_HANDLE other = CK_INVALID_HANDLE;
    ASSERT_EQ(
        s_.fn()->C_OpenSession(0, CKF_SERIAL_SESSION | CKF_RW_SESSION, nullptr, nullptr, &other),
        CKR_OK);
    const Bytes expected = openssl_sign(openssl_priv_.get(), CKM_SHA256, kMessage);
    auto worker = [&](CK_SESSION_HANDLE session, int* good) {
        for (int i = 0; i < 25; ++i) {
            CK_MECHANISM m{CKM_SHA256_RSA_PKCS, nullptr, 0};
            Bytes msg = kMessage, sig(256);
            CK_ULONG len = sig.size();
            if (s_.fn()->C_SignInit(session, &m, priv_) == CKR_OK &&
                s_.fn()->C_Sign(session, msg.data(), msg.size(), sig.data(), &len) == CKR_OK &&
                sig == expected) {
                ++*good;
            }
        }
    };
    int good_a = 0, good_b = 0;
    std::thread t(worker, other, &good_b);
    worker(s_.session(), &good_a);
    t.join();
    EXPECT_EQ(good_a, 25);
    EXPECT_EQ(good_b, 25);
    s_.fn()->C_CloseSession(other);
}

TEST(RsaSmallKeys, ImportedKeysBelow2048BitsOnlyVerify) {
    RsaSession s;
    EVP_PKEY* raw = EVP_RSA_gen(1024);
    ASSERT_NE(raw, nullptr);
    Pkey k(raw);
    auto bn = [&](const char* name) {
        BIGNUM* b = nullptr;
        EVP_PKEY_get_bn_param(k.get(), name, &b);
        Bytes out(static_cast<std::size_t>(BN_num_bytes(b)));
        BN_bn2bin(b, out.data());
        BN_free(b);
        return out;
    };
    PrivateKey pk{bn("n"),
                  bn("e"),
                  bn("d"),
                  bn("rsa-factor1"),
                  bn("rsa-factor2"),
                  bn("rsa-exponent1"),
                  bn("rsa-exponent2"),
                  bn("rsa-coefficient1")};
    const CK_OBJECT_HANDLE pub = s.public_key(pk.n, pk.e);
    const CK_OBJECT_HANDLE priv = s.private_key(pk);
    const Bytes sig = openssl_sign(k.get(), CKM_SHA256, kMessage);
    EXPECT_EQ(s.verify({CKM_SHA256_RSA_PKCS, nullptr, 0}, pub, kMessage, sig), CKR_OK);
    CK_MECHANISM m{CKM_SHA256_RSA_PKCS, nullptr, 0};
    EXPECT_EQ(s.fn()->C_SignInit(s.session(), &m, priv), CKR_KEY_SIZE_RANGE);
    CK_MECHANISM pkcs{CKM_RSA_PKCS, nullptr, 0};
    EXPECT_EQ(s.fn()->C_EncryptInit(s.session(), &pkcs, pub), CKR_KEY_SIZE_RANGE);
    EXPECT_EQ(s.fn()->C_DecryptInit(s.session(), &pkcs, priv), CKR_KEY_SIZE_RANGE);
}

TEST(RsaSha1Policy, Sha1SigningIsRefusedByDefaultButVerifies) {
    const PrivateKey& k = key2048();
    const Pkey ossl = openssl_private(k);
    {
        RsaSession s;
        const CK_OBJECT_HANDLE priv = s.private_key(k);
        const CK_OBJECT_HANDLE pub = s.public_key(k.n, k.e);
        CK_MECHANISM m{CKM_SHA1_RSA_PKCS, nullptr, 0};
        EXPECT_EQ(s.fn()->C_SignInit(s.session(), &m, priv), CKR_MECHANISM_INVALID);
        CK_RSA_PKCS_PSS_PARAMS p{CKM_SHA_1, CKG_MGF1_SHA1, 20};
        CK_MECHANISM pss{CKM_SHA1_RSA_PKCS_PSS, &p, sizeof p};
        EXPECT_EQ(s.fn()->C_SignInit(s.session(), &pss, priv), CKR_MECHANISM_INVALID);
        CK_MECHANISM raw_pss{CKM_RSA_PKCS_PSS, &p, sizeof p};
        EXPECT_EQ(s.fn()->C_SignInit(s.session(), &raw_pss, priv), CKR_MECHANISM_INVALID);
        // SHA-256 message hash with MGF1-SHA-1 is not a SHA-1 signature.
        CK_RSA_PKCS_PSS_PARAMS mgf_only{CKM_SHA256, CKG_MGF1_SHA1, 32};
        CK_MECHANISM raw_ok{CKM_RSA_PKCS_PSS, &mgf_only, sizeof mgf_only};
        EXPECT_EQ(s.fn()->C_SignInit(s.session(), &raw_ok, priv), CKR_OK);
        s.fn()->C_SignInit(s.session(), nullptr, priv);
        EXPECT_EQ(s.verify(m, pub, kMessage, openssl_sign(ossl.get(), CKM_SHA_1, kMessage)),
                  CKR_OK);
    }
    {
        RsaSession s("[algorithms]\nallow_sha1_signing = true\n");
        const CK_OBJECT_HANDLE priv = s.private_key(k);
        Bytes sig;
        ASSERT_EQ(s.sign({CKM_SHA1_RSA_PKCS, nullptr, 0}, priv, kMessage, &sig), CKR_OK);
        EXPECT_EQ(sig, openssl_sign(ossl.get(), CKM_SHA_1, kMessage));
    }
}

TEST(RsaKeyGeneration, GeneratedPairIsCompleteAndUsable) {
    RsaSession s;
    CK_OBJECT_HANDLE pub = CK_INVALID_HANDLE, priv = CK_INVALID_HANDLE;
    ASSERT_EQ(s.generate(2048, {}, &pub, &priv), CKR_OK);
    const Bytes n = s.p11().attribute(pub, CKA_MODULUS);
    const Bytes e = s.p11().attribute(pub, CKA_PUBLIC_EXPONENT);
    EXPECT_EQ(n.size(), 256u);
    EXPECT_EQ(e, Bytes({0x01, 0x00, 0x01}));
    EXPECT_EQ(s.p11().attribute(priv, CKA_MODULUS), n);
    EXPECT_EQ(s.p11().attribute(priv, CKA_PUBLIC_EXPONENT), e);
    const Bytes info = s.p11().attribute(pub, CKA_PUBLIC_KEY_INFO);
    EXPECT_EQ(s.p11().attribute(priv, CKA_PUBLIC_KEY_INFO), info);
    const Pkey ossl = openssl_public(n, e);
    EXPECT_EQ(info, spki_of(ossl.get()));
    Bytes value;
    for (CK_ATTRIBUTE_TYPE t : {CKA_PRIVATE_EXPONENT, CKA_PRIME_1, CKA_PRIME_2, CKA_EXPONENT_1,
                                CKA_EXPONENT_2, CKA_COEFFICIENT}) {
        EXPECT_EQ(get_attribute(s, priv, t, &value), CKR_ATTRIBUTE_SENSITIVE) << std::hex << t;
    }
    for (CK_ATTRIBUTE_TYPE t : {CKA_LOCAL, CKA_ALWAYS_SENSITIVE, CKA_NEVER_EXTRACTABLE}) {
        EXPECT_EQ(s.p11().attribute(priv, t), Bytes{CK_TRUE}) << std::hex << t;
    }
    const Bytes bits = s.p11().attribute(pub, CKA_MODULUS_BITS);
    CK_ULONG bits_value = 0;
    ASSERT_EQ(bits.size(), sizeof bits_value);
    std::memcpy(&bits_value, bits.data(), sizeof bits_value);
    EXPECT_EQ(bits_value, 2048u);

    // Signatures verify with OpenSSL on the public key read back through the ABI.
    Bytes sig;
    ASSERT_EQ(s.sign({CKM_SHA256_RSA_PKCS, nullptr, 0}, priv, kMessage, &sig), CKR_OK);
    EXPECT_TRUE(openssl_verify(ossl.get(), CKM_SHA256, kMessage, sig));
    const unsigned char* p = info.data();
    Pkey from_info(d2i_PUBKEY(nullptr, &p, static_cast<long>(info.size())));
    ASSERT_TRUE(from_info);
    EXPECT_TRUE(openssl_verify(from_info.get(), CKM_SHA256, kMessage, sig));
    CK_RSA_PKCS_OAEP_PARAMS op{CKM_SHA256, CKG_MGF1_SHA256, CKZ_DATA_SPECIFIED, nullptr, 0};
    Bytes ct, back;
    ASSERT_EQ(s.encrypt({CKM_RSA_PKCS_OAEP, &op, sizeof op}, pub, kMessage, &ct), CKR_OK);
    ASSERT_EQ(s.decrypt({CKM_RSA_PKCS_OAEP, &op, sizeof op}, priv, ct, &back), CKR_OK);
    EXPECT_EQ(back, kMessage);
}

TEST(RsaKeyGeneration, TemplateExponentIsUsed) {
    RsaSession s;
    CK_OBJECT_HANDLE pub = CK_INVALID_HANDLE, priv = CK_INVALID_HANDLE;
    ASSERT_EQ(s.generate(2048, {0x00, 0x01, 0x00, 0x03}, &pub, &priv), CKR_OK);
    const Bytes e = s.p11().attribute(pub, CKA_PUBLIC_EXPONENT);
    EXPECT_EQ(e, Bytes({0x01, 0x00, 0x03}));
    const Bytes n = s.p11().attribute(pub, CKA_MODULUS);
    EXPECT_EQ(n.size(), 256u);
    Bytes sig;
    ASSERT_EQ(s.sign({CKM_SHA384_RSA_PKCS, nullptr, 0}, priv, kMessage, &sig), CKR_OK);
    EXPECT_TRUE(openssl_verify(openssl_public(n, e).get(), CKM_SHA384, kMessage, sig));
}

TEST(RsaKeyGeneration, RefusesBadSizesExponentsAndParameters) {
    RsaSession s;
    CK_OBJECT_HANDLE pub, priv;
    EXPECT_EQ(s.generate(1024, {}, &pub, &priv), CKR_KEY_SIZE_RANGE);
    EXPECT_EQ(s.generate(2047, {}, &pub, &priv), CKR_KEY_SIZE_RANGE);
    EXPECT_EQ(s.generate(4097, {}, &pub, &priv), CKR_KEY_SIZE_RANGE);
    EXPECT_EQ(s.generate(8192, {}, &pub, &priv), CKR_KEY_SIZE_RANGE);
    EXPECT_EQ(s.generate(2048, {0x01, 0x00, 0x00}, &pub, &priv), CKR_ATTRIBUTE_VALUE_INVALID);
    EXPECT_EQ(s.generate(2048, {0x01}, &pub, &priv), CKR_ATTRIBUTE_VALUE_INVALID);
    EXPECT_EQ(s.generate(2048, {0x00}, &pub, &priv), CKR_ATTRIBUTE_VALUE_INVALID);
    Bytes huge(33, 0);
    huge[0] = 1;
    huge.back() = 1;  // 2^256 + 1
    EXPECT_EQ(s.generate(2048, huge, &pub, &priv), CKR_ATTRIBUTE_VALUE_INVALID);

    CK_ULONG bits = 2048;
    CK_ATTRIBUTE pt[] = {{CKA_MODULUS_BITS, &bits, sizeof bits}};
    CK_MECHANISM with_param{CKM_RSA_PKCS_KEY_PAIR_GEN, &bits, sizeof bits};
    EXPECT_EQ(s.fn()->C_GenerateKeyPair(s.session(), &with_param, pt, 1, nullptr, 0, &pub, &priv),
              CKR_MECHANISM_PARAM_INVALID);
    CK_MECHANISM m{CKM_RSA_PKCS_KEY_PAIR_GEN, nullptr, 0};
    CK_BBOOL yes = CK_TRUE;
    CK_ATTRIBUTE no_bits[] = {{CKA_VERIFY, &yes, sizeof yes}};
    EXPECT_EQ(s.fn()->C_GenerateKeyPair(s.session(), &m, no_bits, 1, nullptr, 0, &pub, &priv),
              CKR_TEMPLATE_INCOMPLETE);
}

// C_WrapKey / C_UnwrapKey of an RSA private key as PKCS#8 under AES key wrap with padding
// (the AES family's mechanism carries the bytes; this checks the RSA encoding both ways).
TEST_F(RsaRules, PrivateKeyWrapsAsPkcs8) {
    PrivateKey k = key2048();
    const CK_OBJECT_HANDLE extractable = s_.private_key(k, true);
    const CK_OBJECT_HANDLE kek = s_.p11().secret_key(CKK_AES, Bytes(32, 0x11));
    CK_MECHANISM m{CKM_AES_KEY_WRAP_PAD, nullptr, 0};
    CK_ULONG len = 0;
    ASSERT_EQ(s_.fn()->C_WrapKey(s_.session(), &m, kek, extractable, nullptr, &len), CKR_OK);
    Bytes wrapped(len);
    ASSERT_EQ(s_.fn()->C_WrapKey(s_.session(), &m, kek, extractable, wrapped.data(), &len), CKR_OK);
    wrapped.resize(len);
    AttrBuilder b;
    b.add_ulong(CKA_CLASS, CKO_PRIVATE_KEY)
        .add_ulong(CKA_KEY_TYPE, CKK_RSA)
        .add_bool(CKA_SIGN, true)
        .add_bool(CKA_SENSITIVE, false)
        .add_bool(CKA_EXTRACTABLE, true);
    auto tmpl = b.build();
    CK_OBJECT_HANDLE back = CK_INVALID_HANDLE;
    ASSERT_EQ(s_.fn()->C_UnwrapKey(s_.session(), &m, kek, wrapped.data(), wrapped.size(),
                                   tmpl.data(), tmpl.size(), &back),
              CKR_OK);
    // The fixture's values carry a leading zero byte; PKCS#8 holds the minimal encoding.
    EXPECT_EQ(s_.p11().attribute(back, CKA_MODULUS), minimal(k.n));
    EXPECT_EQ(s_.p11().attribute(back, CKA_PRIME_1), minimal(k.p));
    EXPECT_EQ(s_.p11().attribute(back, CKA_PUBLIC_KEY_INFO),
              s_.p11().attribute(pub_, CKA_PUBLIC_KEY_INFO));
    Bytes sig;
    ASSERT_EQ(s_.sign({CKM_SHA256_RSA_PKCS, nullptr, 0}, back, kMessage, &sig), CKR_OK);
    EXPECT_EQ(sig, openssl_sign(openssl_priv_.get(), CKM_SHA256, kMessage));
}

}  // namespace
}  // namespace craton::test::rsa
