// Runs a body and turns anything it throws into a CK_RV: Pkcs11Error carries its own code,
// allocation failure becomes CKR_HOST_MEMORY, anything else CKR_GENERAL_ERROR (after
// `on_unexpected`, which may note it without detail). Shared by the local module's exports
// (src/pkcs11/guard.h) and the remote module's (src/remote/remote_guard.h), so nothing
// crosses either C ABI as an exception. Header-only: the remote module links no core code.
#pragma once

#include <new>
#include <type_traits>

#include <craton/pkcs11/pkcs11.h>

#include "core/error.h"

namespace craton {

template <class F, class OnUnexpected>
CK_RV rv_guard(F&& body, OnUnexpected&& on_unexpected) noexcept {
    try {
        if constexpr (std::is_same_v<std::invoke_result_t<F>, CK_RV>) {
            return body();
        } else {
            body();
            return CKR_OK;
        }
    } catch (const Pkcs11Error& e) {
        return e.rv();
    } catch (const std::bad_alloc&) {
        return CKR_HOST_MEMORY;
    } catch (...) {
        on_unexpected();
        return CKR_GENERAL_ERROR;
    }
}

}  // namespace craton
