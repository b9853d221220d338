// The module's FIPS 140-3 operational state machine and its error latch.
//
//   PowerOff -> PowerOn -> SelfTest -> UserMode | CryptoOfficerMode | ErrorState
//   UserMode <-> CryptoOfficerMode;  UserMode | CryptoOfficerMode -> Zeroization | ErrorState
//   ErrorState -> Zeroization | PowerOff;  Zeroization -> PowerOff
//
// C_Initialize walks PowerOff -> PowerOn -> SelfTest -> UserMode, C_Finalize walks the
// operational state through Zeroization to PowerOff, an SO login moves UserMode to
// CryptoOfficerMode. Any transition outside the table is itself a module failure.
//
// The error latch is separate from the state and never clears inside a process: a failed
// self-test, integrity check, continuous RNG test or pairwise test makes every later call
// (C_Initialize included) return CKR_GENERAL_ERROR until the process ends. Zeroization and
// PowerOff after an error still happen (C_Finalize wipes keys), but the next SelfTest fails
// on the latch, so the module can never be operational again in this process.
#pragma once

#include <array>
#include <string>
#include <utility>

namespace craton::selftest {

enum class State {
    PowerOff,
    PowerOn,
    SelfTest,
    UserMode,
    CryptoOfficerMode,
    ErrorState,
    Zeroization,
};

inline constexpr std::array<State, 7> kAllStates = {
    State::PowerOff,          State::PowerOn,    State::SelfTest,   State::UserMode,
    State::CryptoOfficerMode, State::ErrorState, State::Zeroization};

const char* state_name(State s) noexcept;
// The transition table (the graph the unit test checks).
bool transition_allowed(State from, State to) noexcept;

// Current state of this process's module.
State current_state() noexcept;
// Moves to `to`; a transition the table forbids latches the error state instead and throws
// Pkcs11Error(CKR_GENERAL_ERROR).
void transition(State to);

// The error latch. enter_error_state never throws (it is called from failure paths) and
// logs `reason` once; the reason must not carry secrets.
void enter_error_state(const char* reason) noexcept;
bool in_error_state() noexcept;
// Enters the error state and throws Pkcs11Error(CKR_GENERAL_ERROR).
[[noreturn]] void fail_to_error_state(const char* reason);
// Throws CKR_GENERAL_ERROR if the latch is set (the per-call gate uses this).
void require_not_error();
// The first reason recorded (for craton-hsm-admin self-test and logs); empty if none.
std::string error_reason();

// Operator role tracking for UserMode <-> CryptoOfficerMode (counts SO logins across
// tokens; the module is in CryptoOfficerMode while any SO session is logged in).
void officer_logged_in() noexcept;
void officer_logged_out() noexcept;

}  // namespace craton::selftest
