// Raw X25519 (RFC 7748) through OpenSSL's EVP interface, for the hybrid KEM.
#pragma once

#include <cstdint>

namespace craton::pqc::hybrid {

// out = X25519(scalar, 9): the public key of a private key. False if OpenSSL fails.
bool x25519_base(std::uint8_t out[32], const std::uint8_t scalar[32]) noexcept;

// out = X25519(scalar, u). False if OpenSSL fails, including for an all-zero result.
bool x25519(std::uint8_t out[32], const std::uint8_t scalar[32], const std::uint8_t u[32]) noexcept;

}  // namespace craton::pqc::hybrid
