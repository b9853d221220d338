// Bit packing, compression and decompression of ML-KEM polynomials.
#include "pqc/mlkem/encode.h"

namespace craton::pqc::mlkem {

namespace {

// Packs 256 values of D bits, least significant bit first; D is a template argument so the
// shifts are constants in the unrolled inner loop.
template <int D, typename Value>
void pack(std::uint8_t* out, Value&& value) noexcept {
    std::uint64_t acc = 0;
    int bits = 0;
    for (int i = 0; i < kN; ++i) {
        acc |= static_cast<std::uint64_t>(value(i)) << bits;
        bits += D;
        while (bits >= 8) {
            *out++ = static_cast<std::uint8_t>(acc);
            acc >>= 8;
            bits -= 8;
        }
    }
}

template <int D, typename Sink>
void unpack(const std::uint8_t* in, Sink&& sink) noexcept {
    std::uint64_t acc = 0;
    int bits = 0;
    for (int i = 0; i < kN; ++i) {
        while (bits < D) {
            acc |= static_cast<std::uint64_t>(*in++) << bits;
            bits += 8;
        }
        sink(i, static_cast<std::uint32_t>(acc & ((1u << D) - 1)));
        acc >>= D;
        bits -= D;
    }
}

template <int D>
void compress_encode(std::uint8_t* out, const Poly& f) noexcept {
    pack<D>(out, [&](int i) {
        return compress(static_cast<std::uint32_t>(to_canonical(barrett_reduce(f[i]))), D);
    });
}

template <int D>
void decode_decompress(Poly& f, const std::uint8_t* in) noexcept {
    unpack<D>(in,
              [&](int i, std::uint32_t y) { f[i] = static_cast<std::int16_t>(decompress(y, D)); });
}

}  // namespace

void poly_encode12(std::uint8_t out[kPolyBytes], const Poly& f) noexcept {
    pack<12>(out, [&](int i) { return to_canonical(barrett_reduce(f[i])); });
}

void poly_decode12(Poly& f, const std::uint8_t in[kPolyBytes]) noexcept {
    unpack<12>(in, [&](int i, std::uint32_t v) {
        // v < 4096 < 2q, so one masked subtraction reduces it.
        const auto r = static_cast<std::int16_t>(static_cast<std::int32_t>(v) - kQ);
        f[i] = to_canonical(r);
    });
}

void poly_compress_encode(std::uint8_t* out, const Poly& f, int d) noexcept {
    switch (d) {
        case 4:
            compress_encode<4>(out, f);
            break;
        case 5:
            compress_encode<5>(out, f);
            break;
        case 10:
            compress_encode<10>(out, f);
            break;
        default:
            compress_encode<11>(out, f);
            break;
    }
}

void poly_decode_decompress(Poly& f, const std::uint8_t* in, int d) noexcept {
    switch (d) {
        case 4:
            decode_decompress<4>(f, in);
            break;
        case 5:
            decode_decompress<5>(f, in);
            break;
        case 10:
            decode_decompress<10>(f, in);
            break;
        default:
            decode_decompress<11>(f, in);
            break;
    }
}

void poly_from_message(Poly& f, const std::uint8_t msg[32]) noexcept {
    for (int i = 0; i < kN; ++i) {
        const std::int16_t bit = static_cast<std::int16_t>((msg[i / 8] >> (i % 8)) & 1);
        f[i] = static_cast<std::int16_t>(-bit & ((kQ + 1) / 2));
    }
}

void poly_to_message(std::uint8_t msg[32], const Poly& f) noexcept {
    for (int i = 0; i < 32; ++i) msg[i] = 0;
    for (int i = 0; i < kN; ++i) {
        const std::uint32_t bit =
            compress(static_cast<std::uint32_t>(to_canonical(barrett_reduce(f[i]))), 1);
        msg[i / 8] = static_cast<std::uint8_t>(msg[i / 8] | (bit << (i % 8)));
    }
}

}  // namespace craton::pqc::mlkem
