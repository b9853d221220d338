#include "core/secure_bytes.h"

#include <cstdlib>
#include <new>

#include <openssl/crypto.h>

namespace craton {

void* secure_allocate(std::size_t n) {
    if (n == 0) n = 1;
    void* p = nullptr;
    if (CRYPTO_secure_malloc_initialized()) p = OPENSSL_secure_malloc(n);
    if (p == nullptr) p = std::malloc(n);
    if (p == nullptr) throw std::bad_alloc();
    return p;
}

void secure_free(void* p, std::size_t n) noexcept {
    if (p == nullptr) return;
    if (CRYPTO_secure_allocated(p)) {
        OPENSSL_secure_clear_free(p, n);
    } else {
        OPENSSL_cleanse(p, n);
        std::free(p);
    }
}

void secure_wipe(void* p, std::size_t n) noexcept {
    if (p != nullptr && n != 0) OPENSSL_cleanse(p, n);
}

bool secure_heap_init(std::size_t bytes) {
    if (CRYPTO_secure_malloc_initialized()) return true;
    if (bytes == 0) return false;
    // The arena must be a power of two; the minimum chunk of 16 bytes keeps small keys cheap.
    std::size_t size = 1;
    while (size < bytes) size <<= 1;
    return CRYPTO_secure_malloc_init(size, 16) != 0;
}

bool secure_heap_active() noexcept { return CRYPTO_secure_malloc_initialized() != 0; }

bool constant_time_equal(ByteView a, ByteView b) noexcept {
    if (a.size() != b.size()) return false;
    if (a.empty()) return true;
    return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace craton
