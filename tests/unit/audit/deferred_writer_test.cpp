// Deferred audit writes: records queued by calling threads reach the file in call order with
// the caller's identity, a full queue holds callers back instead of dropping records, and
// nothing queued is lost at flush, destruction, several processes at once, or process exit
// without C_Finalize.
#include <sys/wait.h>
#include <unistd.h>

#include <thread>

#include <gtest/gtest.h>

#include "audit/audit_log.h"
#include "audit/caller.h"
#include "audit/chain_verifier.h"
#include "audit/log_file.h"
#include "unit/audit/append_from_processes.h"
#include "unit/audit/audit_test_support.h"

namespace craton::audit {
namespace {

using audittest::lines_of;
using audittest::read_text;
using audittest::TempDir;

AuditConfig deferred_at(const std::filesystem::path& path) {
    AuditConfig c;
    c.path = path;
    c.sync = SyncPolicy::Batch;
    c.deferred = true;
    return c;
}

Event numbered(std::uint64_t n) {
    return {.op = "C_Sign", .slot = 0, .session = 3, .role = Role::User, .key = n, .rv = 0};
}

std::vector<nlohmann::json> records_of(const std::filesystem::path& path) {
    std::vector<nlohmann::json> out;
    for (const auto& line : lines_of(read_text(path))) out.push_back(nlohmann::json::parse(line));
    return out;
}

TEST(AuditDeferred, FlushWritesEveryQueuedRecordInOrderWithItsCaller) {
    TempDir dir;
    const auto path = dir.path() / "audit.log";
    AuditLog log(deferred_at(path));
    set_caller("client-fingerprint");
    for (std::uint64_t i = 1; i <= 50; ++i) log.append(numbered(i));
    set_caller("");
    log.flush();
    const auto records = records_of(path);
    ASSERT_EQ(records.size(), 50u);
    for (std::uint64_t i = 0; i < records.size(); ++i) {
        EXPECT_EQ(records[i]["seq"].get<std::uint64_t>(), i + 1);
        EXPECT_EQ(records[i]["key"].get<std::uint64_t>(), i + 1);
        // Captured on the calling thread, not the writer's (which has no caller).
        EXPECT_EQ(records[i]["client"], "client-fingerprint");
    }
    const VerifyReport r = verify_chain({path}, ChainKey{});
    EXPECT_TRUE(r.ok) << r.reason;
}

TEST(AuditDeferred, RecordsReachTheFileWithoutAFlush) {
    TempDir dir;
    const auto path = dir.path() / "audit.log";
    AuditLog log(deferred_at(path));
    log.append(numbered(1));
    // The writer gathers for kWriteDelay; allow a loaded machine far more than that.
    for (int i = 0; i < 2000 && read_text(path).empty(); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    EXPECT_EQ(records_of(path).size(), 1u);
}

TEST(AuditDeferred, ManyThreadsPastTheQueueBoundLoseNothing) {
    TempDir dir;
    const auto path = dir.path() / "audit.log";
    constexpr int kThreads = 4;
    constexpr std::uint64_t kEach = AuditLog::kMaxQueued;  // together 4x the bound
    {
        AuditLog log(deferred_at(path));
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back([&log, t] {
                for (std::uint64_t i = 0; i < kEach; ++i) log.append(numbered(t * kEach + i));
            });
        }
        for (auto& th : threads) th.join();
    }  // destruction writes what is still queued
    const VerifyReport r = verify_chain({path}, ChainKey{});
    EXPECT_TRUE(r.ok) << r.reason;
    EXPECT_EQ(r.records, kThreads * kEach);
    // Each thread's records keep that thread's order.
    std::vector<std::uint64_t> last(kThreads, 0);
    std::vector<bool> seen(kThreads, false);
    for (const auto& rec : records_of(path)) {
        const auto key = rec["key"].get<std::uint64_t>();
        const auto t = key / kEach;
        if (seen[t]) {
            EXPECT_GT(key, last[t]);
        }
        seen[t] = true;
        last[t] = key;
    }
}

TEST(AuditDeferred, ProcessesWritingAndRotatingTogetherKeepOneChain) {
    TempDir dir;
    AuditConfig c = deferred_at(dir.path() / "audit.log");
    c.max_file_bytes = 8192;
    append_from_processes(c, 3, 300);
}

// An application that exits without C_Finalize: the module's Hsm (and its log) is never
// destroyed, yet exit() writes the records of its last calls.
TEST(AuditDeferred, ExitWithoutDestroyingTheLogWritesTheQueue) {
    TempDir dir;
    const auto path = dir.path() / "audit.log";
    const pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
        auto* log = new AuditLog(deferred_at(path));  // leaked on purpose, like the module's
        for (std::uint64_t i = 1; i <= 200; ++i) log->append(numbered(i));
        std::exit(0);
    }
    int status = 0;
    ASSERT_EQ(waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
    const VerifyReport r = verify_chain({path}, ChainKey{});
    EXPECT_TRUE(r.ok) << r.reason;
    EXPECT_EQ(r.records, 200u);
}

}  // namespace
}  // namespace craton::audit
