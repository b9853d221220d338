#include "core/login_throttle.h"

#include <algorithm>

namespace craton {

std::chrono::milliseconds LoginThrottle::record_failure() noexcept {
    if (failures_ < policy_.max_failures) ++failures_;
    std::uint64_t delay = policy_.base_delay_ms;
    for (std::uint32_t i = 1; i < failures_ && delay < policy_.max_delay_ms; ++i) delay *= 2;
    return std::chrono::milliseconds(std::min<std::uint64_t>(delay, policy_.max_delay_ms));
}

}  // namespace craton
