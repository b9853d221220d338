#include "certified/acvp/acvp_types.h"

#include <openssl/crypto.h>

#include <limits>
#include <stdexcept>
#include <string>

namespace craton::acvp {

Bytes from_hex(std::string_view hex) {
    if (hex.size() % 2 != 0) throw std::invalid_argument("odd-length hex string");
    auto nibble = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        throw std::invalid_argument("bad hex digit");
    };
    Bytes out(hex.size() / 2);
    for (std::size_t i = 0; i < out.size(); ++i) {
        out[i] = static_cast<std::uint8_t>(nibble(hex[2 * i]) << 4 | nibble(hex[2 * i + 1]));
    }
    return out;
}

std::string to_hex(ByteView data) {
    static constexpr char kDigits[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(data.size() * 2);
    for (const std::uint8_t b : data) {
        out.push_back(kDigits[b >> 4]);
        out.push_back(kDigits[b & 0x0F]);
    }
    return out;
}

Bytes hex_field(const json& j, const char* name) {
    return from_hex(j.at(name).get<std::string>());
}

long long int_field(const json& j, const char* name) {
    const json& v = j.at(name);
    if (v.is_string()) return std::stoll(v.get<std::string>());
    // Only integers: converting a float such as 1e300 to long long is undefined behaviour
    // (found by tests/fuzz/acvp_json_fuzz.cpp), and an unsigned value past LLONG_MAX would
    // wrap to a negative length.
    if (v.is_number_integer() && !v.is_number_unsigned()) return v.get<long long>();
    if (v.is_number_unsigned() &&
        v.get<unsigned long long>() <=
            static_cast<unsigned long long>(std::numeric_limits<long long>::max())) {
        return v.get<long long>();
    }
    throw std::invalid_argument(std::string("field \"") + name + "\" is not an integer in range");
}

bool bool_field(const json& j, const char* name) {
    const json& v = j.at(name);
    if (v.is_string()) return v.get<std::string>() == "true";
    return v.get<bool>();
}

std::string str_field(const json& j, const char* name) {
    return j.at(name).get<std::string>();
}

Bytes take_bits(const Bytes& data, long long bits) {
    const auto bytes = static_cast<std::size_t>((bits + 7) / 8);
    if (data.size() < bytes) throw std::invalid_argument("bit string shorter than its length");
    Bytes out(data.begin(), data.begin() + static_cast<std::ptrdiff_t>(bytes));
    if (const unsigned rest = static_cast<unsigned>(bits % 8); rest != 0) {
        out.back() = static_cast<std::uint8_t>(out.back() & (0xFF << (8 - rest)));
    }
    return out;
}

}  // namespace craton::acvp
