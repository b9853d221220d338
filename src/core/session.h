// One session: its slot, its read/write flag and the operations it has in progress.
//
// The session's state (R/O public, R/W user, ...) is computed from its flag and its token's
// login state on every check, so it can never disagree with the token. Calls on one session
// are serialised by its mutex; different sessions run in parallel.
#pragma once

#include <array>
#include <memory>
#include <mutex>

#include <craton/pkcs11/pkcs11.h>

#include "core/operation.h"
#include "core/token.h"

namespace craton {

class Session {
  public:
    Session(CK_SESSION_HANDLE handle, Token& token, CK_FLAGS flags)
        : handle_(handle), token_(token), flags_(flags) {}

    CK_SESSION_HANDLE handle() const noexcept { return handle_; }
    Token& token() noexcept { return token_; }
    const Token& token() const noexcept { return token_; }
    bool read_write() const noexcept { return (flags_ & CKF_RW_SESSION) != 0; }
    CK_FLAGS flags() const noexcept { return flags_; }
    CK_STATE state() const noexcept;
    bool user_logged_in() const noexcept { return token_.logged_in() == CKU_USER; }
    bool so_logged_in() const noexcept { return token_.logged_in() == CKU_SO; }

    std::mutex& mutex() noexcept { return mutex_; }

    // Operation slots; callers hold mutex().
    Operation* active(OpKind kind) const noexcept { return ops_[index(kind)].get(); }
    template <class T>
    T* active_as(OpKind kind) const noexcept {
        return static_cast<T*>(active(kind));
    }
    // Throws CKR_OPERATION_ACTIVE if one is in progress, CKR_SESSION_CLOSED after close().
    void start(OpKind kind, std::unique_ptr<Operation> op);
    void end(OpKind kind) noexcept { ops_[index(kind)].reset(); }
    void end_all() noexcept;
    // C_CloseSession/C_CloseAllSessions (callers hold mutex()): ends every operation, and marks
    // the session so a call that looked it up just before the close, and waited for its mutex,
    // fails with CKR_SESSION_CLOSED instead of finding its operation gone.
    void close() noexcept {
        closed_ = true;
        end_all();
    }
    bool closed() const noexcept { return closed_; }
    // Ends every operation whose key is `handle` (the key was destroyed).
    void end_using_key(CK_OBJECT_HANDLE handle) noexcept;

  private:
    static std::size_t index(OpKind k) noexcept { return static_cast<std::size_t>(k); }

    CK_SESSION_HANDLE handle_;
    Token& token_;
    CK_FLAGS flags_;
    std::mutex mutex_;
    bool closed_ = false;
    std::array<std::unique_ptr<Operation>, static_cast<std::size_t>(OpKind::Count)> ops_;
};

using SessionPtr = std::shared_ptr<Session>;

}  // namespace craton
