// The progress callback that long store and audit operations (backup, restore, chain
// verification) accept, so a caller can show how far they are without the core knowing
// anything about terminals. `done` never decreases between calls of one operation and the
// last call of a completed operation has done == total; the unit (records, bytes) is the
// operation's own. An empty function means nobody is watching.
#pragma once

#include <cstdint>
#include <functional>

namespace craton {

using ProgressFn = std::function<void(std::uint64_t done, std::uint64_t total)>;

}  // namespace craton
