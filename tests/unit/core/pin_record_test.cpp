// PinRecord and pbkdf2_sha256: known answers, salting, constant verification results and the
// record's persisted parts.
#include "core/pin_record.h"

#include <gtest/gtest.h>

#include <string>

#include "support/vector_file.h"

namespace craton {
namespace {

ByteView bytes_of(const std::string& s) {
    return view(s.data(), s.size());
}

TEST(Pbkdf2, Rfc7914KnownAnswers) {
    // RFC 7914 section 11, PBKDF2-HMAC-SHA256 test vectors.
    std::array<std::uint8_t, 64> out{};
    pbkdf2_sha256(bytes_of("passwd"), bytes_of("salt"), 1, out);
    EXPECT_EQ(test::to_hex(out.data(), out.size()),
              "55AC046E56E3089FEC1691C22544B605F94185216DDE0465E68B9D57C20DACBC"
              "49CA9CCCF179B645991664B39D77EF317C71B845B1E30BD509112041D3A19783");
    pbkdf2_sha256(bytes_of("Password"), bytes_of("NaCl"), 80000, out);
    EXPECT_EQ(test::to_hex(out.data(), out.size()),
              "4DDCD8F60B98BE21830CEE5EF22701F9641A4418D04C0414AEFF08876B34AB56"
              "A1D425A1225833549ADB841B51C9B3176A272BDEBBA1D078478F62B397F33C8D");
}

TEST(Pbkdf2, EmptyPasswordIsAllowed) {
    std::array<std::uint8_t, 32> a{}, b{};
    pbkdf2_sha256({}, bytes_of("salt"), 2, a);
    pbkdf2_sha256({}, bytes_of("salt"), 2, b);
    EXPECT_EQ(a, b);
}

TEST(PinRecord, MatchesOnlyTheRightPin) {
    const PinRecord r = PinRecord::create(bytes_of("1234-secret"), 1000);
    EXPECT_TRUE(r.matches(bytes_of("1234-secret")));
    EXPECT_FALSE(r.matches(bytes_of("1234-secreT")));
    EXPECT_FALSE(r.matches(bytes_of("1234-secret ")));
    EXPECT_FALSE(r.matches(bytes_of("1234-secre")));
    EXPECT_FALSE(r.matches({}));
    EXPECT_EQ(r.iterations(), 1000u);
}

TEST(PinRecord, SaltIsFreshPerRecord) {
    const PinRecord a = PinRecord::create(bytes_of("same pin"), 1000);
    const PinRecord b = PinRecord::create(bytes_of("same pin"), 1000);
    EXPECT_NE(a.salt(), b.salt());
    EXPECT_NE(a.verifier(), b.verifier());
    EXPECT_NE(a.salt(), (std::array<std::uint8_t, PinRecord::kSaltBytes>{}));
}

TEST(PinRecord, VerifierIsNotThePlainPbkdf2Output) {
    // The stored verifier must not double as the key that wraps the master key.
    const std::string pin = "a pin";
    const PinRecord r = PinRecord::create(bytes_of(pin), 1000);
    std::array<std::uint8_t, PinRecord::kHashBytes> raw{};
    pbkdf2_sha256(bytes_of(pin), r.salt(), r.iterations(), raw);
    EXPECT_NE(raw, r.verifier());
}

TEST(PinRecord, RoundTripsThroughItsParts) {
    const PinRecord r = PinRecord::create(bytes_of("persist me"), 1500);
    const PinRecord back = PinRecord::from_parts(r.salt(), r.verifier(), r.iterations());
    EXPECT_TRUE(back.matches(bytes_of("persist me")));
    EXPECT_FALSE(back.matches(bytes_of("persist you")));
    // A record read back with another iteration count no longer verifies.
    const PinRecord wrong = PinRecord::from_parts(r.salt(), r.verifier(), r.iterations() + 1);
    EXPECT_FALSE(wrong.matches(bytes_of("persist me")));
}

TEST(PinRecord, KeyEncryptionKeyIsStableAndPinBound) {
    SecureBytes kek_create, kek_verify, kek_other;
    const PinRecord r = PinRecord::create(bytes_of("kek pin"), 1000, &kek_create);
    ASSERT_TRUE(r.verify(bytes_of("kek pin"), &kek_verify));
    EXPECT_FALSE(kek_create.empty());
    EXPECT_EQ(kek_create, kek_verify);
    EXPECT_FALSE(r.verify(bytes_of("other pin"), &kek_other));
    EXPECT_NE(kek_other, kek_create);
}

}  // namespace
}  // namespace craton
