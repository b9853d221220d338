#include "remote/connection.h"

#include <atomic>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <openssl/crypto.h>
#include <openssl/sha.h>
#include <time.h>
#include <unistd.h>

#include "wire/limits.h"

namespace craton::remote {
namespace {

// The channel id in lower-case hex (the daemon accepts 16 to 64 such characters). It must be
// unique, not secret: the daemon files sessions under (client certificate, channel id), so only
// a holder of the same certificate, the same principal, could present another process's id.
// So it is a digest of what sets this channel apart (host, process, the moment, the address
// space layout) rather than randomness: every random byte of the project comes from the
// module's DRBG in src/rng, which this client library does not contain.
std::string unique_channel_id() {
    struct {
        pid_t pid;
        timespec realtime;
        timespec monotonic;
        const void* stack;
        unsigned counter;
        char host[256];
    } seed{};
    seed.pid = ::getpid();
    clock_gettime(CLOCK_REALTIME, &seed.realtime);
    clock_gettime(CLOCK_MONOTONIC, &seed.monotonic);
    seed.stack = &seed;
    gethostname(seed.host, sizeof seed.host - 1);
    static std::atomic<unsigned> counter{0};  // two channels of one process in one tick
    seed.counter = counter.fetch_add(1);
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256(reinterpret_cast<const unsigned char*>(&seed), sizeof seed, digest);
    static constexpr char kHex[] = "0123456789abcdef";
    std::string id;
    for (std::size_t i = 0; i < 16; ++i) {
        id.push_back(kHex[digest[i] >> 4]);
        id.push_back(kHex[digest[i] & 15]);
    }
    return id;
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error(path + ": cannot be read");
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

CK_RV rv_of_status(const grpc::Status& status) {
    switch (status.error_code()) {
        case grpc::StatusCode::UNAVAILABLE:
            return CKR_DEVICE_REMOVED;
        case grpc::StatusCode::RESOURCE_EXHAUSTED:
            return CKR_DEVICE_MEMORY;
        default:
            return CKR_DEVICE_ERROR;
    }
}

Connection::Connection(const RemoteConfig& config)
    : deadline_(config.deadline_ms),
      channel_id_(unique_channel_id()),
      hold_inits_(config.hold_inits) {
    grpc::SslCredentialsOptions tls;
    tls.pem_root_certs = read_file(config.ca);
    if (!config.client_cert.empty()) {
        tls.pem_cert_chain = read_file(config.client_cert);
        tls.pem_private_key = read_file(config.client_key);
    }
    grpc::ChannelArguments args;
    args.SetMaxReceiveMessageSize(static_cast<int>(wire::kMaxMessageBytes));
    args.SetMaxSendMessageSize(static_cast<int>(wire::kMaxMessageBytes));
    if (!config.server_name.empty()) args.SetSslTargetNameOverride(config.server_name);
    auto channel = grpc::CreateCustomChannel(config.address, grpc::SslCredentials(tls), args);
    // gRPC keeps its own copy of the key inside the credentials; ours goes now.
    if (!tls.pem_private_key.empty())
        OPENSSL_cleanse(tls.pem_private_key.data(), tls.pem_private_key.size());
    channel_ = channel;
    stub_ = v1::Pkcs11::NewStub(channel);
    lifetime_stub_ = v1::ClientLifetime::NewStub(channel);
}

namespace {
// Tags of the Attach call's two operations on its queue.
void* const kStarted = reinterpret_cast<void*>(1);
void* const kFinished = reinterpret_cast<void*>(2);
// How often the watching thread looks whether the Attach call has ended. Only a reconnect
// waits for it, and a reconnect takes longer than this anyway.
constexpr auto kAttachGlance = std::chrono::milliseconds(200);
}  // namespace

Connection::AttachCall::~AttachCall() {
    if (!finished) {
        context.TryCancel();
        void* tag = nullptr;
        bool ok = false;
        while (queue.Next(&tag, &ok) && tag != kFinished) {
        }
    }
    queue.Shutdown();
    void* tag = nullptr;
    bool ok = false;
    while (queue.Next(&tag, &ok)) {
    }
}

std::unique_ptr<Connection::AttachCall> Connection::start_attach(bool wait_for_ready) {
    auto call = std::make_unique<AttachCall>();
    call->context.AddMetadata(kChannelIdMetadata, channel_id_);
    call->context.set_wait_for_ready(wait_for_ready);
    {
        std::lock_guard lock(attach_mutex_);
        if (stopping_) return nullptr;
        // Published before the call starts: gRPC applies a TryCancel made before the call
        // exists as soon as it does, so the destructor can always end it.
        current_attach_ = &call->context;
    }
    // No deadline: the call lives as long as the connection.
    call->writer =
        lifetime_stub_->PrepareAsyncAttach(&call->context, &call->response, &call->queue);
    call->writer->StartCall(kStarted);
    // Returns once the call's headers are sent (or the call failed), so a process killed right
    // after C_Initialize is already watched.
    void* tag = nullptr;
    bool ok = false;
    call->queue.Next(&tag, &ok);
    call->writer->Finish(&call->status, kFinished);
    return call;
}

void Connection::attach() {
    auto first = start_attach(false);
    attach_thread_ =
        std::thread([this, call = std::move(first)]() mutable { watch_attach(std::move(call)); });
}

void Connection::watch_attach(std::unique_ptr<AttachCall> call) {
    while (call) {
        // Until the call ends: this process's Finalize, or the connection is gone.
        while (!call->finished) {
            {
                std::unique_lock lock(attach_mutex_);
                if (attach_cv_.wait_for(lock, kAttachGlance, [this] { return stopping_; }))
                    return;  // ~AttachCall cancels the call and waits for its end
            }
            void* tag = nullptr;
            bool ok = false;
            if (call->queue.AsyncNext(&tag, &ok, std::chrono::system_clock::now()) ==
                    grpc::CompletionQueue::GOT_EVENT &&
                tag == kFinished)
                call->finished = true;
        }
        {
            std::unique_lock lock(attach_mutex_);
            current_attach_ = nullptr;
            if (stopping_) return;
            // A daemon without the ClientLifetime service: nothing to watch.
            if (call->status.error_code() == grpc::StatusCode::UNIMPLEMENTED) return;
            // At most one attempt a second while the daemon refuses or is away.
            if (attach_cv_.wait_for(lock, std::chrono::seconds(1), [this] { return stopping_; }))
                return;
        }
        call.reset();
        call = start_attach(true);
    }
}

void Connection::send_held_inits(bool forget) {
    held_inits_.send_all(
        [this](HeldInits::Kind kind, const v1::OperationInitRequest& init) -> std::optional<CK_RV> {
            v1::RvResponse response;
            const CK_RV rv = call(kind == HeldInits::Kind::kSign ? &v1::Pkcs11::Stub::SignInit
                                                                 : &v1::Pkcs11::Stub::VerifyInit,
                                  init, response);
            // A transport failure leaves the response's rv at 0 and is never CKR_OK itself.
            if (static_cast<CK_RV>(response.rv()) != rv) return std::nullopt;
            return rv;
        },
        forget);
}

Connection::~Connection() {
    {
        std::lock_guard lock(attach_mutex_);
        stopping_ = true;
        if (current_attach_ != nullptr) current_attach_->TryCancel();
    }
    attach_cv_.notify_all();
    if (attach_thread_.joinable()) attach_thread_.join();
}
}  // namespace craton::remote
