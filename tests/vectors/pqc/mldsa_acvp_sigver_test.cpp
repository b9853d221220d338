// ML-DSA verification against every case of ACVP ML-DSA-sigVer-FIPS204.
//
// The failing cases are valid signatures with the message, the commitment hash c~, z or the
// hints modified (internalProjection "reason"); each must be rejected, the valid ones accepted.
#include <gtest/gtest.h>

#include "mldsa_test_util.h"
#include "pqc/mldsa/mldsa.h"
#include "support/vector_file.h"

namespace {

using craton::test::Bytes;
using craton::test::from_hex;

TEST(MlDsaAcvpSigVer, AllCases) {
    const auto prompt = craton::test::load_vector_json("acvp/ML-DSA-sigVer-FIPS204/prompt.json");
    const auto expected =
        craton::test::load_vector_json("acvp/ML-DSA-sigVer-FIPS204/expectedResults.json");
    int run = 0, passed = 0, failed = 0;
    for (const auto& group : prompt.at("testGroups")) {
        const int tg_id = group.at("tgId").get<int>();
        const auto ps = craton::test::mldsa::parameter_set_from_name(group.at("parameterSet"));
        const std::string interface = group.at("signatureInterface");
        const bool external = interface == "external";
        ASSERT_TRUE(external || interface == "internal");
        const bool use_prehash = external && group.at("preHash").get<std::string>() == "preHash";
        const bool external_mu = !external && group.at("externalMu").get<bool>();
        for (const auto& test : group.at("tests")) {
            const int tc_id = test.at("tcId").get<int>();
            SCOPED_TRACE("tgId " + std::to_string(tg_id) + " tcId " + std::to_string(tc_id));
            const auto* answer = craton::test::find_acvp_test(expected, tg_id, tc_id);
            ASSERT_NE(answer, nullptr);
            const craton::pqc::MlDsaPublicKey key(ps, from_hex(test.at("pk").get<std::string>()));
            const Bytes sig = from_hex(test.at("signature").get<std::string>());
            bool ok = false;
            if (external) {
                const Bytes message = from_hex(test.at("message").get<std::string>());
                const Bytes context = from_hex(test.at("context").get<std::string>());
                if (use_prehash) {
                    const auto ph = craton::test::mldsa::prehash_from_name(test.at("hashAlg"));
                    ok = key.verify_hash(ph, message, context, sig);
                } else {
                    ok = key.verify(message, context, sig);
                }
            } else if (external_mu) {
                ok = key.verify_mu(from_hex(test.at("mu").get<std::string>()), sig);
            } else {
                ok = key.verify_internal(from_hex(test.at("message").get<std::string>()), sig);
            }
            const bool want = answer->at("testPassed").get<bool>();
            EXPECT_EQ(ok, want);
            (want ? passed : failed)++;
            ++run;
        }
    }
    EXPECT_EQ(run, 180);
    EXPECT_EQ(passed, 36);
    EXPECT_EQ(failed, 144);
}

}  // namespace
