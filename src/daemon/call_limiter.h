// Bounds how many calls one client identity may have in flight, so one misbehaving client
// cannot occupy every server thread ([daemon] max_calls_per_client).
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>

namespace craton::daemon {

class CallLimiter {
  public:
    explicit CallLimiter(std::uint32_t per_client) : per_client_(per_client) {}

    // A held place for one call; empty (false) when the client is at its limit.
    class Place {
      public:
        Place(CallLimiter& limiter, std::string client);
        ~Place();
        Place(const Place&) = delete;
        Place& operator=(const Place&) = delete;
        explicit operator bool() const { return held_; }

      private:
        CallLimiter& limiter_;
        std::string client_;
        bool held_ = false;
    };

  private:
    std::uint32_t per_client_;
    std::mutex mutex_;
    std::map<std::string, std::uint32_t> in_flight_;
};

}  // namespace craton::daemon
