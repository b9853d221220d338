// AES-CMAC signing/verification and AES key wrapping (C_WrapKey / C_UnwrapKey) through the
// ABI, checked against published values and against OpenSSL directly.
#include <openssl/core_names.h>
#include <openssl/evp.h>

#include <gtest/gtest.h>

#include "support/p11_module.h"
#include "support/vector_file.h"
#include "unit/mech/aes_test_support.h"

namespace craton::test {
namespace {

using namespace craton::test::aes;

Bytes sign(P11Session& p, CK_MECHANISM m, CK_OBJECT_HANDLE k, const Bytes& data) {
    EXPECT_EQ(p.fn()->C_SignInit(p.session(), &m, k), CKR_OK);
    CK_ULONG len = 0;
    EXPECT_EQ(p.fn()->C_Sign(p.session(), ptr(data), data.size(), nullptr, &len), CKR_OK);
    Bytes out(len);
    EXPECT_EQ(p.fn()->C_Sign(p.session(), ptr(data), data.size(), out.data(), &len), CKR_OK);
    out.resize(len);
    return out;
}

CK_RV verify(P11Session& p, CK_MECHANISM m, CK_OBJECT_HANDLE k, const Bytes& data,
             const Bytes& sig) {
    const CK_RV rv = p.fn()->C_VerifyInit(p.session(), &m, k);
    if (rv != CKR_OK) return rv;
    return p.fn()->C_Verify(p.session(), ptr(data), data.size(), ptr(sig), sig.size());
}

Bytes openssl_cmac(const Bytes& key, const Bytes& data) {
    EVP_MAC* mac = EVP_MAC_fetch(nullptr, "CMAC", nullptr);
    EVP_MAC_CTX* ctx = EVP_MAC_CTX_new(mac);
    std::string cipher = aes_name(key.size(), "CBC");
    const OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_CIPHER, cipher.data(), 0),
        OSSL_PARAM_construct_end()};
    EVP_MAC_init(ctx, key.data(), key.size(), params);
    EVP_MAC_update(ctx, data.data(), data.size());
    Bytes out(16);
    std::size_t n = 0;
    EVP_MAC_final(ctx, out.data(), &n, out.size());
    EVP_MAC_CTX_free(ctx);
    EVP_MAC_free(mac);
    return out;
}

// RFC 4493 section 4 (AES-128) and SP 800-38B Appendix D examples.
TEST(AesCmac, PublishedExamples) {
    P11Session p;
    const Bytes msg = from_hex(
        "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51"
        "30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710");
    const struct {
        const char* key;
        std::size_t len;
        const char* mac;
    } cases[] = {
        {"2b7e151628aed2a6abf7158809cf4f3c", 0, "bb1d6929e95937287fa37d129b756746"},
        {"2b7e151628aed2a6abf7158809cf4f3c", 16, "070a16b46b4d4144f79bdd9dd04a287c"},
        {"2b7e151628aed2a6abf7158809cf4f3c", 40, "dfa66747de9ae63030ca32611497c827"},
        {"2b7e151628aed2a6abf7158809cf4f3c", 64, "51f0bebf7e3b9d92fc49741779363cfe"},
        {"603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4", 64,
         "e1992190549f6ed5696a2c056c315410"},
    };
    CK_MECHANISM cmac{CKM_AES_CMAC, nullptr, 0};
    for (const auto& c : cases) {
        const CK_OBJECT_HANDLE k = aes_key(p, from_hex(c.key));
        const Bytes data(msg.begin(), msg.begin() + c.len);
        EXPECT_EQ(to_hex(sign(p, cmac, k, data)), to_hex(from_hex(c.mac)));
        EXPECT_EQ(verify(p, cmac, k, data, from_hex(c.mac)), CKR_OK);
    }
}

TEST(AesCmac, RulesAndAgreementWithOpenSsl) {
    P11Session p;
    std::mt19937 rng(5);
    CK_MECHANISM cmac{CKM_AES_CMAC, nullptr, 0};
    for (std::size_t key_len : {16u, 24u, 32u}) {
        const Bytes key = random_bytes(key_len, rng);
        const CK_OBJECT_HANDLE k = aes_key(p, key);
        for (std::size_t len : {0u, 1u, 16u, 33u, 1000u}) {
            const Bytes data = random_bytes(len, rng);
            const Bytes want = openssl_cmac(key, data);
            EXPECT_EQ(sign(p, cmac, k, data), want);
            // Multi-part equals single-part.
            ASSERT_EQ(p.fn()->C_SignInit(p.session(), &cmac, k), CKR_OK);
            for (std::size_t pos = 0; pos < len; pos += 7) {
                const std::size_t n = std::min<std::size_t>(7, len - pos);
                ASSERT_EQ(p.fn()->C_SignUpdate(p.session(), ptr(data) + pos, n), CKR_OK);
            }
            Bytes out(16);
            CK_ULONG out_len = 16;
            ASSERT_EQ(p.fn()->C_SignFinal(p.session(), out.data(), &out_len), CKR_OK);
            EXPECT_EQ(out, want);
            EXPECT_EQ(verify(p, cmac, k, data, want), CKR_OK);
            Bytes bad = want;
            bad[15] ^= 1;
            EXPECT_EQ(verify(p, cmac, k, data, bad), CKR_SIGNATURE_INVALID);
            EXPECT_EQ(verify(p, cmac, k, data, Bytes(want.begin(), want.end() - 1)),
                      CKR_SIGNATURE_LEN_RANGE);
            // CMAC_GENERAL truncates.
            CK_MAC_GENERAL_PARAMS n8 = 8;
            CK_MECHANISM general{CKM_AES_CMAC_GENERAL, &n8, sizeof n8};
            EXPECT_EQ(sign(p, general, k, data), Bytes(want.begin(), want.begin() + 8));
            EXPECT_EQ(verify(p, general, k, data, Bytes(want.begin(), want.begin() + 8)), CKR_OK);
            EXPECT_EQ(verify(p, general, k, data, want), CKR_SIGNATURE_LEN_RANGE);
        }
    }
    const CK_OBJECT_HANDLE k = aes_key(p, Bytes(16, 1));
    CK_MAC_GENERAL_PARAMS n0 = 0, n17 = 17;
    CK_MECHANISM g0{CKM_AES_CMAC_GENERAL, &n0, sizeof n0},
        g17{CKM_AES_CMAC_GENERAL, &n17, sizeof n17};
    EXPECT_EQ(p.fn()->C_SignInit(p.session(), &g0, k), CKR_MECHANISM_PARAM_INVALID);
    EXPECT_EQ(p.fn()->C_SignInit(p.session(), &g17, k), CKR_MECHANISM_PARAM_INVALID);
    CK_MECHANISM with_param{CKM_AES_CMAC, &n0, sizeof n0};
    EXPECT_EQ(p.fn()->C_SignInit(p.session(), &with_param, k), CKR_MECHANISM_PARAM_INVALID);
    // Buffer too small keeps the signing operation.
    ASSERT_EQ(p.fn()->C_SignInit(p.session(), &cmac, k), CKR_OK);
    Bytes out(16);
    CK_ULONG len = 15;
    EXPECT_EQ(p.fn()->C_Sign(p.session(), out.data(), 1, out.data(), &len), CKR_BUFFER_TOO_SMALL);
    EXPECT_EQ(len, 16u);
    EXPECT_EQ(p.fn()->C_Sign(p.session(), out.data(), 1, out.data(), &len), CKR_OK);
}

Bytes openssl_wrap(const char* mode, const Bytes& kek, const Bytes& data) {
    EVP_CIPHER* c = EVP_CIPHER_fetch(nullptr, aes_name(kek.size(), mode).c_str(), nullptr);
    EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
    EVP_EncryptInit_ex2(ctx, c, kek.data(), nullptr, nullptr);
    Bytes out(data.size() + 16);
    int n = 0;
    EVP_EncryptUpdate(ctx, out.data(), &n, data.data(), static_cast<int>(data.size()));
    out.resize(n);
    EVP_CIPHER_CTX_free(ctx);
    EVP_CIPHER_free(c);
    return out;
}

class AesWrap : public ::testing::Test {
  protected:
    P11Session p;
    std::mt19937 rng{11};

    Bytes wrap(CK_MECHANISM m, CK_OBJECT_HANDLE kek, CK_OBJECT_HANDLE target,
               CK_RV* rv_out = nullptr) {
        CK_ULONG len = 0;
        CK_RV rv = p.fn()->C_WrapKey(p.session(), &m, kek, target, nullptr, &len);
        Bytes out(len);
        if (rv == CKR_OK) rv = p.fn()->C_WrapKey(p.session(), &m, kek, target, out.data(), &len);
        if (rv_out != nullptr) *rv_out = rv;
        out.resize(rv == CKR_OK ? len : 0);
        return out;
    }
    CK_RV unwrap(CK_MECHANISM m, CK_OBJECT_HANDLE kek, const Bytes& blob, CK_KEY_TYPE type,
                 CK_OBJECT_HANDLE& h) {
        AttrBuilder b;
        b.add_ulong(CKA_CLASS, CKO_SECRET_KEY).add_ulong(CKA_KEY_TYPE, type);
        b.add_bool(CKA_SENSITIVE, false).add_bool(CKA_EXTRACTABLE, true);
        auto attrs = b.build();
        return p.fn()->C_UnwrapKey(p.session(), &m, kek, ptr(blob), blob.size(), attrs.data(),
                                   attrs.size(), &h);
    }
    CK_OBJECT_HANDLE extractable(CK_KEY_TYPE type, const Bytes& value) {
        AttrBuilder b;
        b.add_ulong(CKA_CLASS, CKO_SECRET_KEY).add_ulong(CKA_KEY_TYPE, type);
        b.add(CKA_VALUE, value).add_bool(CKA_EXTRACTABLE, true);
        return p.create(b.build());
    }
};

TEST_F(AesWrap, KeyWrapRoundTripsAndMatchesOpenSsl) {
    for (std::size_t kek_len : {16u, 24u, 32u}) {
        const Bytes kek_value = random_bytes(kek_len, rng);
        const CK_OBJECT_HANDLE kek = aes_key(p, kek_value);
        for (std::size_t len : {16u, 24u, 32u}) {
            const Bytes value = random_bytes(len, rng);
            const CK_OBJECT_HANDLE target = extractable(CKK_AES, value);
            for (auto [type, mode] :
                 {std::pair{CKM_AES_KEY_WRAP, "WRAP"}, std::pair{CKM_AES_KEY_WRAP_PAD, "WRAP-PAD"},
                  std::pair{CKM_AES_KEY_WRAP_KWP, "WRAP-PAD"}}) {
                CK_MECHANISM m{type, nullptr, 0};
                const Bytes blob = wrap(m, kek, target);
                EXPECT_EQ(blob, openssl_wrap(mode, kek_value, value)) << mode;
                CK_OBJECT_HANDLE back = 0;
                ASSERT_EQ(unwrap(m, kek, blob, CKK_AES, back), CKR_OK);
                EXPECT_EQ(p.attribute(back, CKA_VALUE), value);
                EXPECT_EQ(p.attribute(back, CKA_CHECK_VALUE), p.attribute(target, CKA_CHECK_VALUE));
            }
        }
    }
}

TEST_F(AesWrap, LengthsAndTampering) {
    const CK_OBJECT_HANDLE kek = aes_key(p, random_bytes(16, rng));
    CK_MECHANISM kw{CKM_AES_KEY_WRAP, nullptr, 0}, kwp{CKM_AES_KEY_WRAP_PAD, nullptr, 0};
    // KW takes whole semiblocks only; KWP anything non-empty.
    const CK_OBJECT_HANDLE odd = extractable(CKK_GENERIC_SECRET, random_bytes(17, rng));
    CK_RV rv = CKR_OK;
    (void)wrap(kw, kek, odd, &rv);
    EXPECT_EQ(rv, CKR_KEY_NOT_WRAPPABLE);
    const Bytes blob = wrap(kwp, kek, odd);
    EXPECT_EQ(blob.size(), 32u);
    CK_OBJECT_HANDLE h = 0;
    ASSERT_EQ(unwrap(kwp, kek, blob, CKK_GENERIC_SECRET, h), CKR_OK);
    EXPECT_EQ(p.attribute(h, CKA_VALUE).size(), 17u);
    Bytes bad = blob;
    bad[5] ^= 1;
    EXPECT_EQ(unwrap(kwp, kek, bad, CKK_GENERIC_SECRET, h), CKR_WRAPPED_KEY_INVALID);
    EXPECT_EQ(unwrap(kwp, kek, Bytes(blob.begin(), blob.end() - 1), CKK_GENERIC_SECRET, h),
              CKR_WRAPPED_KEY_INVALID);
    // An unwrapped AES key must have an AES length.
    const Bytes kw_blob = wrap(kw, kek, extractable(CKK_GENERIC_SECRET, random_bytes(40, rng)));
    EXPECT_EQ(unwrap(kw, kek, kw_blob, CKK_AES, h), CKR_ATTRIBUTE_VALUE_INVALID);
    // As ciphers: length rules and the multi-part form.
    EXPECT_EQ(encrypt(p, kw, kek, Bytes(8)).rv, CKR_DATA_LEN_RANGE);
    EXPECT_EQ(encrypt(p, kw, kek, Bytes(20)).rv, CKR_DATA_LEN_RANGE);
    EXPECT_EQ(decrypt(p, kw, kek, Bytes(16)).rv, CKR_ENCRYPTED_DATA_LEN_RANGE);
    EXPECT_EQ(decrypt(p, kwp, kek, Bytes(8)).rv, CKR_ENCRYPTED_DATA_LEN_RANGE);
    const Bytes data = random_bytes(40, rng);
    const auto one = encrypt(p, kw, kek, data);
    ASSERT_EQ(one.rv, CKR_OK);
    const auto parts = cipher_parts(p, true, kw, kek, data, {3, 9});
    ASSERT_EQ(parts.rv, CKR_OK);
    EXPECT_EQ(parts.out, one.out);
    const auto back = cipher_parts(p, false, kw, kek, one.out, {5});
    ASSERT_EQ(back.rv, CKR_OK);
    EXPECT_EQ(back.out, data);
    // An explicit initial value: RFC 3394's default A6.. gives the same result as none.
    Bytes a6(8, 0xa6), other(8, 0x11);
    CK_MECHANISM with_iv{CKM_AES_KEY_WRAP, a6.data(), 8},
        other_iv{CKM_AES_KEY_WRAP, other.data(), 8};
    EXPECT_EQ(encrypt(p, with_iv, kek, data).out, one.out);
    const auto alt = encrypt(p, other_iv, kek, data);
    ASSERT_EQ(alt.rv, CKR_OK);
    EXPECT_NE(alt.out, one.out);
    EXPECT_EQ(decrypt(p, other_iv, kek, alt.out).out, data);
    EXPECT_EQ(decrypt(p, kw, kek, alt.out).rv, CKR_ENCRYPTED_DATA_INVALID);
    CK_MECHANISM bad_iv{CKM_AES_KEY_WRAP, a6.data(), 7};
    EXPECT_EQ(p.fn()->C_EncryptInit(p.session(), &bad_iv, kek), CKR_MECHANISM_PARAM_INVALID);
}

TEST_F(AesWrap, CbcPadWrapsKeys) {
    const Bytes kek_value = random_bytes(32, rng);
    const CK_OBJECT_HANDLE kek = aes_key(p, kek_value);
    Bytes iv = random_bytes(16, rng);
    CK_MECHANISM m{CKM_AES_CBC_PAD, iv.data(), 16};
    const Bytes value = random_bytes(24, rng);
    const CK_OBJECT_HANDLE target = extractable(CKK_AES, value);
    const Bytes blob = wrap(m, kek, target);
    EXPECT_EQ(blob, evp_encrypt("AES-256-CBC", kek_value, iv, value, true));
    CK_OBJECT_HANDLE back = 0;
    ASSERT_EQ(unwrap(m, kek, blob, CKK_AES, back), CKR_OK);
    EXPECT_EQ(p.attribute(back, CKA_VALUE), value);
    // A wrong key is caught by the padding (almost always) or the AES length check.
    const CK_OBJECT_HANDLE wrong = aes_key(p, random_bytes(32, rng));
    const CK_RV rv = unwrap(m, wrong, blob, CKK_AES, back);
    EXPECT_TRUE(rv == CKR_WRAPPED_KEY_INVALID || rv == CKR_ATTRIBUTE_VALUE_INVALID) << rv_name(rv);
}

}  // namespace
}  // namespace craton::test
