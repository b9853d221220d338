// The module's random source: uniqueness across requests, threads and fork, large requests,
// C_SeedRandom's reseed, the error state on a continuous-test failure. (Its speed is a
// benchmark: craton_bench random/32B.)
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <set>
#include <thread>
#include <vector>

#include "core/error.h"
#include "rng/random.h"
#include "selftest/module_state.h"

namespace craton::rng {
namespace {

using Bytes = std::vector<std::uint8_t>;

Bytes draw(std::size_t n) {
    Bytes b(n);
    random_bytes(b);
    return b;
}

TEST(ModuleRandom, DistinctOutputs) {
    std::set<Bytes> seen;
    for (int i = 0; i < 1000; ++i) EXPECT_TRUE(seen.insert(draw(32)).second);
    EXPECT_EQ(draw(0).size(), 0u);
}

TEST(ModuleRandom, LargeRequestSpansSeveralDrbgRequests) {
    const std::uint64_t before = generate_requests();
    const Bytes big = draw(200000);  // > 3 x 64 KiB: four DRBG requests
    EXPECT_EQ(generate_requests() - before, 4u);
    // Not all-zero and not a repeated 32-byte pattern.
    EXPECT_NE(Bytes(big.begin(), big.begin() + 32), Bytes(big.begin() + 32, big.begin() + 64));
    EXPECT_NE(Bytes(big.begin(), big.begin() + 32), Bytes(32, 0));
}

TEST(ModuleRandom, AddSeedThenGenerate) {
    const Bytes seed(64, 0x5A);
    add_seed(seed);
    EXPECT_NE(draw(32), draw(32));
}

// More threads than DRBG instances, so instances serve several threads at once.
TEST(ModuleRandom, ThreadsNeverShareOutput) {
    constexpr int kThreads = 20, kPerThread = 300;
    std::vector<std::vector<Bytes>> results(kThreads);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < kPerThread; ++i) results[t].push_back(draw(32));
        });
    }
    for (auto& th : threads) th.join();
    std::set<Bytes> all;
    for (const auto& r : results) all.insert(r.begin(), r.end());
    EXPECT_EQ(all.size(), static_cast<std::size_t>(kThreads * kPerThread));
}

// The child's first outputs after fork must differ from the parent's next outputs, however
// the two interleave: both generations start from the same copied state.
TEST(ModuleRandom, ForkedChildDoesNotRepeatParent) {
    (void)draw(32);  // the parent's instance exists before fork
    int fds[2];
    ASSERT_EQ(pipe(fds), 0);
    const pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
        close(fds[0]);
        const Bytes c = draw(64);
        const bool ok = write(fds[1], c.data(), c.size()) == static_cast<ssize_t>(c.size());
        _exit(ok ? 0 : 1);
    }
    close(fds[1]);
    const Bytes parent = draw(64);
    Bytes child(64);
    std::size_t got = 0;
    while (got < child.size()) {
        const ssize_t n = read(fds[0], child.data() + got, child.size() - got);
        if (n <= 0) break;
        got += static_cast<std::size_t>(n);
    }
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    ASSERT_EQ(got, child.size());
    EXPECT_NE(parent, child);
    EXPECT_NE(Bytes(parent.begin(), parent.begin() + 32), Bytes(child.begin(), child.begin() + 32));
}

#ifdef CRATON_TEST_HOOKS
// Each fault runs in its own process (a death-test child): the error latch is process-wide.
int stuck_then_every_call_fails(const char* fault) {
    setenv("CRATON_SELFTEST_CORRUPT", fault, 1);
    // A fresh process image needs its first instantiation after the switch is set; the death
    // test child is forked from a parent that already instantiated, so it re-instantiates.
    Bytes b(32);
    try {
        random_bytes(b);
        return 10;
    } catch (const Pkcs11Error& e) {
        if (e.rv() != CKR_GENERAL_ERROR) return 11;
    }
    if (!selftest::in_error_state()) return 12;
    if (b != Bytes(32, 0)) return 13;  // nothing from the failed request leaked out
    try {
        random_bytes(b);
        return 14;
    } catch (const Pkcs11Error& e) {
        if (e.rv() != CKR_GENERAL_ERROR) return 15;
    }
    return 0;
}

TEST(ModuleRandomDeathTest, RepeatedOutputBlockEntersErrorState) {
    (void)draw(32);
    EXPECT_EXIT(std::exit(stuck_then_every_call_fails("drbg-continuous")),
                testing::ExitedWithCode(0), "");
}

TEST(ModuleRandomDeathTest, RepeatedEntropyInputEntersErrorState) {
    (void)draw(32);
    EXPECT_EXIT(std::exit(stuck_then_every_call_fails("entropy-continuous")),
                testing::ExitedWithCode(0), "");
}
#endif

}  // namespace
}  // namespace craton::rng
