// ACVP SHA-1, SHA-2 (FIPS 180-4) and SHA-3 (FIPS 202) hash vector sets: AFT, MCT (standard and
// alternate), LDT (the 1 GiB+ "repeating" large messages, hashed in a stream).
#include <openssl/evp.h>

#include <memory>
#include <stdexcept>

#include "certified/acvp/digest_support.h"
#include "certified/acvp/families.h"
#include "certified/acvp/registry.h"

namespace craton::acvp {
namespace {

struct HashAlg {
    const char* acvp;      // ACVP algorithm name
    const char* revision;  // the revision we answer
    const char* evp;       // OpenSSL name
    std::size_t rate;      // Keccak rate (SHA-3 only), 0 for SHA-1/2
};

constexpr HashAlg kHashes[] = {
    {"SHA-1", "1.0", "SHA1", 0},
    {"SHA2-224", "1.0", "SHA2-224", 0},
    {"SHA2-256", "1.0", "SHA2-256", 0},
    {"SHA2-384", "1.0", "SHA2-384", 0},
    {"SHA2-512", "1.0", "SHA2-512", 0},
    {"SHA2-512/224", "1.0", "SHA2-512/224", 0},
    {"SHA2-512/256", "1.0", "SHA2-512/256", 0},
    {"SHA3-224", "2.0", "SHA3-224", 144},
    {"SHA3-256", "2.0", "SHA3-256", 136},
    {"SHA3-384", "2.0", "SHA3-384", 104},
    {"SHA3-512", "2.0", "SHA3-512", 72},
};

// A message of `bits` bits. Whole bytes go through EVP (the module's digest path); SHA-3 takes
// partial bytes through our Keccak sponge; SHA-1/2 cannot (EVP is byte-oriented).
Bytes hash_bits(const HashAlg& h, const Bytes& msg, long long bits) {
    // "len" comes from the prompt file: one longer than "msg" would read past the message.
    if (bits < 0 || static_cast<unsigned long long>(bits) > 8ULL * msg.size()) {
        throw std::invalid_argument("msg is shorter than its len");
    }
    if (bits % 8 == 0) {
        return digest::evp(h.evp, ByteView(msg.data(), static_cast<std::size_t>(bits / 8)));
    }
    if (h.rate == 0) throw Unsupported("bit-oriented message for " + std::string(h.acvp));
    const long long out_bits = static_cast<long long>(200 - h.rate) / 2 * 8;
    return digest::keccak_bits(h.rate, 0x06, msg, bits, out_bits);
}

// Monte Carlo. "standard" (SHA-1/2): MD_i = H(MD_{i-3} || MD_{i-2} || MD_{i-1}). SHA-3 standard:
// MD_i = H(MD_{i-1}). "alternate" (SHA-2 with long seeds): the three-digest concatenation is cut
// or zero-padded to the seed's length before hashing.
json hash_mct(const HashAlg& h, const std::string& version, const json& test) {
    Bytes seed = hex_field(test, "msg");
    const long long len_bits = int_field(test, "len");
    if (len_bits % 8 != 0) throw Unsupported("bit-oriented MCT seed");
    seed.resize(static_cast<std::size_t>(len_bits / 8));
    json results = json::array();
    if (h.rate != 0) {
        Bytes md = seed;
        for (int j = 0; j < 100; ++j) {
            for (int i = 0; i < 1000; ++i) md = digest::evp(h.evp, md);
            results.push_back({{"md", to_hex(md)}});
        }
        return json{{"resultsArray", std::move(results)}};
    }
    const bool alternate = version == "alternate";
    const std::size_t seed_len = seed.size();
    for (int j = 0; j < 100; ++j) {
        Bytes a = seed, b = seed, c = seed;
        for (int i = 0; i < 1000; ++i) {
            Bytes msg = a;
            msg.insert(msg.end(), b.begin(), b.end());
            msg.insert(msg.end(), c.begin(), c.end());
            if (alternate) msg.resize(seed_len, 0);
            Bytes md = digest::evp(h.evp, msg);
            a = std::move(b);
            b = std::move(c);
            c = std::move(md);
        }
        results.push_back({{"md", to_hex(c)}});
        seed = c;
    }
    return json{{"resultsArray", std::move(results)}};
}

// Large data: `content` repeated to fullLength bits, streamed through one digest context.
json hash_large(const HashAlg& h, const json& test) {
    const json& large = test.at("largeMsg");
    if (str_field(large, "expansionTechnique") != "repeating") {
        throw Unsupported("LDT expansion " + str_field(large, "expansionTechnique"));
    }
    const Bytes content = hex_field(large, "content");
    const long long full_bits = int_field(large, "fullLength");
    if (int_field(large, "contentLength") != static_cast<long long>(content.size()) * 8 ||
        full_bits % 8 != 0 || content.empty()) {
        throw Unsupported("LDT content that is not whole bytes");
    }
    Bytes chunk;
    while (chunk.size() < (std::size_t{1} << 20)) {
        chunk.insert(chunk.end(), content.begin(), content.end());
    }
    std::unique_ptr<EVP_MD, decltype(&EVP_MD_free)> md(EVP_MD_fetch(nullptr, h.evp, nullptr),
                                                       EVP_MD_free);
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    if (!md || !ctx || EVP_DigestInit_ex2(ctx.get(), md.get(), nullptr) != 1) {
        throw std::runtime_error("digest init failed");
    }
    // chunk.size() is a multiple of the content length, so chunks continue the repetition.
    auto remaining = static_cast<unsigned long long>(full_bits / 8);
    while (remaining > 0) {
        const auto n = static_cast<std::size_t>(std::min<unsigned long long>(remaining, chunk.size()));
        if (EVP_DigestUpdate(ctx.get(), chunk.data(), n) != 1) throw std::runtime_error("update");
        remaining -= n;
    }
    Bytes out(static_cast<std::size_t>(EVP_MD_get_size(md.get())));
    unsigned int n = 0;
    if (EVP_DigestFinal_ex(ctx.get(), out.data(), &n) != 1) throw std::runtime_error("final");
    return json{{"md", to_hex(out)}};
}

GroupRunner hash_runner(const HashAlg& h) {
    return [&h](const json& group, GroupContext& ctx) {
        const std::string type = str_field(group, "testType");
        const std::string version = group.value("mctVersion", std::string("standard"));
        return run_each_test(group, ctx, [&](const json& test) {
            if (type == "MCT") return hash_mct(h, version, test);
            if (type == "LDT") return hash_large(h, test);
            if (type != "AFT") throw Unsupported("test type " + type);
            return json{{"md", to_hex(hash_bits(h, hex_field(test, "msg"),
                                                int_field(test, "len")))}};
        });
    };
}

}  // namespace

void register_sha(Registry& r) {
    for (const auto& h : kHashes) r.add({h.acvp, "", h.revision, hash_runner(h), {}});
}

}  // namespace craton::acvp
