// The X25519 building block of X-Wing checked on its own: every Curve25519 case of the ACVP
// XECDH-SSC-RFC7748 set (public key from private key, and the shared secret), plus the
// RFC 7748 §5.2 scalar-multiplication vector. The Curve448 group is counted and skipped:
// X-Wing does not use X448.
#include <string>

#include <gtest/gtest.h>

#include "pqc/hybrid/x25519.h"
#include "support/vector_file.h"

namespace {

using craton::test::Bytes;
using craton::test::from_hex;
using craton::test::to_hex;

TEST(XWingX25519, AcvpXecdhCurve25519) {
    const auto projection =
        craton::test::load_vector_json("acvp/XECDH-SSC-RFC7748/internalProjection.json");
    int ran = 0, skipped_x448 = 0;
    for (const auto& group : projection.at("testGroups")) {
        const std::string curve = group.at("curve").get<std::string>();
        for (const auto& test : group.at("tests")) {
            if (curve == "Curve448") {
                ++skipped_x448;
                continue;
            }
            ASSERT_EQ(curve, "Curve25519");
            const Bytes priv = from_hex(test.at("privateIut").get<std::string>());
            const Bytes peer = from_hex(test.at("publicServer").get<std::string>());
            Bytes pub(32), z(32);
            ASSERT_TRUE(craton::pqc::hybrid::x25519_base(pub.data(), priv.data()));
            EXPECT_EQ(to_hex(pub), test.at("publicIut").get<std::string>());
            ASSERT_TRUE(craton::pqc::hybrid::x25519(z.data(), priv.data(), peer.data()));
            EXPECT_EQ(to_hex(z), test.at("z").get<std::string>());
            ++ran;
        }
    }
    EXPECT_EQ(ran, 25);
    EXPECT_EQ(skipped_x448, 25);
}

TEST(XWingX25519, Rfc7748ScalarMultiplication) {
    const Bytes k = from_hex("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4");
    const Bytes u = from_hex("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c");
    Bytes out(32);
    ASSERT_TRUE(craton::pqc::hybrid::x25519(out.data(), k.data(), u.data()));
    EXPECT_EQ(to_hex(out), "C3DA55379DE9C6908E94EA4DF28D084F32ECCF03491C71F754B4075577A28552");
}

}  // namespace
