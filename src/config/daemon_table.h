// Parsing of the [daemon] table, kept apart from daemon_config.h so that users of the settings
// do not compile the TOML parser.
#pragma once

#include <string>

#include <toml++/toml.h>

#include "config/daemon_config.h"

namespace craton::config {

// Reads root["daemon"] into `out`; throws ConfigError on unknown keys or bad values.
void parse_daemon_table(const toml::table& root, const std::string& origin, DaemonConfig& out);

}  // namespace craton::config
