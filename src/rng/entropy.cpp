#include "rng/entropy.h"

#include <sys/random.h>

#include <cerrno>
#include <stdexcept>

namespace craton::rng {

void system_entropy(std::span<std::uint8_t> out) {
    std::size_t done = 0;
    while (done < out.size()) {
        const ssize_t n = getrandom(out.data() + done, out.size() - done, 0);
        if (n < 0) {
            if (errno == EINTR) continue;
            throw std::runtime_error("getrandom failed");
        }
        done += static_cast<std::size_t>(n);
    }
}

}  // namespace craton::rng
