// The [audit] table of craton_hsm.toml (parsed in src/config, used by AuditLog).
#pragma once

#include <cstdint>
#include <filesystem>

namespace craton::audit {

// When a written record reaches the disk: they differ on an operating-system crash or power
// loss. When it reaches the file (the kernel) is AuditConfig::deferred.
enum class SyncPolicy {
    Always,  // fdatasync after every record
    Batch,   // fdatasync at most once a second (or per 4096 records), and at C_Finalize
    None,    // never; the kernel writes back when it likes
};

struct AuditConfig {
    // Empty: no audit log (the default, matching the in-memory default store).
    std::filesystem::path path;
    SyncPolicy sync = SyncPolicy::Batch;
    // Optional file holding the 32-byte audit key (raw, or 64 hex digits). With it the chain is
    // HMAC-SHA-256 and someone who can write the log but not read the key cannot re-chain it.
    std::filesystem::path key_file;
    // C_Sign/C_SignFinal, C_Decrypt/C_DecryptFinal, C_EncapsulateKey/C_DecapsulateKey records.
    bool log_crypto_operations = true;
    // False: the calling thread writes the record (write(2)) before the PKCS#11 call returns,
    // so even a killed process loses nothing. True (the configuration's default for `batch` and
    // `none`): the call hands the record to the log's writer thread, which writes what arrived
    // within kWriteDelay under one file lock and one write(2); a process killed in that window
    // loses those records. Never with `always`, whose point is the record on disk first.
    bool deferred = false;
    // Rotate before a record would be appended to a file of at least this size; 0 = never.
    std::uint64_t max_file_bytes = 0;
};

}  // namespace craton::audit
