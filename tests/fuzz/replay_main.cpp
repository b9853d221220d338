// Replays fuzz inputs without libFuzzer: `<program> <file or directory>...` runs the target's
// LLVMFuzzerTestOneInput once per file. `make test` builds this with the ordinary compiler, so
// the committed seed corpus and every regression input run on each test pass, clang or not.
// A crash, a sanitizer report or an exception out of the entry point fails the run.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);
extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) __attribute__((weak));

namespace {

int replay_file(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    const std::vector<char> bytes((std::istreambuf_iterator<char>(in)),
                                  std::istreambuf_iterator<char>());
    std::vector<std::uint8_t> data(bytes.begin(), bytes.end());
    // A copy of exactly the file's size, so ASan sees any read past the input.
    LLVMFuzzerTestOneInput(data.data(), data.size());
    return 1;
}

}  // namespace

int main(int argc, char** argv) {
    if (LLVMFuzzerInitialize != nullptr) LLVMFuzzerInitialize(&argc, &argv);
    int files = 0;
    for (int i = 1; i < argc; ++i) {
        const std::filesystem::path arg(argv[i]);
        if (std::filesystem::is_directory(arg)) {
            std::vector<std::filesystem::path> entries;
            for (const auto& e : std::filesystem::directory_iterator(arg)) {
                if (e.is_regular_file()) entries.push_back(e.path());
            }
            std::sort(entries.begin(), entries.end());
            for (const auto& e : entries) files += replay_file(e);
        } else if (std::filesystem::exists(arg)) {
            files += replay_file(arg);
        }
        // A missing directory is an empty set (a target with no regressions yet).
    }
    std::printf("replayed %d inputs\n", files);
    return files > 0 ? 0 : 1;
}
