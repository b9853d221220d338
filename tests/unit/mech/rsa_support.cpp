#include "unit/mech/rsa_support.h"

#include <openssl/core_names.h>
#include <openssl/param_build.h>
#include <openssl/rsa.h>

#include <stdexcept>

#include <gtest/gtest.h>

#include "support/vector_file.h"

namespace craton::test::rsa {
namespace {

struct HashRow {
    const char* wycheproof;
    const char* acvp;
    CK_MECHANISM_TYPE hash;
    CK_RSA_PKCS_MGF_TYPE mgf;
    CK_MECHANISM_TYPE pkcs1;
    CK_MECHANISM_TYPE pss;
    const char* evp;
    std::size_t size;
};

constexpr HashRow kHashes[] = {
    {"SHA-1", "SHA-1", CKM_SHA_1, CKG_MGF1_SHA1, CKM_SHA1_RSA_PKCS, CKM_SHA1_RSA_PKCS_PSS, "SHA1",
     20},
    {"SHA-224", "SHA2-224", CKM_SHA224, CKG_MGF1_SHA224, CKM_SHA224_RSA_PKCS,
     CKM_SHA224_RSA_PKCS_PSS, "SHA2-224", 28},
    {"SHA-256", "SHA2-256", CKM_SHA256, CKG_MGF1_SHA256, CKM_SHA256_RSA_PKCS,
     CKM_SHA256_RSA_PKCS_PSS, "SHA2-256", 32},
    {"SHA-384", "SHA2-384", CKM_SHA384, CKG_MGF1_SHA384, CKM_SHA384_RSA_PKCS,
     CKM_SHA384_RSA_PKCS_PSS, "SHA2-384", 48},
    {"SHA-512", "SHA2-512", CKM_SHA512, CKG_MGF1_SHA512, CKM_SHA512_RSA_PKCS,
     CKM_SHA512_RSA_PKCS_PSS, "SHA2-512", 64},
    {"SHA3-224", "SHA3-224", CKM_SHA3_224, CKG_MGF1_SHA3_224, CKM_SHA3_224_RSA_PKCS,
     CKM_SHA3_224_RSA_PKCS_PSS, "SHA3-224", 28},
    {"SHA3-256", "SHA3-256", CKM_SHA3_256, CKG_MGF1_SHA3_256, CKM_SHA3_256_RSA_PKCS,
     CKM_SHA3_256_RSA_PKCS_PSS, "SHA3-256", 32},
    {"SHA3-384", "SHA3-384", CKM_SHA3_384, CKG_MGF1_SHA3_384, CKM_SHA3_384_RSA_PKCS,
     CKM_SHA3_384_RSA_PKCS_PSS, "SHA3-384", 48},
    {"SHA3-512", "SHA3-512", CKM_SHA3_512, CKG_MGF1_SHA3_512, CKM_SHA3_512_RSA_PKCS,
     CKM_SHA3_512_RSA_PKCS_PSS, "SHA3-512", 64},
};

const HashRow* row(CK_MECHANISM_TYPE hash) {
    for (const auto& r : kHashes) {
        if (r.hash == hash) return &r;
    }
    return nullptr;
}

Bytes hex_field(const nlohmann::json& k, const char* name) {
    return k.contains(name) ? from_hex(k.at(name).get<std::string>()) : Bytes{};
}

struct BnFree {
    void operator()(BIGNUM* b) const noexcept { BN_free(b); }
};

Pkey from_params(const PrivateKey& k, bool priv) {
    OSSL_PARAM_BLD* bld = OSSL_PARAM_BLD_new();
    std::vector<std::unique_ptr<BIGNUM, BnFree>> keep;
    auto push = [&](const char* name, const Bytes& v) {
        keep.emplace_back(BN_bin2bn(v.data(), static_cast<int>(v.size()), nullptr));
        OSSL_PARAM_BLD_push_BN(bld, name, keep.back().get());
    };
    push(OSSL_PKEY_PARAM_RSA_N, k.n);
    push(OSSL_PKEY_PARAM_RSA_E, k.e);
    if (priv) {
        push(OSSL_PKEY_PARAM_RSA_D, k.d);
        if (!k.p.empty()) {
            push(OSSL_PKEY_PARAM_RSA_FACTOR1, k.p);
            push(OSSL_PKEY_PARAM_RSA_FACTOR2, k.q);
            push(OSSL_PKEY_PARAM_RSA_EXPONENT1, k.dp);
            push(OSSL_PKEY_PARAM_RSA_EXPONENT2, k.dq);
            push(OSSL_PKEY_PARAM_RSA_COEFFICIENT1, k.qinv);
        }
    }
    OSSL_PARAM* params = OSSL_PARAM_BLD_to_param(bld);
    OSSL_PARAM_BLD_free(bld);
    EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr);
    EVP_PKEY* out = nullptr;
    EVP_PKEY_fromdata_init(ctx);
    EVP_PKEY_fromdata(ctx, &out, priv ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY, params);
    EVP_PKEY_CTX_free(ctx);
    OSSL_PARAM_free(params);
    if (out == nullptr) throw std::runtime_error("OpenSSL refused the test key");
    return Pkey(out);
}

void configure(EVP_PKEY_CTX* pctx, int salt_len, CK_MECHANISM_TYPE mgf_hash) {
    if (salt_len < 0) {
        EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PADDING);
        return;
    }
    EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING);
    EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, salt_len);
    EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, evp_md(mgf_hash));
}

}  // namespace

PrivateKey private_from_json(const nlohmann::json& k) {
    return {hex_field(k, "modulus"),         hex_field(k, "publicExponent"),
            hex_field(k, "privateExponent"), hex_field(k, "prime1"),
            hex_field(k, "prime2"),          hex_field(k, "exponent1"),
            hex_field(k, "exponent2"),       hex_field(k, "coefficient")};
}

PrivateKey fixture_key(int bits) {
    const auto doc =
        load_vector_json("wycheproof/rsa_pkcs1_" + std::to_string(bits) + "_test.json");
    return private_from_json(doc.at("testGroups").at(0).at("privateKey"));
}

CK_MECHANISM_TYPE hash_mechanism(const std::string& name) {
    for (const auto& r : kHashes) {
        if (name == r.wycheproof || name == r.acvp) return r.hash;
    }
    return 0;
}
CK_RSA_PKCS_MGF_TYPE mgf1_for(CK_MECHANISM_TYPE hash) {
    return row(hash)->mgf;
}
CK_MECHANISM_TYPE pkcs1_mechanism(CK_MECHANISM_TYPE hash) {
    return row(hash)->pkcs1;
}
CK_MECHANISM_TYPE pss_mechanism(CK_MECHANISM_TYPE hash) {
    return row(hash)->pss;
}
const EVP_MD* evp_md(CK_MECHANISM_TYPE hash) {
    static std::vector<std::pair<CK_MECHANISM_TYPE, EVP_MD*>> cache;
    for (auto& [h, md] : cache) {
        if (h == hash) return md;
    }
    EVP_MD* md = EVP_MD_fetch(nullptr, row(hash)->evp, nullptr);
    cache.emplace_back(hash, md);
    return md;
}
std::size_t hash_size(CK_MECHANISM_TYPE hash) {
    return row(hash)->size;
}

CK_RV RsaSession::import_public(const Bytes& n, const Bytes& e, CK_OBJECT_HANDLE* out) {
    AttrBuilder b;
    b.add_ulong(CKA_CLASS, CKO_PUBLIC_KEY)
        .add_ulong(CKA_KEY_TYPE, CKK_RSA)
        .add(CKA_MODULUS, n)
        .add(CKA_PUBLIC_EXPONENT, e)
        .add_bool(CKA_VERIFY, true)
        .add_bool(CKA_ENCRYPT, true)
        .add_bool(CKA_WRAP, true);
    auto attrs = b.build();
    *out = CK_INVALID_HANDLE;
    return fn()->C_CreateObject(session(), attrs.data(), attrs.size(), out);
}

CK_OBJECT_HANDLE RsaSession::public_key(const Bytes& n, const Bytes& e) {
    CK_OBJECT_HANDLE h = CK_INVALID_HANDLE;
    const CK_RV rv = import_public(n, e, &h);
    EXPECT_EQ(rv, static_cast<CK_RV>(CKR_OK)) << rv_name(rv);
    return h;
}

CK_RV RsaSession::import_private(const PrivateKey& k, CK_OBJECT_HANDLE* out, bool extractable) {
    AttrBuilder b;
    b.add_ulong(CKA_CLASS, CKO_PRIVATE_KEY)
        .add_ulong(CKA_KEY_TYPE, CKK_RSA)
        .add(CKA_MODULUS, k.n)
        .add(CKA_PRIVATE_EXPONENT, k.d)
        .add_bool(CKA_SIGN, true)
        .add_bool(CKA_DECRYPT, true)
        .add_bool(CKA_UNWRAP, true)
        .add_bool(CKA_SENSITIVE, !extractable)
        .add_bool(CKA_EXTRACTABLE, extractable);
    if (!k.e.empty()) b.add(CKA_PUBLIC_EXPONENT, k.e);
    const std::pair<CK_ATTRIBUTE_TYPE, const Bytes*> crt[] = {{CKA_PRIME_1, &k.p},
                                                              {CKA_PRIME_2, &k.q},
                                                              {CKA_EXPONENT_1, &k.dp},
                                                              {CKA_EXPONENT_2, &k.dq},
                                                              {CKA_COEFFICIENT, &k.qinv}};
    for (const auto& [type, value] : crt) {
        if (!value->empty()) b.add(type, *value);
    }
    auto attrs = b.build();
    *out = CK_INVALID_HANDLE;
    return fn()->C_CreateObject(session(), attrs.data(), attrs.size(), out);
}

CK_OBJECT_HANDLE RsaSession::private_key(const PrivateKey& k, bool extractable) {
    CK_OBJECT_HANDLE h = CK_INVALID_HANDLE;
    const CK_RV rv = import_private(k, &h, extractable);
    EXPECT_EQ(rv, static_cast<CK_RV>(CKR_OK)) << rv_name(rv);
    return h;
}

CK_RV RsaSession::generate(CK_ULONG bits, const Bytes& exponent, CK_OBJECT_HANDLE* pub,
                           CK_OBJECT_HANDLE* priv) {
    AttrBuilder pb;
    pb.add_ulong(CKA_MODULUS_BITS, bits).add_bool(CKA_VERIFY, true).add_bool(CKA_ENCRYPT, true);
    if (!exponent.empty()) pb.add(CKA_PUBLIC_EXPONENT, exponent);
    AttrBuilder sb;
    sb.add_bool(CKA_SIGN, true).add_bool(CKA_DECRYPT, true);
    auto pt = pb.build();
    auto st = sb.build();
    CK_MECHANISM m{CKM_RSA_PKCS_KEY_PAIR_GEN, nullptr, 0};
    return fn()->C_GenerateKeyPair(session(), &m, pt.data(), pt.size(), st.data(), st.size(), pub,
                                   priv);
}

CK_RV RsaSession::sign(CK_MECHANISM mech, CK_OBJECT_HANDLE key, const Bytes& data, Bytes* sig) {
    CK_RV rv = fn()->C_SignInit(session(), &mech, key);
    if (rv != CKR_OK) return rv;
    sig->assign(1024, 0);
    CK_ULONG len = sig->size();
    rv = fn()->C_Sign(session(), const_cast<CK_BYTE_PTR>(data.data()), data.size(), sig->data(),
                      &len);
    sig->resize(rv == CKR_OK ? len : 0);
    return rv;
}

CK_RV RsaSession::verify(CK_MECHANISM mech, CK_OBJECT_HANDLE key, const Bytes& data,
                         const Bytes& sig) {
    CK_RV rv = fn()->C_VerifyInit(session(), &mech, key);
    if (rv != CKR_OK) return rv;
    return fn()->C_Verify(session(), const_cast<CK_BYTE_PTR>(data.data()), data.size(),
                          const_cast<CK_BYTE_PTR>(sig.data()), sig.size());
}

CK_RV RsaSession::sign_multi(CK_MECHANISM mech, CK_OBJECT_HANDLE key, const Bytes& data, int parts,
                             Bytes* sig) {
    CK_RV rv = fn()->C_SignInit(session(), &mech, key);
    if (rv != CKR_OK) return rv;
    const std::size_t step = data.size() / parts + 1;
    for (std::size_t off = 0; off < data.size(); off += step) {
        const std::size_t n = std::min(step, data.size() - off);
        rv = fn()->C_SignUpdate(session(), const_cast<CK_BYTE_PTR>(data.data() + off), n);
        if (rv != CKR_OK) return rv;
    }
    sig->assign(1024, 0);
    CK_ULONG len = sig->size();
    rv = fn()->C_SignFinal(session(), sig->data(), &len);
    sig->resize(rv == CKR_OK ? len : 0);
    return rv;
}

CK_RV RsaSession::verify_multi(CK_MECHANISM mech, CK_OBJECT_HANDLE key, const Bytes& data,
                               int parts, const Bytes& sig) {
    CK_RV rv = fn()->C_VerifyInit(session(), &mech, key);
    if (rv != CKR_OK) return rv;
    const std::size_t step = data.size() / parts + 1;
    for (std::size_t off = 0; off < data.size(); off += step) {
        const std::size_t n = std::min(step, data.size() - off);
        rv = fn()->C_VerifyUpdate(session(), const_cast<CK_BYTE_PTR>(data.data() + off), n);
        if (rv != CKR_OK) return rv;
    }
    return fn()->C_VerifyFinal(session(), const_cast<CK_BYTE_PTR>(sig.data()), sig.size());
}

CK_RV RsaSession::encrypt(CK_MECHANISM mech, CK_OBJECT_HANDLE key, const Bytes& in, Bytes* out) {
    CK_RV rv = fn()->C_EncryptInit(session(), &mech, key);
    if (rv != CKR_OK) return rv;
    out->assign(1024, 0);
    CK_ULONG len = out->size();
    rv = fn()->C_Encrypt(session(), const_cast<CK_BYTE_PTR>(in.data()), in.size(), out->data(),
                         &len);
    out->resize(rv == CKR_OK ? len : 0);
    return rv;
}

CK_RV RsaSession::decrypt(CK_MECHANISM mech, CK_OBJECT_HANDLE key, const Bytes& in, Bytes* out) {
    CK_RV rv = fn()->C_DecryptInit(session(), &mech, key);
    if (rv != CKR_OK) return rv;
    out->assign(1024, 0);
    CK_ULONG len = out->size();
    rv = fn()->C_Decrypt(session(), const_cast<CK_BYTE_PTR>(in.data()), in.size(), out->data(),
                         &len);
    out->resize(rv == CKR_OK ? len : 0);
    return rv;
}

Pkey openssl_public(const Bytes& n, const Bytes& e) {
    return from_params({n, e, {}, {}, {}, {}, {}, {}}, false);
}

Pkey openssl_private(const PrivateKey& k) {
    return from_params(k, true);
}

bool openssl_verify(EVP_PKEY* key, CK_MECHANISM_TYPE hash, const Bytes& msg, const Bytes& sig,
                    int salt_len, CK_MECHANISM_TYPE mgf_hash) {
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    EVP_PKEY_CTX* pctx = nullptr;
    bool ok = EVP_DigestVerifyInit(ctx, &pctx, evp_md(hash), nullptr, key) == 1;
    if (ok) configure(pctx, salt_len, mgf_hash);
    ok = ok && EVP_DigestVerify(ctx, sig.data(), sig.size(), msg.data(), msg.size()) == 1;
    EVP_MD_CTX_free(ctx);
    return ok;
}

Bytes openssl_sign(EVP_PKEY* key, CK_MECHANISM_TYPE hash, const Bytes& msg, int salt_len,
                   CK_MECHANISM_TYPE mgf_hash) {
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    EVP_PKEY_CTX* pctx = nullptr;
    Bytes sig(static_cast<std::size_t>(EVP_PKEY_get_size(key)));
    std::size_t len = sig.size();
    bool ok = EVP_DigestSignInit(ctx, &pctx, evp_md(hash), nullptr, key) == 1;
    if (ok) configure(pctx, salt_len, mgf_hash);
    ok = ok && EVP_DigestSign(ctx, sig.data(), &len, msg.data(), msg.size()) == 1;
    EVP_MD_CTX_free(ctx);
    sig.resize(ok ? len : 0);
    return sig;
}

}  // namespace craton::test::rsa
