// The audit chain: records verify, every edit or deletion is found and named by line and seq,
// and the chain survives restart, rotation, a keyed chain and several writing processes.
#include <sys/wait.h>
#include <unistd.h>

#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "audit/audit_log.h"
#include "audit/chain_verifier.h"
#include "audit/log_file.h"
#include "unit/audit/append_from_processes.h"
#include "unit/audit/audit_test_support.h"

namespace craton::audit {
namespace {

using audittest::lines_of;
using audittest::read_text;
using audittest::TempDir;
using audittest::write_text;

AuditConfig config_at(const std::filesystem::path& path) {
    AuditConfig c;
    c.path = path;
    c.sync = SyncPolicy::None;
    return c;
}

void append_n(AuditLog& log, int n, const std::string& op = "C_CreateObject") {
    for (int i = 0; i < n; ++i) {
        log.append({.op = op,
                    .slot = 0,
                    .session = 7,
                    .role = Role::User,
                    .objects = {static_cast<std::uint64_t>(100 + i)},
                    .rv = 0});
    }
}

VerifyReport verify_file(const std::filesystem::path& p, const ChainKey& key = ChainKey{}) {
    return verify_chain({p}, key);
}

TEST(AuditChain, CleanLogVerifies) {
    TempDir dir;
    const auto path = dir.path() / "audit.log";
    {
        AuditLog log(config_at(path));
        append_n(log, 5);
    }
    const VerifyReport r = verify_file(path);
    EXPECT_TRUE(r.ok) << r.reason;
    EXPECT_EQ(r.records, 5u);
    EXPECT_EQ(r.first_seq, 1u);
    EXPECT_EQ(r.last_seq, 5u);
    // Every record carries the fields DESIGN.md lists.
    const auto first = nlohmann::json::parse(lines_of(read_text(path)).front());
    for (const char* f : {"seq", "time", "pid", "slot", "session", "role", "op", "mechanism",
                          "object", "rv", "fips_approved", "prev", "hash"}) {
        EXPECT_TRUE(first.contains(f)) << f;
    }
    EXPECT_EQ(first["prev"], std::string(64, '0'));
}

TEST(AuditChain, AnyChangedByteIsNamedByLineAndSeq) {
    TempDir dir;
    const auto path = dir.path() / "audit.log";
    {
        AuditLog log(config_at(path));
        append_n(log, 5);
    }
    const auto original = lines_of(read_text(path));
    const std::string line3 = original[2];
    // Every byte of record 3 (not its newline), changed to another character.
    for (std::size_t i = 0; i < line3.size(); ++i) {
        auto lines = original;
        lines[2][i] = lines[2][i] == '1' ? '2' : '1';
        write_text(path, audittest::join_lines(lines));
        const VerifyReport r = verify_file(path);
        ASSERT_FALSE(r.ok) << "byte " << i << " changed unnoticed";
        EXPECT_EQ(r.line, 3u) << "byte " << i << ": " << r.reason;
        EXPECT_EQ(r.records, 2u) << "byte " << i;
    }
}

TEST(AuditChain, DeletedLineIsNamed) {
    TempDir dir;
    const auto path = dir.path() / "audit.log";
    {
        AuditLog log(config_at(path));
        append_n(log, 5);
    }
    auto lines = lines_of(read_text(path));
    lines.erase(lines.begin() + 2);  // record 3
    write_text(path, audittest::join_lines(lines));
    const VerifyReport r = verify_file(path);
    ASSERT_FALSE(r.ok);
    EXPECT_EQ(r.line, 3u);
    ASSERT_TRUE(r.seq.has_value());
    EXPECT_EQ(*r.seq, 4u);
    EXPECT_NE(r.reason.find("sequence gap"), std::string::npos) << r.reason;

    // Deleting the first record is found too: the chain no longer starts at record 1.
    lines = lines_of(read_text(path));
    lines.erase(lines.begin());
    write_text(path, audittest::join_lines(lines));
    const VerifyReport head = verify_file(path);
    ASSERT_FALSE(head.ok);
    EXPECT_EQ(head.line, 1u);
}

TEST(AuditChain, RestartContinuesTheChain) {
    TempDir dir;
    const auto path = dir.path() / "audit.log";
    {
        AuditLog log(config_at(path));
        append_n(log, 3);
    }
    {
        AuditLog log(config_at(path));
        append_n(log, 2, "C_Login");
    }
    const VerifyReport r = verify_file(path);
    EXPECT_TRUE(r.ok) << r.reason;
    EXPECT_EQ(r.records, 5u);
    EXPECT_EQ(r.last_seq, 5u);
}

TEST(AuditChain, RotationKeepsTheChain) {
    TempDir dir;
    const auto path = dir.path() / "audit.log";
    AuditConfig c = config_at(path);
    c.max_file_bytes = 4096;
    {
        AuditLog log(c);
        append_n(log, 100);
    }
    const auto files = rotation_set(path);
    ASSERT_GE(files.size(), 3u);  // ~300 bytes a record: several rotations
    EXPECT_EQ(files.front(), rotated_name(path, files.size() - 1));
    const VerifyReport all = verify_chain(files, ChainKey{});
    EXPECT_TRUE(all.ok) << all.reason;
    EXPECT_EQ(all.records, 100u);

    // The newest file starts with the previous file's last hash.
    const auto older = lines_of(read_text(rotated_name(path, 1)));
    const auto newest = lines_of(read_text(path));
    ASSERT_FALSE(older.empty());
    ASSERT_FALSE(newest.empty());
    const auto last_old = nlohmann::json::parse(older.back());
    const auto first_new = nlohmann::json::parse(newest.front());
    EXPECT_EQ(first_new["prev"], last_old["hash"]);
    EXPECT_EQ(first_new["seq"].get<std::uint64_t>(), last_old["seq"].get<std::uint64_t>() + 1);

    // The newest file alone is anchored only with --from; without it the start is refused.
    EXPECT_FALSE(verify_file(path).ok);
    const VerifyReport from =
        verify_chain({path}, ChainKey{}, first_new["seq"].get<std::uint64_t>());
    EXPECT_TRUE(from.ok) << from.reason;
    // A deleted rotated file breaks the set.
    std::filesystem::remove(rotated_name(path, 1));
    std::filesystem::rename(rotated_name(path, files.size() - 1), rotated_name(path, 1));
    EXPECT_FALSE(verify_chain(rotation_set(path), ChainKey{}).ok);
}

TEST(AuditChain, KeyedChainNeedsTheKey) {
    TempDir dir;
    const auto path = dir.path() / "audit.log";
    const auto key_path = dir.path() / "audit.key";
    write_text(key_path, std::string(64, 'a'));  // 64 hex digits
    AuditConfig c = config_at(path);
    c.key_file = key_path;
    {
        AuditLog log(c);
        append_n(log, 4);
    }
    EXPECT_TRUE(verify_chain({path}, load_key_file(key_path)).ok);
    const VerifyReport unkeyed = verify_file(path);
    ASSERT_FALSE(unkeyed.ok);
    EXPECT_NE(unkeyed.reason.find("audit key"), std::string::npos) << unkeyed.reason;
    write_text(key_path, std::string(64, 'b'));
    const VerifyReport wrong = verify_chain({path}, load_key_file(key_path));
    ASSERT_FALSE(wrong.ok);
    EXPECT_EQ(wrong.line, 1u);

    // Someone who can write the file but lacks the key cannot re-chain an edit: recomputing
    // with plain SHA-256 and relabelling the chain still fails with the key.
    auto lines = lines_of(read_text(path));
    auto rec = nlohmann::json::parse(lines[1]);
    rec["op"] = "C_Login";
    rec["chain"] = "sha256";
    rec.erase("hash");
    Hash prev = *from_hex(rec["prev"].get<std::string>());
    Hash h{};
    lines[1] = seal(rec, ChainKey{}, prev, h);
    lines[1].pop_back();
    write_text(path, audittest::join_lines(lines));
    write_text(key_path, std::string(64, 'a'));
    const VerifyReport forged = verify_chain({path}, load_key_file(key_path));
    ASSERT_FALSE(forged.ok);
    EXPECT_EQ(forged.line, 2u);
}

TEST(AuditChain, KeyFileMustBe32Bytes) {
    TempDir dir;
    const auto key_path = dir.path() / "audit.key";
    write_text(key_path, "short");
    EXPECT_THROW(load_key_file(key_path), AuditError);
    write_text(key_path, std::string(32, '\x01'));
    EXPECT_TRUE(load_key_file(key_path).keyed());
}

// Three processes append to one log at once; with `max_file_bytes` they also rotate it under
// each other. Either way the files hold one chain with every record.
TEST(AuditChain, ProcessesAppendingTogetherKeepOneLinearChain) {
    TempDir dir;
    append_from_processes(config_at(dir.path() / "audit.log"), 3, 150);
}

TEST(AuditChain, ProcessesRotatingUnderEachOtherKeepOneChain) {
    TempDir dir;
    AuditConfig c = config_at(dir.path() / "audit.log");
    c.max_file_bytes = 4096;
    append_from_processes(c, 3, 150);
}

TEST(AuditChain, TornTailIsReportedAndWritingContinues) {
    TempDir dir;
    const auto path = dir.path() / "audit.log";
    {
        AuditLog log(config_at(path));
        append_n(log, 2);
    }
    write_text(path, read_text(path) + "{\"seq\":3,\"ti");  // a crash mid-write
    {
        AuditLog log(config_at(path));
        append_n(log, 1);
    }
    const auto lines = lines_of(read_text(path));
    ASSERT_EQ(lines.size(), 4u);
    EXPECT_EQ(nlohmann::json::parse(lines[3])["seq"], 3);  // continues from the last good one
    const VerifyReport r = verify_file(path);
    ASSERT_FALSE(r.ok);  // the torn record stays visible
    EXPECT_EQ(r.line, 3u);
}

// The progress callback behind `audit verify`'s bar: bytes of the log, several reports on a
// log of some size, never backwards, ending at the file's size when the chain is intact and
// short of it when a record is broken.
TEST(AuditChain, VerifyReportsProgressUpToTheLogSize) {
    TempDir dir;
    const auto path = dir.path() / "audit.log";
    {
        AuditLog log(config_at(path));
        append_n(log, 3000);
    }
    const std::uint64_t size = std::filesystem::file_size(path);
    std::vector<std::pair<std::uint64_t, std::uint64_t>> calls;
    const auto record = [&](std::uint64_t done, std::uint64_t total) {
        calls.emplace_back(done, total);
    };
    ASSERT_TRUE(verify_chain({path}, ChainKey{}, std::nullopt, record).ok);
    ASSERT_GE(calls.size(), 3U);
    for (std::size_t i = 0; i < calls.size(); ++i) {
        EXPECT_EQ(calls[i].second, size) << "call " << i;
        if (i != 0) {
            EXPECT_GT(calls[i].first, calls[i - 1].first) << "call " << i;
        }
    }
    EXPECT_EQ(calls.back().first, size);

    // Break a record two thirds of the way in: the reports stop before the end.
    auto text = read_text(path);
    const auto at = text.find("C_CreateObject", text.size() * 2 / 3);
    ASSERT_NE(at, std::string::npos);
    text[at] = 'X';
    write_text(path, text);
    calls.clear();
    EXPECT_FALSE(verify_chain({path}, ChainKey{}, std::nullopt, record).ok);
    for (const auto& c : calls) EXPECT_LT(c.first, c.second);
}

}  // namespace
}  // namespace craton::audit
