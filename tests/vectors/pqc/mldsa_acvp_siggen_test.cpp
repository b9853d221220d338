// ML-DSA signing against every case of ACVP ML-DSA-sigGen-FIPS204.
//
// All 24 groups run: external/pure (ML-DSA.Sign), external/preHash (HashML-DSA.Sign with the
// test's hashAlg), internal with a message (Sign_internal on M') and internal with externalMu
// (signing a given mu). Deterministic groups sign with rnd = 0^32, the others with the test's
// rnd, so every signature is compared byte for byte.
#include <gtest/gtest.h>

#include <array>

#include "mldsa_test_util.h"
#include "pqc/mldsa/mldsa.h"
#include "support/vector_file.h"

namespace {

using craton::test::Bytes;
using craton::test::from_hex;
using craton::test::to_hex;

TEST(MlDsaAcvpSigGen, AllCases) {
    const auto prompt = craton::test::load_vector_json("acvp/ML-DSA-sigGen-FIPS204/prompt.json");
    const auto expected =
        craton::test::load_vector_json("acvp/ML-DSA-sigGen-FIPS204/expectedResults.json");
    int run = 0, pure = 0, prehash = 0, internal_message = 0, internal_mu = 0, hedged = 0;
    for (const auto& group : prompt.at("testGroups")) {
        const int tg_id = group.at("tgId").get<int>();
        const auto ps = craton::test::mldsa::parameter_set_from_name(group.at("parameterSet"));
        const bool deterministic = group.at("deterministic").get<bool>();
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
            const craton::pqc::MlDsaPrivateKey key(ps, from_hex(test.at("sk").get<std::string>()));
            Bytes rnd(32, 0);
            if (!deterministic) {
                rnd = from_hex(test.at("rnd").get<std::string>());
                ++hedged;
            }
            Bytes sig(craton::pqc::mldsa_sizes(ps).signature);
            if (external) {
                const Bytes message = from_hex(test.at("message").get<std::string>());
                const Bytes context = from_hex(test.at("context").get<std::string>());
                if (use_prehash) {
                    const auto ph = craton::test::mldsa::prehash_from_name(test.at("hashAlg"));
                    key.sign_hash(ph, message, context, rnd, sig);
                    ++prehash;
                } else {
                    key.sign(message, context, rnd, sig);
                    ++pure;
                }
            } else if (external_mu) {
                key.sign_mu(from_hex(test.at("mu").get<std::string>()), rnd, sig);
                ++internal_mu;
            } else {
                key.sign_internal(from_hex(test.at("message").get<std::string>()), rnd, sig);
                ++internal_message;
            }
            EXPECT_EQ(to_hex(sig), answer->at("signature").get<std::string>());
            ++run;
        }
    }
    EXPECT_EQ(run, 360);
    EXPECT_EQ(pure, 90);
    EXPECT_EQ(prehash, 90);
    EXPECT_EQ(internal_message, 90);
    EXPECT_EQ(internal_mu, 90);
    EXPECT_EQ(hedged, 180);
}

}  // namespace
