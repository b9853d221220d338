// Module logging.
//
// One sink (stderr or a file named in the config) and a level. Messages describe what happened
// in terms of handles, mechanisms and return codes; callers never pass key bytes or PINs, and
// there is deliberately no helper that formats a byte buffer.
#pragma once

#include <string_view>

namespace craton::log {

enum class Level { Error = 0, Warn = 1, Info = 2, Debug = 3 };

void configure(Level level, std::string_view file_path);
bool enabled(Level level) noexcept;
void write(Level level, std::string_view message) noexcept;

inline void error(std::string_view m) noexcept { write(Level::Error, m); }
inline void warn(std::string_view m) noexcept { write(Level::Warn, m); }
inline void info(std::string_view m) noexcept { write(Level::Info, m); }
inline void debug(std::string_view m) noexcept { write(Level::Debug, m); }

}  // namespace craton::log
