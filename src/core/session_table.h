// All open sessions of the application, across slots.
#pragma once

#include <functional>
#include <shared_mutex>
#include <unordered_map>
#include <vector>

#include "core/session.h"

namespace craton {

class SessionTable {
public:
    SessionPtr add(Token& token, CK_FLAGS flags);
    // Throws CKR_SESSION_HANDLE_INVALID.
    SessionPtr get(CK_SESSION_HANDLE handle) const;
    SessionPtr remove(CK_SESSION_HANDLE handle);
    std::vector<SessionPtr> remove_all(const Token& token);
    std::vector<SessionPtr> all() const;
    std::vector<SessionPtr> of(const Token& token) const;
    void count(const Token& token, CK_ULONG& total, CK_ULONG& rw) const;
    void clear();

private:
    mutable std::shared_mutex mutex_;
    std::unordered_map<CK_SESSION_HANDLE, SessionPtr> sessions_;
    CK_SESSION_HANDLE next_ = 1;
};

}  // namespace craton
