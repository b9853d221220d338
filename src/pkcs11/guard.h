// The one guard every exported function runs its body in.
//
// It converts anything thrown into a CK_RV: Pkcs11Error carries its own code, allocation
// failure becomes CKR_HOST_MEMORY, and anything else CKR_GENERAL_ERROR (logged without
// detail that could carry secrets). Nothing crosses the C ABI as an exception.
#pragma once

#include <mutex>
#include <utility>

#include <craton/pkcs11/pkcs11.h>

#include "core/error.h"
#include "core/library.h"
#include "core/log.h"
#include "core/rv_guard.h"
#include "core/secure_bytes.h"

namespace craton::abi {

template <class F>
CK_RV guard(F&& body) noexcept {
    return rv_guard(std::forward<F>(body), [] { log::error("unexpected internal error"); });
}

// Runs `body(hsm)` inside the guard with the module initialised (else the spec's code).
template <class F>
CK_RV call(F&& body) noexcept {
    return guard([&]() -> CK_RV {
        return Library::with([&](Hsm& hsm) -> CK_RV {
            if constexpr (std::is_same_v<std::invoke_result_t<F, Hsm&>, CK_RV>) {
                return body(hsm);
            } else {
                body(hsm);
                return CKR_OK;
            }
        });
    });
}

// An argument error in a call that continues or finishes an operation. The specification
// says such calls end the active operation on any error other than CKR_BUFFER_TOO_SMALL (e.g.
// "a call to C_Digest always terminates the active digest operation unless ..."), and a bad
// pointer is no exception: the operation of `kind` in the session ends, then
// CKR_ARGUMENTS_BAD. An invalid session handle is still reported as such.
[[noreturn]] inline void fail_ending_operation(Hsm& hsm, CK_SESSION_HANDLE session, OpKind kind) {
    SessionPtr s = hsm.session(session);
    {
        std::lock_guard lock(s->mutex());
        s->end(kind);
    }
    fail(CKR_ARGUMENTS_BAD);
}

// A PIN argument. A NULL PIN would mean a protected authentication path, which we lack.
inline ByteView pin_arg(const CK_UTF8CHAR* pin, CK_ULONG len) {
    if (pin == nullptr) fail(CKR_ARGUMENTS_BAD);
    return view(pin, len);
}

// Input data: NULL is only acceptable for zero bytes.
inline ByteView data_arg(const CK_BYTE* data, CK_ULONG len) {
    if (data == nullptr && len != 0) fail(CKR_ARGUMENTS_BAD);
    return data == nullptr ? ByteView{} : view(data, len);
}

// Writes a list of ulongs (slot ids, mechanisms) with the count-based buffer protocol.
template <class T, class Vec>
CK_RV write_list(const Vec& items, T* out, CK_ULONG* count) {
    if (count == nullptr) fail(CKR_ARGUMENTS_BAD);
    if (out == nullptr) {
        *count = items.size();
        return CKR_OK;
    }
    if (*count < items.size()) {
        *count = items.size();
        return CKR_BUFFER_TOO_SMALL;
    }
    for (std::size_t i = 0; i < items.size(); ++i) out[i] = items[i];
    *count = items.size();
    return CKR_OK;
}

}  // namespace craton::abi
