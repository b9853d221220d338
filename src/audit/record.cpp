#include "audit/record.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <stdexcept>

namespace craton::audit {

ChainKey& ChainKey::operator=(ChainKey&& other) noexcept {
    if (this != &other) {
        if (!key_.empty()) OPENSSL_cleanse(key_.data(), key_.size());
        key_ = std::move(other.key_);
    }
    return *this;
}

ChainKey::~ChainKey() {
    if (!key_.empty()) OPENSSL_cleanse(key_.data(), key_.size());
}

Hash ChainKey::hash(const Hash& prev, const std::string& canonical_text) const {
    Hash out{};
    std::vector<std::uint8_t> input;
    input.reserve(prev.size() + canonical_text.size());
    input.insert(input.end(), prev.begin(), prev.end());
    input.insert(input.end(), canonical_text.begin(), canonical_text.end());
    if (keyed()) {
        unsigned int len = 0;
        if (HMAC(EVP_sha256(), key_.data(), static_cast<int>(key_.size()), input.data(),
                 input.size(), out.data(), &len) == nullptr ||
            len != out.size()) {
            throw std::runtime_error("HMAC-SHA-256 failed");
        }
    } else if (SHA256(input.data(), input.size(), out.data()) == nullptr) {
        throw std::runtime_error("SHA-256 failed");
    }
    return out;
}

std::string to_hex(const Hash& h) {
    static const char kDigits[] = "0123456789abcdef";
    std::string s;
    s.reserve(h.size() * 2);
    for (std::uint8_t b : h) {
        s.push_back(kDigits[b >> 4]);
        s.push_back(kDigits[b & 15]);
    }
    return s;
}

std::optional<Hash> from_hex(const std::string& s) {
    Hash h{};
    if (s.size() != h.size() * 2) return std::nullopt;
    auto nibble = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        return -1;  // upper case is not canonical
    };
    for (std::size_t i = 0; i < h.size(); ++i) {
        const int hi = nibble(s[2 * i]), lo = nibble(s[2 * i + 1]);
        if (hi < 0 || lo < 0) return std::nullopt;
        h[i] = static_cast<std::uint8_t>(hi << 4 | lo);
    }
    return h;
}

std::string canonical(const nlohmann::json& record) {
    return record.dump(-1, ' ', true, nlohmann::json::error_handler_t::replace);
}

namespace {
const char* role_name(Role r) {
    switch (r) {
        case Role::Public:
            return "public";
        case Role::User:
            return "user";
        case Role::SO:
            return "so";
        case Role::None:
            break;
    }
    return nullptr;
}

template <class T>
nlohmann::json optional_value(const std::optional<T>& v) {
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}
}  // namespace

nlohmann::json make_record(const Event& e, std::uint64_t seq, const std::string& utc_time, long pid,
                           const Hash& prev, const char* chain) {
    nlohmann::json r = nlohmann::json::object();
    r["seq"] = seq;
    r["time"] = utc_time;
    r["pid"] = pid;
    r["slot"] = optional_value(e.slot);
    r["session"] = optional_value(e.session);
    const char* role = role_name(e.role);
    r["role"] = role != nullptr ? nlohmann::json(role) : nlohmann::json(nullptr);
    r["op"] = e.op;
    r["mechanism"] = e.mechanism.empty() ? nlohmann::json(nullptr) : nlohmann::json(e.mechanism);
    if (e.objects.empty()) {
        r["object"] = nullptr;
    } else if (e.objects.size() == 1) {
        r["object"] = e.objects.front();
    } else {
        r["object"] = e.objects;
    }
    r["key"] = optional_value(e.key);
    r["rv"] = e.rv;
    r["fips_approved"] = optional_value(e.fips_approved);
    if (!e.detail.empty()) r["detail"] = e.detail;
    r["chain"] = chain;
    r["prev"] = to_hex(prev);
    return r;
}

std::string seal(nlohmann::json record, const ChainKey& key, const Hash& prev, Hash& out_hash) {
    std::string text = canonical(record);
    out_hash = key.hash(prev, text);
    // Serialising once more with "hash" added would cost as much again as building the record
    // (the signing hot path). Every record has "key", the member that sorts right after
    // "hash", and `,"key":` cannot occur inside a string value (its quotes would be escaped),
    // so the hash goes in front of it. The verifier checks the result is canonical.
    static const std::string kAfterHash = ",\"key\":";
    const std::size_t at = text.find(kAfterHash);
    if (at == std::string::npos) {
        record["hash"] = to_hex(out_hash);
        text = canonical(record);
    } else {
        text.insert(at, ",\"hash\":\"" + to_hex(out_hash) + "\"");
    }
    text.push_back('\n');
    return text;
}

std::string utc_string(std::chrono::system_clock::time_point when) {
    const auto micros =
        std::chrono::duration_cast<std::chrono::microseconds>(when.time_since_epoch()).count();
    const std::time_t secs = static_cast<std::time_t>(micros / 1000000);
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char date[32];
    std::strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S", &tm);
    char fraction[16];
    std::snprintf(fraction, sizeof fraction, ".%06dZ", static_cast<int>(micros % 1000000));
    return std::string(date) + fraction;
}

std::string utc_now() {
    return utc_string(std::chrono::system_clock::now());
}

}  // namespace craton::audit
