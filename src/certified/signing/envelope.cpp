#include "certified/signing/envelope.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

#include <algorithm>
#include <optional>
#include <stdexcept>

namespace craton::signing {
namespace {

void put_le(Bytes& out, std::uint64_t v, int bytes) {
    for (int i = 0; i < bytes; ++i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}

std::uint64_t get_le(const std::uint8_t* p, int bytes) {
    std::uint64_t v = 0;
    for (int i = bytes - 1; i >= 0; --i) v = v << 8 | p[i];
    return v;
}

std::string hex(const std::uint8_t* p, std::size_t n) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string s;
    for (std::size_t i = 0; i < n; ++i) {
        s.push_back(kDigits[p[i] >> 4]);
        s.push_back(kDigits[p[i] & 0x0F]);
    }
    return s;
}

std::array<std::uint8_t, kTagBytes> hmac_sha256(ByteView key, ByteView data) {
    std::array<std::uint8_t, kTagBytes> tag{};
    unsigned int n = 0;
    if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), data.data(), data.size(),
             tag.data(), &n) == nullptr ||
        n != kTagBytes) {
        throw std::runtime_error("HMAC-SHA-256 failed");
    }
    return tag;
}

// Where the pieces of a footer sit, read from the end of `data`.
struct FooterLayout {
    std::size_t footer_start;    // offset of the magic
    std::uint64_t recorded_len;  // the payload length the footer claims
    std::uint8_t version;
    std::size_t metadata_start;
    std::size_t metadata_len;
};

std::optional<FooterLayout> locate(ByteView data) {
    if (data.size() < kFixedFooterBytes) return std::nullopt;
    const std::size_t tag_start = data.size() - kTagBytes;
    const std::size_t meta_len_at = tag_start - 4;
    const auto meta_len = static_cast<std::size_t>(get_le(data.data() + meta_len_at, 4));
    if (meta_len > data.size() - kFixedFooterBytes) return std::nullopt;
    const std::size_t metadata_start = meta_len_at - meta_len;
    const std::size_t footer_start = metadata_start - 8 - 1 - kMagic.size();
    if (!std::equal(kMagic.begin(), kMagic.end(), data.begin() + static_cast<std::ptrdiff_t>(footer_start))) {
        return std::nullopt;
    }
    return FooterLayout{footer_start, get_le(data.data() + footer_start + kMagic.size() + 1, 8),
                        data[footer_start + kMagic.size()], metadata_start, meta_len};
}

std::string sha256_hex(ByteView data) {
    std::uint8_t d[SHA256_DIGEST_LENGTH];
    SHA256(data.data(), data.size(), d);
    return hex(d, sizeof d);
}

}  // namespace

std::string describe(VerifyStatus status) {
    switch (status) {
        case VerifyStatus::Ok:
            return "signature valid";
        case VerifyStatus::Malformed:
            return "no intact signature footer (file not signed, truncated or padded)";
        case VerifyStatus::BadVersion:
            return "unknown signature footer version";
        case VerifyStatus::LengthMismatch:
            return "payload length differs from the signed length (bytes inserted or removed)";
        case VerifyStatus::WrongKey:
            return "signed with a different key";
        case VerifyStatus::TagMismatch:
            return "signature tag does not match (file or footer modified)";
        case VerifyStatus::BadMetadata:
            return "signed metadata is not canonical or does not describe the payload";
        case VerifyStatus::NestedFooter:
            return "payload already carries a signature footer (nested envelope)";
    }
    return "unknown status";
}

std::string canonical_json(const nlohmann::json& j) {
    // nlohmann::json keeps object keys sorted; dump() without indent has no whitespace.
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::strict);
}

std::string key_id(ByteView key) {
    std::uint8_t d[SHA256_DIGEST_LENGTH];
    SHA256(key.data(), key.size(), d);
    return hex(d, 8);
}

bool ends_with_footer(ByteView data) {
    const auto layout = locate(data);
    return layout && layout->recorded_len == layout->footer_start;
}

Bytes seal(ByteView payload, ByteView key, nlohmann::json metadata) {
    if (key.size() < kMinKeyBytes) throw std::invalid_argument("signing key shorter than 32 bytes");
    if (!metadata.is_object()) throw std::invalid_argument("metadata must be a JSON object");
    if (ends_with_footer(payload)) {
        throw std::invalid_argument("input is already signed; sign the original binary");
    }
    metadata["size"] = payload.size();
    metadata["sha256"] = sha256_hex(payload);
    metadata["key_id"] = key_id(key);
    const std::string meta = canonical_json(metadata);
    if (meta.size() > 0xFFFFFFFFu) throw std::invalid_argument("metadata too large");

    Bytes out(payload.begin(), payload.end());
    out.insert(out.end(), kMagic.begin(), kMagic.end());
    out.push_back(kVersion);
    put_le(out, payload.size(), 8);
    out.insert(out.end(), meta.begin(), meta.end());
    put_le(out, meta.size(), 4);
    const auto tag = hmac_sha256(key, out);
    out.insert(out.end(), tag.begin(), tag.end());
    return out;
}

Verified open(ByteView signed_file, ByteView key) {
    Verified v;
    const auto layout = locate(signed_file);
    if (!layout) return v;  // Malformed
    if (layout->version != kVersion) {
        v.status = VerifyStatus::BadVersion;
        return v;
    }
    if (layout->recorded_len != layout->footer_start) {
        v.status = VerifyStatus::LengthMismatch;
        return v;
    }
    const std::size_t tag_start = signed_file.size() - kTagBytes;
    const auto tag = hmac_sha256(key, signed_file.first(tag_start));
    const std::string meta_text(
        reinterpret_cast<const char*>(signed_file.data() + layout->metadata_start),
        layout->metadata_len);
    if (CRYPTO_memcmp(tag.data(), signed_file.data() + tag_start, kTagBytes) != 0) {
        // Unauthenticated hint only: tell "another key" from "changed file" when the
        // metadata still parses and names a different key.
        v.status = VerifyStatus::TagMismatch;
        const auto meta = nlohmann::json::parse(meta_text, nullptr, false);
        if (!meta.is_discarded() && meta.is_object() && meta.contains("key_id") &&
            meta["key_id"] != key_id(key)) {
            v.status = VerifyStatus::WrongKey;
        }
        return v;
    }
    const ByteView payload = signed_file.first(layout->footer_start);
    const auto meta = nlohmann::json::parse(meta_text, nullptr, false);
    if (meta.is_discarded() || !meta.is_object() || canonical_json(meta) != meta_text ||
        meta.value("size", std::uint64_t{0}) != payload.size() ||
        meta.value("sha256", std::string()) != sha256_hex(payload)) {
        v.status = VerifyStatus::BadMetadata;
        return v;
    }
    if (ends_with_footer(payload)) {
        v.status = VerifyStatus::NestedFooter;
        return v;
    }
    v.status = VerifyStatus::Ok;
    v.payload_length = payload.size();
    v.metadata = meta;
    return v;
}

}  // namespace craton::signing
