#include "selftest/power_on.h"

#include <chrono>
#include <cstdio>
#include <mutex>

#include "core/error.h"
#include "core/log.h"
#include "selftest/module_state.h"

namespace craton::selftest {
namespace {

std::mutex g_report_mutex;
SelfTestReport g_last_report;

double ms_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
        .count();
}

}  // namespace

SelfTestReport run_self_tests(const std::filesystem::path& module) {
    SelfTestReport r;
    const double cpu_start = thread_cpu_ms();
    const auto start = std::chrono::steady_clock::now();
    if (!module.empty()) {
        r.integrity_checked = true;
        r.integrity = verify_integrity(module);
        r.integrity_ms = ms_since(start);
        if (r.integrity != IntegrityStatus::Ok) r.first_failure = "integrity";
    }
    // Every KAT runs even after a failure, so the log names all that failed; the module is
    // unusable either way.
    for (const Kat& kat : all_kats()) {
        r.kats.push_back(run_kat(kat));
        if (!r.kats.back().passed && r.first_failure.empty()) r.first_failure = kat.name;
    }
    r.total_ms = ms_since(start);
    r.total_cpu_ms = thread_cpu_ms() - cpu_start;
    r.passed = r.first_failure.empty();
    return r;
}

void power_on() {
    if (in_error_state()) {
        log::error("C_Initialize refused: the module is in the error state until the process ends");
        fail(CKR_GENERAL_ERROR);
    }
    transition(State::PowerOn);
    transition(State::SelfTest);
    const std::filesystem::path module = own_module_path();
    SelfTestReport report = run_self_tests(module);
    if (module.empty()) {
        report.passed = false;
        report.first_failure = "integrity";
        report.integrity = IntegrityStatus::ModuleUnreadable;
    }
    {
        std::lock_guard lock(g_report_mutex);
        g_last_report = report;
    }
    if (!report.passed) {
        if (report.first_failure == "integrity") {
            log::error(std::string("integrity test failed: ") + describe(report.integrity));
        }
        for (const KatResult& k : report.kats) {
            if (!k.passed) log::error(std::string("known-answer test failed: ") + k.name);
        }
        fail_to_error_state(report.first_failure == "integrity" ? "integrity test failed"
                                                                : "power-on KAT failed");
    }
    if (log::enabled(log::Level::Info)) {
        char line[128];
        std::snprintf(line, sizeof line,
                      "power-on self-tests passed: integrity + %zu KATs in %.2f ms (%.2f ms CPU)",
                      report.kats.size(), report.total_ms, report.total_cpu_ms);
        log::info(line);
    }
}

SelfTestReport last_report() {
    std::lock_guard lock(g_report_mutex);
    return g_last_report;
}

}  // namespace craton::selftest
