#include "audit/module_events.h"

#include <atomic>

#include "audit/audit_log.h"

namespace craton::audit {
namespace {
// Set and cleared under the library's exclusive gate (C_Initialize/C_Finalize), read by calls
// that hold the gate shared, so the log never goes away under a reader.
std::atomic<AuditLog*> g_installed{nullptr};
}  // namespace

void install(AuditLog* log) noexcept { g_installed.store(log); }

void notice(const Event& event) noexcept {
    if (AuditLog* log = g_installed.load()) log->append_noexcept(event);
}

}  // namespace craton::audit
