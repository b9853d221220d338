// NIST ACVP vectors for ML-KEM (FIPS 203): every case of ML-KEM-keyGen-FIPS203 and
// ML-KEM-encapDecap-FIPS203 (encapsulation, decapsulation incl. implicit rejection, and the
// §7.2/§7.3 key checks).
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "mlkem_test_util.h"
#include "pqc/mlkem/mlkem.h"
#include "support/vector_file.h"

namespace {

using craton::pqc::mlkem_sizes;
using craton::test::Bytes;
using craton::test::from_hex;
using craton::test::load_vector_json;
using craton::test::to_hex;
using craton::test::mlkem::index_tests;
using craton::test::mlkem::parameter_set;

std::string hex_field(const nlohmann::json& j, const char* name) {
    return j.at(name).get<std::string>();
}

TEST(MlKemAcvp, KeyGen) {
    const auto prompt = load_vector_json("acvp/ML-KEM-keyGen-FIPS203/prompt.json");
    const auto expected = load_vector_json("acvp/ML-KEM-keyGen-FIPS203/expectedResults.json");
    const auto answers = index_tests(expected);
    int ran = 0;
    for (const auto& group : prompt.at("testGroups")) {
        const auto ps = parameter_set(group.at("parameterSet").get<std::string>());
        const auto sizes = mlkem_sizes(ps);
        const int tg = group.at("tgId").get<int>();
        for (const auto& test : group.at("tests")) {
            const int tc = test.at("tcId").get<int>();
            const auto it = answers.find({tg, tc});
            ASSERT_NE(it, answers.end()) << "tcId " << tc;
            Bytes ek(sizes.encaps_key), dk(sizes.decaps_key);
            craton::pqc::mlkem_keygen(ps, from_hex(hex_field(test, "d")),
                                      from_hex(hex_field(test, "z")), ek, dk);
            EXPECT_EQ(to_hex(ek), hex_field(*it->second, "ek")) << "tcId " << tc;
            EXPECT_EQ(to_hex(dk), hex_field(*it->second, "dk")) << "tcId " << tc;
            // Keys from KeyGen must pass both input checks.
            EXPECT_TRUE(craton::pqc::mlkem_check_encaps_key(ps, ek)) << "tcId " << tc;
            EXPECT_TRUE(craton::pqc::mlkem_check_decaps_key(ps, dk)) << "tcId " << tc;
            ++ran;
        }
    }
    EXPECT_EQ(ran, 75);
}

TEST(MlKemAcvp, EncapDecap) {
    const std::string dir = "acvp/ML-KEM-encapDecap-FIPS203/";
    const auto prompt = load_vector_json(dir + "prompt.json");
    const auto expected = load_vector_json(dir + "expectedResults.json");
    const auto projection = load_vector_json(dir + "internalProjection.json");
    const auto answers = index_tests(expected);
    const auto hidden = index_tests(projection);
    std::map<std::string, int> ran;      // per function
    std::map<std::string, int> reasons;  // decapsulation: valid vs modified ciphertext
    int ek_check_fail = 0, dk_check_fail = 0;
    for (const auto& group : prompt.at("testGroups")) {
        const auto ps = parameter_set(group.at("parameterSet").get<std::string>());
        const auto sizes = mlkem_sizes(ps);
        const std::string function = group.at("function").get<std::string>();
        const int tg = group.at("tgId").get<int>();
        for (const auto& test : group.at("tests")) {
            const int tc = test.at("tcId").get<int>();
            const auto it = answers.find({tg, tc});
            ASSERT_NE(it, answers.end()) << "tcId " << tc;
            const auto& answer = *it->second;
            if (function == "encapsulation") {
                Bytes ct(sizes.ciphertext), ss(32);
                craton::pqc::mlkem_encaps(ps, from_hex(hex_field(test, "ek")),
                                          from_hex(hex_field(test, "m")), ct, ss);
                EXPECT_EQ(to_hex(ct), hex_field(answer, "c")) << "tcId " << tc;
                EXPECT_EQ(to_hex(ss), hex_field(answer, "k")) << "tcId " << tc;
            } else if (function == "decapsulation") {
                Bytes ss(32);
                craton::pqc::mlkem_decaps(ps, from_hex(hex_field(test, "dk")),
                                          from_hex(hex_field(test, "c")), ss);
                EXPECT_EQ(to_hex(ss), hex_field(answer, "k")) << "tcId " << tc;
                const auto h = hidden.find({tg, tc});
                ASSERT_NE(h, hidden.end());
                ++reasons[h->second->at("reason").get<std::string>()];
            } else if (function == "encapsulationKeyCheck") {
                const bool ok =
                    craton::pqc::mlkem_check_encaps_key(ps, from_hex(hex_field(test, "ek")));
                EXPECT_EQ(ok, answer.at("testPassed").get<bool>()) << "tcId " << tc;
                ek_check_fail += ok ? 0 : 1;
            } else if (function == "decapsulationKeyCheck") {
                const bool ok =
                    craton::pqc::mlkem_check_decaps_key(ps, from_hex(hex_field(test, "dk")));
                EXPECT_EQ(ok, answer.at("testPassed").get<bool>()) << "tcId " << tc;
                dk_check_fail += ok ? 0 : 1;
            } else {
                ADD_FAILURE() << "unexpected function " << function;
            }
            ++ran[function];
        }
    }
    EXPECT_EQ(ran["encapsulation"], 75);
    EXPECT_EQ(ran["decapsulation"], 30);
    EXPECT_EQ(ran["encapsulationKeyCheck"], 30);
    EXPECT_EQ(ran["decapsulationKeyCheck"], 30);
    EXPECT_EQ(ran.size(), 4u);
    // Both decapsulation paths (valid and implicit rejection) and failing key checks occur.
    EXPECT_GT(reasons["valid decapsulation"], 0);
    EXPECT_GT(reasons["modified ciphertext"], 0);
    EXPECT_EQ(reasons["valid decapsulation"] + reasons["modified ciphertext"], 30);
    EXPECT_GT(ek_check_fail, 0);
    EXPECT_GT(dk_check_fail, 0);
}

}  // namespace
