#include "core/session_table.h"

#include <mutex>

#include "core/error.h"

namespace craton {

SessionPtr SessionTable::add(Token& token, CK_FLAGS flags) {
    std::unique_lock lock(mutex_);
    // Handles are never reused within one initialisation, so a stale handle cannot reach a
    // newer session.
    auto s = std::make_shared<Session>(next_++, token, flags);
    sessions_[s->handle()] = s;
    return s;
}

SessionPtr SessionTable::get(CK_SESSION_HANDLE handle) const {
    std::shared_lock lock(mutex_);
    const auto it = sessions_.find(handle);
    if (it == sessions_.end()) fail(CKR_SESSION_HANDLE_INVALID);
    return it->second;
}

SessionPtr SessionTable::remove(CK_SESSION_HANDLE handle) {
    std::unique_lock lock(mutex_);
    const auto it = sessions_.find(handle);
    if (it == sessions_.end()) fail(CKR_SESSION_HANDLE_INVALID);
    SessionPtr s = it->second;
    sessions_.erase(it);
    return s;
}

std::vector<SessionPtr> SessionTable::remove_all(const Token& token) {
    std::unique_lock lock(mutex_);
    std::vector<SessionPtr> out;
    for (auto it = sessions_.begin(); it != sessions_.end();) {
        if (&it->second->token() == &token) {
            out.push_back(it->second);
            it = sessions_.erase(it);
        } else {
            ++it;
        }
    }
    return out;
}

std::vector<SessionPtr> SessionTable::all() const {
    std::shared_lock lock(mutex_);
    std::vector<SessionPtr> out;
    for (const auto& [h, s] : sessions_) out.push_back(s);
    return out;
}

std::vector<SessionPtr> SessionTable::of(const Token& token) const {
    std::shared_lock lock(mutex_);
    std::vector<SessionPtr> out;
    for (const auto& [h, s] : sessions_) {
        if (&s->token() == &token) out.push_back(s);
    }
    return out;
}

void SessionTable::count(const Token& token, CK_ULONG& total, CK_ULONG& rw) const {
    std::shared_lock lock(mutex_);
    total = rw = 0;
    for (const auto& [h, s] : sessions_) {
        if (&s->token() != &token) continue;
        ++total;
        if (s->read_write()) ++rw;
    }
}

void SessionTable::clear() {
    std::unique_lock lock(mutex_);
    sessions_.clear();
}

}  // namespace craton
