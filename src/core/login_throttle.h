// Failed-login accounting for one role of one token.
//
// Each failure doubles a delay (from the configured base up to its cap) that the failing call
// waits out before it returns, so guessing is slow even across sessions; after the configured
// number of consecutive failures the role is locked. A success resets the count.
#pragma once

#include <chrono>
#include <cstdint>

namespace craton {

class LoginThrottle {
public:
    struct Policy {
        std::uint32_t max_failures = 10;
        std::uint32_t base_delay_ms = 100;
        std::uint32_t max_delay_ms = 5000;
    };

    LoginThrottle() = default;
    explicit LoginThrottle(Policy policy) : policy_(policy) {}

    bool locked() const noexcept { return failures_ >= policy_.max_failures; }
    std::uint32_t failures() const noexcept { return failures_; }
    bool count_low() const noexcept { return failures_ > 0; }
    bool final_try() const noexcept { return failures_ + 1 == policy_.max_failures; }

    // Records a failure and returns how long the caller must wait before answering.
    std::chrono::milliseconds record_failure() noexcept;
    void record_success() noexcept { failures_ = 0; }
    void restore(std::uint32_t failures) noexcept { failures_ = failures; }
    void set_policy(Policy p) noexcept { policy_ = p; }

private:
    Policy policy_;
    std::uint32_t failures_ = 0;
};

}  // namespace craton
