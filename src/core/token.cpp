#include "core/token.h"

#include <cstring>
#include <ctime>
#include <thread>

#include "audit/module_events.h"
#include "core/error.h"
#include "core/padded_text.h"
#include "core/log.h"

namespace craton {

Token::Token(CK_SLOT_ID slot, const config::Config& config, std::unique_ptr<store::TokenVault> vault)
    : slot_(slot), config_(config), vault_(std::move(vault)) {
    const LoginThrottle::Policy policy{config.max_failed_logins, config.login_backoff_base_ms,
                                       config.login_backoff_max_ms};
    so_throttle_.set_policy(policy);
    user_throttle_.set_policy(policy);
    label_.fill(' ');
    apply(vault_->load_state());
}

store::TokenState Token::state() const {
    store::TokenState s;
    s.initialized = initialized_.load();
    s.label = label_;
    s.so_pin = so_pin_;
    s.user_pin = user_pin_;
    s.so_failures = so_throttle_.failures();
    s.user_failures = user_throttle_.failures();
    return s;
}

void Token::apply(const store::TokenState& s) {
    initialized_.store(s.initialized);
    label_ = s.label;
    so_pin_ = s.so_pin;
    user_pin_ = s.user_pin;
    so_throttle_.restore(s.so_failures);
    user_throttle_.restore(s.user_failures);
}

void Token::save_counters() { vault_->save_state(state()); }

bool Token::refresh_from_store() {
    const std::uint64_t generation = vault_->generation();
    if (generation == loaded_generation_) return false;
    apply(vault_->load_state());
    return true;
}

void Token::check_pin_length(ByteView pin) const {
    if (pin.size() < config_.pin_min_length || pin.size() > config_.pin_max_length) {
        fail(CKR_PIN_LEN_RANGE);
    }
}

void Token::verify(CK_USER_TYPE who, ByteView pin, SecureBytes* kek) {
    const auto& record = who == CKU_SO ? so_pin_ : user_pin_;
    LoginThrottle& t = throttle(who);
    if (t.locked()) fail(CKR_PIN_LOCKED);
    if (!record) fail(who == CKU_SO ? CKR_GENERAL_ERROR : CKR_USER_PIN_NOT_INITIALIZED);
    if (record->verify(pin, kek)) {
        if (t.failures() != 0) {
            t.record_success();
            save_counters();
        }
        return;
    }
    const auto delay = t.record_failure();
    // The counter is persisted before the delay, so killing the process does not reset it.
    save_counters();
    log::warn(std::string("login failure for ") + (who == CKU_SO ? "SO" : "user") +
              " on slot " + std::to_string(slot_) + ", count " + std::to_string(t.failures()));
    if (t.locked()) {
        audit::notice({.op = "pin_locked",
                       .slot = slot_,
                       .role = who == CKU_SO ? audit::Role::SO : audit::Role::User,
                       .rv = CKR_PIN_LOCKED,
                       .detail = std::to_string(t.failures()) + " failed logins"});
    }
    std::this_thread::sleep_for(delay);
    // The attempt that reaches the limit still reports the wrong PIN; later ones see the lock.
    fail(CKR_PIN_INCORRECT);
}

void Token::initialize(ByteView so_pin, const std::array<char, 32>& label) {
    check_pin_length(so_pin);
    if (initialized_.load()) {
        // A locked SO may still re-initialise: that wipes every object, so a guess that
        // succeeds gains nothing. Failures are still delayed and counted.
        if (!so_pin_->matches(so_pin)) {
            const auto delay = so_throttle_.record_failure();
            save_counters();
            std::this_thread::sleep_for(delay);
            fail(CKR_PIN_INCORRECT);
        }
    }
    SecureBytes kek;
    store::TokenState next;
    next.initialized = true;
    next.label = label;
    next.so_pin = PinRecord::create(so_pin, config_.pbkdf2_iterations, &kek);
    vault_->initialize(next, kek);
    vault_->lock();
    apply(next);
    logged_in_.store(kNobody);
}

void Token::init_user_pin(ByteView pin) {
    check_pin_length(pin);
    SecureBytes kek;
    store::TokenState next = state();
    next.user_pin = PinRecord::create(pin, config_.pbkdf2_iterations, &kek);
    next.user_failures = 0;  // the SO unlocks a locked user this way
    // The SO's login unlocked the master key; wrap it for the user as well.
    vault_->wrap_master_key(CKU_USER, kek, next);
    apply(next);
}

void Token::change_pin(CK_USER_TYPE who, ByteView old_pin, ByteView new_pin) {
    SecureBytes old_kek;
    verify(who, old_pin, &old_kek);
    check_pin_length(new_pin);
    if (!vault_->unlocked() && !vault_->unlock(who, old_kek)) {
        fail(CKR_GENERAL_ERROR, "token master key record does not authenticate");
    }
    SecureBytes kek;
    store::TokenState next = state();
    (who == CKU_SO ? next.so_pin : next.user_pin) =
        PinRecord::create(new_pin, config_.pbkdf2_iterations, &kek);
    // Only the one small wrapped-key record changes; no object is re-encrypted.
    vault_->wrap_master_key(who, kek, next);
    apply(next);
    if (logged_in_.load() == kNobody) vault_->lock();
}

void Token::login(CK_USER_TYPE who, ByteView pin) {
    SecureBytes kek;
    verify(who, pin, &kek);
    if (!vault_->unlock(who, kek)) {
        fail(CKR_GENERAL_ERROR, "token master key record does not authenticate");
    }
    logged_in_.store(who);
    if (who == CKU_SO) selftest::officer_logged_in();  // UserMode -> CryptoOfficerMode
}

void Token::verify_user(ByteView pin) { verify(CKU_USER, pin); }

CK_FLAGS Token::flags() const {
    CK_FLAGS f = CKF_RNG | CKF_LOGIN_REQUIRED | CKF_CLOCK_ON_TOKEN | CKF_DUAL_CRYPTO_OPERATIONS;
    if (initialized_.load()) f |= CKF_TOKEN_INITIALIZED;
    if (user_pin_) f |= CKF_USER_PIN_INITIALIZED;
    if (user_throttle_.count_low()) f |= CKF_USER_PIN_COUNT_LOW;
    if (user_throttle_.final_try()) f |= CKF_USER_PIN_FINAL_TRY;
    if (user_throttle_.locked()) f |= CKF_USER_PIN_LOCKED;
    if (so_throttle_.count_low()) f |= CKF_SO_PIN_COUNT_LOW;
    if (so_throttle_.final_try()) f |= CKF_SO_PIN_FINAL_TRY;
    if (so_throttle_.locked()) f |= CKF_SO_PIN_LOCKED;
    return f;
}

void Token::fill_info(CK_TOKEN_INFO& info, CK_ULONG sessions, CK_ULONG rw_sessions) const {
    std::memset(&info, 0, sizeof info);
    std::memcpy(info.label, label_.data(), sizeof info.label);
    copy_padded(info.manufacturerID, sizeof info.manufacturerID, "Craton HSM");
    copy_padded(info.model, sizeof info.model, "Software HSM");
    const std::string serial = "CRATON" + std::to_string(slot_);
    copy_padded(info.serialNumber, sizeof info.serialNumber, serial.c_str());
    info.flags = flags();
    info.ulMaxSessionCount = CK_EFFECTIVELY_INFINITE;
    info.ulSessionCount = sessions;
    info.ulMaxRwSessionCount = CK_EFFECTIVELY_INFINITE;
    info.ulRwSessionCount = rw_sessions;
    info.ulMaxPinLen = config_.pin_max_length;
    info.ulMinPinLen = config_.pin_min_length;
    info.ulTotalPublicMemory = CK_UNAVAILABLE_INFORMATION;
    info.ulFreePublicMemory = CK_UNAVAILABLE_INFORMATION;
    info.ulTotalPrivateMemory = CK_UNAVAILABLE_INFORMATION;
    info.ulFreePrivateMemory = CK_UNAVAILABLE_INFORMATION;
    info.hardwareVersion = {0, 1};
    info.firmwareVersion = {0, 1};
    // utcTime is "YYYYMMDDhhmmss00" because CKF_CLOCK_ON_TOKEN is set.
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d%02d%02d%02d%02d%02d00", tm.tm_year + 1900, tm.tm_mon + 1,
                  tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
    std::memcpy(info.utcTime, buf, sizeof info.utcTime);
}

}  // namespace craton
