// Types and field readers shared by every ACVP handler.
//
// ACVP files carry hex in uppercase, lengths as JSON numbers (sometimes as strings in
// internalProjection) and booleans; these helpers read them one way everywhere, so a handler
// is only the algorithm.
#pragma once

#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace craton::acvp {

using json = nlohmann::json;
using Bytes = std::vector<std::uint8_t>;
using ByteView = std::span<const std::uint8_t>;

// Thrown by a handler for a group or case the module does not implement (Ed448, SP 800-106
// randomized hashing, bit-oriented SHA-2 input, ...). The runner leaves it out of the response
// and reports it as skipped with this reason; it is never counted as a pass.
class Unsupported : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

Bytes from_hex(std::string_view hex);
// Uppercase, as ACVP writes it.
std::string to_hex(ByteView data);

// Hex field `name` of `j` (throws std::out_of_range naming the field when absent).
Bytes hex_field(const json& j, const char* name);
// Integer field, accepting a JSON number or a decimal string.
long long int_field(const json& j, const char* name);
// Boolean field, accepting true/false or "true"/"false".
bool bool_field(const json& j, const char* name);
std::string str_field(const json& j, const char* name);

// An ACVP bit string of `bits` bits: the first bits/8 bytes plus, when bits % 8 != 0, the
// last byte with its unused low bits cleared (ACVP writes partial bytes MSB-first).
Bytes take_bits(const Bytes& data, long long bits);

}  // namespace craton::acvp
