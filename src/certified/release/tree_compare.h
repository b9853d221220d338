// Compares two release output trees file by file (SHA-256): the check that two builds from the
// same source in different directories produced identical artefacts.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace craton::release {

struct FileComparison {
    std::string path;    // relative to the tree root
    std::string hash_a;  // lowercase hex SHA-256, "" when the file is absent from tree A
    std::string hash_b;  // likewise for tree B
    bool identical() const { return !hash_a.empty() && hash_a == hash_b; }
};

// Every regular file of either tree, sorted by path. Throws std::runtime_error if a root is not
// a directory or a file cannot be read.
std::vector<FileComparison> compare_trees(const std::filesystem::path& a,
                                          const std::filesystem::path& b);

// SHA-256 of a file, lowercase hex.
std::string file_sha256(const std::filesystem::path& path);

}  // namespace craton::release
