// Runs one step of an active operation under the specification's termination rules.
//
// The step may be single-part (C_Sign) or multi-part (C_SignUpdate/Final); a step of the
// other kind than the operation started with is refused with CKR_OPERATION_ACTIVE. Any error
// other than CKR_BUFFER_TOO_SMALL ends the operation; a step that reports completion ends it.
#pragma once

#include "core/error.h"
#include "core/session.h"

namespace craton {

enum class StepKind { Single, Update, Final };

// `step(op)` returns true when the operation is complete (output delivered).
template <class Op, class Step>
void run_step(Session& session, OpKind kind, StepKind step_kind, Step&& step) {
    if (session.closed()) fail(CKR_SESSION_CLOSED);
    auto* op = session.active_as<Op>(kind);
    if (op == nullptr) fail(CKR_OPERATION_NOT_INITIALIZED);
    const auto mode =
        step_kind == StepKind::Single ? Operation::Mode::Single : Operation::Mode::Multi;
    if (op->awaiting_context_login) {
        session.end(kind);
        fail(CKR_USER_NOT_LOGGED_IN);
    }
    if (op->mode != Operation::Mode::Fresh && op->mode != mode) {
        session.end(kind);
        fail(CKR_OPERATION_ACTIVE);
    }
    op->mode = mode;
    bool done = false;
    try {
        done = step(*op);
    } catch (const Pkcs11Error& e) {
        if (e.rv() != CKR_BUFFER_TOO_SMALL) session.end(kind);
        throw;
    } catch (...) {
        session.end(kind);
        throw;
    }
    if (done) session.end(kind);
}

}  // namespace craton
