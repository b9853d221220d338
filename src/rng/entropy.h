// The entropy source: the kernel's getrandom(2), the only place in src/ that calls it.
//
// getrandom with no flags blocks only until the kernel pool is first initialised after boot,
// then never; it draws from the same CSPRNG as /dev/urandom without needing a file
// descriptor (so it works in chroots and after file-descriptor exhaustion).
#pragma once

#include <cstdint>
#include <span>

namespace craton::rng {

// Fills `out` from getrandom(2), retrying on EINTR and short reads. Throws std::runtime_error
// if the kernel refuses (ENOSYS on a pre-3.17 kernel, EFAULT), which the caller treats as an
// entropy-source failure.
void system_entropy(std::span<std::uint8_t> out);

}  // namespace craton::rng
