// SLH-DSA key generation against every NIST ACVP keyGen case (FIPS 205 Alg. 18).
//
// PK.root is the root of the top XMSS tree, so each case is a known-answer test of the whole
// WOTS+ / XMSS stack and of F, H, T_l and PRF for that parameter set.
#include <gtest/gtest.h>

#include <map>

#include "pqc/slhdsa/slhdsa.h"
#include "support/vector_file.h"

namespace {

using craton::pqc::slhdsa::ParameterSet;
using craton::test::Bytes;
using craton::test::from_hex;
using craton::test::to_hex;
namespace slh = craton::pqc::slhdsa;

TEST(SlhDsaKeyGenAcvp, AllCasesMatchExpectedKeys) {
    const auto prompt = craton::test::load_vector_json("acvp/SLH-DSA-keyGen-FIPS205/prompt.json");
    const auto expected =
        craton::test::load_vector_json("acvp/SLH-DSA-keyGen-FIPS205/expectedResults.json");

    std::size_t cases_in_file = 0;
    std::size_t cases_run = 0;
    std::map<ParameterSet, int> per_set;
    for (const auto& group : prompt.at("testGroups")) {
        cases_in_file += group.at("tests").size();
        const auto set_name = group.at("parameterSet").get<std::string>();
        const auto set = slh::parameter_set_from_name(set_name);
        ASSERT_TRUE(set.has_value()) << set_name;
        const auto sizes = slh::sizes(*set);
        const int tg_id = group.at("tgId").get<int>();
        for (const auto& test : group.at("tests")) {
            const int tc_id = test.at("tcId").get<int>();
            const auto* want = craton::test::find_acvp_test(expected, tg_id, tc_id);
            ASSERT_NE(want, nullptr) << "tcId " << tc_id;
            Bytes sk(sizes.secret_key);
            Bytes pk(sizes.public_key);
            slh::slh_keygen_internal(*set, from_hex(test.at("skSeed").get<std::string>()),
                                     from_hex(test.at("skPrf").get<std::string>()),
                                     from_hex(test.at("pkSeed").get<std::string>()), sk, pk);
            EXPECT_EQ(to_hex(pk), want->at("pk").get<std::string>())
                << set_name << " tcId " << tc_id;
            EXPECT_EQ(to_hex(sk), want->at("sk").get<std::string>())
                << set_name << " tcId " << tc_id;
            ++cases_run;
            ++per_set[*set];
        }
    }
    EXPECT_EQ(cases_run, cases_in_file);
    EXPECT_EQ(cases_run, 120u);
    // Every one of the twelve parameter sets must have been exercised.
    EXPECT_EQ(per_set.size(), slh::kParameterSetCount);
}

}  // namespace
