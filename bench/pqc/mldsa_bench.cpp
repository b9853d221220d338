// ML-DSA key generation, signing and verification timings (Google Benchmark).
//
// Standalone: links craton_pqc and benchmark::benchmark_main. "Expanded" cases reuse an
// MlDsaPrivateKey / MlDsaPublicKey (the module's steady state); "OneShot" cases decode and
// expand the key on every call. Signing uses a fixed message with varying rnd, so the count of
// rejection-loop iterations varies as it does in service.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <vector>

#include "pqc/mldsa/mldsa.h"

namespace {

using craton::pqc::MlDsaParameterSet;
using Bytes = std::vector<std::uint8_t>;

MlDsaParameterSet set_from_arg(std::int64_t arg) {
    switch (arg) {
        case 44:
            return MlDsaParameterSet::kMlDsa44;
        case 65:
            return MlDsaParameterSet::kMlDsa65;
        default:
            return MlDsaParameterSet::kMlDsa87;
    }
}

struct Fixture {
    explicit Fixture(MlDsaParameterSet set)
        : ps(set),
          pk(craton::pqc::mldsa_sizes(set).public_key),
          sk(craton::pqc::mldsa_sizes(set).secret_key),
          sig(craton::pqc::mldsa_sizes(set).signature),
          msg(256, 0x5A) {
        craton::pqc::mldsa_keygen_internal(set, Bytes(32, 1), pk, sk);
    }
    MlDsaParameterSet ps;
    Bytes pk, sk, sig, msg;
};

void BM_MlDsaKeyGen(benchmark::State& state) {
    const auto ps = set_from_arg(state.range(0));
    Fixture f(ps);
    Bytes seed(32, 0);
    for (auto _ : state) {
        ++seed[0];
        craton::pqc::mldsa_keygen_internal(ps, seed, f.pk, f.sk);
        benchmark::DoNotOptimize(f.sk.data());
    }
}

void BM_MlDsaSignExpanded(benchmark::State& state) {
    Fixture f(set_from_arg(state.range(0)));
    const craton::pqc::MlDsaPrivateKey key(f.ps, f.sk);
    Bytes rnd(32, 0);
    std::uint32_t counter = 0;
    for (auto _ : state) {
        ++counter;
        rnd[0] = static_cast<std::uint8_t>(counter);
        rnd[1] = static_cast<std::uint8_t>(counter >> 8);
        key.sign(f.msg, {}, rnd, f.sig);
        benchmark::DoNotOptimize(f.sig.data());
    }
}

void BM_MlDsaSignOneShot(benchmark::State& state) {
    Fixture f(set_from_arg(state.range(0)));
    Bytes rnd(32, 0);
    std::uint32_t counter = 0;
    for (auto _ : state) {
        ++counter;
        rnd[0] = static_cast<std::uint8_t>(counter);
        rnd[1] = static_cast<std::uint8_t>(counter >> 8);
        craton::pqc::mldsa_sign(f.ps, f.sk, f.msg, {}, rnd, f.sig);
        benchmark::DoNotOptimize(f.sig.data());
    }
}

void BM_MlDsaVerifyExpanded(benchmark::State& state) {
    Fixture f(set_from_arg(state.range(0)));
    craton::pqc::mldsa_sign(f.ps, f.sk, f.msg, {}, Bytes(32, 0), f.sig);
    const craton::pqc::MlDsaPublicKey key(f.ps, f.pk);
    for (auto _ : state) {
        const bool ok = key.verify(f.msg, {}, f.sig);
        benchmark::DoNotOptimize(ok);
    }
}

void BM_MlDsaVerifyOneShot(benchmark::State& state) {
    Fixture f(set_from_arg(state.range(0)));
    craton::pqc::mldsa_sign(f.ps, f.sk, f.msg, {}, Bytes(32, 0), f.sig);
    for (auto _ : state) {
        const bool ok = craton::pqc::mldsa_verify(f.ps, f.pk, f.msg, {}, f.sig);
        benchmark::DoNotOptimize(ok);
    }
}

BENCHMARK(BM_MlDsaKeyGen)->Arg(44)->Arg(65)->Arg(87)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_MlDsaSignExpanded)->Arg(44)->Arg(65)->Arg(87)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_MlDsaSignOneShot)->Arg(44)->Arg(65)->Arg(87)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_MlDsaVerifyExpanded)->Arg(44)->Arg(65)->Arg(87)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_MlDsaVerifyOneShot)->Arg(44)->Arg(65)->Arg(87)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
