#include "certified/acvp/digest_support.h"

#include <openssl/evp.h>

#include <memory>

#include "pqc/keccak/keccak.h"

namespace craton::acvp::digest {

Bytes evp(const std::string& name, ByteView data) {
    std::unique_ptr<EVP_MD, decltype(&EVP_MD_free)> md(EVP_MD_fetch(nullptr, name.c_str(), nullptr),
                                                       EVP_MD_free);
    if (!md) throw Unsupported("digest " + name);
    Bytes out(static_cast<std::size_t>(EVP_MD_get_size(md.get())));
    unsigned int n = 0;
    if (EVP_Digest(data.data(), data.size(), out.data(), &n, md.get(), nullptr) != 1) {
        throw std::runtime_error("digest " + name + " failed");
    }
    out.resize(n);
    return out;
}

Bytes message_digest(const std::string& acvp_name, ByteView msg) {
    if (acvp_name == "SHAKE-128" || acvp_name == "SHAKE-256") {
        const bool s128 = acvp_name == "SHAKE-128";
        Bytes out(s128 ? 32 : 64);
        std::unique_ptr<EVP_MD, decltype(&EVP_MD_free)> md(
            EVP_MD_fetch(nullptr, s128 ? "SHAKE128" : "SHAKE256", nullptr), EVP_MD_free);
        std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(),
                                                                    EVP_MD_CTX_free);
        if (!md || !ctx || EVP_DigestInit_ex2(ctx.get(), md.get(), nullptr) != 1 ||
            EVP_DigestUpdate(ctx.get(), msg.data(), msg.size()) != 1 ||
            EVP_DigestFinalXOF(ctx.get(), out.data(), out.size()) != 1) {
            throw std::runtime_error(acvp_name + " failed");
        }
        return out;
    }
    return evp(acvp_name == "SHA-1" ? "SHA1" : acvp_name, msg);
}

Bytes keccak_bits(std::size_t rate, std::uint8_t domain, const Bytes& msg, long long bits,
                  long long out_bits) {
    pqc::KeccakSponge sponge(rate, domain);
    const auto whole = static_cast<std::size_t>(bits / 8);
    const auto rest = static_cast<unsigned>(bits % 8);
    if (msg.size() < whole + (rest != 0 ? 1 : 0)) throw std::invalid_argument("short message");
    sponge.absorb(msg.data(), whole);
    // ACVP writes the trailing bits MSB-first; the sponge takes them in its low bits.
    sponge.finalize_with_bits(rest != 0 ? static_cast<std::uint8_t>(msg[whole] >> (8 - rest)) : 0,
                              rest);
    Bytes out(static_cast<std::size_t>((out_bits + 7) / 8));
    sponge.squeeze(out.data(), out.size());
    if (const auto keep = static_cast<unsigned>(out_bits % 8); keep != 0) {
        out.back() = static_cast<std::uint8_t>(out.back() & ((1u << keep) - 1));
    }
    return out;
}

}  // namespace craton::acvp::digest
