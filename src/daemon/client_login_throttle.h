// Login throttling per client identity, in front of the module's own per-token throttle.
//
// The module counts failed logins per token and locks the PIN after too many: one client that
// keeps guessing could lock the token for every client of the daemon. So the daemon also
// counts consecutive CKR_PIN_INCORRECT answers per client certificate; after
// `max_failures` of them that client's further C_Login calls are refused without reaching the
// module (CKR_FUNCTION_FAILED) until `lockout` has passed since its last failure. A successful
// login clears the count. Logins in flight when the limit is reached still reach the module,
// so a client can exceed it by at most its max_calls_per_client.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>

#include <craton/pkcs11/pkcs11.h>

namespace craton::daemon {

class ClientLoginThrottle {
  public:
    using Clock = std::chrono::steady_clock;

    ClientLoginThrottle(std::uint32_t max_failures, std::chrono::seconds lockout)
        : max_failures_(max_failures), lockout_(lockout) {}

    // Whether `client` may try to log in at `now`.
    bool allowed(const std::string& client, Clock::time_point now);
    // Counts the module's answer to a login of `client`.
    void record(const std::string& client, CK_RV rv, Clock::time_point now);

  private:
    struct Failures {
        std::uint32_t count = 0;
        Clock::time_point last;
    };
    const std::uint32_t max_failures_;
    const std::chrono::seconds lockout_;
    std::mutex mutex_;
    std::map<std::string, Failures> failures_;
};

}  // namespace craton::daemon
