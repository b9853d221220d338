#include "selftest/module_state.h"

#include <pthread.h>

#include <atomic>
#include <mutex>

#include "core/error.h"
#include "core/log.h"

namespace craton::selftest {
namespace {

std::atomic<State> g_state{State::PowerOff};
std::atomic<bool> g_error{false};
std::atomic<int> g_officers{0};
// Guards multi-step transitions and the reason text; never held while calling out.
std::mutex g_mutex;
// The reason is a fixed buffer so enter_error_state needs no allocation on a failure path.
char g_reason[128] = {};

// A forked child is a new process that has not powered on the module: it starts at PowerOff
// (the library's own fork handler drops the parent's state) unless the parent had latched an
// error, which the child inherits: the failure may be in shared state such as the entropy
// source, so failing closed is the safe reading.
void on_fork_child() {
    new (&g_mutex) std::mutex;
    g_officers.store(0);
    if (!g_error.load()) g_state.store(State::PowerOff);
}

[[maybe_unused]] const int g_fork_registered = pthread_atfork(nullptr, nullptr, on_fork_child);

}  // namespace

const char* state_name(State s) noexcept {
    switch (s) {
        case State::PowerOff:
            return "PowerOff";
        case State::PowerOn:
            return "PowerOn";
        case State::SelfTest:
            return "SelfTest";
        case State::UserMode:
            return "UserMode";
        case State::CryptoOfficerMode:
            return "CryptoOfficerMode";
        case State::ErrorState:
            return "ErrorState";
        case State::Zeroization:
            return "Zeroization";
    }
    return "?";
}

bool transition_allowed(State from, State to) noexcept {
    switch (from) {
        case State::PowerOff:
            return to == State::PowerOn;
        case State::PowerOn:
            return to == State::SelfTest;
        case State::SelfTest:
            return to == State::UserMode || to == State::CryptoOfficerMode ||
                   to == State::ErrorState;
        case State::UserMode:
            return to == State::CryptoOfficerMode || to == State::ErrorState ||
                   to == State::Zeroization;
        case State::CryptoOfficerMode:
            return to == State::UserMode || to == State::ErrorState || to == State::Zeroization;
        case State::ErrorState:
            return to == State::Zeroization || to == State::PowerOff;
        case State::Zeroization:
            return to == State::PowerOff;
    }
    return false;
}

State current_state() noexcept {
    return g_state.load();
}

void transition(State to) {
    {
        std::lock_guard lock(g_mutex);
        const State from = g_state.load();
        if (transition_allowed(from, to)) {
            g_state.store(to);
            if (to == State::PowerOff) g_officers.store(0);  // every login ended with the tokens
            if (to == State::ErrorState) g_error.store(true);
            return;
        }
    }
    fail_to_error_state("forbidden module state transition");
}

void enter_error_state(const char* reason) noexcept {
    bool first = false;
    {
        std::lock_guard lock(g_mutex);
        first = !g_error.exchange(true);
        if (first) {
            std::size_t i = 0;
            for (; reason != nullptr && reason[i] != '\0' && i + 1 < sizeof g_reason; ++i) {
                g_reason[i] = reason[i];
            }
            g_reason[i] = '\0';
        }
        // Every state may fall into ErrorState in effect: PowerOn/SelfTest/Zeroization failures
        // included. The table governs orderly transitions; the latch overrides it.
        g_state.store(State::ErrorState);
    }
    if (first) {
        log::error("module entered the error state");
        log::error(g_reason);
    }
}

bool in_error_state() noexcept {
    return g_error.load(std::memory_order_acquire);
}

void fail_to_error_state(const char* reason) {
    enter_error_state(reason);
    fail(CKR_GENERAL_ERROR, reason);
}

void require_not_error() {
    if (in_error_state()) fail(CKR_GENERAL_ERROR, "module is in the error state");
}

std::string error_reason() {
    std::lock_guard lock(g_mutex);
    return g_error.load() ? std::string(g_reason) : std::string();
}

void officer_logged_in() noexcept {
    std::lock_guard lock(g_mutex);
    if (g_officers.fetch_add(1) == 0 && g_state.load() == State::UserMode) {
        g_state.store(State::CryptoOfficerMode);
    }
}

void officer_logged_out() noexcept {
    std::lock_guard lock(g_mutex);
    if (g_officers.load() > 0 && g_officers.fetch_sub(1) == 1 &&
        g_state.load() == State::CryptoOfficerMode) {
        g_state.store(State::UserMode);
    }
}

}  // namespace craton::selftest
