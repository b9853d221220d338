// craton-hsm-daemon: serves the PKCS#11 module over gRPC with mutual TLS (docs/remote.md).
//
// Signals are taken synchronously by the main thread (blocked everywhere else before any
// thread exists): SIGTERM/SIGINT drain in-flight calls and exit, SIGHUP re-reads the TLS
// files and CRLs for new handshakes (connections already open are untouched). The same loop
// closes the sessions of clients idle for longer than idle_timeout_seconds and refreshes the
// health status.
#include <signal.h>
#include <systemd/sd-daemon.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>

#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/server.h>
#include <grpcpp/server_builder.h>
#include <CLI/CLI.hpp>

#include "config/config.h"
#include "daemon/lifetime_service.h"
#include "daemon/log.h"
#include "daemon/module_loader.h"
#include "daemon/pkcs11_service.h"
#include "daemon/session_registry.h"
#include "daemon/tls_credentials.h"
#include "wire/limits.h"

using namespace craton;
using namespace craton::daemon;

namespace {

constexpr const char* kCipherSuites =
    "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:"
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:"
    "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384:"
    "ECDHE-RSA-CHACHA20-POLY1305";

struct Options {
    std::string config_path;
    std::string module_path;
    std::string ready_file;
    bool dev_no_client_cert = false;
};

std::string host_of(const std::string& addr) {
    const auto colon = addr.rfind(':');
    return colon == std::string::npos ? addr : addr.substr(0, colon);
}

void write_ready_file(const std::string& path, const std::string& address) {
    const std::string tmp = path + ".tmp";
    {
        std::ofstream out(tmp);
        out << address << "\n";
    }
    // Renamed into place so a reader never sees a half-written address.
    std::rename(tmp.c_str(), path.c_str());
}

int run(const Options& options) {
    config::Config cfg;
    try {
        cfg = config::load_config_file(options.config_path);
    } catch (const std::exception& e) {
        log_line("error", "config_invalid", std::string("detail=\"") + e.what() + "\"");
        return 2;
    }
    const config::DaemonConfig& dc = cfg.daemon;
    if (!dc.require_client_cert && !options.dev_no_client_cert) {
        log_line("error", "config_refused",
                 "reason=\"require_client_cert = false needs --dev-insecure-no-client-cert\"");
        return 2;
    }
    const bool require_cert = dc.require_client_cert || !options.dev_no_client_cert;
    if (!require_cert) {
        for (int i = 0; i < 3; ++i) {
            log_line("warn", "INSECURE_DEVELOPMENT_MODE",
                     "detail=\"clients without a certificate are served; never use this in "
                     "production\"");
        }
    }

    // The module reads the same file (its own tables; it validates [daemon] too).
    setenv("CRATON_HSM_CONFIG", options.config_path.c_str(), 1);
    std::unique_ptr<LoadedModule> module;
    try {
        module = std::make_unique<LoadedModule>(options.module_path.empty()
                                                    ? default_module_path()
                                                    : std::filesystem::path(options.module_path));
    } catch (const std::exception& e) {
        log_line("error", "module_load_failed", std::string("detail=\"") + e.what() + "\"");
        return 1;
    }
    CK_FUNCTION_LIST_3_2* p11 = module->functions();
    CK_C_INITIALIZE_ARGS init_args{};
    init_args.flags = CKF_OS_LOCKING_OK;
    if (const CK_RV rv = p11->C_Initialize(&init_args); rv != CKR_OK) {
        log_line("error", "module_initialize_failed", "rv=" + std::to_string(rv));
        return 1;
    }

    SessionRegistry sessions;
    Pkcs11Service service(p11, dc, sessions, !require_cert);
    service.set_audit_client_hook(module->set_client());
    // Closes a client's sessions when its connection ends (lifetime_service.h).
    LifetimeService lifetime(
        dc, sessions,
        [&service](const std::vector<std::uint64_t>& h) { service.close_sessions(h); },
        !require_cert);
    std::unique_ptr<ServerTls> tls;
    try {
        tls = std::make_unique<ServerTls>(dc, require_cert);
    } catch (const std::exception& e) {
        log_line("error", "tls_config_invalid", std::string("detail=\"") + e.what() + "\"");
        p11->C_Finalize(nullptr);
        return 2;
    }

    // grpc.health.v1: SERVING only while the module answers (a module in its self-test error
    // state refuses every call, C_GetInfo included); refreshed on every tick of the main loop.
    grpc::EnableDefaultHealthCheckService(true);
    const auto credentials = tls->credentials();
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort(dc.listen_addr, credentials, &port);
    int unix_bound = 0;
    if (!dc.unix_socket.empty())
        builder.AddListeningPort("unix:" + dc.unix_socket, credentials, &unix_bound);
    builder.SetMaxReceiveMessageSize(static_cast<int>(wire::kMaxMessageBytes));
    builder.SetMaxSendMessageSize(static_cast<int>(wire::kMaxMessageBytes));
    // More threads waiting for the next request than gRPC's default (1 to 2): the thread that
    // takes a call runs it to the end, and with a second poller already waiting the next call
    // need not wait for a thread to be woken or made. The remote signing benchmark's p50 went
    // down by about 8% (docs/benchmarks.md, "Remote signing"). Not a limit on concurrent
    // calls: threads running calls are not pollers.
    builder.SetSyncServerOption(grpc::ServerBuilder::SyncServerOption::MIN_POLLERS, 2);
    builder.SetSyncServerOption(grpc::ServerBuilder::SyncServerOption::MAX_POLLERS, 8);
    // A client that vanishes without closing its connection (host down, network cut) sends
    // no FIN; pinging every 30 s, even with no call but the held Attach, ends such a
    // connection within about 40 s, and with it the client's sessions (LifetimeService).
    builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIME_MS, 30000);
    builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, 10000);
    builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS, 1);
    builder.AddChannelArgument(GRPC_ARG_HTTP2_MAX_PINGS_WITHOUT_DATA, 0);
    builder.RegisterService(&service);
    builder.RegisterService(&lifetime);
    std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
    if (!server || port == 0 || (!dc.unix_socket.empty() && unix_bound == 0)) {
        log_line("error", "listen_failed",
                 "addr=" + dc.listen_addr + " unix_socket=" + dc.unix_socket);
        p11->C_Finalize(nullptr);
        return 1;
    }
    const std::string bound = host_of(dc.listen_addr) + ":" + std::to_string(port);
    log_line("info", "listening",
             "addr=" + bound + (dc.unix_socket.empty() ? "" : " unix_socket=" + dc.unix_socket) +
                 " require_client_cert=" + (require_cert ? "true" : "false"));
    if (!options.ready_file.empty()) write_ready_file(options.ready_file, bound);
    grpc::HealthCheckServiceInterface* health = server->GetHealthCheckService();
    auto report_health = [&] {
        CK_INFO info{};
        if (health != nullptr) health->SetServingStatus(p11->C_GetInfo(&info) == CKR_OK);
    };
    report_health();
    sd_notify(0, "READY=1");

    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGHUP);
    const auto idle = std::chrono::seconds(dc.idle_timeout_seconds);
    for (;;) {
        timespec tick{1, 0};
        const int sig = sigtimedwait(&signals, nullptr, &tick);
        if (sig == SIGTERM || sig == SIGINT) break;
        if (sig == SIGHUP) {
            try {
                tls->reload();
                log_line("info", "tls_reloaded");
            } catch (const std::exception& e) {
                log_line("error", "tls_reload_failed",
                         std::string("detail=\"") + e.what() + "\" kept=previous");
            }
        }
        report_health();
        const auto idle_sessions = sessions.take_idle(idle);
        if (!idle_sessions.empty()) {
            log_line("info", "idle_sessions_closed",
                     "count=" + std::to_string(idle_sessions.size()));
            service.close_sessions(idle_sessions);
        }
    }

    sd_notify(0, "STOPPING=1");
    log_line("info", "draining");
    lifetime.end_all();
    server->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(10));
    server->Wait();
    p11->C_Finalize(nullptr);
    log_line("info", "stopped");
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    // Before any thread exists, so that every thread inherits the mask and only the main
    // loop's sigtimedwait receives these signals.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    // gRPC reads its TLS 1.2 cipher list from this variable once; pin it to ECDHE with AEAD
    // ciphers so an inherited environment cannot widen it (TLS 1.3 suites are all AEAD).
    setenv("GRPC_SSL_CIPHER_SUITES", kCipherSuites, 1);

    Options options;
    CLI::App app{"craton-hsm-daemon: the Craton HSM PKCS#11 module over gRPC with mutual TLS"};
    app.add_option("--config", options.config_path, "craton_hsm.toml with a [daemon] table")
        ->required();
    app.add_option("--module", options.module_path,
                   "libcraton_hsm.so to serve (default: beside this program)");
    app.add_option("--ready-file", options.ready_file,
                   "write the bound address here once listening");
    app.add_flag("--dev-insecure-no-client-cert", options.dev_no_client_cert,
                 "development only: honour require_client_cert = false");
    CLI11_PARSE(app, argc, argv);
    return run(options);
}
