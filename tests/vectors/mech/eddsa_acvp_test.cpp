// ACVP EdDSA (revision 1.0) keyGen, sigGen and sigVer for Ed25519 through the PKCS#11 ABI.
//
// Ed448 is not implemented (CKR_CURVE_NOT_SUPPORTED, checked once) and Ed25519ph / Ed25519ctx
// are refused with CKR_MECHANISM_PARAM_INVALID (OpenSSL 3.0 has neither; checked once per
// file): those groups are counted, not run. Ed25519 signing is deterministic, so sigGen is a
// known-answer test with the group's private key from internalProjection.json.
#include <gtest/gtest.h>

#include "support/vector_file.h"
#include "unit/mech/ec_support.h"

namespace craton::test {
namespace {

using namespace craton::test::ec;

const Bytes kEd448Oid = {0x06, 0x03, 0x2b, 0x65, 0x71};

bool runnable(const nlohmann::json& g) {
    return g.at("curve") == "ED-25519" && !g.at("preHash").get<bool>();
}

// Ed448 keys are refused at import, Ed25519ph at *Init.
void expect_refusals(EcSession& s, CK_OBJECT_HANDLE ed25519_pub) {
    CK_OBJECT_HANDLE h = CK_INVALID_HANDLE;
    EXPECT_EQ(s.import_public(CKK_EC_EDWARDS, kEd448Oid, octet_string(Bytes(57, 1)), &h),
              static_cast<CK_RV>(CKR_CURVE_NOT_SUPPORTED));
    CK_EDDSA_PARAMS ph{CK_TRUE, 0, nullptr};
    CK_MECHANISM m{CKM_EDDSA, &ph, sizeof ph};
    EXPECT_EQ(s.fn()->C_VerifyInit(s.session(), &m, ed25519_pub),
              static_cast<CK_RV>(CKR_MECHANISM_PARAM_INVALID));
}

TEST(EcAcvpEddsa, SigVer) {
    EcSession s;
    const auto prompt = load_vector_json("acvp/EDDSA-SigVer-1.0/prompt.json");
    const auto expected = load_vector_json("acvp/EDDSA-SigVer-1.0/expectedResults.json");
    int run = 0, skipped = 0, passed = 0;
    CK_OBJECT_HANDLE any_key = CK_INVALID_HANDLE;
    for (const auto& g : prompt.at("testGroups")) {
        if (!runnable(g)) {
            skipped += static_cast<int>(g.at("tests").size());
            continue;
        }
        for (const auto& t : g.at("tests")) {
            const auto* want = find_acvp_test(expected, g.at("tgId"), t.at("tcId"));
            ASSERT_NE(want, nullptr);
            const CK_OBJECT_HANDLE key = s.public_key(
                CKK_EC_EDWARDS, kEd25519Oid, octet_string(from_hex(t.at("q").get<std::string>())));
            ASSERT_NE(key, CK_INVALID_HANDLE);
            any_key = key;
            const CK_RV rv =
                s.verify({CKM_EDDSA, nullptr, 0}, key, from_hex(t.at("message").get<std::string>()),
                         from_hex(t.at("signature").get<std::string>()));
            EXPECT_EQ(rv == CKR_OK, want->at("testPassed").get<bool>()) << "tcId " << t.at("tcId");
            passed += rv == CKR_OK ? 1 : 0;
            ++run;
        }
    }
    expect_refusals(s, any_key);
    EXPECT_EQ(run, 5);
    EXPECT_EQ(passed, 1);
    EXPECT_EQ(skipped, 15);  // Ed25519ph, Ed448, Ed448ph groups
    ::testing::Test::RecordProperty("cases_run", run);
    ::testing::Test::RecordProperty("cases_unsupported", skipped);
}

TEST(EcAcvpEddsa, KeyGen) {
    EcSession s;
    const auto expected = load_vector_json("acvp/EDDSA-KeyGen-1.0/expectedResults.json");
    const auto prompt = load_vector_json("acvp/EDDSA-KeyGen-1.0/prompt.json");
    int run = 0, skipped = 0;
    for (const auto& g : prompt.at("testGroups")) {
        if (g.at("curve") != "ED-25519") {
            skipped += static_cast<int>(g.at("tests").size());
            continue;
        }
        for (const auto& t : g.at("tests")) {
            const auto* want = find_acvp_test(expected, g.at("tgId"), t.at("tcId"));
            ASSERT_NE(want, nullptr);
            const CK_OBJECT_HANDLE priv = s.private_key(CKK_EC_EDWARDS, kEd25519Oid,
                                                        from_hex(want->at("d").get<std::string>()));
            const Bytes spki = s.attribute(priv, CKA_PUBLIC_KEY_INFO);
            ASSERT_EQ(spki.size(), 44u);
            EXPECT_EQ(Bytes(spki.end() - 32, spki.end()),
                      from_hex(want->at("q").get<std::string>()))
                << "tcId " << t.at("tcId");
            ++run;
        }
    }
    EXPECT_EQ(run, 3);
    EXPECT_EQ(skipped, 3);  // Ed448
}

TEST(EcAcvpEddsa, SigGen) {
    EcSession s;
    const auto internal = load_vector_json("acvp/EDDSA-SigGen-1.0/internalProjection.json");
    int run = 0, skipped = 0;
    for (const auto& g : internal.at("testGroups")) {
        if (!runnable(g)) {
            skipped += static_cast<int>(g.at("tests").size());
            continue;
        }
        const CK_OBJECT_HANDLE priv = s.private_key(CKK_EC_EDWARDS, printable("edwards25519"),
                                                    from_hex(g.at("d").get<std::string>()));
        const Bytes spki = s.attribute(priv, CKA_PUBLIC_KEY_INFO);
        ASSERT_EQ(spki.size(), 44u);
        EXPECT_EQ(Bytes(spki.end() - 32, spki.end()), from_hex(g.at("q").get<std::string>()));
        for (const auto& t : g.at("tests")) {
            ASSERT_EQ(t.at("context").get<std::string>(), "");
            const Bytes msg = from_hex(t.at("message").get<std::string>());
            Bytes sig, multi;
            ASSERT_EQ(s.sign({CKM_EDDSA, nullptr, 0}, priv, msg, &sig), CKR_OK);
            ASSERT_EQ(s.sign_multi({CKM_EDDSA, nullptr, 0}, priv, msg, 3, &multi), CKR_OK);
            EXPECT_EQ(to_hex(sig), t.at("signature").get<std::string>())
                << g.at("testType") << " tcId " << t.at("tcId");
            EXPECT_EQ(multi, sig);
            ++run;
        }
    }
    EXPECT_EQ(run, 10 + 32);  // the AFT and BFT groups of pure Ed25519
    EXPECT_EQ(skipped, 168 - 42);
    ::testing::Test::RecordProperty("cases_run", run);
    ::testing::Test::RecordProperty("cases_unsupported", skipped);
}

}  // namespace
}  // namespace craton::test
