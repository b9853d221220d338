#include "rng/random.h"

#include <pthread.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cstring>
#include <mutex>
#include <stdexcept>

#include <openssl/crypto.h>

#include "core/error.h"
#include "rng/continuous_test.h"
#include "rng/entropy.h"
#include "rng/hmac_drbg.h"
#include "selftest/fault_injection.h"
#include "selftest/module_state.h"

namespace craton::rng {
namespace {

// Security strength 256 bits: 32 bytes of entropy per (re)seed, a 128-bit nonce.
constexpr std::size_t kEntropyBytes = 32;
constexpr std::size_t kNonceBytes = 16;

// The process's DRBG instances. Each is a complete SP 800-90A instantiation with its own
// mutex, continuous tests and fork generation; a thread always uses the same one (chosen
// round-robin at its first request). One shared instance made every ECDSA signature, whose
// nonce and blinding values come from here, queue on one lock; with a few instances,
// concurrent sessions rarely meet. With prediction resistance every request already reseeds
// from getrandom(2), made before taking the lock, so instances never share entropy either.
struct ModuleDrbg {
    std::mutex mutex;
    HmacDrbg drbg{"SHA2-256"};
    ContinuousTest output_test;
    ContinuousTest entropy_test;
    unsigned instantiated_generation = ~0u;
    // Test builds: a continuous-test failure armed at instantiation (fault_injection.h).
    bool output_fault_armed = false;
    bool entropy_fault_armed = false;
};

constexpr std::size_t kInstances = 8;

std::array<ModuleDrbg, kInstances>& module_drbgs() {
    // Never destroyed: other static destructors and late OpenSSL callbacks may still ask for
    // randomness during process exit; the state is wiped at instantiation instead.
    static auto* const instances = new std::array<ModuleDrbg, kInstances>;
    return *instances;
}

std::atomic<std::size_t> g_next_instance{0};

ModuleDrbg& module_drbg() {
    thread_local const std::size_t mine = g_next_instance.fetch_add(1) % kInstances;
    return module_drbgs()[mine];
}

// Bumped in every forked child; an instance from an older generation re-instantiates.
std::atomic<unsigned> g_fork_generation{0};
std::atomic<std::uint64_t> g_requests{0};

// fork() waits for a request in progress to finish, so the child copies a consistent state
// (and an unlocked mutex); the child then marks that state stale.
void before_fork() {
    for (ModuleDrbg& g : module_drbgs()) g.mutex.lock();
}
void after_fork_parent() {
    for (ModuleDrbg& g : module_drbgs()) g.mutex.unlock();
}
void after_fork_child() {
    g_fork_generation.fetch_add(1);
    for (ModuleDrbg& g : module_drbgs()) g.mutex.unlock();
}

void register_fork_handlers() {
    static const int once = [] {
        (void)module_drbgs();
        return pthread_atfork(before_fork, after_fork_parent, after_fork_child);
    }();
    (void)once;
}

void entropy(std::span<std::uint8_t> out) {
    try {
        system_entropy(out);
    } catch (const std::runtime_error&) {
        selftest::fail_to_error_state("entropy source (getrandom) failed");
    }
}

// Distinct per process, thread and instantiation even before entropy is mixed in.
std::array<std::uint8_t, 64> personalization(unsigned generation) {
    std::array<std::uint8_t, 64> p{};
    static constexpr char kLabel[] = "craton-hsm HMAC_DRBG v1";
    std::memcpy(p.data(), kLabel, sizeof kLabel - 1);
    std::size_t at = 24;
    auto put = [&](std::uint64_t v) {
        std::memcpy(p.data() + at, &v, sizeof v);
        at += sizeof v;
    };
    timespec real{}, mono{};
    clock_gettime(CLOCK_REALTIME, &real);
    clock_gettime(CLOCK_MONOTONIC, &mono);
    put(static_cast<std::uint64_t>(getpid()));
    put(static_cast<std::uint64_t>(syscall(SYS_gettid)));
    put(static_cast<std::uint64_t>(real.tv_sec) * 1000000000u +
        static_cast<std::uint64_t>(real.tv_nsec));
    put(static_cast<std::uint64_t>(mono.tv_sec) * 1000000000u +
        static_cast<std::uint64_t>(mono.tv_nsec));
    put(generation);
    return p;
}

// Called with the mutex held.
void instantiate_if_needed(ModuleDrbg& g) {
    const unsigned generation = g_fork_generation.load();
    if (g.drbg.instantiated() && g.instantiated_generation == generation) return;
    std::array<std::uint8_t, kEntropyBytes + kNonceBytes> seed{};
    entropy(seed);
    const auto pers = personalization(generation);
    g.output_test.reset();
    g.entropy_test.reset();
    g.drbg.instantiate(std::span(seed).first(kEntropyBytes), std::span(seed).last(kNonceBytes),
                       pers);
    OPENSSL_cleanse(seed.data(), seed.size());
    g.instantiated_generation = generation;
    g.output_fault_armed = selftest::fault_injected("drbg-continuous");
    g.entropy_fault_armed = selftest::fault_injected("entropy-continuous");
}

// An armed fault fires at the first request outside the power-on self-test, so tests see the
// run-time failure path (a module that passed its self-tests, then fails in service).
void fire_armed_faults(ModuleDrbg& g) {
    if (!g.output_fault_armed && !g.entropy_fault_armed) return;
    if (selftest::current_state() == selftest::State::SelfTest) return;
    if (g.output_fault_armed) g.output_test.force_failure_once();
    if (g.entropy_fault_armed) g.entropy_test.force_failure_once();
    g.output_fault_armed = g.entropy_fault_armed = false;
}

// One request of at most HmacDrbg::kMaxRequestBytes, with prediction resistance: a reseed
// from fresh entropy (carrying the additional input, SP 800-90A 9.3.1) and then generate.
void generate_chunk(std::span<std::uint8_t> out, std::span<const std::uint8_t> additional) {
    std::array<std::uint8_t, kEntropyBytes> fresh{};
    entropy(fresh);
    ModuleDrbg& g = module_drbg();
    std::unique_lock lock(g.mutex);
    try {
        instantiate_if_needed(g);
        fire_armed_faults(g);
        if (!g.entropy_test.on_block(fresh)) {
            OPENSSL_cleanse(fresh.data(), fresh.size());
            g.drbg.uninstantiate();
            lock.unlock();
            selftest::fail_to_error_state("continuous test failed on the entropy input");
        }
        g.drbg.reseed(fresh, additional);
        OPENSSL_cleanse(fresh.data(), fresh.size());
        // The reseed counter is 1 after a reseed, far below 2^48: ReseedRequired cannot occur
        // with prediction resistance, but a DRBG that says so must not be trusted further.
        if (g.drbg.generate(out, {}, &g.output_test) != HmacDrbg::Status::Ok) {
            g.drbg.uninstantiate();
            lock.unlock();
            selftest::fail_to_error_state("HMAC_DRBG asked for a reseed after reseeding");
        }
    } catch (const std::runtime_error&) {
        // HmacDrbg throws runtime_error for a continuous-test rejection or an HMAC failure; it
        // has already wiped itself and the output.
        OPENSSL_cleanse(fresh.data(), fresh.size());
        if (lock.owns_lock()) lock.unlock();
        selftest::fail_to_error_state("continuous test or HMAC failure in the DRBG");
    }
    g_requests.fetch_add(1, std::memory_order_relaxed);
}

}  // namespace

void random_bytes(std::span<std::uint8_t> out, std::span<const std::uint8_t> additional) {
    selftest::require_not_error();
    register_fork_handlers();
    std::size_t done = 0;
    while (done < out.size()) {
        const std::size_t n = std::min(out.size() - done, HmacDrbg::kMaxRequestBytes);
        generate_chunk(out.subspan(done, n),
                       done == 0 ? additional : std::span<const std::uint8_t>{});
        done += n;
    }
}

void random_bytes(std::span<std::uint8_t> out) {
    random_bytes(out, {});
}

void add_seed(std::span<const std::uint8_t> seed) {
    selftest::require_not_error();
    register_fork_handlers();
    // Every instance takes the seed: the caller cannot know which one serves which thread.
    for (ModuleDrbg& g : module_drbgs()) {
        std::array<std::uint8_t, kEntropyBytes> fresh{};
        entropy(fresh);
        std::lock_guard lock(g.mutex);
        instantiate_if_needed(g);
        g.drbg.reseed(fresh, seed);
        OPENSSL_cleanse(fresh.data(), fresh.size());
    }
}

std::uint64_t generate_requests() noexcept {
    return g_requests.load(std::memory_order_relaxed);
}

}  // namespace craton::rng
