// ACVP ECDSA (FIPS 186-5) keyGen, sigGen and sigVer through the PKCS#11 ABI.
//
// The module implements P-256 and P-384, so the P-224, P-521 and binary-curve groups are
// counted as unsupported (their import is refused with CKR_CURVE_NOT_SUPPORTED, checked once
// per curve). On the supported curves every hash in the files is run: SHA-2/SHA-3 through their
// CKM_ECDSA_* mechanisms and again through CKM_ECDSA on the digest the test computes; hashes
// without a PKCS#11 mechanism (SHA-512/224, SHA-512/256, SHAKE-128/256 with the 256/512-bit
// outputs FIPS 186-5 uses) go through CKM_ECDSA only.
#include <openssl/ecdsa.h>

#include <gtest/gtest.h>

#include <map>

#include "support/vector_file.h"
#include "unit/mech/ec_support.h"

namespace craton::test {
namespace {

using namespace craton::test::ec;

struct CurveInfo {
    const Bytes* params;
    std::size_t n;
};

const CurveInfo* supported(const std::string& curve) {
    static const CurveInfo p256{&kP256Oid, 32}, p384{&kP384Oid, 48};
    if (curve == "P-256") return &p256;
    if (curve == "P-384") return &p384;
    return nullptr;
}

// OIDs of NIST curves the module does not implement, to check the refusal.
const std::map<std::string, Bytes> kUnsupportedOids = {
    {"P-224", {0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x21}},
    {"P-521", {0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x23}},
};

struct HashInfo {
    CK_MECHANISM_TYPE mech;  // 0: no PKCS#11 mechanism, CKM_ECDSA only
    const char* md;
    std::size_t xof_len;
};

HashInfo hash_info(const std::string& name) {
    static const std::map<std::string, HashInfo> table = {
        {"SHA2-224", {CKM_ECDSA_SHA224, "SHA2-224", 0}},
        {"SHA2-256", {CKM_ECDSA_SHA256, "SHA2-256", 0}},
        {"SHA2-384", {CKM_ECDSA_SHA384, "SHA2-384", 0}},
        {"SHA2-512", {CKM_ECDSA_SHA512, "SHA2-512", 0}},
        {"SHA2-512/224", {0, "SHA2-512/224", 0}},
        {"SHA2-512/256", {0, "SHA2-512/256", 0}},
        {"SHA3-224", {CKM_ECDSA_SHA3_224, "SHA3-224", 0}},
        {"SHA3-256", {CKM_ECDSA_SHA3_256, "SHA3-256", 0}},
        {"SHA3-384", {CKM_ECDSA_SHA3_384, "SHA3-384", 0}},
        {"SHA3-512", {CKM_ECDSA_SHA3_512, "SHA3-512", 0}},
        {"SHAKE-128", {0, "SHAKE-128", 32}},
        {"SHAKE-256", {0, "SHAKE-256", 64}},
    };
    const auto it = table.find(name);
    EXPECT_NE(it, table.end()) << name;
    return it == table.end() ? HashInfo{0, "SHA2-256", 0} : it->second;
}

void expect_unsupported_curve(EcSession& s, const std::string& curve) {
    const auto it = kUnsupportedOids.find(curve);
    if (it == kUnsupportedOids.end()) return;  // binary curves: no OID table needed to know
    CK_OBJECT_HANDLE h = CK_INVALID_HANDLE;
    Bytes point(1 + 2 * 66, 0x01);
    point[0] = 0x04;
    EXPECT_EQ(s.import_public(CKK_EC, it->second, point, &h),
              static_cast<CK_RV>(CKR_CURVE_NOT_SUPPORTED))
        << curve;
}

TEST(EcAcvpEcdsa, SigVer) {
    EcSession s;
    const auto prompt = load_vector_json("acvp/ECDSA-SigVer-FIPS186-5/prompt.json");
    const auto expected = load_vector_json("acvp/ECDSA-SigVer-FIPS186-5/expectedResults.json");
    int run = 0, unsupported = 0, total = 0, passed = 0, via_mechanism = 0;
    for (const auto& g : prompt.at("testGroups")) {
        const std::string curve = g.at("curve");
        const CurveInfo* c = supported(curve);
        if (c == nullptr) {
            expect_unsupported_curve(s, curve);
            unsupported += static_cast<int>(g.at("tests").size());
            total += static_cast<int>(g.at("tests").size());
            continue;
        }
        const HashInfo h = hash_info(g.at("hashAlg"));
        for (const auto& t : g.at("tests")) {
            ++total;
            ++run;
            const auto* want = find_acvp_test(expected, g.at("tgId"), t.at("tcId"));
            ASSERT_NE(want, nullptr);
            const bool expect_pass = want->at("testPassed");
            const Bytes msg = from_hex(t.at("message").get<std::string>());
            Bytes sig = left_pad(from_hex(t.at("r").get<std::string>()), c->n);
            const Bytes sv = left_pad(from_hex(t.at("s").get<std::string>()), c->n);
            sig.insert(sig.end(), sv.begin(), sv.end());
            const Bytes point = uncompressed(from_hex(t.at("qx").get<std::string>()),
                                             from_hex(t.at("qy").get<std::string>()), c->n);
            CK_OBJECT_HANDLE key = CK_INVALID_HANDLE;
            // A "modify key" case may move the point off the curve; refusing it is a failure.
            const CK_RV import_rv = s.import_public(CKK_EC, *c->params, point, &key);
            bool ok = import_rv == CKR_OK;
            if (!ok) {
                EXPECT_EQ(import_rv, static_cast<CK_RV>(CKR_ATTRIBUTE_VALUE_INVALID));
            } else {
                const CK_RV raw_rv =
                    s.verify({CKM_ECDSA, nullptr, 0}, key, digest(h.md, msg, h.xof_len), sig);
                ok = raw_rv == CKR_OK;
                if (h.mech != 0) {
                    ++via_mechanism;
                    EXPECT_EQ(s.verify({h.mech, nullptr, 0}, key, msg, sig), raw_rv)
                        << "tcId " << t.at("tcId");
                }
            }
            EXPECT_EQ(ok, expect_pass)
                << curve << " " << g.at("hashAlg") << " tcId " << t.at("tcId");
            passed += ok ? 1 : 0;
        }
    }
    // 28 groups of 7: P-256 and P-384 have 7 hash groups each.
    EXPECT_EQ(total, 196);
    EXPECT_EQ(run, 98);
    EXPECT_EQ(unsupported, 98);
    EXPECT_EQ(via_mechanism, 56);  // SHA2-256, SHA2-512, SHA3-256, SHA3-512 groups
    EXPECT_EQ(passed, 14);         // one "none" (unmodified) case per supported group
    ::testing::Test::RecordProperty("cases_run", run);
    ::testing::Test::RecordProperty("cases_unsupported_curve", unsupported);
}

TEST(EcAcvpEcdsa, KeyGen) {
    EcSession s;
    const auto expected = load_vector_json("acvp/ECDSA-KeyGen-FIPS186-5/expectedResults.json");
    const auto prompt = load_vector_json("acvp/ECDSA-KeyGen-FIPS186-5/prompt.json");
    int run = 0, unsupported = 0, generated = 0;
    for (const auto& pg : prompt.at("testGroups")) {
        const std::string curve = pg.at("curve");
        const CurveInfo* c = supported(curve);
        if (c == nullptr) {
            unsupported += static_cast<int>(pg.at("tests").size());
            continue;
        }
        for (const auto& t : pg.at("tests")) {
            // The server's sample answer: importing d must give the public point (qx, qy).
            const auto* want = find_acvp_test(expected, pg.at("tgId"), t.at("tcId"));
            ASSERT_NE(want, nullptr);
            const CK_OBJECT_HANDLE priv =
                s.private_key(CKK_EC, *c->params, from_hex(want->at("d").get<std::string>()));
            Pkey pub = s.openssl_public(priv);
            ASSERT_TRUE(pub);
            Bytes point(1 + 2 * c->n);
            std::size_t len = 0;
            ASSERT_EQ(EVP_PKEY_get_octet_string_param(pub.get(), "encoded-pub-key", point.data(),
                                                      point.size(), &len),
                      1);
            point.resize(len);
            EXPECT_EQ(point, uncompressed(from_hex(want->at("qx").get<std::string>()),
                                          from_hex(want->at("qy").get<std::string>()), c->n))
                << "tcId " << t.at("tcId");
            ++run;
            // And the module's own generation (the IUT side of the test): a valid key pair.
            CK_OBJECT_HANDLE gpub = CK_INVALID_HANDLE, gpriv = CK_INVALID_HANDLE;
            ASSERT_EQ(s.generate(CKM_EC_KEY_PAIR_GEN, *c->params, &gpub, &gpriv), CKR_OK);
            Pkey gkey = s.openssl_public(gpub);
            ASSERT_TRUE(gkey);
            EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_pkey(nullptr, gkey.get(), nullptr);
            EXPECT_EQ(EVP_PKEY_public_check(ctx), 1);
            EVP_PKEY_CTX_free(ctx);
            ++generated;
        }
    }
    EXPECT_EQ(run, 12);  // 2 groups (testing candidates, extra bits) x 3 tests x 2 curves
    EXPECT_EQ(generated, 12);
    EXPECT_EQ(unsupported, 72 - 12);
    ::testing::Test::RecordProperty("cases_run", run);
    ::testing::Test::RecordProperty("cases_unsupported_curve", unsupported);
}

TEST(EcAcvpEcdsa, SigGen) {
    EcSession s;
    const auto prompt = load_vector_json("acvp/ECDSA-SigGen-FIPS186-5/prompt.json");
    int run = 0, unsupported = 0, randomized = 0, via_mechanism = 0;
    for (const auto& g : prompt.at("testGroups")) {
        const CurveInfo* c = supported(g.at("curve"));
        if (c == nullptr) {
            unsupported += static_cast<int>(g.at("tests").size());
            continue;
        }
        // SP 800-106 randomized hashing: the signer picks a random value and signs the
        // randomized message, returning the value. No PKCS#11 mechanism does this; a client
        // could randomize before C_Sign, which would only test the client. Counted, not run.
        if (g.contains("conformance") && g.at("conformance") == "SP800-106") {
            randomized += static_cast<int>(g.at("tests").size());
            continue;
        }
        ASSERT_FALSE(g.at("componentTest").get<bool>());
        const HashInfo h = hash_info(g.at("hashAlg"));
        CK_OBJECT_HANDLE pub = CK_INVALID_HANDLE, priv = CK_INVALID_HANDLE;
        ASSERT_EQ(s.generate(CKM_EC_KEY_PAIR_GEN, *c->params, &pub, &priv), CKR_OK);
        // The verifier trusts only what the module reports as the public key.
        Pkey key = s.openssl_public(pub);
        ASSERT_TRUE(key);
        for (const auto& t : g.at("tests")) {
            const Bytes msg = from_hex(t.at("message").get<std::string>());
            const Bytes dgst = digest(h.md, msg, h.xof_len);
            Bytes sig;
            if (h.mech != 0) {
                ASSERT_EQ(s.sign({h.mech, nullptr, 0}, priv, msg, &sig), CKR_OK);
                ++via_mechanism;
            } else {
                ASSERT_EQ(s.sign({CKM_ECDSA, nullptr, 0}, priv, dgst, &sig), CKR_OK);
            }
            ASSERT_EQ(sig.size(), 2 * c->n);
            const Bytes der = p1363_to_der(sig);
            EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_pkey(nullptr, key.get(), nullptr);
            ASSERT_EQ(EVP_PKEY_verify_init(ctx), 1);
            EXPECT_EQ(EVP_PKEY_verify(ctx, der.data(), der.size(), dgst.data(), dgst.size()), 1)
                << g.at("curve") << " " << g.at("hashAlg") << " tcId " << t.at("tcId");
            EVP_PKEY_CTX_free(ctx);
            ++run;
        }
    }
    EXPECT_EQ(run, 240);  // 2 curves x 12 hashes x 10 messages
    EXPECT_EQ(via_mechanism, 160);
    EXPECT_EQ(randomized, 240);
    EXPECT_EQ(unsupported, 2880 - 480);
    ::testing::Test::RecordProperty("cases_run", run);
    ::testing::Test::RecordProperty("cases_unsupported_curve", unsupported);
    ::testing::Test::RecordProperty("cases_sp800_106", randomized);
}

}  // namespace
}  // namespace craton::test
