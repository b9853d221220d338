// ACVP PBKDF (SP 800-132) and HKDF-1.0 (RFC 5869 / SP 800-56C extract-then-expand) through
// OpenSSL's EVP_KDF, as the module's PIN hashing (PBKDF2) and CKM_HKDF_DERIVE use them.
#include <openssl/core_names.h>
#include <openssl/params.h>
#include <openssl/kdf.h>

#include <memory>

#include "certified/acvp/families.h"
#include "certified/acvp/registry.h"

namespace craton::acvp {
namespace {

// ACVP hash names to OpenSSL's.
std::string evp_digest(const std::string& acvp) {
    if (acvp == "SHA-1") return "SHA1";
    return acvp;
}

// OpenSSL treats an octet-string parameter with a null pointer as absent ("missing key"), but
// ACVP tests empty IKM, salt and info; an empty value must still point somewhere.
void* data_of(Bytes& b) {
    static std::uint8_t empty = 0;
    return b.empty() ? &empty : b.data();
}

Bytes derive(const char* kdf_name, OSSL_PARAM* params, std::size_t out_len) {
    std::unique_ptr<EVP_KDF, decltype(&EVP_KDF_free)> kdf(EVP_KDF_fetch(nullptr, kdf_name, nullptr),
                                                          EVP_KDF_free);
    if (!kdf) throw std::runtime_error(std::string(kdf_name) + " unavailable");
    std::unique_ptr<EVP_KDF_CTX, decltype(&EVP_KDF_CTX_free)> ctx(EVP_KDF_CTX_new(kdf.get()),
                                                                  EVP_KDF_CTX_free);
    Bytes out(out_len);
    if (!ctx || EVP_KDF_derive(ctx.get(), out.data(), out.size(), params) != 1) {
        throw std::runtime_error(std::string(kdf_name) + " derivation failed");
    }
    return out;
}

json pbkdf_group(const json& group, GroupContext& ctx) {
    std::string digest = evp_digest(str_field(group, "hmacAlg"));
    return run_each_test(group, ctx, [&](const json& test) {
        // The password is plain text in ACVP PBKDF files (not hex).
        std::string password = str_field(test, "password");
        Bytes salt = hex_field(test, "salt");
        auto iterations = static_cast<std::uint64_t>(int_field(test, "iterationCount"));
        const long long bits = int_field(test, "keyLen");
        if (bits % 8 != 0) throw Unsupported("keyLen not whole bytes");
        // pkcs5 = 1 turns off OpenSSL's SP 800-132 lower-bound checks (salt >= 128 bits,
        // key >= 112 bits, >= 1000 iterations): ACVP tests the primitive below those bounds,
        // and the module applies its own floors where it uses PBKDF2 (PIN hashing).
        int no_checks = 1;
        OSSL_PARAM params[] = {
            OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_PASSWORD, password.data(),
                                              password.size()),
            OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, salt.data(), salt.size()),
            OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_ITER, &iterations),
            OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest.data(), 0),
            OSSL_PARAM_construct_int(OSSL_KDF_PARAM_PKCS5, &no_checks),
            OSSL_PARAM_construct_end()};
        const Bytes dk = derive("PBKDF2", params, static_cast<std::size_t>(bits / 8));
        return json{{"derivedKey", to_hex(dk)}};
    });
}

json hkdf_group(const json& group, GroupContext& ctx) {
    std::string digest = evp_digest(str_field(group, "hmacAlg"));
    return run_each_test(group, ctx, [&](const json& test) {
        Bytes ikm = hex_field(test, "inputKeyingMaterial");
        Bytes salt = hex_field(test, "salt");
        Bytes info = hex_field(test, "otherInfo");
        // HKDF-1.0 gives keyLength in bytes (the vector README's exception to bit lengths).
        const auto out_len = static_cast<std::size_t>(int_field(test, "keyLength"));
        OSSL_PARAM params[] = {
            OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest.data(), 0),
            OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, data_of(ikm), ikm.size()),
            OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, data_of(salt), salt.size()),
            OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, data_of(info), info.size()),
            OSSL_PARAM_construct_end()};
        return json{{"derivedKey", to_hex(derive("HKDF", params, out_len))}};
    });
}

}  // namespace

void register_kdf(Registry& r) {
    r.add({"PBKDF", "", "1.0", pbkdf_group, {}});
    r.add({"HKDF", "", "1.0", hkdf_group, {}});
}

}  // namespace craton::acvp
