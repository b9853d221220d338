// Signing, verification, encryption and decryption: the rules every mechanism shares.
//
// The *Init functions check the key (visible, right type, usage attribute, allowed
// mechanisms, SHA-1 policy) and ask the mechanism's factory for the operation; the step
// functions only move data through the operation under the termination rules.
#include <algorithm>
#include <mutex>

#include "core/audit_call.h"
#include "core/error.h"
#include "core/fips_policy.h"
#include "core/hsm.h"
#include "core/key_use.h"
#include "core/message_signature.h"
#include "core/operation_runner.h"
#include "mech/registry.h"

namespace craton {
namespace {

using Factory = std::function<std::unique_ptr<Operation>(const mech::Mechanism&,
                                                         const CK_MECHANISM&, const ObjectPtr&)>;

// Common *Init logic. Returns after starting the operation (or cancelling on NULL mechanism).
void start_keyed(const Hsm& hsm, const config::Config& config, Session& s, OpKind kind,
                 const CK_MECHANISM* mechanism, CK_OBJECT_HANDLE key_handle,
                 CK_ATTRIBUTE_TYPE usage, const Factory& factory) {
    std::lock_guard lock(s.mutex());
    if (mechanism == nullptr) {
        s.end(kind);  // PKCS#11 3.0: *Init without a mechanism cancels the operation
        return;
    }
    if (s.active(kind) != nullptr) fail(CKR_OPERATION_ACTIVE);
    const auto* m = mech::MechanismRegistry::global().find(mechanism->mechanism);
    if (m == nullptr) fail(CKR_MECHANISM_INVALID);
    ObjectPtr key = hsm.visible_key(s, key_handle);
    check_key_use(*m, *key, usage, mechanism->mechanism);
    const bool sha1 = m->sha1_signature ||
                      (m->sha1_signature_param && m->sha1_signature_param(*mechanism));
    const bool signing = kind == OpKind::Sign || kind == OpKind::MessageSign;
    if (sha1 && signing && !config.allow_sha1_signing) {
        fail(CKR_MECHANISM_INVALID, "SHA-1 signing is disabled by configuration");
    }
    if (m->raw_rsa_private && (signing || kind == OpKind::Decrypt) &&
        !config.allow_rsa_x509_decrypt) {
        fail(CKR_MECHANISM_INVALID, "raw RSA private-key operations are disabled by configuration");
    }
    std::unique_ptr<Operation> op = factory(*m, *mechanism, key);
    if (!op) fail(CKR_MECHANISM_INVALID);
    op->key_handle = key_handle;
    op->mechanism = mechanism->mechanism;
    // Keys marked CKA_ALWAYS_AUTHENTICATE need the user PIN again for each operation.
    op->awaiting_context_login = key->object_class() == CKO_PRIVATE_KEY &&
                                 key->get_bool(CKA_ALWAYS_AUTHENTICATE) &&
                                 (signing || kind == OpKind::Decrypt);
    s.start(kind, std::move(op));
}

template <class Member>
Factory factory_of(Member member) {
    return [member](const mech::Mechanism& m, const CK_MECHANISM& mech,
                    const ObjectPtr& key) -> std::unique_ptr<Operation> {
        const auto& fn = m.*member;
        if (!fn) fail(CKR_MECHANISM_INVALID);
        return fn(mech, key);
    };
}

// Output of a cipher step: reserve the bound, run, record the exact length.
template <class Run>
bool cipher_output(OutputBuffer& out, std::size_t bound, Run&& run) {
    if (!out.reserve(bound)) return false;
    out.set_written(run(out.data()));
    return true;
}

// The 3.2 signature mechanisms' parameters point at a context string (owned_mechanism.h).
bool has_context_parameter(const mech::Mechanism& m) {
    constexpr CK_KEY_TYPE kContextKeyTypes[] = {CKK_ML_DSA, CKK_SLH_DSA};
    return std::find_first_of(m.key_types.begin(), m.key_types.end(),
                              std::begin(kContextKeyTypes),
                              std::end(kContextKeyTypes)) != m.key_types.end();
}

}  // namespace

void Hsm::sign_init(CK_SESSION_HANDLE handle, const CK_MECHANISM* mechanism, CK_OBJECT_HANDLE key) {
    SessionPtr s = session(handle);
    start_keyed(*this, config_, *s, OpKind::Sign, mechanism, key, CKA_SIGN,
                factory_of(&mech::Mechanism::sign));
}

void Hsm::message_sign_init(CK_SESSION_HANDLE handle, const CK_MECHANISM* mechanism,
                            CK_OBJECT_HANDLE key) {
    SessionPtr s = session(handle);
    start_keyed(*this, config_, *s, OpKind::MessageSign, mechanism, key, CKA_SIGN,
                [](const mech::Mechanism& m, const CK_MECHANISM& mech,
                   const ObjectPtr& k) -> std::unique_ptr<Operation> {
                    if (!m.sign) fail(CKR_MECHANISM_INVALID);
                    return std::make_unique<MessageSignOperation>(mech, has_context_parameter(m),
                                                                  k, m.sign);
                });
}

void Hsm::message_verify_init(CK_SESSION_HANDLE handle, const CK_MECHANISM* mechanism,
                              CK_OBJECT_HANDLE key) {
    SessionPtr s = session(handle);
    start_keyed(*this, config_, *s, OpKind::MessageVerify, mechanism, key, CKA_VERIFY,
                [](const mech::Mechanism& m, const CK_MECHANISM& mech,
                   const ObjectPtr& k) -> std::unique_ptr<Operation> {
                    if (!m.verify) fail(CKR_MECHANISM_INVALID);
                    return std::make_unique<MessageVerifyOperation>(
                        mech, has_context_parameter(m), k, m.verify);
                });
}

void Hsm::sign(CK_SESSION_HANDLE handle, ByteView data, OutputBuffer out) {
    AuditCall audit(*this, "C_Sign", handle,
                    audit_crypto_operations(*this) && !out.is_length_query());
    audit.operation(OpKind::Sign);
    SessionPtr s = session(handle);
    std::lock_guard lock(s->mutex());
    run_step<SignOperation>(*s, OpKind::Sign, StepKind::Single, [&](SignOperation& op) {
        return cipher_output(out, op.signature_length(),
                             [&](std::uint8_t* p) { return op.sign(data, p); });
    });
}

void Hsm::sign_update(CK_SESSION_HANDLE handle, ByteView data) {
    SessionPtr s = session(handle);
    std::lock_guard lock(s->mutex());
    run_step<SignOperation>(*s, OpKind::Sign, StepKind::Update, [&](SignOperation& op) {
        op.update(data);
        return false;
    });
}

void Hsm::sign_final(CK_SESSION_HANDLE handle, OutputBuffer out) {
    AuditCall audit(*this, "C_SignFinal", handle,
                    audit_crypto_operations(*this) && !out.is_length_query());
    audit.operation(OpKind::Sign);
    SessionPtr s = session(handle);
    std::lock_guard lock(s->mutex());
    run_step<SignOperation>(*s, OpKind::Sign, StepKind::Final, [&](SignOperation& op) {
        return cipher_output(out, op.signature_length(),
                             [&](std::uint8_t* p) { return op.finish(p); });
    });
}

void Hsm::verify_init(CK_SESSION_HANDLE handle, const CK_MECHANISM* mechanism,
                      CK_OBJECT_HANDLE key) {
    SessionPtr s = session(handle);
    start_keyed(*this, config_, *s, OpKind::Verify, mechanism, key, CKA_VERIFY,
                factory_of(&mech::Mechanism::verify));
}

void Hsm::verify(CK_SESSION_HANDLE handle, ByteView data, ByteView signature) {
    SessionPtr s = session(handle);
    std::lock_guard lock(s->mutex());
    run_step<VerifyOperation>(*s, OpKind::Verify, StepKind::Single, [&](VerifyOperation& op) {
        op.verify(data, signature);
        return true;
    });
}

void Hsm::verify_update(CK_SESSION_HANDLE handle, ByteView data) {
    SessionPtr s = session(handle);
    std::lock_guard lock(s->mutex());
    run_step<VerifyOperation>(*s, OpKind::Verify, StepKind::Update, [&](VerifyOperation& op) {
        op.update(data);
        return false;
    });
}

void Hsm::verify_final(CK_SESSION_HANDLE handle, ByteView signature) {
    SessionPtr s = session(handle);
    std::lock_guard lock(s->mutex());
    run_step<VerifyOperation>(*s, OpKind::Verify, StepKind::Final, [&](VerifyOperation& op) {
        op.finish(signature);
        return true;
    });
}

void Hsm::encrypt_init(CK_SESSION_HANDLE handle, const CK_MECHANISM* mechanism,
                       CK_OBJECT_HANDLE key) {
    SessionPtr s = session(handle);
    start_keyed(*this, config_, *s, OpKind::Encrypt, mechanism, key, CKA_ENCRYPT,
                factory_of(&mech::Mechanism::encrypt));
}

void Hsm::encrypt(CK_SESSION_HANDLE handle, ByteView data, OutputBuffer out) {
    SessionPtr s = session(handle);
    std::lock_guard lock(s->mutex());
    run_step<CipherOperation>(*s, OpKind::Encrypt, StepKind::Single, [&](CipherOperation& op) {
        return cipher_output(out, op.oneshot_length(data.size()),
                             [&](std::uint8_t* p) { return op.oneshot(data, p); });
    });
}

void Hsm::encrypt_update(CK_SESSION_HANDLE handle, ByteView data, OutputBuffer out) {
    SessionPtr s = session(handle);
    std::lock_guard lock(s->mutex());
    run_step<CipherOperation>(*s, OpKind::Encrypt, StepKind::Update, [&](CipherOperation& op) {
        cipher_output(out, op.update_length(data.size()),
                      [&](std::uint8_t* p) { return op.update(data, p); });
        return false;
    });
}

void Hsm::encrypt_final(CK_SESSION_HANDLE handle, OutputBuffer out) {
    SessionPtr s = session(handle);
    std::lock_guard lock(s->mutex());
    run_step<CipherOperation>(*s, OpKind::Encrypt, StepKind::Final, [&](CipherOperation& op) {
        return cipher_output(out, op.final_length(), [&](std::uint8_t* p) { return op.finish(p); });
    });
}

void Hsm::decrypt_init(CK_SESSION_HANDLE handle, const CK_MECHANISM* mechanism,
                       CK_OBJECT_HANDLE key) {
    SessionPtr s = session(handle);
    start_keyed(*this, config_, *s, OpKind::Decrypt, mechanism, key, CKA_DECRYPT,
                factory_of(&mech::Mechanism::decrypt));
}

void Hsm::decrypt(CK_SESSION_HANDLE handle, ByteView data, OutputBuffer out) {
    AuditCall audit(*this, "C_Decrypt", handle,
                    audit_crypto_operations(*this) && !out.is_length_query());
    audit.operation(OpKind::Decrypt);
    SessionPtr s = session(handle);
    std::lock_guard lock(s->mutex());
    run_step<CipherOperation>(*s, OpKind::Decrypt, StepKind::Single, [&](CipherOperation& op) {
        return cipher_output(out, op.oneshot_length_for(data),
                             [&](std::uint8_t* p) { return op.oneshot(data, p); });
    });
}

void Hsm::decrypt_update(CK_SESSION_HANDLE handle, ByteView data, OutputBuffer out) {
    SessionPtr s = session(handle);
    std::lock_guard lock(s->mutex());
    run_step<CipherOperation>(*s, OpKind::Decrypt, StepKind::Update, [&](CipherOperation& op) {
        cipher_output(out, op.update_length(data.size()),
                      [&](std::uint8_t* p) { return op.update(data, p); });
        return false;
    });
}

void Hsm::decrypt_final(CK_SESSION_HANDLE handle, OutputBuffer out) {
    AuditCall audit(*this, "C_DecryptFinal", handle,
                    audit_crypto_operations(*this) && !out.is_length_query());
    audit.operation(OpKind::Decrypt);
    SessionPtr s = session(handle);
    std::lock_guard lock(s->mutex());
    run_step<CipherOperation>(*s, OpKind::Decrypt, StepKind::Final, [&](CipherOperation& op) {
        return cipher_output(out, op.final_length(), [&](std::uint8_t* p) { return op.finish(p); });
    });
}

}  // namespace craton
