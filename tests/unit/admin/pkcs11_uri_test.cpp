// The pkcs11: URI code of craton-hsm-admin (tools/admin/pkcs11_uri.cpp): percent-encoding
// round trips over every byte value, URIs in the style of RFC 7512's examples, what the
// formatter writes for an object, and the refusal of ill-formed or unknown input.
#include "pkcs11_uri.h"

#include <string>

#include <gtest/gtest.h>

namespace craton::admin {
namespace {

TEST(Pkcs11UriTest, PercentEncodingRoundTripsEveryByte) {
    std::string all;
    for (int b = 0; b < 256; ++b) all += static_cast<char>(b);
    EXPECT_EQ(percent_decode(percent_encode(all)), all);
    EXPECT_EQ(percent_decode(percent_encode(all, true)), all);
    const std::string full = percent_encode(all, true);
    EXPECT_EQ(full.size(), 3u * 256u);
    EXPECT_EQ(full.substr(0, 6), "%00%01");
    EXPECT_EQ(percent_encode("a b;c"), "a%20b%3Bc");
    EXPECT_EQ(percent_encode("Az09-._~"), "Az09-._~");
    EXPECT_EQ(percent_decode("%4a%4A"), "JJ");
}

TEST(Pkcs11UriTest, EmptyUriIsValid) {
    EXPECT_EQ(parse_pkcs11_uri("pkcs11:"), Pkcs11Uri{});
    EXPECT_EQ(parse_pkcs11_uri("PKCS11:"), Pkcs11Uri{});
    EXPECT_EQ(format_pkcs11_uri(Pkcs11Uri{}), "pkcs11:");
}

TEST(Pkcs11UriTest, ObjectAndType) {
    const Pkcs11Uri u = parse_pkcs11_uri("pkcs11:object=my-pubkey;type=public");
    ASSERT_TRUE(u.object);
    EXPECT_EQ(*u.object, "my-pubkey");
    ASSERT_TRUE(u.type);
    EXPECT_EQ(*u.type, static_cast<CK_OBJECT_CLASS>(CKO_PUBLIC_KEY));
    EXPECT_FALSE(u.token);
    EXPECT_FALSE(u.id);
}

TEST(Pkcs11UriTest, QueryAttributesAreKept) {
    const Pkcs11Uri u =
        parse_pkcs11_uri("pkcs11:object=my-key;type=private?pin-source=file:/etc/token");
    EXPECT_EQ(*u.type, static_cast<CK_OBJECT_CLASS>(CKO_PRIVATE_KEY));
    EXPECT_EQ(u.other.at("pin-source"), "file:/etc/token");
    EXPECT_EQ(format_pkcs11_uri(u),
              "pkcs11:object=my-key;type=private?pin-source=file%3A%2Fetc%2Ftoken");
    EXPECT_EQ(parse_pkcs11_uri(format_pkcs11_uri(u)), u);
}

TEST(Pkcs11UriTest, EncodedTokenManufacturerAndId) {
    const Pkcs11Uri u = parse_pkcs11_uri(
        "pkcs11:token=The%20Software%20PKCS%2311%20Softtoken;manufacturer=Snake%20Oil,%20Inc.;"
        "model=1.0;object=my-certificate;type=cert;id=%69%95%3E%5C%F4%BE%2D%90%6E%BE%73%2F%0D%E5;"
        "serial=");
    EXPECT_EQ(*u.token, "The Software PKCS#11 Softtoken");
    EXPECT_EQ(u.other.at("manufacturer"), "Snake Oil, Inc.");
    EXPECT_EQ(u.other.at("model"), "1.0");
    EXPECT_EQ(u.other.at("serial"), "");
    EXPECT_EQ(*u.type, static_cast<CK_OBJECT_CLASS>(CKO_CERTIFICATE));
    const std::string id = "\x69\x95\x3E\x5C\xF4\xBE\x2D\x90\x6E\xBE\x73\x2F\x0D\xE5";
    EXPECT_EQ(*u.id, id);
    EXPECT_EQ(parse_pkcs11_uri(format_pkcs11_uri(u)), u);
}

TEST(Pkcs11UriTest, Utf8AndEscapedSeparatorsInValues) {
    const Pkcs11Uri u = parse_pkcs11_uri(
        "pkcs11:token=A%20name%20with%20a%20substring%20%25%3B;object=%C3%A1;type=cert");
    EXPECT_EQ(*u.token, "A name with a substring %;");
    EXPECT_EQ(*u.object, "\xC3\xA1");
}

TEST(Pkcs11UriTest, LibraryAndSlotAttributes) {
    const Pkcs11Uri u = parse_pkcs11_uri(
        "pkcs11:library-manufacturer=Snake%20Oil,%20Inc.;library-description=Soft%20Token%"
        "20Library;"
        "library-version=1.23;slot-description=Sun%20Metaslot;slot-id=3");
    EXPECT_EQ(u.other.at("library-version"), "1.23");
    EXPECT_EQ(u.other.at("slot-description"), "Sun Metaslot");
    ASSERT_TRUE(u.slot_id);
    EXPECT_EQ(*u.slot_id, 3u);
    EXPECT_EQ(parse_pkcs11_uri(format_pkcs11_uri(u)), u);
}

TEST(Pkcs11UriTest, FormatsAnObjectAndReadsItBack) {
    Pkcs11Uri u;
    u.token = "ops token";
    u.object = "signing key;1";
    u.type = CKO_PRIVATE_KEY;
    u.id = std::string("\x00\x01\xfe\xff", 4);
    const std::string text = format_pkcs11_uri(u);
    EXPECT_EQ(text,
              "pkcs11:token=ops%20token;object=signing%20key%3B1;type=private;id=%00%01%FE%FF");
    EXPECT_EQ(parse_pkcs11_uri(text), u);
}

TEST(Pkcs11UriTest, RejectsIllFormedInput) {
    const char* bad[] = {
        "",
        "pkcs11",
        "http://example.com/",
        "pkcs11:object",               // no "="
        "pkcs11:=value",               // no name
        "pkcs11:object=a;;type=cert",  // empty element
        "pkcs11:object=a;",            // trailing separator
        "pkcs11:object=a%2",           // truncated escape
        "pkcs11:object=a%zz",          // non-hex escape
        "pkcs11:object=a b",           // space must be escaped
        "pkcs11:object=a/b",           // "/" is not allowed in the path
        "pkcs11:object=a#frag",        // no fragments
        "pkcs11:object=a;object=b",    // duplicate
        "pkcs11:id=%01;id=%02",        // duplicate
        "pkcs11:type=secret",          // unknown type
        "pkcs11:colour=blue",          // unknown path attribute
        "pkcs11:x-vendor=1",           // vendor attributes are not supported
        "pkcs11:object=a?pin=1234",    // unknown query attribute
        "pkcs11:slot-id=1a",
        "pkcs11:slot-id=",
        "pkcs11:library-version=1.",
        "pkcs11:?module-name=a&module-name=b",
    };
    for (const char* text : bad) {
        EXPECT_THROW(parse_pkcs11_uri(text), UriError) << text;
    }
}

TEST(Pkcs11UriTest, ErrorsDoNotEchoPinValues) {
    try {
        parse_pkcs11_uri("pkcs11:object=a?pin-value=secret%zz");
        FAIL() << "accepted a malformed pin-value";
    } catch (const UriError& e) {
        EXPECT_EQ(std::string(e.what()).find("secret"), std::string::npos);
    }
}

}  // namespace
}  // namespace craton::admin
