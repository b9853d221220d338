#include "unit/mech/ec_support.h"

#include <openssl/ecdsa.h>
#include <openssl/x509.h>

#include <algorithm>
#include <cstring>

#include <gtest/gtest.h>

namespace craton::test::ec {

const Bytes kP256Oid = {0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07};
const Bytes kP384Oid = {0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x22};
const Bytes kEd25519Oid = {0x06, 0x03, 0x2b, 0x65, 0x70};
const Bytes kX25519Oid = {0x06, 0x03, 0x2b, 0x65, 0x6e};

Bytes printable(const std::string& name) {
    Bytes out(name.size() + 2);
    out[0] = 0x13;
    out[1] = static_cast<std::uint8_t>(name.size());
    std::memcpy(out.data() + 2, name.data(), name.size());
    return out;
}

Bytes octet_string(const Bytes& content) {
    Bytes out;
    out.reserve(content.size() + 3);
    out.push_back(0x04);
    if (content.size() >= 0x80) out.push_back(0x81);
    out.push_back(static_cast<std::uint8_t>(content.size()));
    out.insert(out.end(), content.begin(), content.end());
    return out;
}

Bytes left_pad(const Bytes& v, std::size_t len) {
    std::size_t skip = 0;
    while (v.size() - skip > len && v[skip] == 0) ++skip;
    Bytes out(len > v.size() - skip ? len - (v.size() - skip) : 0, 0);
    out.insert(out.end(), v.begin() + static_cast<std::ptrdiff_t>(skip), v.end());
    return out;
}

Bytes uncompressed(const Bytes& x, const Bytes& y, std::size_t coord_len) {
    Bytes out;
    out.reserve(1 + 2 * coord_len);
    out.push_back(0x04);
    const Bytes px = left_pad(x, coord_len), py = left_pad(y, coord_len);
    out.insert(out.end(), px.begin(), px.end());
    out.insert(out.end(), py.begin(), py.end());
    return out;
}

CK_RV EcSession::import_public(CK_KEY_TYPE kt, const Bytes& params, const Bytes& ec_point,
                               CK_OBJECT_HANDLE* out) {
    AttrBuilder b;
    b.add_ulong(CKA_CLASS, CKO_PUBLIC_KEY)
        .add_ulong(CKA_KEY_TYPE, kt)
        .add(CKA_EC_PARAMS, params)
        .add(CKA_EC_POINT, ec_point)
        .add_bool(CKA_VERIFY, true);
    auto attrs = b.build();
    return fn()->C_CreateObject(session(), attrs.data(), attrs.size(), out);
}

CK_OBJECT_HANDLE EcSession::public_key(CK_KEY_TYPE kt, const Bytes& params, const Bytes& ec_point) {
    CK_OBJECT_HANDLE h = CK_INVALID_HANDLE;
    const CK_RV rv = import_public(kt, params, ec_point, &h);
    EXPECT_EQ(rv, static_cast<CK_RV>(CKR_OK)) << rv_name(rv);
    return h;
}

CK_RV EcSession::import_private(CK_KEY_TYPE kt, const Bytes& params, const Bytes& value,
                                CK_OBJECT_HANDLE* out, bool sensitive) {
    AttrBuilder b;
    b.add_ulong(CKA_CLASS, CKO_PRIVATE_KEY)
        .add_ulong(CKA_KEY_TYPE, kt)
        .add(CKA_EC_PARAMS, params)
        .add(CKA_VALUE, value)
        .add_bool(CKA_SIGN, true)
        .add_bool(CKA_DERIVE, true)
        .add_bool(CKA_SENSITIVE, sensitive)
        .add_bool(CKA_EXTRACTABLE, true);
    auto attrs = b.build();
    return fn()->C_CreateObject(session(), attrs.data(), attrs.size(), out);
}

CK_OBJECT_HANDLE EcSession::private_key(CK_KEY_TYPE kt, const Bytes& params, const Bytes& value) {
    CK_OBJECT_HANDLE h = CK_INVALID_HANDLE;
    const CK_RV rv = import_private(kt, params, value, &h);
    EXPECT_EQ(rv, static_cast<CK_RV>(CKR_OK)) << rv_name(rv);
    return h;
}

CK_RV EcSession::generate(CK_MECHANISM_TYPE mech, const Bytes& params, CK_OBJECT_HANDLE* pub,
                          CK_OBJECT_HANDLE* priv) {
    AttrBuilder pb;
    pb.add(CKA_EC_PARAMS, params).add_bool(CKA_VERIFY, true);
    AttrBuilder kb;
    kb.add_bool(CKA_SIGN, true).add_bool(CKA_DERIVE, true).add_bool(CKA_EXTRACTABLE, true);
    auto pa = pb.build();
    auto ka = kb.build();
    CK_MECHANISM m{mech, nullptr, 0};
    return fn()->C_GenerateKeyPair(session(), &m, pa.data(), pa.size(), ka.data(), ka.size(), pub,
                                   priv);
}

CK_RV EcSession::sign(CK_MECHANISM mech, CK_OBJECT_HANDLE key, const Bytes& data, Bytes* sig) {
    CK_RV rv = fn()->C_SignInit(session(), &mech, key);
    if (rv != CKR_OK) return rv;
    CK_ULONG len = 0;
    rv =
        fn()->C_Sign(session(), const_cast<std::uint8_t*>(data.data()), data.size(), nullptr, &len);
    if (rv != CKR_OK) return rv;
    sig->assign(len, 0);
    rv = fn()->C_Sign(session(), const_cast<std::uint8_t*>(data.data()), data.size(), sig->data(),
                      &len);
    sig->resize(len);
    return rv;
}

CK_RV EcSession::verify(CK_MECHANISM mech, CK_OBJECT_HANDLE key, const Bytes& data,
                        const Bytes& sig) {
    CK_RV rv = fn()->C_VerifyInit(session(), &mech, key);
    if (rv != CKR_OK) return rv;
    return fn()->C_Verify(session(), const_cast<std::uint8_t*>(data.data()), data.size(),
                          const_cast<std::uint8_t*>(sig.data()), sig.size());
}

namespace {
template <class Step>
CK_RV in_parts(const Bytes& data, int parts, Step&& step) {
    const std::size_t chunk = std::max<std::size_t>(1, data.size() / std::max(parts, 1));
    for (std::size_t off = 0; off < data.size(); off += chunk) {
        const std::size_t n = std::min(chunk, data.size() - off);
        const CK_RV rv = step(const_cast<std::uint8_t*>(data.data() + off), n);
        if (rv != CKR_OK) return rv;
    }
    return CKR_OK;
}
}  // namespace

CK_RV EcSession::sign_multi(CK_MECHANISM mech, CK_OBJECT_HANDLE key, const Bytes& data, int parts,
                            Bytes* sig) {
    CK_RV rv = fn()->C_SignInit(session(), &mech, key);
    if (rv != CKR_OK) return rv;
    rv = in_parts(data, parts, [&](std::uint8_t* p, std::size_t n) {
        return fn()->C_SignUpdate(session(), p, n);
    });
    if (rv != CKR_OK) return rv;
    CK_ULONG len = 0;
    rv = fn()->C_SignFinal(session(), nullptr, &len);
    if (rv != CKR_OK) return rv;
    sig->assign(len, 0);
    rv = fn()->C_SignFinal(session(), sig->data(), &len);
    sig->resize(len);
    return rv;
}

CK_RV EcSession::verify_multi(CK_MECHANISM mech, CK_OBJECT_HANDLE key, const Bytes& data, int parts,
                              const Bytes& sig) {
    CK_RV rv = fn()->C_VerifyInit(session(), &mech, key);
    if (rv != CKR_OK) return rv;
    rv = in_parts(data, parts, [&](std::uint8_t* p, std::size_t n) {
        return fn()->C_VerifyUpdate(session(), p, n);
    });
    if (rv != CKR_OK) return rv;
    return fn()->C_VerifyFinal(session(), const_cast<std::uint8_t*>(sig.data()), sig.size());
}

CK_RV EcSession::derive(CK_OBJECT_HANDLE base, CK_EC_KDF_TYPE kdf, const Bytes& public_data,
                        const Bytes& shared_data, CK_ULONG value_len, Bytes* value) {
    CK_ECDH1_DERIVE_PARAMS params{};
    params.kdf = kdf;
    params.ulSharedDataLen = shared_data.size();
    params.pSharedData =
        shared_data.empty() ? nullptr : const_cast<std::uint8_t*>(shared_data.data());
    params.ulPublicDataLen = public_data.size();
    params.pPublicData =
        public_data.empty() ? nullptr : const_cast<std::uint8_t*>(public_data.data());
    CK_MECHANISM m{CKM_ECDH1_DERIVE, &params, sizeof params};
    AttrBuilder b;
    b.add_ulong(CKA_CLASS, CKO_SECRET_KEY)
        .add_ulong(CKA_KEY_TYPE, CKK_GENERIC_SECRET)
        .add_bool(CKA_SENSITIVE, false)
        .add_bool(CKA_EXTRACTABLE, true);
    if (value_len != 0) b.add_ulong(CKA_VALUE_LEN, value_len);
    auto attrs = b.build();
    CK_OBJECT_HANDLE h = CK_INVALID_HANDLE;
    const CK_RV rv = fn()->C_DeriveKey(session(), &m, base, attrs.data(), attrs.size(), &h);
    if (rv == CKR_OK) {
        *value = attribute(h, CKA_VALUE);
        fn()->C_DestroyObject(session(), h);
    }
    return rv;
}

Pkey EcSession::openssl_public(CK_OBJECT_HANDLE obj) {
    const Bytes spki = attribute(obj, CKA_PUBLIC_KEY_INFO);
    const unsigned char* p = spki.data();
    return Pkey(d2i_PUBKEY(nullptr, &p, static_cast<long>(spki.size())));
}

Bytes der_to_p1363(const Bytes& der, std::size_t n) {
    const unsigned char* p = der.data();
    ECDSA_SIG* sig = d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der.size()));
    if (sig == nullptr) return {};
    Bytes out;
    // Strict DER: the parse consumed everything and re-encodes to the same bytes.
    const int len = i2d_ECDSA_SIG(sig, nullptr);
    Bytes again(len > 0 ? static_cast<std::size_t>(len) : 0);
    unsigned char* q = again.data();
    const BIGNUM* r = ECDSA_SIG_get0_r(sig);
    const BIGNUM* s = ECDSA_SIG_get0_s(sig);
    if (p == der.data() + der.size() && len > 0 && i2d_ECDSA_SIG(sig, &q) == len && again == der &&
        !BN_is_negative(r) && !BN_is_negative(s) && BN_num_bytes(r) <= static_cast<int>(n) &&
        BN_num_bytes(s) <= static_cast<int>(n)) {
        out.assign(2 * n, 0);
        BN_bn2binpad(r, out.data(), static_cast<int>(n));
        BN_bn2binpad(s, out.data() + n, static_cast<int>(n));
    }
    ECDSA_SIG_free(sig);
    return out;
}

Bytes p1363_to_der(const Bytes& sig) {
    const std::size_t n = sig.size() / 2;
    ECDSA_SIG* s = ECDSA_SIG_new();
    ECDSA_SIG_set0(s, BN_bin2bn(sig.data(), static_cast<int>(n), nullptr),
                   BN_bin2bn(sig.data() + n, static_cast<int>(n), nullptr));
    const int len = i2d_ECDSA_SIG(s, nullptr);
    Bytes out(static_cast<std::size_t>(len));
    unsigned char* p = out.data();
    i2d_ECDSA_SIG(s, &p);
    ECDSA_SIG_free(s);
    return out;
}

Bytes digest(const char* name, const Bytes& data, std::size_t xof_len) {
    EVP_MD* md = EVP_MD_fetch(nullptr, name, nullptr);
    EXPECT_NE(md, nullptr) << name;
    if (md == nullptr) return {};
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    Bytes out(xof_len != 0 ? xof_len : static_cast<std::size_t>(EVP_MD_get_size(md)));
    unsigned int n = 0;
    EVP_DigestInit_ex(ctx, md, nullptr);
    EVP_DigestUpdate(ctx, data.data(), data.size());
    if (xof_len != 0) {
        EVP_DigestFinalXOF(ctx, out.data(), out.size());
    } else {
        EVP_DigestFinal_ex(ctx, out.data(), &n);
    }
    EVP_MD_CTX_free(ctx);
    EVP_MD_free(md);
    return out;
}

}  // namespace craton::test::ec
