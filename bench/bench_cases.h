// Case bodies that more than one registration uses (the threaded cases rerun these).
#pragma once

#include <cstddef>
#include <memory>

#include "bench_keys.h"

namespace craton::bench {

// `own_session`: run in a session opened by the calling thread instead of the main session.
void aes_gcm_encrypt(benchmark::State& state, std::size_t length, bool own_session);
void ecdsa_sign(benchmark::State& state, Curve curve, bool own_session);

// The session a case runs in: the main one, or a fresh one of the calling thread.
class CaseSession {
  public:
    CaseSession(benchmark::State& state, bool own);
    bool ok() const { return ok_; }
    CK_SESSION_HANDLE handle() const { return handle_; }

  private:
    std::unique_ptr<ThreadSession> own_;
    CK_SESSION_HANDLE handle_ = CK_INVALID_HANDLE;
    bool ok_ = true;
};

// Items (operations) and bytes per second, reported by every case.
inline void report(benchmark::State& state, std::size_t bytes_per_op = 0) {
    state.SetItemsProcessed(state.iterations());
    if (bytes_per_op != 0) {
        state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(bytes_per_op));
    }
}

}  // namespace craton::bench
