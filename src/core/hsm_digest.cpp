// Message digesting and random numbers.
#include <mutex>

#include "core/error.h"
#include "core/hsm.h"
#include "core/operation_runner.h"
#include "mech/registry.h"
#include "rng/random.h"

namespace craton {

void Hsm::digest_init(CK_SESSION_HANDLE handle, const CK_MECHANISM* mechanism) {
    SessionPtr s = sessions_.get(handle);
    std::lock_guard lock(s->mutex());
    if (mechanism == nullptr) {
        // PKCS#11 3.0: *Init with no mechanism cancels the active operation.
        s->end(OpKind::Digest);
        return;
    }
    if (s->active(OpKind::Digest) != nullptr) fail(CKR_OPERATION_ACTIVE);
    const auto* m = mech::MechanismRegistry::global().find(mechanism->mechanism);
    if (m == nullptr) fail(CKR_MECHANISM_INVALID);
    if (!m->digest) fail(CKR_MECHANISM_INVALID);
    s->start(OpKind::Digest, m->digest(*mechanism));
}

void Hsm::digest(CK_SESSION_HANDLE handle, ByteView data, OutputBuffer out) {
    SessionPtr s = sessions_.get(handle);
    std::lock_guard lock(s->mutex());
    run_step<DigestOperation>(*s, OpKind::Digest, StepKind::Single, [&](DigestOperation& op) {
        if (!out.reserve(op.length())) return false;
        op.update(data);
        op.finish(out.data());
        out.set_written(op.length());
        return true;
    });
}

void Hsm::digest_update(CK_SESSION_HANDLE handle, ByteView data) {
    SessionPtr s = sessions_.get(handle);
    std::lock_guard lock(s->mutex());
    run_step<DigestOperation>(*s, OpKind::Digest, StepKind::Update, [&](DigestOperation& op) {
        op.update(data);
        return false;
    });
}

void Hsm::digest_key(CK_SESSION_HANDLE handle, CK_OBJECT_HANDLE key) {
    SessionPtr s = sessions_.get(handle);
    std::lock_guard lock(s->mutex());
    run_step<DigestOperation>(*s, OpKind::Digest, StepKind::Update, [&](DigestOperation& op) {
        op.update_key(*visible_key(*s, key));
        return false;
    });
}

void Hsm::digest_final(CK_SESSION_HANDLE handle, OutputBuffer out) {
    SessionPtr s = sessions_.get(handle);
    std::lock_guard lock(s->mutex());
    run_step<DigestOperation>(*s, OpKind::Digest, StepKind::Final, [&](DigestOperation& op) {
        if (!out.reserve(op.length())) return false;
        op.finish(out.data());
        out.set_written(op.length());
        return true;
    });
}

void Hsm::generate_random(CK_SESSION_HANDLE handle, std::span<std::uint8_t> out) {
    (void)sessions_.get(handle);
    rng::random_bytes(out);
}

void Hsm::seed_random(CK_SESSION_HANDLE handle, ByteView seed) {
    (void)sessions_.get(handle);
    rng::add_seed(seed);
}

}  // namespace craton
