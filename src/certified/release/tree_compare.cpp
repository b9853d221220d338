#include "certified/release/tree_compare.h"

#include <openssl/evp.h>

#include <fstream>
#include <map>
#include <memory>
#include <stdexcept>

namespace craton::release {
namespace {

namespace fs = std::filesystem;

std::map<std::string, fs::path> regular_files(const fs::path& root) {
    if (!fs::is_directory(root)) throw std::runtime_error(root.string() + " is not a directory");
    std::map<std::string, fs::path> out;
    for (const auto& e : fs::recursive_directory_iterator(root)) {
        if (e.is_regular_file()) out[fs::relative(e.path(), root).generic_string()] = e.path();
    }
    return out;
}

}  // namespace

std::string file_sha256(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path.string());
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1) {
        throw std::runtime_error("SHA-256 unavailable");
    }
    char buf[1 << 16];
    while (in) {
        in.read(buf, sizeof buf);
        if (in.gcount() > 0) EVP_DigestUpdate(ctx.get(), buf, static_cast<std::size_t>(in.gcount()));
    }
    unsigned char d[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    EVP_DigestFinal_ex(ctx.get(), d, &n);
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string hex;
    for (unsigned int i = 0; i < n; ++i) {
        hex.push_back(kDigits[d[i] >> 4]);
        hex.push_back(kDigits[d[i] & 0x0F]);
    }
    return hex;
}

std::vector<FileComparison> compare_trees(const fs::path& a, const fs::path& b) {
    const auto files_a = regular_files(a);
    const auto files_b = regular_files(b);
    std::map<std::string, FileComparison> all;
    for (const auto& [rel, path] : files_a) all[rel] = {rel, file_sha256(path), ""};
    for (const auto& [rel, path] : files_b) {
        auto& c = all[rel];
        c.path = rel;
        c.hash_b = file_sha256(path);
    }
    std::vector<FileComparison> out;
    for (auto& [rel, c] : all) out.push_back(std::move(c));
    return out;
}

}  // namespace craton::release
