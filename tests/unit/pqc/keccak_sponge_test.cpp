// Cross-checks the Keccak sponge against OpenSSL's independent SHA-3/SHAKE implementation over
// many message and output lengths (around every block boundary) and arbitrary call splits, which
// the fixed-length ACVP vectors do not exercise.
#include <openssl/evp.h>

#include <cstdint>
#include <vector>

#include <gtest/gtest.h>

#include "pqc/keccak/keccak.h"

namespace {

using craton::pqc::KeccakSponge;
using Bytes = std::vector<std::uint8_t>;

Bytes openssl_digest(const EVP_MD* md, const Bytes& msg, std::size_t outlen) {
    Bytes out(outlen);
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    EXPECT_EQ(EVP_DigestInit_ex(ctx, md, nullptr), 1);
    EXPECT_EQ(EVP_DigestUpdate(ctx, msg.data(), msg.size()), 1);
    if (EVP_MD_flags(md) & EVP_MD_FLAG_XOF) {
        EXPECT_EQ(EVP_DigestFinalXOF(ctx, out.data(), outlen), 1);
    } else {
        unsigned int n = 0;
        EXPECT_EQ(EVP_DigestFinal_ex(ctx, out.data(), &n), 1);
        EXPECT_EQ(n, outlen);
    }
    EVP_MD_CTX_free(ctx);
    return out;
}

Bytes pattern(std::size_t len, std::uint32_t seed) {
    Bytes b(len);
    for (std::size_t i = 0; i < len; ++i) {
        seed = seed * 1103515245u + 12345u;
        b[i] = static_cast<std::uint8_t>(seed >> 16);
    }
    return b;
}

struct Variant {
    const char* name;
    const EVP_MD* (*md)();
    std::size_t rate;
    std::uint8_t domain;
    std::size_t outlen;  // fixed digest size, or the XOF output length to compare
};

const Variant kVariants[] = {
    {"SHA3-224", EVP_sha3_224, 144, 0x06, 28},  {"SHA3-256", EVP_sha3_256, 136, 0x06, 32},
    {"SHA3-384", EVP_sha3_384, 104, 0x06, 48},  {"SHA3-512", EVP_sha3_512, 72, 0x06, 64},
    {"SHAKE128", EVP_shake128, 168, 0x1F, 500}, {"SHAKE256", EVP_shake256, 136, 0x1F, 500},
};

TEST(KeccakSponge, OneShotMatchesOpenSslAcrossBlockBoundaries) {
    int compared = 0;
    for (const auto& v : kVariants) {
        for (std::size_t len = 0; len <= 3 * v.rate + 2; ++len) {
            const Bytes msg = pattern(len, static_cast<std::uint32_t>(len));
            KeccakSponge sponge(v.rate, v.domain);
            sponge.absorb(msg.data(), msg.size());
            Bytes out(v.outlen);
            sponge.squeeze(out.data(), out.size());
            ASSERT_EQ(out, openssl_digest(v.md(), msg, v.outlen)) << v.name << " len " << len;
            ++compared;
        }
    }
    EXPECT_EQ(compared, 6 * 3 + 3 * (144 + 136 + 104 + 72 + 168 + 136));
}

TEST(KeccakSponge, SplitAbsorbAndSqueezeMatchOneShot) {
    for (const auto& v : kVariants) {
        const Bytes msg = pattern(4 * v.rate + 17, 7);
        const Bytes expected = openssl_digest(v.md(), msg, v.outlen);
        for (std::size_t chunk : {1u, 3u, 7u, 8u, 64u, 135u, 136u, 137u, 168u, 1000u}) {
            KeccakSponge sponge(v.rate, v.domain);
            for (std::size_t off = 0; off < msg.size(); off += chunk) {
                const std::size_t n = std::min(chunk, msg.size() - off);
                sponge.absorb(msg.data() + off, n);
            }
            sponge.finalize();
            sponge.finalize();  // idempotent
            Bytes out(v.outlen);
            for (std::size_t off = 0; off < out.size(); off += chunk) {
                const std::size_t n = std::min(chunk, out.size() - off);
                sponge.squeeze(out.data() + off, n);
            }
            ASSERT_EQ(out, expected) << v.name << " chunk " << chunk;
        }
    }
}

TEST(KeccakSponge, ResetStartsOver) {
    craton::pqc::Shake256 xof;
    const Bytes msg = pattern(300, 1);
    xof.absorb(msg.data(), msg.size());
    Bytes first(64);
    xof.squeeze(first.data(), first.size());
    xof.reset();
    xof.absorb(msg.data(), msg.size());
    Bytes second(64);
    xof.squeeze(second.data(), second.size());
    EXPECT_EQ(first, second);
    EXPECT_EQ(first, openssl_digest(EVP_shake256(), msg, 64));
}

TEST(KeccakSponge, OneShotHelpers) {
    const Bytes msg = pattern(200, 3);
    std::uint8_t d28[28], d32[32], d48[48], d64[64];
    craton::pqc::sha3_224(msg.data(), msg.size(), d28);
    craton::pqc::sha3_256(msg.data(), msg.size(), d32);
    craton::pqc::sha3_384(msg.data(), msg.size(), d48);
    craton::pqc::sha3_512(msg.data(), msg.size(), d64);
    EXPECT_EQ(Bytes(d28, d28 + 28), openssl_digest(EVP_sha3_224(), msg, 28));
    EXPECT_EQ(Bytes(d32, d32 + 32), openssl_digest(EVP_sha3_256(), msg, 32));
    EXPECT_EQ(Bytes(d48, d48 + 48), openssl_digest(EVP_sha3_384(), msg, 48));
    EXPECT_EQ(Bytes(d64, d64 + 64), openssl_digest(EVP_sha3_512(), msg, 64));
    Bytes x128(333), x256(333);
    craton::pqc::shake128(msg.data(), msg.size(), x128.data(), x128.size());
    craton::pqc::shake256(msg.data(), msg.size(), x256.data(), x256.size());
    EXPECT_EQ(x128, openssl_digest(EVP_shake128(), msg, 333));
    EXPECT_EQ(x256, openssl_digest(EVP_shake256(), msg, 333));
}

// finalize_with_bits against a bit-by-bit model of FIPS 202 padding, M || suffix || 10*1, for
// every trailing bit count and message lengths where the suffix and padding straddle a block
// boundary (the ACVP bit-oriented vectors do not aim at those edges).
Bytes model_sponge(std::size_t rate, const std::vector<int>& suffix, const Bytes& msg,
                   unsigned nbits, std::uint8_t last, std::size_t outlen) {
    std::vector<int> bits;
    for (std::uint8_t byte : msg) {
        for (int i = 0; i < 8; ++i) bits.push_back((byte >> i) & 1);
    }
    for (unsigned i = 0; i < nbits; ++i) bits.push_back((last >> i) & 1);
    bits.insert(bits.end(), suffix.begin(), suffix.end());
    bits.push_back(1);
    while ((bits.size() + 1) % (rate * 8) != 0) bits.push_back(0);
    bits.push_back(1);
    std::uint64_t state[25] = {};
    for (std::size_t block = 0; block < bits.size(); block += rate * 8) {
        for (std::size_t i = 0; i < rate * 8; ++i) {
            state[i / 64] ^= static_cast<std::uint64_t>(bits[block + i]) << (i % 64);
        }
        craton::pqc::keccak_f1600(state);
    }
    Bytes out;
    while (out.size() < outlen) {
        for (std::size_t i = 0; i < rate && out.size() < outlen; ++i) {
            out.push_back(static_cast<std::uint8_t>(state[i / 8] >> (8 * (i % 8))));
        }
        if (out.size() < outlen) craton::pqc::keccak_f1600(state);
    }
    return out;
}

TEST(KeccakSponge, FinalizeWithBitsMatchesPaddingModel) {
    struct Domain {
        std::uint8_t byte;
        std::vector<int> suffix;  // domain bits before the first padding 1
    };
    const Domain domains[] = {{0x06, {0, 1}}, {0x1F, {1, 1, 1, 1}}};
    int compared = 0;
    for (const auto& dom : domains) {
        for (std::size_t rate : {72u, 136u, 168u}) {
            for (std::size_t len : {std::size_t{0}, rate - 2, rate - 1, rate, 2 * rate - 1}) {
                for (unsigned nbits = 0; nbits < 8; ++nbits) {
                    const Bytes msg = pattern(len, static_cast<std::uint32_t>(len + nbits));
                    const std::uint8_t last = static_cast<std::uint8_t>(0xA5 ^ (len * 7));
                    KeccakSponge sponge(rate, dom.byte);
                    sponge.absorb(msg.data(), msg.size());
                    sponge.finalize_with_bits(last, nbits);
                    Bytes out(2 * rate + 5);
                    sponge.squeeze(out.data(), out.size());
                    ASSERT_EQ(out, model_sponge(rate, dom.suffix, msg, nbits, last, out.size()))
                        << "rate " << rate << " len " << len << " nbits " << nbits;
                    ++compared;
                }
            }
        }
    }
    EXPECT_EQ(compared, 2 * 3 * 5 * 8);
}

// FIPS 202 known answer for the permutation itself: Keccak-f[1600] applied to the zero state
// (first lane of the published intermediate values).
TEST(KeccakF1600, ZeroStateFirstLane) {
    std::uint64_t state[25] = {};
    craton::pqc::keccak_f1600(state);
    EXPECT_EQ(state[0], 0xF1258F7940E1DDE7ULL);
    EXPECT_EQ(state[1], 0x84D5CCF933C0478AULL);
}

}  // namespace
