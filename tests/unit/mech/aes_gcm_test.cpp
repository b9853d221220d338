// AES-GCM rules through C_Encrypt*/C_Decrypt*: no plaintext before the tag verifies, and the
// per-key SP 800-38D invocation limit with its 90% warning.
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "support/p11_module.h"
#include "unit/mech/aes_test_support.h"

namespace craton::test {
namespace {

using namespace craton::test::aes;

TEST(AesGcm, MultiPartDecryptReleasesNothingBeforeTheTag) {
    P11Session p;
    std::mt19937 rng(7);
    const Bytes key = random_bytes(32, rng), iv = random_bytes(12, rng), aad = random_bytes(9, rng);
    const CK_OBJECT_HANDLE k = aes_key(p, key);
    const Bytes pt = random_bytes(100, rng);
    const Bytes ct = evp_encrypt("AES-256-GCM", key, iv, pt, false, aad, 16);
    CK_GCM_PARAMS gp = gcm_params(iv, aad, 128);
    CK_MECHANISM m{CKM_AES_GCM, &gp, sizeof gp};
    auto* f = p.fn();
    for (bool tamper : {false, true}) {
        Bytes input = ct;
        if (tamper) input.back() ^= 0x80;
        ASSERT_EQ(f->C_DecryptInit(p.session(), &m, k), CKR_OK);
        for (std::size_t pos = 0; pos < input.size(); pos += 30) {
            const std::size_t n = std::min<std::size_t>(30, input.size() - pos);
            CK_ULONG len = 0;
            ASSERT_EQ(f->C_DecryptUpdate(p.session(), ptr(input) + pos, n, nullptr, &len), CKR_OK);
            EXPECT_EQ(len, 0u);
            Bytes out(1);
            ASSERT_EQ(f->C_DecryptUpdate(p.session(), ptr(input) + pos, n, out.data(), &len),
                      CKR_OK);
            EXPECT_EQ(len, 0u);
        }
        CK_ULONG len = 0;
        ASSERT_EQ(f->C_DecryptFinal(p.session(), nullptr, &len), CKR_OK);
        EXPECT_EQ(len, pt.size());
        Bytes out(len);
        const CK_RV rv = f->C_DecryptFinal(p.session(), out.data(), &len);
        if (tamper) {
            EXPECT_EQ(rv, CKR_ENCRYPTED_DATA_INVALID);
            EXPECT_NE(out, pt);
        } else {
            ASSERT_EQ(rv, CKR_OK);
            EXPECT_EQ(out, pt);
        }
    }
    // Single-part: a failed tag leaves no plaintext in the caller's buffer.
    Bytes bad = ct;
    bad[0] ^= 1;
    ASSERT_EQ(f->C_DecryptInit(p.session(), &m, k), CKR_OK);
    Bytes out(pt.size());
    CK_ULONG len = out.size();
    EXPECT_EQ(f->C_Decrypt(p.session(), ptr(bad), bad.size(), out.data(), &len),
              CKR_ENCRYPTED_DATA_INVALID);
    EXPECT_EQ(out, Bytes(pt.size(), 0));
    // Wrong AAD or IV fails the same way.
    const Bytes other_aad = random_bytes(9, rng);
    CK_GCM_PARAMS g2 = gcm_params(iv, other_aad, 128);
    EXPECT_EQ(decrypt(p, {CKM_AES_GCM, &g2, sizeof g2}, k, ct).rv, CKR_ENCRYPTED_DATA_INVALID);
    // A shorter tag than the one produced is checked as the truncation it is.
    CK_GCM_PARAMS g96 = gcm_params(iv, aad, 96);
    const Bytes ct96(ct.begin(), ct.end() - 4);
    const auto r = decrypt(p, {CKM_AES_GCM, &g96, sizeof g96}, k, ct96);
    ASSERT_EQ(r.rv, CKR_OK);
    EXPECT_EQ(r.out, pt);
}

class ScopedEnv {
  public:
    ScopedEnv(const char* name, const char* value) : name_(name) { setenv(name, value, 1); }
    ~ScopedEnv() { unsetenv(name_); }
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

  private:
    const char* name_;
};

std::string read_file(const std::string& path) {
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// The limit is 2^32 encryptions per key; test-hook builds let a test lower it
// (CRATON_TEST_GCM_INVOCATION_LIMIT, read when the key is first used) to reach it quickly.
TEST(AesGcm, InvocationLimitPerKeyWithWarningAt90Percent) {
    const std::string log_path = "/tmp/craton-aes-gcm-limit-" + std::to_string(getpid()) + ".log";
    std::remove(log_path.c_str());
    P11Session p("[logging]\nlevel = \"warn\"\nfile = \"" + log_path + "\"\n");
    ScopedEnv limit("CRATON_TEST_GCM_INVOCATION_LIMIT", "10");
    std::mt19937 rng(3);
    const CK_OBJECT_HANDLE k = aes_key(p, random_bytes(16, rng));
    const Bytes iv = random_bytes(12, rng);
    CK_GCM_PARAMS gp = gcm_params(iv, {}, 128);
    CK_MECHANISM m{CKM_AES_GCM, &gp, sizeof gp};
    Bytes ct;
    for (int i = 1; i <= 10; ++i) {
        const auto r = encrypt(p, m, k, Bytes(8, static_cast<std::uint8_t>(i)));
        ASSERT_EQ(r.rv, CKR_OK) << i;
        ct = r.out;
        const bool warned = read_file(log_path).find("rotate the key") != std::string::npos;
        EXPECT_EQ(warned, i >= 9) << i;  // 90% of 10
    }
    EXPECT_EQ(p.fn()->C_EncryptInit(p.session(), &m, k), CKR_KEY_FUNCTION_NOT_PERMITTED);
    // The message-based API counts against the same key.
    CK_MECHANISM gcm{CKM_AES_GCM, nullptr, 0};
    ASSERT_EQ(p.fn()->C_MessageEncryptInit(p.session(), &gcm, k), CKR_OK);
    Bytes iv_buf = iv, tag(16), out(8);
    CK_GCM_MESSAGE_PARAMS mp{iv_buf.data(), 12, 0, CKG_NO_GENERATE, tag.data(), 128};
    CK_ULONG len = out.size();
    Bytes msg(8);
    EXPECT_EQ(p.fn()->C_EncryptMessage(p.session(), &mp, sizeof mp, nullptr, 0, msg.data(), 8,
                                       out.data(), &len),
              CKR_KEY_FUNCTION_NOT_PERMITTED);
    EXPECT_EQ(p.fn()->C_MessageEncryptFinal(p.session()), CKR_OK);
    // Decryption is not limited.
    const auto d = decrypt(p, m, k, ct);
    EXPECT_EQ(d.rv, CKR_OK);
    EXPECT_EQ(d.out, Bytes(8, 10));
    // Another key has its own count.
    const CK_OBJECT_HANDLE k2 = aes_key(p, random_bytes(16, rng));
    EXPECT_EQ(encrypt(p, m, k2, Bytes(1)).rv, CKR_OK);
    // One warning, when the first key crossed 90%.
    const std::string log = read_file(log_path);
    const auto first = log.find("rotate the key");
    ASSERT_NE(first, std::string::npos);
    EXPECT_EQ(log.find("rotate the key", first + 1), std::string::npos);
    std::remove(log_path.c_str());
}

}  // namespace
}  // namespace craton::test
