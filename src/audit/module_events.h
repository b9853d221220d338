// Audit records for events that happen below the core, where no Hsm is at hand: PIN lockout
// (the token), approved-mode refusals (the policy), the AES-GCM invocation-count warning (the
// mechanism). The Hsm installs its log here for its lifetime; with no log installed (audit off,
// or outside C_Initialize..C_Finalize) a notice does nothing.
#pragma once

#include "audit/event.h"

namespace craton::audit {

class AuditLog;

void install(AuditLog* log) noexcept;
// Records the event if a log is installed. Never throws: a write failure marks the log
// unhealthy, which refuses the next audited call.
void notice(const Event& event) noexcept;

}  // namespace craton::audit
