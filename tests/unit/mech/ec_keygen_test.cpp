// EC key-pair generation through C_GenerateKeyPair: attributes of both halves, curve
// encodings, refusals, and the mechanism table entries.
#include <openssl/core_names.h>
#include <openssl/x509.h>

#include <gtest/gtest.h>

#include <cstring>

#include "unit/mech/ec_support.h"

namespace craton::test {
namespace {

using namespace craton::test::ec;

CK_ULONG ulong_attr(EcSession& s, CK_OBJECT_HANDLE h, CK_ATTRIBUTE_TYPE t) {
    const Bytes v = s.attribute(h, t);
    CK_ULONG out = CK_UNAVAILABLE_INFORMATION;
    if (v.size() == sizeof out) std::memcpy(&out, v.data(), sizeof out);
    return out;
}

struct Case {
    const char* name;
    CK_MECHANISM_TYPE mech;
    Bytes params;
    CK_KEY_TYPE kt;
    std::size_t point_len;  // bare public key
};

void PrintTo(const Case& c, std::ostream* os) {
    *os << c.name;
}

class EcKeygen : public ::testing::TestWithParam<Case> {};

TEST_P(EcKeygen, BothHalvesCarryTheirAttributes) {
    const Case& c = GetParam();
    EcSession s;
    CK_OBJECT_HANDLE pub = CK_INVALID_HANDLE, priv = CK_INVALID_HANDLE;
    ASSERT_EQ(s.generate(c.mech, c.params, &pub, &priv), CKR_OK);
    EXPECT_EQ(ulong_attr(s, pub, CKA_KEY_TYPE), c.kt);
    EXPECT_EQ(ulong_attr(s, priv, CKA_KEY_TYPE), c.kt);
    EXPECT_EQ(ulong_attr(s, priv, CKA_KEY_GEN_MECHANISM), c.mech);
    EXPECT_EQ(s.attribute(pub, CKA_EC_PARAMS), c.params);
    EXPECT_EQ(s.attribute(priv, CKA_EC_PARAMS), c.params);

    // CKA_EC_POINT: DER OCTET STRING around the bare key; for P-curves an uncompressed point.
    const Bytes ec_point = s.attribute(pub, CKA_EC_POINT);
    ASSERT_EQ(ec_point.size(), c.point_len + 2);
    EXPECT_EQ(ec_point[0], 0x04);
    EXPECT_EQ(ec_point[1], c.point_len);
    if (c.kt == CKK_EC) {
        EXPECT_EQ(ec_point[2], 0x04);
    }

    // CKA_PUBLIC_KEY_INFO on both, equal, and naming the same key as CKA_EC_POINT.
    const Bytes spki = s.attribute(pub, CKA_PUBLIC_KEY_INFO);
    EXPECT_EQ(s.attribute(priv, CKA_PUBLIC_KEY_INFO), spki);
    Pkey key = s.openssl_public(pub);
    ASSERT_TRUE(key);
    Bytes encoded(200);
    std::size_t len = encoded.size();
    if (c.kt == CKK_EC) {
        ASSERT_EQ(EVP_PKEY_get_octet_string_param(key.get(), OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY,
                                                  encoded.data(), encoded.size(), &len),
                  1);
    } else {
        ASSERT_EQ(EVP_PKEY_get_raw_public_key(key.get(), encoded.data(), &len), 1);
    }
    encoded.resize(len);
    EXPECT_EQ(octet_string(encoded), ec_point);
    // Byte for byte the DER OpenSSL's own encoder makes of that key.
    const int der_len = i2d_PUBKEY(key.get(), nullptr);
    ASSERT_GT(der_len, 0);
    Bytes der(static_cast<std::size_t>(der_len));
    unsigned char* out = der.data();
    ASSERT_EQ(i2d_PUBKEY(key.get(), &out), der_len);
    EXPECT_EQ(der, spki);

    // The private value is sensitive by default (the helper asked for extractable only).
    CK_ATTRIBUTE value{CKA_VALUE, nullptr, 0};
    EXPECT_EQ(s.fn()->C_GetAttributeValue(s.session(), priv, &value, 1),
              static_cast<CK_RV>(CKR_ATTRIBUTE_SENSITIVE));
    EXPECT_EQ(s.attribute(priv, CKA_LOCAL), Bytes{CK_TRUE});
    EXPECT_EQ(s.attribute(priv, CKA_ALWAYS_SENSITIVE), Bytes{CK_TRUE});
}

TEST_P(EcKeygen, TwoKeysDiffer) {
    const Case& c = GetParam();
    EcSession s;
    CK_OBJECT_HANDLE pub1, priv1, pub2, priv2;
    ASSERT_EQ(s.generate(c.mech, c.params, &pub1, &priv1), CKR_OK);
    ASSERT_EQ(s.generate(c.mech, c.params, &pub2, &priv2), CKR_OK);
    EXPECT_NE(s.attribute(pub1, CKA_EC_POINT), s.attribute(pub2, CKA_EC_POINT));
}

INSTANTIATE_TEST_SUITE_P(
    Ec, EcKeygen,
    ::testing::Values(
        Case{"P256Oid", CKM_EC_KEY_PAIR_GEN, kP256Oid, CKK_EC, 65},
        Case{"P256Name", CKM_EC_KEY_PAIR_GEN, printable("prime256v1"), CKK_EC, 65},
        Case{"P384Oid", CKM_EC_KEY_PAIR_GEN, kP384Oid, CKK_EC, 97},
        Case{"P384Name", CKM_EC_KEY_PAIR_GEN, printable("secp384r1"), CKK_EC, 97},
        Case{"Ed25519Oid", CKM_EC_EDWARDS_KEY_PAIR_GEN, kEd25519Oid, CKK_EC_EDWARDS, 32},
        Case{"Ed25519Name", CKM_EC_EDWARDS_KEY_PAIR_GEN, printable("edwards25519"), CKK_EC_EDWARDS,
             32},
        // OpenSC 0.23's pkcs11-tool sends GnuPG's OIDs for the 25519 curves.
        Case{"Ed25519GnuOid",
             CKM_EC_EDWARDS_KEY_PAIR_GEN,
             {0x06, 0x09, 0x2b, 0x06, 0x01, 0x04, 0x01, 0xda, 0x47, 0x0f, 0x01},
             CKK_EC_EDWARDS,
             32},
        Case{"X25519Oid", CKM_EC_MONTGOMERY_KEY_PAIR_GEN, kX25519Oid, CKK_EC_MONTGOMERY, 32},
        Case{"X25519Name", CKM_EC_MONTGOMERY_KEY_PAIR_GEN, printable("curve25519"),
             CKK_EC_MONTGOMERY, 32}),
    [](const auto& p) { return std::string(p.param.name); });

TEST(EcKeygenRefusals, UnsupportedAndMalformedCurves) {
    EcSession s;
    CK_OBJECT_HANDLE pub, priv;
    const Bytes p521 = {0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x23};
    EXPECT_EQ(s.generate(CKM_EC_KEY_PAIR_GEN, p521, &pub, &priv),
              static_cast<CK_RV>(CKR_CURVE_NOT_SUPPORTED));
    EXPECT_EQ(s.generate(CKM_EC_KEY_PAIR_GEN, printable("secp521r1"), &pub, &priv),
              static_cast<CK_RV>(CKR_CURVE_NOT_SUPPORTED));
    // A curve of another key type is not one this mechanism supports.
    EXPECT_EQ(s.generate(CKM_EC_KEY_PAIR_GEN, kEd25519Oid, &pub, &priv),
              static_cast<CK_RV>(CKR_CURVE_NOT_SUPPORTED));
    EXPECT_EQ(s.generate(CKM_EC_EDWARDS_KEY_PAIR_GEN, kP256Oid, &pub, &priv),
              static_cast<CK_RV>(CKR_CURVE_NOT_SUPPORTED));
    EXPECT_EQ(s.generate(CKM_EC_MONTGOMERY_KEY_PAIR_GEN, kEd25519Oid, &pub, &priv),
              static_cast<CK_RV>(CKR_CURVE_NOT_SUPPORTED));
    // Explicit domain parameters (a SEQUENCE): only named curves are supported.
    EXPECT_EQ(s.generate(CKM_EC_KEY_PAIR_GEN, {0x30, 0x03, 0x02, 0x01, 0x01}, &pub, &priv),
              static_cast<CK_RV>(CKR_CURVE_NOT_SUPPORTED));
    // Not DER at all, truncated, trailing bytes.
    EXPECT_EQ(s.generate(CKM_EC_KEY_PAIR_GEN, {0x01, 0x02, 0x03}, &pub, &priv),
              static_cast<CK_RV>(CKR_DOMAIN_PARAMS_INVALID));
    Bytes truncated(kP256Oid.begin(), kP256Oid.end() - 1);
    EXPECT_EQ(s.generate(CKM_EC_KEY_PAIR_GEN, truncated, &pub, &priv),
              static_cast<CK_RV>(CKR_DOMAIN_PARAMS_INVALID));
    Bytes trailing = kP256Oid;
    trailing.push_back(0);
    EXPECT_EQ(s.generate(CKM_EC_KEY_PAIR_GEN, trailing, &pub, &priv),
              static_cast<CK_RV>(CKR_DOMAIN_PARAMS_INVALID));
}

TEST(EcKeygenRefusals, TemplateAndParameterRules) {
    EcSession s;
    CK_OBJECT_HANDLE pub, priv;
    CK_MECHANISM m{CKM_EC_KEY_PAIR_GEN, nullptr, 0};
    // CKA_EC_PARAMS is required on the public template...
    AttrBuilder none;
    none.add_bool(CKA_VERIFY, true);
    auto na = none.build();
    EXPECT_EQ(
        s.fn()->C_GenerateKeyPair(s.session(), &m, na.data(), na.size(), nullptr, 0, &pub, &priv),
        static_cast<CK_RV>(CKR_TEMPLATE_INCOMPLETE));
    // ...and may not be given on the private one.
    AttrBuilder pb, kb;
    pb.add(CKA_EC_PARAMS, kP256Oid);
    kb.add(CKA_EC_PARAMS, kP256Oid);
    auto pa = pb.build();
    auto ka = kb.build();
    EXPECT_EQ(s.fn()->C_GenerateKeyPair(s.session(), &m, pa.data(), pa.size(), ka.data(), ka.size(),
                                        &pub, &priv),
              static_cast<CK_RV>(CKR_TEMPLATE_INCONSISTENT));
    // The key-pair mechanisms take no parameter.
    CK_ULONG junk = 0;
    CK_MECHANISM with_param{CKM_EC_KEY_PAIR_GEN, &junk, sizeof junk};
    EXPECT_EQ(s.fn()->C_GenerateKeyPair(s.session(), &with_param, pa.data(), pa.size(), nullptr, 0,
                                        &pub, &priv),
              static_cast<CK_RV>(CKR_MECHANISM_PARAM_INVALID));
}

TEST(EcMechanismTable, InfoAndFlags) {
    EcSession s;
    struct Expect {
        CK_MECHANISM_TYPE type;
        CK_ULONG min, max;
        CK_FLAGS flags;
    };
    const Expect table[] = {
        {CKM_EC_KEY_PAIR_GEN, 256, 384, CKF_GENERATE_KEY_PAIR | CKF_EC_F_P | CKF_EC_OID},
        {CKM_EC_EDWARDS_KEY_PAIR_GEN, 255, 255, CKF_GENERATE_KEY_PAIR},
        {CKM_EC_MONTGOMERY_KEY_PAIR_GEN, 255, 255, CKF_GENERATE_KEY_PAIR},
        {CKM_ECDSA, 256, 384, CKF_SIGN | CKF_VERIFY | CKF_EC_UNCOMPRESS},
        {CKM_ECDSA_SHA1, 256, 384, CKF_SIGN | CKF_VERIFY},
        {CKM_ECDSA_SHA224, 256, 384, CKF_SIGN | CKF_VERIFY},
        {CKM_ECDSA_SHA256, 256, 384, CKF_SIGN | CKF_VERIFY},
        {CKM_ECDSA_SHA384, 256, 384, CKF_SIGN | CKF_VERIFY},
        {CKM_ECDSA_SHA512, 256, 384, CKF_SIGN | CKF_VERIFY},
        {CKM_EDDSA, 255, 255, CKF_SIGN | CKF_VERIFY},
        {CKM_ECDH1_DERIVE, 255, 384, CKF_DERIVE | CKF_EC_F_P},
    };
    for (const auto& e : table) {
        CK_MECHANISM_INFO info{};
        ASSERT_EQ(s.fn()->C_GetMechanismInfo(0, e.type, &info), CKR_OK) << std::hex << e.type;
        EXPECT_EQ(info.ulMinKeySize, e.min) << std::hex << e.type;
        EXPECT_EQ(info.ulMaxKeySize, e.max) << std::hex << e.type;
        EXPECT_EQ(info.flags & e.flags, e.flags) << std::hex << e.type;
    }
}

}  // namespace
}  // namespace craton::test
