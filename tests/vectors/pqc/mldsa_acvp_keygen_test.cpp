// ML-DSA.KeyGen_internal against every case of ACVP ML-DSA-keyGen-FIPS204.
#include <gtest/gtest.h>

#include "mldsa_test_util.h"
#include "pqc/mldsa/mldsa.h"
#include "support/vector_file.h"

namespace {

using craton::test::from_hex;
using craton::test::to_hex;

TEST(MlDsaAcvpKeyGen, AllCases) {
    const auto prompt = craton::test::load_vector_json("acvp/ML-DSA-keyGen-FIPS204/prompt.json");
    const auto expected =
        craton::test::load_vector_json("acvp/ML-DSA-keyGen-FIPS204/expectedResults.json");
    int run = 0;
    for (const auto& group : prompt.at("testGroups")) {
        const int tg_id = group.at("tgId").get<int>();
        const auto ps = craton::test::mldsa::parameter_set_from_name(group.at("parameterSet"));
        const auto sizes = craton::pqc::mldsa_sizes(ps);
        for (const auto& test : group.at("tests")) {
            const int tc_id = test.at("tcId").get<int>();
            SCOPED_TRACE("tcId " + std::to_string(tc_id));
            const auto* answer = craton::test::find_acvp_test(expected, tg_id, tc_id);
            ASSERT_NE(answer, nullptr);
            const auto seed = from_hex(test.at("seed").get<std::string>());
            std::vector<std::uint8_t> pk(sizes.public_key), sk(sizes.secret_key);
            craton::pqc::mldsa_keygen_internal(ps, seed, pk, sk);
            EXPECT_EQ(to_hex(pk), answer->at("pk").get<std::string>());
            EXPECT_EQ(to_hex(sk), answer->at("sk").get<std::string>());

            // The expanded-key path must produce the same encodings.
            std::vector<std::uint8_t> pk2(sizes.public_key), sk2(sizes.secret_key);
            const auto key = craton::pqc::MlDsaPrivateKey::from_seed(ps, seed, pk2, sk2);
            EXPECT_EQ(pk2, pk);
            EXPECT_EQ(sk2, sk);
            ++run;
        }
    }
    EXPECT_EQ(run, 75);
}

}  // namespace
