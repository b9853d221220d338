// Signing key files: created owner-only from the module DRBG, never overwritten, read back as
// hex; short keys are refused.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "certified/signing/signing_key.h"

namespace craton::signing {
namespace {

std::filesystem::path temp_path(const char* name) {
    auto dir = std::filesystem::temp_directory_path() /
               ("craton-signing-key-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    return dir / name;
}

TEST(SigningKeyFile, GeneratedKeyIsOwnerOnlyAndReadsBack) {
    const auto path = temp_path("new.key");
    std::filesystem::remove(path);
    generate_key_file(path);
    struct stat st {};
    ASSERT_EQ(::stat(path.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    EXPECT_EQ(read_key_file(path).size(), 32u);
    EXPECT_THROW(generate_key_file(path), std::runtime_error);  // never overwrites
    std::filesystem::remove_all(path.parent_path());
}

TEST(SigningKeyFile, HexKeyIsDecoded) {
    const auto path = temp_path("hex.key");
    std::ofstream(path) << std::string(64, 'a') << "\n";
    EXPECT_EQ(read_key_file(path), Bytes(32, 0xAA));
    std::filesystem::remove_all(path.parent_path());
}

TEST(SigningKeyFile, ShortKeyIsRefused) {
    const auto path = temp_path("short.key");
    std::ofstream(path) << std::string(62, 'a') << "\n";
    EXPECT_THROW(read_key_file(path), std::runtime_error);
    std::filesystem::remove_all(path.parent_path());
}

}  // namespace
}  // namespace craton::signing
