// The continuous health test on generated blocks (SP 800-90B 4.4-style repetition check, as
// FIPS 140-3 IG 10.3.A asks of an RNG): a block identical to the one before it is a failure.
//
// One instance watches one stream: the DRBG's output blocks, or the raw entropy inputs. The
// first block only primes it. A failure is reported to the caller, which must move the
// module to the error state; this class has no opinion on what happens next.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "rng/hmac_drbg.h"

namespace craton::rng {

class ContinuousTest final : public HmacDrbg::BlockObserver {
  public:
    ContinuousTest() = default;
    ~ContinuousTest();
    ContinuousTest(const ContinuousTest&) = delete;
    ContinuousTest& operator=(const ContinuousTest&) = delete;

    // True when `block` differs from the previous one (or is the first); remembers it.
    bool on_block(ByteSpan block) override;
    // Forgets the previous block (after a re-instantiation in a forked child, for example).
    void reset() noexcept;
    // Test builds: make the next comparison fail as if the block had repeated.
    void force_failure_once() noexcept { force_ = true; }

  private:
    std::array<std::uint8_t, HmacDrbg::kMaxOutLen> last_{};
    std::size_t last_len_ = 0;
    bool force_ = false;
};

}  // namespace craton::rng
