// The cost of C_Initialize with every power-on self-test: the module file's integrity HMAC,
// all known-answer tests, configuration and token set-up, then C_Finalize. Reported per pair
// in CPU time of the calling thread (the module does this work in the caller's thread), so
// other processes on a shared machine disturb it little.
//
//   build/craton_init_bench [--module=PATH] [Google Benchmark flags]
//
// The module reads its configuration from CRATON_HSM_CONFIG as usual; scripts/run-bench gives
// it an empty file (built-in defaults: in-memory token).
#include <benchmark/benchmark.h>
#include <dlfcn.h>

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "craton/pkcs11/pkcs11.h"

namespace {

CK_FUNCTION_LIST* g_fn = nullptr;

void initialize_finalize(benchmark::State& state) {
    for (auto _ : state) {
        CK_RV rv = g_fn->C_Initialize(nullptr);
        if (rv == CKR_OK) rv = g_fn->C_Finalize(nullptr);
        if (rv != CKR_OK) {
            state.SkipWithError(("C_Initialize/C_Finalize returned " + std::to_string(rv)).c_str());
            break;
        }
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(initialize_finalize)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime();

}  // namespace

int main(int argc, char** argv) {
    std::string module = CRATON_BENCH_DEFAULT_MODULE;
    std::vector<char*> rest;
    for (int i = 0; i < argc; ++i) {
        if (i > 0 && std::strncmp(argv[i], "--module=", 9) == 0) {
            module = argv[i] + 9;
        } else {
            rest.push_back(argv[i]);
        }
    }
    void* lib = dlopen(module.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (lib == nullptr) {
        std::fprintf(stderr, "cannot load %s: %s\n", module.c_str(), dlerror());
        return 1;
    }
    auto get_list = reinterpret_cast<CK_C_GetFunctionList>(dlsym(lib, "C_GetFunctionList"));
    if (get_list == nullptr || get_list(&g_fn) != CKR_OK) {
        std::fprintf(stderr, "%s: no usable C_GetFunctionList\n", module.c_str());
        return 1;
    }
    int bench_argc = static_cast<int>(rest.size());
    benchmark::Initialize(&bench_argc, rest.data());
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
