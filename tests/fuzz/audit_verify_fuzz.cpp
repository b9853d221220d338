// Fuzz target: the audit chain verifier (src/audit/chain_verifier, verify_chain). Its input is
// a log an attacker may have edited, so any file contents must yield a report (ok, or the first
// broken record), never a crash or an exception.
// Input: a flags byte (bit 0 keyed chain, bit 1 start at record `from`, bit 2 two files), a
// `from` byte, then the first file as a length-prefixed chunk and the second file as the rest
// (with bit 2 clear, the chunk is ignored and the rest is the only file).
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "audit/chain_verifier.h"
#include "fuzz_input.h"

namespace {

using craton::fuzz::FuzzInput;
namespace audit = craton::audit;

// The key make_seeds.py uses for the keyed-chain seeds: 32 bytes of 0x4b.
const audit::ChainKey& fuzz_key() {
    static const audit::ChainKey key(std::vector<std::uint8_t>(32, 0x4b));
    return key;
}

// One directory per process (two fuzzers may run at once), removed at exit.
struct ScratchDir {
    std::filesystem::path path = std::filesystem::temp_directory_path() /
                                 ("craton-fuzz-audit-" + std::to_string(::getpid()));
    ScratchDir() { std::filesystem::create_directories(path); }
    ~ScratchDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path, ignored);
    }
};

const std::filesystem::path& scratch_dir() {
    static const ScratchDir dir;
    return dir.path;
}

std::filesystem::path write_file(const char* name, std::span<const std::uint8_t> bytes) {
    const auto path = scratch_dir() / name;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(bytes.data()),
              static_cast<std::streamsize>(bytes.size()));
    return path;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    FuzzInput in(data, size);
    const std::uint8_t flags = in.byte();
    const std::uint8_t from = in.byte();
    const auto first = in.chunk();
    const auto second = in.rest();
    std::vector<std::filesystem::path> files;
    if ((flags & 4) != 0) files.push_back(write_file("audit.log.1", first));
    files.push_back(write_file("audit.log", second));
    const audit::ChainKey unkeyed;
    const auto report =
        audit::verify_chain(files, (flags & 1) != 0 ? fuzz_key() : unkeyed,
                            (flags & 2) != 0 ? std::optional<std::uint64_t>(from) : std::nullopt);
    // A failing report must say why; a passing one cannot have checked more records than lines.
    if (!report.ok && report.reason.empty()) std::abort();
    if (report.ok && report.records > first.size() + second.size()) std::abort();
    return 0;
}
