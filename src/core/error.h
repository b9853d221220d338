// The one exception type used inside the module.
//
// Core and mechanism code report failure by throwing Pkcs11Error with the CK_RV the caller
// must see; the C ABI guard in src/pkcs11 turns it (and anything else thrown) into a return
// code, so no exception ever crosses the ABI. The optional message is for the log only and
// must never contain key bytes or PINs.
#pragma once

#include <exception>
#include <string>

#include <craton/pkcs11/pkcs11.h>

namespace craton {

// The code of the last Pkcs11Error constructed on this thread. An audit record written while
// the stack unwinds (core/audit_call.h) cannot see the exception itself; this is how it learns
// the result the caller will get.
inline CK_RV& last_thrown_rv() noexcept {
    thread_local CK_RV rv = CKR_OK;
    return rv;
}

class Pkcs11Error : public std::exception {
public:
    explicit Pkcs11Error(CK_RV rv, std::string log_message = {})
        : rv_(rv), message_(std::move(log_message)) {
        last_thrown_rv() = rv;
    }
    CK_RV rv() const noexcept { return rv_; }
    const char* what() const noexcept override {
        return message_.empty() ? "pkcs11 error" : message_.c_str();
    }

private:
    CK_RV rv_;
    std::string message_;
};

[[noreturn]] inline void fail(CK_RV rv, std::string log_message = {}) {
    throw Pkcs11Error(rv, std::move(log_message));
}

inline void require(bool condition, CK_RV rv) {
    if (!condition) fail(rv);
}

}  // namespace craton
