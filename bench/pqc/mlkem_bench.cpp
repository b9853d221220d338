// Micro-benchmarks for ML-KEM (all parameter sets), X-Wing and the Keccak permutation.
// Besides wall time, each benchmark reports "cycles" per operation read from the time-stamp
// counter (x86 only; on other targets the counter is absent).
//
// Standalone build from the repository root, for example:
//   c++ -O2 -std=c++20 -Isrc bench/pqc/mlkem_bench.cpp build-X/src/pqc/libcraton_pqc.a
//       -lbenchmark -lcrypto -lpthread -o mlkem_bench
#include <benchmark/benchmark.h>

#include <cstdint>
#include <vector>

#if defined(__x86_64__) || defined(__i386__)
#include <x86intrin.h>
#define CRATON_BENCH_HAVE_TSC 1
#endif

#include "pqc/hybrid/xwing.h"
#include "pqc/keccak/keccak.h"
#include "pqc/mlkem/mlkem.h"

namespace {

using craton::pqc::MlKemParameterSet;
using Bytes = std::vector<std::uint8_t>;

Bytes pattern(std::size_t len, std::uint8_t seed) {
    Bytes b(len);
    for (std::size_t i = 0; i < len; ++i) b[i] = static_cast<std::uint8_t>(seed + 29 * i);
    return b;
}

std::uint64_t cycles_now() {
#ifdef CRATON_BENCH_HAVE_TSC
    return __rdtsc();
#else
    return 0;
#endif
}

// Runs `op` in the benchmark loop and adds a per-iteration TSC cycle counter.
template <typename Op>
void timed_loop(benchmark::State& state, Op&& op) {
    const std::uint64_t start = cycles_now();
    for (auto _ : state) op();
    const std::uint64_t elapsed = cycles_now() - start;
    state.counters["cycles"] =
        benchmark::Counter(static_cast<double>(elapsed), benchmark::Counter::kAvgIterations);
}

void BM_MlKemKeyGen(benchmark::State& state, MlKemParameterSet ps) {
    const auto sizes = craton::pqc::mlkem_sizes(ps);
    const Bytes d = pattern(32, 1), z = pattern(32, 2);
    Bytes ek(sizes.encaps_key), dk(sizes.decaps_key);
    timed_loop(state, [&] {
        craton::pqc::mlkem_keygen(ps, d, z, ek, dk);
        benchmark::DoNotOptimize(ek.data());
    });
}

void BM_MlKemEncaps(benchmark::State& state, MlKemParameterSet ps) {
    const auto sizes = craton::pqc::mlkem_sizes(ps);
    Bytes ek(sizes.encaps_key), dk(sizes.decaps_key), ct(sizes.ciphertext), ss(32);
    craton::pqc::mlkem_keygen(ps, pattern(32, 1), pattern(32, 2), ek, dk);
    const Bytes m = pattern(32, 3);
    timed_loop(state, [&] {
        craton::pqc::mlkem_encaps(ps, ek, m, ct, ss);
        benchmark::DoNotOptimize(ss.data());
    });
}

void BM_MlKemDecaps(benchmark::State& state, MlKemParameterSet ps) {
    const auto sizes = craton::pqc::mlkem_sizes(ps);
    Bytes ek(sizes.encaps_key), dk(sizes.decaps_key), ct(sizes.ciphertext), ss(32);
    craton::pqc::mlkem_keygen(ps, pattern(32, 1), pattern(32, 2), ek, dk);
    craton::pqc::mlkem_encaps(ps, ek, pattern(32, 3), ct, ss);
    timed_loop(state, [&] {
        craton::pqc::mlkem_decaps(ps, dk, ct, ss);
        benchmark::DoNotOptimize(ss.data());
    });
}

void BM_XWingKeyGen(benchmark::State& state) {
    const Bytes sk = pattern(32, 4);
    Bytes pk(craton::pqc::XWingSizes::encaps_key);
    timed_loop(state, [&] { benchmark::DoNotOptimize(craton::pqc::xwing_keygen(sk, pk)); });
}

void BM_XWingEncaps(benchmark::State& state) {
    const Bytes sk = pattern(32, 4), eseed = pattern(64, 5);
    Bytes pk(craton::pqc::XWingSizes::encaps_key), ct(craton::pqc::XWingSizes::ciphertext), ss(32);
    (void)craton::pqc::xwing_keygen(sk, pk);
    timed_loop(state,
               [&] { benchmark::DoNotOptimize(craton::pqc::xwing_encaps(pk, eseed, ct, ss)); });
}

void BM_XWingDecaps(benchmark::State& state) {
    const Bytes sk = pattern(32, 4);
    Bytes pk(craton::pqc::XWingSizes::encaps_key), ct(craton::pqc::XWingSizes::ciphertext), ss(32);
    (void)craton::pqc::xwing_keygen(sk, pk);
    (void)craton::pqc::xwing_encaps(pk, pattern(64, 5), ct, ss);
    timed_loop(state, [&] { benchmark::DoNotOptimize(craton::pqc::xwing_decaps(sk, ct, ss)); });
}

void BM_KeccakF1600(benchmark::State& state) {
    std::uint64_t lanes[25] = {};
    timed_loop(state, [&] {
        craton::pqc::keccak_f1600(lanes);
        benchmark::DoNotOptimize(lanes);
    });
}

BENCHMARK_CAPTURE(BM_MlKemKeyGen, 512, MlKemParameterSet::MlKem512);
BENCHMARK_CAPTURE(BM_MlKemKeyGen, 768, MlKemParameterSet::MlKem768);
BENCHMARK_CAPTURE(BM_MlKemKeyGen, 1024, MlKemParameterSet::MlKem1024);
BENCHMARK_CAPTURE(BM_MlKemEncaps, 512, MlKemParameterSet::MlKem512);
BENCHMARK_CAPTURE(BM_MlKemEncaps, 768, MlKemParameterSet::MlKem768);
BENCHMARK_CAPTURE(BM_MlKemEncaps, 1024, MlKemParameterSet::MlKem1024);
BENCHMARK_CAPTURE(BM_MlKemDecaps, 512, MlKemParameterSet::MlKem512);
BENCHMARK_CAPTURE(BM_MlKemDecaps, 768, MlKemParameterSet::MlKem768);
BENCHMARK_CAPTURE(BM_MlKemDecaps, 1024, MlKemParameterSet::MlKem1024);
BENCHMARK(BM_XWingKeyGen);
BENCHMARK(BM_XWingEncaps);
BENCHMARK(BM_XWingDecaps);
BENCHMARK(BM_KeccakF1600);

}  // namespace

BENCHMARK_MAIN();
