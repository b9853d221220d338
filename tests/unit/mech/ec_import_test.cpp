// Importing EC, Ed25519 and X25519 keys with C_CreateObject: validation, normalisation of
// CKA_EC_POINT, CKA_PUBLIC_KEY_INFO, and that imported keys behave like OpenSSL's own.
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <gtest/gtest.h>

#include "support/vector_file.h"
#include "unit/mech/ec_support.h"

namespace craton::test {
namespace {

using namespace craton::test::ec;

// P-256 generator and order (SEC 2).
const Bytes kGx = from_hex("6B17D1F2E12C4247F8BCE6E563A440F277037D812DEB33A0F4A13945D898C296");
const Bytes kGy = from_hex("4FE342E2FE1A7F9B8EE7EB4A7C0F9E162BCE33576B315ECECBB6406837BF51F5");
const Bytes kN = from_hex("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551");

Bytes generator() {
    return uncompressed(kGx, kGy, 32);
}

struct OpensslKey {
    Pkey pkey;
    Bytes d;      // fixed-length private value
    Bytes point;  // bare public key
};

OpensslKey openssl_key(const char* type, const char* group) {
    OpensslKey k;
    k.pkey.reset(group != nullptr ? EVP_PKEY_Q_keygen(nullptr, nullptr, type, group)
                                  : EVP_PKEY_Q_keygen(nullptr, nullptr, type));
    EXPECT_TRUE(k.pkey);
    if (group != nullptr) {
        BIGNUM* d = nullptr;
        EVP_PKEY_get_bn_param(k.pkey.get(), OSSL_PKEY_PARAM_PRIV_KEY, &d);
        const int n = EVP_PKEY_get_bits(k.pkey.get()) / 8;
        k.d.assign(static_cast<std::size_t>(n), 0);
        BN_bn2binpad(d, k.d.data(), n);
        BN_free(d);
        k.point.assign(1 + 2 * static_cast<std::size_t>(n), 0);
        std::size_t len = 0;
        EVP_PKEY_get_octet_string_param(k.pkey.get(), OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY,
                                        k.point.data(), k.point.size(), &len);
        k.point.resize(len);
    } else {
        std::size_t len = 32;
        k.d.assign(32, 0);
        EVP_PKEY_get_raw_private_key(k.pkey.get(), k.d.data(), &len);
        k.point.assign(32, 0);
        len = 32;
        EVP_PKEY_get_raw_public_key(k.pkey.get(), k.point.data(), &len);
    }
    return k;
}

Bytes spki_of(EVP_PKEY* pkey) {
    const int len = i2d_PUBKEY(pkey, nullptr);
    Bytes out(static_cast<std::size_t>(len));
    unsigned char* p = out.data();
    i2d_PUBKEY(pkey, &p);
    return out;
}

TEST(EcImport, PublicPointFormsAreNormalised) {
    EcSession s;
    const Bytes g = generator();
    // Raw uncompressed, DER-wrapped, and compressed (03 || X for an odd y).
    Bytes compressed = kGx;
    compressed.insert(compressed.begin(), (kGy.back() & 1) ? 0x03 : 0x02);
    for (const Bytes& form : {g, octet_string(g), compressed, octet_string(compressed)}) {
        const CK_OBJECT_HANDLE h = s.public_key(CKK_EC, kP256Oid, form);
        ASSERT_NE(h, CK_INVALID_HANDLE);
        EXPECT_EQ(s.attribute(h, CKA_EC_POINT), octet_string(g));
        EXPECT_FALSE(s.attribute(h, CKA_PUBLIC_KEY_INFO).empty());
    }
    // Edwards/Montgomery keys: bare 32 bytes become a DER OCTET STRING as well.
    const Bytes k32(32, 0x42);
    const CK_OBJECT_HANDLE x = s.public_key(CKK_EC_MONTGOMERY, kX25519Oid, k32);
    EXPECT_EQ(s.attribute(x, CKA_EC_POINT), octet_string(k32));
}

TEST(EcImport, InvalidPublicPointsAreRefused) {
    EcSession s;
    CK_OBJECT_HANDLE h;
    Bytes off_curve = generator();
    off_curve.back() ^= 1;
    const Bytes infinity{0x00};
    Bytes hybrid = generator();
    hybrid[0] = 0x06;
    Bytes bad_x(33, 0xff);  // x >= p
    bad_x[0] = 0x02;
    for (const Bytes& bad : {off_curve, octet_string(off_curve), infinity, octet_string(infinity),
                             hybrid, bad_x, Bytes(64, 0x04), Bytes{}}) {
        EXPECT_EQ(s.import_public(CKK_EC, kP256Oid, bad, &h),
                  static_cast<CK_RV>(CKR_ATTRIBUTE_VALUE_INVALID))
            << to_hex(bad);
    }
    // A P-256 point is not a P-384 key.
    EXPECT_EQ(s.import_public(CKK_EC, kP384Oid, generator(), &h),
              static_cast<CK_RV>(CKR_ATTRIBUTE_VALUE_INVALID));
    EXPECT_EQ(s.import_public(CKK_EC_EDWARDS, kEd25519Oid, Bytes(31, 1), &h),
              static_cast<CK_RV>(CKR_ATTRIBUTE_VALUE_INVALID));
    EXPECT_EQ(s.import_public(CKK_EC_MONTGOMERY, kX25519Oid, octet_string(Bytes(33, 1)), &h),
              static_cast<CK_RV>(CKR_ATTRIBUTE_VALUE_INVALID));
}

TEST(EcImport, CurveParameters) {
    EcSession s;
    CK_OBJECT_HANDLE h;
    for (const Bytes& p256 : {kP256Oid, printable("prime256v1"), printable("secp256r1")}) {
        EXPECT_EQ(s.import_public(CKK_EC, p256, generator(), &h), CKR_OK);
        // The caller's encoding is kept as given.
        EXPECT_EQ(s.attribute(h, CKA_EC_PARAMS), p256);
    }
    const Bytes p521 = {0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x23};
    EXPECT_EQ(s.import_public(CKK_EC, p521, generator(), &h),
              static_cast<CK_RV>(CKR_CURVE_NOT_SUPPORTED));
    EXPECT_EQ(s.import_public(CKK_EC, printable("brainpoolP256r1"), generator(), &h),
              static_cast<CK_RV>(CKR_CURVE_NOT_SUPPORTED));
    EXPECT_EQ(s.import_public(CKK_EC, kEd25519Oid, generator(), &h),
              static_cast<CK_RV>(CKR_CURVE_NOT_SUPPORTED));
    EXPECT_EQ(s.import_public(CKK_EC, {0x06, 0x00}, generator(), &h),
              static_cast<CK_RV>(CKR_ATTRIBUTE_VALUE_INVALID));
    EXPECT_EQ(s.import_public(CKK_EC, {0x42}, generator(), &h),
              static_cast<CK_RV>(CKR_ATTRIBUTE_VALUE_INVALID));
}

TEST(EcImport, PrivateScalarRange) {
    EcSession s;
    CK_OBJECT_HANDLE h;
    Bytes n_minus_1 = kN;
    n_minus_1.back() -= 1;
    Bytes one(32, 0);
    one.back() = 1;
    EXPECT_EQ(s.import_private(CKK_EC, kP256Oid, n_minus_1, &h), CKR_OK);
    EXPECT_EQ(s.import_private(CKK_EC, kP256Oid, one, &h), CKR_OK);
    // d = 1 gives the generator: the derived public key proves the scalar was read right.
    Pkey pub = s.openssl_public(h);
    ASSERT_TRUE(pub);
    Bytes point(65);
    std::size_t len = 0;
    EVP_PKEY_get_octet_string_param(pub.get(), OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY, point.data(),
                                    point.size(), &len);
    EXPECT_EQ(point, generator());
    // Unpadded and zero-padded scalars are the same key.
    EXPECT_EQ(s.import_private(CKK_EC, kP256Oid, Bytes{1}, &h), CKR_OK);
    Bytes padded(40, 0);
    padded.back() = 1;
    EXPECT_EQ(s.import_private(CKK_EC, kP256Oid, padded, &h), CKR_OK);

    Bytes too_long(33, 0x01);
    for (const Bytes& bad : {Bytes(32, 0), kN, Bytes(32, 0xff), too_long, Bytes{}}) {
        EXPECT_EQ(s.import_private(CKK_EC, kP256Oid, bad, &h),
                  static_cast<CK_RV>(CKR_ATTRIBUTE_VALUE_INVALID))
            << to_hex(bad);
    }
    EXPECT_EQ(s.import_private(CKK_EC_EDWARDS, kEd25519Oid, Bytes(31, 1), &h),
              static_cast<CK_RV>(CKR_ATTRIBUTE_VALUE_INVALID));
    EXPECT_EQ(s.import_private(CKK_EC_MONTGOMERY, kX25519Oid, Bytes(33, 1), &h),
              static_cast<CK_RV>(CKR_ATTRIBUTE_VALUE_INVALID));
}

TEST(EcImport, PublicKeyInfoIsAddedAndChecked) {
    EcSession s;
    struct Kind {
        const char* type;
        const char* group;
        CK_KEY_TYPE kt;
        Bytes params;
    };
    const Kind kinds[] = {{"EC", "P-256", CKK_EC, kP256Oid},
                          {"EC", "P-384", CKK_EC, kP384Oid},
                          {"ED25519", nullptr, CKK_EC_EDWARDS, kEd25519Oid},
                          {"X25519", nullptr, CKK_EC_MONTGOMERY, kX25519Oid}};
    for (const auto& [type, group, kt, params] : kinds) {
        const OpensslKey k = openssl_key(type, group);
        const Bytes spki = spki_of(k.pkey.get());
        const CK_OBJECT_HANDLE pub = s.public_key(kt, params, k.point);
        const CK_OBJECT_HANDLE priv = s.private_key(kt, params, k.d);
        EXPECT_EQ(s.attribute(pub, CKA_PUBLIC_KEY_INFO), spki) << type;
        EXPECT_EQ(s.attribute(priv, CKA_PUBLIC_KEY_INFO), spki) << type;

        // A caller-supplied CKA_PUBLIC_KEY_INFO must match the key.
        const OpensslKey other = openssl_key(type, group);
        for (const auto& [info, want] :
             {std::pair{spki, CKR_OK},
              std::pair{spki_of(other.pkey.get()), static_cast<CK_RV>(CKR_ATTRIBUTE_VALUE_INVALID)},
              std::pair{Bytes{0x30, 0x00}, static_cast<CK_RV>(CKR_ATTRIBUTE_VALUE_INVALID)}}) {
            AttrBuilder b;
            b.add_ulong(CKA_CLASS, CKO_PRIVATE_KEY)
                .add_ulong(CKA_KEY_TYPE, kt)
                .add(CKA_EC_PARAMS, params)
                .add(CKA_VALUE, k.d)
                .add(CKA_PUBLIC_KEY_INFO, info);
            auto attrs = b.build();
            CK_OBJECT_HANDLE h;
            EXPECT_EQ(s.fn()->C_CreateObject(s.session(), attrs.data(), attrs.size(), &h), want)
                << type;
        }
    }
}

TEST(EcImport, ImportedKeysInteroperateWithOpenssl) {
    EcSession s;
    const OpensslKey k = openssl_key("EC", "P-384");
    const CK_OBJECT_HANDLE priv = s.private_key(CKK_EC, kP384Oid, k.d);
    const CK_OBJECT_HANDLE pub = s.public_key(CKK_EC, kP384Oid, k.point);
    const Bytes msg = {'h', 'e', 'l', 'l', 'o'};
    // Module signs, OpenSSL verifies with its own key object.
    Bytes sig;
    ASSERT_EQ(s.sign({CKM_ECDSA_SHA384, nullptr, 0}, priv, msg, &sig), CKR_OK);
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    ASSERT_EQ(EVP_DigestVerifyInit(ctx, nullptr, EVP_sha384(), nullptr, k.pkey.get()), 1);
    const Bytes der = p1363_to_der(sig);
    EXPECT_EQ(EVP_DigestVerify(ctx, der.data(), der.size(), msg.data(), msg.size()), 1);
    EVP_MD_CTX_free(ctx);
    // OpenSSL signs, the module verifies.
    ctx = EVP_MD_CTX_new();
    ASSERT_EQ(EVP_DigestSignInit(ctx, nullptr, EVP_sha384(), nullptr, k.pkey.get()), 1);
    Bytes osig(120);
    std::size_t len = osig.size();
    ASSERT_EQ(EVP_DigestSign(ctx, osig.data(), &len, msg.data(), msg.size()), 1);
    osig.resize(len);
    EVP_MD_CTX_free(ctx);
    EXPECT_EQ(s.verify({CKM_ECDSA_SHA384, nullptr, 0}, pub, msg, der_to_p1363(osig, 48)), CKR_OK);

    // Ed25519 is deterministic: the module's signature is OpenSSL's, byte for byte.
    const OpensslKey ed = openssl_key("ED25519", nullptr);
    const CK_OBJECT_HANDLE edpriv = s.private_key(CKK_EC_EDWARDS, kEd25519Oid, ed.d);
    ASSERT_EQ(s.sign({CKM_EDDSA, nullptr, 0}, edpriv, msg, &sig), CKR_OK);
    ctx = EVP_MD_CTX_new();
    ASSERT_EQ(EVP_DigestSignInit(ctx, nullptr, nullptr, nullptr, ed.pkey.get()), 1);
    osig.assign(64, 0);
    len = 64;
    ASSERT_EQ(EVP_DigestSign(ctx, osig.data(), &len, msg.data(), msg.size()), 1);
    EVP_MD_CTX_free(ctx);
    EXPECT_EQ(sig, osig);
}

}  // namespace
}  // namespace craton::test
