// The module integrity test through the ABI: a copy of the built module with its sidecar
// initialises; the same copy with one byte flipped after the build, with the sidecar missing,
// malformed or belonging to another file, fails C_Initialize with CKR_GENERAL_ERROR and
// leaves every call at CKR_GENERAL_ERROR. Each case loads its own copy in a child process.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "abi/module_fixture.h"
#include "abi/selftest_support.h"

namespace craton::abitest {
namespace {

namespace fs = std::filesystem;
using selftest::expect_error_state;
using selftest::in_child;

class SelfTestIntegrity : public testing::Test {
  protected:
    void SetUp() override {
        config_ = std::make_unique<TempConfig>(ConfigOptions{});
        char tmpl[] = "/tmp/craton-integrity-XXXXXX";
        ASSERT_NE(mkdtemp(tmpl), nullptr);
        dir_ = tmpl;
        const fs::path built = CRATON_MODULE_PATH;
        module_ = dir_ / built.filename();
        sidecar_ = dir_ / "libcraton_hsm.hmac";
        fs::copy_file(built, module_);
        fs::copy_file(built.parent_path() / "libcraton_hsm.hmac", sidecar_);
    }
    void TearDown() override {
        std::error_code ec;
        fs::remove_all(dir_, ec);
        config_.reset();
    }

    // Runs C_Initialize on the copy in a child; `want_ok` selects the expected outcome.
    int run_copy(bool want_ok) {
        const std::string path = module_.string();
        return in_child([&] {
            unsetenv("CRATON_SELFTEST_CORRUPT");
            CK_FUNCTION_LIST_3_0* f = selftest::load(path);
            if (f == nullptr) return 1;
            const CK_RV rv = f->C_Initialize(nullptr);
            if (want_ok) return rv == CKR_OK && f->C_Finalize(nullptr) == CKR_OK ? 0 : 2;
            if (rv != CKR_GENERAL_ERROR) return 3;
            return expect_error_state(f);
        });
    }

    // Flips one bit inside the module's .comment text ("GCC: (Debian ...)"), which the loader
    // never reads: the library still loads, only its bytes differ from the build.
    void flip_comment_byte() {
        std::string bytes;
        {
            std::ifstream in(module_, std::ios::binary);
            bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        }
        const std::size_t at = bytes.find("GCC: (");
        ASSERT_NE(at, std::string::npos);
        bytes[at + 1] ^= 0x20;  // 'C' -> 'c'
        std::ofstream(module_, std::ios::binary | std::ios::trunc) << bytes;
    }

    std::unique_ptr<TempConfig> config_;
    fs::path dir_, module_, sidecar_;
};

TEST_F(SelfTestIntegrity, IntactCopyInitializes) {
    EXPECT_EQ(run_copy(true), 0);
}

TEST_F(SelfTestIntegrity, ByteFlippedAfterBuildFails) {
    flip_comment_byte();
    EXPECT_EQ(run_copy(false), 0);
}

TEST_F(SelfTestIntegrity, MissingSidecarFails) {
    fs::remove(sidecar_);
    EXPECT_EQ(run_copy(false), 0);
}

TEST_F(SelfTestIntegrity, MalformedSidecarFails) {
    std::ofstream(sidecar_, std::ios::trunc) << "this is not an HMAC\n";
    EXPECT_EQ(run_copy(false), 0);
}

TEST_F(SelfTestIntegrity, MismatchedSidecarFails) {
    // A well-formed HMAC of some other file.
    std::ofstream(sidecar_, std::ios::trunc) << std::string(64, 'a') << "\n";
    EXPECT_EQ(run_copy(false), 0);
}

}  // namespace
}  // namespace craton::abitest
