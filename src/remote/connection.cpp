#include "remote/connection.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include "wire/limits.h"

namespace craton::remote {
namespace {

// A random channel id in lower-case hex (the daemon accepts 16 to 64 such characters).
std::string random_channel_id() {
    unsigned char bytes[16];
    if (RAND_bytes(bytes, sizeof bytes) != 1) throw std::runtime_error("no random bytes");
    static constexpr char kHex[] = "0123456789abcdef";
    std::string id;
    for (unsigned char b : bytes) {
        id.push_back(kHex[b >> 4]);
        id.push_back(kHex[b & 15]);
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
    : deadline_(config.deadline_ms), channel_id_(random_channel_id()) {
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

void Connection::attach() {
    attach_context_.AddMetadata(kChannelIdMetadata, channel_id_);
    // No deadline: the call lives as long as this connection. The writer's constructor returns
    // once the call's headers are sent; the channel is already connected (ServerInfo succeeded).
    attach_ = lifetime_stub_->Attach(&attach_context_, &attach_response_);
}

Connection::~Connection() {
    if (attach_) {
        attach_context_.TryCancel();
        (void)attach_->Finish();
        attach_.reset();
    }
}

}  // namespace craton::remote
