// The PKCS#11 module under benchmark, loaded with dlopen as any application would load it.
//
// One process benchmarks one module: ours (the default), SoftHSMv2, or any other library.
// Env owns the loaded library, a token initialised (or found) by label, and one R/W session
// logged in as the user. Cases ask Env whether the module has a mechanism and skip, rather
// than fail, when it does not: other modules, and our own module while its mechanism
// families are still landing, lack some of them.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include <benchmark/benchmark.h>

#include <craton/pkcs11/pkcs11.h>

namespace craton::bench {

using Bytes = std::vector<std::uint8_t>;

struct Options {
    std::string module;  // library path
    std::string token_label = "craton-bench";
    std::string so_pin = "bench-so-pin-1";
    std::string user_pin = "bench-user-pin-1";
};

class Env {
  public:
    static Env& get();

    // Loads the module, initialises it, finds or initialises the token, logs the user in.
    // Throws std::runtime_error with the failing call's name.
    void open(const Options& options);
    void close();

    CK_FUNCTION_LIST* fn() const { return fn_; }
    CK_SLOT_ID slot() const { return slot_; }
    CK_SESSION_HANDLE session() const { return session_; }
    const Options& options() const { return options_; }
    std::string description() const;

    // True when C_GetMechanismInfo knows the mechanism and it has all of `flags`.
    bool has(CK_MECHANISM_TYPE mechanism, CK_FLAGS flags = 0) const;

    // Objects made once per process by `make` (keys, key pairs, object sets), shared by every
    // case and thread. `make` returns CKR_OK or the failing call's code, remembered for later.
    struct Handles {
        CK_OBJECT_HANDLE first = CK_INVALID_HANDLE;   // secret or private key
        CK_OBJECT_HANDLE second = CK_INVALID_HANDLE;  // public key of a pair
    };
    CK_RV once(const std::string& name, const std::function<CK_RV(Handles&)>& make, Handles& out);

  private:
    Options options_;
    void* library_ = nullptr;
    CK_FUNCTION_LIST* fn_ = nullptr;
    CK_SLOT_ID slot_ = 0;
    CK_SESSION_HANDLE session_ = CK_INVALID_HANDLE;
    std::mutex mutex_;
    std::map<std::string, std::pair<CK_RV, Handles>> made_;
};

const char* rv_name(CK_RV rv);
const char* mechanism_name(CK_MECHANISM_TYPE m);

// Skip helpers for cases. Each returns false after marking the run skipped or failed; the
// message starts with "skipped:" when the module lacks a mechanism (run-bench shows those as
// "n/a"), and with "failed:" otherwise.
bool require(benchmark::State& state, CK_MECHANISM_TYPE mechanism, CK_FLAGS flags);
bool check(benchmark::State& state, CK_RV rv, const char* call);

// Template building with values that live as long as the builder.
class Attrs {
  public:
    Attrs& add(CK_ATTRIBUTE_TYPE type, const Bytes& value);
    Attrs& add_bool(CK_ATTRIBUTE_TYPE type, bool value);
    Attrs& add_ulong(CK_ATTRIBUTE_TYPE type, CK_ULONG value);
    Attrs& add_string(CK_ATTRIBUTE_TYPE type, const std::string& value);
    CK_ATTRIBUTE* data();
    CK_ULONG size() const { return static_cast<CK_ULONG>(values_.size()); }

  private:
    std::vector<std::pair<CK_ATTRIBUTE_TYPE, Bytes>> values_;
    std::vector<CK_ATTRIBUTE> attrs_;
};

Bytes pattern(std::size_t n, std::uint8_t seed);

// A session of this thread's own (multi-threaded cases), closed when it goes.
class ThreadSession {
  public:
    ThreadSession();
    ~ThreadSession();
    ThreadSession(const ThreadSession&) = delete;
    ThreadSession& operator=(const ThreadSession&) = delete;
    CK_SESSION_HANDLE handle() const { return handle_; }
    CK_RV rv() const { return rv_; }

  private:
    CK_SESSION_HANDLE handle_ = CK_INVALID_HANDLE;
    CK_RV rv_ = CKR_OK;
};

// Registers a case. Rates are per CPU second of the calling thread: both modules do all of
// an operation's work in the caller's thread, and on a shared machine CPU time is far less
// noisy than wall time. The threaded cases switch to wall time to show scaling.
template <class... Args>
benchmark::internal::Benchmark* add(const std::string& name, Args&&... args) {
    return benchmark::RegisterBenchmark(name.c_str(), std::forward<Args>(args)...);
}

// Registration functions, one per file of cases; called in this order, which is run order.
void register_symmetric_cases();
void register_asymmetric_cases();
void register_keygen_cases();
void register_thread_cases();
void register_session_cases();
// The same cases done by OpenSSL directly (craton_bench --module=openssl).
void register_openssl_cases();

}  // namespace craton::bench
