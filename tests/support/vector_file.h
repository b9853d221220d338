// Test-side access to the shared NIST ACVP and Wycheproof vector files.
//
// Vector tests load JSON from ../shared/vectors (relative to the repository root); this header
// resolves that directory, parses a file once, and converts the hex strings those files use.
// A missing file is a test failure, never a silent skip: the vectors are part of the contract.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace craton::test {

using Bytes = std::vector<std::uint8_t>;

// Directory holding acvp/ and wycheproof/ (env CRATON_VECTORS_DIR overrides the build default).
std::filesystem::path vectors_dir();

// Parses `relative` under vectors_dir(); throws std::runtime_error naming the file on failure.
nlohmann::json load_vector_json(const std::string& relative);

// Hex (either case, even length) to bytes; throws std::invalid_argument on bad input.
Bytes from_hex(std::string_view hex);
std::string to_hex(const std::uint8_t* data, std::size_t len);
inline std::string to_hex(const Bytes& b) { return to_hex(b.data(), b.size()); }

// Finds the group/test of an ACVP expectedResults file by tgId/tcId (the README says join on
// ids, not array order). Returns nullptr when absent.
const nlohmann::json* find_acvp_test(const nlohmann::json& expected, int tg_id, int tc_id);

}  // namespace craton::test
