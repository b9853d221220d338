// The audit record of one core call, written when the call ends, successful or not.
//
// Declared as the first line of an audited Hsm method:
//     AuditCall audit(*this, "C_DestroyObject", handle);
// Its destructor writes the record before the method returns to the C ABI: CKR_OK when the
// method returned normally, the Pkcs11Error's code when it is unwinding (last_thrown_rv()).
// Handles the call creates are passed through audit.object(h). A short-buffer answer or a
// length query writes nothing (no key was used and nothing changed). With audit off the object
// costs one pointer test. When the log could not be written, the next audited call is refused
// with CKR_DEVICE_ERROR before it does anything: no security-relevant action goes unrecorded.
#pragma once

#include <craton/pkcs11/pkcs11.h>

#include "audit/event.h"
#include "core/operation.h"

namespace craton {

class Hsm;
namespace audit {
class AuditLog;
}

class AuditCall {
public:
    // A call on a session. `wanted` = false writes nothing (crypto records switched off, or a
    // length query).
    AuditCall(const Hsm& hsm, const char* op, CK_SESSION_HANDLE session, bool wanted = true);
    // A call on a slot without a session (C_InitToken).
    struct OnSlot {
        CK_SLOT_ID slot;
    };
    AuditCall(const Hsm& hsm, const char* op, OnSlot slot);
    ~AuditCall();
    AuditCall(const AuditCall&) = delete;
    AuditCall& operator=(const AuditCall&) = delete;

    AuditCall& mechanism(const CK_MECHANISM* m) noexcept;
    AuditCall& key(CK_OBJECT_HANDLE h) noexcept;
    // Mechanism and key of the session's operation of `kind`, read before the call ends it.
    AuditCall& operation(OpKind kind);
    // Records a handle the call produced or acted on, and returns it.
    CK_OBJECT_HANDLE object(CK_OBJECT_HANDLE h);

private:
    AuditCall(const Hsm& hsm, const char* op, bool wanted);

    const Hsm& hsm_;
    audit::AuditLog* log_;
    audit::Event event_;
    CK_MECHANISM_TYPE mechanism_ = CK_UNAVAILABLE_INFORMATION;
    bool has_session_ = false;
    int unwinding_at_start_;
};

// Whether C_Sign/C_Decrypt/C_EncapsulateKey-style records are switched on.
bool audit_crypto_operations(const Hsm& hsm) noexcept;

}  // namespace craton
