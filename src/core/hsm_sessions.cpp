// Sessions, login state and PINs.
#include <mutex>

#include "core/audit_call.h"
#include "core/error.h"
#include "core/hsm.h"
#include "core/log.h"

namespace craton {

CK_SESSION_HANDLE Hsm::open_session(CK_SLOT_ID slot, CK_FLAGS flags) {
    if ((flags & CKF_SERIAL_SESSION) == 0) fail(CKR_SESSION_PARALLEL_NOT_SUPPORTED);
    Token& token = slots_.token(slot);
    sync_token(token);
    // Under the auth lock so a concurrent SO login cannot slip between check and insert.
    std::lock_guard auth(token.auth_mutex());
    // Sessions on an uninitialised token are allowed: digest and random need no token state.
    if ((flags & CKF_RW_SESSION) == 0 && token.logged_in() == CKU_SO) {
        fail(CKR_SESSION_READ_WRITE_SO_EXISTS);
    }
    return sessions_.add(token, flags & (CKF_SERIAL_SESSION | CKF_RW_SESSION))->handle();
}

void Hsm::destroy_session_objects(Session& session) {
    const CK_SESSION_HANDLE h = session.handle();
    session.token().objects().remove_if(
        [h](const Object& o) { return !o.is_token() && o.owner_session() == h; });
}

void Hsm::end_sessions(std::vector<SessionPtr> sessions) {
    for (auto& s : sessions) {
        std::lock_guard lock(s->mutex());
        s->close();
        destroy_session_objects(*s);
    }
}

void Hsm::close_session(CK_SESSION_HANDLE handle) {
    SessionPtr s = sessions_.get(handle);
    Token& token = s->token();
    std::lock_guard auth(token.auth_mutex());
    end_sessions({sessions_.remove(handle)});
    // Closing the last session of a token logs the application out of it.
    if (sessions_.of(token).empty()) token.logout();
}

void Hsm::close_all_sessions(CK_SLOT_ID slot) {
    Token& token = slots_.token(slot);
    std::lock_guard auth(token.auth_mutex());
    end_sessions(sessions_.remove_all(token));
    token.logout();
}

void Hsm::session_info(CK_SESSION_HANDLE handle, CK_SESSION_INFO& info) const {
    SessionPtr s = sessions_.get(handle);
    info.slotID = s->token().slot();
    info.state = s->state();
    info.flags = s->flags();
    info.ulDeviceError = 0;
}

void Hsm::login(CK_SESSION_HANDLE handle, CK_USER_TYPE user, ByteView pin) {
    AuditCall audit(*this, "C_Login", handle);
    SessionPtr s = sessions_.get(handle);
    Token& token = s->token();
    if (user != CKU_SO && user != CKU_USER && user != CKU_CONTEXT_SPECIFIC) {
        fail(CKR_USER_TYPE_INVALID);
    }
    std::unique_lock auth(token.auth_mutex());
    if (!token.initialized()) fail(CKR_TOKEN_NOT_RECOGNIZED);
    if (user == CKU_CONTEXT_SPECIFIC) {
        std::lock_guard lock(s->mutex());
        Operation* pending = nullptr;
        for (int k = 0; k < static_cast<int>(OpKind::Count); ++k) {
            Operation* op = s->active(static_cast<OpKind>(k));
            if (op != nullptr && op->awaiting_context_login) pending = op;
        }
        if (pending == nullptr) fail(CKR_OPERATION_NOT_INITIALIZED);
        if (token.logged_in() != CKU_USER) fail(CKR_USER_NOT_LOGGED_IN);
        token.verify_user(pin);
        pending->awaiting_context_login = false;
        return;
    }
    const CK_USER_TYPE current = token.logged_in();
    if (current == user) fail(CKR_USER_ALREADY_LOGGED_IN);
    if (current != kNobody) fail(CKR_USER_ANOTHER_ALREADY_LOGGED_IN);
    if (user == CKU_SO) {
        for (const auto& other : sessions_.of(token)) {
            if (!other->read_write()) fail(CKR_SESSION_READ_ONLY_EXISTS);
        }
    }
    token.login(user, pin);
    log::info(std::string(user == CKU_SO ? "SO" : "user") + " logged in on slot " +
              std::to_string(token.slot()));
    if (user == CKU_USER && token.vault().durable()) {
        // Private token objects can be decrypted now. When the loaded public objects are
        // current (no other process committed since), only the private records are read: a
        // full reload costs a second pass over every object (1.25 s at 100,000 objects).
        if (token.loaded_generation() == token.vault().generation()) {
            for (auto& obj : token.vault().load_private_objects()) {
                obj->set_handle(next_object_handle());
                token.objects().insert(obj);
            }
            return;
        }
        token.set_loaded_generation(static_cast<std::uint64_t>(-1));
        auth.unlock();
        sync_token(token);
    }
}

void Hsm::logout(CK_SESSION_HANDLE handle) {
    AuditCall audit(*this, "C_Logout", handle);
    SessionPtr s = sessions_.get(handle);
    Token& token = s->token();
    std::lock_guard auth(token.auth_mutex());
    if (token.logged_in() == kNobody) fail(CKR_USER_NOT_LOGGED_IN);
    const bool was_user = token.logged_in() == CKU_USER;
    token.logout();
    // Operations may hold private keys: end them all in this application's sessions.
    for (const auto& other : sessions_.of(token)) {
        std::lock_guard lock(other->mutex());
        other->end_all();
    }
    if (was_user) {
        // Private session objects die; private token objects get new handles, so handles an
        // application kept from the login are invalid even after a later login.
        token.objects().remove_if([](const Object& o) { return !o.is_token() && o.is_private(); });
        if (token.vault().durable()) {
            // Stored private objects leave memory; the next login decrypts them afresh.
            token.objects().remove_if([](const Object& o) { return o.is_private(); });
        } else {
            token.objects().rehandle_if([](const Object& o) { return o.is_private(); },
                                        [this] { return next_object_handle(); });
        }
    }
}

void Hsm::init_pin(CK_SESSION_HANDLE handle, ByteView pin) {
    AuditCall audit(*this, "C_InitPIN", handle);
    SessionPtr s = sessions_.get(handle);
    if (s->state() != CKS_RW_SO_FUNCTIONS) fail(CKR_USER_NOT_LOGGED_IN);
    std::lock_guard auth(s->token().auth_mutex());
    s->token().init_user_pin(pin);
}

void Hsm::set_pin(CK_SESSION_HANDLE handle, ByteView old_pin, ByteView new_pin) {
    AuditCall audit(*this, "C_SetPIN", handle);
    SessionPtr s = sessions_.get(handle);
    const CK_STATE state = s->state();
    if (state != CKS_RW_PUBLIC_SESSION && state != CKS_RW_SO_FUNCTIONS &&
        state != CKS_RW_USER_FUNCTIONS) {
        fail(CKR_SESSION_READ_ONLY);
    }
    std::lock_guard auth(s->token().auth_mutex());
    s->token().change_pin(state == CKS_RW_SO_FUNCTIONS ? CKU_SO : CKU_USER, old_pin, new_pin);
}

void Hsm::session_cancel(CK_SESSION_HANDLE handle, CK_FLAGS flags) {
    SessionPtr s = sessions_.get(handle);
    std::lock_guard lock(s->mutex());
    const struct {
        CK_FLAGS flag;
        OpKind kind;
    } kMap[] = {
        {CKF_ENCRYPT, OpKind::Encrypt},
        {CKF_DECRYPT, OpKind::Decrypt},
        {CKF_DIGEST, OpKind::Digest},
        {CKF_SIGN, OpKind::Sign},
        {CKF_SIGN_RECOVER, OpKind::SignRecover},
        {CKF_VERIFY, OpKind::Verify},
        {CKF_VERIFY_RECOVER, OpKind::VerifyRecover},
        {CKF_FIND_OBJECTS, OpKind::Find},
        {CKF_MESSAGE_ENCRYPT, OpKind::MessageEncrypt},
        {CKF_MESSAGE_DECRYPT, OpKind::MessageDecrypt},
        {CKF_MESSAGE_SIGN, OpKind::MessageSign},
        {CKF_MESSAGE_VERIFY, OpKind::MessageVerify},
    };
    for (const auto& m : kMap) {
        if (flags & m.flag) s->end(m.kind);
    }
}

}  // namespace craton
