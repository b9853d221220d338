// One audit record as JSON and the hash that chains it to the previous one.
//
// A record is a JSON object serialised canonically: keys sorted, no whitespace, ASCII only
// (nlohmann-json's std::map ordering and dump(-1, ' ', true)). Its hash is
//   SHA-256(prev ‖ canonical record without "hash")            unkeyed chain
//   HMAC-SHA-256(audit key, prev ‖ canonical record without "hash")   keyed chain
// where prev is the previous record's 32-byte hash (zeros before the first record ever).
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "audit/event.h"

namespace craton::audit {

using Hash = std::array<std::uint8_t, 32>;

// The audit key, wiped when dropped. Empty: unkeyed SHA-256 chain.
class ChainKey {
  public:
    ChainKey() = default;
    explicit ChainKey(std::vector<std::uint8_t> key) : key_(std::move(key)) {}
    ChainKey(ChainKey&&) noexcept = default;
    ChainKey& operator=(ChainKey&&) noexcept;
    ~ChainKey();
    bool keyed() const noexcept { return !key_.empty(); }
    // The "chain" field of records made with this key.
    const char* algorithm() const noexcept { return keyed() ? "hmac-sha256" : "sha256"; }
    Hash hash(const Hash& prev, const std::string& canonical) const;

  private:
    std::vector<std::uint8_t> key_;
};

std::string to_hex(const Hash& h);
std::optional<Hash> from_hex(const std::string& s);

std::string canonical(const nlohmann::json& record);
// The record for `event` without its hash.
nlohmann::json make_record(const Event& event, std::uint64_t seq, const std::string& utc_time,
                           long pid, const Hash& prev, const char* chain);
// Adds "hash" and returns the line to write (canonical JSON and '\n').
std::string seal(nlohmann::json record, const ChainKey& key, const Hash& prev, Hash& out_hash);

// "2026-11-23T19:07:38.123456Z"
std::string utc_string(std::chrono::system_clock::time_point when);
std::string utc_now();

}  // namespace craton::audit
