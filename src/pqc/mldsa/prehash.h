// The pre-hash functions HashML-DSA may use (FIPS 204 section 5.4) and their DER OIDs.
//
// MlDsaPreHasher computes PH(M) incrementally, so a multi-part HashML-DSA signature
// (C_SignUpdate) never buffers the message: SHA-2 comes from OpenSSL EVP, SHA-3 and SHAKE from
// our Keccak. SHAKE128 is used with a 256-bit output and SHAKE256 with 512 bits, as FIPS 204
// specifies.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>

namespace craton::pqc {

enum class MlDsaPreHash : std::uint8_t {
    kSha224,
    kSha256,
    kSha384,
    kSha512,
    kSha512_224,
    kSha512_256,
    kSha3_224,
    kSha3_256,
    kSha3_384,
    kSha3_512,
    kShake128,
    kShake256,
};

inline constexpr std::size_t kMlDsaPreHashOidBytes = 11;
inline constexpr std::size_t kMlDsaMaxPreHashDigestBytes = 64;

// Length of PH(M) in bytes.
std::size_t mldsa_prehash_digest_size(MlDsaPreHash ph);
// DER encoding (tag, length, value) of the hash function's OID, as FIPS 204 prepends it.
std::span<const std::uint8_t, kMlDsaPreHashOidBytes> mldsa_prehash_oid(MlDsaPreHash ph);

class MlDsaPreHasher {
  public:
    explicit MlDsaPreHasher(MlDsaPreHash ph);
    ~MlDsaPreHasher();
    MlDsaPreHasher(MlDsaPreHasher&&) noexcept;
    MlDsaPreHasher& operator=(MlDsaPreHasher&&) noexcept;
    MlDsaPreHasher(const MlDsaPreHasher&) = delete;
    MlDsaPreHasher& operator=(const MlDsaPreHasher&) = delete;

    MlDsaPreHash algorithm() const noexcept { return ph_; }
    std::size_t digest_size() const { return mldsa_prehash_digest_size(ph_); }

    void update(std::span<const std::uint8_t> data);
    // Writes digest_size() bytes; out must be exactly that long (std::invalid_argument
    // otherwise). The hasher cannot be updated afterwards.
    void finish(std::span<std::uint8_t> out);

  private:
    struct State;
    MlDsaPreHash ph_;
    std::unique_ptr<State> state_;
};

// One-shot PH(M).
void mldsa_prehash(MlDsaPreHash ph, std::span<const std::uint8_t> message,
                   std::span<std::uint8_t> digest);

}  // namespace craton::pqc
