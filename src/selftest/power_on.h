// The power-on self-test (POST), run by every C_Initialize before the module does anything
// else: the module integrity test, then every KAT (kat.h). Any failure latches the error
// state.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "selftest/integrity.h"
#include "selftest/kat.h"

namespace craton::selftest {

struct SelfTestReport {
    bool passed = false;
    bool integrity_checked = false;
    IntegrityStatus integrity = IntegrityStatus::Ok;
    double integrity_ms = 0;
    std::vector<KatResult> kats;
    double total_ms = 0;        // wall clock
    double total_cpu_ms = 0;    // CPU time of the calling thread
    std::string first_failure;  // KAT name or "integrity"; empty when passed
};

// Runs the tests without touching the module state (craton-hsm-admin self-test, tests). An
// empty `module` skips the integrity test.
SelfTestReport run_self_tests(const std::filesystem::path& module);

// C_Initialize's entry: refuses at once if the error latch is set; otherwise walks the state
// machine PowerOff -> PowerOn -> SelfTest through the self-tests of own_module_path(). The
// module stays in SelfTest until C_Initialize has finished building its state, then enters
// UserMode (Library::initialize). On failure it latches the error state and throws
// Pkcs11Error(CKR_GENERAL_ERROR).
void power_on();

// The report of the last power_on in this process (for logs and craton-hsm-admin status).
SelfTestReport last_report();

}  // namespace craton::selftest
