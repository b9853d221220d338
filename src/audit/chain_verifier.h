// Recomputes an audit chain and names the first record that breaks it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "audit/log_file.h"
#include "audit/record.h"
#include "core/progress.h"

namespace craton::audit {

struct VerifyReport {
    bool ok = true;
    std::uint64_t records = 0;    // records checked
    std::uint64_t first_seq = 0;  // of the first record checked
    std::uint64_t last_seq = 0;   // of the last good record
    // The first broken record, when !ok.
    std::filesystem::path file;
    std::uint64_t line = 0;  // 1-based line number in `file`
    std::optional<std::uint64_t> seq;
    std::string reason;
};

// Checks `files` as one chain, in order (oldest first; see rotation_set). Without `from` the
// chain must start at the first record ever (seq 1, zero prev); with it, checking starts at
// record `from`, whose prev is taken on trust. Records before `from` are only parsed.
// `key` must be the audit key for a keyed chain; a keyed record without it is a failure.
// `progress`, when set, counts bytes checked out of the files' total size; an intact chain
// ends with a call where done == total, a broken one stops short of it.
VerifyReport verify_chain(const std::vector<std::filesystem::path>& files, const ChainKey& key,
                          std::optional<std::uint64_t> from = std::nullopt,
                          const ProgressFn& progress = {});

}  // namespace craton::audit
