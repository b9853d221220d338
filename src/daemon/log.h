// The daemon's log: one line per event on stderr (journald adds time and unit), as
// `level=... event=... key=value`. Never given PINs, key bytes or data.
#pragma once

#include <string_view>

namespace craton::daemon {

void log_line(std::string_view level, std::string_view event, std::string_view details = {});

}  // namespace craton::daemon
