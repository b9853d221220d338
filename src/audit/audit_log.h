// The audit log: an append-only JSON-lines file with a hash chain (see record.h).
//
// Several processes may append to the same file. Each append takes an exclusive flock on
// "<path>.lock", re-reads the last record if another process (or a rotation) changed the file
// since this process last wrote, appends with O_APPEND and releases the lock, so the chain stays
// one linear sequence with no gaps however many writers there are. Writers that do not take the
// lock (anything but this module and craton-hsm-admin) are not covered by that guarantee.
//
// With AuditConfig::deferred the calling thread only queues the event (with its time and
// client); a writer thread started on first use seals and writes whatever queued within
// kWriteDelay in one locked write, so a signature costs a queue push instead of four system
// calls, a JSON build and a hash. The queue is bounded: a caller waits rather than let it grow.
#pragma once

#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

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

    // Writes one record (and syncs per policy) before returning, or queues it when deferred.
    // Throws AuditError (a deferred log: only when it is already unhealthy).
    void append(const Event& event);
    // Never throws; marks the log unhealthy on failure. For callers that cannot report it.
    void append_noexcept(const Event& event) noexcept;
    // Writes what is queued, then fdatasync of whatever the batch policy still holds back.
    void flush() noexcept;
    // Writes what is queued and ends the writer thread; later records are written by their
    // callers. For process exit and module unload.
    void stop_writer() noexcept;

    // Batch policy thresholds.
    static constexpr unsigned kBatchRecords = 4096;
    static constexpr std::chrono::milliseconds kBatchInterval{1000};
    // Deferred writes: how long the writer gathers records after the first, and how many may
    // wait before callers are held back.
    static constexpr std::chrono::milliseconds kWriteDelay{1};
    static constexpr std::size_t kMaxQueued = 8192;

  private:
    // An event as the caller made it; seq, prev and hash come when it is written.
    struct Pending {
        Event event;
        std::chrono::system_clock::time_point time;
        std::string client;
    };

    void open_file();
    void catch_up();  // under the file lock: follow other writers and rotations
    void rotate();
    void sync_after_write();
    // Seals and writes `records` in order under the file lock. Throws AuditError.
    void write_records(const std::vector<Pending>& records);
    void enqueue(Pending pending);
    void writer_loop();
    void flush_file() noexcept;  // fdatasync unless the policy is none

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
    std::atomic<bool> unsynced_pending_{false};  // batch records written but not yet synced
    std::chrono::steady_clock::time_point last_sync_ = std::chrono::steady_clock::now();
    std::atomic<bool> healthy_{true};

    // Deferred writes. queue_mutex_ guards the members below it; mutex_ (the file) is taken
    // by whoever writes, never while holding queue_mutex_.
    std::mutex queue_mutex_;
    std::condition_variable queue_cv_;    // writer: records arrived, flush asked, stop
    std::condition_variable drained_cv_;  // callers: room in the queue, a flush done
    std::vector<Pending> queue_;
    std::uint64_t queued_total_ = 0;   // records ever queued
    std::uint64_t written_total_ = 0;  // of those, written (or dropped by a failed write)
    bool flush_asked_ = false;
    bool stopping_ = false;
    std::thread writer_;
};

// Reads an audit key file: exactly 32 raw bytes, or 64 hex digits (optionally followed by a
// newline). Throws AuditError.
ChainKey load_key_file(const std::filesystem::path& path);

}  // namespace craton::audit
