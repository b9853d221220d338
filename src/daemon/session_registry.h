// Which client opened which session, and when each client last called.
//
// The module's session handles are global to the daemon's process; this registry is what
// makes them per client: a handle another client opened is reported as
// CKR_SESSION_HANDLE_INVALID, exactly as if it did not exist.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace craton::daemon {

class SessionRegistry {
  public:
    using Clock = std::chrono::steady_clock;

    void add(std::uint64_t session, std::uint64_t slot, const std::string& client);
    void remove(std::uint64_t session);
    bool owned_by(std::uint64_t session, const std::string& client) const;
    // The client's sessions (on `slot` only, when given).
    std::vector<std::uint64_t> sessions_of(const std::string& client) const;
    std::vector<std::uint64_t> sessions_of(const std::string& client, std::uint64_t slot) const;

    void touch(const std::string& client);
    // Drops the client's idle clock once its connection ended and its sessions are closed.
    void forget(const std::string& client);
    // Forgets and returns every session of clients silent for longer than `idle`.
    std::vector<std::uint64_t> take_idle(Clock::duration idle);

  private:
    struct Owner {
        std::string client;
        std::uint64_t slot;
    };
    mutable std::mutex mutex_;
    std::map<std::uint64_t, Owner> sessions_;
    std::map<std::string, Clock::time_point> last_call_;
};

}  // namespace craton::daemon
