// craton-hsm-admin sign-binary | verify-binary: the binary signing envelope
// (src/certified/signing/envelope.h) over a release file, keyed by an HMAC key file.
//
// sign-binary writes <file>.signed (or --out) = the file with the footer appended;
// --new-key creates the key file first. verify-binary exits 0 only for an intact envelope made
// with the given key, and with --extract writes the original bytes back out.
#include <ctime>
#include <fstream>
#include <iostream>
#include <iterator>

#include "certified/signing/envelope.h"
#include "certified/signing/signing_key.h"
#include "commands.h"

namespace craton::admin {
namespace {

signing::Bytes read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_file(const std::string& path, const signing::Bytes& data) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data.data()),
              static_cast<std::streamsize>(data.size()));
    if (!out) throw std::runtime_error("cannot write " + path);
}

// UTC time of signing: SOURCE_DATE_EPOCH when set, so a reproducible build signs reproducibly.
std::string signing_time() {
    std::time_t t = std::time(nullptr);
    if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch != nullptr) {
        t = static_cast<std::time_t>(std::stoll(epoch));
    }
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

}  // namespace

void add_sign_binary_commands(CLI::App& app, int& exit_code) {
    static std::string sign_in, sign_out, sign_key, sign_name;
    static bool new_key = false;
    CLI::App* sign = app.add_subcommand("sign-binary", "Append a signature footer to a binary");
    sign->add_option("file", sign_in, "File to sign")->required()->check(CLI::ExistingFile);
    sign->add_option("--key", sign_key, "HMAC key file (64 hex digits)")->required();
    sign->add_option("-o,--out", sign_out, "Signed output (default <file>.signed)");
    sign->add_option("--name", sign_name, "Name recorded in the metadata (default: file name)");
    sign->add_flag("--new-key", new_key, "Create the key file first (fails if it exists)");
    sign->callback([&exit_code] {
        try {
            if (new_key) signing::generate_key_file(sign_key);
            const auto key = signing::read_key_file(sign_key);
            const auto payload = read_file(sign_in);
            nlohmann::json meta{
                {"format", "craton-hsm-binary-signature"},
                {"name", sign_name.empty() ? std::filesystem::path(sign_in).filename().string()
                                           : sign_name},
                {"signed_at", signing_time()}};
            const auto out = sign_out.empty() ? sign_in + ".signed" : sign_out;
            write_file(out, signing::seal(payload, key, meta));
            std::cout << "signed " << sign_in << " -> " << out << " (key " << signing::key_id(key)
                      << ")\n";
        } catch (const std::exception& e) {
            std::cerr << "sign-binary: " << e.what() << "\n";
            exit_code = 1;
        }
    });

    static std::string verify_in, verify_key, extract;
    CLI::App* verify = app.add_subcommand("verify-binary", "Check a binary's signature footer");
    verify->add_option("file", verify_in, "Signed file")->required()->check(CLI::ExistingFile);
    verify->add_option("--key", verify_key, "HMAC key file")->required()->check(CLI::ExistingFile);
    verify->add_option("--extract", extract, "Write the original (unsigned) bytes here");
    verify->callback([&exit_code] {
        try {
            const auto key = signing::read_key_file(verify_key);
            const auto data = read_file(verify_in);
            const auto v = signing::open(data, key);
            if (v.status != signing::VerifyStatus::Ok) {
                std::cerr << "verify-binary: " << verify_in << ": " << signing::describe(v.status)
                          << "\n";
                exit_code = 1;
                return;
            }
            std::cout << "ok: " << verify_in << " " << signing::canonical_json(v.metadata) << "\n";
            if (!extract.empty()) {
                write_file(extract,
                           signing::Bytes(data.begin(), data.begin() + static_cast<std::ptrdiff_t>(
                                                                           v.payload_length)));
            }
        } catch (const std::exception& e) {
            std::cerr << "verify-binary: " << e.what() << "\n";
            exit_code = 1;
        }
    });
}

}  // namespace craton::admin
