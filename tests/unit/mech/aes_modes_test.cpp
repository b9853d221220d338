// AES key generation, import and the cipher modes' PKCS#11 rules, through the ABI:
// multi-part equals single-part equals OpenSSL, parameter and key checks, exact lengths and
// the output buffer protocol.
#include <gtest/gtest.h>

#include "support/p11_module.h"
#include "support/vector_file.h"
#include "unit/mech/aes_test_support.h"

namespace craton::test {
namespace {

using namespace craton::test::aes;

class AesModes : public ::testing::Test {
  protected:
    P11Session p;
    std::mt19937 rng{12345};
    CK_FUNCTION_LIST_3_0* f() { return p.fn(); }
    CK_SESSION_HANDLE s() { return p.session(); }

    CK_RV generate(CK_ULONG value_len, CK_OBJECT_HANDLE& h, bool with_len = true,
                   CK_MECHANISM mech = {CKM_AES_KEY_GEN, nullptr, 0}) {
        AttrBuilder b;
        b.add_bool(CKA_EXTRACTABLE, true).add_bool(CKA_SENSITIVE, false);
        if (with_len) b.add_ulong(CKA_VALUE_LEN, value_len);
        auto attrs = b.build();
        return f()->C_GenerateKey(s(), &mech, attrs.data(), attrs.size(), &h);
    }
};

Bytes ecb0_check_value(const Bytes& key) {
    const Bytes block = evp_encrypt(aes_name(key.size(), "ECB"), key, {}, Bytes(16, 0));
    return Bytes(block.begin(), block.begin() + 3);
}

CK_ULONG ulong_of(const Bytes& b) {
    CK_ULONG v = 0;
    if (b.size() == sizeof v) std::memcpy(&v, b.data(), sizeof v);
    return v;
}

TEST_F(AesModes, KeyGenerationSizesAndCheckValue) {
    for (CK_ULONG len : {16ul, 24ul, 32ul}) {
        CK_OBJECT_HANDLE h = CK_INVALID_HANDLE;
        ASSERT_EQ(generate(len, h), CKR_OK) << len;
        const Bytes value = p.attribute(h, CKA_VALUE);
        ASSERT_EQ(value.size(), len);
        EXPECT_EQ(ulong_of(p.attribute(h, CKA_KEY_TYPE)), CKK_AES);
        EXPECT_EQ(ulong_of(p.attribute(h, CKA_KEY_GEN_MECHANISM)), CKM_AES_KEY_GEN);
        EXPECT_EQ(to_hex(p.attribute(h, CKA_CHECK_VALUE)), to_hex(ecb0_check_value(value)));
        // The generated key works and matches OpenSSL with the same bytes.
        const Bytes pt = random_bytes(48, rng);
        const auto r = encrypt(p, {CKM_AES_ECB, nullptr, 0}, h, pt);
        ASSERT_EQ(r.rv, CKR_OK);
        EXPECT_EQ(r.out, evp_encrypt(aes_name(len, "ECB"), value, {}, pt));
    }
    CK_OBJECT_HANDLE a = 0, b = 0;
    ASSERT_EQ(generate(32, a), CKR_OK);
    ASSERT_EQ(generate(32, b), CKR_OK);
    EXPECT_NE(p.attribute(a, CKA_VALUE), p.attribute(b, CKA_VALUE));
}

TEST_F(AesModes, KeyGenerationRefusals) {
    CK_OBJECT_HANDLE h = CK_INVALID_HANDLE;
    EXPECT_EQ(generate(17, h), CKR_KEY_SIZE_RANGE);
    EXPECT_EQ(generate(0, h), CKR_KEY_SIZE_RANGE);
    EXPECT_EQ(generate(64, h), CKR_KEY_SIZE_RANGE);
    EXPECT_EQ(generate(16, h, false), CKR_TEMPLATE_INCOMPLETE);
    CK_BYTE junk[4] = {};
    EXPECT_EQ(generate(16, h, true, {CKM_AES_KEY_GEN, junk, sizeof junk}),
              CKR_MECHANISM_PARAM_INVALID);
    CK_MECHANISM_INFO info{};
    ASSERT_EQ(f()->C_GetMechanismInfo(0, CKM_AES_KEY_GEN, &info), CKR_OK);
    EXPECT_EQ(info.ulMinKeySize, 16u);
    EXPECT_EQ(info.ulMaxKeySize, 32u);
    EXPECT_TRUE(info.flags & CKF_GENERATE);
}

TEST_F(AesModes, ImportChecksLengthAndCheckValue) {
    const Bytes key = random_bytes(16, rng);
    for (std::size_t bad : {0u, 8u, 15u, 17u, 33u}) {
        AttrBuilder b;
        b.add_ulong(CKA_CLASS, CKO_SECRET_KEY).add_ulong(CKA_KEY_TYPE, CKK_AES);
        b.add(CKA_VALUE, Bytes(bad, 1));
        auto attrs = b.build();
        CK_OBJECT_HANDLE h = 0;
        EXPECT_EQ(f()->C_CreateObject(s(), attrs.data(), attrs.size(), &h),
                  CKR_ATTRIBUTE_VALUE_INVALID)
            << bad;
    }
    auto create_with_kcv = [&](const Bytes& kcv) {
        AttrBuilder b;
        b.add_ulong(CKA_CLASS, CKO_SECRET_KEY).add_ulong(CKA_KEY_TYPE, CKK_AES);
        b.add(CKA_VALUE, key).add(CKA_CHECK_VALUE, kcv);
        auto attrs = b.build();
        CK_OBJECT_HANDLE h = 0;
        return f()->C_CreateObject(s(), attrs.data(), attrs.size(), &h);
    };
    const Bytes kcv = ecb0_check_value(key);
    EXPECT_EQ(create_with_kcv(kcv), CKR_OK);
    Bytes wrong = kcv;
    wrong[0] ^= 1;
    EXPECT_EQ(create_with_kcv(wrong), CKR_ATTRIBUTE_VALUE_INVALID);
    EXPECT_EQ(create_with_kcv({}), CKR_OK);  // empty: no check value wanted
    const CK_OBJECT_HANDLE h = aes_key(p, key);
    EXPECT_EQ(to_hex(p.attribute(h, CKA_CHECK_VALUE)), to_hex(kcv));
}

TEST_F(AesModes, MechanismTable) {
    const struct {
        CK_MECHANISM_TYPE type;
        CK_FLAGS flags;
    } rows[] = {
        {CKM_AES_ECB, CKF_ENCRYPT | CKF_DECRYPT},
        {CKM_AES_CBC, CKF_ENCRYPT | CKF_DECRYPT},
        {CKM_AES_CBC_PAD, CKF_ENCRYPT | CKF_DECRYPT | CKF_WRAP | CKF_UNWRAP},
        {CKM_AES_CTR, CKF_ENCRYPT | CKF_DECRYPT},
        {CKM_AES_GCM, CKF_ENCRYPT | CKF_DECRYPT | CKF_MESSAGE_ENCRYPT | CKF_MESSAGE_DECRYPT},
        {CKM_AES_CMAC, CKF_SIGN | CKF_VERIFY | CKF_MESSAGE_SIGN | CKF_MESSAGE_VERIFY},
        {CKM_AES_CMAC_GENERAL, CKF_SIGN | CKF_VERIFY | CKF_MESSAGE_SIGN | CKF_MESSAGE_VERIFY},
        {CKM_AES_KEY_WRAP, CKF_ENCRYPT | CKF_DECRYPT | CKF_WRAP | CKF_UNWRAP},
        {CKM_AES_KEY_WRAP_PAD, CKF_ENCRYPT | CKF_DECRYPT | CKF_WRAP | CKF_UNWRAP},
        {CKM_AES_KEY_WRAP_KWP, CKF_ENCRYPT | CKF_DECRYPT | CKF_WRAP | CKF_UNWRAP},
    };
    for (const auto& row : rows) {
        CK_MECHANISM_INFO info{};
        ASSERT_EQ(f()->C_GetMechanismInfo(0, row.type, &info), CKR_OK) << row.type;
        EXPECT_EQ(info.ulMinKeySize, 16u);
        EXPECT_EQ(info.ulMaxKeySize, 32u);
        EXPECT_EQ(info.flags, row.flags) << row.type;
    }
}

// Every mode, every key size: single-part, several multi-part chunkings and OpenSSL agree,
// and decryption inverts.
TEST_F(AesModes, MultiPartEqualsSinglePartEqualsOpenSsl) {
    const std::vector<std::vector<std::size_t>> chunkings = {
        {1}, {15, 17}, {16}, {7, 64, 3}, {1000}};
    for (std::size_t key_len : {16u, 24u, 32u}) {
        const Bytes key = random_bytes(key_len, rng);
        const CK_OBJECT_HANDLE k = aes_key(p, key);
        Bytes iv = random_bytes(16, rng);
        CK_AES_CTR_PARAMS ctr{};
        ctr.ulCounterBits = 128;
        std::memcpy(ctr.cb, iv.data(), 16);
        const Bytes gcm_iv = random_bytes(12, rng), aad = random_bytes(20, rng);
        CK_GCM_PARAMS gp = gcm_params(gcm_iv, aad, 128);
        struct Case {
            CK_MECHANISM m;
            std::string evp;
            bool whole_blocks;
            bool pad;
        } cases[] = {
            {{CKM_AES_ECB, nullptr, 0}, aes_name(key_len, "ECB"), true, false},
            {{CKM_AES_CBC, iv.data(), 16}, aes_name(key_len, "CBC"), true, false},
            {{CKM_AES_CBC_PAD, iv.data(), 16}, aes_name(key_len, "CBC"), false, true},
            {{CKM_AES_CTR, &ctr, sizeof ctr}, aes_name(key_len, "CTR"), false, false},
            {{CKM_AES_GCM, &gp, sizeof gp}, aes_name(key_len, "GCM"), false, false},
        };
        for (const auto& c : cases) {
            for (std::size_t len : {0u, 1u, 15u, 16u, 17u, 32u, 100u, 1024u}) {
                if (c.whole_blocks && len % 16 != 0) continue;
                if (c.whole_blocks && len == 0) continue;
                const Bytes pt = random_bytes(len, rng);
                const bool gcm = c.m.mechanism == CKM_AES_GCM;
                const Bytes want = evp_encrypt(
                    c.evp, key, c.m.mechanism == CKM_AES_ECB ? Bytes{} : (gcm ? gcm_iv : iv), pt,
                    c.pad, gcm ? aad : Bytes{}, gcm ? 16 : 0);
                const auto one = encrypt(p, c.m, k, pt);
                ASSERT_EQ(one.rv, CKR_OK) << c.evp << " " << len;
                EXPECT_EQ(to_hex(one.out), to_hex(want)) << c.evp << " " << len;
                for (const auto& chunks : chunkings) {
                    const auto parts = cipher_parts(p, true, c.m, k, pt, chunks);
                    ASSERT_EQ(parts.rv, CKR_OK) << c.evp << " " << len;
                    EXPECT_EQ(to_hex(parts.out), to_hex(want)) << c.evp << " " << len;
                    const auto back = cipher_parts(p, false, c.m, k, want, chunks);
                    ASSERT_EQ(back.rv, CKR_OK) << c.evp << " " << len;
                    EXPECT_EQ(to_hex(back.out), to_hex(pt)) << c.evp << " " << len;
                }
                const auto dec = decrypt(p, c.m, k, want);
                ASSERT_EQ(dec.rv, CKR_OK) << c.evp << " " << len;
                EXPECT_EQ(to_hex(dec.out), to_hex(pt));
            }
        }
    }
}

TEST_F(AesModes, BadParametersAreRefused) {
    const Bytes key = random_bytes(16, rng);
    const CK_OBJECT_HANDLE k = aes_key(p, key);
    Bytes iv15(15), iv16(16), iv17(17);
    CK_AES_CTR_PARAMS ctr{};
    const auto init = [&](CK_MECHANISM m) { return f()->C_EncryptInit(s(), &m, k); };
    EXPECT_EQ(init({CKM_AES_ECB, iv16.data(), 16}), CKR_MECHANISM_PARAM_INVALID);
    EXPECT_EQ(init({CKM_AES_CBC, nullptr, 0}), CKR_MECHANISM_PARAM_INVALID);
    EXPECT_EQ(init({CKM_AES_CBC, iv15.data(), 15}), CKR_MECHANISM_PARAM_INVALID);
    EXPECT_EQ(init({CKM_AES_CBC_PAD, iv17.data(), 17}), CKR_MECHANISM_PARAM_INVALID);
    ctr.ulCounterBits = 0;
    EXPECT_EQ(init({CKM_AES_CTR, &ctr, sizeof ctr}), CKR_MECHANISM_PARAM_INVALID);
    ctr.ulCounterBits = 129;
    EXPECT_EQ(init({CKM_AES_CTR, &ctr, sizeof ctr}), CKR_MECHANISM_PARAM_INVALID);
    ctr.ulCounterBits = 32;
    EXPECT_EQ(init({CKM_AES_CTR, &ctr, sizeof ctr - 1}), CKR_MECHANISM_PARAM_INVALID);
    EXPECT_EQ(init({CKM_AES_CTR, nullptr, 0}), CKR_MECHANISM_PARAM_INVALID);
    // GCM: IV 1..128 bytes, tags 96..128 bits in whole bytes, the 3.0 structure size.
    const Bytes iv12(12), aad(4);
    for (CK_ULONG tag : {0ul, 32ul, 64ul, 88ul, 100ul, 136ul}) {
        CK_GCM_PARAMS gp = gcm_params(iv12, aad, tag);
        CK_MECHANISM m{CKM_AES_GCM, &gp, sizeof gp};
        EXPECT_EQ(f()->C_EncryptInit(s(), &m, k), CKR_MECHANISM_PARAM_INVALID) << tag;
        EXPECT_EQ(f()->C_DecryptInit(s(), &m, k), CKR_MECHANISM_PARAM_INVALID) << tag;
    }
    for (CK_ULONG tag : {96ul, 104ul, 112ul, 120ul, 128ul}) {
        CK_GCM_PARAMS gp = gcm_params(iv12, aad, tag);
        const auto r = encrypt(p, {CKM_AES_GCM, &gp, sizeof gp}, k, Bytes(5, 1));
        ASSERT_EQ(r.rv, CKR_OK) << tag;
        EXPECT_EQ(r.out.size(), 5 + tag / 8);
    }
    CK_GCM_PARAMS gp = gcm_params(iv12, aad, 128);
    gp.ulIvLen = 0;
    EXPECT_EQ(init({CKM_AES_GCM, &gp, sizeof gp}), CKR_MECHANISM_PARAM_INVALID);
    gp.ulIvLen = 129;
    EXPECT_EQ(init({CKM_AES_GCM, &gp, sizeof gp}), CKR_MECHANISM_PARAM_INVALID);
    gp = gcm_params(iv12, aad, 128);
    gp.pIv = nullptr;
    EXPECT_EQ(init({CKM_AES_GCM, &gp, sizeof gp}), CKR_MECHANISM_PARAM_INVALID);
    gp = gcm_params(iv12, aad, 128);
    EXPECT_EQ(init({CKM_AES_GCM, &gp, sizeof gp - sizeof(CK_ULONG)}), CKR_MECHANISM_PARAM_INVALID);
    gp.pAAD = nullptr;
    EXPECT_EQ(init({CKM_AES_GCM, &gp, sizeof gp}), CKR_MECHANISM_PARAM_INVALID);
    // ulIvBits is informational: a wrong value does not matter.
    gp = gcm_params(iv12, aad, 128);
    gp.ulIvBits = 0;
    EXPECT_EQ(encrypt(p, {CKM_AES_GCM, &gp, sizeof gp}, k, Bytes(3)).rv, CKR_OK);
    // Long and short IVs within the range work and match OpenSSL.
    for (std::size_t n : {1u, 8u, 16u, 60u, 128u}) {
        const Bytes iv = random_bytes(n, rng);
        CK_GCM_PARAMS g2 = gcm_params(iv, {}, 128);
        const Bytes pt = random_bytes(33, rng);
        const auto r = encrypt(p, {CKM_AES_GCM, &g2, sizeof g2}, k, pt);
        ASSERT_EQ(r.rv, CKR_OK) << n;
        EXPECT_EQ(to_hex(r.out), to_hex(evp_encrypt("AES-128-GCM", key, iv, pt, false, {}, 16)));
    }
}

TEST_F(AesModes, KeyTypeAndUsageAreEnforced) {
    const CK_OBJECT_HANDLE generic = p.secret_key(CKK_GENERIC_SECRET, random_bytes(16, rng));
    CK_MECHANISM ecb{CKM_AES_ECB, nullptr, 0};
    EXPECT_EQ(f()->C_EncryptInit(s(), &ecb, generic), CKR_KEY_TYPE_INCONSISTENT);
    CK_MECHANISM cmac{CKM_AES_CMAC, nullptr, 0};
    EXPECT_EQ(f()->C_SignInit(s(), &cmac, generic), CKR_KEY_TYPE_INCONSISTENT);

    AttrBuilder b;
    b.add_ulong(CKA_CLASS, CKO_SECRET_KEY).add_ulong(CKA_KEY_TYPE, CKK_AES);
    b.add(CKA_VALUE, random_bytes(16, rng))
        .add_bool(CKA_ENCRYPT, false)
        .add_bool(CKA_DECRYPT, false);
    b.add_bool(CKA_SIGN, false).add_bool(CKA_WRAP, false);
    const CK_OBJECT_HANDLE limited = p.create(b.build());
    EXPECT_EQ(f()->C_EncryptInit(s(), &ecb, limited), CKR_KEY_FUNCTION_NOT_PERMITTED);
    EXPECT_EQ(f()->C_DecryptInit(s(), &ecb, limited), CKR_KEY_FUNCTION_NOT_PERMITTED);
    EXPECT_EQ(f()->C_SignInit(s(), &cmac, limited), CKR_KEY_FUNCTION_NOT_PERMITTED);
    CK_MECHANISM gcm{CKM_AES_GCM, nullptr, 0};
    EXPECT_EQ(f()->C_MessageEncryptInit(s(), &gcm, limited), CKR_KEY_FUNCTION_NOT_PERMITTED);
    // CKA_ALLOWED_MECHANISMS limits which modes the key may be used with.
    AttrBuilder a;
    CK_MECHANISM_TYPE only_gcm = CKM_AES_GCM;
    a.add_ulong(CKA_CLASS, CKO_SECRET_KEY).add_ulong(CKA_KEY_TYPE, CKK_AES);
    a.add(CKA_VALUE, random_bytes(16, rng));
    a.add(CKA_ALLOWED_MECHANISMS,
          Bytes(reinterpret_cast<std::uint8_t*>(&only_gcm),
                reinterpret_cast<std::uint8_t*>(&only_gcm) + sizeof only_gcm));
    const CK_OBJECT_HANDLE gcm_only = p.create(a.build());
    EXPECT_EQ(f()->C_EncryptInit(s(), &ecb, gcm_only), CKR_MECHANISM_INVALID);
}

TEST_F(AesModes, LengthErrors) {
    const CK_OBJECT_HANDLE k = aes_key(p, random_bytes(16, rng));
    Bytes iv(16, 7);
    CK_MECHANISM ecb{CKM_AES_ECB, nullptr, 0}, cbc{CKM_AES_CBC, iv.data(), 16},
        pad{CKM_AES_CBC_PAD, iv.data(), 16};
    EXPECT_EQ(encrypt(p, ecb, k, Bytes(15)).rv, CKR_DATA_LEN_RANGE);
    EXPECT_EQ(encrypt(p, cbc, k, Bytes(17)).rv, CKR_DATA_LEN_RANGE);
    EXPECT_EQ(decrypt(p, ecb, k, Bytes(31)).rv, CKR_ENCRYPTED_DATA_LEN_RANGE);
    EXPECT_EQ(decrypt(p, pad, k, Bytes(31)).rv, CKR_ENCRYPTED_DATA_LEN_RANGE);
    EXPECT_EQ(decrypt(p, pad, k, Bytes()).rv, CKR_ENCRYPTED_DATA_LEN_RANGE);
    EXPECT_EQ(cipher_parts(p, true, ecb, k, Bytes(33), {16}).rv, CKR_DATA_LEN_RANGE);
    EXPECT_EQ(cipher_parts(p, false, cbc, k, Bytes(20), {8}).rv, CKR_ENCRYPTED_DATA_LEN_RANGE);
    EXPECT_EQ(cipher_parts(p, false, pad, k, Bytes(20), {8}).rv, CKR_ENCRYPTED_DATA_LEN_RANGE);
    // Empty data: ECB/CBC produce nothing; CBC-PAD one padding block.
    EXPECT_EQ(cipher_parts(p, true, ecb, k, Bytes(), {16}).out.size(), 0u);
    EXPECT_EQ(encrypt(p, pad, k, Bytes()).out.size(), 16u);
    // GCM ciphertext shorter than the tag.
    Bytes giv(12);
    CK_GCM_PARAMS gp = gcm_params(giv, {}, 128);
    CK_MECHANISM gcm{CKM_AES_GCM, &gp, sizeof gp};
    EXPECT_EQ(decrypt(p, gcm, k, Bytes(15)).rv, CKR_ENCRYPTED_DATA_LEN_RANGE);
    EXPECT_EQ(cipher_parts(p, false, gcm, k, Bytes(15), {4}).rv, CKR_ENCRYPTED_DATA_LEN_RANGE);
}

TEST_F(AesModes, CbcPadExactLengthsAndBadPadding) {
    const Bytes key = random_bytes(32, rng);
    const CK_OBJECT_HANDLE k = aes_key(p, key);
    Bytes iv = random_bytes(16, rng);
    CK_MECHANISM pad{CKM_AES_CBC_PAD, iv.data(), 16};
    for (std::size_t len : {0u, 1u, 15u, 16u, 31u, 47u}) {
        const Bytes pt = random_bytes(len, rng);
        const Bytes ct = evp_encrypt("AES-256-CBC", key, iv, pt, true);
        // Single-part: the length query answers the exact plaintext length, and a buffer of
        // exactly that size is enough.
        ASSERT_EQ(f()->C_DecryptInit(s(), &pad, k), CKR_OK);
        CK_ULONG n = 0;
        ASSERT_EQ(f()->C_Decrypt(s(), ptr(ct), ct.size(), nullptr, &n), CKR_OK);
        EXPECT_EQ(n, len);
        Bytes out(len + 1);
        n = len;
        ASSERT_EQ(f()->C_Decrypt(s(), ptr(ct), ct.size(), out.data(), &n), CKR_OK) << len;
        out.resize(n);
        EXPECT_EQ(out, pt);
        // Multi-part: the last block is held back; the final length is exact.
        ASSERT_EQ(f()->C_DecryptInit(s(), &pad, k), CKR_OK);
        n = ct.size();
        Bytes part(ct.size());
        ASSERT_EQ(f()->C_DecryptUpdate(s(), ptr(ct), ct.size(), part.data(), &n), CKR_OK);
        EXPECT_EQ(n, ct.size() - 16);
        CK_ULONG fin = 0;
        ASSERT_EQ(f()->C_DecryptFinal(s(), nullptr, &fin), CKR_OK);
        EXPECT_EQ(fin, len % 16);
        Bytes last(16);
        ASSERT_EQ(f()->C_DecryptFinal(s(), last.data(), &fin), CKR_OK);
        EXPECT_EQ(fin, len % 16);
    }
    // A C_DecryptFinal length query, then more data: the block the query looked at was not
    // the last one after all (its plaintext happens to end like valid padding), and the result
    // is still right.
    {
        Bytes pt = random_bytes(40, rng);
        pt[31] = 0x01;
        const Bytes ct = evp_encrypt("AES-256-CBC", key, iv, pt, true);
        ASSERT_EQ(f()->C_DecryptInit(s(), &pad, k), CKR_OK);
        Bytes got, part(64);
        CK_ULONG n = part.size();
        ASSERT_EQ(f()->C_DecryptUpdate(s(), ptr(ct), 32, part.data(), &n), CKR_OK);
        got.insert(got.end(), part.begin(), part.begin() + n);
        CK_ULONG fin = 0;
        ASSERT_EQ(f()->C_DecryptFinal(s(), nullptr, &fin), CKR_OK);
        EXPECT_EQ(fin, 15u);
        n = part.size();
        ASSERT_EQ(f()->C_DecryptUpdate(s(), ptr(ct) + 32, 16, part.data(), &n), CKR_OK);
        got.insert(got.end(), part.begin(), part.begin() + n);
        fin = part.size();
        ASSERT_EQ(f()->C_DecryptFinal(s(), part.data(), &fin), CKR_OK);
        got.insert(got.end(), part.begin(), part.begin() + fin);
        EXPECT_EQ(got, pt);
    }
    // Bad padding in every form is CKR_ENCRYPTED_DATA_INVALID.
    for (int variant = 0; variant < 4; ++variant) {
        Bytes padded = random_bytes(16, rng);
        switch (variant) {
            case 0:
                padded[15] = 0;
                break;
            case 1:
                padded[15] = 17;
                break;
            case 2:
                padded[15] = 3, padded[14] = 3, padded[13] = 4;
                break;
            case 3:
                padded[15] = 0xff;
                break;
        }
        const Bytes ct = evp_encrypt("AES-256-CBC", key, iv, padded, false);
        EXPECT_EQ(decrypt(p, pad, k, ct).rv, CKR_ENCRYPTED_DATA_INVALID) << variant;
        EXPECT_EQ(cipher_parts(p, false, pad, k, ct, {5}).rv, CKR_ENCRYPTED_DATA_INVALID);
    }
    // A full block of padding (16 x 0x10) is valid and leaves nothing.
    const Bytes ct = evp_encrypt("AES-256-CBC", key, iv, Bytes(16, 0x10), false);
    const auto r = decrypt(p, pad, k, ct);
    EXPECT_EQ(r.rv, CKR_OK);
    EXPECT_TRUE(r.out.empty());
}

TEST_F(AesModes, BufferTooSmallKeepsTheOperation) {
    const Bytes key = random_bytes(16, rng);
    const CK_OBJECT_HANDLE k = aes_key(p, key);
    Bytes iv(16, 1);
    CK_MECHANISM cbc{CKM_AES_CBC_PAD, iv.data(), 16};
    const Bytes pt = random_bytes(40, rng);
    ASSERT_EQ(f()->C_EncryptInit(s(), &cbc, k), CKR_OK);
    Bytes out(48);
    CK_ULONG n = 47;
    EXPECT_EQ(f()->C_Encrypt(s(), ptr(pt), pt.size(), out.data(), &n), CKR_BUFFER_TOO_SMALL);
    EXPECT_EQ(n, 48u);
    ASSERT_EQ(f()->C_Encrypt(s(), ptr(pt), pt.size(), out.data(), &n), CKR_OK);
    EXPECT_EQ(out, evp_encrypt("AES-128-CBC", key, iv, pt, true));
    // Multi-part: a short buffer on update and on final.
    ASSERT_EQ(f()->C_EncryptInit(s(), &cbc, k), CKR_OK);
    Bytes got, part(64);
    n = 16;
    EXPECT_EQ(f()->C_EncryptUpdate(s(), ptr(pt), 40, part.data(), &n), CKR_BUFFER_TOO_SMALL);
    EXPECT_EQ(n, 32u);
    ASSERT_EQ(f()->C_EncryptUpdate(s(), ptr(pt), 40, part.data(), &n), CKR_OK);
    got.insert(got.end(), part.begin(), part.begin() + n);
    n = 15;
    EXPECT_EQ(f()->C_EncryptFinal(s(), part.data(), &n), CKR_BUFFER_TOO_SMALL);
    EXPECT_EQ(n, 16u);
    ASSERT_EQ(f()->C_EncryptFinal(s(), part.data(), &n), CKR_OK);
    got.insert(got.end(), part.begin(), part.begin() + n);
    EXPECT_EQ(got, out);
    // Any other error ends it.
    CK_MECHANISM ecb{CKM_AES_ECB, nullptr, 0};
    ASSERT_EQ(f()->C_EncryptInit(s(), &ecb, k), CKR_OK);
    n = 32;
    EXPECT_EQ(f()->C_Encrypt(s(), ptr(pt), 17, out.data(), &n), CKR_DATA_LEN_RANGE);
    EXPECT_EQ(f()->C_Encrypt(s(), ptr(pt), 16, out.data(), &n), CKR_OPERATION_NOT_INITIALIZED);
}

TEST_F(AesModes, CtrRefusesToWrapItsCounter) {
    const Bytes key = random_bytes(16, rng);
    const CK_OBJECT_HANDLE k = aes_key(p, key);
    CK_AES_CTR_PARAMS cp{};
    cp.ulCounterBits = 8;
    cp.cb[15] = 0xfe;  // two blocks left before the 8-bit counter wraps
    CK_MECHANISM m{CKM_AES_CTR, &cp, sizeof cp};
    EXPECT_EQ(encrypt(p, m, k, Bytes(32)).rv, CKR_OK);
    EXPECT_EQ(encrypt(p, m, k, Bytes(33)).rv, CKR_DATA_LEN_RANGE);
    EXPECT_EQ(decrypt(p, m, k, Bytes(33)).rv, CKR_ENCRYPTED_DATA_LEN_RANGE);
    EXPECT_EQ(cipher_parts(p, true, m, k, Bytes(40), {10}).rv, CKR_DATA_LEN_RANGE);
    // Within the counter field OpenSSL's 128-bit increment is the same as PKCS#11's.
    Bytes iv(cp.cb, cp.cb + 16);
    const auto r = encrypt(p, m, k, Bytes(31, 9));
    EXPECT_EQ(r.out, evp_encrypt("AES-128-CTR", key, iv, Bytes(31, 9)));
    cp.ulCounterBits = 128;
    std::memset(cp.cb, 0xff, 16);  // one block left of the whole 128-bit counter
    EXPECT_EQ(encrypt(p, m, k, Bytes(16)).rv, CKR_OK);
    EXPECT_EQ(encrypt(p, m, k, Bytes(17)).rv, CKR_DATA_LEN_RANGE);
}

}  // namespace
}  // namespace craton::test
