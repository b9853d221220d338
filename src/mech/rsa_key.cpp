#include "mech/rsa_key.h"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/param_build.h>
#include <openssl/params.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <algorithm>
#include <array>
#include <optional>

#include "core/error.h"
#include "mech/pkey_retype.h"
#include "mech/rsa_ctx_params.h"
#include "rng/module_keytypes.h"
#include "rng/random.h"

namespace craton::mech::rsa {
namespace {

struct BnFree {
    void operator()(BIGNUM* b) const noexcept { BN_clear_free(b); }
};
using Bn = std::unique_ptr<BIGNUM, BnFree>;
struct BnCtxFree {
    void operator()(BN_CTX* c) const noexcept { BN_CTX_free(c); }
};
struct PkeyFree {
    void operator()(EVP_PKEY* k) const noexcept { EVP_PKEY_free(k); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;
struct PkeyCtxFree {
    void operator()(EVP_PKEY_CTX* c) const noexcept { EVP_PKEY_CTX_free(c); }
};
using PkeyCtx = std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree>;

// Private components go to OpenSSL's secure heap and take the constant-time code paths.
Bn bn_from(ByteView bytes, bool secret) {
    Bn b(secret ? BN_secure_new() : BN_new());
    if (!b || BN_bin2bn(bytes.data(), static_cast<int>(bytes.size()), b.get()) == nullptr) {
        fail(CKR_HOST_MEMORY);
    }
    if (secret) BN_set_flags(b.get(), BN_FLG_CONSTTIME);
    return b;
}

Bn bn_param(const EVP_PKEY* pkey, const char* name) {
    BIGNUM* b = nullptr;
    if (EVP_PKEY_get_bn_param(pkey, name, &b) != 1) return nullptr;
    return Bn(b);
}

Bytes public_bytes(const BIGNUM* b) {
    Bytes out(static_cast<std::size_t>(BN_num_bytes(b)));
    BN_bn2bin(b, out.data());
    return out;
}

SecureBytes secret_bytes(const BIGNUM* b) {
    SecureBytes out(static_cast<std::size_t>(BN_num_bytes(b)));
    if (BN_bn2binpad(b, out.data(), static_cast<int>(out.size())) < 0) fail(CKR_FUNCTION_FAILED);
    return out;
}

// The attributes of an RSA key as numbers, in OpenSSL's parameter order.
struct Components {
    Bn n, e, d;
    // p, q, d mod (p-1), d mod (q-1), q^-1 mod p: all present or all absent.
    std::array<Bn, 5> crt;
    bool has_crt() const { return crt[0] != nullptr; }
};

constexpr std::array<CK_ATTRIBUTE_TYPE, 5> kCrtAttributes = {
    CKA_PRIME_1, CKA_PRIME_2, CKA_EXPONENT_1, CKA_EXPONENT_2, CKA_COEFFICIENT};
constexpr std::array<const char*, 5> kCrtParams = {
    OSSL_PKEY_PARAM_RSA_FACTOR1, OSSL_PKEY_PARAM_RSA_FACTOR2, OSSL_PKEY_PARAM_RSA_EXPONENT1,
    OSSL_PKEY_PARAM_RSA_EXPONENT2, OSSL_PKEY_PARAM_RSA_COEFFICIENT1};

// An empty value counts as absent: some clients send every attribute and leave unused ones empty.
std::optional<ByteView> value_of(const Object& obj, CK_ATTRIBUTE_TYPE type) {
    auto v = obj.get(type);
    if (v && v->empty()) return std::nullopt;
    return v;
}

// A value the key cannot do without: absent is an incomplete template, empty an invalid value.
ByteView required_value(const Object& obj, CK_ATTRIBUTE_TYPE type) {
    const auto v = obj.get(type);
    if (!v) fail(CKR_TEMPLATE_INCOMPLETE);
    if (v->empty()) fail(CKR_ATTRIBUTE_VALUE_INVALID);
    return *v;
}

Components read_components(const Object& obj, bool priv) {
    Components c;
    c.n = bn_from(required_value(obj, CKA_MODULUS), false);
    c.e = bn_from(required_value(obj, CKA_PUBLIC_EXPONENT), false);
    if (!priv) return c;
    c.d = bn_from(required_value(obj, CKA_PRIVATE_EXPONENT), true);
    std::size_t present = 0;
    for (std::size_t i = 0; i < kCrtAttributes.size(); ++i) {
        if (const auto v = value_of(obj, kCrtAttributes[i])) {
            c.crt[i] = bn_from(*v, true);
            ++present;
        }
    }
    // A partial CRT set cannot be used and would be stored unchecked.
    if (present != 0 && present != kCrtAttributes.size()) fail(CKR_TEMPLATE_INCOMPLETE);
    return c;
}

Pkey build_pkey(const Components& c, bool priv) {
    OSSL_PARAM_BLD* bld = OSSL_PARAM_BLD_new();
    if (bld == nullptr) fail(CKR_HOST_MEMORY);
    bool ok = OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_N, c.n.get()) == 1 &&
              OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_E, c.e.get()) == 1;
    if (priv) {
        ok = ok && OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_D, c.d.get()) == 1;
        if (c.has_crt()) {
            for (std::size_t i = 0; i < c.crt.size(); ++i) {
                ok = ok && OSSL_PARAM_BLD_push_BN(bld, kCrtParams[i], c.crt[i].get()) == 1;
            }
        }
    }
    OSSL_PARAM* params = ok ? OSSL_PARAM_BLD_to_param(bld) : nullptr;
    OSSL_PARAM_BLD_free(bld);
    if (params == nullptr) fail(CKR_HOST_MEMORY);
    EVP_PKEY* pkey = nullptr;
    PkeyCtx ctx(EVP_PKEY_CTX_new_from_name(libctx(), rng::kRsaKeyType, nullptr));
    ok = ctx && EVP_PKEY_fromdata_init(ctx.get()) == 1 &&
         EVP_PKEY_fromdata(ctx.get(), &pkey, priv ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY,
                           params) == 1;
    OSSL_PARAM_free(params);  // frees (and wipes) the secure-heap block holding private values
    if (!ok) {
        ERR_clear_error();
        fail(CKR_ATTRIBUTE_VALUE_INVALID);
    }
    return Pkey(pkey);
}

Bytes spki_of(EVP_PKEY* pkey) {
    // The encoder knows OpenSSL's RSA type only (pkey_retype.h).
    const Pkey standard(retype(pkey, rng::kStandardRsaKeyType, EVP_PKEY_PUBLIC_KEY));
    const int len = standard ? i2d_PUBKEY(standard.get(), nullptr) : 0;
    if (len <= 0) fail(CKR_FUNCTION_FAILED);
    Bytes out(static_cast<std::size_t>(len));
    unsigned char* p = out.data();
    if (i2d_PUBKEY(standard.get(), &p) != len) fail(CKR_FUNCTION_FAILED);
    return out;
}

std::shared_ptr<const RsaKey> make_key(Pkey pkey, bool priv) {
    auto key = std::make_shared<const RsaKey>(pkey.get(), priv);
    pkey.release();
    return key;
}

void prime_cache(const Object& obj, std::shared_ptr<const RsaKey> key) {
    obj.parsed([&](const Object&) -> std::shared_ptr<const KeyMaterial> { return key; });
}

// Public values every RSA key must satisfy: modulus size in the import range, odd modulus, and
// an odd public exponent 3 <= e < min(n, 2^256) (FIPS 186-5's upper bound; larger exponents
// only make verification slower).
void check_public_values(const Components& c) {
    const int bits = BN_num_bits(c.n.get());
    if (bits < static_cast<int>(kMinImportBits) || bits > static_cast<int>(kMaxImportBits) ||
        !BN_is_odd(c.n.get())) {
        fail(CKR_ATTRIBUTE_VALUE_INVALID);
    }
    if (!BN_is_odd(c.e.get()) || BN_cmp(c.e.get(), BN_value_one()) <= 0 ||
        BN_num_bits(c.e.get()) > 256 || BN_cmp(c.e.get(), c.n.get()) >= 0) {
        fail(CKR_ATTRIBUTE_VALUE_INVALID);
    }
}

// With CRT values present: n = p*q and every CRT value agrees with d, e, p and q. OpenSSL falls
// back to the plain exponent when a CRT result does not verify, so inconsistent CRT values would
// otherwise go unnoticed. Primality of p and q is not tested (hundreds of milliseconds per key);
// a key whose factors are not prime hurts only whoever imported it.
bool crt_consistent(const Components& c) {
    std::unique_ptr<BN_CTX, BnCtxFree> ctx(BN_CTX_secure_new());
    Bn t(BN_secure_new()), p1(BN_secure_new()), q1(BN_secure_new());
    if (!ctx || !t || !p1 || !q1) fail(CKR_HOST_MEMORY);
    for (BIGNUM* b : {t.get(), p1.get(), q1.get()}) BN_set_flags(b, BN_FLG_CONSTTIME);
    const BIGNUM *p = c.crt[0].get(), *q = c.crt[1].get(), *dp = c.crt[2].get(),
                 *dq = c.crt[3].get(), *qinv = c.crt[4].get();
    BN_CTX* x = ctx.get();
    if (BN_cmp(p, BN_value_one()) <= 0 || BN_cmp(q, BN_value_one()) <= 0) return false;
    if (BN_mul(t.get(), p, q, x) != 1 || BN_cmp(t.get(), c.n.get()) != 0) return false;
    if (BN_copy(p1.get(), p) == nullptr || BN_sub_word(p1.get(), 1) != 1) return false;
    if (BN_copy(q1.get(), q) == nullptr || BN_sub_word(q1.get(), 1) != 1) return false;
    if (BN_mod(t.get(), c.d.get(), p1.get(), x) != 1 || BN_cmp(t.get(), dp) != 0) return false;
    if (BN_mod(t.get(), c.d.get(), q1.get(), x) != 1 || BN_cmp(t.get(), dq) != 0) return false;
    if (BN_cmp(qinv, p) >= 0) return false;
    if (BN_mod_mul(t.get(), qinv, q, p, x) != 1 || !BN_is_one(t.get())) return false;
    if (BN_mod_mul(t.get(), c.e.get(), dp, p1.get(), x) != 1 || !BN_is_one(t.get())) return false;
    if (BN_mod_mul(t.get(), c.e.get(), dq, q1.get(), x) != 1 || !BN_is_one(t.get())) return false;
    return true;
}

// Without CRT values the only check is that d inverts e: a raw round trip of a random value.
bool round_trip(EVP_PKEY* pkey) {
    const auto k = static_cast<std::size_t>(EVP_PKEY_get_size(pkey));
    SecureBytes m(k), c(k), back(k);
    rng::random_bytes({m.data() + 1, k - 1});
    m[0] = 0;  // below 2^(8(k-1)) <= n
    PkeyCtx ctx(EVP_PKEY_CTX_new_from_pkey(libctx(), pkey, nullptr));
    std::size_t clen = k, blen = k;
    const bool ok =
        ctx && EVP_PKEY_encrypt_init(ctx.get()) == 1 && set_padding(ctx.get(), RSA_NO_PADDING) &&
        EVP_PKEY_encrypt(ctx.get(), c.data(), &clen, m.data(), k) == 1 &&
        EVP_PKEY_decrypt_init(ctx.get()) == 1 && set_padding(ctx.get(), RSA_NO_PADDING) &&
        EVP_PKEY_decrypt(ctx.get(), back.data(), &blen, c.data(), clen) == 1 && blen == k;
    return ok && constant_time_equal(m, back);
}

void check_with_openssl(EVP_PKEY* pkey, bool priv) {
    PkeyCtx ctx(EVP_PKEY_CTX_new_from_pkey(libctx(), pkey, nullptr));
    if (!ctx) fail(CKR_HOST_MEMORY);
    // SP 800-56B public-key checks: small factors, n not a prime or prime power.
    bool ok = EVP_PKEY_public_check(ctx.get()) == 1;
    if (priv) ok = ok && EVP_PKEY_private_check(ctx.get()) == 1;
    if (!ok) {
        ERR_clear_error();
        fail(CKR_ATTRIBUTE_VALUE_INVALID);
    }
}

std::shared_ptr<const KeyMaterial> build_from_attributes(const Object& obj) {
    const bool priv = obj.object_class() == CKO_PRIVATE_KEY;
    return make_key(build_pkey(read_components(obj, priv), priv), priv);
}

void set_public_key_info(Object& obj, const Bytes& spki) {
    // A caller-supplied value must describe this key; otherwise the attribute would lie.
    if (const auto given = value_of(obj, CKA_PUBLIC_KEY_INFO)) {
        if (!std::equal(given->begin(), given->end(), spki.begin(), spki.end())) {
            fail(CKR_ATTRIBUTE_VALUE_INVALID);
        }
    }
    obj.set(CKA_PUBLIC_KEY_INFO, spki);
}

}  // namespace

RsaKey::RsaKey(EVP_PKEY* pkey, bool has_private)
    : pkey_(pkey),
      has_private_(has_private),
      bits_(EVP_PKEY_get_bits(pkey)),
      size_(static_cast<std::size_t>(EVP_PKEY_get_size(pkey))) {}

RsaKey::~RsaKey() {
    EVP_PKEY_free(pkey_);
}

RsaKeyPtr key_of(const Object& obj) {
    auto parsed = obj.parsed(build_from_attributes);
    auto key = std::dynamic_pointer_cast<const RsaKey>(parsed);
    if (!key) fail(CKR_GENERAL_ERROR, "RSA object without an RSA parsed form");
    return key;
}

RsaKeyPtr key_for(const Object& obj, CK_OBJECT_CLASS cls, CK_ULONG min_bits) {
    if (obj.object_class() != cls) fail(CKR_KEY_TYPE_INCONSISTENT);
    RsaKeyPtr key = key_of(obj);
    if (key->bits() < static_cast<int>(min_bits)) fail(CKR_KEY_SIZE_RANGE);
    return key;
}

EVP_PKEY_CTX* new_ctx(const RsaKey& key) {
    EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_pkey(libctx(), key.pkey(), nullptr);
    if (ctx == nullptr) fail(CKR_HOST_MEMORY);
    return ctx;
}

void complete_import(Object& obj) {
    const CK_OBJECT_CLASS cls = obj.object_class();
    if (cls != CKO_PUBLIC_KEY && cls != CKO_PRIVATE_KEY) return;
    const bool priv = cls == CKO_PRIVATE_KEY;
    // C_UnwrapKey validates its template before the key value exists; decode_private fills it
    // in and this runs again. C_CreateObject has already required the values.
    if (priv && !obj.has(CKA_MODULUS) && !obj.has(CKA_PRIVATE_EXPONENT)) return;

    const Components c = read_components(obj, priv);
    check_public_values(c);
    if (priv && (BN_cmp(c.d.get(), BN_value_one()) <= 0 || BN_cmp(c.d.get(), c.n.get()) >= 0)) {
        fail(CKR_ATTRIBUTE_VALUE_INVALID);
    }
    if (priv && c.has_crt() && !crt_consistent(c)) fail(CKR_ATTRIBUTE_VALUE_INVALID);
    Pkey pkey = build_pkey(c, priv);
    check_with_openssl(pkey.get(), priv);
    if (priv && !c.has_crt() && !round_trip(pkey.get())) {
        ERR_clear_error();
        fail(CKR_ATTRIBUTE_VALUE_INVALID);
    }
    set_public_key_info(obj, spki_of(pkey.get()));
    if (!priv) obj.set_ulong(CKA_MODULUS_BITS, static_cast<CK_ULONG>(BN_num_bits(c.n.get())));
    prime_cache(obj, make_key(std::move(pkey), priv));
}

SecureBytes encode_private(const Object& priv) {
    // PKCS#8's RSAPrivateKey has no form without the CRT values.
    if (!value_of(priv, CKA_PRIME_1)) fail(CKR_KEY_NOT_WRAPPABLE);
    const RsaKeyPtr key = key_of(priv);
    // The encoder knows OpenSSL's RSA type only (pkey_retype.h).
    const Pkey standard(retype(key->pkey(), rng::kStandardRsaKeyType, EVP_PKEY_KEYPAIR));
    PKCS8_PRIV_KEY_INFO* p8 = standard ? EVP_PKEY2PKCS8(standard.get()) : nullptr;
    if (p8 == nullptr) {
        ERR_clear_error();
        fail(CKR_KEY_NOT_WRAPPABLE);
    }
    const int len = i2d_PKCS8_PRIV_KEY_INFO(p8, nullptr);
    SecureBytes out(len > 0 ? static_cast<std::size_t>(len) : 0);
    unsigned char* p = out.data();
    const bool ok = len > 0 && i2d_PKCS8_PRIV_KEY_INFO(p8, &p) == len;
    PKCS8_PRIV_KEY_INFO_free(p8);
    if (!ok) fail(CKR_FUNCTION_FAILED);
    return out;
}

void decode_private(ByteView encoded, Object& priv) {
    const unsigned char* p = encoded.data();
    PKCS8_PRIV_KEY_INFO* p8 =
        d2i_PKCS8_PRIV_KEY_INFO(nullptr, &p, static_cast<long>(encoded.size()));
    const bool whole = p8 != nullptr && p == encoded.data() + encoded.size();
    Pkey pkey(whole ? EVP_PKCS82PKEY(p8) : nullptr);
    PKCS8_PRIV_KEY_INFO_free(p8);
    if (!pkey || !EVP_PKEY_is_a(pkey.get(), "RSA")) {
        ERR_clear_error();
        fail(CKR_WRAPPED_KEY_INVALID);
    }
    const Bn n = bn_param(pkey.get(), OSSL_PKEY_PARAM_RSA_N);
    const Bn e = bn_param(pkey.get(), OSSL_PKEY_PARAM_RSA_E);
    const Bn d = bn_param(pkey.get(), OSSL_PKEY_PARAM_RSA_D);
    if (!n || !e || !d) fail(CKR_WRAPPED_KEY_INVALID);
    priv.set(CKA_MODULUS, public_bytes(n.get()));
    priv.set(CKA_PUBLIC_EXPONENT, public_bytes(e.get()));
    priv.set(CKA_PRIVATE_EXPONENT, secret_bytes(d.get()));
    for (std::size_t i = 0; i < kCrtAttributes.size(); ++i) {
        if (const Bn v = bn_param(pkey.get(), kCrtParams[i])) {
            priv.set(kCrtAttributes[i], secret_bytes(v.get()));
        }
    }
    ERR_clear_error();
}

void store_generated(EVP_PKEY* pkey, Object& pub, Object& priv) {
    Components c;
    c.n = bn_param(pkey, OSSL_PKEY_PARAM_RSA_N);
    c.e = bn_param(pkey, OSSL_PKEY_PARAM_RSA_E);
    c.d = bn_param(pkey, OSSL_PKEY_PARAM_RSA_D);
    for (std::size_t i = 0; i < c.crt.size(); ++i) c.crt[i] = bn_param(pkey, kCrtParams[i]);
    if (!c.n || !c.e || !c.d ||
        !std::all_of(c.crt.begin(), c.crt.end(), [](const Bn& b) { return b != nullptr; })) {
        fail(CKR_FUNCTION_FAILED);
    }
    const Bytes n = public_bytes(c.n.get());
    const Bytes e = public_bytes(c.e.get());
    const Bytes spki = spki_of(pkey);
    for (Object* o : {&pub, &priv}) {
        o->set(CKA_MODULUS, n);
        o->set(CKA_PUBLIC_EXPONENT, e);
        o->set(CKA_PUBLIC_KEY_INFO, spki);
    }
    pub.set_ulong(CKA_MODULUS_BITS, static_cast<CK_ULONG>(BN_num_bits(c.n.get())));
    priv.set(CKA_PRIVATE_EXPONENT, secret_bytes(c.d.get()));
    for (std::size_t i = 0; i < kCrtAttributes.size(); ++i) {
        priv.set(kCrtAttributes[i], secret_bytes(c.crt[i].get()));
    }
    // The public object gets its own public-only key: it may outlive the private one and must
    // not keep private material alive in memory.
    prime_cache(pub, make_key(build_pkey(c, false), false));
    if (EVP_PKEY_up_ref(pkey) != 1) fail(CKR_FUNCTION_FAILED);
    prime_cache(priv, make_key(Pkey(pkey), true));
}

}  // namespace craton::mech::rsa
