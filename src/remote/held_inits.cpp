#include "remote/held_inits.h"

#include <algorithm>

namespace craton::remote {
namespace {

// Known answers kept per session and kind: an application signing with a handful of keys on
// one session needs no more, and a hostile one cannot grow the table without bound.
constexpr std::size_t kProvenPerSession = 16;

}  // namespace

void HeldInits::enable(bool on) {
    std::lock_guard lock(mutex_);
    enabled_ = on;
}

HeldInits::Phase HeldInits::phase_of(Kind kind, CK_SESSION_HANDLE session) const {
    const auto it = states_.find(key_of(kind, session));
    return it == states_.end() ? Phase::kUnknown : it->second.phase;
}

std::optional<CK_RV> HeldInits::hold(Kind kind,
                                     const ::craton::hsm::v1::OperationInitRequest& init) {
    std::lock_guard lock(mutex_);
    const CK_SESSION_HANDLE session = static_cast<CK_SESSION_HANDLE>(init.session());
    const auto it = states_.find(key_of(kind, session));
    if (it == states_.end()) return std::nullopt;
    State& state = it->second;
    // The application sees an active operation, so the daemon would say the same.
    if (state.phase == Phase::kHeld) return CKR_OPERATION_ACTIVE;
    // With an operation of either kind active (or not known to be ended) on the session the
    // daemon's answer may differ from the proven one.
    const Kind other = kind == Kind::kSign ? Kind::kVerify : Kind::kSign;
    if (!enabled_ || state.phase != Phase::kIdle || phase_of(other, session) != Phase::kIdle)
        return std::nullopt;
    const std::pair<CK_OBJECT_HANDLE, std::string> what{static_cast<CK_OBJECT_HANDLE>(init.key()),
                                                        init.mechanism().SerializeAsString()};
    if (std::find(state.proven.begin(), state.proven.end(), what) == state.proven.end())
        return std::nullopt;
    state.phase = Phase::kHeld;
    state.held = init;
    state.held_order = next_order_++;
    ++held_;
    return CKR_OK;
}

void HeldInits::sent(Kind kind, const ::craton::hsm::v1::OperationInitRequest& init, CK_RV rv) {
    std::lock_guard lock(mutex_);
    const CK_SESSION_HANDLE session = static_cast<CK_SESSION_HANDLE>(init.session());
    const auto it = states_.find(key_of(kind, session));
    if (it == states_.end()) return;  // a session this module did not open, or closed
    State& state = it->second;
    std::pair<CK_OBJECT_HANDLE, std::string> what{static_cast<CK_OBJECT_HANDLE>(init.key()),
                                                  init.mechanism().SerializeAsString()};
    const auto known = std::find(state.proven.begin(), state.proven.end(), what);
    if (rv != CKR_OK) {
        // CKR_OPERATION_ACTIVE and the like leave the session's operation as it was.
        state.phase = Phase::kUnknown;
        if (known != state.proven.end()) state.proven.erase(known);
        return;
    }
    state.phase = Phase::kActive;
    if (known != state.proven.end()) return;
    if (state.proven.size() == kProvenPerSession) state.proven.erase(state.proven.begin());
    state.proven.push_back(std::move(what));
}

HeldInits::Taken HeldInits::take(Kind kind, CK_SESSION_HANDLE session) {
    std::lock_guard lock(mutex_);
    Taken taken;
    const auto it = states_.find(key_of(kind, session));
    if (it == states_.end()) return taken;
    State& state = it->second;
    if (state.phase == Phase::kHeld) {
        taken.init = std::move(state.held);
        state.held.Clear();
        state.phase = Phase::kActive;  // until finished() says how the call ended
        --held_;
    } else if (state.phase == Phase::kFailed) {
        // The init the application was told had succeeded failed when sent: its error now,
        // and no operation is active.
        taken.failed = state.failed;
        state.phase = Phase::kIdle;
    }
    return taken;
}

void HeldInits::restore(Kind kind, const ::craton::hsm::v1::OperationInitRequest& init) {
    std::lock_guard lock(mutex_);
    const auto it = states_.find(key_of(kind, static_cast<CK_SESSION_HANDLE>(init.session())));
    if (it == states_.end() || it->second.phase == Phase::kHeld) return;
    State& state = it->second;
    state.phase = Phase::kHeld;
    state.held = init;
    state.held_order = next_order_++;
    ++held_;
}

void HeldInits::finished(Kind kind, CK_SESSION_HANDLE session, bool ended, bool known) {
    std::lock_guard lock(mutex_);
    const auto it = states_.find(key_of(kind, session));
    if (it == states_.end()) return;
    it->second.phase = !known ? Phase::kUnknown : ended ? Phase::kIdle : Phase::kActive;
}

void HeldInits::opened(CK_SESSION_HANDLE session) {
    std::lock_guard lock(mutex_);
    for (const Kind kind : {Kind::kSign, Kind::kVerify}) {
        State& state = states_[key_of(kind, session)];
        if (state.phase == Phase::kHeld) --held_;
        state = State{};
        state.phase = Phase::kIdle;
    }
}

void HeldInits::closed(CK_SESSION_HANDLE session, bool all) {
    std::lock_guard lock(mutex_);
    for (auto it = states_.begin(); it != states_.end();) {
        if (all || it->first.first == session) {
            if (it->second.phase == Phase::kHeld) --held_;
            it = states_.erase(it);
        } else {
            ++it;
        }
    }
}

void HeldInits::send_all(const Send& send, bool forget) {
    std::lock_guard lock(mutex_);
    if (held_ != 0) {
        std::vector<std::pair<unsigned long, std::map<Key, State>::iterator>> queue;
        for (auto it = states_.begin(); it != states_.end(); ++it)
            if (it->second.phase == Phase::kHeld) queue.emplace_back(it->second.held_order, it);
        std::sort(queue.begin(), queue.end(),
                  [](const auto& a, const auto& b) { return a.first < b.first; });
        for (auto& [order, it] : queue) {
            State& state = it->second;
            const std::optional<CK_RV> answer =
                send(static_cast<Kind>(it->first.second), state.held);
            // Not answered (refused for the call limit, connection lost): it stays held, and the
            // next C_Sign carries it, as a resent call would have.
            if (!answer) continue;
            if (*answer != CKR_OK) {
                const std::pair<CK_OBJECT_HANDLE, std::string> what{
                    static_cast<CK_OBJECT_HANDLE>(state.held.key()),
                    state.held.mechanism().SerializeAsString()};
                state.proven.erase(std::remove(state.proven.begin(), state.proven.end(), what),
                                   state.proven.end());
            }
            state.held.Clear();
            state.phase = *answer == CKR_OK ? Phase::kActive : Phase::kFailed;
            state.failed = *answer;
            --held_;
        }
    }
    if (forget) forget_locked();
}

void HeldInits::forget() {
    std::lock_guard lock(mutex_);
    forget_locked();
}

void HeldInits::forget_locked() {
    for (auto& entry : states_) entry.second.proven.clear();
}

}  // namespace craton::remote
