#include "daemon/call_limiter.h"

namespace craton::daemon {

CallLimiter::Place::Place(CallLimiter& limiter, std::string client)
    : limiter_(limiter), client_(std::move(client)) {
    std::lock_guard lock(limiter_.mutex_);
    auto& count = limiter_.in_flight_[client_];
    if (count < limiter_.per_client_) {
        ++count;
        held_ = true;
    }
}

CallLimiter::Place::~Place() {
    std::lock_guard lock(limiter_.mutex_);
    const auto it = limiter_.in_flight_.find(client_);
    if (it == limiter_.in_flight_.end()) return;
    if (held_) --it->second;
    if (it->second == 0) limiter_.in_flight_.erase(it);
}

}  // namespace craton::daemon
