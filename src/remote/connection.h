// One channel to the daemon and the rule that turns a transport failure into a CK_RV.
//
// A call that reaches the daemon returns the module's CK_RV from the response. A call that
// does not (daemon gone, TLS refused, deadline passed) returns CKR_DEVICE_REMOVED when the
// daemon is unreachable and CKR_DEVICE_ERROR otherwise; no call waits past the deadline.
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include <grpcpp/grpcpp.h>

#include <craton/pkcs11/pkcs11.h>

#include "craton/hsm/v1/connection.grpc.pb.h"
#include "craton/hsm/v1/pkcs11.grpc.pb.h"
#include "remote/held_inits.h"
#include "remote/remote_config.h"

namespace craton::remote {

namespace v1 = ::craton::hsm::v1;

template <class Request, class Response>
using Rpc = grpc::Status (v1::Pkcs11::Stub::*)(grpc::ClientContext*, const Request&, Response*);

CK_RV rv_of_status(const grpc::Status& status);

class Connection {
  public:
    // Throws std::runtime_error when a certificate or key file cannot be read.
    explicit Connection(const RemoteConfig& config);
    // Ends the held Attach call (the daemon then closes this connection's sessions) and joins
    // the thread that watches it.
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    // Opens the Attach call the daemon watches to close this channel's sessions when the
    // process or its connection goes away (proto/craton/hsm/v1/connection.proto). Called once
    // C_Initialize has reached the daemon; returns once the call's headers are sent, so a
    // process killed right after C_Initialize is already watched. A thread then waits for the
    // call to end and, unless this connection is being closed, opens a new one once the
    // channel is back (daemon restarted, network back), so sessions opened after a reconnect
    // are watched too. Never fails the caller: against a daemon without the service it stops
    // trying, and sessions are then closed by the idle timeout.
    void attach();

    template <class Request, class Response>
    CK_RV call(Rpc<Request, Response> rpc, const Request& request, Response& response) {
        grpc::ClientContext context;
        context.set_deadline(std::chrono::system_clock::now() + deadline_);
        // The daemon files sessions under (certificate, channel id): see attach().
        context.AddMetadata(kChannelIdMetadata, channel_id_);
        const grpc::Status status = (stub_.get()->*rpc)(&context, request, &response);
        if (!status.ok()) return rv_of_status(status);
        return static_cast<CK_RV>(response.rv());
    }

    static constexpr const char* kChannelIdMetadata = "craton-channel-id";

    // The C_SignInit / C_VerifyInit calls held back on this connection (held_inits.h).
    HeldInits& held_inits() { return held_inits_; }
    bool hold_inits() const { return hold_inits_; }
    // Sends the held-back inits now (see HeldInits::send_all).
    void send_held_inits(bool forget);

  private:
    std::chrono::milliseconds deadline_;
    // 32 random hex digits, new at each C_Initialize: this process's share of the identity.
    std::string channel_id_;
    std::shared_ptr<grpc::Channel> channel_;
    std::unique_ptr<v1::Pkcs11::Stub> stub_;
    std::unique_ptr<v1::ClientLifetime::Stub> lifetime_stub_;

    // The held Attach call runs on its own completion queue, which the watching thread only
    // glances at (watch_attach): a thread blocked on a queue of this channel becomes one of
    // its pollers, and then often takes the socket's wake-ups meant for a caller's RPC and
    // has to hand them over, a thread switch on every call.
    struct AttachCall {
        grpc::ClientContext context;
        grpc::CompletionQueue queue;
        v1::AttachResponse response;
        grpc::Status status;
        std::unique_ptr<grpc::ClientAsyncWriter<v1::AttachRequest>> writer;
        bool finished = false;
        // Waits for the call's end (cancelled first when need be), then drains the queue.
        ~AttachCall();
    };
    // Starts an Attach call (nullptr once stopping); `wait_for_ready` holds it until the
    // channel connects.
    std::unique_ptr<AttachCall> start_attach(bool wait_for_ready);
    void watch_attach(std::unique_ptr<AttachCall> call);

    std::mutex attach_mutex_;
    std::condition_variable attach_cv_;
    bool stopping_ = false;                          // guarded by attach_mutex_
    grpc::ClientContext* current_attach_ = nullptr;  // guarded by attach_mutex_
    std::thread attach_thread_;
    HeldInits held_inits_;
    bool hold_inits_;
};

}  // namespace craton::remote
