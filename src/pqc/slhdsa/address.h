// The 32-byte hash address ADRS of FIPS 205 §4.2.
//
// Every tweakable-hash call is domain-separated by where in the hypertree or FORS forest it
// happens; Address keeps the big-endian byte form directly so the SHAKE functions can hash it
// as is, and produces the 22-byte compressed form ADRS^c that the SHA2 functions use (§11.2).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace craton::pqc::slhdsa {

enum class AddressType : std::uint32_t {
    kWotsHash = 0,
    kWotsPk = 1,
    kTree = 2,
    kForsTree = 3,
    kForsRoots = 4,
    kWotsPrf = 5,
    kForsPrf = 6,
};

class Address {
  public:
    static constexpr std::size_t kBytes = 32;
    static constexpr std::size_t kCompressedBytes = 22;

    void set_layer(std::uint32_t layer) noexcept { put32(0, layer); }
    // Bytes 4..15 hold a 12-byte tree address; every tree index fits in the low 8 bytes.
    void set_tree(std::uint64_t tree) noexcept {
        put32(4, 0);
        put32(8, static_cast<std::uint32_t>(tree >> 32));
        put32(12, static_cast<std::uint32_t>(tree));
    }
    void set_type_and_clear(AddressType type) noexcept {
        put32(16, static_cast<std::uint32_t>(type));
        put32(20, 0);
        put32(24, 0);
        put32(28, 0);
    }
    void set_key_pair(std::uint32_t key_pair) noexcept { put32(20, key_pair); }
    std::uint32_t key_pair() const noexcept { return get32(20); }
    void set_chain(std::uint32_t chain) noexcept { put32(24, chain); }
    void set_tree_height(std::uint32_t height) noexcept { put32(24, height); }
    void set_hash(std::uint32_t hash) noexcept { put32(28, hash); }
    void set_tree_index(std::uint32_t index) noexcept { put32(28, index); }
    std::uint32_t tree_index() const noexcept { return get32(28); }

    const std::uint8_t* bytes() const noexcept { return bytes_.data(); }

    // ADRS^c = layer (1 byte) || tree (8 bytes) || type (1 byte) || last 12 bytes.
    void compress(std::uint8_t out[kCompressedBytes]) const noexcept {
        out[0] = bytes_[3];
        for (std::size_t i = 0; i < 8; ++i) out[1 + i] = bytes_[8 + i];
        out[9] = bytes_[19];
        for (std::size_t i = 0; i < 12; ++i) out[10 + i] = bytes_[20 + i];
    }

  private:
    std::array<std::uint8_t, kBytes> bytes_{};

    void put32(std::size_t at, std::uint32_t v) noexcept {
        bytes_[at] = static_cast<std::uint8_t>(v >> 24);
        bytes_[at + 1] = static_cast<std::uint8_t>(v >> 16);
        bytes_[at + 2] = static_cast<std::uint8_t>(v >> 8);
        bytes_[at + 3] = static_cast<std::uint8_t>(v);
    }
    std::uint32_t get32(std::size_t at) const noexcept {
        return (std::uint32_t{bytes_[at]} << 24) | (std::uint32_t{bytes_[at + 1]} << 16) |
               (std::uint32_t{bytes_[at + 2]} << 8) | std::uint32_t{bytes_[at + 3]};
    }
};

}  // namespace craton::pqc::slhdsa
