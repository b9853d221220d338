#include "selftest/integrity.h"

#include <dlfcn.h>

#include <fstream>
#include <stdexcept>
#include <vector>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "selftest/fault_injection.h"

namespace craton::selftest {
namespace {

int nibble(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Parses the sidecar: exactly 64 hex digits, then only whitespace.
bool parse_sidecar(const std::string& text, IntegrityMac& mac) {
    if (text.size() < 64) return false;
    for (std::size_t i = 0; i < 32; ++i) {
        const int hi = nibble(text[2 * i]), lo = nibble(text[2 * i + 1]);
        if (hi < 0 || lo < 0) return false;
        mac[i] = static_cast<std::uint8_t>(hi << 4 | lo);
    }
    for (std::size_t i = 64; i < text.size(); ++i) {
        if (text[i] != '\n' && text[i] != '\r' && text[i] != ' ' && text[i] != '\t') return false;
    }
    return true;
}

}  // namespace

IntegrityMac file_hmac(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + file.string());
    EVP_MAC* mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
    EVP_MAC_CTX* ctx = mac == nullptr ? nullptr : EVP_MAC_CTX_new(mac);
    char digest[] = "SHA2-256";
    const OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
                                 OSSL_PARAM_construct_end()};
    bool ok = ctx != nullptr &&
              EVP_MAC_init(ctx, reinterpret_cast<const unsigned char*>(kIntegrityKey.data()),
                           kIntegrityKey.size(), params) == 1;
    std::vector<char> buf(1 << 16);
    while (ok && in) {
        in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
        const std::streamsize n = in.gcount();
        if (n > 0) {
            ok = EVP_MAC_update(ctx, reinterpret_cast<const unsigned char*>(buf.data()),
                                static_cast<std::size_t>(n)) == 1;
        }
    }
    ok = ok && in.eof() && !in.bad();
    IntegrityMac out{};
    std::size_t len = 0;
    ok = ok && EVP_MAC_final(ctx, out.data(), &len, out.size()) == 1 && len == out.size();
    EVP_MAC_CTX_free(ctx);
    EVP_MAC_free(mac);
    if (!ok) throw std::runtime_error("cannot compute the HMAC of " + file.string());
    return out;
}

std::filesystem::path sidecar_path(const std::filesystem::path& module) {
    std::string name = module.filename().string();
    const std::size_t so = name.find(".so");
    if (so != std::string::npos && so > 0) name.resize(so);
    return module.parent_path() / (name + ".hmac");
}

std::string format_sidecar(const IntegrityMac& mac) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string s;
    for (std::uint8_t b : mac) {
        s += kHex[b >> 4];
        s += kHex[b & 15];
    }
    return s + "\n";
}

std::filesystem::path write_sidecar(const std::filesystem::path& module) {
    const std::filesystem::path out = sidecar_path(module);
    const std::string text = format_sidecar(file_hmac(module));
    std::ofstream f(out, std::ios::binary | std::ios::trunc);
    f << text;
    f.close();
    if (!f) throw std::runtime_error("cannot write " + out.string());
    return out;
}

const char* describe(IntegrityStatus s) noexcept {
    switch (s) {
        case IntegrityStatus::Ok:
            return "ok";
        case IntegrityStatus::ModuleUnreadable:
            return "module file cannot be read";
        case IntegrityStatus::SidecarMissing:
            return "integrity sidecar (.hmac) is missing";
        case IntegrityStatus::SidecarMalformed:
            return "integrity sidecar (.hmac) is malformed";
        case IntegrityStatus::Mismatch:
            return "module HMAC does not match its sidecar";
    }
    return "?";
}

IntegrityStatus verify_integrity(const std::filesystem::path& module) {
    IntegrityMac actual{};
    try {
        actual = file_hmac(module);
    } catch (const std::exception&) {
        return IntegrityStatus::ModuleUnreadable;
    }
    std::ifstream in(sidecar_path(module), std::ios::binary);
    if (!in) return IntegrityStatus::SidecarMissing;
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    IntegrityMac want{};
    if (text.size() > 256 || !parse_sidecar(text, want)) return IntegrityStatus::SidecarMalformed;
    if (fault_injected("integrity")) actual[0] ^= 0x01;
    const bool equal = CRYPTO_memcmp(actual.data(), want.data(), want.size()) == 0;
    OPENSSL_cleanse(actual.data(), actual.size());
    return equal ? IntegrityStatus::Ok : IntegrityStatus::Mismatch;
}

std::filesystem::path own_module_path() {
    Dl_info info{};
    if (dladdr(reinterpret_cast<const void*>(&own_module_path), &info) == 0 ||
        info.dli_fname == nullptr) {
        return {};
    }
    return info.dli_fname;
}

}  // namespace craton::selftest
