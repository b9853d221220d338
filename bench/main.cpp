// craton_bench: the same PKCS#11 cases against any module.
//
//   craton_bench [--module=PATH|ours|softhsm|openssl] [--token-label=L] [--pin=P] [--so-pin=P]
//                [Google Benchmark flags, e.g. --benchmark_format=json]
//
// The module is --module, else $CRATON_BENCH_MODULE, else this build's libcraton_hsm.so.
// "softhsm" means $SOFTHSM2_LIB (default /usr/lib/softhsm/libsofthsm2.so); when
// $SOFTHSM2_CONF is unset a configuration and token directory are made in a temporary
// directory for the run. A token with the label is used if initialised, else a free token is
// initialised with the PINs (scripts/run-bench initialises SoftHSMv2's with softhsm2-util).
// "openssl" runs no module: the cases' cryptography is done by calling OpenSSL directly, the
// floor against which the module's overhead is judged.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "bench_env.h"

namespace {

using craton::bench::Env;
using craton::bench::Options;

bool take(const std::string& arg, const std::string& name, std::string& value) {
    const std::string prefix = "--" + name + "=";
    if (arg.rfind(prefix, 0) != 0) return false;
    value = arg.substr(prefix.size());
    return true;
}

// A private SoftHSMv2 configuration, so the run neither needs nor touches /etc/softhsm.
std::filesystem::path make_softhsm_conf() {
    char dir[] = "/tmp/craton-bench-softhsm-XXXXXX";
    if (mkdtemp(dir) == nullptr) return {};
    const std::filesystem::path root(dir);
    std::filesystem::create_directory(root / "tokens");
    std::ofstream(root / "softhsm2.conf") << "directories.tokendir = " << (root / "tokens").string()
                                          << "\nobjectstore.backend = file\nlog.level = ERROR\n";
    setenv("SOFTHSM2_CONF", (root / "softhsm2.conf").c_str(), 1);
    return root;
}

}  // namespace

int main(int argc, char** argv) {
    Options options;
    std::string module;
    std::vector<char*> rest{argv[0]};
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (take(arg, "module", module) || take(arg, "token-label", options.token_label) ||
            take(arg, "pin", options.user_pin) || take(arg, "so-pin", options.so_pin)) {
            continue;
        }
        rest.push_back(argv[i]);
    }
    if (module.empty()) {
        const char* env = std::getenv("CRATON_BENCH_MODULE");
        module = env != nullptr && *env != '\0' ? env : "ours";
    }
    std::filesystem::path temp_softhsm;
    if (module == "ours") {
        module = CRATON_BENCH_DEFAULT_MODULE;
    } else if (module == "softhsm") {
        const char* lib = std::getenv("SOFTHSM2_LIB");
        module = lib != nullptr && *lib != '\0' ? lib : "/usr/lib/softhsm/libsofthsm2.so";
        if (std::getenv("SOFTHSM2_CONF") == nullptr) temp_softhsm = make_softhsm_conf();
    }
    options.module = module;

    int bench_argc = static_cast<int>(rest.size());
    benchmark::Initialize(&bench_argc, rest.data());
    if (benchmark::ReportUnrecognizedArguments(bench_argc, rest.data())) return 2;

    int status = 0;
    if (module == "openssl") {
        benchmark::AddCustomContext("module", "OpenSSL called directly (baseline)");
        craton::bench::register_openssl_cases();
        benchmark::RunSpecifiedBenchmarks();
        benchmark::Shutdown();
        return 0;
    }
    try {
        Env::get().open(options);
        benchmark::AddCustomContext("module", options.module);
        benchmark::AddCustomContext("module_info", Env::get().description());
        craton::bench::register_symmetric_cases();
        craton::bench::register_asymmetric_cases();
        craton::bench::register_keygen_cases();
        craton::bench::register_thread_cases();
        craton::bench::register_session_cases();
        benchmark::RunSpecifiedBenchmarks();
    } catch (const std::exception& e) {
        std::fprintf(stderr, "craton_bench: %s: %s\n", options.module.c_str(), e.what());
        status = 1;
    }
    benchmark::Shutdown();
    Env::get().close();
    if (!temp_softhsm.empty()) std::filesystem::remove_all(temp_softhsm);
    return status;
}
