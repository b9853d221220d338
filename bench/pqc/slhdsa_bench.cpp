// SLH-DSA key generation, signing and verification timings for all twelve parameter sets
// (Google Benchmark). The argument is the parameter set's CKP_SLH_DSA_* value (1..12).
//
// Standalone build from the repository root, for example:
//   c++ -O2 -std=c++20 -Isrc bench/pqc/slhdsa_bench.cpp build-X/src/pqc/libcraton_pqc.a
//       -lbenchmark -lbenchmark_main -lcrypto -lpthread -o slhdsa_bench
// The "s" sets sign in about a second, so those benchmarks run a handful of iterations; use
// --benchmark_min_time to trade run time for precision.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>
#include <vector>

#include "pqc/slhdsa/slhdsa.h"

namespace {

namespace slh = craton::pqc::slhdsa;
using Bytes = std::vector<std::uint8_t>;

struct Keys {
    slh::ParameterSet set;
    Bytes sk;
    Bytes pk;
};

Keys make_keys(std::int64_t arg) {
    const auto set = static_cast<slh::ParameterSet>(arg);
    const auto sizes = slh::sizes(set);
    Keys keys{set, Bytes(sizes.secret_key), Bytes(sizes.public_key)};
    const Bytes seed(sizes.n, 0x17);
    slh::slh_keygen_internal(set, seed, seed, seed, keys.sk, keys.pk);
    return keys;
}

const Bytes kMessage(64, 0xA5);

void BM_SlhDsaKeyGen(benchmark::State& state) {
    const auto set = static_cast<slh::ParameterSet>(state.range(0));
    const auto sizes = slh::sizes(set);
    Bytes sk(sizes.secret_key);
    Bytes pk(sizes.public_key);
    Bytes seed(sizes.n, 0);
    for (auto _ : state) {
        ++seed[0];
        slh::slh_keygen_internal(set, seed, seed, seed, sk, pk);
        benchmark::DoNotOptimize(pk.data());
    }
    state.SetLabel(std::string(slh::name(set)));
}

void BM_SlhDsaSign(benchmark::State& state) {
    const Keys keys = make_keys(state.range(0));
    Bytes sig(slh::sizes(keys.set).signature);
    Bytes addrnd(slh::sizes(keys.set).n, 0);
    for (auto _ : state) {
        ++addrnd[0];
        slh::slh_sign(keys.set, kMessage, {}, keys.sk, slh::ByteSpan(addrnd), sig);
        benchmark::DoNotOptimize(sig.data());
    }
    state.SetLabel(std::string(slh::name(keys.set)));
}

void BM_SlhDsaVerify(benchmark::State& state) {
    const Keys keys = make_keys(state.range(0));
    const Bytes sig = slh::slh_sign(keys.set, kMessage, {}, keys.sk, std::nullopt);
    for (auto _ : state) {
        const bool ok = slh::slh_verify(keys.set, kMessage, sig, {}, keys.pk);
        benchmark::DoNotOptimize(ok);
        if (!ok) state.SkipWithError("signature did not verify");
    }
    state.SetLabel(std::string(slh::name(keys.set)));
}

BENCHMARK(BM_SlhDsaKeyGen)->DenseRange(1, 12)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SlhDsaSign)->DenseRange(1, 12)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SlhDsaVerify)->DenseRange(1, 12)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
