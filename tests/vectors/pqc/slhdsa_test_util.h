// Helpers shared by the SLH-DSA vector tests: ACVP field decoding and the checks every signing
// case runs (verify, tamper detection).
#pragma once

#include <gtest/gtest.h>
#include <openssl/sha.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>

#include "pqc/slhdsa/slhdsa.h"
#include "support/vector_file.h"

namespace craton::test::slhdsa {

namespace slh = craton::pqc::slhdsa;

inline std::string sha256_hex(const Bytes& data) {
    std::uint8_t digest[SHA256_DIGEST_LENGTH];
    SHA256(data.data(), data.size(), digest);
    std::string hex = to_hex(digest, sizeof digest);
    std::transform(hex.begin(), hex.end(), hex.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return hex;
}

inline Bytes with_bit_flipped(Bytes data, std::size_t bit) {
    data.at(bit / 8) ^= static_cast<std::uint8_t>(1u << (bit % 8));
    return data;
}

inline slh::ParameterSet parameter_set(const nlohmann::json& group_or_case) {
    const auto name = group_or_case.at("parameterSet").get<std::string>();
    const auto set = slh::parameter_set_from_name(name);
    if (!set) throw std::runtime_error("unknown SLH-DSA parameter set " + name);
    return *set;
}

inline slh::PreHash prehash(const std::string& acvp_name) {
    const auto ph = slh::prehash_from_name(acvp_name);
    if (!ph) throw std::runtime_error("unknown pre-hash " + acvp_name);
    return *ph;
}

// The public key is the last 2n bytes of an encoded secret key (FIPS 205 Figure 15/16).
inline Bytes public_key_of(slh::ParameterSet set, const Bytes& sk) {
    const auto sizes = slh::sizes(set);
    return Bytes(sk.end() - static_cast<std::ptrdiff_t>(sizes.public_key), sk.end());
}

}  // namespace craton::test::slhdsa
