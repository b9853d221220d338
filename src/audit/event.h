// What one audit record says, before the log adds seq, time, pid, prev and hash.
//
// Every field is a handle, a name or a code: there is deliberately no field that can carry a
// byte buffer, so key bytes and PINs have no way into the log.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace craton::audit {

enum class Role { None, Public, User, SO };

// Every member has a default initialiser so call sites can name only what they know
// (designated initialisers) without -Wmissing-field-initializers.
struct Event {
    std::string op{};  // PKCS#11 function ("C_Login") or module event ("self_test", "pin_locked")
    std::optional<std::uint64_t> slot{};
    std::optional<std::uint64_t> session{};
    Role role = Role::None;
    std::string mechanism{};  // registry name ("AES-CMAC"), empty when the call has none
    std::vector<std::uint64_t> objects{};  // handles created or acted on (pair: public, private)
    std::optional<std::uint64_t> key{};  // key the mechanism used (signing, wrapping, base key)
    std::uint64_t rv = 0;
    std::optional<bool> fips_approved{};  // the mechanism's approved flag; absent without one
    std::string detail{};  // short fixed text for module events
};

}  // namespace craton::audit
