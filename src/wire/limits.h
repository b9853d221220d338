// Size bounds both ends agree on, so one client's request cannot make the daemon allocate
// without limit (docs/remote.md, "Limits").
#pragma once

#include <cstddef>

namespace craton::wire {

// Largest gRPC message either end accepts.
inline constexpr std::size_t kMaxMessageBytes = 4u << 20;
// Largest output buffer the daemon allocates for one call (leaves room for the envelope).
inline constexpr std::size_t kMaxOutputBytes = kMaxMessageBytes - (64u << 10);
// Most handles one FindObjects call returns and most attributes in one template.
inline constexpr std::size_t kMaxListItems = 4096;

}  // namespace craton::wire
