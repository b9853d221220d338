// Message-based encryption and decryption (PKCS#11 3.0 sections 5.13 and 5.14).
//
// C_MessageEncryptInit fixes key and mechanism for any number of messages. Each message is
// either single-part (C_EncryptMessage) or begun (C_EncryptMessageBegin) and continued
// (C_EncryptMessageNext) until a part flagged CKF_END_OF_MESSAGE; C_MessageEncryptFinal ends
// the whole process. An error ends the current message only; a length query or
// CKR_BUFFER_TOO_SMALL ends nothing, and in those cases no message is started (so no IV is
// generated and nothing is counted against the key).
#include <algorithm>
#include <mutex>

#include "core/error.h"
#include "core/fips_policy.h"
#include "core/hsm.h"
#include "core/key_use.h"
#include "mech/registry.h"

namespace craton {
namespace {

using MessageFactory =
    std::function<std::unique_ptr<MessageCipherOperation>(const CK_MECHANISM&, const ObjectPtr&)>;

// The key rules of every *Init (see hsm_crypto.cpp), for the message-based operations.
void start_message_operation(const Hsm& hsm, Session& s, OpKind kind, const CK_MECHANISM* mechanism,
                             CK_OBJECT_HANDLE key_handle, CK_ATTRIBUTE_TYPE usage,
                             MessageFactory mech::Mechanism::*factory_member) {
    std::lock_guard lock(s.mutex());
    if (mechanism == nullptr) {
        s.end(kind);
        return;
    }
    if (s.active(kind) != nullptr) fail(CKR_OPERATION_ACTIVE);
    const auto* m = mech::MechanismRegistry::global().find(mechanism->mechanism);
    if (m == nullptr) fail(CKR_MECHANISM_INVALID);
    const MessageFactory& factory = m->*factory_member;
    if (!factory) fail(CKR_MECHANISM_INVALID);
    ObjectPtr key = hsm.visible_key(s, key_handle);
    check_key_use(*m, *key, usage, mechanism->mechanism);
    std::unique_ptr<Operation> op = factory(*mechanism, key);
    if (!op) fail(CKR_MECHANISM_INVALID);
    op->key_handle = key_handle;
    op->awaiting_context_login = key->object_class() == CKO_PRIVATE_KEY &&
                                 key->get_bool(CKA_ALWAYS_AUTHENTICATE) &&
                                 kind == OpKind::MessageDecrypt;
    s.start(kind, std::move(op));
}

MessageCipherOperation& active_message_op(Session& s, OpKind kind) {
    auto* op = s.active_as<MessageCipherOperation>(kind);
    if (op == nullptr) fail(CKR_OPERATION_NOT_INITIALIZED);
    if (op->awaiting_context_login) fail(CKR_USER_NOT_LOGGED_IN);
    return *op;
}

// Runs a step that belongs to the current message; on failure the message is abandoned.
template <class Step>
auto within_message(MessageCipherOperation& op, Step&& step) {
    try {
        return step();
    } catch (...) {
        op.abort_message();
        throw;
    }
}

void single_part(Session& s, OpKind kind, void* param, CK_ULONG param_len, ByteView aad,
                 ByteView in, OutputBuffer& out) {
    std::lock_guard lock(s.mutex());
    MessageCipherOperation& op = active_message_op(s, kind);
    // Not in the middle of a message in parts (PKCS#11 3.0 C_EncryptMessage).
    if (op.in_message()) fail(CKR_OPERATION_ACTIVE);
    if (!out.reserve(op.message_length(param, param_len, in.size()))) return;
    within_message(op, [&] {
        op.begin(param, param_len, aad);
        out.set_written(op.next(param, param_len, in, out.data(), true));
    });
}

void begin_part(Session& s, OpKind kind, void* param, CK_ULONG param_len, ByteView aad) {
    std::lock_guard lock(s.mutex());
    MessageCipherOperation& op = active_message_op(s, kind);
    if (op.in_message()) fail(CKR_OPERATION_ACTIVE);
    within_message(op, [&] { op.begin(param, param_len, aad); });
}

void finish_process(Session& s, OpKind kind) {
    std::lock_guard lock(s.mutex());
    if (s.active(kind) == nullptr) fail(CKR_OPERATION_NOT_INITIALIZED);
    s.end(kind);
}

// A length query or CKR_BUFFER_TOO_SMALL keeps the message (the caller retries with a
// buffer); any other error abandons it.
void next_part(Session& s, OpKind kind, void* param, CK_ULONG param_len, ByteView in,
               OutputBuffer& out, CK_FLAGS flags) {
    std::lock_guard lock(s.mutex());
    MessageCipherOperation& op = active_message_op(s, kind);
    if (!op.in_message()) fail(CKR_OPERATION_NOT_INITIALIZED);
    if ((flags & ~CKF_END_OF_MESSAGE) != 0) {
        op.abort_message();
        fail(CKR_ARGUMENTS_BAD);
    }
    const bool last = (flags & CKF_END_OF_MESSAGE) != 0;
    std::size_t bound = 0;
    within_message(op, [&] { bound = op.next_length(in.size(), last); });
    if (!out.reserve(bound)) return;  // length query, or throws CKR_BUFFER_TOO_SMALL
    within_message(op, [&] { out.set_written(op.next(param, param_len, in, out.data(), last)); });
}

}  // namespace

void Hsm::message_encrypt_init(CK_SESSION_HANDLE handle, const CK_MECHANISM* mechanism,
                               CK_OBJECT_HANDLE key) {
    SessionPtr s = session(handle);
    start_message_operation(*this, *s, OpKind::MessageEncrypt, mechanism, key, CKA_ENCRYPT,
                            &mech::Mechanism::message_encrypt);
}

void Hsm::encrypt_message(CK_SESSION_HANDLE handle, void* parameter, CK_ULONG parameter_len,
                          ByteView aad, ByteView plaintext, OutputBuffer out) {
    SessionPtr s = session(handle);
    single_part(*s, OpKind::MessageEncrypt, parameter, parameter_len, aad, plaintext, out);
}

void Hsm::encrypt_message_begin(CK_SESSION_HANDLE handle, void* parameter, CK_ULONG parameter_len,
                                ByteView aad) {
    SessionPtr s = session(handle);
    begin_part(*s, OpKind::MessageEncrypt, parameter, parameter_len, aad);
}

void Hsm::encrypt_message_next(CK_SESSION_HANDLE handle, void* parameter, CK_ULONG parameter_len,
                               ByteView part, OutputBuffer out, CK_FLAGS flags) {
    SessionPtr s = session(handle);
    next_part(*s, OpKind::MessageEncrypt, parameter, parameter_len, part, out, flags);
}

void Hsm::message_encrypt_final(CK_SESSION_HANDLE handle) {
    SessionPtr s = session(handle);
    finish_process(*s, OpKind::MessageEncrypt);
}

void Hsm::message_decrypt_init(CK_SESSION_HANDLE handle, const CK_MECHANISM* mechanism,
                               CK_OBJECT_HANDLE key) {
    SessionPtr s = session(handle);
    start_message_operation(*this, *s, OpKind::MessageDecrypt, mechanism, key, CKA_DECRYPT,
                            &mech::Mechanism::message_decrypt);
}

void Hsm::decrypt_message(CK_SESSION_HANDLE handle, void* parameter, CK_ULONG parameter_len,
                          ByteView aad, ByteView ciphertext, OutputBuffer out) {
    SessionPtr s = session(handle);
    single_part(*s, OpKind::MessageDecrypt, parameter, parameter_len, aad, ciphertext, out);
}

void Hsm::decrypt_message_begin(CK_SESSION_HANDLE handle, void* parameter, CK_ULONG parameter_len,
                                ByteView aad) {
    SessionPtr s = session(handle);
    begin_part(*s, OpKind::MessageDecrypt, parameter, parameter_len, aad);
}

void Hsm::decrypt_message_next(CK_SESSION_HANDLE handle, void* parameter, CK_ULONG parameter_len,
                               ByteView part, OutputBuffer out, CK_FLAGS flags) {
    SessionPtr s = session(handle);
    next_part(*s, OpKind::MessageDecrypt, parameter, parameter_len, part, out, flags);
}

void Hsm::message_decrypt_final(CK_SESSION_HANDLE handle) {
    SessionPtr s = session(handle);
    finish_process(*s, OpKind::MessageDecrypt);
}

}  // namespace craton
