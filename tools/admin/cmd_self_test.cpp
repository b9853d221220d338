// craton-hsm-admin self-test [--module PATH]
//
// Runs the same integrity test and KATs as C_Initialize, in this process, and prints each
// result with its time: an operator's on-demand self-test, and the measurement behind the
// POST timing in docs/self-tests.md.
#include <cstdio>
#include <string>

#include "commands.h"
#include "selftest/kat.h"
#include "selftest/power_on.h"

namespace craton::admin {

void add_self_test_command(CLI::App& app, int& exit_code) {
    static std::string module;
    CLI::App* cmd = app.add_subcommand("self-test", "Run the power-on self-tests and report");
    cmd->add_option("--module", module,
                    "Also run the integrity test on this module file (libcraton_hsm.so)")
        ->check(CLI::ExistingFile);
    cmd->callback([&exit_code] {
        const selftest::SelfTestReport r = selftest::run_self_tests(module);
        if (r.integrity_checked) {
            std::printf("%-20s %-6s %8.3f ms  (%s)\n", "integrity",
                        r.integrity == selftest::IntegrityStatus::Ok ? "pass" : "FAIL",
                        r.integrity_ms, selftest::describe(r.integrity));
        }
        const auto kats = selftest::all_kats();
        for (std::size_t i = 0; i < r.kats.size(); ++i) {
            std::printf("%-20s %-6s %8.3f ms %8.3f ms CPU  %s\n", r.kats[i].name,
                        r.kats[i].passed ? "pass" : "FAIL", r.kats[i].milliseconds,
                        r.kats[i].cpu_milliseconds, kats[i].source);
        }
        std::printf("%s: %zu KATs%s in %.3f ms (%.3f ms CPU)\n", r.passed ? "passed" : "FAILED",
                    r.kats.size(), r.integrity_checked ? " + integrity" : "", r.total_ms,
                    r.total_cpu_ms);
        if (!r.passed) exit_code = 1;
    });
}

}  // namespace craton::admin
