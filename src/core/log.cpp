#include "core/log.h"

#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <mutex>
#include <string>

namespace craton::log {
namespace {
std::atomic<int> g_level{static_cast<int>(Level::Warn)};
std::mutex g_mutex;
std::FILE* g_file = nullptr;  // nullptr means stderr

const char* name(Level l) {
    switch (l) {
        case Level::Error: return "error";
        case Level::Warn: return "warn";
        case Level::Info: return "info";
        case Level::Debug: return "debug";
    }
    return "?";
}
}  // namespace

void configure(Level level, std::string_view file_path) {
    std::lock_guard lock(g_mutex);
    g_level.store(static_cast<int>(level));
    if (g_file != nullptr) {
        std::fclose(g_file);
        g_file = nullptr;
    }
    if (!file_path.empty()) g_file = std::fopen(std::string(file_path).c_str(), "a");
}

bool enabled(Level level) noexcept { return static_cast<int>(level) <= g_level.load(); }

void write(Level level, std::string_view message) noexcept {
    if (!enabled(level)) return;
    std::lock_guard lock(g_mutex);
    std::FILE* out = g_file != nullptr ? g_file : stderr;
    std::fprintf(out, "craton-hsm[%d] %s: %.*s\n", static_cast<int>(getpid()), name(level),
                 static_cast<int>(message.size()), message.data());
    std::fflush(out);
}

}  // namespace craton::log
