// Reading an audit file: its lines, and the last complete record (where a writer continues).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "audit/record.h"

namespace craton::audit {

struct ChainPoint {
    std::uint64_t seq = 0;  // 0: nothing recorded yet
    Hash hash{};            // zeros before the first record
};

// The last '\n'-terminated line of the file open at `fd` that is a record (has seq and hash).
// nullopt when the file holds none. A torn tail (crash mid-write) is skipped.
std::optional<ChainPoint> last_record(int fd);
// True when the file at `fd` is non-empty and its last byte is not '\n' (a torn write).
bool ends_torn(int fd);

// A log and its rotated predecessors, oldest first: path.N … path.1, path.
std::vector<std::filesystem::path> rotation_set(const std::filesystem::path& path);
std::filesystem::path rotated_name(const std::filesystem::path& path, unsigned n);

}  // namespace craton::audit
