#include "rng/continuous_test.h"

#include <algorithm>

#include <openssl/crypto.h>

namespace craton::rng {

ContinuousTest::~ContinuousTest() {
    reset();
}

bool ContinuousTest::on_block(ByteSpan block) {
    const std::size_t n = std::min(block.size(), last_.size());
    // The previous block is secret output; compare without a data-dependent early exit.
    const bool repeated =
        last_len_ == n && n != 0 && CRYPTO_memcmp(last_.data(), block.data(), n) == 0;
    std::copy_n(block.data(), n, last_.data());
    last_len_ = n;
    if (force_) {
        force_ = false;
        return false;
    }
    return !repeated;
}

void ContinuousTest::reset() noexcept {
    OPENSSL_cleanse(last_.data(), last_.size());
    last_len_ = 0;
}

}  // namespace craton::rng
