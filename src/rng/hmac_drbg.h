// SP 800-90A Rev. 1 HMAC_DRBG (section 10.1.2), our own state machine over OpenSSL's HMAC.
//
// This class is the pure algorithm: the caller supplies entropy input, nonce, personalisation
// string and additional input, so the ACVP hmacDRBG vectors drive it exactly. The module's
// instance (random.cpp) adds what makes it a random source: getrandom(2) entropy, prediction
// resistance on every request, the continuous health test, locking and fork safety.
//
// The hash is a parameter (any digest OpenSSL names: "SHA2-256", "SHA-1", "SHA3-512", ...) so
// every ACVP group can be run; the module itself uses HMAC-SHA-256. Not thread-safe: one
// instance belongs to one caller at a time. The state (K, V) is wiped on destruction and on
// uninstantiate.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

// OpenSSL types, declared here so users of this header need no OpenSSL include.
struct evp_mac_ctx_st;

namespace craton::rng {

using ByteSpan = std::span<const std::uint8_t>;

class HmacDrbg {
  public:
    // SP 800-90A Table 2: at most 2^48 generate calls between reseeds.
    static constexpr std::uint64_t kMaxReseedInterval = std::uint64_t{1} << 48;
    // SP 800-90A Table 2: at most 2^19 bits per generate request.
    static constexpr std::size_t kMaxRequestBytes = (std::size_t{1} << 19) / 8;
    // Largest digest output we support (SHA-512).
    static constexpr std::size_t kMaxOutLen = 64;

    enum class Status { Ok, ReseedRequired };

    // Observes every output block V before it is copied out (the continuous health test).
    // Returning false aborts the request: `out` is zeroed and the instance is wiped.
    class BlockObserver {
      public:
        virtual bool on_block(ByteSpan block) = 0;

      protected:
        ~BlockObserver() = default;
    };

    // `digest`: an OpenSSL digest name. `reseed_interval` (<= 2^48) is lowered only by tests.
    // Throws std::invalid_argument for an unknown digest or interval.
    explicit HmacDrbg(const std::string& digest = "SHA2-256",
                      std::uint64_t reseed_interval = kMaxReseedInterval);
    ~HmacDrbg();
    HmacDrbg(const HmacDrbg&) = delete;
    HmacDrbg& operator=(const HmacDrbg&) = delete;

    // Instantiate_algorithm (10.1.2.3). Entropy must be at least security_strength bits.
    void instantiate(ByteSpan entropy, ByteSpan nonce, ByteSpan personalization);
    // Reseed_algorithm (10.1.2.4).
    void reseed(ByteSpan entropy, ByteSpan additional);
    // Generate_algorithm (10.1.2.5): fills `out` (at most kMaxRequestBytes). Returns
    // ReseedRequired (writing nothing) when the reseed counter has passed the interval.
    // Throws std::logic_error if not instantiated or the request is too long, and
    // std::runtime_error if `observer` rejected a block (the instance is then uninstantiated).
    Status generate(std::span<std::uint8_t> out, ByteSpan additional,
                    BlockObserver* observer = nullptr);
    // Wipes K and V; generate is refused until instantiate.
    void uninstantiate() noexcept;

    bool instantiated() const noexcept { return instantiated_; }
    std::size_t outlen() const noexcept { return outlen_; }
    // Bits of security the hash supports (SP 800-57 Part 1 Table 3 for HMAC use).
    unsigned security_strength() const noexcept { return strength_; }
    std::uint64_t reseed_counter() const noexcept { return reseed_counter_; }

  private:
    void update(ByteSpan a, ByteSpan b = {}, ByteSpan c = {});
    // out = HMAC(K, V || [sep] || parts...); rekeys the MAC context only when K changed.
    void hmac(std::uint8_t* out, const std::uint8_t* sep, ByteSpan a = {}, ByteSpan b = {},
              ByteSpan c = {});

    evp_mac_ctx_st* mac_ = nullptr;
    std::size_t outlen_ = 0;
    unsigned strength_ = 0;
    std::uint64_t reseed_interval_;
    std::uint64_t reseed_counter_ = 0;
    bool instantiated_ = false;
    bool keyed_ = false;  // mac_ holds the current K
    std::array<std::uint8_t, kMaxOutLen> key_{};
    std::array<std::uint8_t, kMaxOutLen> v_{};
};

}  // namespace craton::rng
