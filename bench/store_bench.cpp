// Persistent-token scale measurements of issue 5, through the PKCS#11 ABI of any module:
//
//   persistent_open_login/N   C_Initialize + C_OpenSession + C_Login (user) on a token
//                             directory already holding N token objects, one tenth of them
//                             private: what a freshly started process pays before its first
//                             operation. C_Finalize runs between iterations, outside the
//                             timing. N = 0 is the fixed part (self-tests, integrity check,
//                             PBKDF2 of the PIN at the configured iteration count).
//   persistent_open/N         the same without C_Login: the part before the PIN.
//   persistent_find_by_label/N, persistent_find_by_id/N
//                             C_FindObjectsInit + C_FindObjects + C_FindObjectsFinal by
//                             CKA_LABEL or CKA_ID with exactly one match, logged in, on a token
//                             of N objects; flat from 10,000 to 100,000 when the search is
//                             indexed.
//
//   build/craton_store_bench [--module=PATH] [--cache=DIR] [--populate-in=DIR]
//                            [Google Benchmark flags]
//
// The token directories are made once and kept in DIR (default: bench-store-cache in the build
// directory), one per size with a marker file naming the object count, and reused by later
// runs. They are built on tmpfs (/dev/shm) and then copied: every C_CreateObject is an LMDB
// commit with an fsync, which on a shared disk costs up to milliseconds, and the fsyncs say
// nothing about the state being measured. The population time is printed on stderr;
// --populate-in=DIR builds in DIR instead (a directory on disk, to measure what the fsyncs
// cost).
#include <benchmark/benchmark.h>
#include <dlfcn.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "craton/pkcs11/pkcs11.h"

namespace {

namespace fs = std::filesystem;

CK_FUNCTION_LIST* g_fn = nullptr;
fs::path g_cache;
fs::path g_populate_in;  // empty: tmpfs when there is one

constexpr char kSoPin[] = "store-bench-so-1";
constexpr char kUserPin[] = "store-bench-user-1";

CK_UTF8CHAR_PTR utf8(const char* p) {
    return reinterpret_cast<CK_UTF8CHAR_PTR>(const_cast<char*>(p));
}

void check(CK_RV rv, const char* call) {
    if (rv != CKR_OK)
        throw std::runtime_error(std::string(call) + " returned " + std::to_string(rv));
}

std::string label_of(std::uint64_t i) {
    char text[32];
    std::snprintf(text, sizeof text, "bench-obj-%07llu", static_cast<unsigned long long>(i));
    return text;
}
std::vector<std::uint8_t> id_of(std::uint64_t i) {
    return {0xbe, static_cast<std::uint8_t>(i >> 16), static_cast<std::uint8_t>(i >> 8),
            static_cast<std::uint8_t>(i)};
}

void write_config(const fs::path& file, const fs::path& storage) {
    std::ofstream(file) << "[storage]\nmode = \"persistent\"\npath = \"" << storage.string()
                        << "\"\n";
    setenv("CRATON_HSM_CONFIG", file.c_str(), 1);
}

// Initialises the token in slot 0 of `storage` and creates n generic secret keys with a
// label and an id each; every tenth is private.
void populate(const fs::path& storage, std::uint64_t n) {
    write_config(storage.parent_path() / "populate.toml", storage);
    check(g_fn->C_Initialize(nullptr), "C_Initialize");
    char label[32];
    std::memset(label, ' ', sizeof label);
    std::memcpy(label, "store-bench", 11);
    check(g_fn->C_InitToken(0, utf8(kSoPin), std::strlen(kSoPin), utf8(label)), "C_InitToken");
    CK_SESSION_HANDLE s;
    check(g_fn->C_OpenSession(0, CKF_SERIAL_SESSION | CKF_RW_SESSION, nullptr, nullptr, &s),
          "C_OpenSession");
    check(g_fn->C_Login(s, CKU_SO, utf8(kSoPin), std::strlen(kSoPin)), "C_Login(SO)");
    check(g_fn->C_InitPIN(s, utf8(kUserPin), std::strlen(kUserPin)), "C_InitPIN");
    check(g_fn->C_Logout(s), "C_Logout");
    check(g_fn->C_Login(s, CKU_USER, utf8(kUserPin), std::strlen(kUserPin)), "C_Login(user)");
    CK_OBJECT_CLASS cls = CKO_SECRET_KEY;
    CK_KEY_TYPE type = CKK_GENERIC_SECRET;
    CK_BBOOL yes = CK_TRUE, no = CK_FALSE;
    std::uint8_t value[32];
    for (std::uint64_t i = 0; i < n; ++i) {
        const std::string l = label_of(i);
        std::vector<std::uint8_t> id = id_of(i);
        std::memset(value, static_cast<int>(i & 0xff), sizeof value);
        CK_BBOOL priv = i % 10 == 7 ? CK_TRUE : CK_FALSE;
        CK_ATTRIBUTE tmpl[] = {
            {CKA_CLASS, &cls, sizeof cls},   {CKA_KEY_TYPE, &type, sizeof type},
            {CKA_TOKEN, &yes, sizeof yes},   {CKA_PRIVATE, &priv, sizeof priv},
            {CKA_SENSITIVE, &no, sizeof no}, {CKA_LABEL, const_cast<char*>(l.data()), l.size()},
            {CKA_ID, id.data(), id.size()},  {CKA_VALUE, value, sizeof value}};
        CK_OBJECT_HANDLE h;
        check(g_fn->C_CreateObject(s, tmpl, sizeof tmpl / sizeof tmpl[0], &h), "C_CreateObject");
    }
    check(g_fn->C_Finalize(nullptr), "C_Finalize");
}

// The storage directory of a token with n objects, made (and cached) on first use.
fs::path token_dir(std::uint64_t n) {
    const fs::path dir = g_cache / ("tokens-" + std::to_string(n));
    const fs::path marker = dir / "complete";
    {
        std::ifstream in(marker);
        std::uint64_t have = 0;
        if (in >> have && have == n) return dir / "store";
    }
    fs::remove_all(dir);
    const fs::path base = !g_populate_in.empty()         ? g_populate_in
                          : fs::is_directory("/dev/shm") ? fs::path("/dev/shm")
                                                         : fs::temp_directory_path();
    std::string tmpl = (base / "craton-store-bench-XXXXXX").string();
    if (mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    const fs::path work = tmpl;
    const auto start = std::chrono::steady_clock::now();
    populate(work / "store", n);
    const double secs =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    fs::create_directories(dir);
    fs::copy(work / "store", dir / "store", fs::copy_options::recursive);
    fs::remove_all(work);
    std::ofstream(marker) << n << "\n";
    std::fprintf(stderr, "populated a token with %llu objects in %.1f s (on %s), cached in %s\n",
                 static_cast<unsigned long long>(n), secs, base.c_str(), dir.c_str());
    return dir / "store";
}

void use_token(benchmark::State& state, std::uint64_t n) {
    write_config(g_cache / ("bench-" + std::to_string(n) + ".toml"), token_dir(n));
    (void)state;
}

// `login` false: C_Initialize + C_OpenSession only, to tell loading the public objects from
// the login (PIN check, unwrapping the master key, opening the private objects).
void open_maybe_login(benchmark::State& state, bool login) {
    const auto n = static_cast<std::uint64_t>(state.range(0));
    try {
        use_token(state, n);
        for (auto _ : state) {
            check(g_fn->C_Initialize(nullptr), "C_Initialize");
            CK_SESSION_HANDLE s;
            check(g_fn->C_OpenSession(0, CKF_SERIAL_SESSION, nullptr, nullptr, &s),
                  "C_OpenSession");
            if (login) {
                check(g_fn->C_Login(s, CKU_USER, utf8(kUserPin), std::strlen(kUserPin)), "C_Login");
            }
            state.PauseTiming();
            check(g_fn->C_Finalize(nullptr), "C_Finalize");
            state.ResumeTiming();
        }
    } catch (const std::exception& e) {
        g_fn->C_Finalize(nullptr);
        state.SkipWithError(e.what());
    }
}

void open_login(benchmark::State& state) {
    open_maybe_login(state, true);
}
void open_only(benchmark::State& state) {
    open_maybe_login(state, false);
}

void find_one(benchmark::State& state, CK_ATTRIBUTE_TYPE type) {
    const auto n = static_cast<std::uint64_t>(state.range(0));
    try {
        use_token(state, n);
        check(g_fn->C_Initialize(nullptr), "C_Initialize");
        CK_SESSION_HANDLE s;
        check(g_fn->C_OpenSession(0, CKF_SERIAL_SESSION, nullptr, nullptr, &s), "C_OpenSession");
        check(g_fn->C_Login(s, CKU_USER, utf8(kUserPin), std::strlen(kUserPin)), "C_Login");
        std::uint64_t i = 0;
        for (auto _ : state) {
            // A different object each time, spread over the whole token (7919 is prime).
            i = (i + 7919) % n;
            const std::string l = label_of(i);
            std::vector<std::uint8_t> id = id_of(i);
            CK_ATTRIBUTE tmpl = type == CKA_LABEL
                                    ? CK_ATTRIBUTE{CKA_LABEL, const_cast<char*>(l.data()), l.size()}
                                    : CK_ATTRIBUTE{CKA_ID, id.data(), id.size()};
            CK_OBJECT_HANDLE found[2];
            CK_ULONG count = 0;
            check(g_fn->C_FindObjectsInit(s, &tmpl, 1), "C_FindObjectsInit");
            check(g_fn->C_FindObjects(s, found, 2, &count), "C_FindObjects");
            check(g_fn->C_FindObjectsFinal(s), "C_FindObjectsFinal");
            if (count != 1) throw std::runtime_error("expected exactly one match");
        }
        check(g_fn->C_Finalize(nullptr), "C_Finalize");
    } catch (const std::exception& e) {
        g_fn->C_Finalize(nullptr);
        state.SkipWithError(e.what());
    }
}

void find_by_label(benchmark::State& state) {
    find_one(state, CKA_LABEL);
}
void find_by_id(benchmark::State& state) {
    find_one(state, CKA_ID);
}

BENCHMARK(open_login)
    ->Name("persistent_open_login")
    ->Arg(0)
    ->Arg(10000)
    ->Arg(100000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(open_only)
    ->Name("persistent_open")
    ->Arg(0)
    ->Arg(10000)
    ->Arg(100000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(find_by_label)
    ->Name("persistent_find_by_label")
    ->Arg(10000)
    ->Arg(100000)
    ->Unit(benchmark::kMicrosecond);
BENCHMARK(find_by_id)
    ->Name("persistent_find_by_id")
    ->Arg(10000)
    ->Arg(100000)
    ->Unit(benchmark::kMicrosecond);

}  // namespace

int main(int argc, char** argv) {
    std::string module = CRATON_BENCH_DEFAULT_MODULE;
    g_cache = CRATON_BENCH_STORE_CACHE;
    std::vector<char*> rest;
    for (int i = 0; i < argc; ++i) {
        if (i > 0 && std::strncmp(argv[i], "--module=", 9) == 0) {
            module = argv[i] + 9;
        } else if (i > 0 && std::strncmp(argv[i], "--cache=", 8) == 0) {
            g_cache = argv[i] + 8;
        } else if (i > 0 && std::strncmp(argv[i], "--populate-in=", 14) == 0) {
            g_populate_in = fs::absolute(argv[i] + 14);
        } else {
            rest.push_back(argv[i]);
        }
    }
    g_cache = fs::absolute(g_cache);
    fs::create_directories(g_cache);
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
