// ACVP SHA-2 and SHA-3 AFT vectors through C_Digest (the MCT/LDT groups are exercised by the
// PQC Keccak tests and the ACVP runner; here the point is the PKCS#11 digest path).
#include <gtest/gtest.h>

#include "support/p11_module.h"
#include "support/vector_file.h"

namespace craton::test {
namespace {

void run_set(const char* folder, CK_MECHANISM_TYPE mech) {
    P11Session p11;
    const auto prompt = load_vector_json(std::string("acvp/") + folder + "/prompt.json");
    const auto expected = load_vector_json(std::string("acvp/") + folder + "/expectedResults.json");
    int run = 0, total_aft = 0;
    for (const auto& group : prompt.at("testGroups")) {
        if (group.at("testType") != "AFT") continue;
        for (const auto& t : group.at("tests")) {
            ++total_aft;
            const int len_bits = t.at("len").get<int>();
            if (len_bits % 8 != 0) continue;  // byte-oriented API
            Bytes msg = from_hex(t.at("msg").get<std::string>());
            msg.resize(len_bits / 8);
            const auto* want = find_acvp_test(expected, group.at("tgId"), t.at("tcId"));
            ASSERT_NE(want, nullptr);
            CK_MECHANISM m{mech, nullptr, 0};
            ASSERT_EQ(p11.fn()->C_DigestInit(p11.session(), &m), CKR_OK);
            Bytes out(64);
            CK_ULONG out_len = out.size();
            ASSERT_EQ(p11.fn()->C_Digest(p11.session(), msg.data(), msg.size(), out.data(), &out_len),
                      CKR_OK);
            out.resize(out_len);
            EXPECT_EQ(to_hex(out), want->at("md").get<std::string>()) << folder << " tcId " << t.at("tcId");
            ++run;
        }
    }
    // PKCS#11 digests whole bytes, so only byte-aligned AFT messages can be run; ACVP has
    // about a quarter of those (the rest are bit lengths). At least 80 per set.
    EXPECT_GT(run, 80);
    ::testing::Test::RecordProperty("byte_aligned_cases_run", run);
    ::testing::Test::RecordProperty("aft_cases_in_file", total_aft);
}

TEST(ShaAcvpThroughAbi, Sha256) { run_set("SHA2-256-1.0", CKM_SHA256); }
TEST(ShaAcvpThroughAbi, Sha384) { run_set("SHA2-384-1.0", CKM_SHA384); }
TEST(ShaAcvpThroughAbi, Sha512) { run_set("SHA2-512-1.0", CKM_SHA512); }
TEST(ShaAcvpThroughAbi, Sha3_256) { run_set("SHA3-256-2.0", CKM_SHA3_256); }
TEST(ShaAcvpThroughAbi, Sha3_384) { run_set("SHA3-384-2.0", CKM_SHA3_384); }
TEST(ShaAcvpThroughAbi, Sha3_512) { run_set("SHA3-512-2.0", CKM_SHA3_512); }

}  // namespace
}  // namespace craton::test
