// Wycheproof X25519 through C_DeriveKey (CKM_ECDH1_DERIVE, CKD_NULL) on imported
// CKK_EC_MONTGOMERY keys. All 518 cases reach the module. "valid" cases must derive the
// expected secret; the "acceptable" ones (twist points, non-canonical u, low-order points)
// either derive the expected secret or, only where the secret would be all zero, are refused
// with CKR_MECHANISM_PARAM_INVALID, the RFC 7748 §6.1 check.
#include <gtest/gtest.h>

#include <algorithm>

#include "support/vector_file.h"
#include "unit/mech/ec_support.h"

namespace craton::test {
namespace {

using namespace craton::test::ec;

TEST(EcWycheproofX25519, AllCases) {
    EcSession s;
    const auto j = load_vector_json("wycheproof/x25519_test.json");
    int total = 0, derived = 0, zero_refused = 0;
    for (const auto& g : j.at("testGroups")) {
        for (const auto& t : g.at("tests")) {
            ++total;
            const int id = t.at("tcId");
            const std::string result = t.at("result");
            const Bytes shared = from_hex(t.at("shared").get<std::string>());
            // Both spellings of CKA_EC_PARAMS and of the peer key, alternating.
            const Bytes& params = id % 2 == 0 ? kX25519Oid : printable("curve25519");
            const CK_OBJECT_HANDLE priv = s.private_key(
                CKK_EC_MONTGOMERY, params, from_hex(t.at("private").get<std::string>()));
            ASSERT_NE(priv, CK_INVALID_HANDLE) << "tcId " << id;
            const Bytes pub = from_hex(t.at("public").get<std::string>());
            Bytes secret;
            const CK_RV rv =
                s.derive(priv, CKD_NULL, id % 3 == 0 ? octet_string(pub) : pub, {}, 0, &secret);
            const bool all_zero =
                std::all_of(shared.begin(), shared.end(), [](std::uint8_t b) { return b == 0; });
            if (rv == CKR_OK) {
                ++derived;
                EXPECT_NE(result, "invalid") << "tcId " << id;
                EXPECT_EQ(secret, shared) << "tcId " << id;
            } else {
                ++zero_refused;
                EXPECT_EQ(rv, static_cast<CK_RV>(CKR_MECHANISM_PARAM_INVALID)) << "tcId " << id;
                EXPECT_TRUE(all_zero) << "tcId " << id << " refused but secret is not zero";
                EXPECT_NE(result, "valid") << "tcId " << id;
            }
            s.fn()->C_DestroyObject(s.session(), priv);
        }
    }
    EXPECT_EQ(total, j.at("numberOfTests").get<int>());
    EXPECT_EQ(total, 518);
    // Every ZeroSharedSecret case (31 in the file) is refused, nothing else.
    EXPECT_EQ(zero_refused, 31);
    EXPECT_EQ(derived, 518 - 31);
    ::testing::Test::RecordProperty("cases", total);
    ::testing::Test::RecordProperty("derived", derived);
    ::testing::Test::RecordProperty("zero_secret_refused", zero_refused);
}

}  // namespace
}  // namespace craton::test
