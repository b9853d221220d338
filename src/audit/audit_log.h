// The audit log: an append-only JSON-lines file with a hash chain (see record.h).
//
// Several processes may append to the same file. Each append takes an exclusive flock on
// "<path>.lock", re-reads the last record if another process (or a rotation) changed the file
// since this process last wrote, appends with O_APPEND and releases the lock, so the chain stays
// one linear sequence with no gaps however many writers there are. Writers that do not take the
// lock (anything but this module and craton-hsm-admin) are not covered by that guarantee.
#pragma once

#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <stdexcept>

#include "audit/audit_config.h"
#include "audit/event.h"
#include "audit/log_file.h"
#include "audit/record.h"

namespace craton::audit {

class AuditError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class AuditLog {
public:
    // Opens (creating) the file and reads where the chain stands. Throws AuditError.
    explicit AuditLog(AuditConfig config);
    ~AuditLog();
    AuditLog(const AuditLog&) = delete;
    AuditLog& operator=(const AuditLog&) = delete;

    const AuditConfig& config() const noexcept { return config_; }
    bool crypto_operations() const noexcept { return config_.log_crypto_operations; }
    // False after a record could not be written: audited calls are then refused (fail closed)
    // until the module is initialised again.
    bool healthy() const noexcept { return healthy_.load(); }

    // Writes one record (and syncs per policy) before returning. Throws AuditError.
    void append(const Event& event);
    // Never throws; marks the log unhealthy on failure. For callers that cannot report it.
    void append_noexcept(const Event& event) noexcept;
    // fdatasync of whatever the batch policy still holds back.
    void flush() noexcept;

    // Batch policy thresholds.
    static constexpr unsigned kBatchRecords = 4096;
    static constexpr std::chrono::milliseconds kBatchInterval{1000};

private:
    void open_file();
    void catch_up();  // under the file lock: follow other writers and rotations
    void rotate();
    void sync_after_write();

    AuditConfig config_;
    ChainKey key_;
    std::mutex mutex_;  // flock does not exclude threads sharing one open file description
    int lock_fd_ = -1;
    int fd_ = -1;
    dev_t dev_ = 0;
    ino_t ino_ = 0;
    off_t known_size_ = -1;  // size after our last write; another size means another writer
    ChainPoint last_;
    unsigned unsynced_ = 0;
    std::chrono::steady_clock::time_point last_sync_ = std::chrono::steady_clock::now();
    std::atomic<bool> healthy_{true};
};

// Reads an audit key file: exactly 32 raw bytes, or 64 hex digits (optionally followed by a
// newline). Throws AuditError.
ChainKey load_key_file(const std::filesystem::path& path);

}  // namespace craton::audit
