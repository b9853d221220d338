// Wycheproof Ed25519 verification through C_Verify (CKM_EDDSA) on imported CKK_EC_EDWARDS keys,
// single-part and multi-part. Every case reaches the module; "valid" must verify, "invalid"
// must fail with CKR_SIGNATURE_LEN_RANGE when the signature is not 64 bytes, else
// CKR_SIGNATURE_INVALID.
#include <gtest/gtest.h>

#include "support/vector_file.h"
#include "unit/mech/ec_support.h"

namespace craton::test {
namespace {

using namespace craton::test::ec;

TEST(EcWycheproofEddsa, Ed25519) {
    EcSession s;
    const auto j = load_vector_json("wycheproof/ed25519_test.json");
    int total = 0, verified = 0, len_range = 0, invalid = 0, group_index = 0;
    for (const auto& g : j.at("testGroups")) {
        const Bytes pk = from_hex(g.at("publicKey").at("pk").get<std::string>());
        const Bytes& params = group_index % 2 == 0 ? kEd25519Oid : printable("edwards25519");
        const Bytes point = group_index++ % 3 == 0 ? pk : octet_string(pk);
        const CK_OBJECT_HANDLE key = s.public_key(CKK_EC_EDWARDS, params, point);
        ASSERT_NE(key, CK_INVALID_HANDLE);
        EXPECT_EQ(s.attribute(key, CKA_EC_POINT), octet_string(pk));
        EXPECT_EQ(s.attribute(key, CKA_PUBLIC_KEY_INFO),
                  from_hex(g.at("publicKeyDer").get<std::string>()));
        for (const auto& t : g.at("tests")) {
            ++total;
            const int id = t.at("tcId");
            const std::string result = t.at("result");
            const Bytes msg = from_hex(t.at("msg").get<std::string>());
            const Bytes sig = from_hex(t.at("sig").get<std::string>());
            const CK_RV rv = s.verify({CKM_EDDSA, nullptr, 0}, key, msg, sig);
            EXPECT_EQ(rv, s.verify_multi({CKM_EDDSA, nullptr, 0}, key, msg, 2, sig))
                << "tcId " << id;
            if (rv == CKR_OK) {
                ++verified;
                EXPECT_EQ(result, "valid") << "tcId " << id << " " << t.at("comment");
            } else {
                EXPECT_NE(result, "valid") << "tcId " << id << " " << rv_name(rv);
                if (sig.size() != 64) {
                    ++len_range;
                    EXPECT_EQ(rv, static_cast<CK_RV>(CKR_SIGNATURE_LEN_RANGE)) << "tcId " << id;
                } else {
                    ++invalid;
                    EXPECT_EQ(rv, static_cast<CK_RV>(CKR_SIGNATURE_INVALID)) << "tcId " << id;
                }
            }
        }
    }
    EXPECT_EQ(total, j.at("numberOfTests").get<int>());
    EXPECT_EQ(total, 151);
    EXPECT_EQ(verified, 88);  // the file's "valid" cases
    EXPECT_EQ(len_range + invalid, 63);
    ::testing::Test::RecordProperty("cases", total);
    ::testing::Test::RecordProperty("signature_len_range", len_range);
    ::testing::Test::RecordProperty("signature_invalid", invalid);
}

}  // namespace
}  // namespace craton::test
