// CKM_ECDH1_DERIVE rules through the ABI: agreement with OpenSSL on P-256, P-384 and X25519,
// the X9.63 KDFs with shared data, CKD_NULL truncation, peer-key forms and refusals.
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>

#include <gtest/gtest.h>

#include <cstring>

#include "unit/mech/ec_support.h"

namespace craton::test {
namespace {

using namespace craton::test::ec;

struct Peer {
    Pkey key;
    Bytes point;  // bare public key
};

Peer openssl_peer(const char* type, const char* group) {
    Peer p;
    p.key.reset(group ? EVP_PKEY_Q_keygen(nullptr, nullptr, type, group)
                      : EVP_PKEY_Q_keygen(nullptr, nullptr, type));
    p.point.assign(200, 0);
    std::size_t len = 0;
    EVP_PKEY_get_octet_string_param(p.key.get(), OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY, p.point.data(),
                                    p.point.size(), &len);
    p.point.resize(len);
    return p;
}

Bytes openssl_derive(EVP_PKEY* mine, EVP_PKEY* theirs) {
    EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_pkey(nullptr, mine, nullptr);
    std::size_t len = 0;
    EXPECT_EQ(EVP_PKEY_derive_init(ctx), 1);
    EXPECT_EQ(EVP_PKEY_derive_set_peer(ctx, theirs), 1);
    EXPECT_EQ(EVP_PKEY_derive(ctx, nullptr, &len), 1);
    Bytes z(len);
    EXPECT_EQ(EVP_PKEY_derive(ctx, z.data(), &len), 1);
    EVP_PKEY_CTX_free(ctx);
    return z;
}

Bytes x963(const char* md, const Bytes& z, const Bytes& info, std::size_t len) {
    EVP_KDF* kdf = EVP_KDF_fetch(nullptr, "X963KDF", nullptr);
    EVP_KDF_CTX* ctx = EVP_KDF_CTX_new(kdf);
    OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string("digest", const_cast<char*>(md), 0),
        OSSL_PARAM_construct_octet_string("key", const_cast<std::uint8_t*>(z.data()), z.size()),
        OSSL_PARAM_construct_octet_string("info", const_cast<std::uint8_t*>(info.data()),
                                          info.size()),
        OSSL_PARAM_construct_end()};
    Bytes out(len);
    EXPECT_EQ(EVP_KDF_derive(ctx, out.data(), out.size(), params), 1);
    EVP_KDF_CTX_free(ctx);
    EVP_KDF_free(kdf);
    return out;
}

struct Curve {
    const char* group;
    Bytes params;
    std::size_t z_len;
};

TEST(EcEcdh, AgreesWithOpensslOnEveryCurveAndKdf) {
    EcSession s;
    const Curve curves[] = {{"P-256", kP256Oid, 32}, {"P-384", kP384Oid, 48}};
    for (const auto& c : curves) {
        CK_OBJECT_HANDLE pub, priv;
        ASSERT_EQ(s.generate(CKM_EC_KEY_PAIR_GEN, c.params, &pub, &priv), CKR_OK);
        Pkey mine = s.openssl_public(pub);
        const Peer peer = openssl_peer("EC", c.group);
        const Bytes z = openssl_derive(peer.key.get(), mine.get());
        ASSERT_EQ(z.size(), c.z_len);
        Bytes out;
        // CKD_NULL: the secret itself, from a bare or a DER-wrapped peer point.
        ASSERT_EQ(s.derive(priv, CKD_NULL, peer.point, {}, 0, &out), CKR_OK);
        EXPECT_EQ(out, z);
        ASSERT_EQ(s.derive(priv, CKD_NULL, octet_string(peer.point), {}, 0, &out), CKR_OK);
        EXPECT_EQ(out, z);
        // Shorter keys take the rightmost bytes; longer ones than the secret are refused.
        ASSERT_EQ(s.derive(priv, CKD_NULL, peer.point, {}, 16, &out), CKR_OK);
        EXPECT_EQ(out, Bytes(z.end() - 16, z.end()));
        EXPECT_EQ(s.derive(priv, CKD_NULL, peer.point, {}, c.z_len + 1, &out),
                  static_cast<CK_RV>(CKR_TEMPLATE_INCONSISTENT));
        // ANSI X9.63 KDF with and without shared data, any output length.
        const Bytes info = {'s', 'h', 'a', 'r', 'e', 'd'};
        const struct {
            CK_EC_KDF_TYPE kdf;
            const char* md;
            std::size_t natural;
        } kdfs[] = {{CKD_SHA1_KDF, "SHA1", 20},       {CKD_SHA224_KDF, "SHA2-224", 28},
                    {CKD_SHA256_KDF, "SHA2-256", 32}, {CKD_SHA384_KDF, "SHA2-384", 48},
                    {CKD_SHA512_KDF, "SHA2-512", 64}, {CKD_SHA3_256_KDF, "SHA3-256", 32}};
        for (const auto& k : kdfs) {
            ASSERT_EQ(s.derive(priv, k.kdf, peer.point, info, 77, &out), CKR_OK) << k.md;
            EXPECT_EQ(out, x963(k.md, z, info, 77)) << k.md;
            ASSERT_EQ(s.derive(priv, k.kdf, peer.point, {}, 0, &out), CKR_OK) << k.md;
            EXPECT_EQ(out, x963(k.md, z, {}, k.natural)) << k.md;
        }
    }
}

TEST(EcEcdh, X25519AgreesWithOpenssl) {
    EcSession s;
    CK_OBJECT_HANDLE pub, priv;
    ASSERT_EQ(s.generate(CKM_EC_MONTGOMERY_KEY_PAIR_GEN, kX25519Oid, &pub, &priv), CKR_OK);
    Pkey mine = s.openssl_public(pub);
    const Peer peer = openssl_peer("X25519", nullptr);
    const Bytes z = openssl_derive(peer.key.get(), mine.get());
    Bytes out;
    ASSERT_EQ(s.derive(priv, CKD_NULL, peer.point, {}, 0, &out), CKR_OK);
    EXPECT_EQ(out, z);
    ASSERT_EQ(s.derive(priv, CKD_NULL, octet_string(peer.point), {}, 0, &out), CKR_OK);
    EXPECT_EQ(out, z);
    ASSERT_EQ(s.derive(priv, CKD_SHA256_KDF, peer.point, {1, 2}, 32, &out), CKR_OK);
    EXPECT_EQ(out, x963("SHA2-256", z, {1, 2}, 32));
    // Two module keys agree with each other too.
    CK_OBJECT_HANDLE pub2, priv2;
    ASSERT_EQ(s.generate(CKM_EC_MONTGOMERY_KEY_PAIR_GEN, kX25519Oid, &pub2, &priv2), CKR_OK);
    Bytes a, b;
    ASSERT_EQ(s.derive(priv, CKD_NULL, s.attribute(pub2, CKA_EC_POINT), {}, 0, &a), CKR_OK);
    ASSERT_EQ(s.derive(priv2, CKD_NULL, s.attribute(pub, CKA_EC_POINT), {}, 0, &b), CKR_OK);
    EXPECT_EQ(a, b);
    // A small-order peer key (here u = 0) gives the all-zero secret and is refused.
    EXPECT_EQ(s.derive(priv, CKD_NULL, Bytes(32, 0), {}, 0, &out),
              static_cast<CK_RV>(CKR_MECHANISM_PARAM_INVALID));
}

TEST(EcEcdh, ParameterChecks) {
    EcSession s;
    CK_OBJECT_HANDLE pub, priv;
    ASSERT_EQ(s.generate(CKM_EC_KEY_PAIR_GEN, kP256Oid, &pub, &priv), CKR_OK);
    const Bytes good = s.attribute(pub, CKA_EC_POINT);  // our own point: a valid peer
    Bytes out;
    const auto param_invalid = static_cast<CK_RV>(CKR_MECHANISM_PARAM_INVALID);
    ASSERT_EQ(s.derive(priv, CKD_NULL, good, {}, 0, &out), CKR_OK);

    Bytes off_curve(good.begin() + 2, good.end());
    off_curve.back() ^= 1;
    EXPECT_EQ(s.derive(priv, CKD_NULL, off_curve, {}, 0, &out), param_invalid);
    EXPECT_EQ(s.derive(priv, CKD_NULL, Bytes{0x00}, {}, 0, &out), param_invalid);   // infinity
    EXPECT_EQ(s.derive(priv, CKD_NULL, Bytes(97, 4), {}, 0, &out), param_invalid);  // P-384 size
    EXPECT_EQ(s.derive(priv, CKD_NULL, {}, {}, 0, &out), param_invalid);
    // CKD_NULL takes no shared data; unknown and unsupported KDFs.
    EXPECT_EQ(s.derive(priv, CKD_NULL, good, {1}, 0, &out), param_invalid);
    EXPECT_EQ(s.derive(priv, CKD_SHA1_KDF_ASN1, good, {}, 16, &out), param_invalid);
    EXPECT_EQ(s.derive(priv, CKD_SHA256_KDF_SP800, good, {}, 16, &out), param_invalid);
    EXPECT_EQ(s.derive(priv, 0x7777, good, {}, 16, &out), param_invalid);

    // Structure size and pointers.
    AttrBuilder b;
    b.add_ulong(CKA_CLASS, CKO_SECRET_KEY).add_ulong(CKA_KEY_TYPE, CKK_GENERIC_SECRET);
    auto attrs = b.build();
    CK_OBJECT_HANDLE h;
    CK_ECDH1_DERIVE_PARAMS p{CKD_NULL, 0, nullptr, good.size(),
                             const_cast<std::uint8_t*>(good.data())};
    CK_MECHANISM short_struct{CKM_ECDH1_DERIVE, &p, sizeof p - 1};
    EXPECT_EQ(s.fn()->C_DeriveKey(s.session(), &short_struct, priv, attrs.data(), attrs.size(), &h),
              param_invalid);
    CK_MECHANISM no_struct{CKM_ECDH1_DERIVE, nullptr, 0};
    EXPECT_EQ(s.fn()->C_DeriveKey(s.session(), &no_struct, priv, attrs.data(), attrs.size(), &h),
              param_invalid);
    CK_ECDH1_DERIVE_PARAMS dangling{CKD_SHA256_KDF, 4, nullptr, good.size(),
                                    const_cast<std::uint8_t*>(good.data())};
    CK_MECHANISM dangling_mech{CKM_ECDH1_DERIVE, &dangling, sizeof dangling};
    EXPECT_EQ(
        s.fn()->C_DeriveKey(s.session(), &dangling_mech, priv, attrs.data(), attrs.size(), &h),
        param_invalid);
}

TEST(EcEcdh, KeyChecksAndDerivedKeyTypes) {
    EcSession s;
    CK_OBJECT_HANDLE pub, priv, edpub, edpriv;
    ASSERT_EQ(s.generate(CKM_EC_KEY_PAIR_GEN, kP256Oid, &pub, &priv), CKR_OK);
    ASSERT_EQ(s.generate(CKM_EC_EDWARDS_KEY_PAIR_GEN, kEd25519Oid, &edpub, &edpriv), CKR_OK);
    const Bytes peer = s.attribute(pub, CKA_EC_POINT);
    Bytes out;
    // Ed25519 keys do not agree keys; a public key is not a base key.
    EXPECT_EQ(s.derive(edpriv, CKD_NULL, peer, {}, 0, &out),
              static_cast<CK_RV>(CKR_KEY_TYPE_INCONSISTENT));
    EXPECT_EQ(s.derive(pub, CKD_NULL, peer, {}, 0, &out),
              static_cast<CK_RV>(CKR_KEY_FUNCTION_NOT_PERMITTED));
    // An AES key straight from the agreement, usable for encryption.
    CK_ECDH1_DERIVE_PARAMS p{CKD_SHA256_KDF, 0, nullptr, peer.size(),
                             const_cast<std::uint8_t*>(peer.data())};
    CK_MECHANISM m{CKM_ECDH1_DERIVE, &p, sizeof p};
    AttrBuilder b;
    b.add_ulong(CKA_CLASS, CKO_SECRET_KEY)
        .add_ulong(CKA_KEY_TYPE, CKK_AES)
        .add_ulong(CKA_VALUE_LEN, 32)
        .add_bool(CKA_ENCRYPT, true);
    auto attrs = b.build();
    CK_OBJECT_HANDLE aes = CK_INVALID_HANDLE;
    ASSERT_EQ(s.fn()->C_DeriveKey(s.session(), &m, priv, attrs.data(), attrs.size(), &aes), CKR_OK);
    const Bytes len = s.attribute(aes, CKA_VALUE_LEN);
    CK_ULONG value_len = 0;
    ASSERT_EQ(len.size(), sizeof value_len);
    std::memcpy(&value_len, len.data(), sizeof value_len);
    EXPECT_EQ(value_len, 32u);
    // CKA_DERIVE FALSE on the base key.
    const CK_BBOOL no = CK_FALSE;
    CK_ATTRIBUTE off{CKA_DERIVE, const_cast<CK_BBOOL*>(&no), sizeof no};
    ASSERT_EQ(s.fn()->C_SetAttributeValue(s.session(), priv, &off, 1), CKR_OK);
    EXPECT_EQ(s.derive(priv, CKD_NULL, peer, {}, 0, &out),
              static_cast<CK_RV>(CKR_KEY_FUNCTION_NOT_PERMITTED));
}

}  // namespace
}  // namespace craton::test
