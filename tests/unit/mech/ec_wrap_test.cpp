// Wrapping and unwrapping EC, Ed25519 and X25519 private keys (PKCS#8 under AES-KWP): round
// trips through the module, and interop with PKCS#8 made and read by OpenSSL.
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <gtest/gtest.h>

#include "unit/mech/ec_support.h"

namespace craton::test {
namespace {

using namespace craton::test::ec;

const Bytes kKek(32, 0x5c);

// RFC 5649 with OpenSSL, the way a client outside the token would wrap or unwrap.
Bytes kwp(const Bytes& in, bool wrap) {
    EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
    EVP_CIPHER_CTX_set_flags(ctx, EVP_CIPHER_CTX_FLAG_WRAP_ALLOW);
    EXPECT_EQ(
        EVP_CipherInit_ex(ctx, EVP_aes_256_wrap_pad(), nullptr, kKek.data(), nullptr, wrap ? 1 : 0),
        1);
    Bytes out(in.size() + 16);
    int len = 0;
    const int ok = EVP_CipherUpdate(ctx, out.data(), &len, in.data(), static_cast<int>(in.size()));
    EVP_CIPHER_CTX_free(ctx);
    if (ok != 1) return {};
    out.resize(static_cast<std::size_t>(len));
    return out;
}

struct Kind {
    const char* name;
    CK_MECHANISM_TYPE gen;
    Bytes params;
    CK_KEY_TYPE kt;
};

const Kind kKinds[] = {{"P-256", CKM_EC_KEY_PAIR_GEN, kP256Oid, CKK_EC},
                       {"P-384", CKM_EC_KEY_PAIR_GEN, printable("secp384r1"), CKK_EC},
                       {"Ed25519", CKM_EC_EDWARDS_KEY_PAIR_GEN, kEd25519Oid, CKK_EC_EDWARDS},
                       {"X25519", CKM_EC_MONTGOMERY_KEY_PAIR_GEN, kX25519Oid, CKK_EC_MONTGOMERY}};

class EcWrap : public ::testing::Test {
  protected:
    void SetUp() override {
        kek_ = s_.p11().secret_key(CKK_AES, kKek);
        ASSERT_NE(kek_, CK_INVALID_HANDLE);
    }
    CK_RV wrap(CK_OBJECT_HANDLE key, Bytes* out) {
        CK_MECHANISM m{CKM_AES_KEY_WRAP_PAD, nullptr, 0};
        CK_ULONG len = 0;
        CK_RV rv = s_.fn()->C_WrapKey(s_.session(), &m, kek_, key, nullptr, &len);
        if (rv != CKR_OK) return rv;
        out->assign(len, 0);
        rv = s_.fn()->C_WrapKey(s_.session(), &m, kek_, key, out->data(), &len);
        out->resize(len);
        return rv;
    }
    CK_RV unwrap(const Bytes& wrapped, CK_KEY_TYPE kt, CK_OBJECT_HANDLE* out,
                 const Bytes* params = nullptr) {
        CK_MECHANISM m{CKM_AES_KEY_WRAP_PAD, nullptr, 0};
        AttrBuilder b;
        b.add_ulong(CKA_CLASS, CKO_PRIVATE_KEY)
            .add_ulong(CKA_KEY_TYPE, kt)
            .add_bool(CKA_SIGN, true)
            .add_bool(CKA_DERIVE, true);
        if (params != nullptr) b.add(CKA_EC_PARAMS, *params);
        auto attrs = b.build();
        return s_.fn()->C_UnwrapKey(s_.session(), &m, kek_,
                                    const_cast<std::uint8_t*>(wrapped.data()), wrapped.size(),
                                    attrs.data(), attrs.size(), out);
    }
    // The unwrapped key works like the original: same signatures verify, same agreement.
    void expect_same_key(const Kind& k, CK_OBJECT_HANDLE pub, CK_OBJECT_HANDLE priv,
                         CK_OBJECT_HANDLE copy) {
        EXPECT_EQ(s_.attribute(copy, CKA_PUBLIC_KEY_INFO), s_.attribute(pub, CKA_PUBLIC_KEY_INFO))
            << k.name;
        const Bytes msg = {'w', 'r', 'a', 'p'};
        Bytes sig, a, b;
        switch (k.kt) {
            case CKK_EC:
                ASSERT_EQ(s_.sign({CKM_ECDSA_SHA256, nullptr, 0}, copy, msg, &sig), CKR_OK);
                EXPECT_EQ(s_.verify({CKM_ECDSA_SHA256, nullptr, 0}, pub, msg, sig), CKR_OK);
                break;
            case CKK_EC_EDWARDS:
                ASSERT_EQ(s_.sign({CKM_EDDSA, nullptr, 0}, copy, msg, &sig), CKR_OK);
                ASSERT_EQ(s_.sign({CKM_EDDSA, nullptr, 0}, priv, msg, &a), CKR_OK);
                EXPECT_EQ(sig, a);
                break;
            default: {
                CK_OBJECT_HANDLE ppub, ppriv;
                ASSERT_EQ(s_.generate(k.gen, k.params, &ppub, &ppriv), CKR_OK);
                const Bytes peer = s_.attribute(ppub, CKA_EC_POINT);
                ASSERT_EQ(s_.derive(copy, CKD_NULL, peer, {}, 0, &a), CKR_OK);
                ASSERT_EQ(s_.derive(priv, CKD_NULL, peer, {}, 0, &b), CKR_OK);
                EXPECT_EQ(a, b);
            }
        }
    }

    EcSession s_;
    CK_OBJECT_HANDLE kek_ = CK_INVALID_HANDLE;
};

TEST_F(EcWrap, RoundTripThroughTheModule) {
    for (const Kind& k : kKinds) {
        CK_OBJECT_HANDLE pub, priv, copy = CK_INVALID_HANDLE;
        ASSERT_EQ(s_.generate(k.gen, k.params, &pub, &priv), CKR_OK);
        Bytes wrapped;
        ASSERT_EQ(wrap(priv, &wrapped), CKR_OK) << k.name;
        ASSERT_EQ(unwrap(wrapped, k.kt, &copy), CKR_OK) << k.name;
        expect_same_key(k, pub, priv, copy);
        // The curve comes from the PKCS#8 encoding, as its named-curve OID.
        const Bytes params = s_.attribute(copy, CKA_EC_PARAMS);
        EXPECT_TRUE(params == k.params || params.front() == 0x06) << k.name;
        // The blob as OpenSSL reads it: PKCS#8 of the same key.
        const Bytes p8 = kwp(wrapped, false);
        const unsigned char* p = p8.data();
        Pkey parsed(d2i_AutoPrivateKey(nullptr, &p, static_cast<long>(p8.size())));
        ASSERT_TRUE(parsed) << k.name;
        Pkey mine = s_.openssl_public(pub);
        EXPECT_EQ(EVP_PKEY_eq(parsed.get(), mine.get()), 1) << k.name;
    }
}

TEST_F(EcWrap, UnwrapsPkcs8MadeByOpenssl) {
    const struct {
        const Kind* kind;
        const char* type;
        const char* group;
    } made[] = {{&kKinds[0], "EC", "P-256"},
                {&kKinds[1], "EC", "P-384"},
                {&kKinds[2], "ED25519", nullptr},
                {&kKinds[3], "X25519", nullptr}};
    for (const auto& m : made) {
        Pkey key(m.group ? EVP_PKEY_Q_keygen(nullptr, nullptr, m.type, m.group)
                         : EVP_PKEY_Q_keygen(nullptr, nullptr, m.type));
        ASSERT_TRUE(key);
        PKCS8_PRIV_KEY_INFO* p8 = EVP_PKEY2PKCS8(key.get());
        Bytes der(static_cast<std::size_t>(i2d_PKCS8_PRIV_KEY_INFO(p8, nullptr)));
        unsigned char* p = der.data();
        i2d_PKCS8_PRIV_KEY_INFO(p8, &p);
        PKCS8_PRIV_KEY_INFO_free(p8);
        CK_OBJECT_HANDLE h = CK_INVALID_HANDLE;
        ASSERT_EQ(unwrap(kwp(der, true), m.kind->kt, &h), CKR_OK) << m.type;
        const Bytes spki = s_.attribute(h, CKA_PUBLIC_KEY_INFO);
        const unsigned char* q = spki.data();
        Pkey pub(d2i_PUBKEY(nullptr, &q, static_cast<long>(spki.size())));
        EXPECT_EQ(EVP_PKEY_eq(pub.get(), key.get()), 1) << m.type;
    }
}

TEST_F(EcWrap, Refusals) {
    CK_OBJECT_HANDLE pub, priv, h;
    ASSERT_EQ(s_.generate(CKM_EC_KEY_PAIR_GEN, kP256Oid, &pub, &priv), CKR_OK);
    Bytes wrapped;
    ASSERT_EQ(wrap(priv, &wrapped), CKR_OK);
    // CKA_EC_PARAMS may not be given when unwrapping (footnote 6).
    EXPECT_EQ(unwrap(wrapped, CKK_EC, &h, &kP256Oid),
              static_cast<CK_RV>(CKR_TEMPLATE_INCONSISTENT));
    // The template's key type must be the wrapped key's.
    EXPECT_EQ(unwrap(wrapped, CKK_EC_EDWARDS, &h), static_cast<CK_RV>(CKR_TEMPLATE_INCONSISTENT));
    // Something that is not PKCS#8.
    EXPECT_EQ(unwrap(kwp(Bytes(40, 0x11), true), CKK_EC, &h),
              static_cast<CK_RV>(CKR_WRAPPED_KEY_INVALID));
    // PKCS#8 of a curve we do not implement.
    Pkey p521(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-521"));
    PKCS8_PRIV_KEY_INFO* p8 = EVP_PKEY2PKCS8(p521.get());
    Bytes der(static_cast<std::size_t>(i2d_PKCS8_PRIV_KEY_INFO(p8, nullptr)));
    unsigned char* p = der.data();
    i2d_PKCS8_PRIV_KEY_INFO(p8, &p);
    PKCS8_PRIV_KEY_INFO_free(p8);
    EXPECT_EQ(unwrap(kwp(der, true), CKK_EC, &h), static_cast<CK_RV>(CKR_CURVE_NOT_SUPPORTED));
    // A key generated non-extractable cannot leave.
    AttrBuilder pb, kb;
    pb.add(CKA_EC_PARAMS, kP256Oid);
    kb.add_bool(CKA_EXTRACTABLE, false);
    auto pa = pb.build();
    auto ka = kb.build();
    CK_MECHANISM gen{CKM_EC_KEY_PAIR_GEN, nullptr, 0};
    ASSERT_EQ(s_.fn()->C_GenerateKeyPair(s_.session(), &gen, pa.data(), pa.size(), ka.data(),
                                         ka.size(), &pub, &priv),
              CKR_OK);
    EXPECT_EQ(wrap(priv, &wrapped), static_cast<CK_RV>(CKR_KEY_UNEXTRACTABLE));
}

}  // namespace
}  // namespace craton::test
