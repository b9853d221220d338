#!/usr/bin/env bash
# Measures ML-KEM-768 and ML-DSA-65 of our src/pqc beside the CRYSTALS reference
# implementations on this machine, in one run, pinned to one CPU. The reference sources are
# not part of this repository and nothing here downloads them: pass checkouts of
# github.com/pq-crystals/kyber and github.com/pq-crystals/dilithium (their `ref/` folders are
# built with their own Makefiles into a temporary copy).
#
#   bench/pqc/compare_reference.sh KYBER_CHECKOUT DILITHIUM_CHECKOUT [BUILD_DIR]
set -euo pipefail
kyber=${1:?usage: $0 KYBER_CHECKOUT DILITHIUM_CHECKOUT [BUILD_DIR]}
dilithium=${2:?usage: $0 KYBER_CHECKOUT DILITHIUM_CHECKOUT [BUILD_DIR]}
build=${3:-build}
work=$(mktemp -d /tmp/craton-pqc-ref-XXXXXX)
trap 'rm -rf "$work"' EXIT
cp -r "$kyber/ref" "$work/kyber" && cp -r "$dilithium/ref" "$work/dilithium"
make -s -C "$work/kyber" test/test_speed768 >/dev/null
make -s -C "$work/dilithium" test/test_speed3 >/dev/null
cmake --build "$build" --target craton_mlkem_bench craton_mldsa_bench >/dev/null

# The reference programs print the median of time-stamp-counter ticks per operation; ours
# prints CPU time per operation (Google Benchmark), converted at the nominal clock below.
mhz=$(awk -F: '/cpu MHz/ {print $2; exit}' /proc/cpuinfo)
echo "CPU clock (nominal): ${mhz} MHz; all programs pinned to CPU 1"
echo "== reference ML-KEM-768 (median TSC ticks)"
taskset -c 1 "$work/kyber/test/test_speed768" | grep -A1 -E '^kyber_(keypair|encaps|decaps):' | grep -E 'kyber|median'
echo "== reference ML-DSA-65 (median TSC ticks)"
taskset -c 1 "$work/dilithium/test/test_speed3" | grep -A1 -E '^(Keypair|Sign|Verify):' | grep -Ev '^--'
echo "== ours (CPU time per operation; x ${mhz} MHz = cycles)"
taskset -c 1 "$build/craton_mlkem_bench" --benchmark_filter='/768' --benchmark_min_time=0.5 2>/dev/null | grep BM_
taskset -c 1 "$build/craton_mldsa_bench" --benchmark_filter='/65' --benchmark_min_time=0.5 2>/dev/null | grep BM_
