#include "audit/audit_log.h"

#include <fcntl.h>
#include <pthread.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/crypto.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>

#include "audit/caller.h"

namespace craton::audit {
namespace {

[[noreturn]] void raise(const std::string& what) {
    throw AuditError(what + ": " + std::strerror(errno));
}

// flock for the scope; the lock file is never renamed, so every writer locks the same inode.
class FileLock {
  public:
    explicit FileLock(int fd) : fd_(fd) {
        while (flock(fd_, LOCK_EX) != 0) {
            if (errno != EINTR) raise("audit lock");
        }
    }
    ~FileLock() { flock(fd_, LOCK_UN); }
    FileLock(const FileLock&) = delete;
    FileLock& operator=(const FileLock&) = delete;

  private:
    int fd_;
};

void write_all(int fd, const std::string& data) {
    std::size_t done = 0;
    while (done < data.size()) {
        const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            raise("audit write");
        }
        done += static_cast<std::size_t>(n);
    }
}

// getpid() is a system call on every record otherwise; the cache is cleared in a forked child.
std::atomic<long> g_pid{0};

long current_pid() {
    static const int registered = pthread_atfork(nullptr, nullptr, [] { g_pid.store(0); });
    (void)registered;
    long pid = g_pid.load();
    if (pid == 0) {
        pid = static_cast<long>(::getpid());
        g_pid.store(pid);
    }
    return pid;
}

// The logs that have a writer thread. At exit() or when the module is unloaded their writers
// write what is queued and stop: an application that never calls C_Finalize still gets the
// records of its last calls, and no thread is left running code about to be unmapped. A forked
// child skips its parent's logs (their writer did not follow it across fork).
class LiveLogs {
  public:
    static LiveLogs& instance() {
        static LiveLogs* logs = new LiveLogs;  // outlives every static destructor
        return *logs;
    }
    void add(AuditLog* log) {
        // Registered when the first writer starts, after OpenSSL has registered its own exit
        // cleanup: handlers run in reverse order, so the writers still have SHA-256 and HMAC.
        // (From a shared object, atexit also runs when the object is unloaded.)
        static const int registered = [] {
            OPENSSL_init_crypto(OPENSSL_INIT_ADD_ALL_DIGESTS, nullptr);
            return std::atexit([] { instance().stop_all(); });
        }();
        (void)registered;
        std::lock_guard g(mutex_);
        logs_.push_back({log, ::getpid()});
    }
    void remove(AuditLog* log) noexcept {
        std::lock_guard g(mutex_);
        std::erase_if(logs_, [log](const Entry& e) { return e.log == log; });
    }
    void stop_all() noexcept {
        std::vector<AuditLog*> mine;
        {
            std::lock_guard g(mutex_);
            const pid_t pid = ::getpid();
            for (const Entry& e : logs_) {
                if (e.pid == pid) mine.push_back(e.log);
            }
        }
        for (AuditLog* log : mine) log->stop_writer();
    }

  private:
    LiveLogs() {
        pthread_atfork([] { instance().mutex_.lock(); }, [] { instance().mutex_.unlock(); },
                       [] { instance().mutex_.unlock(); });
    }
    struct Entry {
        AuditLog* log;
        pid_t pid;
    };
    std::mutex mutex_;
    std::vector<Entry> logs_;
};


}  // namespace

ChainKey load_key_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw AuditError(path.string() + ": audit key file cannot be read");
    std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)),
                                    std::istreambuf_iterator<char>());
    std::vector<std::uint8_t> key;
    if (bytes.size() == 32) {
        key = bytes;
    } else {
        std::string text(bytes.begin(), bytes.end());
        while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
        const auto h = from_hex(text);
        if (!h) {
            OPENSSL_cleanse(bytes.data(), bytes.size());
            OPENSSL_cleanse(text.data(), text.size());
            throw AuditError(path.string() + ": audit key must be 32 bytes or 64 hex digits");
        }
        key.assign(h->begin(), h->end());
        OPENSSL_cleanse(text.data(), text.size());
    }
    OPENSSL_cleanse(bytes.data(), bytes.size());
    return ChainKey(std::move(key));
}

AuditLog::AuditLog(AuditConfig config) : config_(std::move(config)) {
    if (!config_.key_file.empty()) key_ = load_key_file(config_.key_file);
    const std::string lock_path = config_.path.string() + ".lock";
    lock_fd_ = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (lock_fd_ < 0) raise(lock_path);
    try {
        FileLock lock(lock_fd_);
        catch_up();
    } catch (...) {
        if (fd_ >= 0) ::close(fd_);
        ::close(lock_fd_);
        throw;
    }
}

AuditLog::~AuditLog() {
    stop_writer();
    LiveLogs::instance().remove(this);
    flush();
    if (fd_ >= 0) ::close(fd_);
    if (lock_fd_ >= 0) ::close(lock_fd_);
}

void AuditLog::open_file() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = ::open(config_.path.c_str(), O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    if (fd_ < 0) raise(config_.path.string());
    struct stat st {};
    if (fstat(fd_, &st) != 0) raise(config_.path.string());
    dev_ = st.st_dev;
    ino_ = st.st_ino;
    known_size_ = -1;
}

// The common case costs one fstat: if the file still has the size our last write left, no one
// appended and no one rotated (a rotation always follows an append to the old file, see
// append()), so the cached chain point is current. Otherwise the path is checked too.
void AuditLog::catch_up() {
    struct stat st {};
    if (fd_ >= 0 && fstat(fd_, &st) == 0 && st.st_size == known_size_) return;
    struct stat by_path {};
    const bool present = ::stat(config_.path.c_str(), &by_path) == 0;
    if (fd_ < 0 || !present || by_path.st_dev != dev_ || by_path.st_ino != ino_) open_file();
    if (fstat(fd_, &st) != 0) raise(config_.path.string());
    if (auto p = last_record(fd_)) {
        last_ = *p;
    } else {
        // An empty file after a rotation continues the chain of the file before it.
        last_ = ChainPoint{};
        const int prev_fd = ::open(rotated_name(config_.path, 1).c_str(), O_RDONLY | O_CLOEXEC);
        if (prev_fd >= 0) {
            if (auto before = last_record(prev_fd)) last_ = *before;
            ::close(prev_fd);
        }
    }
    // A torn tail stays visible to `audit verify`; the next record starts on its own line.
    if (ends_torn(fd_)) write_all(fd_, "\n");
    if (fstat(fd_, &st) != 0) raise(config_.path.string());
    known_size_ = st.st_size;
}

void AuditLog::rotate() {
    unsigned highest = 0;
    std::error_code ec;
    while (std::filesystem::exists(rotated_name(config_.path, highest + 1), ec)) ++highest;
    for (unsigned n = highest; n >= 1; --n) {
        if (::rename(rotated_name(config_.path, n).c_str(),
                     rotated_name(config_.path, n + 1).c_str()) != 0) {
            raise("audit rotation");
        }
    }
    if (::fdatasync(fd_) != 0) raise("audit sync before rotation");
    if (::rename(config_.path.c_str(), rotated_name(config_.path, 1).c_str()) != 0) {
        raise("audit rotation");
    }
    open_file();
    known_size_ = 0;
}

void AuditLog::write_records(const std::vector<Pending>& records) {
    std::lock_guard guard(mutex_);
    try {
        FileLock lock(lock_fd_);
        catch_up();
        const long pid = current_pid();
        std::string lines;
        for (const Pending& p : records) {
            Hash hash{};
            nlohmann::json record = make_record(p.event, last_.seq + 1, utc_string(p.time), pid,
                                                last_.hash, key_.algorithm());
            if (!p.client.empty()) record["client"] = p.client;
            lines += seal(std::move(record), key_, last_.hash, hash);
            last_ = ChainPoint{last_.seq + 1, hash};
            ++unsynced_;
            // Rotating right after the record that filled the file (never before a write) means
            // every rotation changes the old file's size first, which other writers notice.
            if (config_.max_file_bytes != 0 &&
                static_cast<std::uint64_t>(known_size_) + lines.size() >= config_.max_file_bytes) {
                write_all(fd_, lines);
                known_size_ += static_cast<off_t>(lines.size());
                lines.clear();
                rotate();
                unsynced_ = 0;  // rotate() synced the full file
            }
        }
        if (!lines.empty()) {
            write_all(fd_, lines);
            known_size_ += static_cast<off_t>(lines.size());
        }
        sync_after_write();
    } catch (...) {
        healthy_.store(false);
        throw;
    }
}

void AuditLog::append(const Event& event) {
    Pending p{event, std::chrono::system_clock::now(), caller()};
    if (config_.deferred) {
        enqueue(std::move(p));
        return;
    }
    std::vector<Pending> one;
    one.push_back(std::move(p));
    write_records(one);
}

void AuditLog::enqueue(Pending pending) {
    std::unique_lock q(queue_mutex_);
    if (!healthy_.load()) throw AuditError("audit log unhealthy after a failed write");
    if (!stopping_ && !writer_.joinable()) {
        try {
            writer_ = std::thread([this] { writer_loop(); });
            LiveLogs::instance().add(this);
        } catch (const std::exception&) {
            if (writer_.joinable()) {
                stopping_ = true;
                q.unlock();
                queue_cv_.notify_one();
                writer_.join();
                q.lock();
            }
            stopping_ = true;  // no writer: every record is written by its caller from now on
        }
    }
    drained_cv_.wait(q, [this] { return queue_.size() < kMaxQueued || stopping_; });
    if (stopping_) {
        q.unlock();
        std::vector<Pending> one;
        one.push_back(std::move(pending));
        write_records(one);
        return;
    }
    const bool was_empty = queue_.empty();
    queue_.push_back(std::move(pending));
    ++queued_total_;
    // Only the first record of a batch wakes the writer; the rest arrive while it gathers.
    if (was_empty) queue_cv_.notify_one();
}

void AuditLog::writer_loop() {
    std::vector<Pending> batch;
    std::unique_lock q(queue_mutex_);
    for (;;) {
        // Idle with unsynced records: wake after the batch interval to sync them.
        const bool sync_pending = unsynced_pending_.load();
        auto ready = [this] { return !queue_.empty() || flush_asked_ || stopping_; };
        if (sync_pending) {
            queue_cv_.wait_for(q, kBatchInterval, ready);
        } else {
            queue_cv_.wait(q, ready);
        }
        if (!queue_.empty() && !flush_asked_ && !stopping_) {
            queue_cv_.wait_for(q, kWriteDelay, [this] {
                return flush_asked_ || stopping_ || queue_.size() >= kMaxQueued / 2;
            });
        }
        batch.swap(queue_);
        const bool flush = flush_asked_;
        const bool stop = stopping_;
        q.unlock();
        if (!batch.empty()) {
            try {
                write_records(batch);
            } catch (const std::exception&) {
                // healthy_ is now false: the next audited call is refused.
            }
        }
        if (flush || (batch.empty() && sync_pending)) flush_file();
        const std::size_t done = batch.size();
        batch.clear();
        q.lock();
        written_total_ += done;
        if (flush) flush_asked_ = false;
        drained_cv_.notify_all();
        if (stop && queue_.empty()) return;
    }
}

void AuditLog::flush() noexcept {
    {
        std::unique_lock q(queue_mutex_);
        if (writer_.joinable() && !stopping_) {
            const std::uint64_t target = queued_total_;
            flush_asked_ = true;
            queue_cv_.notify_one();
            drained_cv_.wait(q, [&] { return written_total_ >= target && !flush_asked_; });
            return;  // the writer synced after writing
        }
    }
    flush_file();
}

void AuditLog::stop_writer() noexcept {
    {
        std::lock_guard q(queue_mutex_);
        if (!writer_.joinable() || stopping_) return;
        stopping_ = true;
        queue_cv_.notify_one();
        drained_cv_.notify_all();
    }
    writer_.join();
}

void AuditLog::append_noexcept(const Event& event) noexcept {
    try {
        append(event);
    } catch (...) {
        healthy_.store(false);
    }
}

void AuditLog::sync_after_write() {
    const auto now = std::chrono::steady_clock::now();
    const bool due = config_.sync == SyncPolicy::Always ||
                     (config_.sync == SyncPolicy::Batch &&
                      (unsynced_ >= kBatchRecords || now - last_sync_ >= kBatchInterval));
    if (due) {
        if (::fdatasync(fd_) != 0) raise("audit sync");
        unsynced_ = 0;
        last_sync_ = now;
    }
    unsynced_pending_.store(config_.sync == SyncPolicy::Batch && unsynced_ != 0);
}

void AuditLog::flush_file() noexcept {
    std::lock_guard guard(mutex_);
    if (fd_ >= 0 && unsynced_ != 0 && config_.sync != SyncPolicy::None) {
        if (::fdatasync(fd_) == 0) unsynced_ = 0;
    }
    unsynced_pending_.store(config_.sync == SyncPolicy::Batch && unsynced_ != 0);
}

}  // namespace craton::audit
