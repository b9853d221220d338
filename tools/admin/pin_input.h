// PINs for craton-hsm-admin: from a file (--pin-file), an environment variable (--pin-env) or
// the terminal without echo. Never from plain argv, where every user of `ps` could read it.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

#include "core/secure_bytes.h"

namespace craton::admin {

struct PinSource {
    std::string file;
    std::string env;
};

// Adds --pin-file and --pin-env (for the PIN named `what`, e.g. "SO PIN") to `cmd`.
void add_pin_options(CLI::App* cmd, PinSource& source, const std::string& what);
// Reads the PIN; throws std::runtime_error when no source is usable.
SecureBytes read_pin(const PinSource& source, const std::string& prompt);

}  // namespace craton::admin
