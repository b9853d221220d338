// One token: its label, PINs, failure counters, login state and objects.
//
// Login state belongs to the token, not to a session: PKCS#11 says every session of the
// application on a token shares it. All authentication changes are serialised by
// auth_mutex(), which the failed-login delay is also served under, so parallel guesses queue.
#pragma once

#include <array>
#include <atomic>
#include <mutex>
#include <optional>
#include <string>

#include <craton/pkcs11/pkcs11.h>

#include "config/config.h"
#include "core/login_throttle.h"
#include "core/object_table.h"
#include "core/pin_record.h"
#include "selftest/module_state.h"
#include "store/token_vault.h"

namespace craton {

inline constexpr CK_USER_TYPE kNobody = static_cast<CK_USER_TYPE>(-1);

class Token {
public:
    Token(CK_SLOT_ID slot, const config::Config& config, std::unique_ptr<store::TokenVault> vault);

    CK_SLOT_ID slot() const noexcept { return slot_; }
    bool initialized() const noexcept { return initialized_.load(); }
    CK_USER_TYPE logged_in() const noexcept { return logged_in_.load(); }
    std::mutex& auth_mutex() noexcept { return auth_mutex_; }
    ObjectTable& objects() noexcept { return objects_; }
    const std::array<char, 32>& label() const noexcept { return label_; }

    // The callers below hold auth_mutex() and have checked session-state rules.
    // Verifies the SO PIN (if initialised) and resets the token; objects are wiped by caller.
    void initialize(ByteView so_pin, const std::array<char, 32>& label);
    void init_user_pin(ByteView pin);
    // Verifies `old_pin` for `who` (throttled) and stores `new_pin`.
    void change_pin(CK_USER_TYPE who, ByteView old_pin, ByteView new_pin);
    // Verifies the PIN for `who` (throttled), unlocks the token master key, records the login.
    void login(CK_USER_TYPE who, ByteView pin);
    // Re-verifies the user PIN for CKU_CONTEXT_SPECIFIC without changing login state.
    void verify_user(ByteView pin);
    void logout() noexcept {
        // The module is in CryptoOfficerMode while any token has its SO logged in.
        if (logged_in_.exchange(kNobody) == CKU_SO) selftest::officer_logged_out();
        vault_->lock();
    }

    store::TokenVault& vault() noexcept { return *vault_; }
    // Re-reads label, PINs and counters when another process changed the store; returns true
    // (and the caller reloads objects) when the generation moved since the last load.
    bool refresh_from_store();
    std::uint64_t loaded_generation() const noexcept { return loaded_generation_; }
    void set_loaded_generation(std::uint64_t g) noexcept { loaded_generation_ = g; }

    void check_pin_length(ByteView pin) const;
    CK_FLAGS flags() const;
    void fill_info(CK_TOKEN_INFO& info, CK_ULONG sessions, CK_ULONG rw_sessions) const;

private:
    void verify(CK_USER_TYPE who, ByteView pin, SecureBytes* kek = nullptr);
    LoginThrottle& throttle(CK_USER_TYPE who) { return who == CKU_SO ? so_throttle_ : user_throttle_; }
    store::TokenState state() const;
    void apply(const store::TokenState& state);
    void save_counters();

    CK_SLOT_ID slot_;
    const config::Config& config_;
    std::mutex auth_mutex_;
    std::atomic<bool> initialized_{false};
    std::atomic<CK_USER_TYPE> logged_in_{kNobody};
    std::array<char, 32> label_{};
    std::optional<PinRecord> so_pin_;
    std::optional<PinRecord> user_pin_;
    LoginThrottle so_throttle_;
    LoginThrottle user_throttle_;
    ObjectTable objects_;
    std::unique_ptr<store::TokenVault> vault_;
    std::uint64_t loaded_generation_ = static_cast<std::uint64_t>(-1);
};

}  // namespace craton
