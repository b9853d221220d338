#include "core/audit_call.h"

#include <cstdio>
#include <exception>
#include <mutex>

#include "audit/audit_log.h"
#include "core/error.h"
#include "core/hsm.h"
#include "core/log.h"
#include "mech/registry.h"

namespace craton {
namespace {

audit::Role role_of(CK_STATE state) {
    switch (state) {
        case CKS_RW_SO_FUNCTIONS: return audit::Role::SO;
        case CKS_RO_USER_FUNCTIONS:
        case CKS_RW_USER_FUNCTIONS: return audit::Role::User;
        default: return audit::Role::Public;
    }
}

}  // namespace

AuditCall::AuditCall(const Hsm& hsm, const char* op, bool wanted)
    : hsm_(hsm),
      log_(wanted ? hsm.audit_log() : nullptr),
      unwinding_at_start_(std::uncaught_exceptions()) {
    if (log_ == nullptr) return;
    if (!log_->healthy()) {
        log_ = nullptr;
        fail(CKR_DEVICE_ERROR, "audit log cannot be written; audited calls are refused");
    }
    event_.op = op;
    // A non-PKCS#11 exception (bad_alloc) leaves this value: the ABI reports it as a failure.
    last_thrown_rv() = CKR_GENERAL_ERROR;
}

AuditCall::AuditCall(const Hsm& hsm, const char* op, CK_SESSION_HANDLE session, bool wanted)
    : AuditCall(hsm, op, wanted) {
    event_.session = session;
    has_session_ = true;
}

AuditCall::AuditCall(const Hsm& hsm, const char* op, OnSlot slot) : AuditCall(hsm, op, true) {
    event_.slot = slot.slot;
}

AuditCall& AuditCall::mechanism(const CK_MECHANISM* m) noexcept {
    if (m != nullptr) mechanism_ = m->mechanism;
    return *this;
}

AuditCall& AuditCall::key(CK_OBJECT_HANDLE h) noexcept {
    event_.key = h;
    return *this;
}

AuditCall& AuditCall::operation(OpKind kind) {
    if (log_ == nullptr || !has_session_) return *this;
    try {
        SessionPtr s = hsm_.session(*event_.session);
        std::lock_guard lock(s->mutex());
        if (const Operation* op = s->active(kind)) {
            mechanism_ = op->mechanism;
            event_.key = op->key_handle;
        }
    } catch (const Pkcs11Error&) {
        // An invalid session: the call itself reports it, and the record says so through rv.
    }
    return *this;
}

CK_OBJECT_HANDLE AuditCall::object(CK_OBJECT_HANDLE h) {
    if (log_ != nullptr && h != CK_INVALID_HANDLE) event_.objects.push_back(h);
    return h;
}

AuditCall::~AuditCall() {
    if (log_ == nullptr) return;
    const CK_RV rv =
        std::uncaught_exceptions() > unwinding_at_start_ ? last_thrown_rv() : CKR_OK;
    if (rv == CKR_BUFFER_TOO_SMALL) return;
    try {
        event_.rv = rv;
        if (has_session_) {
            try {
                SessionPtr s = hsm_.session(*event_.session);
                event_.slot = s->token().slot();
                event_.role = role_of(s->state());
            } catch (const Pkcs11Error&) {
                // Invalid or closed session: slot and role stay unknown.
            }
        }
        if (mechanism_ != CK_UNAVAILABLE_INFORMATION) {
            if (const auto* m = mech::MechanismRegistry::global().describe(mechanism_)) {
                event_.mechanism = m->name;
                event_.fips_approved = m->fips_approved;
            } else {
                char hex[24];
                std::snprintf(hex, sizeof hex, "0x%08lx", static_cast<unsigned long>(mechanism_));
                event_.mechanism = hex;
                event_.fips_approved = false;
            }
        }
        log_->append(event_);
    } catch (const std::exception& e) {
        // The call's own result stands; the log is now unhealthy and refuses the next call.
        log::error(std::string("audit record not written: ") + e.what());
    } catch (...) {
        log::error("audit record not written");
    }
}

bool audit_crypto_operations(const Hsm& hsm) noexcept {
    return hsm.audit_log() != nullptr && hsm.audit_log()->crypto_operations();
}

}  // namespace craton
