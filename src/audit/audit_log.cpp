#include "audit/audit_log.h"

#include <fcntl.h>
#include <pthread.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/crypto.h>

#include <cerrno>
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

void AuditLog::append(const Event& event) {
    std::lock_guard guard(mutex_);
    try {
        FileLock lock(lock_fd_);
        catch_up();
        Hash hash{};
        nlohmann::json record = make_record(event, last_.seq + 1, utc_now(), current_pid(),
                                            last_.hash, key_.algorithm());
        if (!caller().empty()) record["client"] = caller();
        const std::string line = seal(std::move(record), key_, last_.hash, hash);
        write_all(fd_, line);
        known_size_ += static_cast<off_t>(line.size());
        last_ = ChainPoint{last_.seq + 1, hash};
        ++unsynced_;
        // Rotating right after the record that filled the file (never before a write) means
        // every rotation changes the old file's size first, which other writers notice.
        if (config_.max_file_bytes != 0 &&
            static_cast<std::uint64_t>(known_size_) >= config_.max_file_bytes) {
            rotate();
            unsynced_ = 0;  // rotate() synced the full file
        } else {
            sync_after_write();
        }
    } catch (...) {
        healthy_.store(false);
        throw;
    }
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
    if (!due) return;
    if (::fdatasync(fd_) != 0) raise("audit sync");
    unsynced_ = 0;
    last_sync_ = now;
}

void AuditLog::flush() noexcept {
    std::lock_guard guard(mutex_);
    if (fd_ >= 0 && unsynced_ != 0 && config_.sync != SyncPolicy::None) {
        if (::fdatasync(fd_) == 0) unsynced_ = 0;
    }
}

}  // namespace craton::audit
