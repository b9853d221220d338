// The guard every entry point of the remote module runs its body in, as src/pkcs11/guard.h is
// for the local module: Pkcs11Error becomes its CK_RV, allocation failure CKR_HOST_MEMORY,
// anything else CKR_GENERAL_ERROR. Nothing crosses the C ABI as an exception.
#pragma once

#include <cstring>
#include <utility>

#include <craton/pkcs11/pkcs11.h>

#include "core/error.h"
#include "core/rv_guard.h"

namespace craton::remote {

template <class F>
CK_RV guard(F&& body) noexcept {
    return rv_guard(std::forward<F>(body), [] {});
}

// Bytes of a caller's input buffer; NULL is acceptable only for zero bytes.
inline std::string input(const CK_BYTE* data, CK_ULONG length) {
    if (length == 0) return {};
    if (data == nullptr) fail(CKR_ARGUMENTS_BAD);
    return std::string(reinterpret_cast<const char*>(data), length);
}

// Copies a fixed-width, blank-padded text field of a response into a CK_* structure.
template <std::size_t N>
void copy_field(CK_UTF8CHAR (&out)[N], const std::string& in) {
    std::memset(out, ' ', N);
    std::memcpy(out, in.data(), in.size() < N ? in.size() : N);
}

// Writes a list of handles/ids with the count-based buffer protocol.
template <class T, class List>
CK_RV write_list(const List& items, T* out, CK_ULONG_PTR count) {
    if (count == nullptr) return CKR_ARGUMENTS_BAD;
    const auto n = static_cast<CK_ULONG>(items.size());
    if (out == nullptr) {
        *count = n;
        return CKR_OK;
    }
    if (*count < n) {
        *count = n;
        return CKR_BUFFER_TOO_SMALL;
    }
    for (CK_ULONG i = 0; i < n; ++i) out[i] = static_cast<T>(items[static_cast<int>(i)]);
    *count = n;
    return CKR_OK;
}

}  // namespace craton::remote
