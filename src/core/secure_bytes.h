// Byte buffers for key material and PINs.
//
// SecureBytes allocates from OpenSSL's secure heap (an mlock'ed, MADV_DONTDUMP arena set up by
// Hsm at C_Initialize) and wipes on release; when the arena is full or absent it falls back to
// ordinary memory but still wipes. Public attribute values use plain Bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace craton {

void* secure_allocate(std::size_t n);
void secure_free(void* p, std::size_t n) noexcept;
void secure_wipe(void* p, std::size_t n) noexcept;
// Sets up the locked arena; returns false (and the module runs without it) if mlock fails.
bool secure_heap_init(std::size_t bytes);
bool secure_heap_active() noexcept;

template <class T>
struct SecureAllocator {
    using value_type = T;
    SecureAllocator() noexcept = default;
    template <class U>
    SecureAllocator(const SecureAllocator<U>&) noexcept {}
    T* allocate(std::size_t n) { return static_cast<T*>(secure_allocate(n * sizeof(T))); }
    void deallocate(T* p, std::size_t n) noexcept { secure_free(p, n * sizeof(T)); }
    template <class U>
    bool operator==(const SecureAllocator<U>&) const noexcept {
        return true;
    }
};

using Bytes = std::vector<std::uint8_t>;
using SecureBytes = std::vector<std::uint8_t, SecureAllocator<std::uint8_t>>;
using ByteView = std::span<const std::uint8_t>;

inline ByteView view(const void* p, std::size_t n) {
    return {static_cast<const std::uint8_t*>(p), n};
}
inline SecureBytes to_secure(ByteView v) { return SecureBytes(v.begin(), v.end()); }

// Constant-time equality for secrets (length is not secret).
bool constant_time_equal(ByteView a, ByteView b) noexcept;

}  // namespace craton
