// Message-based signing and verification (PKCS#11 3.0 sections 5.15 and 5.16); the *Init
// calls are in hsm_crypto.cpp with the other key-using *Init calls, whose rules they share.
//
// A length query or CKR_BUFFER_TOO_SMALL on the part that ends a message consumes nothing, so
// the caller repeats the same call with a larger buffer. Any other error ends the current
// message (the next begins afresh) and keeps the operation.
#include <mutex>

#include "core/audit_call.h"
#include "core/error.h"
#include "core/hsm.h"
#include "core/message_signature.h"

namespace craton {
namespace {

// No mechanism of this module defines a per-message parameter.
void require_no_message_parameter(const void* parameter, CK_ULONG parameter_len) {
    if (parameter != nullptr || parameter_len != 0) fail(CKR_MECHANISM_PARAM_INVALID);
}

template <class Op>
MessageSignature<Op>& active_message(Session& s, OpKind kind) {
    auto* op = s.active_as<MessageSignature<Op>>(kind);
    if (op == nullptr) fail(CKR_OPERATION_NOT_INITIALIZED);
    if (op->awaiting_context_login) fail(CKR_USER_NOT_LOGGED_IN);
    return *op;
}

// Runs one step of the current message; an error other than the buffer protocol's abandons it.
template <class Op, class Step>
void within_message(MessageSignature<Op>& msg, Step&& step) {
    try {
        step();
    } catch (const Pkcs11Error& e) {
        if (e.rv() != CKR_BUFFER_TOO_SMALL) msg.current.reset();
        throw;
    } catch (...) {
        msg.current.reset();
        throw;
    }
}

// Signature output through the length protocol; `sign` runs only when the buffer can take it.
template <class Sign>
bool signature_output(OutputBuffer& out, std::size_t bound, Sign&& sign) {
    if (!out.reserve(static_cast<CK_ULONG>(bound))) return false;
    out.set_written(static_cast<CK_ULONG>(sign(out.data())));
    return true;
}

}  // namespace

void Hsm::sign_message(CK_SESSION_HANDLE handle, const void* parameter, CK_ULONG parameter_len,
                       ByteView data, OutputBuffer out) {
    AuditCall audit(*this, "C_SignMessage", handle,
                    audit_crypto_operations(*this) && !out.is_length_query());
    audit.operation(OpKind::MessageSign);
    SessionPtr s = session(handle);
    std::lock_guard lock(s->mutex());
    auto& msg = active_message<SignOperation>(*s, OpKind::MessageSign);
    if (msg.current) fail(CKR_OPERATION_ACTIVE);  // a multi-part message is in progress
    require_no_message_parameter(parameter, parameter_len);
    std::unique_ptr<SignOperation> op = msg.fresh();
    signature_output(out, op->signature_length(),
                     [&](std::uint8_t* p) { return op->sign(data, p); });
}

void Hsm::sign_message_begin(CK_SESSION_HANDLE handle, const void* parameter,
                             CK_ULONG parameter_len) {
    SessionPtr s = session(handle);
    std::lock_guard lock(s->mutex());
    auto& msg = active_message<SignOperation>(*s, OpKind::MessageSign);
    if (msg.current) fail(CKR_OPERATION_ACTIVE);
    require_no_message_parameter(parameter, parameter_len);
    msg.current = msg.fresh();
}

void Hsm::sign_message_next(CK_SESSION_HANDLE handle, const void* parameter,
                            CK_ULONG parameter_len, ByteView data, CK_BYTE_PTR signature,
                            CK_ULONG_PTR signature_len) {
    // Recorded when a message's signature is produced, as C_SignFinal is.
    AuditCall audit(*this, "C_SignMessageNext", handle,
                    audit_crypto_operations(*this) && signature != nullptr &&
                        signature_len != nullptr);
    audit.operation(OpKind::MessageSign);
    SessionPtr s = session(handle);
    std::lock_guard lock(s->mutex());
    auto& msg = active_message<SignOperation>(*s, OpKind::MessageSign);
    if (!msg.current) fail(CKR_OPERATION_NOT_INITIALIZED);
    within_message(msg, [&] {
        require_no_message_parameter(parameter, parameter_len);
        if (signature_len == nullptr) {
            msg.current->update(data);
            return;
        }
        OutputBuffer out(signature, signature_len);
        // Reserve before consuming the part: a length query repeats with the same data.
        if (!out.reserve(static_cast<CK_ULONG>(msg.current->signature_length()))) return;
        msg.current->update(data);
        out.set_written(static_cast<CK_ULONG>(msg.current->finish(signature)));
        msg.current.reset();
    });
}

void Hsm::message_sign_final(CK_SESSION_HANDLE handle) {
    SessionPtr s = session(handle);
    std::lock_guard lock(s->mutex());
    (void)active_message<SignOperation>(*s, OpKind::MessageSign);
    s->end(OpKind::MessageSign);
}

void Hsm::verify_message(CK_SESSION_HANDLE handle, const void* parameter, CK_ULONG parameter_len,
                         ByteView data, ByteView signature) {
    SessionPtr s = session(handle);
    std::lock_guard lock(s->mutex());
    auto& msg = active_message<VerifyOperation>(*s, OpKind::MessageVerify);
    if (msg.current) fail(CKR_OPERATION_ACTIVE);
    require_no_message_parameter(parameter, parameter_len);
    msg.fresh()->verify(data, signature);
}

void Hsm::verify_message_begin(CK_SESSION_HANDLE handle, const void* parameter,
                               CK_ULONG parameter_len) {
    SessionPtr s = session(handle);
    std::lock_guard lock(s->mutex());
    auto& msg = active_message<VerifyOperation>(*s, OpKind::MessageVerify);
    if (msg.current) fail(CKR_OPERATION_ACTIVE);
    require_no_message_parameter(parameter, parameter_len);
    msg.current = msg.fresh();
}

void Hsm::verify_message_next(CK_SESSION_HANDLE handle, const void* parameter,
                              CK_ULONG parameter_len, ByteView data,
                              std::optional<ByteView> signature) {
    SessionPtr s = session(handle);
    std::lock_guard lock(s->mutex());
    auto& msg = active_message<VerifyOperation>(*s, OpKind::MessageVerify);
    if (!msg.current) fail(CKR_OPERATION_NOT_INITIALIZED);
    within_message(msg, [&] {
        require_no_message_parameter(parameter, parameter_len);
        msg.current->update(data);
        if (!signature) return;
        // The message ends here whatever the verdict.
        std::unique_ptr<VerifyOperation> op = std::move(msg.current);
        op->finish(*signature);
    });
}

void Hsm::message_verify_final(CK_SESSION_HANDLE handle) {
    SessionPtr s = session(handle);
    std::lock_guard lock(s->mutex());
    (void)active_message<VerifyOperation>(*s, OpKind::MessageVerify);
    s->end(OpKind::MessageVerify);
}

}  // namespace craton
