// Several processes appending to one audit log at once (each its own AuditLog, as separate
// processes loading the module would): the shared check of chain_test.cpp (records written by
// the calling thread) and deferred_writer_test.cpp (records written by each log's writer).
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <vector>

#include <gtest/gtest.h>

#include "audit/audit_log.h"
#include "audit/chain_verifier.h"
#include "audit/log_file.h"

namespace craton::audit {

// Forks `processes` children that each append `records` records with `config`, then checks
// that the file and its rotations hold one chain with every record (and, when the config
// rotates, that it did rotate).
inline void append_from_processes(const AuditConfig& config, int processes, int records) {
    std::vector<pid_t> children;
    for (int p = 0; p < processes; ++p) {
        const pid_t pid = fork();
        ASSERT_GE(pid, 0);
        if (pid == 0) {
            int status = 0;
            try {
                AuditLog log(config);
                for (int i = 0; i < records; ++i) {
                    log.append({.op = "C_CreateObject",
                                .slot = 0,
                                .session = 7,
                                .role = Role::User,
                                .objects = {static_cast<std::uint64_t>(100 + i)},
                                .rv = 0});
                }
            } catch (...) {
                status = 1;
            }
            _exit(status);
        }
        children.push_back(pid);
    }
    for (pid_t pid : children) {
        int status = 0;
        ASSERT_EQ(waitpid(pid, &status, 0), pid);
        ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    }
    const auto files = rotation_set(config.path);
    if (config.max_file_bytes != 0) {
        EXPECT_GT(files.size(), 3u);
    }
    const VerifyReport r = verify_chain(files, ChainKey{});
    EXPECT_TRUE(r.ok) << r.reason << " at " << r.file << " line " << r.line;
    EXPECT_EQ(r.records, static_cast<std::uint64_t>(processes * records));
}

}  // namespace craton::audit
