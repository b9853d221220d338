// The binary signing envelope: the footer layout is checked against a footer built here by hand
// from the specification (not from the code under test), and every tamper kind is refused.
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <string>

#include "certified/signing/envelope.h"

namespace craton::signing {
namespace {

Bytes key_a() { return Bytes(32, 0xA5); }
Bytes key_b() { return Bytes(32, 0x5A); }

Bytes sample_payload() {
    Bytes p(1000);
    for (std::size_t i = 0; i < p.size(); ++i) p[i] = static_cast<std::uint8_t>(i * 7 + 3);
    return p;
}

void append_le(Bytes& out, std::uint64_t v, int n) {
    for (int i = 0; i < n; ++i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}

// payload || footer with the given fields, tagged with HMAC-SHA-256 over everything before the
// tag: the layout as the specification states it.
Bytes handmade(const Bytes& payload, const Bytes& key, const std::string& meta,
               std::uint64_t recorded_len, std::uint8_t version = 1) {
    Bytes out = payload;
    const std::string magic = "RHSMSIGN";
    out.insert(out.end(), magic.begin(), magic.end());
    out.push_back(version);
    append_le(out, recorded_len, 8);
    out.insert(out.end(), meta.begin(), meta.end());
    append_le(out, meta.size(), 4);
    unsigned char tag[32];
    unsigned int n = 0;
    HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), out.data(), out.size(), tag, &n);
    out.insert(out.end(), tag, tag + n);
    return out;
}

Bytes sealed() {
    return seal(sample_payload(), key_a(), {{"name", "libcraton_hsm.so"}});
}

TEST(SigningEnvelope, SealedFileHasTheSpecifiedLayout) {
    const Bytes payload = sample_payload();
    const Bytes s = sealed();
    // The metadata the code wrote, re-tagged by hand: byte-identical means same layout and tag.
    const std::size_t meta_len = s[s.size() - 36] | s[s.size() - 35] << 8 |
                                 s[s.size() - 34] << 16 | s[s.size() - 33] << 24;
    const std::string meta(s.end() - 36 - static_cast<std::ptrdiff_t>(meta_len), s.end() - 36);
    EXPECT_EQ(handmade(payload, key_a(), meta, payload.size()), s);
    EXPECT_EQ(std::string(s.begin() + 1000, s.begin() + 1008), "RHSMSIGN");
    EXPECT_EQ(s[1008], 1);
}

TEST(SigningEnvelope, SignThenVerify) {
    const auto v = open(sealed(), key_a());
    ASSERT_EQ(v.status, VerifyStatus::Ok) << describe(v.status);
    EXPECT_EQ(v.payload_length, 1000u);
    EXPECT_EQ(v.metadata.at("name"), "libcraton_hsm.so");
    EXPECT_EQ(v.metadata.at("size"), 1000);
    EXPECT_EQ(v.metadata.at("key_id"), key_id(key_a()));
}

TEST(SigningEnvelope, EmptyPayloadSignsAndVerifies) {
    EXPECT_EQ(open(seal({}, key_a(), nlohmann::json::object()), key_a()).status,
              VerifyStatus::Ok);
}

TEST(SigningEnvelope, WrongKeyIsRefused) {
    EXPECT_EQ(open(sealed(), key_b()).status, VerifyStatus::WrongKey);
}

TEST(SigningEnvelope, ChangedPayloadByteIsRefused) {
    Bytes s = sealed();
    s[500] ^= 0x01;
    EXPECT_EQ(open(s, key_a()).status, VerifyStatus::TagMismatch);
}

TEST(SigningEnvelope, InsertedBytesAreRefused) {
    Bytes s = sealed();
    s.insert(s.begin() + 10, {0x90, 0x90});
    EXPECT_EQ(open(s, key_a()).status, VerifyStatus::LengthMismatch);
}

TEST(SigningEnvelope, RemovedPayloadBytesAreRefused) {
    Bytes s = sealed();
    s.erase(s.begin());
    EXPECT_EQ(open(s, key_a()).status, VerifyStatus::LengthMismatch);
}

TEST(SigningEnvelope, TruncationIsRefused) {
    const Bytes s = sealed();
    for (const std::size_t cut : {std::size_t{1}, std::size_t{32}, std::size_t{40}, s.size() - 1000,
                                  s.size()}) {
        const Bytes t(s.begin(), s.end() - static_cast<std::ptrdiff_t>(cut));
        EXPECT_EQ(open(t, key_a()).status, VerifyStatus::Malformed) << "cut " << cut;
    }
}

TEST(SigningEnvelope, BytesAppendedAfterTheFooterAreRefused) {
    Bytes s = sealed();
    s.push_back(0);
    EXPECT_NE(open(s, key_a()).status, VerifyStatus::Ok);
}

TEST(SigningEnvelope, ChangedTagOrMetadataIsRefused) {
    Bytes s = sealed();
    s.back() ^= 0x80;
    EXPECT_EQ(open(s, key_a()).status, VerifyStatus::TagMismatch);
    Bytes m = sealed();
    m[1000 + 17 + 2] ^= 0x01;  // inside the metadata JSON
    EXPECT_NE(open(m, key_a()).status, VerifyStatus::Ok);
}

TEST(SigningEnvelope, UnknownVersionIsRefused) {
    const Bytes payload = sample_payload();
    EXPECT_EQ(open(handmade(payload, key_a(), "{}", payload.size(), 2), key_a()).status,
              VerifyStatus::BadVersion);
}

TEST(SigningEnvelope, NestedOldFooterIsRefused) {
    // seal refuses to wrap a signed file...
    EXPECT_THROW(seal(sealed(), key_a(), nlohmann::json::object()), std::invalid_argument);
    // ...and a hand-made outer envelope around an old signed file (valid tag, right key,
    // canonical metadata describing the inner bytes) is still refused.
    const Bytes inner = seal(sample_payload(), key_b(), nlohmann::json::object());
    nlohmann::json meta{{"key_id", key_id(key_a())}, {"size", inner.size()}};
    std::uint8_t d[32];
    unsigned int n = 0;
    EVP_Digest(inner.data(), inner.size(), d, &n, EVP_sha256(), nullptr);
    std::string hex;
    for (const auto b : d) {
        static constexpr char k[] = "0123456789abcdef";
        hex.push_back(k[b >> 4]);
        hex.push_back(k[b & 15]);
    }
    meta["sha256"] = hex;
    EXPECT_EQ(open(handmade(inner, key_a(), meta.dump(), inner.size()), key_a()).status,
              VerifyStatus::NestedFooter);
}

TEST(SigningEnvelope, NonCanonicalMetadataIsRefusedEvenWithAValidTag) {
    const Bytes payload = sample_payload();
    const Bytes s = sealed();
    const auto v = open(s, key_a());
    ASSERT_EQ(v.status, VerifyStatus::Ok);
    const std::string spaced = v.metadata.dump(1);  // same content, not canonical
    EXPECT_EQ(open(handmade(payload, key_a(), spaced, payload.size()), key_a()).status,
              VerifyStatus::BadMetadata);
}

TEST(SigningEnvelope, MetadataThatDoesNotDescribeThePayloadIsRefused) {
    const Bytes payload = sample_payload();
    nlohmann::json meta{{"key_id", key_id(key_a())}, {"sha256", std::string(64, '0')},
                        {"size", payload.size()}};
    EXPECT_EQ(open(handmade(payload, key_a(), meta.dump(), payload.size()), key_a()).status,
              VerifyStatus::BadMetadata);
}

TEST(SigningEnvelope, ShortKeyIsRefused) {
    EXPECT_THROW(seal(sample_payload(), Bytes(16, 1), nlohmann::json::object()),
                 std::invalid_argument);
}

TEST(SigningEnvelope, UnsignedFileIsMalformed) {
    EXPECT_EQ(open(sample_payload(), key_a()).status, VerifyStatus::Malformed);
    EXPECT_EQ(open(Bytes{}, key_a()).status, VerifyStatus::Malformed);
}

}  // namespace
}  // namespace craton::signing
