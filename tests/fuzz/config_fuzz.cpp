// Fuzz target: the configuration parser (src/config, parse_config_text). Any text may be in
// craton_hsm.toml; the parser must either return a configuration or throw ConfigError, never
// crash, hang or throw anything else.
#include <cstdint>
#include <string>

#include "config/config.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        (void)craton::config::parse_config_text(text, "fuzz");
    } catch (const craton::config::ConfigError&) {
        // A refused configuration is the expected outcome for most inputs.
    }
    return 0;
}
