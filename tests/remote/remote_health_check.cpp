// The daemon answers the standard grpc.health.v1 Check with SERVING while its module works.
// A plain gRPC client (client a's certificate) sends the empty HealthCheckRequest as raw
// bytes, so the test needs no generated health stubs. Run under with_daemon.sh.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <future>
#include <sstream>
#include <string>

#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>

namespace {

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

int main() {
    const char* dir_env = std::getenv("REMOTE_TEST_DIR");
    if (dir_env == nullptr) {
        std::fprintf(stderr, "run through with_daemon.sh\n");
        return 2;
    }
    const std::string dir = dir_env;
    std::string address = read_file(dir + "/ready");
    while (!address.empty() && (address.back() == '\n' || address.back() == '\r'))
        address.pop_back();

    grpc::SslCredentialsOptions tls;
    tls.pem_root_certs = read_file(dir + "/ca.crt");
    tls.pem_cert_chain = read_file(dir + "/a.crt");
    tls.pem_private_key = read_file(dir + "/a.key");
    grpc::ChannelArguments args;
    args.SetSslTargetNameOverride("localhost");
    auto channel = grpc::CreateCustomChannel(address, grpc::SslCredentials(tls), args);
    grpc::GenericStub stub(channel);

    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
    // HealthCheckRequest{service = ""}: no fields, zero bytes (one empty slice: gRPC refuses a
    // buffer with none).
    grpc::Slice empty;
    grpc::ByteBuffer request(&empty, 1);
    grpc::ByteBuffer response;
    std::promise<grpc::Status> done;
    stub.UnaryCall(&context, "/grpc.health.v1.Health/Check", grpc::StubOptions(), &request,
                   &response, [&](grpc::Status s) { done.set_value(std::move(s)); });
    const grpc::Status status = done.get_future().get();
    if (!status.ok()) {
        std::fprintf(stderr, "health check failed: %d %s\n", static_cast<int>(status.error_code()),
                     status.error_message().c_str());
        return 1;
    }
    std::vector<grpc::Slice> slices;
    if (!response.Dump(&slices).ok()) return 1;
    std::string bytes;
    for (const auto& s : slices) bytes.append(reinterpret_cast<const char*>(s.begin()), s.size());
    // HealthCheckResponse{status = SERVING (1)}: field 1, varint 1.
    const bool serving = bytes == std::string("\x08\x01", 2);
    std::printf("health status bytes: %zu, serving: %s\n", bytes.size(), serving ? "yes" : "no");
    return serving ? 0 : 1;
}
