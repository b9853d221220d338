#include "certified/signing/signing_key.h"

#include <fcntl.h>
#include <openssl/crypto.h>
#include <unistd.h>

#include <cctype>
#include <fstream>
#include <iterator>
#include <stdexcept>

#include "rng/random.h"

namespace craton::signing {
namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

Bytes read_key_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read key file " + path.string());
    std::string raw((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::string digits;
    bool is_hex = true;
    for (const char c : raw) {
        if (std::isspace(static_cast<unsigned char>(c))) continue;
        if (hex_value(c) < 0) {
            is_hex = false;
            break;
        }
        digits.push_back(c);
    }
    Bytes key;
    if (is_hex && !digits.empty() && digits.size() % 2 == 0) {
        for (std::size_t i = 0; i < digits.size(); i += 2) {
            key.push_back(static_cast<std::uint8_t>(hex_value(digits[i]) << 4 | hex_value(digits[i + 1])));
        }
    } else {
        key.assign(raw.begin(), raw.end());
    }
    OPENSSL_cleanse(raw.data(), raw.size());
    OPENSSL_cleanse(digits.data(), digits.size());
    if (key.size() < kMinKeyBytes) {
        throw std::runtime_error("key file " + path.string() + " holds fewer than 32 bytes");
    }
    return key;
}

void generate_key_file(const std::filesystem::path& path) {
    std::uint8_t key[32];
    rng::random_bytes(key);
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string text;
    for (const std::uint8_t b : key) {
        text.push_back(kDigits[b >> 4]);
        text.push_back(kDigits[b & 0x0F]);
    }
    text.push_back('\n');
    OPENSSL_cleanse(key, sizeof key);
    // O_EXCL: never replace an existing key; 0600: the key is a secret.
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) throw std::runtime_error("cannot create key file " + path.string() + " (exists?)");
    const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
    OPENSSL_cleanse(text.data(), text.size());
    if (::close(fd) != 0 || !ok) throw std::runtime_error("cannot write key file " + path.string());
}

}  // namespace craton::signing
