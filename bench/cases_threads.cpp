// The same ECDSA and AES-GCM work on one and on two threads, each thread in its own session:
// throughput (items per second over wall time) shows whether the module scales.
#include "bench_cases.h"

namespace craton::bench {

void register_thread_cases() {
    add("mt/ecdsa_p256_sign", ecdsa_sign, Curve::P256, true)->Threads(1)->Threads(2)->UseRealTime();
    add("mt/aes256_gcm_encrypt/1KiB", aes_gcm_encrypt, 1024, true)
        ->Threads(1)
        ->Threads(2)
        ->UseRealTime();
}

}  // namespace craton::bench
