// The dual-function updates: C_DigestEncryptUpdate, C_DecryptDigestUpdate,
// C_SignEncryptUpdate, C_DecryptVerifyUpdate. Each must give exactly what the two operations
// give when driven separately (the single-part C_Encrypt / C_Digest / C_Sign paths, which the
// vector tests check), keep both operations intact across a length query, and refuse to start
// unless both operations are active.
#include <gtest/gtest.h>

#include "abi/module_fixture.h"

namespace craton::abitest {
namespace {

class DualFunctionTest : public ModuleTest {
  protected:
    void SetUp() override {
        ModuleTest::SetUp();
        const CK_SLOT_ID slot = ready_token();
        s_ = open(slot, true);
        login_user(s_);
        aes_ = secret(CKK_AES, Bytes(32, 0x2a));
        hmac_ = secret(CKK_GENERIC_SECRET, Bytes(32, 0x5c));
        for (std::size_t i = 0; i < message_.size(); ++i) {
            message_[i] = static_cast<std::uint8_t>(i * 7 + 3);
        }
    }

    CK_OBJECT_HANDLE secret(CK_KEY_TYPE type, const Bytes& value) {
        Attrs a;
        a.ulong(CKA_CLASS, CKO_SECRET_KEY)
            .ulong(CKA_KEY_TYPE, type)
            .boolean(CKA_TOKEN, false)
            .boolean(CKA_ENCRYPT, true)
            .boolean(CKA_DECRYPT, true)
            .boolean(CKA_SIGN, true)
            .boolean(CKA_VERIFY, true)
            .bytes(CKA_VALUE, value);
        return create(s_, a);
    }

    CK_MECHANISM cbc_pad() {
        return CK_MECHANISM{CKM_AES_CBC_PAD, iv_.data(), static_cast<CK_ULONG>(iv_.size())};
    }

    Bytes encrypt_whole() {
        CK_MECHANISM m = cbc_pad();
        EXPECT_OK(p11()->C_EncryptInit(s_, &m, aes_));
        Bytes out(message_.size() + 16);
        CK_ULONG n = static_cast<CK_ULONG>(out.size());
        EXPECT_OK(p11()->C_Encrypt(s_, message_.data(), static_cast<CK_ULONG>(message_.size()),
                                   out.data(), &n));
        out.resize(n);
        return out;
    }

    Bytes digest_whole(const Bytes& data) {
        CK_MECHANISM m{CKM_SHA256, nullptr, 0};
        EXPECT_OK(p11()->C_DigestInit(s_, &m));
        Bytes out(32);
        CK_ULONG n = 32;
        EXPECT_OK(p11()->C_Digest(s_, const_cast<CK_BYTE*>(data.data()),
                                  static_cast<CK_ULONG>(data.size()), out.data(), &n));
        return out;
    }

    Bytes digest_final() {
        Bytes out(32);
        CK_ULONG n = 32;
        EXPECT_OK(p11()->C_DigestFinal(s_, out.data(), &n));
        out.resize(n);
        return out;
    }

    CK_SESSION_HANDLE s_ = CK_INVALID_HANDLE;
    CK_OBJECT_HANDLE aes_ = CK_INVALID_HANDLE, hmac_ = CK_INVALID_HANDLE;
    Bytes iv_ = Bytes(16, 0x11);
    Bytes message_ = Bytes(100);
};

using Update = CK_RV (*)(CK_SESSION_HANDLE, CK_BYTE_PTR, CK_ULONG, CK_BYTE_PTR, CK_ULONG_PTR);

// Feeds `in` in parts of 7, 33 and the rest through `update`, appending the output.
Bytes feed(Update update, CK_SESSION_HANDLE s, const Bytes& in) {
    Bytes out;
    std::size_t at = 0;
    for (std::size_t part : {std::size_t{7}, std::size_t{33}, in.size() - 40}) {
        Bytes buf(part + 16);
        CK_ULONG n = static_cast<CK_ULONG>(buf.size());
        EXPECT_OK(update(s, const_cast<CK_BYTE*>(in.data()) + at, static_cast<CK_ULONG>(part),
                         buf.data(), &n));
        out.insert(out.end(), buf.begin(), buf.begin() + static_cast<std::ptrdiff_t>(n));
        at += part;
    }
    return out;
}

TEST_F(DualFunctionTest, DigestEncryptEqualsTheTwoOperationsApart) {
    const Bytes expected_ct = encrypt_whole();
    const Bytes expected_digest = digest_whole(message_);

    CK_MECHANISM cbc = cbc_pad(), sha{CKM_SHA256, nullptr, 0};
    ASSERT_OK(p11()->C_EncryptInit(s_, &cbc, aes_));
    ASSERT_OK(p11()->C_DigestInit(s_, &sha));
    Bytes ct = feed(p11()->C_DigestEncryptUpdate, s_, message_);
    Bytes last(16);
    CK_ULONG n = 16;
    ASSERT_OK(p11()->C_EncryptFinal(s_, last.data(), &n));
    ct.insert(ct.end(), last.begin(), last.begin() + static_cast<std::ptrdiff_t>(n));
    EXPECT_EQ(ct, expected_ct);
    EXPECT_EQ(digest_final(), expected_digest);
}

TEST_F(DualFunctionTest, DecryptDigestRecoversAndDigestsThePlaintext) {
    const Bytes ct = encrypt_whole();
    const Bytes expected_digest = digest_whole(message_);

    CK_MECHANISM cbc = cbc_pad(), sha{CKM_SHA256, nullptr, 0};
    ASSERT_OK(p11()->C_DecryptInit(s_, &cbc, aes_));
    ASSERT_OK(p11()->C_DigestInit(s_, &sha));
    Bytes pt = feed(p11()->C_DecryptDigestUpdate, s_, ct);
    Bytes last(16);
    CK_ULONG n = 16;
    ASSERT_OK(p11()->C_DecryptFinal(s_, last.data(), &n));
    // CBC-PAD holds the last block back until C_DecryptFinal, which a dual-function call
    // cannot see: the application digests that tail itself (PKCS#11 3.0, 5.13 notes).
    ASSERT_OK(p11()->C_DigestUpdate(s_, last.data(), n));
    pt.insert(pt.end(), last.begin(), last.begin() + static_cast<std::ptrdiff_t>(n));
    EXPECT_EQ(pt, message_);
    EXPECT_EQ(digest_final(), expected_digest);
}

TEST_F(DualFunctionTest, SignEncryptThenDecryptVerify) {
    CK_MECHANISM cbc = cbc_pad(), mac{CKM_SHA256_HMAC, nullptr, 0};
    // The reference MAC: single-part C_Sign over the whole message.
    ASSERT_OK(p11()->C_SignInit(s_, &mac, hmac_));
    Bytes expected_mac(32);
    CK_ULONG mac_len = 32;
    ASSERT_OK(p11()->C_Sign(s_, message_.data(), static_cast<CK_ULONG>(message_.size()),
                            expected_mac.data(), &mac_len));

    ASSERT_OK(p11()->C_EncryptInit(s_, &cbc, aes_));
    ASSERT_OK(p11()->C_SignInit(s_, &mac, hmac_));
    Bytes ct = feed(p11()->C_SignEncryptUpdate, s_, message_);
    Bytes last(16);
    CK_ULONG n = 16;
    ASSERT_OK(p11()->C_EncryptFinal(s_, last.data(), &n));
    ct.insert(ct.end(), last.begin(), last.begin() + static_cast<std::ptrdiff_t>(n));
    Bytes got_mac(32);
    mac_len = 32;
    ASSERT_OK(p11()->C_SignFinal(s_, got_mac.data(), &mac_len));
    EXPECT_EQ(got_mac, expected_mac);
    EXPECT_EQ(ct, encrypt_whole());

    ASSERT_OK(p11()->C_DecryptInit(s_, &cbc, aes_));
    ASSERT_OK(p11()->C_VerifyInit(s_, &mac, hmac_));
    Bytes pt = feed(p11()->C_DecryptVerifyUpdate, s_, ct);
    n = 16;
    ASSERT_OK(p11()->C_DecryptFinal(s_, last.data(), &n));
    ASSERT_OK(p11()->C_VerifyUpdate(s_, last.data(), n));
    pt.insert(pt.end(), last.begin(), last.begin() + static_cast<std::ptrdiff_t>(n));
    EXPECT_EQ(pt, message_);
    EXPECT_OK(p11()->C_VerifyFinal(s_, got_mac.data(), 32));
}

TEST_F(DualFunctionTest, DecryptVerifyDetectsAChangedMessage) {
    CK_MECHANISM cbc = cbc_pad(), mac{CKM_SHA256_HMAC, nullptr, 0};
    ASSERT_OK(p11()->C_SignInit(s_, &mac, hmac_));
    Bytes tag(32);
    CK_ULONG tag_len = 32;
    ASSERT_OK(p11()->C_Sign(s_, message_.data(), static_cast<CK_ULONG>(message_.size()),
                            tag.data(), &tag_len));
    Bytes ct = encrypt_whole();
    ct[5] ^= 0x01;  // garbles the first plaintext block
    ASSERT_OK(p11()->C_DecryptInit(s_, &cbc, aes_));
    ASSERT_OK(p11()->C_VerifyInit(s_, &mac, hmac_));
    (void)feed(p11()->C_DecryptVerifyUpdate, s_, ct);
    Bytes last(16);
    CK_ULONG n = 16;
    ASSERT_OK(p11()->C_DecryptFinal(s_, last.data(), &n));
    ASSERT_OK(p11()->C_VerifyUpdate(s_, last.data(), n));
    EXPECT_CKR(CKR_SIGNATURE_INVALID, p11()->C_VerifyFinal(s_, tag.data(), 32));
}

// A length query, then a short buffer, then the real call: the digest sees the data once.
TEST_F(DualFunctionTest, LengthQueryAndShortBufferLeaveBothOperationsUntouched) {
    const Bytes expected_digest = digest_whole(Bytes(message_.begin(), message_.begin() + 64));
    CK_MECHANISM cbc = cbc_pad(), sha{CKM_SHA256, nullptr, 0};
    ASSERT_OK(p11()->C_EncryptInit(s_, &cbc, aes_));
    ASSERT_OK(p11()->C_DigestInit(s_, &sha));
    CK_ULONG n = 0;
    ASSERT_OK(p11()->C_DigestEncryptUpdate(s_, message_.data(), 64, nullptr, &n));
    EXPECT_EQ(n, 64u);
    Bytes small(16);
    n = 16;
    EXPECT_CKR(CKR_BUFFER_TOO_SMALL,
               p11()->C_DigestEncryptUpdate(s_, message_.data(), 64, small.data(), &n));
    EXPECT_EQ(n, 64u);
    Bytes ct(64);
    n = 64;
    ASSERT_OK(p11()->C_DigestEncryptUpdate(s_, message_.data(), 64, ct.data(), &n));
    ASSERT_EQ(n, 64u);
    EXPECT_EQ(digest_final(), expected_digest);
}

TEST_F(DualFunctionTest, BothOperationsMustBeActive) {
    CK_MECHANISM cbc = cbc_pad();
    Bytes out(64);
    CK_ULONG n = 64;
    // Only the cipher is active: nothing happens, and the cipher operation is still usable.
    ASSERT_OK(p11()->C_EncryptInit(s_, &cbc, aes_));
    EXPECT_CKR(CKR_OPERATION_NOT_INITIALIZED,
               p11()->C_DigestEncryptUpdate(s_, message_.data(), 16, out.data(), &n));
    EXPECT_CKR(CKR_OPERATION_NOT_INITIALIZED,
               p11()->C_SignEncryptUpdate(s_, message_.data(), 16, out.data(), &n));
    n = static_cast<CK_ULONG>(out.size());
    EXPECT_OK(p11()->C_Encrypt(s_, message_.data(), 16, out.data(), &n));
    // Nothing active at all.
    n = 64;
    EXPECT_CKR(CKR_OPERATION_NOT_INITIALIZED,
               p11()->C_DecryptDigestUpdate(s_, message_.data(), 16, out.data(), &n));
    EXPECT_CKR(CKR_OPERATION_NOT_INITIALIZED,
               p11()->C_DecryptVerifyUpdate(s_, message_.data(), 16, out.data(), &n));
    EXPECT_CKR(CKR_SESSION_HANDLE_INVALID,
               p11()->C_DigestEncryptUpdate(s_ + 1000, message_.data(), 16, out.data(), &n));
}

}  // namespace
}  // namespace craton::abitest
