#include "remote/connection.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include <openssl/crypto.h>

#include "wire/limits.h"

namespace craton::remote {
namespace {

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

Connection::Connection(const RemoteConfig& config) : deadline_(config.deadline_ms) {
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
    stub_ = v1::Pkcs11::NewStub(channel);
}

}  // namespace craton::remote
