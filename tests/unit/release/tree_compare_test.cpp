// Release-tree comparison: identical trees pass; a changed byte, a missing file or an extra file
// is reported with its path. Expected hashes are SHA-256 test values from FIPS 180-2 ("abc").
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "certified/release/tree_compare.h"

namespace craton::release {
namespace {

namespace fs = std::filesystem;

struct Trees {
    fs::path root = fs::temp_directory_path() / ("craton-tree-test-" + std::to_string(::getpid()));
    fs::path a = root / "a", b = root / "b";
    Trees() {
        fs::create_directories(a / "lib");
        fs::create_directories(b / "lib");
        write(a / "lib/x.so", "abc");
        write(b / "lib/x.so", "abc");
    }
    ~Trees() { fs::remove_all(root); }
    static void write(const fs::path& p, const std::string& s) { std::ofstream(p) << s; }
};

TEST(ReleaseTreeCompare, FileHashIsSha256) {
    Trees t;
    EXPECT_EQ(file_sha256(t.a / "lib/x.so"),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(ReleaseTreeCompare, IdenticalTreesMatch) {
    Trees t;
    const auto files = compare_trees(t.a, t.b);
    ASSERT_EQ(files.size(), 1u);
    EXPECT_EQ(files[0].path, "lib/x.so");
    EXPECT_TRUE(files[0].identical());
}

TEST(ReleaseTreeCompare, ChangedByteIsReported) {
    Trees t;
    Trees::write(t.b / "lib/x.so", "abd");
    const auto files = compare_trees(t.a, t.b);
    ASSERT_EQ(files.size(), 1u);
    EXPECT_FALSE(files[0].identical());
}

TEST(ReleaseTreeCompare, MissingAndExtraFilesAreReported) {
    Trees t;
    Trees::write(t.a / "only_a", "1");
    Trees::write(t.b / "only_b", "2");
    const auto files = compare_trees(t.a, t.b);
    ASSERT_EQ(files.size(), 3u);
    EXPECT_TRUE(files[0].identical());  // lib/x.so sorts first
    EXPECT_EQ(files[1].path, "only_a");
    EXPECT_TRUE(files[1].hash_b.empty());
    EXPECT_EQ(files[2].path, "only_b");
    EXPECT_TRUE(files[2].hash_a.empty());
}

}  // namespace
}  // namespace craton::release
