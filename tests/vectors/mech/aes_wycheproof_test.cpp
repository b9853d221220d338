// Wycheproof AES vectors (GCM, CBC-PKCS5, KW, KWP) through the PKCS#11 ABI.
//
// "valid" cases must encrypt to the given ciphertext and decrypt back; "invalid" ones must be
// rejected; "acceptable" ones are decided per flag and the decision is stated where it is
// made. Every case is counted and the count expected.
#include <gtest/gtest.h>

#include "support/p11_module.h"
#include "support/vector_file.h"
#include "unit/mech/aes_test_support.h"

namespace craton::test {
namespace {

using namespace craton::test::aes;
using nlohmann::json;

Bytes hex(const json& j, const char* field) {
    return from_hex(j.at(field).get<std::string>());
}

bool has_flag(const json& t, const char* flag) {
    for (const auto& f : t.at("flags")) {
        if (f == flag) return true;
    }
    return false;
}

// --- AES-GCM -------------------------------------------------------------------------------

// IVs longer than 128 bytes (the "LongIv" 2056-bit cases, 3 of them, all valid) are refused on
// principle: OpenSSL's GCM takes at most 128-byte IVs (see src/mech/aes_gcm.cpp); the test
// checks the refusal. Zero-length IVs ("invalid") must be refused by C_EncryptInit and
// C_DecryptInit.
void run_gcm(bool message_api) {
    P11Session p;
    const json doc = load_vector_json("wycheproof/aes_gcm_test.json");
    int run = 0, valid = 0, invalid = 0, long_iv_refused = 0;
    for (const auto& g : doc.at("testGroups")) {
        const auto tag_bits = g.at("tagSize").get<CK_ULONG>();
        for (const auto& t : g.at("tests")) {
            ++run;
            const Bytes key = hex(t, "key"), iv = hex(t, "iv"), aad = hex(t, "aad");
            const Bytes msg = hex(t, "msg"), ct = hex(t, "ct"), tag = hex(t, "tag");
            const std::string result = t.at("result");
            const CK_OBJECT_HANDLE k = aes_key(p, key);
            const auto id = t.at("tcId").get<int>();
            if (iv.size() > 128) {
                CK_GCM_PARAMS gp = gcm_params(iv, aad, tag_bits);
                CK_MECHANISM m{CKM_AES_GCM, &gp, sizeof gp};
                EXPECT_EQ(p.fn()->C_EncryptInit(p.session(), &m, k), CKR_MECHANISM_PARAM_INVALID);
                ++long_iv_refused;
                destroy(p, k);
                continue;
            }
            auto* f = p.fn();
            const auto s = p.session();
            if (!message_api) {
                CK_GCM_PARAMS gp = gcm_params(iv, aad, tag_bits);
                CK_MECHANISM m{CKM_AES_GCM, &gp, sizeof gp};
                if (iv.empty()) {
                    EXPECT_EQ(f->C_EncryptInit(s, &m, k), CKR_MECHANISM_PARAM_INVALID) << id;
                    EXPECT_EQ(f->C_DecryptInit(s, &m, k), CKR_MECHANISM_PARAM_INVALID) << id;
                } else if (result == "valid") {
                    const auto e = encrypt(p, m, k, msg);
                    ASSERT_EQ(e.rv, CKR_OK) << id;
                    EXPECT_EQ(to_hex(e.out), to_hex(concat(ct, tag))) << id;
                    const auto d = decrypt(p, m, k, concat(ct, tag));
                    ASSERT_EQ(d.rv, CKR_OK) << id;
                    EXPECT_EQ(to_hex(d.out), to_hex(msg)) << id;
                    const auto parts = cipher_parts(p, false, m, k, concat(ct, tag), {7, 1, 33});
                    ASSERT_EQ(parts.rv, CKR_OK) << id;
                    EXPECT_EQ(to_hex(parts.out), to_hex(msg)) << id;
                } else {
                    const auto d = decrypt(p, m, k, concat(ct, tag));
                    EXPECT_EQ(d.rv, CKR_ENCRYPTED_DATA_INVALID) << id;
                    const auto parts = cipher_parts(p, false, m, k, concat(ct, tag), {5, 16});
                    EXPECT_EQ(parts.rv, CKR_ENCRYPTED_DATA_INVALID) << id;
                }
            } else {
                // The same cases through C_EncryptMessage / C_DecryptMessage with the
                // caller's IV (CKG_NO_GENERATE).
                CK_MECHANISM m{CKM_AES_GCM, nullptr, 0};
                EXPECT_EQ(f->C_MessageEncryptInit(s, &m, k), CKR_OK);
                EXPECT_EQ(f->C_MessageDecryptInit(s, &m, k), CKR_OK);
                Bytes iv_buf = iv, tag_buf(tag_bits / 8);
                CK_GCM_MESSAGE_PARAMS mp{};
                mp.pIv = iv_buf.empty() ? nullptr : iv_buf.data();
                mp.ulIvLen = iv_buf.size();
                mp.ivGenerator = CKG_NO_GENERATE;
                mp.pTag = tag_buf.data();
                mp.ulTagBits = tag_bits;
                Bytes out(msg.size() + 1);
                CK_ULONG len = out.size();
                if (iv.empty()) {
                    EXPECT_EQ(f->C_EncryptMessage(s, &mp, sizeof mp, ptr(aad), aad.size(), ptr(msg),
                                                  msg.size(), out.data(), &len),
                              CKR_MECHANISM_PARAM_INVALID)
                        << id;
                } else if (result == "valid") {
                    ASSERT_EQ(f->C_EncryptMessage(s, &mp, sizeof mp, ptr(aad), aad.size(), ptr(msg),
                                                  msg.size(), out.data(), &len),
                              CKR_OK)
                        << id;
                    out.resize(len);
                    EXPECT_EQ(to_hex(out), to_hex(ct)) << id;
                    EXPECT_EQ(to_hex(tag_buf), to_hex(tag)) << id;
                }
                if (!iv.empty()) {
                    tag_buf = tag;
                    mp.pTag = tag_buf.data();
                    Bytes pt(ct.size() + 1);
                    len = pt.size();
                    const CK_RV rv = f->C_DecryptMessage(s, &mp, sizeof mp, ptr(aad), aad.size(),
                                                         ptr(ct), ct.size(), pt.data(), &len);
                    if (result == "valid") {
                        ASSERT_EQ(rv, CKR_OK) << id;
                        pt.resize(len);
                        EXPECT_EQ(to_hex(pt), to_hex(msg)) << id;
                    } else {
                        EXPECT_EQ(rv, CKR_AEAD_DECRYPT_FAILED) << id;
                    }
                }
                EXPECT_EQ(f->C_MessageEncryptFinal(s), CKR_OK);
                EXPECT_EQ(f->C_MessageDecryptFinal(s), CKR_OK);
            }
            result == "valid" ? ++valid : ++invalid;
            destroy(p, k);
        }
    }
    EXPECT_EQ(run, 316);
    EXPECT_EQ(long_iv_refused, 3);
    EXPECT_EQ(valid + invalid + long_iv_refused, 316);
    EXPECT_EQ(invalid, 87);
    ::testing::Test::RecordProperty("cases", run);
    ::testing::Test::RecordProperty("long_iv_refused_on_principle", long_iv_refused);
}

TEST(AesWycheproof, Gcm) {
    run_gcm(false);
}
TEST(AesWycheproof, GcmMessageApi) {
    run_gcm(true);
}

// --- AES-CBC-PKCS5 (CKM_AES_CBC_PAD) -----------------------------------------------------

TEST(AesWycheproof, CbcPkcs5) {
    P11Session p;
    const json doc = load_vector_json("wycheproof/aes_cbc_pkcs5_test.json");
    int run = 0, invalid = 0;
    for (const auto& g : doc.at("testGroups")) {
        for (const auto& t : g.at("tests")) {
            ++run;
            const auto id = t.at("tcId").get<int>();
            Bytes iv = hex(t, "iv");
            const Bytes msg = hex(t, "msg"), ct = hex(t, "ct");
            const CK_OBJECT_HANDLE k = aes_key(p, hex(t, "key"));
            CK_MECHANISM m{CKM_AES_CBC_PAD, iv.data(), iv.size()};
            if (t.at("result") == "valid") {
                const auto e = encrypt(p, m, k, msg);
                ASSERT_EQ(e.rv, CKR_OK) << id;
                EXPECT_EQ(to_hex(e.out), to_hex(ct)) << id;
                const auto d = decrypt(p, m, k, ct);
                ASSERT_EQ(d.rv, CKR_OK) << id;
                EXPECT_EQ(to_hex(d.out), to_hex(msg)) << id;
                const auto parts = cipher_parts(p, false, m, k, ct, {3, 16, 29});
                ASSERT_EQ(parts.rv, CKR_OK) << id;
                EXPECT_EQ(to_hex(parts.out), to_hex(msg)) << id;
            } else {
                ++invalid;
                // BadPadding: the padding check fails. NoPadding: an empty ciphertext (no
                // padding block at all) is a length error.
                const CK_RV want = has_flag(t, "NoPadding") && (ct.empty() || ct.size() % 16 != 0)
                                       ? CKR_ENCRYPTED_DATA_LEN_RANGE
                                       : CKR_ENCRYPTED_DATA_INVALID;
                EXPECT_EQ(decrypt(p, m, k, ct).rv, want) << id;
                EXPECT_EQ(cipher_parts(p, false, m, k, ct, {16}).rv, want) << id;
            }
            destroy(p, k);
        }
    }
    EXPECT_EQ(run, 216);
    EXPECT_EQ(invalid, 144);
    ::testing::Test::RecordProperty("cases", run);
}

// --- AES-KW and AES-KWP ------------------------------------------------------------------

// Valid: C_Encrypt gives ct, C_Decrypt gives msg back, and C_WrapKey/C_UnwrapKey of a generic
// secret holding msg agree. Invalid: C_Decrypt and C_UnwrapKey reject ct, and C_Encrypt of
// msg either fails or gives something else. The three "acceptable" KW cases wrap an 8-byte
// key as one AES block (RFC 3394 section 2); SP 800-38F does not define that, and the module
// rejects both directions (counted below).
void run_key_wrap(const char* file, CK_MECHANISM_TYPE type, int expected_cases,
                  int expected_acceptable) {
    P11Session p;
    const json doc = load_vector_json(std::string("wycheproof/") + file);
    int run = 0, invalid = 0, acceptable_rejected = 0;
    for (const auto& g : doc.at("testGroups")) {
        for (const auto& t : g.at("tests")) {
            ++run;
            const auto id = t.at("tcId").get<int>();
            const Bytes msg = hex(t, "msg"), ct = hex(t, "ct");
            const std::string result = t.at("result");
            const CK_OBJECT_HANDLE k = aes_key(p, hex(t, "key"));
            CK_MECHANISM m{type, nullptr, 0};
            AttrBuilder tb;
            tb.add_ulong(CKA_CLASS, CKO_SECRET_KEY)
                .add_ulong(CKA_KEY_TYPE, CKK_GENERIC_SECRET)
                .add_bool(CKA_SENSITIVE, false)
                .add_bool(CKA_EXTRACTABLE, true);
            auto unwrap_tmpl = tb.build();
            CK_OBJECT_HANDLE h = CK_INVALID_HANDLE;
            // C_UnwrapKey wants a non-NULL pointer even for an empty blob.
            CK_BYTE empty = 0;
            const CK_RV unwrap_rv =
                p.fn()->C_UnwrapKey(p.session(), &m, k, ct.empty() ? &empty : ptr(ct), ct.size(),
                                    unwrap_tmpl.data(), unwrap_tmpl.size(), &h);
            if (result == "valid") {
                const auto e = encrypt(p, m, k, msg);
                ASSERT_EQ(e.rv, CKR_OK) << id;
                EXPECT_EQ(to_hex(e.out), to_hex(ct)) << id;
                const auto d = decrypt(p, m, k, ct);
                ASSERT_EQ(d.rv, CKR_OK) << id;
                EXPECT_EQ(to_hex(d.out), to_hex(msg)) << id;
                ASSERT_EQ(unwrap_rv, CKR_OK) << id;
                EXPECT_EQ(to_hex(p.attribute(h, CKA_VALUE)), to_hex(msg)) << id;
                CK_ULONG len = 0;
                ASSERT_EQ(p.fn()->C_WrapKey(p.session(), &m, k, h, nullptr, &len), CKR_OK);
                Bytes wrapped(len);
                ASSERT_EQ(p.fn()->C_WrapKey(p.session(), &m, k, h, wrapped.data(), &len), CKR_OK);
                wrapped.resize(len);
                EXPECT_EQ(to_hex(wrapped), to_hex(ct)) << id;
                destroy(p, h);
            } else {
                if (result == "acceptable") {
                    EXPECT_TRUE(has_flag(t, "ShortKey")) << id;
                    ++acceptable_rejected;
                } else {
                    ++invalid;
                }
                const auto d = decrypt(p, m, k, ct);
                EXPECT_TRUE(d.rv == CKR_ENCRYPTED_DATA_INVALID ||
                            d.rv == CKR_ENCRYPTED_DATA_LEN_RANGE)
                    << id << " " << rv_name(d.rv);
                EXPECT_EQ(unwrap_rv, CKR_WRAPPED_KEY_INVALID) << id << " " << rv_name(unwrap_rv);
                const auto e = encrypt(p, m, k, msg);
                if (e.rv == CKR_OK) {
                    EXPECT_NE(to_hex(e.out), to_hex(ct)) << id;
                } else {
                    EXPECT_EQ(e.rv, CKR_DATA_LEN_RANGE) << id;
                }
            }
            destroy(p, k);
        }
    }
    EXPECT_EQ(run, expected_cases);
    EXPECT_EQ(acceptable_rejected, expected_acceptable);
    ::testing::Test::RecordProperty("cases", run);
    ::testing::Test::RecordProperty("invalid", invalid);
    ::testing::Test::RecordProperty("acceptable_rejected", acceptable_rejected);
}

TEST(AesWycheproof, KeyWrap) {
    run_key_wrap("aes_wrap_test.json", CKM_AES_KEY_WRAP, 165, 3);
}
TEST(AesWycheproof, KeyWrapPad) {
    run_key_wrap("aes_kwp_test.json", CKM_AES_KEY_WRAP_PAD, 254, 0);
}
TEST(AesWycheproof, KeyWrapKwpAlias) {
    run_key_wrap("aes_kwp_test.json", CKM_AES_KEY_WRAP_KWP, 254, 0);
}

}  // namespace
}  // namespace craton::test
