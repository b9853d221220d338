// C_SignInit and C_VerifyInit held back by the remote module until the C_Sign or C_Verify
// that follows, which carries the init to the daemon in its own round trip: a signature then
// costs one round trip instead of two (docs/remote.md, "Held-back inits").
//
// An init is held back only when this module already knows its answer: the same session ran
// the same init (key, mechanism and parameter bytes) successfully before, no call since could
// have changed the answer, and no signing or verifying operation is active on the session.
// Every RPC other than the few that cannot change or observe the daemon's state first sends
// the held-back inits, in order, and then makes the module forget what it knew, so the daemon
// sees this process's calls in the order the application made them. What this module cannot
// see is a change made by another client between the init and the C_Sign (say, the key
// destroyed); the init's error then comes back from C_Sign or C_Verify.
#pragma once

#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <craton/pkcs11/pkcs11.h>

#include "craton/hsm/v1/pkcs11.pb.h"

namespace craton::remote {

class HeldInits {
  public:
    enum class Kind { kSign, kVerify };
    // Sends one init to the daemon and returns its CK_RV; nullopt when the daemon did not
    // answer (the call may not have reached the module).
    using Send =
        std::function<std::optional<CK_RV>(Kind, const ::craton::hsm::v1::OperationInitRequest&)>;

    // Off until the daemon says it runs held-back inits (ServerInfo), or when configured off.
    void enable(bool on);

    // C_SignInit / C_VerifyInit with a mechanism: CKR_OK when held back, CKR_OPERATION_ACTIVE
    // when one is held back already on the session; nullopt when it must go to the daemon.
    std::optional<CK_RV> hold(Kind kind, const ::craton::hsm::v1::OperationInitRequest& init);
    // The daemon's answer to an init that was sent, alone or with its C_Sign / C_Verify.
    void sent(Kind kind, const ::craton::hsm::v1::OperationInitRequest& init, CK_RV rv);

    // Before a C_Sign / C_Verify: the held-back init to send with it, or the error of one
    // that was sent on its own and failed (then nothing is sent).
    struct Taken {
        std::optional<::craton::hsm::v1::OperationInitRequest> init;
        CK_RV failed = CKR_OK;
    };
    Taken take(Kind kind, CK_SESSION_HANDLE session);
    // A C_Sign / C_Verify that carried `init` did not get an answer from the daemon (refused
    // for the per-client call limit, connection lost): the init is held back again, as the
    // application still sees an active operation; its next C_Sign sends it again.
    void restore(Kind kind, const ::craton::hsm::v1::OperationInitRequest& init);
    // After a C_Sign / C_Verify: whether the operation ended (false after a length query or
    // CKR_BUFFER_TOO_SMALL; `known` false after a transport failure or an unknown outcome).
    void finished(Kind kind, CK_SESSION_HANDLE session, bool ended, bool known = true);

    // A session opened: nothing is active on it.
    void opened(CK_SESSION_HANDLE session);
    // A session closed (or all of them, `session` CK_INVALID_HANDLE with `all`).
    void closed(CK_SESSION_HANDLE session, bool all = false);

    // Sends every held-back init, in the order they were held back; with `forget`, then
    // forgets every known answer (before and after any RPC that may change the daemon's
    // state). Runs under the lock throughout, so a C_Sign of a session whose init is being
    // sent waits for that init's answer.
    void send_all(const Send& send, bool forget);
    // Forgets every known answer (after an RPC that may have changed them).
    void forget();

  private:
    enum class Phase { kUnknown, kIdle, kActive, kHeld, kFailed };
    struct State {
        Phase phase = Phase::kUnknown;
        CK_RV failed = CKR_OK;
        ::craton::hsm::v1::OperationInitRequest held;
        unsigned long held_order = 0;
        // (key, serialized mechanism) of inits known to succeed; bounded.
        std::vector<std::pair<CK_OBJECT_HANDLE, std::string>> proven;
    };
    using Key = std::pair<CK_SESSION_HANDLE, int>;
    static Key key_of(Kind kind, CK_SESSION_HANDLE session) {
        return {session, static_cast<int>(kind)};
    }
    Phase phase_of(Kind kind, CK_SESSION_HANDLE session) const;
    void forget_locked();

    mutable std::mutex mutex_;
    bool enabled_ = false;
    unsigned long held_ = 0;        // inits held back now
    unsigned long next_order_ = 0;  // the order they were held back in
    std::map<Key, State> states_;
};

}  // namespace craton::remote
