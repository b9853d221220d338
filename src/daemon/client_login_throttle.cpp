#include "daemon/client_login_throttle.h"

namespace craton::daemon {

bool ClientLoginThrottle::allowed(const std::string& client, Clock::time_point now) {
    std::lock_guard lock(mutex_);
    const auto it = failures_.find(client);
    if (it == failures_.end() || it->second.count < max_failures_) return true;
    if (now - it->second.last < lockout_) return false;
    failures_.erase(it);  // the lockout is over: a fresh count
    return true;
}

void ClientLoginThrottle::record(const std::string& client, CK_RV rv, Clock::time_point now) {
    std::lock_guard lock(mutex_);
    if (rv == CKR_OK) {
        failures_.erase(client);
    } else if (rv == CKR_PIN_INCORRECT) {
        Failures& f = failures_[client];
        ++f.count;
        f.last = now;
    }
}

}  // namespace craton::daemon
