// A TOML value read as an integer only when it is one.
//
// toml++'s node::value<std::int64_t>() also converts a float, and a float beyond the int64
// range makes that conversion undefined behaviour (found by tests/fuzz/config_fuzz.cpp). Every
// integer setting of the module, the daemon and the remote module is read through this.
#pragma once

#include <cstdint>
#include <optional>

#include <toml++/toml.h>

namespace craton::config {

inline std::optional<std::int64_t> integer_of(const toml::node& node) {
    if (const auto* integer = node.as_integer()) return integer->get();
    return std::nullopt;
}

}  // namespace craton::config
