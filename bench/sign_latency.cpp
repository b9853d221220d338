// craton_sign_latency: the latency distribution of one ECDSA P-256 signature (C_SignInit +
// C_Sign with CKM_ECDSA over a 32-byte digest) through any module, for comparing the
// in-process module with the remote one against a daemon (scripts/run-bench does both).
//
//   craton_sign_latency [--module=PATH|ours] [--signs=N] [--warmup=N] [--threads=T] [--label=L]
//
// Google Benchmark (craton_bench) reports means per CPU second, which says nothing about a
// remote call, where the caller mostly waits: this program times every signature on the wall
// clock and prints one line of key=value pairs: the signing rate (all threads together), the
// p50/p99/max of a whole signature, and the p50 of C_SignInit and C_Sign on their own (with the
// remote module each is one round trip to the daemon). Each thread has its own session; the
// key pair is made once in the main session. Exit status 1 on any non-CKR_OK.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "bench_env.h"
#include "bench_keys.h"

namespace {

using craton::bench::Env;
using Clock = std::chrono::steady_clock;

bool take(const std::string& arg, const std::string& name, std::string& value) {
    const std::string prefix = "--" + name + "=";
    if (arg.rfind(prefix, 0) != 0) return false;
    value = arg.substr(prefix.size());
    return true;
}

struct Samples {
    std::vector<double> whole, init, sign;  // microseconds
    CK_RV rv = CKR_OK;
};

double us_since(Clock::time_point t) {
    return std::chrono::duration<double, std::micro>(Clock::now() - t).count();
}

// Warm-up signatures first (connection set-up, first-use allocations), then `signs` timed ones.
void run(CK_SESSION_HANDLE session, CK_OBJECT_HANDLE key, unsigned warmup, unsigned signs,
         Samples& out) {
    CK_FUNCTION_LIST* f = Env::get().fn();
    CK_MECHANISM m{CKM_ECDSA, nullptr, 0};
    craton::bench::Bytes digest = craton::bench::pattern(32, 7), sig(72);
    out.whole.reserve(signs);
    out.init.reserve(signs);
    out.sign.reserve(signs);
    for (unsigned i = 0; i < warmup + signs; ++i) {
        CK_ULONG n = sig.size();
        const auto t0 = Clock::now();
        CK_RV rv = f->C_SignInit(session, &m, key);
        const double init_us = us_since(t0);
        const auto t1 = Clock::now();
        if (rv == CKR_OK) rv = f->C_Sign(session, digest.data(), digest.size(), sig.data(), &n);
        const double sign_us = us_since(t1);
        const double whole_us = us_since(t0);
        if (rv != CKR_OK) {
            out.rv = rv;
            return;
        }
        if (i < warmup) continue;
        out.whole.push_back(whole_us);
        out.init.push_back(init_us);
        out.sign.push_back(sign_us);
    }
}

double percentile(std::vector<double>& v, double p) {
    if (v.empty()) return 0;
    const auto k = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1));
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
    return v[k];
}

}  // namespace

int main(int argc, char** argv) {
    craton::bench::Options options;
    std::string module = "ours", label, signs_s = "20000", warmup_s = "500", threads_s = "1";
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (!(take(arg, "module", module) || take(arg, "signs", signs_s) ||
              take(arg, "warmup", warmup_s) || take(arg, "threads", threads_s) ||
              take(arg, "label", label))) {
            std::fprintf(stderr, "%s: unknown argument %s\n", argv[0], argv[i]);
            return 2;
        }
    }
    options.module = module == "ours" ? CRATON_BENCH_DEFAULT_MODULE : module;
    if (label.empty()) label = options.module;
    const unsigned signs = static_cast<unsigned>(std::stoul(signs_s));
    const unsigned warmup = static_cast<unsigned>(std::stoul(warmup_s));
    const unsigned threads = std::max(1u, static_cast<unsigned>(std::stoul(threads_s)));
    if (signs == 0) return 2;

    Env& env = Env::get();
    craton::bench::Env::Handles key;
    try {
        env.open(options);
        if (const CK_RV rv = craton::bench::ec_key_pair(craton::bench::Curve::P256, key);
            rv != CKR_OK) {
            throw std::runtime_error(std::string("C_GenerateKeyPair: ") +
                                     craton::bench::rv_name(rv));
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "craton_sign_latency: %s: %s\n", options.module.c_str(), e.what());
        return 1;
    }

    // Every thread opens its session before the clock starts, and all start together.
    std::vector<Samples> samples(threads);
    std::vector<std::thread> workers;
    std::atomic<unsigned> ready{0};
    std::atomic<bool> go{false};
    for (unsigned t = 0; t < threads; ++t) {
        workers.emplace_back([&, t] {
            craton::bench::ThreadSession session;
            ready.fetch_add(1);
            while (!go.load()) std::this_thread::yield();
            if (session.rv() != CKR_OK) {
                samples[t].rv = session.rv();
                return;
            }
            run(session.handle(), key.first, warmup, signs, samples[t]);
        });
    }
    while (ready.load() < threads) std::this_thread::yield();
    const auto start = Clock::now();
    go.store(true);
    for (auto& w : workers) w.join();
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();

    Samples all;
    for (const Samples& s : samples) {
        if (s.rv != CKR_OK) {
            std::fprintf(stderr, "craton_sign_latency: %s: %s\n", label.c_str(),
                         craton::bench::rv_name(s.rv));
            env.close();
            return 1;
        }
        all.whole.insert(all.whole.end(), s.whole.begin(), s.whole.end());
        all.init.insert(all.init.end(), s.init.begin(), s.init.end());
        all.sign.insert(all.sign.end(), s.sign.begin(), s.sign.end());
    }
    env.close();
    // The rate counts the warm-up signatures too: they are inside the timed interval.
    const double rate = static_cast<double>(threads) * (warmup + signs) / seconds;
    std::printf(
        "sign_latency label=%s threads=%u signs=%zu rate=%.0f p50_us=%.1f p99_us=%.1f "
        "max_us=%.1f init_p50_us=%.1f sign_p50_us=%.1f\n",
        label.c_str(), threads, all.whole.size(), rate, percentile(all.whole, 0.50),
        percentile(all.whole, 0.99), percentile(all.whole, 1.0), percentile(all.init, 0.50),
        percentile(all.sign, 0.50));
    return 0;
}
