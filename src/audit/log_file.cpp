#include "audit/log_file.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>

namespace craton::audit {
namespace {
// Records are well under 1 KiB; the last complete one is always inside this window.
constexpr off_t kTailWindow = 64 * 1024;

std::optional<ChainPoint> parse_point(const std::string& line) {
    const auto j = nlohmann::json::parse(line, nullptr, false);
    if (!j.is_object()) return std::nullopt;
    const auto seq = j.find("seq");
    const auto hash = j.find("hash");
    if (seq == j.end() || !seq->is_number_unsigned() || hash == j.end() || !hash->is_string()) {
        return std::nullopt;
    }
    const auto h = from_hex(hash->get<std::string>());
    if (!h) return std::nullopt;
    return ChainPoint{seq->get<std::uint64_t>(), *h};
}
}  // namespace

std::optional<ChainPoint> last_record(int fd) {
    struct stat st {};
    if (fstat(fd, &st) != 0 || st.st_size == 0) return std::nullopt;
    const off_t start = std::max<off_t>(0, st.st_size - kTailWindow);
    std::string buf(static_cast<std::size_t>(st.st_size - start), '\0');
    std::size_t got = 0;
    while (got < buf.size()) {
        const ssize_t n = pread(fd, buf.data() + got, buf.size() - got,
                                start + static_cast<off_t>(got));
        if (n <= 0) break;
        got += static_cast<std::size_t>(n);
    }
    buf.resize(got);
    // Walk complete lines from the end; the bytes after the last '\n' are a torn write.
    std::size_t end = buf.rfind('\n');
    while (end != std::string::npos) {
        const std::size_t begin = end == 0 ? std::string::npos : buf.rfind('\n', end - 1);
        const std::size_t from = begin == std::string::npos ? 0 : begin + 1;
        if (auto p = parse_point(buf.substr(from, end - from))) return p;
        if (begin == std::string::npos) break;
        end = begin;
    }
    return std::nullopt;
}

bool ends_torn(int fd) {
    struct stat st {};
    if (fstat(fd, &st) != 0 || st.st_size == 0) return false;
    char last = '\n';
    return pread(fd, &last, 1, st.st_size - 1) == 1 && last != '\n';
}

std::filesystem::path rotated_name(const std::filesystem::path& path, unsigned n) {
    return path.string() + "." + std::to_string(n);
}

std::vector<std::filesystem::path> rotation_set(const std::filesystem::path& path) {
    std::vector<std::filesystem::path> files;
    std::error_code ec;
    for (unsigned n = 1; std::filesystem::exists(rotated_name(path, n), ec); ++n) {
        files.push_back(rotated_name(path, n));
    }
    std::reverse(files.begin(), files.end());
    files.push_back(path);
    return files;
}

}  // namespace craton::audit
