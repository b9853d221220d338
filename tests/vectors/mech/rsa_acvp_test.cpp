// ACVP RSA (FIPS 186-5) signature sets through the ABI.
//
// PKCS#11 can express RSASSA-PKCS1-v1_5 and RSASSA-PSS with SHA-2 or SHA-3 and MGF1 over the
// same hash (CKM_SHA*_RSA_PKCS, CKM_SHA*_RSA_PKCS_PSS). It has no RSA mechanism hashing with
// SHAKE-128/256, no MGF based on SHAKE (CK_RSA_PKCS_MGF_TYPE names MGF1 only), and nothing for
// SP 800-106 randomized hashing; groups needing any of those are counted, not run.
#include <gtest/gtest.h>

#include "support/p11_module.h"
#include "support/vector_file.h"
#include "unit/mech/rsa_support.h"

namespace craton::test::rsa {
namespace {

struct GroupScheme {
    bool expressible = false;
    CK_MECHANISM_TYPE hash = 0;
    bool pss = false;
    CK_RSA_PKCS_PSS_PARAMS params{};
};

GroupScheme scheme_of(const nlohmann::json& g) {
    GroupScheme s;
    s.hash = hash_mechanism(g.at("hashAlg").get<std::string>());
    s.pss = g.at("sigType") == "pss";
    const bool mgf1 = !s.pss || g.at("maskFunction") == "mgf1";
    s.expressible = s.hash != 0 && mgf1 && !g.contains("conformance");
    if (s.expressible && s.pss) {
        s.params = {s.hash, mgf1_for(s.hash), g.at("saltLen").get<CK_ULONG>()};
    }
    return s;
}

CK_MECHANISM mechanism_of(GroupScheme& s) {
    return s.pss ? CK_MECHANISM{pss_mechanism(s.hash), &s.params, sizeof s.params}
                 : CK_MECHANISM{pkcs1_mechanism(s.hash), nullptr, 0};
}

const nlohmann::json& group_by_id(const nlohmann::json& doc, int tg_id) {
    for (const auto& g : doc.at("testGroups")) {
        if (g.at("tgId").get<int>() == tg_id) return g;
    }
    throw std::runtime_error("tgId missing from expectedResults");
}

TEST(RsaAcvp, SigVerFips186_5) {
    RsaSession s;
    const auto prompt = load_vector_json("acvp/RSA-SigVer-FIPS186-5/prompt.json");
    const auto expected = load_vector_json("acvp/RSA-SigVer-FIPS186-5/expectedResults.json");
    int run = 0, passed_expected = 0, not_expressible = 0;
    for (const auto& g : prompt.at("testGroups")) {
        GroupScheme scheme = scheme_of(g);
        if (!scheme.expressible) {
            not_expressible += static_cast<int>(g.at("tests").size());
            continue;
        }
        const CK_OBJECT_HANDLE key = s.public_key(from_hex(g.at("n").get<std::string>()),
                                                  from_hex(g.at("e").get<std::string>()));
        const CK_MECHANISM mech = mechanism_of(scheme);
        for (const auto& t : g.at("tests")) {
            const auto* want = find_acvp_test(expected, g.at("tgId"), t.at("tcId"));
            ASSERT_NE(want, nullptr);
            const bool pass = want->at("testPassed").get<bool>();
            const CK_RV rv = s.verify(mech, key, from_hex(t.at("message").get<std::string>()),
                                      from_hex(t.at("signature").get<std::string>()));
            if (pass) {
                EXPECT_EQ(rv, CKR_OK) << "tcId " << t.at("tcId") << " " << rv_name(rv);
                ++passed_expected;
            } else {
                EXPECT_TRUE(rv == CKR_SIGNATURE_INVALID || rv == CKR_SIGNATURE_LEN_RANGE)
                    << "tcId " << t.at("tcId") << " " << rv_name(rv);
            }
            ++run;
        }
    }
    // 108 PKCS#1 v1.5 SHA2-256 cases (2048/3072/4096) and 18 PSS SHA3-256/MGF1 cases; the other
    // 144 use SHAKE as the hash (108) or as the mask function (36 with SHA3-256).
    EXPECT_EQ(run, 126);
    EXPECT_EQ(not_expressible, 144);
    EXPECT_EQ(run + not_expressible, 270);
    EXPECT_GT(passed_expected, 0);
    ::testing::Test::RecordProperty("cases_run", run);
    ::testing::Test::RecordProperty("cases_not_expressible", not_expressible);
}

// The prompt gives no private key, so the known answers are checked by verifying the server's
// signatures with (n, e) through C_Verify. Each expressible case is also signed with the
// module (a fixture key of the group's size, same mechanism and parameters) and that signature
// checked by OpenSSL directly.
TEST(RsaAcvp, SigGenFips186_5) {
    RsaSession s;
    const auto prompt = load_vector_json("acvp/RSA-SigGen-FIPS186-5/prompt.json");
    const auto expected = load_vector_json("acvp/RSA-SigGen-FIPS186-5/expectedResults.json");
    std::map<int, std::pair<CK_OBJECT_HANDLE, Pkey>> own;  // modulo -> our key, OpenSSL's view
    for (int bits : {2048, 3072, 4096}) {
        const PrivateKey k = fixture_key(bits);
        own[bits] = {s.private_key(k), openssl_public(k.n, k.e)};
    }
    int run = 0, randomized_hashing = 0, shake = 0;
    for (const auto& g : prompt.at("testGroups")) {
        GroupScheme scheme = scheme_of(g);
        if (!scheme.expressible) {
            (g.contains("conformance") ? randomized_hashing : shake) +=
                static_cast<int>(g.at("tests").size());
            continue;
        }
        const auto& eg = group_by_id(expected, g.at("tgId").get<int>());
        const CK_OBJECT_HANDLE server_key = s.public_key(from_hex(eg.at("n").get<std::string>()),
                                                         from_hex(eg.at("e").get<std::string>()));
        const CK_MECHANISM mech = mechanism_of(scheme);
        auto& [own_key, own_public] = own.at(g.at("modulo").get<int>());
        for (const auto& t : g.at("tests")) {
            const Bytes msg = from_hex(t.at("message").get<std::string>());
            const auto* want = find_acvp_test(expected, g.at("tgId"), t.at("tcId"));
            ASSERT_NE(want, nullptr);
            const CK_RV rv =
                s.verify(mech, server_key, msg, from_hex(want->at("signature").get<std::string>()));
            EXPECT_EQ(rv, CKR_OK) << "tgId " << g.at("tgId") << " tcId " << t.at("tcId") << " "
                                  << rv_name(rv);
            Bytes sig;
            ASSERT_EQ(s.sign(mech, own_key, msg, &sig), CKR_OK);
            EXPECT_TRUE(openssl_verify(own_public.get(), scheme.hash, msg, sig,
                                       scheme.pss ? static_cast<int>(scheme.params.sLen) : -1,
                                       scheme.hash))
                << "tcId " << t.at("tcId");
            ++run;
        }
    }
    // PKCS#1 v1.5 with SHA2-256 and SHA3-512 (9 each) and PSS SHA2-256/MGF1 (5); 45 cases use
    // SP 800-106 randomized hashing and 28 SHAKE as hash or mask function.
    EXPECT_EQ(run, 23);
    EXPECT_EQ(randomized_hashing, 45);
    EXPECT_EQ(shake, 28);
    EXPECT_EQ(run + randomized_hashing + shake, 96);
    ::testing::Test::RecordProperty("cases_run", run);
}

}  // namespace
}  // namespace craton::test::rsa
