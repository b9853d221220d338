// C_SignInit, C_Sign, C_VerifyInit and C_Verify: the calls that hold an init back to send it
// with the call that uses it (held_inits.h), so a signature costs one round trip.
#include "remote/basic_calls.h"
#include "remote/output_call.h"
#include "remote/remote_calls.h"

namespace craton::remote {
namespace {

using Kind = HeldInits::Kind;

CK_RV init(Kind kind, CK_SESSION_HANDLE session, CK_MECHANISM_PTR mechanism, CK_OBJECT_HANDLE key) {
    const v1::OperationInitRequest q = init_request(session, mechanism, key);
    const auto c = connection();
    HeldInits& held = c->held_inits();
    if (const auto answered = held.hold(kind, q)) return *answered;
    // Inits held back on this session (the other kind) reach the daemon before this one.
    c->send_held_inits(false);
    v1::RvResponse r;
    const CK_RV rv = c->call(
        kind == Kind::kSign ? &v1::Pkcs11::Stub::SignInit : &v1::Pkcs11::Stub::VerifyInit, q, r);
    held.sent(kind, q, rv);
    return rv;
}

// Puts the init held back for the session of `q` (a C_Sign / C_Verify request) into `q`; or
// returns the error the call returns without an RPC (a held-back init that failed when it
// was sent on its own).
template <class Request>
std::optional<CK_RV> attach_held_init(Connection& c, Kind kind, Request& q) {
    HeldInits::Taken taken = c.held_inits().take(kind, static_cast<CK_SESSION_HANDLE>(q.session()));
    if (taken.failed != CKR_OK) return taken.failed;
    if (taken.init) {
        *q.mutable_init() = std::move(*taken.init);
    } else {
        c.send_held_inits(false);
    }
    return std::nullopt;
}

// After a C_Sign / C_Verify RPC: what the module now knows of the session's operation. A
// call the daemon did not answer leaves `response_rv` at 0 while `rv` is the transport's
// code (never CKR_OK).
void record_outcome(Connection& c, Kind kind, CK_SESSION_HANDLE session,
                    const v1::OperationInitRequest* init, bool init_failed, CK_RV rv,
                    std::uint64_t response_rv, bool still_active) {
    HeldInits& held = c.held_inits();
    const bool answered = response_rv == rv;
    if (!answered && init != nullptr) return held.restore(kind, *init);
    if (init != nullptr && init_failed) held.sent(kind, *init, rv);
    held.finished(kind, session, init_failed || !still_active, answered);
}

}  // namespace

CK_RV SignInit(CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism, CK_OBJECT_HANDLE hKey) {
    return guard([&] { return init(Kind::kSign, hSession, pMechanism, hKey); });
}

CK_RV VerifyInit(CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism, CK_OBJECT_HANDLE hKey) {
    return guard([&] { return init(Kind::kVerify, hSession, pMechanism, hKey); });
}

CK_RV Sign(CK_SESSION_HANDLE hSession, CK_BYTE_PTR pData, CK_ULONG ulDataLen,
           CK_BYTE_PTR pSignature, CK_ULONG_PTR pulSignatureLen) {
    return guard([&]() -> CK_RV {
        const auto c = connection();
        v1::DataRequest q;
        q.set_session(hSession);
        if (const auto rv = attach_held_init(*c, Kind::kSign, q)) return *rv;
        try {
            q.set_data(input(pData, ulDataLen));
            describe_output(q.mutable_output(), pSignature, pulSignatureLen);
        } catch (const Pkcs11Error&) {
            // The error ends the operation; a held-back init the daemon never saw with it.
            c->held_inits().finished(Kind::kSign, hSession, true, q.has_init());
            throw;
        }
        v1::DataResponse r;
        const CK_RV rv = c->call(&v1::Pkcs11::Stub::Sign, q, r);
        const bool still_active =
            rv == CKR_BUFFER_TOO_SMALL || (rv == CKR_OK && pSignature == nullptr);
        record_outcome(*c, Kind::kSign, hSession, q.has_init() ? &q.init() : nullptr,
                       r.init_failed(), rv, r.rv(), still_active);
        return take_output(rv, r.length(), r.data(), pSignature, pulSignatureLen);
    });
}

CK_RV Verify(CK_SESSION_HANDLE hSession, CK_BYTE_PTR pData, CK_ULONG ulDataLen,
             CK_BYTE_PTR pSignature, CK_ULONG ulSignatureLen) {
    return guard([&]() -> CK_RV {
        const auto c = connection();
        v1::VerifyRequest q;
        q.set_session(hSession);
        if (const auto rv = attach_held_init(*c, Kind::kVerify, q)) return *rv;
        try {
            q.set_data(input(pData, ulDataLen));
            q.set_signature(input(pSignature, ulSignatureLen));
        } catch (const Pkcs11Error&) {
            c->held_inits().finished(Kind::kVerify, hSession, true, q.has_init());
            throw;
        }
        v1::RvResponse r;
        const CK_RV rv = c->call(&v1::Pkcs11::Stub::Verify, q, r);
        // C_Verify ends its operation whatever it returns.
        record_outcome(*c, Kind::kVerify, hSession, q.has_init() ? &q.init() : nullptr,
                       r.init_failed(), rv, r.rv(), false);
        return rv;
    });
}

}  // namespace craton::remote
