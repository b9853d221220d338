// The OpenSSL baseline: the module cases' cryptographic work done by calling OpenSSL 3
// directly in this process, under the same case names, so run-bench can show how much the
// PKCS#11 layer costs on top of the library underneath (`craton_bench --module=openssl`).
// Keys are prepared once, as a well-written application would; each operation then does
// what one C_*Init + C_* pair must do at least.
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>

#include <cstring>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "bench_cases.h"

namespace craton::bench {
namespace {

struct PkeyFree {
    void operator()(EVP_PKEY* p) const noexcept { EVP_PKEY_free(p); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;

bool ossl(benchmark::State& state, int ok, const char* call) {
    if (ok == 1) return true;
    state.SkipWithError((std::string("failed: ") + call).c_str());
    return false;
}

const EVP_MD* sha256_md() {
    static EVP_MD* md = EVP_MD_fetch(nullptr, "SHA2-256", nullptr);
    return md;
}

void random32(benchmark::State& state) {
    Bytes out(32);
    for (auto _ : state) {
        if (!ossl(state, RAND_bytes(out.data(), static_cast<int>(out.size())), "RAND_bytes")) break;
    }
    report(state, out.size());
}

void sha256(benchmark::State& state, std::size_t length) {
    Bytes data = pattern(length, 5), out(32);
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    for (auto _ : state) {
        unsigned int n = 0;
        const int ok = EVP_DigestInit_ex(ctx, sha256_md(), nullptr) &
                       EVP_DigestUpdate(ctx, data.data(), data.size()) &
                       EVP_DigestFinal_ex(ctx, out.data(), &n);
        if (!ossl(state, ok, "EVP_Digest")) break;
    }
    EVP_MD_CTX_free(ctx);
    report(state, length);
}

void hmac_sha256(benchmark::State& state, std::size_t length) {
    EVP_MAC* mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
    EVP_MAC_CTX* keyed = EVP_MAC_CTX_new(mac);
    Bytes key = pattern(32, 2), data = pattern(length, 6), out(32);
    OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, const_cast<char*>("SHA2-256"), 0),
        OSSL_PARAM_construct_end()};
    if (ossl(state, EVP_MAC_init(keyed, key.data(), key.size(), params), "EVP_MAC_init")) {
        for (auto _ : state) {
            EVP_MAC_CTX* ctx = EVP_MAC_CTX_dup(keyed);
            std::size_t n = 0;
            const int ok = EVP_MAC_update(ctx, data.data(), data.size()) &
                           EVP_MAC_final(ctx, out.data(), &n, out.size());
            EVP_MAC_CTX_free(ctx);
            if (!ossl(state, ok, "EVP_MAC")) break;
        }
    }
    EVP_MAC_CTX_free(keyed);
    EVP_MAC_free(mac);
    report(state, length);
}

void aes_encrypt(benchmark::State& state, std::size_t length, bool gcm) {
    Bytes key = pattern(32, 1), data = pattern(length, 9), out(length + 32), iv(gcm ? 12 : 16, 0);
    EVP_CIPHER* cipher = EVP_CIPHER_fetch(nullptr, gcm ? "AES-256-GCM" : "AES-256-CBC", nullptr);
    EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
    std::uint64_t counter = static_cast<std::uint64_t>(state.thread_index()) << 48;
    // The key schedule is expanded once; each message sets a fresh IV.
    if (ossl(state, EVP_EncryptInit_ex2(ctx, cipher, key.data(), nullptr, nullptr), "init")) {
        for (auto _ : state) {
            ++counter;
            std::memcpy(iv.data() + 4, &counter, sizeof counter);
            int n = 0, m = 0;
            int ok =
                EVP_EncryptInit_ex2(ctx, nullptr, nullptr, iv.data(), nullptr) &
                EVP_EncryptUpdate(ctx, out.data(), &n, data.data(), static_cast<int>(data.size())) &
                EVP_EncryptFinal_ex(ctx, out.data() + n, &m);
            if (gcm) {
                ok &= EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, 16, out.data() + n + m);
            }
            if (!ossl(state, ok, "EVP_Encrypt")) break;
        }
    }
    EVP_CIPHER_CTX_free(ctx);
    EVP_CIPHER_free(cipher);
    report(state, length);
}

EVP_PKEY* generated(const char* name, const std::function<EVP_PKEY*()>& make) {
    static std::mutex mutex;
    static std::map<std::string, Pkey> keys;
    std::lock_guard lock(mutex);
    auto& slot = keys[name];
    if (!slot) slot.reset(make());
    return slot.get();
}

EVP_PKEY* rsa_key(CK_ULONG bits) {
    return generated(("rsa" + std::to_string(bits)).c_str(), [bits] {
        return EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(bits));
    });
}

EVP_PKEY* curve_key(Curve c) {
    switch (c) {
        case Curve::P256:
            return generated("p256",
                             [] { return EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"); });
        case Curve::P384:
            return generated("p384",
                             [] { return EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-384"); });
        case Curve::Ed25519:
            return generated("ed25519",
                             [] { return EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"); });
    }
    return nullptr;
}

// RSA with SHA-256 over a 64-byte message: a digest-sign context per operation, as a module
// needs for each C_SignInit.
int rsa_sign_once(EVP_PKEY* key, bool pss, Bytes& data, Bytes& sig) {
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    EVP_PKEY_CTX* pctx = nullptr;
    std::size_t n = sig.size();
    int ok = EVP_DigestSignInit_ex(ctx, &pctx, "SHA2-256", nullptr, nullptr, key, nullptr);
    if (ok == 1 && pss) {
        ok = EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) &
             EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, 32);
    }
    if (ok == 1) ok = EVP_DigestSign(ctx, sig.data(), &n, data.data(), data.size());
    EVP_MD_CTX_free(ctx);
    sig.resize(n);
    return ok;
}

int rsa_verify_once(EVP_PKEY* key, bool pss, Bytes& data, Bytes& sig) {
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    EVP_PKEY_CTX* pctx = nullptr;
    int ok = EVP_DigestVerifyInit_ex(ctx, &pctx, "SHA2-256", nullptr, nullptr, key, nullptr);
    if (ok == 1 && pss) {
        ok = EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) &
             EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, 32);
    }
    if (ok == 1) ok = EVP_DigestVerify(ctx, sig.data(), sig.size(), data.data(), data.size());
    EVP_MD_CTX_free(ctx);
    return ok;
}

struct RsaCase {
    CK_ULONG bits;
    bool pss;
};

void rsa_sign(benchmark::State& state, RsaCase c) {
    EVP_PKEY* key = rsa_key(c.bits);
    Bytes data = pattern(64, 11), sig;
    for (auto _ : state) {
        sig.resize(c.bits / 8);
        if (!ossl(state, rsa_sign_once(key, c.pss, data, sig), "EVP_DigestSign")) break;
    }
    report(state);
}

void rsa_verify(benchmark::State& state, RsaCase c) {
    EVP_PKEY* key = rsa_key(c.bits);
    Bytes data = pattern(64, 12), sig(c.bits / 8);
    if (!ossl(state, rsa_sign_once(key, c.pss, data, sig), "EVP_DigestSign")) return;
    for (auto _ : state) {
        if (!ossl(state, rsa_verify_once(key, c.pss, data, sig), "EVP_DigestVerify")) break;
    }
    report(state);
}

std::size_t input_length(Curve c) {
    return c == Curve::P384 ? 48 : c == Curve::P256 ? 32 : 64;
}

// ECDSA signs the digest (as CKM_ECDSA does); Ed25519 signs the message in one shot.
int curve_sign_once(EVP_PKEY* key, Curve c, Bytes& data, Bytes& sig) {
    std::size_t n = sig.size();
    int ok = 0;
    if (c == Curve::Ed25519) {
        EVP_MD_CTX* ctx = EVP_MD_CTX_new();
        ok = EVP_DigestSignInit_ex(ctx, nullptr, nullptr, nullptr, nullptr, key, nullptr);
        if (ok == 1) ok = EVP_DigestSign(ctx, sig.data(), &n, data.data(), data.size());
        EVP_MD_CTX_free(ctx);
    } else {
        EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_pkey(nullptr, key, nullptr);
        ok = EVP_PKEY_sign_init(ctx);
        if (ok == 1) ok = EVP_PKEY_sign(ctx, sig.data(), &n, data.data(), data.size());
        EVP_PKEY_CTX_free(ctx);
    }
    sig.resize(n);
    return ok;
}

int curve_verify_once(EVP_PKEY* key, Curve c, Bytes& data, Bytes& sig) {
    int ok = 0;
    if (c == Curve::Ed25519) {
        EVP_MD_CTX* ctx = EVP_MD_CTX_new();
        ok = EVP_DigestVerifyInit_ex(ctx, nullptr, nullptr, nullptr, nullptr, key, nullptr);
        if (ok == 1) ok = EVP_DigestVerify(ctx, sig.data(), sig.size(), data.data(), data.size());
        EVP_MD_CTX_free(ctx);
    } else {
        EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_pkey(nullptr, key, nullptr);
        ok = EVP_PKEY_verify_init(ctx);
        if (ok == 1) ok = EVP_PKEY_verify(ctx, sig.data(), sig.size(), data.data(), data.size());
        EVP_PKEY_CTX_free(ctx);
    }
    return ok;
}

void curve_sign(benchmark::State& state, Curve c) {
    EVP_PKEY* key = curve_key(c);
    Bytes data = pattern(input_length(c), 14), sig;
    for (auto _ : state) {
        sig.resize(132);
        if (!ossl(state, curve_sign_once(key, c, data, sig), "sign")) break;
    }
    report(state);
}

void curve_verify(benchmark::State& state, Curve c) {
    EVP_PKEY* key = curve_key(c);
    Bytes data = pattern(input_length(c), 13), sig(132);
    if (!ossl(state, curve_sign_once(key, c, data, sig), "sign")) return;
    for (auto _ : state) {
        if (!ossl(state, curve_verify_once(key, c, data, sig), "verify")) break;
    }
    report(state);
}

void keygen(benchmark::State& state, const char* what) {
    for (auto _ : state) {
        EVP_PKEY* k = nullptr;
        if (std::strcmp(what, "ec") == 0) k = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
        if (std::strcmp(what, "rsa") == 0) {
            k = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(2048));
        }
        if (k == nullptr) {
            state.SkipWithError("failed: keygen");
            break;
        }
        EVP_PKEY_free(k);
    }
    report(state);
}

}  // namespace

void register_openssl_cases() {
    add("random/32B", random32);
    add("sha256/64B", sha256, 64);
    add("sha256/1KiB", sha256, 1024);
    add("sha256/1MiB", sha256, 1 << 20);
    add("hmac_sha256/1KiB", hmac_sha256, 1024);
    add("aes256_gcm_encrypt/1KiB", aes_encrypt, 1024, true);
    add("aes256_gcm_encrypt/1MiB", aes_encrypt, 1 << 20, true);
    add("aes256_cbc_pad_encrypt/1KiB", aes_encrypt, 1024, false);
    add("aes256_cbc_pad_encrypt/1MiB", aes_encrypt, 1 << 20, false);
    for (CK_ULONG bits : {2048ul, 3072ul}) {
        const std::string rsa = "rsa" + std::to_string(bits);
        add(rsa + "_sign/pkcs1_sha256", rsa_sign, RsaCase{bits, false});
        add(rsa + "_sign/pss_sha256", rsa_sign, RsaCase{bits, true});
        add(rsa + "_verify/pkcs1_sha256", rsa_verify, RsaCase{bits, false});
        add(rsa + "_verify/pss_sha256", rsa_verify, RsaCase{bits, true});
    }
    add("ecdsa_p256_sign", curve_sign, Curve::P256);
    add("ecdsa_p256_verify", curve_verify, Curve::P256);
    add("ecdsa_p384_sign", curve_sign, Curve::P384);
    add("ecdsa_p384_verify", curve_verify, Curve::P384);
    add("ed25519_sign", curve_sign, Curve::Ed25519);
    add("ed25519_verify", curve_verify, Curve::Ed25519);
    add("keygen_ec_p256", keygen, "ec");
    add("keygen_rsa2048", keygen, "rsa")->MinTime(5.0);
    add("mt/ecdsa_p256_sign", curve_sign, Curve::P256)->Threads(1)->Threads(2)->UseRealTime();
    add("mt/aes256_gcm_encrypt/1KiB", aes_encrypt, 1024, true)
        ->Threads(1)
        ->Threads(2)
        ->UseRealTime();
}

}  // namespace craton::bench
