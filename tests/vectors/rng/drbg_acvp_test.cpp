// ACVP hmacDRBG (SP 800-90A r1): every case of every group, all eleven hash functions, with and
// without prediction resistance. The DRBG class is driven directly with the vector's entropy,
// nonce and inputs (the module instance takes its entropy from getrandom and cannot replay
// them); the README's procedure: instantiate, then apply otherInput in order, where a
// prediction-resistance generate first reseeds with its own entropyInput and additional input.
// Only the last generate's output is compared.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "rng/hmac_drbg.h"
#include "support/vector_file.h"

namespace craton::test {
namespace {

struct Tally {
    int run = 0;
    std::map<std::string, int> per_mode;
    int sha256_pr = 0;
    int sha256_no_pr = 0;
};

void run_group(const nlohmann::json& group, const nlohmann::json& expected, Tally& tally) {
    const std::string mode = group.at("mode");
    const bool pr = group.at("predResistance").get<bool>();
    ASSERT_FALSE(group.at("derFunc").get<bool>());  // HMAC_DRBG has no derivation function
    const std::size_t out_bytes = group.at("returnedBitsLen").get<std::size_t>() / 8;
    for (const auto& t : group.at("tests")) {
        const int id = t.at("tcId").get<int>();
        rng::HmacDrbg drbg(mode);
        const Bytes entropy = from_hex(t.at("entropyInput").get<std::string>());
        const Bytes nonce = from_hex(t.at("nonce").get<std::string>());
        const Bytes pers = from_hex(t.at("persoString").get<std::string>());
        ASSERT_EQ(entropy.size() * 8, group.at("entropyInputLen").get<std::size_t>());
        drbg.instantiate(entropy, nonce, pers);
        Bytes out(out_bytes);
        int generates = 0;
        for (const auto& step : t.at("otherInput")) {
            const std::string use = step.at("intendedUse");
            const Bytes add = from_hex(step.at("additionalInput").get<std::string>());
            const Bytes ent = from_hex(step.at("entropyInput").get<std::string>());
            if (use == "reSeed") {
                drbg.reseed(ent, add);
            } else if (use == "generate") {
                if (pr) {
                    // SP 800-90A 9.3.1: a prediction-resistant request reseeds with the
                    // additional input and then generates with none.
                    drbg.reseed(ent, add);
                    ASSERT_EQ(drbg.generate(out, {}), rng::HmacDrbg::Status::Ok);
                } else {
                    ASSERT_EQ(drbg.generate(out, add), rng::HmacDrbg::Status::Ok);
                }
                ++generates;
            } else {
                FAIL() << "unknown intendedUse " << use << " in tcId " << id;
            }
        }
        EXPECT_EQ(generates, 2) << "tcId " << id;
        const auto* want = find_acvp_test(expected, group.at("tgId"), id);
        ASSERT_NE(want, nullptr) << "tcId " << id;
        EXPECT_EQ(to_hex(out), want->at("returnedBits").get<std::string>())
            << mode << (pr ? " PR" : " noPR") << " tcId " << id;
        ++tally.run;
        ++tally.per_mode[mode];
        if (mode == "SHA2-256") ++(pr ? tally.sha256_pr : tally.sha256_no_pr);
    }
}

TEST(HmacDrbgAcvp, EveryGroupEveryHash) {
    const auto prompt = load_vector_json("acvp/hmacDRBG-SP800-90Ar1/prompt.json");
    const auto expected = load_vector_json("acvp/hmacDRBG-SP800-90Ar1/expectedResults.json");
    Tally tally;
    for (const auto& group : prompt.at("testGroups")) {
        run_group(group, expected, tally);
        if (HasFatalFailure()) return;
    }
    EXPECT_EQ(tally.run, 660);
    // SHA2-256, the module's configuration: 30 cases with and 30 without prediction resistance.
    EXPECT_EQ(tally.sha256_pr, 30);
    EXPECT_EQ(tally.sha256_no_pr, 30);
    // All eleven hash functions of the set, 60 cases each.
    EXPECT_EQ(tally.per_mode.size(), 11u);
    for (const auto& [mode, n] : tally.per_mode) EXPECT_EQ(n, 60) << mode;
}

}  // namespace
}  // namespace craton::test
