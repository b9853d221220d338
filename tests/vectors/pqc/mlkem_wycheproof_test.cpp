// Wycheproof (C2SP) ML-KEM vectors: mlkem_{512,768,1024}_{test, encaps_test, keygen_seed_test,
// semi_expanded_decaps_test}.json. Every case must give its expected result, and every invalid
// case must be stopped by the check that is responsible for it (a length check throwing
// std::invalid_argument, the §7.2 modulus check, or the §7.3 hash check), not by accident.
#include <ostream>
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>

#include "mlkem_test_util.h"
#include "pqc/mlkem/mlkem.h"
#include "support/vector_file.h"

namespace {

using craton::pqc::mlkem_sizes;
using craton::pqc::MlKemParameterSet;
using craton::test::Bytes;
using craton::test::from_hex;
using craton::test::load_vector_json;
using craton::test::to_hex;
using craton::test::mlkem::parameter_set;
using nlohmann::json;

Bytes field(const json& test, const char* name) {
    return from_hex(test.at(name).get<std::string>());
}

std::string upper(const json& hex) {
    std::string s = hex.get<std::string>();
    for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

bool has_flag(const json& test, const std::string& flag) {
    if (!test.contains("flags")) return false;
    for (const auto& f : test.at("flags")) {
        if (f.get<std::string>() == flag) return true;
    }
    return false;
}

struct Counts {
    int total = 0, valid = 0, invalid = 0;
};

// Runs `body` on every test of the file and checks the file's own test count.
template <typename Body>
Counts for_each_test(const std::string& file, MlKemParameterSet expected_ps, Body&& body) {
    const json doc = load_vector_json("wycheproof/" + file);
    Counts counts;
    for (const auto& group : doc.at("testGroups")) {
        const auto ps = parameter_set(group.at("parameterSet").get<std::string>());
        EXPECT_EQ(ps, expected_ps) << file;
        for (const auto& test : group.at("tests")) {
            SCOPED_TRACE(file + " tcId " + std::to_string(test.at("tcId").get<int>()));
            const std::string result = test.at("result").get<std::string>();
            EXPECT_NE(result, "acceptable") << "no acceptable cases are expected here";
            body(ps, test, result == "valid");
            ++counts.total;
            ++(result == "valid" ? counts.valid : counts.invalid);
        }
    }
    EXPECT_EQ(counts.total, doc.at("numberOfTests").get<int>()) << file;
    return counts;
}

struct Variant {
    const char* bits;
    MlKemParameterSet ps;
};

// Names the parameter in test listings (the default would print raw bytes, incl. a pointer).
void PrintTo(const Variant& v, std::ostream* os) {
    *os << "ML-KEM-" << v.bits;
}

class MlKemWycheproof : public ::testing::TestWithParam<Variant> {};

// mlkem_*_test.json: derive the key pair from seed = d || z, decapsulate c.
TEST_P(MlKemWycheproof, SeedDecaps) {
    const auto [bits, expected_ps] = GetParam();
    int bad_seed = 0, bad_ct = 0;
    const Counts counts = for_each_test(
        std::string("mlkem_") + bits + "_test.json", expected_ps,
        [&](MlKemParameterSet ps, const json& test, bool valid) {
            const auto sizes = mlkem_sizes(ps);
            const Bytes seed = field(test, "seed");
            const Bytes c = field(test, "c");
            Bytes ek(sizes.encaps_key), dk(sizes.decaps_key), ss(32);
            if (seed.size() != sizes.seed) {
                EXPECT_FALSE(valid);
                EXPECT_THROW(craton::pqc::mlkem_keygen_from_seed(ps, seed, ek, dk),
                             std::invalid_argument);
                ++bad_seed;
                return;
            }
            craton::pqc::mlkem_keygen_from_seed(ps, seed, ek, dk);
            if (test.contains("ek")) {
                EXPECT_EQ(to_hex(ek), upper(test.at("ek")));
            }
            if (c.size() != sizes.ciphertext) {
                EXPECT_FALSE(valid);
                EXPECT_THROW(craton::pqc::mlkem_decaps(ps, dk, c, ss), std::invalid_argument);
                ++bad_ct;
                return;
            }
            ASSERT_TRUE(valid) << "an invalid case with well-formed lengths";
            craton::pqc::mlkem_decaps(ps, dk, c, ss);
            EXPECT_EQ(to_hex(ss), upper(test.at("K")));
        });
    EXPECT_EQ(counts.total, 193);
    EXPECT_EQ(counts.valid, 153);
    EXPECT_EQ(bad_seed, 20);  // private key (seed) too short / too long
    EXPECT_EQ(bad_ct, 20);    // ciphertext too short / too long
}

// mlkem_*_encaps_test.json: Encaps_internal(ek, m), after the §7.2 check on ek.
TEST_P(MlKemWycheproof, Encaps) {
    const auto [bits, expected_ps] = GetParam();
    int bad_length = 0, not_reduced = 0;
    const Counts counts = for_each_test(
        std::string("mlkem_") + bits + "_encaps_test.json", expected_ps,
        [&](MlKemParameterSet ps, const json& test, bool valid) {
            const auto sizes = mlkem_sizes(ps);
            const Bytes ek = field(test, "ek");
            const Bytes m = field(test, "m");
            Bytes c(sizes.ciphertext), ss(32);
            const bool check = craton::pqc::mlkem_check_encaps_key(ps, ek);
            EXPECT_EQ(check, valid);
            if (ek.size() != sizes.encaps_key) {
                EXPECT_FALSE(valid);
                EXPECT_THROW(craton::pqc::mlkem_encaps(ps, ek, m, c, ss), std::invalid_argument);
                ++bad_length;
                return;
            }
            if (!valid) {
                // Right length, so the modulus check is what must reject it.
                EXPECT_FALSE(check);
                ++not_reduced;
                return;
            }
            craton::pqc::mlkem_encaps(ps, ek, m, c, ss);
            EXPECT_EQ(to_hex(c), upper(test.at("c")));
            EXPECT_EQ(to_hex(ss), upper(test.at("K")));
        });
    EXPECT_EQ(counts.valid, 133);
    EXPECT_EQ(bad_length, 20);
    EXPECT_EQ(not_reduced, counts.invalid - 20);
    EXPECT_GE(not_reduced, 100);
}

// mlkem_*_keygen_seed_test.json: KeyGen from seed = d || z.
TEST_P(MlKemWycheproof, KeyGenSeed) {
    const auto [bits, expected_ps] = GetParam();
    const Counts counts =
        for_each_test(std::string("mlkem_") + bits + "_keygen_seed_test.json", expected_ps,
                      [&](MlKemParameterSet ps, const json& test, bool valid) {
                          ASSERT_TRUE(valid);
                          const auto sizes = mlkem_sizes(ps);
                          Bytes ek(sizes.encaps_key), dk(sizes.decaps_key);
                          craton::pqc::mlkem_keygen_from_seed(ps, field(test, "seed"), ek, dk);
                          EXPECT_EQ(to_hex(ek), upper(test.at("ek")));
                          EXPECT_EQ(to_hex(dk), upper(test.at("dk")));
                      });
    EXPECT_EQ(counts.total, 100);
}

// mlkem_*_semi_expanded_decaps_test.json: decapsulation with an expanded dk after the §7.3
// check.
TEST_P(MlKemWycheproof, SemiExpandedDecaps) {
    const auto [bits, expected_ps] = GetParam();
    int bad_ct_length = 0, bad_dk_length = 0, bad_dk = 0;
    const Counts counts = for_each_test(
        std::string("mlkem_") + bits + "_semi_expanded_decaps_test.json", expected_ps,
        [&](MlKemParameterSet ps, const json& test, bool valid) {
            const auto sizes = mlkem_sizes(ps);
            const Bytes dk = field(test, "dk");
            const Bytes c = field(test, "c");
            Bytes ss(32);
            const bool dk_ok = craton::pqc::mlkem_check_decaps_key(ps, dk);
            if (has_flag(test, "IncorrectCiphertextLength")) {
                EXPECT_FALSE(valid);
                EXPECT_TRUE(dk_ok);
                EXPECT_NE(c.size(), sizes.ciphertext);
                EXPECT_THROW(craton::pqc::mlkem_decaps(ps, dk, c, ss), std::invalid_argument);
                ++bad_ct_length;
            } else if (has_flag(test, "IncorrectDecapsulationKeyLength")) {
                EXPECT_FALSE(valid);
                EXPECT_FALSE(dk_ok);
                EXPECT_NE(dk.size(), sizes.decaps_key);
                EXPECT_THROW(craton::pqc::mlkem_decaps(ps, dk, c, ss), std::invalid_argument);
                ++bad_dk_length;
            } else if (has_flag(test, "InvalidDecapsulationKey")) {
                EXPECT_FALSE(valid);
                EXPECT_EQ(dk.size(), sizes.decaps_key);
                EXPECT_FALSE(dk_ok) << "the §7.3 hash check must reject it";
                ++bad_dk;
            } else {
                ASSERT_TRUE(valid);
                EXPECT_TRUE(dk_ok);
                Bytes ek(sizes.encaps_key);
                craton::pqc::mlkem_encaps_key_from_decaps_key(ps, dk, ek);
                EXPECT_EQ(to_hex(ek), upper(test.at("ek")));
                craton::pqc::mlkem_decaps(ps, dk, c, ss);
                EXPECT_EQ(to_hex(ss), upper(test.at("K")));
            }
        });
    EXPECT_EQ(counts.total, 9);
    EXPECT_EQ(counts.valid, 3);
    EXPECT_EQ(bad_ct_length, 2);
    EXPECT_EQ(bad_dk_length, 2);
    EXPECT_EQ(bad_dk, 2);
}

INSTANTIATE_TEST_SUITE_P(AllParameterSets, MlKemWycheproof,
                         ::testing::Values(Variant{"512", MlKemParameterSet::MlKem512},
                                           Variant{"768", MlKemParameterSet::MlKem768},
                                           Variant{"1024", MlKemParameterSet::MlKem1024}),
                         [](const auto& param_info) {
                             return std::string("MlKem") + param_info.param.bits;
                         });

}  // namespace
