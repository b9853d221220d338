// The power-on KATs: all pass, each check fails when its expected value is corrupted (the
// switch the ABI tests use, exercised here in-process without latching the module state),
// and the whole set is fast enough to run at every C_Initialize.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>

#include "selftest/kat.h"
#include "selftest/power_on.h"

namespace craton::selftest {
namespace {

TEST(PowerOnKats, AllPass) {
    for (const Kat& kat : all_kats()) {
        const KatResult r = run_kat(kat);
        EXPECT_TRUE(r.passed) << kat.name << " (" << kat.source << ")";
    }
}

TEST(PowerOnKats, CheckNamesAreUniqueAndCoverTheIssueList) {
    const auto names = all_check_names();
    const std::set<std::string> unique(names.begin(), names.end());
    EXPECT_EQ(unique.size(), names.size());
    for (const char* required : {"aes-gcm-encrypt",
                                 "aes-gcm-decrypt",
                                 "aes-cbc-encrypt",
                                 "aes-cbc-decrypt",
                                 "aes-kw-wrap",
                                 "aes-kw-unwrap",
                                 "sha-1",
                                 "sha-256",
                                 "sha-384",
                                 "sha-512",
                                 "sha3-256",
                                 "hmac-sha-256",
                                 "hmac-drbg",
                                 "rsa-pkcs1-sign",
                                 "rsa-pkcs1-verify",
                                 "rsa-pss-sign",
                                 "rsa-pss-verify",
                                 "ecdsa-p256-sign",
                                 "ecdsa-p256-verify",
                                 "ed25519-sign",
                                 "ed25519-verify",
                                 "ecdh-p256",
                                 "hkdf-sha-256",
                                 "pbkdf2-sha-256",
                                 "ml-kem-keygen",
                                 "ml-kem-encaps",
                                 "ml-kem-decaps",
                                 "ml-dsa-keygen",
                                 "ml-dsa-sign",
                                 "ml-dsa-verify",
                                 "slh-dsa-keygen",
                                 "slh-dsa-sign",
                                 "slh-dsa-verify"}) {
        EXPECT_EQ(unique.count(required), 1u) << required;
    }
}

#ifdef CRATON_TEST_HOOKS
// The KAT that owns a check name.
const Kat* owner(const std::string& check) {
    for (const Kat& kat : all_kats()) {
        if (kat.checks[0] == nullptr && check == kat.name) return &kat;
        for (const char* c : kat.checks) {
            if (c != nullptr && check == c) return &kat;
        }
    }
    return nullptr;
}

TEST(PowerOnKats, EveryCheckFailsWhenItsAnswerIsCorrupted) {
    for (const std::string& check : all_check_names()) {
        const Kat* kat = owner(check);
        ASSERT_NE(kat, nullptr) << check;
        setenv("CRATON_SELFTEST_CORRUPT", check.c_str(), 1);
        const KatResult r = run_kat(*kat);
        unsetenv("CRATON_SELFTEST_CORRUPT");
        EXPECT_FALSE(r.passed) << check << " still passes with a corrupted expected value";
        // The other KATs are unaffected by this switch.
        EXPECT_TRUE(run_kat(*kat).passed) << check;
    }
}
#endif

// Prints the per-KAT cost (a measurement for docs/self-tests.md, not a time limit: shared
// machines are too noisy for one). Without the integrity test (no module file in a unit test).
TEST(PowerOnKats, Timing) {
    (void)run_self_tests({});  // warm-up: first fetches of algorithms from the providers
    // CPU time decides: on a loaded machine the wall clock measures the scheduler.
    double best = 1e9;
    SelfTestReport best_report;
    for (int i = 0; i < 5; ++i) {
        const SelfTestReport r = run_self_tests({});
        ASSERT_TRUE(r.passed) << r.first_failure;
        if (r.total_cpu_ms < best) {
            best = r.total_cpu_ms;
            best_report = r;
        }
    }
    for (const KatResult& k : best_report.kats) {
        std::printf("[ perf ] %-18s %7.3f ms CPU %7.3f ms wall\n", k.name, k.cpu_milliseconds,
                    k.milliseconds);
    }
    std::printf("[ perf ] all KATs (best of 5): %.2f ms CPU, %.2f ms wall\n", best,
                best_report.total_ms);

}

}  // namespace
}  // namespace craton::selftest
