// Signing key files for the binary envelope: 32 random bytes stored as 64 hex digits and a
// newline, readable only by the owner. The key never appears in output or metadata (only its
// key_id does).
#pragma once

#include <filesystem>

#include "certified/signing/envelope.h"

namespace craton::signing {

// Reads a key file: hex text (whitespace ignored) or, failing that, the raw bytes. Throws
// std::runtime_error if unreadable or shorter than kMinKeyBytes.
Bytes read_key_file(const std::filesystem::path& path);

// Creates a new key file (mode 0600) from the module's DRBG; refuses to overwrite.
void generate_key_file(const std::filesystem::path& path);

}  // namespace craton::signing
