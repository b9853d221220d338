#include "support/vector_file.h"

#include <cstdlib>
#include <fstream>
#include <stdexcept>

namespace craton::test {

std::filesystem::path vectors_dir() {
    if (const char* env = std::getenv("CRATON_VECTORS_DIR"); env != nullptr && *env != '\0') {
        return env;
    }
    return CRATON_VECTORS_DIR;
}

nlohmann::json load_vector_json(const std::string& relative) {
    const auto path = vectors_dir() / relative;
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot open vector file " + path.string());
    return nlohmann::json::parse(in);
}

namespace {
int nibble(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}
}  // namespace

Bytes from_hex(std::string_view hex) {
    if (hex.size() % 2 != 0) throw std::invalid_argument("odd-length hex string");
    Bytes out(hex.size() / 2);
    for (std::size_t i = 0; i < out.size(); ++i) {
        const int hi = nibble(hex[2 * i]);
        const int lo = nibble(hex[2 * i + 1]);
        if (hi < 0 || lo < 0) throw std::invalid_argument("non-hex character");
        out[i] = static_cast<std::uint8_t>((hi << 4) | lo);
    }
    return out;
}

std::string to_hex(const std::uint8_t* data, std::size_t len) {
    static constexpr char kDigits[] = "0123456789ABCDEF";
    std::string out(len * 2, '0');
    for (std::size_t i = 0; i < len; ++i) {
        out[2 * i] = kDigits[data[i] >> 4];
        out[2 * i + 1] = kDigits[data[i] & 0xF];
    }
    return out;
}

const nlohmann::json* find_acvp_test(const nlohmann::json& expected, int tg_id, int tc_id) {
    for (const auto& group : expected.at("testGroups")) {
        if (group.at("tgId").get<int>() != tg_id) continue;
        for (const auto& test : group.at("tests")) {
            if (test.at("tcId").get<int>() == tc_id) return &test;
        }
    }
    return nullptr;
}

}  // namespace craton::test
