// Reads a fuzzer's byte string as a sequence of small decisions. Running out of input is not an
// error: every read past the end gives zeros, so each input decodes to exactly one program.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>

namespace craton::fuzz {

class FuzzInput {
  public:
    FuzzInput(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}

    bool empty() const noexcept { return pos_ >= size_; }
    std::size_t remaining() const noexcept { return size_ - pos_; }

    std::uint8_t byte() noexcept { return pos_ < size_ ? data_[pos_++] : 0; }
    std::uint16_t u16() noexcept {
        return static_cast<std::uint16_t>(byte() | (static_cast<std::uint16_t>(byte()) << 8));
    }
    std::uint64_t u64() noexcept {
        std::uint64_t v = 0;
        for (int i = 0; i < 8; ++i) v |= static_cast<std::uint64_t>(byte()) << (8 * i);
        return v;
    }
    // The next `n` bytes (fewer at the end of the input); they stay owned by the fuzzer.
    std::span<const std::uint8_t> bytes(std::size_t n) noexcept {
        n = std::min(n, remaining());
        std::span<const std::uint8_t> out(data_ + pos_, n);
        pos_ += n;
        return out;
    }
    // A length-prefixed chunk: a 16-bit length, then that many bytes.
    std::span<const std::uint8_t> chunk() noexcept { return bytes(u16()); }
    std::span<const std::uint8_t> rest() noexcept { return bytes(remaining()); }

  private:
    const std::uint8_t* data_;
    std::size_t size_;
    std::size_t pos_ = 0;
};

}  // namespace craton::fuzz
