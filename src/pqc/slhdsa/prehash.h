// The pre-hash functions HashSLH-DSA accepts (FIPS 205 §10.2.2) with their DER-encoded OIDs.
//
// The OID goes into the signed message M', binding the signature to the hash used, so a
// digest of one function cannot be replayed as a digest of another.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace craton::pqc::slhdsa {

enum class PreHash : std::uint8_t {
    kSha2_224,
    kSha2_256,
    kSha2_384,
    kSha2_512,
    kSha2_512_224,
    kSha2_512_256,
    kSha3_224,
    kSha3_256,
    kSha3_384,
    kSha3_512,
    kShake128,  // 256-bit output
    kShake256,  // 512-bit output
};

inline constexpr std::size_t kPreHashOidBytes = 11;
inline constexpr std::size_t kMaxPreHashDigestBytes = 64;

// Throws std::invalid_argument for a value outside the enum.
std::size_t prehash_digest_bytes(PreHash ph);
// DER of the OID 2.16.840.1.101.3.4.2.x (tag, length and 9 content bytes).
std::span<const std::uint8_t, kPreHashOidBytes> prehash_oid(PreHash ph);
// ACVP spelling: "SHA2-224" ... "SHA2-512/256", "SHA3-224" ... "SHAKE-256".
std::optional<PreHash> prehash_from_name(std::string_view name);
// Writes prehash_digest_bytes(ph) bytes of PH(message).
void prehash_digest(PreHash ph, std::span<const std::uint8_t> message, std::uint8_t* out);

}  // namespace craton::pqc::slhdsa
