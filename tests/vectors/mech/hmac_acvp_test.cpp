// ACVP HMAC-SHA2-256/384/512 (revision 2.0, AFT): each case's MAC truncated to macLen is made
// with the _GENERAL mechanism through C_Sign, compared, and verified back with C_Verify.
#include <gtest/gtest.h>

#include "support/p11_module.h"
#include "support/vector_file.h"

namespace craton::test {
namespace {

// ASSERTs need a void function, so the count comes back through `run`.
void run_set(const char* folder, CK_MECHANISM_TYPE general_mech, int& run) {
    P11Session p11;
    auto* f = p11.fn();
    const auto prompt = load_vector_json(std::string("acvp/") + folder + "/prompt.json");
    const auto expected = load_vector_json(std::string("acvp/") + folder + "/expectedResults.json");
    for (const auto& group : prompt.at("testGroups")) {
        EXPECT_EQ(group.at("testType"), "AFT");
        for (const auto& t : group.at("tests")) {
            const int id = t.at("tcId").get<int>();
            // Revision 2.0 lengths are all whole bytes; a bit length would fail here loudly.
            for (const char* len : {"keyLen", "msgLen", "macLen"}) {
                ASSERT_EQ(t.at(len).get<int>() % 8, 0) << folder << " tcId " << id;
            }
            const Bytes key = from_hex(t.at("key").get<std::string>());
            Bytes msg = from_hex(t.at("msg").get<std::string>());
            ASSERT_EQ(key.size() * 8, t.at("keyLen").get<std::size_t>());
            ASSERT_EQ(msg.size() * 8, t.at("msgLen").get<std::size_t>());
            const auto* want = find_acvp_test(expected, group.at("tgId"), id);
            ASSERT_NE(want, nullptr);
            CK_MAC_GENERAL_PARAMS mac_len = t.at("macLen").get<CK_ULONG>() / 8;
            CK_MECHANISM mech{general_mech, &mac_len, sizeof mac_len};

            const CK_OBJECT_HANDLE h = p11.secret_key(CKK_GENERIC_SECRET, key);
            ASSERT_EQ(f->C_SignInit(p11.session(), &mech, h), CKR_OK) << folder << " tcId " << id;
            Bytes mac(64);
            CK_ULONG n = mac.size();
            ASSERT_EQ(f->C_Sign(p11.session(), msg.data(), msg.size(), mac.data(), &n), CKR_OK);
            mac.resize(n);
            EXPECT_EQ(to_hex(mac), want->at("mac").get<std::string>()) << folder << " tcId " << id;
            ASSERT_EQ(f->C_VerifyInit(p11.session(), &mech, h), CKR_OK);
            EXPECT_EQ(f->C_Verify(p11.session(), msg.data(), msg.size(), mac.data(), mac.size()),
                      CKR_OK)
                << folder << " tcId " << id;
            f->C_DestroyObject(p11.session(), h);
            ++run;
        }
    }
}

TEST(HmacAcvp, Sha2_256) {
    int run = 0;
    run_set("HMAC-SHA2-256-2.0", CKM_SHA256_HMAC_GENERAL, run);
    EXPECT_EQ(run, 150);
}

TEST(HmacAcvp, Sha2_384) {
    int run = 0;
    run_set("HMAC-SHA2-384-2.0", CKM_SHA384_HMAC_GENERAL, run);
    EXPECT_EQ(run, 150);
}

TEST(HmacAcvp, Sha2_512) {
    int run = 0;
    run_set("HMAC-SHA2-512-2.0", CKM_SHA512_HMAC_GENERAL, run);
    EXPECT_EQ(run, 150);
}

}  // namespace
}  // namespace craton::test
