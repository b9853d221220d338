#include "mech/aes_key.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/params.h>

#include <algorithm>
#include <cstdlib>
#include <string>

#include "audit/module_events.h"
#include "core/error.h"
#include "core/log.h"

namespace craton::mech::aes {
namespace {

constexpr std::uint64_t kGcmInvocationLimit = std::uint64_t{1} << 32;

std::size_t size_index(std::size_t key_bytes) {
    switch (key_bytes) {
        case 16:
            return 0;
        case 24:
            return 1;
        case 32:
            return 2;
        default:
            fail(CKR_KEY_SIZE_RANGE);
    }
}

// EVP_CIPHER objects are fetched once per algorithm and key size: fetching per operation is
// measurable cost.
const EVP_CIPHER* cipher_for(Use use, std::size_t key_bytes) {
    struct Table {
        std::array<std::array<EVP_CIPHER*, 3>, static_cast<std::size_t>(Use::Count)> c{};
        Table() {
            static constexpr const char* kSuffix[] = {
                "ECB", "ECB", "CBC", "CBC", "CTR", "GCM", "WRAP", "WRAP", "WRAP-PAD", "WRAP-PAD"};
            static constexpr int kBits[] = {128, 192, 256};
            for (std::size_t u = 0; u < c.size(); ++u) {
                for (std::size_t k = 0; k < 3; ++k) {
                    const std::string name = "AES-" + std::to_string(kBits[k]) + "-" + kSuffix[u];
                    c[u][k] = EVP_CIPHER_fetch(nullptr, name.c_str(), nullptr);
                }
            }
        }
    };
    static const Table table;
    const EVP_CIPHER* cipher = table.c[static_cast<std::size_t>(use)][size_index(key_bytes)];
    if (cipher == nullptr) fail(CKR_GENERAL_ERROR, "AES cipher unavailable");
    return cipher;
}

bool decrypts(Use use) {
    return use == Use::EcbDecrypt || use == Use::CbcDecrypt || use == Use::WrapDecrypt ||
           use == Use::WrapPadDecrypt;
}

std::uint64_t configured_gcm_limit() {
#ifdef CRATON_TEST_HOOKS
    // Test-hook builds let a test reach the limit without 2^32 encryptions; the value can
    // only lower the limit. Release builds have no such switch.
    if (const char* v = std::getenv("CRATON_TEST_GCM_INVOCATION_LIMIT"); v != nullptr) {
        char* end = nullptr;
        const unsigned long long n = std::strtoull(v, &end, 10);
        if (end != v && *end == '\0' && n > 0 && n < kGcmInvocationLimit) return n;
    }
#endif
    return kGcmInvocationLimit;
}

}  // namespace

AesKey::AesKey(ByteView value)
    : key_(value.begin(), value.end()), gcm_limit_(configured_gcm_limit()) {
    (void)size_index(key_.size());
}

AesKey::~AesKey() {
    for (EVP_CIPHER_CTX* c : prepared_) EVP_CIPHER_CTX_free(c);
    EVP_MAC_CTX_free(cmac_);
}

const EVP_CIPHER_CTX* AesKey::prepared(Use use) const {
    const auto i = static_cast<std::size_t>(use);
    std::call_once(once_[i], [&] {
        CipherCtx ctx(EVP_CIPHER_CTX_new());
        if (!ctx) fail(CKR_HOST_MEMORY);
        EVP_CIPHER_CTX_set_flags(ctx.get(), EVP_CIPHER_CTX_FLAG_WRAP_ALLOW);
        if (EVP_CipherInit_ex2(ctx.get(), cipher_for(use, key_.size()), key_.data(), nullptr,
                               decrypts(use) ? 0 : 1, nullptr) != 1) {
            fail(CKR_FUNCTION_FAILED, "AES key setup failed");
        }
        if (use == Use::EcbEncrypt || use == Use::EcbDecrypt || use == Use::CbcEncrypt ||
            use == Use::CbcDecrypt) {
            EVP_CIPHER_CTX_set_padding(ctx.get(), 0);
        }
        prepared_[i] = ctx.release();
    });
    return prepared_[i];
}

CipherCtx AesKey::context(Use use) const {
    const EVP_CIPHER_CTX* tmpl = prepared(use);
    CipherCtx ctx(EVP_CIPHER_CTX_new());
    if (!ctx) fail(CKR_HOST_MEMORY);
    if (EVP_CIPHER_CTX_copy(ctx.get(), tmpl) != 1) fail(CKR_FUNCTION_FAILED);
    return ctx;
}

MacCtx AesKey::cmac() const {
    std::call_once(cmac_once_, [&] {
        static EVP_MAC* const mac = EVP_MAC_fetch(nullptr, "CMAC", nullptr);
        if (mac == nullptr) fail(CKR_GENERAL_ERROR, "CMAC unavailable");
        MacCtx ctx(EVP_MAC_CTX_new(mac));
        if (!ctx) fail(CKR_HOST_MEMORY);
        static constexpr const char* kCbc[] = {"AES-128-CBC", "AES-192-CBC", "AES-256-CBC"};
        const OSSL_PARAM params[] = {
            OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_CIPHER,
                                             const_cast<char*>(kCbc[size_index(key_.size())]), 0),
            OSSL_PARAM_construct_end()};
        if (EVP_MAC_init(ctx.get(), key_.data(), key_.size(), params) != 1) {
            fail(CKR_FUNCTION_FAILED, "CMAC key setup failed");
        }
        cmac_ = ctx.release();
    });
    MacCtx ctx(EVP_MAC_CTX_dup(cmac_));
    if (!ctx) fail(CKR_HOST_MEMORY);
    return ctx;
}

void AesKey::count_gcm_encryption(CK_OBJECT_HANDLE handle) const {
    const std::uint64_t n = gcm_count_.fetch_add(1, std::memory_order_relaxed) + 1;
    if (n > gcm_limit_) {
        audit::notice({.op = "gcm_limit_reached",
                       .mechanism = "AES-GCM",
                       .key = handle,
                       .rv = CKR_KEY_FUNCTION_NOT_PERMITTED,
                       .detail = "SP 800-38D invocation limit reached"});
        fail(CKR_KEY_FUNCTION_NOT_PERMITTED,
             "AES-GCM key " + std::to_string(handle) + " has reached its invocation limit");
    }
    if (n == gcm_limit_ - gcm_limit_ / 10) {
        log::warn("AES-GCM key " + std::to_string(handle) + " has used " + std::to_string(n) +
                  " of its " + std::to_string(gcm_limit_) +
                  " encryptions (SP 800-38D limit); rotate the key");
        audit::notice({.op = "gcm_limit_warning",
                       .mechanism = "AES-GCM",
                       .key = handle,
                       .detail = std::to_string(n) + " of " + std::to_string(gcm_limit_) +
                                 " encryptions used"});
    }
}

std::shared_ptr<const AesKey> aes_key_of(const Object& key) {
    auto parsed = key.parsed([](const Object& o) -> std::shared_ptr<const KeyMaterial> {
        const auto value = o.get(CKA_VALUE);
        if (!value) fail(CKR_KEY_TYPE_INCONSISTENT);
        return std::make_shared<const AesKey>(*value);
    });
    auto aes = std::dynamic_pointer_cast<const AesKey>(parsed);
    if (!aes) fail(CKR_KEY_TYPE_INCONSISTENT);
    return aes;
}

void set_iv(EVP_CIPHER_CTX* ctx, const std::uint8_t* iv, int enc) {
    if (EVP_CipherInit_ex2(ctx, nullptr, nullptr, iv, enc, nullptr) != 1) {
        fail(CKR_FUNCTION_FAILED);
    }
}

void wipe(void* p, std::size_t n) noexcept {
    if (p != nullptr && n != 0) OPENSSL_cleanse(p, n);
}

Bytes check_value(ByteView key_value) {
    CipherCtx ctx(EVP_CIPHER_CTX_new());
    if (!ctx) fail(CKR_HOST_MEMORY);
    const std::uint8_t zero[kBlock] = {};
    std::uint8_t out[kBlock];
    int n = 0;
    if (EVP_EncryptInit_ex2(ctx.get(), cipher_for(Use::EcbEncrypt, key_value.size()),
                            key_value.data(), nullptr, nullptr) != 1 ||
        EVP_EncryptUpdate(ctx.get(), out, &n, zero, kBlock) != 1 || n != kBlock) {
        fail(CKR_FUNCTION_FAILED);
    }
    return Bytes(out, out + 3);
}

std::size_t cipher_update(EVP_CIPHER_CTX* ctx, std::uint8_t* out, ByteView in) {
    // Whole blocks per call, so a chunk boundary never splits a block and the sum is exact.
    constexpr std::size_t kChunk = std::size_t{1} << 30;
    std::size_t written = 0;
    for (std::size_t pos = 0; pos < in.size();) {
        const std::size_t n = std::min(kChunk, in.size() - pos);
        int outl = 0;
        if (EVP_CipherUpdate(ctx, out == nullptr ? nullptr : out + written, &outl, in.data() + pos,
                             static_cast<int>(n)) != 1) {
            fail(CKR_FUNCTION_FAILED);
        }
        written += static_cast<std::size_t>(outl);
        pos += n;
    }
    return written;
}

}  // namespace craton::mech::aes
