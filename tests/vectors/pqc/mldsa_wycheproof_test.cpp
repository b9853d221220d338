// ML-DSA against the Wycheproof files mldsa_{44,65,87}_{sign_seed,sign_noseed,verify}_test.json.
//
// Signing files: a group holds the key (a 32-byte seed, or an encoded secret key) and each
// test a message with optional context, or only mu ("Internal" flag), and optional rnd
// (hedged; absent means deterministic). Valid cases must reproduce `sig` exactly and verify
// under the group's public key; where a test lists mu next to msg, our mu must match it.
// Invalid cases are a context over 255 bytes, a key of the wrong length, or an encoded key
// with s1/s2 coefficients out of range: each must be refused with std::invalid_argument.
// Verification files: each test's verdict must match `result` (no file has "acceptable").
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <optional>
#include <stdexcept>

#include "mldsa_test_util.h"
#include "pqc/mldsa/mldsa.h"
#include "support/vector_file.h"

namespace {

using craton::pqc::MlDsaMuBuilder;
using craton::pqc::MlDsaPrivateKey;
using craton::pqc::MlDsaPublicKey;
using craton::test::Bytes;
using craton::test::from_hex;
using craton::test::to_hex;

bool has_flag(const nlohmann::json& test, const std::string& flag) {
    const auto& flags = test.at("flags");
    return std::any_of(flags.begin(), flags.end(),
                       [&](const nlohmann::json& f) { return f.get<std::string>() == flag; });
}

Bytes hex_field_or_empty(const nlohmann::json& obj, const char* name) {
    return obj.contains(name) ? from_hex(obj.at(name).get<std::string>()) : Bytes{};
}

struct SignCounts {
    int run = 0;
    int valid = 0;
    int refused = 0;
    int mu_checked = 0;
};

SignCounts run_sign_file(const std::string& file, bool seeded) {
    SignCounts counts;
    const auto doc = craton::test::load_vector_json("wycheproof/" + file);
    const auto ps = craton::test::mldsa::parameter_set_from_name(doc.at("algorithm"));
    const auto sizes = craton::pqc::mldsa_sizes(ps);
    for (const auto& group : doc.at("testGroups")) {
        std::optional<MlDsaPrivateKey> key;
        Bytes derived_pk(sizes.public_key);
        try {
            if (seeded) {
                key.emplace(MlDsaPrivateKey::from_seed(
                    ps, from_hex(group.at("privateSeed").get<std::string>()), derived_pk));
            } else {
                key.emplace(ps, from_hex(group.at("privateKey").get<std::string>()));
            }
        } catch (const std::invalid_argument&) {
        }
        std::optional<MlDsaPublicKey> public_key;
        if (group.contains("publicKey") && group.at("publicKey").is_string()) {
            const Bytes pk = from_hex(group.at("publicKey").get<std::string>());
            if (seeded && key) {
                EXPECT_EQ(to_hex(derived_pk), to_hex(pk));
            }
            public_key.emplace(ps, pk);
        }
        for (const auto& test : group.at("tests")) {
            ++counts.run;
            SCOPED_TRACE(file + " tcId " + std::to_string(test.at("tcId").get<int>()) + " " +
                         test.at("comment").get<std::string>());
            const bool want_valid = test.at("result").get<std::string>() == "valid";
            EXPECT_TRUE(want_valid || test.at("result").get<std::string>() == "invalid");
            if (!key) {
                EXPECT_FALSE(want_valid);
                EXPECT_TRUE(has_flag(test, "IncorrectPrivateKeyLength") ||
                            has_flag(test, "InvalidPrivateKey"));
                ++counts.refused;
                continue;
            }
            Bytes rnd = hex_field_or_empty(test, "rnd");
            if (rnd.empty()) rnd.assign(32, 0);
            Bytes sig(sizes.signature);
            bool signed_ok = true;
            try {
                if (test.contains("msg")) {
                    const Bytes msg = from_hex(test.at("msg").get<std::string>());
                    const Bytes ctx = hex_field_or_empty(test, "ctx");
                    key->sign(msg, ctx, rnd, sig);
                    if (test.contains("mu")) {
                        auto builder = MlDsaMuBuilder::pure(key->tr(), ctx);
                        builder.update(msg);
                        const auto mu = builder.finish();
                        EXPECT_EQ(to_hex(mu.data(), mu.size()),
                                  to_hex(from_hex(test.at("mu").get<std::string>())));
                        ++counts.mu_checked;
                    }
                } else {
                    key->sign_mu(from_hex(test.at("mu").get<std::string>()), rnd, sig);
                }
            } catch (const std::invalid_argument&) {
                signed_ok = false;
            }
            if (!want_valid) {
                EXPECT_FALSE(signed_ok);
                EXPECT_TRUE(has_flag(test, "InvalidContext"));
                ++counts.refused;
                continue;
            }
            EXPECT_TRUE(signed_ok);
            EXPECT_EQ(to_hex(sig), to_hex(from_hex(test.at("sig").get<std::string>())));
            if (public_key) {
                if (test.contains("msg")) {
                    EXPECT_TRUE(public_key->verify(from_hex(test.at("msg").get<std::string>()),
                                                   hex_field_or_empty(test, "ctx"), sig));
                } else {
                    EXPECT_TRUE(
                        public_key->verify_mu(from_hex(test.at("mu").get<std::string>()), sig));
                }
            }
            ++counts.valid;
        }
    }
    EXPECT_EQ(counts.run, doc.at("numberOfTests").get<int>());
    return counts;
}

TEST(MlDsaWycheproof, SignSeed) {
    // file -> {tests, valid, refused}
    const std::map<std::string, std::array<int, 3>> files = {
        {"mldsa_44_sign_seed_test.json", {86, 82, 4}},
        {"mldsa_65_sign_seed_test.json", {105, 101, 4}},
        {"mldsa_87_sign_seed_test.json", {96, 92, 4}},
    };
    for (const auto& [file, want] : files) {
        const SignCounts got = run_sign_file(file, true);
        EXPECT_EQ(got.run, want[0]) << file;
        EXPECT_EQ(got.valid, want[1]) << file;
        EXPECT_EQ(got.refused, want[2]) << file;
        EXPECT_GT(got.mu_checked, 0) << file;
    }
}

TEST(MlDsaWycheproof, SignNoSeed) {
    const std::map<std::string, std::array<int, 3>> files = {
        {"mldsa_44_sign_noseed_test.json", {73, 68, 5}},
        {"mldsa_65_sign_noseed_test.json", {78, 73, 5}},
        {"mldsa_87_sign_noseed_test.json", {69, 64, 5}},
    };
    for (const auto& [file, want] : files) {
        const SignCounts got = run_sign_file(file, false);
        EXPECT_EQ(got.run, want[0]) << file;
        EXPECT_EQ(got.valid, want[1]) << file;
        EXPECT_EQ(got.refused, want[2]) << file;
        EXPECT_GT(got.mu_checked, 0) << file;
    }
}

TEST(MlDsaWycheproof, Verify) {
    // file -> {tests, valid}
    const std::map<std::string, std::array<int, 2>> files = {
        {"mldsa_44_verify_test.json", {180, 77}},
        {"mldsa_65_verify_test.json", {210, 79}},
        {"mldsa_87_verify_test.json", {241, 71}},
    };
    for (const auto& [file, want] : files) {
        const auto doc = craton::test::load_vector_json("wycheproof/" + file);
        const auto ps = craton::test::mldsa::parameter_set_from_name(doc.at("algorithm"));
        int run = 0, valid = 0;
        for (const auto& group : doc.at("testGroups")) {
            std::optional<MlDsaPublicKey> key;
            try {
                key.emplace(ps, from_hex(group.at("publicKey").get<std::string>()));
            } catch (const std::invalid_argument&) {
            }
            for (const auto& test : group.at("tests")) {
                ++run;
                SCOPED_TRACE(file + " tcId " + std::to_string(test.at("tcId").get<int>()) + " " +
                             test.at("comment").get<std::string>());
                const std::string result = test.at("result");
                ASSERT_TRUE(result == "valid" || result == "invalid");
                if (!key) {
                    // The only cases without a usable key are the wrong-length ones.
                    EXPECT_EQ(result, "invalid");
                    EXPECT_TRUE(has_flag(test, "IncorrectPublicKeyLength"));
                    continue;
                }
                const bool ok = key->verify(from_hex(test.at("msg").get<std::string>()),
                                            hex_field_or_empty(test, "ctx"),
                                            from_hex(test.at("sig").get<std::string>()));
                EXPECT_EQ(ok, result == "valid");
                if (result == "valid") ++valid;
            }
        }
        EXPECT_EQ(run, doc.at("numberOfTests").get<int>()) << file;
        EXPECT_EQ(run, want[0]) << file;
        EXPECT_EQ(valid, want[1]) << file;
    }
}

}  // namespace
