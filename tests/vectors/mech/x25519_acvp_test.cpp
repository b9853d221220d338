// ACVP XECDH-SSC (RFC 7748) for X25519 through the PKCS#11 ABI: the IUT private key from
// internalProjection.json is imported, its public key (CKA_PUBLIC_KEY_INFO) must be publicIut,
// and C_DeriveKey (CKM_ECDH1_DERIVE, CKD_NULL) with publicServer must give z. The Curve448
// group is counted as unsupported (X448 is not implemented).
#include <gtest/gtest.h>

#include "support/vector_file.h"
#include "unit/mech/ec_support.h"

namespace craton::test {
namespace {

using namespace craton::test::ec;

TEST(EcAcvpXecdh, X25519) {
    EcSession s;
    const auto internal = load_vector_json("acvp/XECDH-SSC-RFC7748/internalProjection.json");
    const auto expected = load_vector_json("acvp/XECDH-SSC-RFC7748/expectedResults.json");
    int run = 0, skipped = 0;
    for (const auto& g : internal.at("testGroups")) {
        if (g.at("curve") != "Curve25519") {
            skipped += static_cast<int>(g.at("tests").size());
            continue;
        }
        for (const auto& t : g.at("tests")) {
            const auto* want = find_acvp_test(expected, g.at("tgId"), t.at("tcId"));
            ASSERT_NE(want, nullptr);
            const CK_OBJECT_HANDLE priv = s.private_key(
                CKK_EC_MONTGOMERY, kX25519Oid, from_hex(t.at("privateIut").get<std::string>()));
            const Bytes spki = s.attribute(priv, CKA_PUBLIC_KEY_INFO);
            ASSERT_EQ(spki.size(), 44u);
            EXPECT_EQ(Bytes(spki.end() - 32, spki.end()),
                      from_hex(want->at("publicIut").get<std::string>()))
                << "tcId " << t.at("tcId");
            Bytes z;
            ASSERT_EQ(s.derive(priv, CKD_NULL, from_hex(t.at("publicServer").get<std::string>()),
                               {}, 32, &z),
                      CKR_OK);
            EXPECT_EQ(to_hex(z), want->at("z").get<std::string>()) << "tcId " << t.at("tcId");
            ++run;
        }
    }
    EXPECT_EQ(run, 25);
    EXPECT_EQ(skipped, 25);  // Curve448
    ::testing::Test::RecordProperty("cases_run", run);
    ::testing::Test::RecordProperty("cases_unsupported", skipped);
}

}  // namespace
}  // namespace craton::test
