#include "daemon/log.h"

#include <cstdio>
#include <mutex>
#include <string>

namespace craton::daemon {

void log_line(std::string_view level, std::string_view event, std::string_view details) {
    static std::mutex mutex;
    std::string line = "craton-hsm-daemon level=";
    line.append(level).append(" event=").append(event);
    if (!details.empty()) line.append(" ").append(details);
    line.push_back('\n');
    std::lock_guard lock(mutex);
    std::fputs(line.c_str(), stderr);
    std::fflush(stderr);
}

}  // namespace craton::daemon
