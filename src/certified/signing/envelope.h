// The binary signing envelope: a footer appended to a release binary that binds its exact
// bytes and a small metadata record to an HMAC-SHA-256 key.
//
//   signed file = payload || "RHSMSIGN" || version (1 byte) || payload length (u64 LE)
//                 || metadata (canonical JSON) || metadata length (u32 LE) || tag (32 bytes)
//   tag = HMAC-SHA-256(key, every byte before the tag)
//
// The footer is read from the end. The recorded payload length must equal where the footer
// starts (bytes inserted into or cut from the payload), the magic and version must be where the
// lengths put them (cut or padded footers), the tag must match in constant time (any change,
// or another key), and the payload must not itself end in a footer (a re-signed, nested old
// envelope whose inner signature would otherwise go unchecked).
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace craton::signing {

using Bytes = std::vector<std::uint8_t>;
using ByteView = std::span<const std::uint8_t>;

inline constexpr std::array<std::uint8_t, 8> kMagic = {'R', 'H', 'S', 'M', 'S', 'I', 'G', 'N'};
inline constexpr std::uint8_t kVersion = 1;
inline constexpr std::size_t kTagBytes = 32;
// Footer bytes besides the metadata: magic, version, u64 length, u32 metadata length, tag.
inline constexpr std::size_t kFixedFooterBytes = 8 + 1 + 8 + 4 + kTagBytes;
// Keys shorter than the tag add no strength and are refused.
inline constexpr std::size_t kMinKeyBytes = 32;

enum class VerifyStatus {
    Ok,
    Malformed,       // no footer where the lengths say (truncated, padded, not signed)
    BadVersion,      // a footer of a format version this code does not know
    LengthMismatch,  // the payload is not the recorded length (bytes inserted or removed)
    WrongKey,        // the tag fails and the metadata names another key
    TagMismatch,     // the tag fails: the file or footer was changed
    BadMetadata,     // authenticated, but not canonical JSON or inconsistent with the payload
    NestedFooter,    // the payload itself ends in an envelope (signed twice)
};

std::string describe(VerifyStatus status);

// The one serialisation the tag covers: keys sorted, no whitespace, UTF-8.
std::string canonical_json(const nlohmann::json& j);

// Short identifier of a key (first 8 bytes of SHA-256(key), hex), recorded in the metadata so a
// wrong key can be told from a changed file.
std::string key_id(ByteView key);

// Whether `data` ends in a structurally valid footer (magic, version and lengths consistent);
// says nothing about the tag.
bool ends_with_footer(ByteView data);

// payload || footer. Throws std::invalid_argument for a short key, metadata that is not an
// object, or a payload that already ends in a footer (sign the original instead).
// `metadata` gets "size", "sha256" and "key_id" filled in from the payload and key.
Bytes seal(ByteView payload, ByteView key, nlohmann::json metadata);

struct Verified {
    VerifyStatus status = VerifyStatus::Malformed;
    std::size_t payload_length = 0;  // valid when status == Ok
    nlohmann::json metadata;         // valid when status == Ok
};

Verified open(ByteView signed_file, ByteView key);

}  // namespace craton::signing
