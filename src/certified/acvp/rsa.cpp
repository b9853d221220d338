// ACVP RSA (FIPS 186-5) sigGen and sigVer: RSASSA-PKCS1-v1_5 and RSASSA-PSS with MGF1, through
// OpenSSL EVP in the module's library context, as the module's CKM_*RSA_PKCS / _PSS use it.
//
// sigGen is IUT-generated: the module signs with its own key (one per modulus, made with the
// module's DRBG and reused for the run), so checks are by verification: our signature under our
// (n, e), and the server's sample signature under its (n, e).
#include <openssl/core_names.h>
#include <openssl/param_build.h>
#include <openssl/rsa.h>

#include <map>
#include <memory>
#include <mutex>

#include "certified/acvp/compare.h"
#include "certified/acvp/digest_support.h"
#include "certified/acvp/families.h"
#include "certified/acvp/registry.h"
#include "mech/ec_key.h"

namespace craton::acvp {
namespace {

using mech::ec::PkeyCtxPtr;
using mech::ec::PkeyPtr;

OSSL_LIB_CTX* libctx() {
    return mech::ec::libctx();
}

struct Scheme {
    bool pss;
    std::string hash;  // ACVP name; OpenSSL accepts the same names for SHA-2/SHA-3
    int salt_len;
};

Scheme scheme_of(const json& group) {
    if (group.contains("conformance")) throw Unsupported("SP 800-106 randomized message hashing");
    const std::string type = str_field(group, "sigType");
    Scheme s{type == "pss", str_field(group, "hashAlg"), 0};
    if (type != "pss" && type != "pkcs1v1.5") throw Unsupported("RSA sigType " + type);
    if (s.hash.rfind("SHAKE", 0) == 0) throw Unsupported("RSA with " + s.hash);
    if (s.pss) {
        if (str_field(group, "maskFunction") != "mgf1") {
            throw Unsupported("PSS mask function " + str_field(group, "maskFunction"));
        }
        s.salt_len = static_cast<int>(int_field(group, "saltLen"));
    }
    return s;
}

PkeyCtxPtr context_for(EVP_PKEY* key, const Scheme& s, bool sign) {
    PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_pkey(libctx(), key, nullptr));
    std::unique_ptr<EVP_MD, decltype(&EVP_MD_free)> md(EVP_MD_fetch(nullptr, s.hash.c_str(), nullptr),
                                                       EVP_MD_free);
    if (!md) throw Unsupported("hash " + s.hash);
    bool ok = ctx && (sign ? EVP_PKEY_sign_init(ctx.get()) : EVP_PKEY_verify_init(ctx.get())) == 1 &&
              EVP_PKEY_CTX_set_rsa_padding(ctx.get(),
                                           s.pss ? RSA_PKCS1_PSS_PADDING : RSA_PKCS1_PADDING) == 1 &&
              EVP_PKEY_CTX_set_signature_md(ctx.get(), md.get()) == 1;
    if (ok && s.pss) {
        ok = EVP_PKEY_CTX_set_rsa_mgf1_md(ctx.get(), md.get()) == 1 &&
             EVP_PKEY_CTX_set_rsa_pss_saltlen(ctx.get(), s.salt_len) == 1;
    }
    if (!ok) throw std::runtime_error("RSA context setup");
    return ctx;
}

Bytes sign(EVP_PKEY* key, const Scheme& s, const Bytes& message) {
    const Bytes digest = digest::message_digest(s.hash, message);
    auto ctx = context_for(key, s, true);
    std::size_t len = 0;
    if (EVP_PKEY_sign(ctx.get(), nullptr, &len, digest.data(), digest.size()) != 1) {
        throw std::runtime_error("RSA sign");
    }
    Bytes sig(len);
    if (EVP_PKEY_sign(ctx.get(), sig.data(), &len, digest.data(), digest.size()) != 1) {
        throw std::runtime_error("RSA sign");
    }
    sig.resize(len);
    return sig;
}

PkeyPtr public_key(const Bytes& n, const Bytes& e) {
    std::unique_ptr<OSSL_PARAM_BLD, decltype(&OSSL_PARAM_BLD_free)> bld(OSSL_PARAM_BLD_new(),
                                                                        OSSL_PARAM_BLD_free);
    std::unique_ptr<BIGNUM, decltype(&BN_free)> bn_n(
        BN_bin2bn(n.data(), static_cast<int>(n.size()), nullptr), BN_free);
    std::unique_ptr<BIGNUM, decltype(&BN_free)> bn_e(
        BN_bin2bn(e.data(), static_cast<int>(e.size()), nullptr), BN_free);
    if (!bld || !bn_n || !bn_e || OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_N, bn_n.get()) != 1 ||
        OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_E, bn_e.get()) != 1) {
        throw std::runtime_error("RSA key parameters");
    }
    std::unique_ptr<OSSL_PARAM, decltype(&OSSL_PARAM_free)> params(OSSL_PARAM_BLD_to_param(bld.get()),
                                                                   OSSL_PARAM_free);
    PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(libctx(), "RSA", nullptr));
    EVP_PKEY* key = nullptr;
    if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
        EVP_PKEY_fromdata(ctx.get(), &key, EVP_PKEY_PUBLIC_KEY, params.get()) != 1) {
        throw std::runtime_error("RSA public key");
    }
    return PkeyPtr(key);
}

bool verify(const Bytes& n, const Bytes& e, const Scheme& s, const Bytes& message,
            const Bytes& sig) {
    const auto key = public_key(n, e);
    const Bytes digest = digest::message_digest(s.hash, message);
    auto ctx = context_for(key.get(), s, false);
    return EVP_PKEY_verify(ctx.get(), sig.data(), sig.size(), digest.data(), digest.size()) == 1;
}

// The module's signing key of `bits` bits for this run (RSA key generation is slow, and ACVP
// allows one key per modulus).
EVP_PKEY* signing_key(int bits) {
    static std::mutex mutex;
    static std::map<int, PkeyPtr> keys;
    const std::lock_guard lock(mutex);
    auto& key = keys[bits];
    if (!key) {
        PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(libctx(), "RSA", nullptr));
        EVP_PKEY* made = nullptr;
        if (!ctx || EVP_PKEY_keygen_init(ctx.get()) != 1 ||
            EVP_PKEY_CTX_set_rsa_keygen_bits(ctx.get(), bits) != 1 ||
            EVP_PKEY_generate(ctx.get(), &made) != 1) {
            throw std::runtime_error("RSA key generation");
        }
        key.reset(made);
    }
    return key.get();
}

Bytes bn_param(const EVP_PKEY* key, const char* name) {
    BIGNUM* raw = nullptr;
    if (EVP_PKEY_get_bn_param(key, name, &raw) != 1) throw std::runtime_error("RSA key field");
    std::unique_ptr<BIGNUM, decltype(&BN_free)> bn(raw, BN_free);
    Bytes out(static_cast<std::size_t>(BN_num_bytes(bn.get())));
    BN_bn2bin(bn.get(), out.data());
    return out;
}

json siggen_group(const json& group, GroupContext& ctx) {
    const Scheme s = scheme_of(group);
    EVP_PKEY* key = signing_key(static_cast<int>(int_field(group, "modulo")));
    json out = run_each_test(group, ctx, [&](const json& test) {
        return json{{"signature", to_hex(sign(key, s, hex_field(test, "message")))}};
    });
    out["n"] = to_hex(bn_param(key, OSSL_PKEY_PARAM_RSA_N));
    out["e"] = to_hex(bn_param(key, OSSL_PKEY_PARAM_RSA_E));
    return out;
}

std::string siggen_check(const CaseView& c) {
    const Scheme s = scheme_of(c.prompt_group);
    const Bytes message = hex_field(c.prompt_test, "message");
    if (!verify(hex_field(c.response_group, "n"), hex_field(c.response_group, "e"), s, message,
                hex_field(c.response_test, "signature"))) {
        return "our signature does not verify under our key";
    }
    if (!verify(hex_field(c.expected_group, "n"), hex_field(c.expected_group, "e"), s, message,
                hex_field(c.expected_test, "signature"))) {
        return "the server's signature does not verify under its key";
    }
    return "";
}

json sigver_group(const json& group, GroupContext& ctx) {
    const Scheme s = scheme_of(group);
    const Bytes n = hex_field(group, "n");
    const Bytes e = hex_field(group, "e");
    return run_each_test(group, ctx, [&](const json& test) {
        return json{{"testPassed",
                     verify(n, e, s, hex_field(test, "message"), hex_field(test, "signature"))}};
    });
}

}  // namespace

void register_rsa(Registry& r) {
    r.add({"RSA", "sigGen", "FIPS186-5", siggen_group, siggen_check});
    r.add({"RSA", "sigVer", "FIPS186-5", sigver_group, {}});
}

}  // namespace craton::acvp
