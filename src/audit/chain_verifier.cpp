#include "audit/chain_verifier.h"

#include <openssl/crypto.h>

#include <algorithm>
#include <fstream>

namespace craton::audit {
namespace {

struct Walk {
    const ChainKey& key;
    std::optional<std::uint64_t> from;
    VerifyReport report;
    bool anchored = false;  // the next record must link to `last`
    ChainPoint last;

    bool broken(const std::filesystem::path& file, std::uint64_t line,
                std::optional<std::uint64_t> seq, std::string reason) {
        report.ok = false;
        report.file = file;
        report.line = line;
        report.seq = seq;
        report.reason = std::move(reason);
        return false;
    }

    // One line; false when it breaks the chain (report filled in).
    bool check(const std::filesystem::path& file, std::uint64_t line_no, const std::string& line) {
        auto rec = nlohmann::json::parse(line, nullptr, false);
        if (!rec.is_object()) return broken(file, line_no, std::nullopt, "not a JSON record");
        const auto seq_it = rec.find("seq");
        if (seq_it == rec.end() || !seq_it->is_number_unsigned()) {
            return broken(file, line_no, std::nullopt, "no sequence number");
        }
        const std::uint64_t seq = seq_it->get<std::uint64_t>();
        const auto field = [&](const char* name) -> std::optional<std::string> {
            const auto it = rec.find(name);
            if (it == rec.end() || !it->is_string()) return std::nullopt;
            return it->get<std::string>();
        };
        const auto hash_text = field("hash");
        const auto prev_text = field("prev");
        const auto chain = field("chain");
        if (!hash_text || !prev_text || !chain) {
            return broken(file, line_no, seq, "hash, prev or chain field missing");
        }
        // Byte-exact: an edit that keeps the JSON meaning (spacing, key order) is still an edit.
        if (canonical(rec) != line) {
            return broken(file, line_no, seq, "record is not in canonical form (edited)");
        }
        if (from && seq < *from) return true;
        const auto prev = from_hex(*prev_text);
        const auto stored = from_hex(*hash_text);
        if (!prev || !stored) return broken(file, line_no, seq, "malformed hash or prev");
        if (*chain != key.algorithm()) {
            return broken(
                file, line_no, seq,
                *chain == "hmac-sha256"
                    ? "keyed record: the audit key is needed (--key-file)"
                    : "record chain is \"" + *chain + "\", expected \"" + key.algorithm() + "\"");
        }
        if (!anchored) {
            if (from && seq != *from) {
                return broken(file, line_no, seq,
                              "record " + std::to_string(*from) + " is missing");
            }
            if (!from && (seq != 1 || *prev != Hash{})) {
                return broken(file, line_no, seq,
                              "chain does not start at the first record (seq " +
                                  std::to_string(seq) + "); use --from " + std::to_string(seq) +
                                  " or give the rotated files too");
            }
            report.first_seq = seq;
        } else {
            if (seq != last.seq + 1) {
                return broken(file, line_no, seq,
                              "sequence gap: expected " + std::to_string(last.seq + 1) +
                                  " (record deleted or reordered)");
            }
            if (CRYPTO_memcmp(prev->data(), last.hash.data(), prev->size()) != 0) {
                return broken(file, line_no, seq, "prev does not match the previous record's hash");
            }
        }
        rec.erase("hash");
        const Hash computed = key.hash(*prev, canonical(rec));
        if (CRYPTO_memcmp(computed.data(), stored->data(), computed.size()) != 0) {
            return broken(file, line_no, seq, "hash does not match the record (edited)");
        }
        anchored = true;
        last = ChainPoint{seq, *stored};
        ++report.records;
        report.last_seq = seq;
        return true;
    }
};

}  // namespace

VerifyReport verify_chain(const std::vector<std::filesystem::path>& files, const ChainKey& key,
                          std::optional<std::uint64_t> from, const ProgressFn& progress) {
    Walk walk{key, from, {}, false, {}};
    // Sizes up front, for a total that does not move; an unreadable file counts as empty
    // (the walk reports it when it gets there).
    std::uint64_t total = 0;
    for (const auto& file : files) {
        std::error_code ec;
        const auto size = std::filesystem::file_size(file, ec);
        if (!ec) total += size;
    }
    std::uint64_t done_before = 0;  // bytes of the files already walked
    std::uint64_t reported = 0;
    // Every record would be a std::function call per JSON line; 64 KiB steps are enough for
    // a display and still hundreds of steps on a large log.
    constexpr std::uint64_t kStep = 64 * 1024;
    for (const auto& file : files) {
        std::ifstream in(file, std::ios::binary);
        if (!in) {
            walk.broken(file, 0, std::nullopt, "cannot be read");
            return walk.report;
        }
        std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        std::uint64_t line_no = 0;
        std::size_t pos = 0;
        while (pos < text.size()) {
            ++line_no;
            const std::size_t nl = text.find('\n', pos);
            if (nl == std::string::npos) {
                walk.broken(file, line_no, std::nullopt, "torn last line (no newline)");
                return walk.report;
            }
            if (!walk.check(file, line_no, text.substr(pos, nl - pos))) return walk.report;
            pos = nl + 1;
            // min(): the file may have grown since it was measured (a live log).
            const std::uint64_t done = std::min<std::uint64_t>(done_before + pos, total);
            if (progress && done >= reported + kStep && done < total) {
                reported = done;
                progress(done, total);
            }
        }
        done_before += text.size();
    }
    if (from && !walk.anchored) {
        walk.broken(files.empty() ? std::filesystem::path{} : files.back(), 0, std::nullopt,
                    "record " + std::to_string(*from) + " not found");
    }
    if (progress && walk.report.ok) progress(total, total);
    return walk.report;
}

}  // namespace craton::audit
