#include "pqc/slhdsa/prehash.h"

#include <openssl/evp.h>

#include <array>
#include <stdexcept>

#include "pqc/keccak/keccak.h"

namespace craton::pqc::slhdsa {

namespace {

struct PreHashInfo {
    PreHash ph;
    std::string_view acvp_name;
    std::size_t digest_bytes;
    std::uint8_t oid_last;  // 2.16.840.1.101.3.4.2.<oid_last> (NIST hash algorithm arc)
};

constexpr std::array<PreHashInfo, 12> kPreHashes = {{
    {PreHash::kSha2_224, "SHA2-224", 28, 0x04},
    {PreHash::kSha2_256, "SHA2-256", 32, 0x01},
    {PreHash::kSha2_384, "SHA2-384", 48, 0x02},
    {PreHash::kSha2_512, "SHA2-512", 64, 0x03},
    {PreHash::kSha2_512_224, "SHA2-512/224", 28, 0x05},
    {PreHash::kSha2_512_256, "SHA2-512/256", 32, 0x06},
    {PreHash::kSha3_224, "SHA3-224", 28, 0x07},
    {PreHash::kSha3_256, "SHA3-256", 32, 0x08},
    {PreHash::kSha3_384, "SHA3-384", 48, 0x09},
    {PreHash::kSha3_512, "SHA3-512", 64, 0x0A},
    {PreHash::kShake128, "SHAKE-128", 32, 0x0B},
    {PreHash::kShake256, "SHAKE-256", 64, 0x0C},
}};

// DER: 06 09 60 86 48 01 65 03 04 02 xx.
constexpr std::array<std::array<std::uint8_t, kPreHashOidBytes>, 12> make_oids() {
    std::array<std::array<std::uint8_t, kPreHashOidBytes>, 12> oids{};
    for (std::size_t i = 0; i < kPreHashes.size(); ++i) {
        oids[i] = {
            0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, kPreHashes[i].oid_last};
    }
    return oids;
}
constexpr auto kOids = make_oids();

const PreHashInfo& info(PreHash ph) {
    const auto i = static_cast<std::size_t>(ph);
    if (i >= kPreHashes.size()) throw std::invalid_argument("SLH-DSA: unknown pre-hash function");
    return kPreHashes[i];
}

void sha2_digest(const EVP_MD* md, std::span<const std::uint8_t> message, std::uint8_t* out) {
    unsigned int out_len = 0;
    if (EVP_Digest(message.data(), message.size(), out, &out_len, md, nullptr) != 1) {
        throw std::runtime_error("SLH-DSA: OpenSSL digest failed");
    }
}

}  // namespace

std::size_t prehash_digest_bytes(PreHash ph) {
    return info(ph).digest_bytes;
}

std::span<const std::uint8_t, kPreHashOidBytes> prehash_oid(PreHash ph) {
    (void)info(ph);
    return kOids[static_cast<std::size_t>(ph)];
}

std::optional<PreHash> prehash_from_name(std::string_view name) {
    for (const auto& entry : kPreHashes) {
        if (entry.acvp_name == name) return entry.ph;
    }
    return std::nullopt;
}

void prehash_digest(PreHash ph, std::span<const std::uint8_t> message, std::uint8_t* out) {
    const std::uint8_t* in = message.data();
    const std::size_t len = message.size();
    switch (info(ph).ph) {
        case PreHash::kSha2_224:
            return sha2_digest(EVP_sha224(), message, out);
        case PreHash::kSha2_256:
            return sha2_digest(EVP_sha256(), message, out);
        case PreHash::kSha2_384:
            return sha2_digest(EVP_sha384(), message, out);
        case PreHash::kSha2_512:
            return sha2_digest(EVP_sha512(), message, out);
        case PreHash::kSha2_512_224:
            return sha2_digest(EVP_sha512_224(), message, out);
        case PreHash::kSha2_512_256:
            return sha2_digest(EVP_sha512_256(), message, out);
        case PreHash::kSha3_224:
            return sha3_224(in, len, out);
        case PreHash::kSha3_256:
            return sha3_256(in, len, out);
        case PreHash::kSha3_384:
            return sha3_384(in, len, out);
        case PreHash::kSha3_512:
            return sha3_512(in, len, out);
        case PreHash::kShake128:
            return shake128(in, len, out, 32);
        case PreHash::kShake256:
            return shake256(in, len, out, 64);
    }
    throw std::invalid_argument("SLH-DSA: unknown pre-hash function");
}

}  // namespace craton::pqc::slhdsa
