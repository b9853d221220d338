// The module integrity test: HMAC-SHA-256 over the module file, compared in constant time
// with the sidecar written at build time (libcraton_hsm.so -> libcraton_hsm.hmac).
//
// The key is a fixed, published constant. FIPS 140-3 (IG 10.3.A / ISO 19790 7.10.2) accepts
// an approved MAC with a fixed key as the software integrity technique: the test detects
// corruption and modification by accident or by a party that did not also rewrite the
// sidecar; it is not an authenticity proof (release signing is, see issue 9's tooling).
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace craton::selftest {

inline constexpr std::string_view kIntegrityKey = "Craton HSM module integrity key v1";

using IntegrityMac = std::array<std::uint8_t, 32>;

// HMAC-SHA-256(kIntegrityKey, file bytes). Throws std::runtime_error if unreadable.
IntegrityMac file_hmac(const std::filesystem::path& file);
// libcraton_hsm.so[.N...] -> libcraton_hsm.hmac beside it; a name without ".so" gets
// ".hmac" appended (craton-hsm-daemon -> craton-hsm-daemon.hmac).
std::filesystem::path sidecar_path(const std::filesystem::path& module);
// Sidecar text: 64 lowercase hex digits and a newline.
std::string format_sidecar(const IntegrityMac& mac);
// Computes and writes the sidecar next to `module` (craton-hsm-admin integrity sign).
std::filesystem::path write_sidecar(const std::filesystem::path& module);

enum class IntegrityStatus { Ok, ModuleUnreadable, SidecarMissing, SidecarMalformed, Mismatch };
const char* describe(IntegrityStatus s) noexcept;
// Recomputes and compares. In test builds the "integrity" fault switch forces a mismatch.
IntegrityStatus verify_integrity(const std::filesystem::path& module);
// The file this code was loaded from (dladdr on one of its functions): the shared module, or
// the executable when the core is linked statically.
std::filesystem::path own_module_path();

}  // namespace craton::selftest
