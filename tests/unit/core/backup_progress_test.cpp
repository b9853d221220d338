// The progress callback of make_backup and restore_backup (the bars of craton-hsm-admin backup
// and restore): called several times on a token of some size, never going backwards, with a
// total equal to the token's record count, and ending at done == total.
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "config/config.h"
#include "core/pin_record.h"
#include "store/kv_store.h"
#include "store/token_backup.h"
#include "store/token_vault.h"

namespace craton::store {
namespace {

constexpr std::uint64_t kObjects = 3000;

ByteView pin() {
    static const char text[] = "progress-so-pin";
    return {reinterpret_cast<const std::uint8_t*>(text), sizeof text - 1};
}

// An initialised in-memory token with kObjects object records. The records are opaque bytes:
// backup and restore copy records as stored and never parse objects.
std::unique_ptr<TokenVault> token() {
    auto vault = std::make_unique<TokenVault>(make_memory_kv_store());
    TokenState state;
    state.initialized = true;
    SecureBytes kek;
    state.so_pin = PinRecord::create(pin(), config::kPbkdf2IterationFloor, &kek);
    vault->initialize(state, kek);
    vault->records().write([](KvWriter& w) {
        const Bytes value(40, 0x5a);
        for (std::uint64_t i = 0; i < kObjects; ++i) {
            w.put(Table::Objects, "obj-" + std::to_string(i), value);
        }
    });
    return vault;
}

std::uint64_t record_count(TokenVault& vault) {
    std::uint64_t n = 0;
    for (Table t : {Table::Meta, Table::Objects}) {
        vault.records().scan(t, [&](std::string_view, ByteView) { ++n; });
    }
    return n;
}

void expect_complete_progress(const std::vector<std::pair<std::uint64_t, std::uint64_t>>& calls,
                              std::uint64_t expected_total) {
    ASSERT_GE(calls.size(), 3U) << "a token of this size should report along the way";
    for (std::size_t i = 0; i < calls.size(); ++i) {
        EXPECT_EQ(calls[i].second, expected_total) << "call " << i;
        EXPECT_LE(calls[i].first, calls[i].second) << "call " << i;
        if (i != 0) {
            EXPECT_GT(calls[i].first, calls[i - 1].first) << "call " << i;
        }
    }
    EXPECT_EQ(calls.back().first, expected_total);
}

TEST(BackupProgress, BackupAndRestoreReportUpToEveryRecord) {
    auto source = token();
    const std::uint64_t records = record_count(*source);
    ASSERT_GT(records, kObjects);  // the meta records come along too

    std::vector<std::pair<std::uint64_t, std::uint64_t>> calls;
    BackupSummary summary;
    const Bytes backup = make_backup(
        *source, pin(), config::kPbkdf2IterationFloor, &summary,
        [&](std::uint64_t done, std::uint64_t total) { calls.emplace_back(done, total); });
    EXPECT_EQ(summary.objects, kObjects);
    expect_complete_progress(calls, records);

    TokenVault target(make_memory_kv_store());
    calls.clear();
    restore_backup(target, backup, pin(), [&](std::uint64_t done, std::uint64_t total) {
        calls.emplace_back(done, total);
    });
    expect_complete_progress(calls, records);
    EXPECT_EQ(record_count(target), records);
}

TEST(BackupProgress, RefusedRestoreNeverReportsCompletion) {
    auto source = token();
    const Bytes backup = make_backup(*source, pin(), config::kPbkdf2IterationFloor);
    TokenVault target(make_memory_kv_store());
    bool completed = false;
    const char wrong[] = "not-the-so-pin";
    EXPECT_THROW(restore_backup(target, backup,
                                {reinterpret_cast<const std::uint8_t*>(wrong), sizeof wrong - 1},
                                [&](std::uint64_t done, std::uint64_t total) {
                                    if (done == total) completed = true;
                                }),
                 BackupError);
    EXPECT_FALSE(completed);
}

}  // namespace
}  // namespace craton::store
