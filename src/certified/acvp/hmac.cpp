// ACVP HMAC (FIPS 198-1), revisions 1.0 and 2.0: HMAC through OpenSSL's EVP_MAC as the
// module's CKM_*_HMAC mechanisms compute it, truncated to macLen bits.
#include <openssl/core_names.h>
#include <openssl/params.h>
#include <openssl/evp.h>

#include <memory>

#include "certified/acvp/families.h"
#include "certified/acvp/registry.h"

namespace craton::acvp {
namespace {

Bytes hmac(const char* digest, const Bytes& key, const Bytes& msg) {
    std::unique_ptr<EVP_MAC, decltype(&EVP_MAC_free)> mac(EVP_MAC_fetch(nullptr, "HMAC", nullptr),
                                                          EVP_MAC_free);
    if (!mac) throw std::runtime_error("HMAC unavailable");
    std::unique_ptr<EVP_MAC_CTX, decltype(&EVP_MAC_CTX_free)> ctx(EVP_MAC_CTX_new(mac.get()),
                                                                  EVP_MAC_CTX_free);
    OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, const_cast<char*>(digest), 0),
        OSSL_PARAM_construct_end()};
    Bytes out(EVP_MAX_MD_SIZE);
    std::size_t n = 0;
    if (!ctx || EVP_MAC_init(ctx.get(), key.data(), key.size(), params) != 1 ||
        EVP_MAC_update(ctx.get(), msg.data(), msg.size()) != 1 ||
        EVP_MAC_final(ctx.get(), out.data(), &n, out.size()) != 1) {
        throw std::runtime_error(std::string("HMAC-") + digest + " failed");
    }
    out.resize(n);
    return out;
}

GroupRunner hmac_runner(const char* digest) {
    return [digest](const json& group, GroupContext& ctx) {
        return run_each_test(group, ctx, [&](const json& test) {
            const long long key_bits = int_field(test, "keyLen");
            const long long msg_bits = int_field(test, "msgLen");
            if (key_bits % 8 != 0 || msg_bits % 8 != 0) throw Unsupported("bit-oriented HMAC");
            Bytes key = hex_field(test, "key");
            Bytes msg = hex_field(test, "msg");
            key.resize(static_cast<std::size_t>(key_bits / 8));
            msg.resize(static_cast<std::size_t>(msg_bits / 8));
            const Bytes mac = hmac(digest, key, msg);
            return json{{"mac", to_hex(take_bits(mac, int_field(test, "macLen")))}};
        });
    };
}

struct HmacAlg {
    const char* acvp;
    const char* evp;
};
constexpr HmacAlg kHmacs[] = {
    {"HMAC-SHA-1", "SHA1"},          {"HMAC-SHA2-224", "SHA2-224"},
    {"HMAC-SHA2-256", "SHA2-256"},   {"HMAC-SHA2-384", "SHA2-384"},
    {"HMAC-SHA2-512", "SHA2-512"},   {"HMAC-SHA2-512/224", "SHA2-512/224"},
    {"HMAC-SHA2-512/256", "SHA2-512/256"}, {"HMAC-SHA3-224", "SHA3-224"},
    {"HMAC-SHA3-256", "SHA3-256"},   {"HMAC-SHA3-384", "SHA3-384"},
    {"HMAC-SHA3-512", "SHA3-512"},
};

}  // namespace

void register_hmac(Registry& r) {
    for (const auto& h : kHmacs) {
        r.add({h.acvp, "", "1.0", hmac_runner(h.evp), {}});
        r.add({h.acvp, "", "2.0", hmac_runner(h.evp), {}});
    }
}

}  // namespace craton::acvp
