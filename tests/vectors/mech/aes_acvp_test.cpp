// NIST ACVP AES vector sets through the PKCS#11 ABI: every key is imported with
// C_CreateObject and every case runs through C_Encrypt/C_Decrypt (or the multi-part calls for
// the Monte Carlo chains). Each set counts its cases and expects the count, so nothing is
// skipped silently; cases the API cannot express are counted separately and explained.
#include <gtest/gtest.h>

#include "support/p11_module.h"
#include "support/vector_file.h"
#include "unit/mech/aes_test_support.h"

namespace craton::test {
namespace {

using namespace craton::test::aes;
using nlohmann::json;

struct AcvpSet {
    json prompt;
    json expected;
};

AcvpSet load_set(const std::string& folder) {
    return {load_vector_json("acvp/" + folder + "/prompt.json"),
            load_vector_json("acvp/" + folder + "/expectedResults.json")};
}

Bytes hex(const json& j, const char* field) {
    return from_hex(j.at(field).get<std::string>());
}

const json& expected_of(const AcvpSet& set, const json& group, const json& test) {
    const json* e = find_acvp_test(set.expected, group.at("tgId"), test.at("tcId"));
    if (e == nullptr) throw std::runtime_error("no expected result for a test case");
    return *e;
}

// Keeps only the first `bits` bits (ACVP bit strings are MSB-first, unused low bits zero).
Bytes truncate_bits(Bytes b, std::size_t bits) {
    b.resize((bits + 7) / 8);
    if (bits % 8 != 0) b.back() &= static_cast<std::uint8_t>(0xff00u >> (bits % 8));
    return b;
}

// --- GCM -------------------------------------------------------------------------------

// Tags shorter than 96 bits are refused on principle (see src/mech/aes_gcm.cpp). For those
// cases the test checks the refusal and then still checks the case's answer through the ABI
// with a full 128-bit tag: a GCM tag of t bits is the first t bits of the full tag
// (SP 800-38D section 7.1), and the plaintext comes from decrypting with the key stream, which
// is the encryption of a zero message under the same IV.
TEST(AesAcvp, Gcm) {
    P11Session p;
    const AcvpSet set = load_set("ACVP-AES-GCM-1.0");
    int run = 0, refused_short_tag = 0, fail_verdicts = 0;
    for (const auto& g : set.prompt.at("testGroups")) {
        const auto tag_bits = g.at("tagLen").get<CK_ULONG>();
        const bool enc = g.at("direction") == "encrypt";
        ASSERT_EQ(g.at("ivLen").get<int>() % 8, 0);
        for (const auto& t : g.at("tests")) {
            const json& want = expected_of(set, g, t);
            const Bytes key = hex(t, "key"), iv = hex(t, "iv"), aad = hex(t, "aad");
            const CK_OBJECT_HANDLE k = aes_key(p, key);
            CK_GCM_PARAMS gp = gcm_params(iv, aad, tag_bits);
            CK_MECHANISM m{CKM_AES_GCM, &gp, sizeof gp};
            const bool supported = tag_bits >= 96;
            CK_GCM_PARAMS full = gcm_params(iv, aad, 128);
            CK_MECHANISM m128{CKM_AES_GCM, &full, sizeof full};
            const std::size_t tag_len = tag_bits / 8;
            if (!supported) {
                ++refused_short_tag;
                const CK_RV rv = enc ? p.fn()->C_EncryptInit(p.session(), &m, k)
                                     : p.fn()->C_DecryptInit(p.session(), &m, k);
                EXPECT_EQ(rv, CKR_MECHANISM_PARAM_INVALID) << "tcId " << t.at("tcId");
            }
            if (enc) {
                const Bytes pt = hex(t, "pt");
                const auto r = encrypt(p, supported ? m : m128, k, pt);
                ASSERT_EQ(r.rv, CKR_OK) << rv_name(r.rv) << " tcId " << t.at("tcId");
                const Bytes ct(r.out.begin(), r.out.begin() + pt.size());
                const Bytes tag(r.out.begin() + pt.size(), r.out.begin() + pt.size() + tag_len);
                EXPECT_EQ(to_hex(ct), want.at("ct").get<std::string>()) << t.at("tcId");
                EXPECT_EQ(to_hex(tag), want.at("tag").get<std::string>()) << t.at("tcId");
            } else {
                const Bytes ct = hex(t, "ct"), tag = hex(t, "tag");
                const bool passes =
                    !want.contains("testPassed") || want.at("testPassed").get<bool>();
                if (!passes) ++fail_verdicts;
                if (supported) {
                    const auto r = decrypt(p, m, k, concat(ct, tag));
                    if (passes) {
                        ASSERT_EQ(r.rv, CKR_OK) << rv_name(r.rv) << " tcId " << t.at("tcId");
                        EXPECT_EQ(to_hex(r.out), want.at("pt").get<std::string>());
                    } else {
                        EXPECT_EQ(r.rv, CKR_ENCRYPTED_DATA_INVALID) << "tcId " << t.at("tcId");
                    }
                } else {
                    const auto stream = encrypt(p, m128, k, Bytes(ct.size(), 0));
                    ASSERT_EQ(stream.rv, CKR_OK);
                    Bytes pt(ct.size());
                    for (std::size_t i = 0; i < ct.size(); ++i) pt[i] = ct[i] ^ stream.out[i];
                    const auto again = encrypt(p, m128, k, pt);
                    ASSERT_EQ(again.rv, CKR_OK);
                    const Bytes full_tag(again.out.end() - 16, again.out.end());
                    const bool verdict = std::equal(tag.begin(), tag.end(), full_tag.begin());
                    EXPECT_EQ(verdict, passes) << "tcId " << t.at("tcId");
                    if (passes) {
                        EXPECT_EQ(to_hex(pt), want.at("pt").get<std::string>());
                    }
                }
            }
            destroy(p, k);
            ++run;
        }
    }
    EXPECT_EQ(run, 60);
    // Groups 2 and 4 (30 cases, IV 120 bits) use 32-bit tags.
    EXPECT_EQ(refused_short_tag, 30);
    EXPECT_EQ(fail_verdicts, 10);
    ::testing::Test::RecordProperty("cases", run);
    ::testing::Test::RecordProperty("short_tag_refused_then_cross_checked", refused_short_tag);
}

// --- ECB / CBC ---------------------------------------------------------------------------

void run_block_aft(const char* folder, CK_MECHANISM_TYPE type, int expected_aft) {
    P11Session p;
    const AcvpSet set = load_set(folder);
    int run = 0;
    for (const auto& g : set.prompt.at("testGroups")) {
        if (g.at("testType") != "AFT") continue;
        const bool enc = g.at("direction") == "encrypt";
        for (const auto& t : g.at("tests")) {
            const json& want = expected_of(set, g, t);
            const CK_OBJECT_HANDLE k = aes_key(p, hex(t, "key"));
            Bytes iv = t.contains("iv") ? hex(t, "iv") : Bytes{};
            CK_MECHANISM m{type, iv.empty() ? nullptr : iv.data(), iv.size()};
            const auto r = enc ? encrypt(p, m, k, hex(t, "pt")) : decrypt(p, m, k, hex(t, "ct"));
            ASSERT_EQ(r.rv, CKR_OK) << folder << " tcId " << t.at("tcId");
            EXPECT_EQ(to_hex(r.out), want.at(enc ? "ct" : "pt").get<std::string>())
                << folder << " tcId " << t.at("tcId");
            destroy(p, k);
            ++run;
        }
    }
    EXPECT_EQ(run, expected_aft);
    ::testing::Test::RecordProperty("aft_cases", run);
}

TEST(AesAcvp, EcbAft) {
    run_block_aft("ACVP-AES-ECB-1.0", CKM_AES_ECB, 2138);
}
TEST(AesAcvp, CbcAft) {
    run_block_aft("ACVP-AES-CBC-1.0", CKM_AES_CBC, 2150);
}

Bytes xor_key(const Bytes& key, const Bytes& last, const Bytes& before_last) {
    // ACVP AES MCT key update: XOR with the last key-length bits of the chained outputs.
    Bytes chain = concat(before_last, last);
    Bytes out = key;
    const std::size_t off = chain.size() - key.size();
    for (std::size_t i = 0; i < key.size(); ++i) out[i] ^= chain[off + i];
    return out;
}

// One outer step of the ACVP Monte Carlo test: 1000 chained single-block calls inside one
// multi-part operation (CBC chains through the operation's own state).
struct MctBlocks {
    Bytes last, before_last;
};

MctBlocks mct_inner(P11Session& p, bool enc, CK_MECHANISM m, CK_OBJECT_HANDLE k, Bytes input,
                    const Bytes& iv) {
    auto* f = p.fn();
    const auto s = p.session();
    EXPECT_EQ(enc ? f->C_EncryptInit(s, &m, k) : f->C_DecryptInit(s, &m, k), CKR_OK);
    const bool cbc = m.mechanism == CKM_AES_CBC;
    Bytes prev_out, out(16);
    for (int j = 0; j < 1000; ++j) {
        CK_ULONG len = 16;
        const CK_RV rv = enc ? f->C_EncryptUpdate(s, input.data(), 16, out.data(), &len)
                             : f->C_DecryptUpdate(s, input.data(), 16, out.data(), &len);
        EXPECT_EQ(rv, CKR_OK);
        EXPECT_EQ(len, 16u);
        // ECB: next input is this output. CBC: the IV for j = 0, then the output before.
        Bytes next = !cbc ? out : (j == 0 ? iv : prev_out);
        prev_out.swap(out);
        out.assign(16, 0);
        input = next;
    }
    CK_ULONG len = 16;
    EXPECT_EQ(enc ? f->C_EncryptFinal(s, out.data(), &len) : f->C_DecryptFinal(s, out.data(), &len),
              CKR_OK);
    // prev_out holds output 999; input holds (for CBC) output 998, for ECB output 999.
    return {prev_out, cbc ? input : Bytes{}};
}

void run_mct(const char* folder, CK_MECHANISM_TYPE type) {
    P11Session p;
    const AcvpSet set = load_set(folder);
    int cases = 0, steps = 0;
    for (const auto& g : set.prompt.at("testGroups")) {
        if (g.at("testType") != "MCT") continue;
        const bool enc = g.at("direction") == "encrypt";
        for (const auto& t : g.at("tests")) {
            const auto& results = expected_of(set, g, t).at("resultsArray");
            Bytes key = hex(t, "key");
            Bytes iv = t.contains("iv") ? hex(t, "iv") : Bytes{};
            Bytes input = hex(t, enc ? "pt" : "ct");
            ASSERT_EQ(results.size(), 100u);
            Bytes before_last_ecb;
            for (int i = 0; i < 100; ++i) {
                const auto& r = results[i];
                EXPECT_EQ(to_hex(key), r.at("key").get<std::string>()) << folder << " i=" << i;
                if (!iv.empty()) {
                    EXPECT_EQ(to_hex(iv), r.at("iv").get<std::string>());
                }
                EXPECT_EQ(to_hex(input), r.at(enc ? "pt" : "ct").get<std::string>());
                const CK_OBJECT_HANDLE k = aes_key(p, key);
                CK_MECHANISM m{type, iv.empty() ? nullptr : iv.data(), iv.size()};
                MctBlocks b;
                if (type == CKM_AES_ECB) {
                    // ECB: the block before the last is needed for 192/256-bit key updates.
                    auto* f = p.fn();
                    const auto s = p.session();
                    EXPECT_EQ(enc ? f->C_EncryptInit(s, &m, k) : f->C_DecryptInit(s, &m, k),
                              CKR_OK);
                    Bytes cur = input, prev;
                    for (int j = 0; j < 1000; ++j) {
                        Bytes out(16);
                        CK_ULONG len = 16;
                        EXPECT_EQ(enc ? f->C_EncryptUpdate(s, cur.data(), 16, out.data(), &len)
                                      : f->C_DecryptUpdate(s, cur.data(), 16, out.data(), &len),
                                  CKR_OK);
                        prev = cur;
                        cur = out;
                    }
                    CK_ULONG len = 0;
                    EXPECT_EQ(enc ? f->C_EncryptFinal(s, nullptr, &len)
                                  : f->C_DecryptFinal(s, nullptr, &len),
                              CKR_OK);
                    Bytes none(1);
                    len = 1;
                    EXPECT_EQ(enc ? f->C_EncryptFinal(s, none.data(), &len)
                                  : f->C_DecryptFinal(s, none.data(), &len),
                              CKR_OK);
                    b = {cur, prev};
                } else {
                    b = mct_inner(p, enc, m, k, input, iv);
                }
                destroy(p, k);
                EXPECT_EQ(to_hex(b.last), r.at(enc ? "ct" : "pt").get<std::string>())
                    << folder << " tcId " << t.at("tcId") << " i=" << i;
                key = xor_key(key, b.last, b.before_last);
                if (type == CKM_AES_CBC) {
                    iv = b.last;
                    input = b.before_last;
                } else {
                    input = b.last;
                }
                ++steps;
            }
            ++cases;
        }
    }
    EXPECT_EQ(cases, 6);
    EXPECT_EQ(steps, 600);
    ::testing::Test::RecordProperty("mct_cases", cases);
}

TEST(AesAcvp, EcbMct) {
    run_mct("ACVP-AES-ECB-1.0", CKM_AES_ECB);
}
TEST(AesAcvp, CbcMct) {
    run_mct("ACVP-AES-CBC-1.0", CKM_AES_CBC);
}

// --- CTR -------------------------------------------------------------------------------

// The sets use the RFC 3686 layout (32-bit block counter starting at 1). Encrypt cases leave
// the counter block to the implementation; expectedResults says which one was used. Payload
// lengths are in bits and often not whole bytes: CTR is a stream mode, so the bit-level
// result is the byte-level one with the unused low bits of the last byte cleared.
TEST(AesAcvp, Ctr) {
    P11Session p;
    const AcvpSet set = load_set("ACVP-AES-CTR-1.0");
    int run = 0, partial_bytes = 0;
    for (const auto& g : set.prompt.at("testGroups")) {
        const bool enc = g.at("direction") == "encrypt";
        for (const auto& t : g.at("tests")) {
            const json& want = expected_of(set, g, t);
            const auto bits = t.at("payloadLen").get<std::size_t>();
            if (bits % 8 != 0) ++partial_bytes;
            const Bytes iv = enc ? hex(want, "iv") : hex(t, "iv");
            CK_AES_CTR_PARAMS cp{};
            cp.ulCounterBits = 32;
            std::memcpy(cp.cb, iv.data(), 16);
            CK_MECHANISM m{CKM_AES_CTR, &cp, sizeof cp};
            const CK_OBJECT_HANDLE k = aes_key(p, hex(t, "key"));
            const Bytes in = truncate_bits(hex(t, enc ? "pt" : "ct"), bits);
            const auto r = enc ? encrypt(p, m, k, in) : decrypt(p, m, k, in);
            ASSERT_EQ(r.rv, CKR_OK) << "tcId " << t.at("tcId");
            EXPECT_EQ(to_hex(truncate_bits(r.out, bits)),
                      want.at(enc ? "ct" : "pt").get<std::string>())
                << "tcId " << t.at("tcId");
            destroy(p, k);
            ++run;
        }
    }
    EXPECT_EQ(run, 150);
    ::testing::Test::RecordProperty("cases", run);
    ::testing::Test::RecordProperty("bit_length_cases", partial_bytes);
}

// --- KW / KWP ------------------------------------------------------------------------------

// "cipher" groups use AES forward in the wrapping function: CKM_AES_KEY_WRAP(_PAD) exactly.
// "inverse" groups (SP 800-38F's KW-AE with the inverse cipher) have no PKCS#11 mechanism:
// their encrypt cases cannot be expressed and are counted; their decrypt cases are still run
// through the forward mechanism, which must reject every one of them (an inverse-cipher
// wrapping is not a valid forward wrapping, and the invalid ones are invalid either way).
void run_key_wrap(const char* folder, CK_MECHANISM_TYPE type) {
    P11Session p;
    const AcvpSet set = load_set(folder);
    int run = 0, inverse_encrypt_inexpressible = 0, inverse_decrypt_rejected = 0, rejected = 0,
        unwrapped = 0;
    for (const auto& g : set.prompt.at("testGroups")) {
        const bool enc = g.at("direction") == "encrypt";
        const bool inverse = g.at("kwCipher") == "inverse";
        for (const auto& t : g.at("tests")) {
            if (inverse && enc) {
                ++inverse_encrypt_inexpressible;
                continue;
            }
            const json& want = expected_of(set, g, t);
            const CK_OBJECT_HANDLE k = aes_key(p, hex(t, "key"));
            CK_MECHANISM m{type, nullptr, 0};
            if (enc) {
                const auto r = encrypt(p, m, k, hex(t, "pt"));
                ASSERT_EQ(r.rv, CKR_OK) << folder << " tcId " << t.at("tcId");
                EXPECT_EQ(to_hex(r.out), want.at("ct").get<std::string>()) << t.at("tcId");
            } else {
                const Bytes ct = hex(t, "ct");
                const bool passes =
                    !inverse && (!want.contains("testPassed") || want.at("testPassed").get<bool>());
                const auto r = decrypt(p, m, k, ct);
                if (passes) {
                    ASSERT_EQ(r.rv, CKR_OK) << folder << " tcId " << t.at("tcId");
                    EXPECT_EQ(to_hex(r.out), want.at("pt").get<std::string>()) << t.at("tcId");
                } else {
                    EXPECT_EQ(r.rv, CKR_ENCRYPTED_DATA_INVALID)
                        << folder << " tcId " << t.at("tcId") << " " << rv_name(r.rv);
                    inverse ? ++inverse_decrypt_rejected : ++rejected;
                }
                // The same blob through C_UnwrapKey as a generic secret.
                if (!inverse) {
                    AttrBuilder b;
                    b.add_ulong(CKA_CLASS, CKO_SECRET_KEY)
                        .add_ulong(CKA_KEY_TYPE, CKK_GENERIC_SECRET)
                        .add_bool(CKA_SENSITIVE, false)
                        .add_bool(CKA_EXTRACTABLE, true);
                    auto attrs = b.build();
                    CK_OBJECT_HANDLE h = CK_INVALID_HANDLE;
                    const CK_RV rv = p.fn()->C_UnwrapKey(p.session(), &m, k, ptr(ct), ct.size(),
                                                         attrs.data(), attrs.size(), &h);
                    if (passes) {
                        ASSERT_EQ(rv, CKR_OK) << rv_name(rv) << " tcId " << t.at("tcId");
                        EXPECT_EQ(to_hex(p.attribute(h, CKA_VALUE)),
                                  want.at("pt").get<std::string>());
                        destroy(p, h);
                        ++unwrapped;
                    } else {
                        EXPECT_EQ(rv, CKR_WRAPPED_KEY_INVALID) << "tcId " << t.at("tcId");
                    }
                }
            }
            destroy(p, k);
            ++run;
        }
    }
    EXPECT_EQ(run + inverse_encrypt_inexpressible, 7200);
    EXPECT_EQ(inverse_encrypt_inexpressible, 1800);
    EXPECT_EQ(inverse_decrypt_rejected, 1800);
    ::testing::Test::RecordProperty("cases_run", run);
    ::testing::Test::RecordProperty("forward_invalid_rejected", rejected);
    ::testing::Test::RecordProperty("unwrapped_via_C_UnwrapKey", unwrapped);
    ::testing::Test::RecordProperty("inverse_encrypt_inexpressible", inverse_encrypt_inexpressible);
}

TEST(AesAcvp, KeyWrap) {
    run_key_wrap("ACVP-AES-KW-1.0", CKM_AES_KEY_WRAP);
}
TEST(AesAcvp, KeyWrapPad) {
    run_key_wrap("ACVP-AES-KWP-1.0", CKM_AES_KEY_WRAP_PAD);
}

}  // namespace
}  // namespace craton::test
