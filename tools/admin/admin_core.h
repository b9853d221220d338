// The module core inside craton-hsm-admin, for the commands that act on a persistent token
// through PKCS#11 semantics (token, pin, objects, keys). These commands do not dlopen the
// module: they build the same craton::Hsm that C_Initialize builds, from the same
// configuration, after the same known-answer self-tests, so PIN checks, lockout counters,
// key generation and the audit trail behave exactly as for an application. The module file's
// integrity test is left to C_Initialize and `self-test --module`: this program does not load
// libcraton_hsm.so, so there is no module file of ours to check here.
//
// Exit statuses shared by these commands: 0 done; 1 refused (wrong PIN, PIN locked, token not
// initialised, no such slot or object, ambiguous selector, invalid argument); 2 the
// configuration, the token store, the audit log or the self-tests are unusable.
#pragma once

#include <array>
#include <filesystem>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>

#include "config/config.h"
#include "core/hsm.h"
#include "core/secure_bytes.h"
#include "pin_input.h"

namespace craton::admin {

inline constexpr int kExitOk = 0;
inline constexpr int kExitRefused = 1;
inline constexpr int kExitUnusable = 2;

// The --help footer of these commands.
inline constexpr const char* kExitStatusHelp =
    "Exit status: 0 done; 1 refused (wrong or locked PIN, no token or object, ambiguous or bad "
    "selector, invalid argument); 2 configuration, token store, audit log or self-test "
    "unusable.";

// A refusal the command itself decides on (exit status 1).
class Refused : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

class Core {
  public:
    // Loads the configuration (persistent storage required), runs the KATs and builds the Hsm.
    Core();
    ~Core();
    Core(const Core&) = delete;
    Core& operator=(const Core&) = delete;

    Hsm& hsm() { return *hsm_; }
    const config::Config& config() const { return hsm_->config(); }
    std::filesystem::path slot_dir(CK_SLOT_ID slot) const;
    // Throws Refused when the slot does not exist.
    CK_TOKEN_INFO token_info(CK_SLOT_ID slot);
    bool initialized(CK_SLOT_ID slot);
    std::string label(CK_SLOT_ID slot);
    // Refused unless the slot holds an initialised token.
    void require_initialized(CK_SLOT_ID slot);
    // Ends every session and the Hsm (closing the token stores) before the caller touches the
    // store directly.
    void shut_down();

  private:
    std::unique_ptr<Hsm> hsm_;
};

// A session that logs out and closes itself, so a failed command leaves no login behind.
class AdminSession {
  public:
    AdminSession(Hsm& hsm, CK_SLOT_ID slot, bool read_write);
    ~AdminSession();
    AdminSession(const AdminSession&) = delete;
    AdminSession& operator=(const AdminSession&) = delete;

    CK_SESSION_HANDLE handle() const { return handle_; }
    void login(CK_USER_TYPE who, ByteView pin);
    void logout();

  private:
    Hsm& hsm_;
    CK_SESSION_HANDLE handle_;
    bool logged_in_ = false;
};

// Runs `body` and turns what it throws into an exit status and one line on stderr, prefixed
// with `what` ("token init"). Messages never carry PINs or key bytes.
int run_guarded(const std::string& what, const std::function<int()>& body);
// Short operator wording for the return codes these commands meet.
std::string describe_rv(CK_RV rv);

// A label as CK_TOKEN_INFO holds it: UTF-8, blank-padded to 32 bytes (Refused if longer).
std::array<char, 32> padded_label(const std::string& label);
std::string trimmed(const unsigned char* text, std::size_t size);

std::string to_hex(ByteView bytes);
// Hex digits (optionally with ':' separators) to bytes; Refused when malformed.
Bytes from_hex(const std::string& text);

// A new PIN: from the file or variable when given, else read twice on the terminal and
// refused unless both entries agree.
SecureBytes read_new_pin(const PinSource& source, const std::string& what);
// Adds --new-pin-file / --new-pin-env to `cmd`.
void add_new_pin_options(CLI::App* cmd, PinSource& source, const std::string& what);
// True when the PIN options name a source (so an optional login should happen).
inline bool pin_given(const PinSource& s) {
    return !s.file.empty() || !s.env.empty();
}

}  // namespace craton::admin
