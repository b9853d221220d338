#include "daemon/credential_stage.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <system_error>

#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

namespace craton::daemon {
namespace {

namespace fs = std::filesystem;

std::string read_file(const std::string& path, const char* what) {
    if (path.empty()) throw std::runtime_error(std::string("[daemon] ") + what + " is not set");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error(std::string("[daemon] ") + what + ": cannot read " + path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

using BioPtr = std::unique_ptr<BIO, decltype(&BIO_free)>;

BioPtr bio_of(const std::string& pem) {
    return BioPtr(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), BIO_free);
}

// The certificate must parse, the key must parse and belong to it, and the CA bundle must hold
// at least one certificate: otherwise the watcher would serve something unusable.
void check_consistent(const std::string& cert_pem, const std::string& key_pem,
                      const std::string& ca_pem) {
    auto cert_bio = bio_of(cert_pem);
    std::unique_ptr<X509, decltype(&X509_free)> cert(
        PEM_read_bio_X509(cert_bio.get(), nullptr, nullptr, nullptr), X509_free);
    if (!cert) throw std::runtime_error("[daemon] server_cert holds no PEM certificate");
    auto key_bio = bio_of(key_pem);
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
        PEM_read_bio_PrivateKey(key_bio.get(), nullptr, nullptr, nullptr), EVP_PKEY_free);
    if (!key) throw std::runtime_error("[daemon] server_key holds no PEM private key");
    if (X509_check_private_key(cert.get(), key.get()) != 1) {
        throw std::runtime_error("[daemon] server_key does not belong to server_cert");
    }
    auto ca_bio = bio_of(ca_pem);
    std::unique_ptr<X509, decltype(&X509_free)> ca(
        PEM_read_bio_X509(ca_bio.get(), nullptr, nullptr, nullptr), X509_free);
    if (!ca) throw std::runtime_error("[daemon] client_ca holds no PEM certificate");
}

void write_private(const fs::path& path, const std::string& data) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error("cannot write " + path.string());
    fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write);
    out.write(data.data(), static_cast<std::streamsize>(data.size()));
    if (!out.flush()) throw std::runtime_error("cannot write " + path.string());
}

}  // namespace

CredentialStage::CredentialStage(const config::DaemonConfig& config) : config_(config) {
    std::string templ = (fs::temp_directory_path() / "craton-hsm-daemon-XXXXXX").string();
    if (mkdtemp(templ.data()) == nullptr) {
        throw std::runtime_error("cannot create a private directory for the TLS files");
    }
    dir_ = templ;  // mkdtemp creates it with mode 0700
    try {
        stage();
    } catch (...) {
        std::error_code ignored;
        fs::remove_all(dir_, ignored);
        throw;
    }
}

CredentialStage::~CredentialStage() {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
}

void CredentialStage::stage() {
    const std::string cert = read_file(config_.server_cert, "server_cert");
    std::string key = read_file(config_.server_key, "server_key");
    std::string ca = read_file(config_.client_ca, "client_ca");
    const fs::path gen = dir_ / ("gen-" + std::to_string(generation_ + 1));
    try {
        check_consistent(cert, key, ca);
        fs::create_directory(gen);
        write_private(gen / "server.crt", cert);
        write_private(gen / "server.key", key);
        write_private(gen / "client_ca.pem", ca);
    } catch (...) {
        OPENSSL_cleanse(key.data(), key.size());
        std::error_code ignored;
        fs::remove_all(gen, ignored);
        throw;
    }
    OPENSSL_cleanse(key.data(), key.size());

    // rename(2) over the old symlink: the watcher sees the old generation or the new one.
    const fs::path link_tmp = dir_ / "current.new";
    std::error_code ignored;
    fs::remove(link_tmp, ignored);
    fs::create_directory_symlink(gen.filename(), link_tmp);
    fs::rename(link_tmp, dir_ / "current");
    ++generation_;
    ca_pem_ = std::move(ca);
    // The generation before the previous one is no longer read by anyone (the watcher reads
    // through `current` and finishes a read long before two reloads pass).
    if (generation_ > 2) fs::remove_all(dir_ / ("gen-" + std::to_string(generation_ - 2)), ignored);
}

}  // namespace craton::daemon
