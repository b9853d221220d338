// The table of power-on KATs: order, names and sources (docs/self-tests.md mirrors it).
#include <time.h>

#include <chrono>

#include "selftest/kat.h"
#include "selftest/kat_functions.h"

namespace craton::selftest {
namespace {

using namespace kat;

// The DRBG and the digests run first: the signature KATs' round trips draw from the DRBG and
// several KATs hash their outputs with SHA-256.
const Kat kKats[] = {
    {"hmac-drbg", "HMAC_DRBG SHA2-256: instantiate, reseed, generate x2",
     "ACVP hmacDRBG-SP800-90Ar1 tgId 28", hmac_drbg},
    {"sha-1", "SHA-1", "FIPS 180-4 example 'abc'", sha1},
    {"sha-256", "SHA-256", "FIPS 180-4 example 'abc'", sha256},
    {"sha-384", "SHA-384", "FIPS 180-4 example 'abc'", sha384},
    {"sha-512", "SHA-512", "FIPS 180-4 example 'abc'", sha512},
    {"sha3-256", "SHA3-256", "FIPS 202 example 'abc'", sha3_256},
    {"hmac-sha-256", "HMAC-SHA-256", "RFC 4231 test case 2", hmac_sha256},
    {"aes-gcm-encrypt", "AES-256-GCM encrypt", "Wycheproof aes_gcm_test tcId 100", aes_gcm_encrypt},
    {"aes-gcm-decrypt", "AES-256-GCM decrypt", "Wycheproof aes_gcm_test tcId 100", aes_gcm_decrypt},
    {"aes-cbc-encrypt", "AES-256-CBC encrypt", "ACVP-AES-CBC-1.0 tgId 27 tcId 2100",
     aes_cbc_encrypt},
    {"aes-cbc-decrypt", "AES-256-CBC decrypt", "ACVP-AES-CBC-1.0 tgId 30 tcId 2130",
     aes_cbc_decrypt},
    {"aes-kw-wrap", "AES-256 KW wrap", "RFC 3394 4.6 (Wycheproof aes_wrap_test tcId 165)",
     aes_kw_wrap},
    {"aes-kw-unwrap", "AES-256 KW unwrap", "RFC 3394 4.6 (Wycheproof aes_wrap_test tcId 165)",
     aes_kw_unwrap},
    {"hkdf-sha-256", "HKDF-SHA-256", "RFC 5869 A.1 (Wycheproof hkdf_sha256_test tcId 1)",
     hkdf_sha256},
    {"pbkdf2-sha-256", "PBKDF2-HMAC-SHA-256",
     "RFC 7914 11 (Wycheproof pbkdf2_hmacsha256_test tcId 1)", pbkdf2_sha256},
    {"rsa-pkcs1-sign", "RSA-2048 PKCS#1 v1.5 SHA-256 sign",
     "Wycheproof rsa_pkcs1_2048_sig_gen_test (SHA-256, 'Test')", rsa_pkcs1_sign},
    {"rsa-pkcs1-verify", "RSA-2048 PKCS#1 v1.5 SHA-256 verify",
     "Wycheproof rsa_pkcs1_2048_sig_gen_test (SHA-256, 'Test')", rsa_pkcs1_verify},
    {"rsa-pss-verify", "RSA-2048 PSS SHA-256 verify", "ACVP RSA-SigGen-FIPS186-5 tgId 9 tcId 25",
     rsa_pss_verify},
    {"rsa-pss-sign", "RSA-2048 PSS SHA-256 sign/verify round trip",
     "key of Wycheproof rsa_pkcs1_2048_sig_gen_test", rsa_pss_sign},
    {"ecdsa-p256-sign", "ECDSA P-256 SHA-256 sign (published k) + EVP round trip",
     "ACVP ECDSA-SigGen-FIPS186-5 tgId 14 tcId 131", ecdsa_p256_sign},
    {"ecdsa-p256-verify", "ECDSA P-256 SHA-256 verify",
     "ACVP ECDSA-SigGen-FIPS186-5 tgId 14 tcId 131", ecdsa_p256_verify},
    {"ecdh-p256", "ECDH P-256 shared secret", "Wycheproof ecdh_secp256r1_ecpoint_test tcId 1",
     ecdh_p256},
    {"ed25519-sign", "Ed25519 key derivation and sign", "RFC 8032 7.1 TEST 1", ed25519_sign},
    {"ed25519-verify", "Ed25519 verify", "RFC 8032 7.1 TEST 1", ed25519_verify},
    {"ml-kem",
     "ML-KEM-512 keygen, encaps, decaps",
     "ACVP ML-KEM-keyGen-FIPS203 1/1, ML-KEM-encapDecap-FIPS203 1/1",
     ml_kem,
     {"ml-kem-keygen", "ml-kem-encaps", "ml-kem-decaps"}},
    {"ml-dsa",
     "ML-DSA-44 keygen, deterministic sign, verify",
     "Wycheproof mldsa_44_sign_seed_test tcId 3",
     ml_dsa,
     {"ml-dsa-keygen", "ml-dsa-sign", "ml-dsa-verify"}},
    {"slh-dsa",
     "SLH-DSA-SHA2-192f keygen, sign, verify",
     "ACVP SLH-DSA-sigGen-FIPS205 internalProjection, SHA2-192f case",
     slh_dsa,
     {"slh-dsa-keygen", "slh-dsa-sign", "slh-dsa-verify"}},
};

}  // namespace

std::span<const Kat> all_kats() {
    return kKats;
}

double thread_cpu_ms() noexcept {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) * 1e-6;
}

KatResult run_kat(const Kat& kat) noexcept {
    const double cpu_start = thread_cpu_ms();
    const auto start = std::chrono::steady_clock::now();
    bool passed = false;
    try {
        kat.run();
        passed = true;
    } catch (...) {
        // A KatFailure, a PQC argument exception or an allocation failure: all are failures.
        passed = false;
    }
    const auto end = std::chrono::steady_clock::now();
    return {kat.name, passed, std::chrono::duration<double, std::milli>(end - start).count(),
            thread_cpu_ms() - cpu_start};
}

std::vector<std::string> all_check_names() {
    std::vector<std::string> names;
    for (const Kat& k : kKats) {
        if (k.checks[0] == nullptr) {
            names.emplace_back(k.name);
            continue;
        }
        for (const char* c : k.checks) {
            if (c != nullptr) names.emplace_back(c);
        }
    }
    return names;
}

}  // namespace craton::selftest
