#include "daemon/session_registry.h"

namespace craton::daemon {

void SessionRegistry::add(std::uint64_t session, std::uint64_t slot, const std::string& client) {
    std::lock_guard lock(mutex_);
    sessions_[session] = {client, slot};
}

void SessionRegistry::remove(std::uint64_t session) {
    std::lock_guard lock(mutex_);
    sessions_.erase(session);
}

bool SessionRegistry::owned_by(std::uint64_t session, const std::string& client) const {
    std::lock_guard lock(mutex_);
    const auto it = sessions_.find(session);
    return it != sessions_.end() && it->second.client == client;
}

std::vector<std::uint64_t> SessionRegistry::sessions_of(const std::string& client) const {
    std::lock_guard lock(mutex_);
    std::vector<std::uint64_t> out;
    for (const auto& [handle, owner] : sessions_) {
        if (owner.client == client) out.push_back(handle);
    }
    return out;
}

std::vector<std::uint64_t> SessionRegistry::sessions_of(const std::string& client,
                                                        std::uint64_t slot) const {
    std::lock_guard lock(mutex_);
    std::vector<std::uint64_t> out;
    for (const auto& [handle, owner] : sessions_) {
        if (owner.client == client && owner.slot == slot) out.push_back(handle);
    }
    return out;
}

void SessionRegistry::touch(const std::string& client) {
    std::lock_guard lock(mutex_);
    last_call_[client] = Clock::now();
}

void SessionRegistry::forget(const std::string& client) {
    std::lock_guard lock(mutex_);
    last_call_.erase(client);
}

std::vector<std::uint64_t> SessionRegistry::take_idle(Clock::duration idle) {
    std::lock_guard lock(mutex_);
    const auto now = Clock::now();
    std::vector<std::uint64_t> out;
    for (auto it = last_call_.begin(); it != last_call_.end();) {
        if (now - it->second <= idle) {
            ++it;
            continue;
        }
        for (auto s = sessions_.begin(); s != sessions_.end();) {
            if (s->second.client == it->first) {
                out.push_back(s->first);
                s = sessions_.erase(s);
            } else {
                ++s;
            }
        }
        it = last_call_.erase(it);
    }
    return out;
}

}  // namespace craton::daemon
