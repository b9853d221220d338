// The integrity test on a file of our own: sign, verify, and each way it must fail (a flipped
// byte, a missing, malformed or mismatched sidecar).
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "selftest/integrity.h"

namespace craton::selftest {
namespace {

namespace fs = std::filesystem;

class IntegrityTest : public testing::Test {
  protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("craton-integrity-" + std::to_string(getpid()));
        fs::create_directories(dir_);
        module_ = dir_ / "libcraton_hsm.so";
        std::ofstream(module_, std::ios::binary) << std::string(100000, 'x') << "module";
    }
    void TearDown() override { fs::remove_all(dir_); }

    void flip_byte(std::streamoff at) {
        std::fstream f(module_, std::ios::binary | std::ios::in | std::ios::out);
        f.seekg(at);
        char c = 0;
        f.get(c);
        f.seekp(at);
        f.put(static_cast<char>(c ^ 0x20));
    }

    fs::path dir_, module_;
};

TEST(IntegritySidecar, PathNextToModule) {
    EXPECT_EQ(sidecar_path("/a/b/libcraton_hsm.so"), fs::path("/a/b/libcraton_hsm.hmac"));
    EXPECT_EQ(sidecar_path("/a/libcraton_hsm.so.0.1"), fs::path("/a/libcraton_hsm.hmac"));
    EXPECT_EQ(sidecar_path("bin/craton-hsm-daemon"), fs::path("bin/craton-hsm-daemon.hmac"));
}

TEST_F(IntegrityTest, SignThenVerify) {
    EXPECT_EQ(verify_integrity(module_), IntegrityStatus::SidecarMissing);
    EXPECT_EQ(write_sidecar(module_), dir_ / "libcraton_hsm.hmac");
    EXPECT_EQ(verify_integrity(module_), IntegrityStatus::Ok);
    std::ifstream in(dir_ / "libcraton_hsm.hmac");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(text.size(), 65u);
    EXPECT_EQ(text.back(), '\n');
}

TEST_F(IntegrityTest, FlippedByteIsDetected) {
    write_sidecar(module_);
    flip_byte(50000);
    EXPECT_EQ(verify_integrity(module_), IntegrityStatus::Mismatch);
}

TEST_F(IntegrityTest, AppendedByteIsDetected) {
    write_sidecar(module_);
    std::ofstream(module_, std::ios::binary | std::ios::app) << '\0';
    EXPECT_EQ(verify_integrity(module_), IntegrityStatus::Mismatch);
}

TEST_F(IntegrityTest, MalformedSidecar) {
    write_sidecar(module_);
    std::ofstream(dir_ / "libcraton_hsm.hmac") << "not hex at all";
    EXPECT_EQ(verify_integrity(module_), IntegrityStatus::SidecarMalformed);
    std::ofstream(dir_ / "libcraton_hsm.hmac") << std::string(64, 'a') << "trailing";
    EXPECT_EQ(verify_integrity(module_), IntegrityStatus::SidecarMalformed);
    std::ofstream(dir_ / "libcraton_hsm.hmac") << std::string(64, '0') << "\n";
    EXPECT_EQ(verify_integrity(module_), IntegrityStatus::Mismatch);
}

TEST_F(IntegrityTest, UnreadableModule) {
    EXPECT_EQ(verify_integrity(dir_ / "absent.so"), IntegrityStatus::ModuleUnreadable);
}

TEST(IntegrityKey, IsTheDocumentedConstant) {
    // docs/self-tests.md publishes this key; changing it invalidates every deployed sidecar.
    EXPECT_EQ(kIntegrityKey, "Craton HSM module integrity key v1");
}

}  // namespace
}  // namespace craton::selftest
