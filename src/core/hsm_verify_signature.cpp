// Verification with the signature supplied at init (PKCS#11 3.2 C_VerifySignature*).
//
// The mechanism's ordinary VerifyOperation does the work; this operation only holds the
// signature until the data has been seen, and lives in its own session slot so that it can
// run beside a C_VerifyInit operation.
#include <algorithm>
#include <mutex>

#include "core/error.h"
#include "core/fips_policy.h"
#include "core/hsm.h"
#include "core/operation_runner.h"
#include "mech/registry.h"

namespace craton {
namespace {

class VerifySignatureOperation final : public Operation {
public:
    VerifySignatureOperation(std::unique_ptr<VerifyOperation> inner, ByteView signature)
        : inner_(std::move(inner)), signature_(signature.begin(), signature.end()) {}
    VerifyOperation& inner() { return *inner_; }
    ByteView signature() const { return signature_; }

private:
    std::unique_ptr<VerifyOperation> inner_;
    Bytes signature_;
};

}  // namespace

void Hsm::verify_signature_init(CK_SESSION_HANDLE handle, const CK_MECHANISM* mechanism,
                                CK_OBJECT_HANDLE key_handle, ByteView signature) {
    SessionPtr s = session(handle);
    std::lock_guard lock(s->mutex());
    if (mechanism == nullptr) {
        s->end(OpKind::VerifySignature);
        return;
    }
    if (s->active(OpKind::VerifySignature) != nullptr) fail(CKR_OPERATION_ACTIVE);
    const auto* m = mech::MechanismRegistry::global().find(mechanism->mechanism);
    if (m == nullptr || !m->verify) fail(CKR_MECHANISM_INVALID);
    ObjectPtr key = visible_key(*s, key_handle);
    if (std::find(m->key_types.begin(), m->key_types.end(), key->key_type()) ==
        m->key_types.end()) {
        fail(CKR_KEY_TYPE_INCONSISTENT);
    }
    if (!key->get_bool(CKA_VERIFY)) fail(CKR_KEY_FUNCTION_NOT_PERMITTED);
    if (const auto allowed = key->get(CKA_ALLOWED_MECHANISMS); allowed && !allowed->empty()) {
        const auto* list = reinterpret_cast<const CK_MECHANISM_TYPE*>(allowed->data());
        const std::size_t n = allowed->size() / sizeof(CK_MECHANISM_TYPE);
        if (std::find(list, list + n, mechanism->mechanism) == list + n) {
            fail(CKR_MECHANISM_INVALID);
        }
    }
    fips::check_key_use(*m, *key, CKA_VERIFY);  // life cycle and approved mode
    std::unique_ptr<VerifyOperation> inner = m->verify(*mechanism, key);
    if (!inner) fail(CKR_MECHANISM_INVALID);
    auto op = std::make_unique<VerifySignatureOperation>(std::move(inner), signature);
    op->key_handle = key_handle;
    s->start(OpKind::VerifySignature, std::move(op));
}

void Hsm::verify_signature(CK_SESSION_HANDLE handle, ByteView data) {
    SessionPtr s = session(handle);
    std::lock_guard lock(s->mutex());
    run_step<VerifySignatureOperation>(*s, OpKind::VerifySignature, StepKind::Single,
                                       [&](VerifySignatureOperation& op) {
                                           op.inner().verify(data, op.signature());
                                           return true;
                                       });
}

void Hsm::verify_signature_update(CK_SESSION_HANDLE handle, ByteView data) {
    SessionPtr s = session(handle);
    std::lock_guard lock(s->mutex());
    run_step<VerifySignatureOperation>(*s, OpKind::VerifySignature, StepKind::Update,
                                       [&](VerifySignatureOperation& op) {
                                           op.inner().update(data);
                                           return false;
                                       });
}

void Hsm::verify_signature_final(CK_SESSION_HANDLE handle) {
    SessionPtr s = session(handle);
    std::lock_guard lock(s->mutex());
    run_step<VerifySignatureOperation>(*s, OpKind::VerifySignature, StepKind::Final,
                                       [&](VerifySignatureOperation& op) {
                                           op.inner().finish(op.signature());
                                           return true;
                                       });
}

}  // namespace craton
