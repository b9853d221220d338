// The in-process core for craton-hsm-admin's token commands (admin_core.h): start-up as
// C_Initialize does it, sessions that clean up after themselves, and the mapping of failures
// to exit statuses and operator wording.
#include "admin_core.h"

#include <sys/prctl.h>

#include <cstdio>
#include <iostream>

#include "audit/audit_log.h"
#include "core/error.h"
#include "core/fips_policy.h"
#include "core/log.h"
#include "selftest/module_state.h"
#include "selftest/power_on.h"

namespace craton::admin {
namespace {

log::Level parse_level(const std::string& s) {
    if (s == "error") return log::Level::Error;
    if (s == "info") return log::Level::Info;
    if (s == "debug") return log::Level::Debug;
    return log::Level::Warn;
}

// The KATs of the power-on self-test, walking the module state machine as C_Initialize does,
// so a failed KAT latches the error state and nothing below runs.
std::size_t power_on_self_tests() {
    selftest::require_not_error();
    selftest::transition(selftest::State::PowerOn);
    selftest::transition(selftest::State::SelfTest);
    const selftest::SelfTestReport report = selftest::run_self_tests({});
    if (!report.passed) {
        selftest::fail_to_error_state("power-on KAT failed");
    }
    selftest::transition(selftest::State::UserMode);
    return report.kats.size();
}

}  // namespace

Core::Core() {
    config::Config cfg = config::load_default_config();
    if (cfg.storage_mode != config::StorageMode::Persistent) {
        throw config::ConfigError(
            "token commands need [storage] mode = \"persistent\" (an in-memory token ends with "
            "the process)");
    }
    log::configure(parse_level(cfg.log_level), cfg.log_file);
    // PINs and unwrapped keys pass through this process: keep them out of core dumps.
    if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0) {
        log::warn("PR_SET_DUMPABLE could not be cleared; core dumps stay possible");
    }
    if (cfg.secure_heap_bytes != 0 && !secure_heap_init(cfg.secure_heap_bytes)) {
        log::warn("locked memory unavailable (RLIMIT_MEMLOCK?); keys use wiped ordinary memory");
    }
    const std::size_t kats = power_on_self_tests();
    fips::set_approved_only(cfg.fips_approved_only);
    hsm_ = std::make_unique<Hsm>(std::move(cfg));
    // As C_Initialize does: the trail shows which process came up with which self-tests.
    if (audit::AuditLog* trail = hsm_->audit_log()) {
        trail->append_noexcept(
            {.op = "self_test",
             .rv = CKR_OK,
             .detail = std::to_string(kats) + " KATs passed (craton-hsm-admin)"});
    }
}

Core::~Core() {
    shut_down();
}

void Core::shut_down() {
    hsm_.reset();
}

std::filesystem::path Core::slot_dir(CK_SLOT_ID slot) const {
    return config().storage_path / ("slot-" + std::to_string(slot));
}

CK_TOKEN_INFO Core::token_info(CK_SLOT_ID slot) {
    CK_TOKEN_INFO info{};
    try {
        hsm_->token_info(slot, info);
    } catch (const Pkcs11Error& e) {
        if (e.rv() == CKR_SLOT_ID_INVALID) throw Refused("no slot " + std::to_string(slot));
        throw;
    }
    return info;
}

bool Core::initialized(CK_SLOT_ID slot) {
    return (token_info(slot).flags & CKF_TOKEN_INITIALIZED) != 0;
}

std::string Core::label(CK_SLOT_ID slot) {
    const CK_TOKEN_INFO info = token_info(slot);
    return trimmed(info.label, sizeof info.label);
}

void Core::require_initialized(CK_SLOT_ID slot) {
    if (!initialized(slot)) {
        throw Refused("slot " + std::to_string(slot) + " holds no initialised token");
    }
}

AdminSession::AdminSession(Hsm& hsm, CK_SLOT_ID slot, bool read_write)
    : hsm_(hsm),
      handle_(hsm.open_session(slot, CKF_SERIAL_SESSION | (read_write ? CKF_RW_SESSION : 0))) {}

AdminSession::~AdminSession() {
    try {
        logout();
        hsm_.close_session(handle_);
    } catch (...) {
        // Closing the Hsm ends the session and the login anyway.
    }
}

void AdminSession::login(CK_USER_TYPE who, ByteView pin) {
    hsm_.login(handle_, who, pin);
    logged_in_ = true;
}

void AdminSession::logout() {
    if (!logged_in_) return;
    logged_in_ = false;
    hsm_.logout(handle_);
}

std::string describe_rv(CK_RV rv) {
    switch (rv) {
        case CKR_PIN_INCORRECT:
            return "wrong PIN";
        case CKR_PIN_LOCKED:
            return "PIN locked (too many failed logins; the SO can reset it: pin unlock)";
        case CKR_PIN_LEN_RANGE:
            return "PIN length outside the configured range";
        case CKR_USER_PIN_NOT_INITIALIZED:
            return "the token has no user PIN yet (pin init)";
        case CKR_TOKEN_NOT_RECOGNIZED:
            return "token not initialised";
        case CKR_SLOT_ID_INVALID:
            return "no such slot";
        case CKR_MECHANISM_INVALID:
            return "mechanism not supported";
        case CKR_MECHANISM_PARAM_INVALID:
        case CKR_TEMPLATE_INCONSISTENT:
        case CKR_TEMPLATE_INCOMPLETE:
        case CKR_ATTRIBUTE_VALUE_INVALID:
        case CKR_KEY_SIZE_RANGE:
            return "key parameters refused by the module";
        case CKR_USER_NOT_LOGGED_IN:
            return "login required";
        case CKR_SESSION_EXISTS:
            return "the token has open sessions";
        default:
            break;
    }
    char buf[40];
    std::snprintf(buf, sizeof buf, "refused (CKR 0x%08lx)", static_cast<unsigned long>(rv));
    return buf;
}

int run_guarded(const std::string& what, const std::function<int()>& body) {
    try {
        return body();
    } catch (const Refused& e) {
        std::cerr << what << ": " << e.what() << "\n";
        return kExitRefused;
    } catch (const Pkcs11Error& e) {
        if (selftest::in_error_state()) {
            std::cerr << what << ": the module failed a self-test: " << selftest::error_reason()
                      << "\n";
            return kExitUnusable;
        }
        const CK_RV rv = e.rv();
        if (rv == CKR_GENERAL_ERROR || rv == CKR_DEVICE_ERROR || rv == CKR_DEVICE_MEMORY ||
            rv == CKR_HOST_MEMORY || rv == CKR_FUNCTION_FAILED) {
            std::cerr << what << ": token store or module failure (" << e.what() << ")\n";
            return kExitUnusable;
        }
        std::cerr << what << ": " << describe_rv(rv) << "\n";
        return kExitRefused;
    } catch (const std::exception& e) {
        std::cerr << what << ": " << e.what() << "\n";
        return kExitUnusable;
    }
}

std::array<char, 32> padded_label(const std::string& label) {
    std::array<char, 32> out;
    if (label.size() > out.size()) throw Refused("a label is at most 32 bytes");
    out.fill(' ');
    std::copy(label.begin(), label.end(), out.begin());
    return out;
}

std::string trimmed(const unsigned char* text, std::size_t size) {
    std::string s(reinterpret_cast<const char*>(text), size);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\0')) s.pop_back();
    return s;
}

std::string to_hex(ByteView bytes) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (std::uint8_t b : bytes) {
        out += kHex[b >> 4];
        out += kHex[b & 0x0f];
    }
    return out;
}

Bytes from_hex(const std::string& text) {
    auto nibble = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    std::string digits;
    for (char c : text) {
        if (c != ':') digits += c;
    }
    if (digits.size() % 2 != 0) throw Refused("hex id has an odd number of digits");
    Bytes out;
    for (std::size_t i = 0; i < digits.size(); i += 2) {
        const int hi = nibble(digits[i]), lo = nibble(digits[i + 1]);
        if (hi < 0 || lo < 0) throw Refused("id is not hex");
        out.push_back(static_cast<std::uint8_t>((hi << 4) | lo));
    }
    return out;
}

void add_new_pin_options(CLI::App* cmd, PinSource& source, const std::string& what) {
    cmd->add_option("--new-pin-file", source.file,
                    "Read the new " + what + " from this file (first line)")
        ->check(CLI::ExistingFile);
    cmd->add_option("--new-pin-env", source.env,
                    "Read the new " + what + " from this environment variable");
}

SecureBytes read_new_pin(const PinSource& source, const std::string& what) {
    if (pin_given(source)) return read_pin(source, "new " + what);
    SecureBytes first = read_pin(source, "New " + what);
    const SecureBytes again = read_pin(source, "Repeat the new " + what);
    if (first.size() != again.size() || !std::equal(first.begin(), first.end(), again.begin())) {
        throw Refused("the two entries of the new " + what + " differ");
    }
    return first;
}

}  // namespace craton::admin
