// Test-only fault injection for the self-test failure paths.
//
// In builds with CRATON_TEST_HOOKS (the development build), the environment variable
// CRATON_SELFTEST_CORRUPT names faults to inject, separated by commas: a KAT name (its
// expected value is corrupted so the KAT fails), "integrity" (the module HMAC is compared
// against a corrupted value), "drbg-continuous" / "entropy-continuous" (the first continuous
// test after the power-on self-test sees a repeated block), "pairwise" (every pairwise
// consistency test fails).
// Release builds (-DCRATON_TEST_HOOKS=OFF) compile every hook out: fault_injected is a
// constant false there and the variable is never read.
#pragma once

#include <string_view>

namespace craton::selftest {

#ifdef CRATON_TEST_HOOKS
bool fault_injected(std::string_view name);
#else
constexpr bool fault_injected(std::string_view) {
    return false;
}
#endif

}  // namespace craton::selftest
