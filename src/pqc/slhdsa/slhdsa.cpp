// Argument checking and message formatting for the public SLH-DSA interface (FIPS 205 §10).
#include "pqc/slhdsa/slhdsa.h"

#include <array>
#include <stdexcept>
#include <string>

#include "pqc/slhdsa/slh_core.h"

namespace craton::pqc::slhdsa {

namespace {

constexpr std::size_t kMaxContextBytes = 255;
constexpr std::uint8_t kPureDomain = 0x00;
constexpr std::uint8_t kPreHashDomain = 0x01;

void require_length(ByteSpan bytes, std::size_t expected, const char* what) {
    if (bytes.size() != expected) {
        throw std::invalid_argument(std::string("SLH-DSA: wrong length for ") + what);
    }
}

void require_out_length(MutableByteSpan bytes, std::size_t expected, const char* what) {
    if (bytes.size() != expected) {
        throw std::invalid_argument(std::string("SLH-DSA: wrong output length for ") + what);
    }
}

const std::uint8_t* checked_addrnd(const Params& p, const std::optional<ByteSpan>& addrnd) {
    if (!addrnd.has_value()) return nullptr;
    require_length(*addrnd, p.n, "addrnd");
    return addrnd->data();
}

void check_sign_args(const Params& p, ByteSpan sk, MutableByteSpan sig_out) {
    require_length(sk, p.sk_bytes, "secret key");
    require_out_length(sig_out, p.sig_bytes, "signature");
}

// The prefix of M' in Alg. 22-25: domain byte, context length, context.
struct ContextHeader {
    std::array<std::uint8_t, 2> bytes;
    ByteSpan context;
};

ContextHeader context_header(std::uint8_t domain, ByteSpan context) {
    return ContextHeader{{domain, static_cast<std::uint8_t>(context.size())}, context};
}

void sign_parts(const Params& p, MessageParts parts, ByteSpan sk,
                const std::optional<ByteSpan>& addrnd, MutableByteSpan sig_out) {
    check_sign_args(p, sk, sig_out);
    detail::sign(p, parts, sk.data(), checked_addrnd(p, addrnd), sig_out.data());
}

bool verify_parts(const Params& p, MessageParts parts, ByteSpan sig, ByteSpan pk) {
    require_length(pk, p.pk_bytes, "public key");
    if (sig.size() != p.sig_bytes) return false;
    return detail::verify(p, parts, sig.data(), pk.data());
}

void hash_sign_with_digest(const Params& p, ByteSpan digest, ByteSpan context, PreHash ph,
                           ByteSpan sk, const std::optional<ByteSpan>& addrnd,
                           MutableByteSpan sig_out) {
    if (context.size() > kMaxContextBytes) {
        throw std::invalid_argument("SLH-DSA: context longer than 255 bytes");
    }
    require_length(digest, prehash_digest_bytes(ph), "pre-hash digest");
    const ContextHeader header = context_header(kPreHashDomain, context);
    const std::span<const std::uint8_t> parts[] = {header.bytes, header.context, prehash_oid(ph),
                                                   digest};
    sign_parts(p, parts, sk, addrnd, sig_out);
}

bool hash_verify_with_digest(const Params& p, ByteSpan digest, ByteSpan sig, ByteSpan context,
                             PreHash ph, ByteSpan pk) {
    require_length(digest, prehash_digest_bytes(ph), "pre-hash digest");
    require_length(pk, p.pk_bytes, "public key");
    if (context.size() > kMaxContextBytes) return false;
    const ContextHeader header = context_header(kPreHashDomain, context);
    const std::span<const std::uint8_t> parts[] = {header.bytes, header.context, prehash_oid(ph),
                                                   digest};
    return verify_parts(p, parts, sig, pk);
}

}  // namespace

Sizes sizes(ParameterSet set) {
    const Params& p = params_for(set);
    return Sizes{p.n, p.pk_bytes, p.sk_bytes, p.sig_bytes};
}

std::string_view name(ParameterSet set) {
    return params_for(set).name;
}

std::optional<ParameterSet> parameter_set_from_name(std::string_view set_name) {
    for (const Params& p : kParams) {
        if (set_name == p.name) return p.set;
    }
    return std::nullopt;
}

void slh_keygen_internal(ParameterSet set, ByteSpan sk_seed, ByteSpan sk_prf, ByteSpan pk_seed,
                         MutableByteSpan sk_out, MutableByteSpan pk_out) {
    const Params& p = params_for(set);
    require_length(sk_seed, p.n, "SK.seed");
    require_length(sk_prf, p.n, "SK.prf");
    require_length(pk_seed, p.n, "PK.seed");
    require_out_length(sk_out, p.sk_bytes, "secret key");
    require_out_length(pk_out, p.pk_bytes, "public key");
    detail::keygen(p, sk_seed.data(), sk_prf.data(), pk_seed.data(), sk_out.data(), pk_out.data());
}

void slh_sign_internal(ParameterSet set, ByteSpan message, ByteSpan sk,
                       std::optional<ByteSpan> addrnd, MutableByteSpan sig_out) {
    const Params& p = params_for(set);
    const std::span<const std::uint8_t> parts[] = {message};
    sign_parts(p, parts, sk, addrnd, sig_out);
}

bool slh_verify_internal(ParameterSet set, ByteSpan message, ByteSpan sig, ByteSpan pk) {
    const Params& p = params_for(set);
    const std::span<const std::uint8_t> parts[] = {message};
    return verify_parts(p, parts, sig, pk);
}

void slh_sign(ParameterSet set, ByteSpan message, ByteSpan context, ByteSpan sk,
              std::optional<ByteSpan> addrnd, MutableByteSpan sig_out) {
    const Params& p = params_for(set);
    if (context.size() > kMaxContextBytes) {
        throw std::invalid_argument("SLH-DSA: context longer than 255 bytes");
    }
    const ContextHeader header = context_header(kPureDomain, context);
    const std::span<const std::uint8_t> parts[] = {header.bytes, header.context, message};
    sign_parts(p, parts, sk, addrnd, sig_out);
}

std::vector<std::uint8_t> slh_sign(ParameterSet set, ByteSpan message, ByteSpan context,
                                   ByteSpan sk, std::optional<ByteSpan> addrnd) {
    std::vector<std::uint8_t> sig(params_for(set).sig_bytes);
    slh_sign(set, message, context, sk, addrnd, sig);
    return sig;
}

bool slh_verify(ParameterSet set, ByteSpan message, ByteSpan sig, ByteSpan context, ByteSpan pk) {
    const Params& p = params_for(set);
    require_length(pk, p.pk_bytes, "public key");
    if (context.size() > kMaxContextBytes) return false;
    const ContextHeader header = context_header(kPureDomain, context);
    const std::span<const std::uint8_t> parts[] = {header.bytes, header.context, message};
    return verify_parts(p, parts, sig, pk);
}

void hash_slh_sign(ParameterSet set, ByteSpan message, ByteSpan context, PreHash ph, ByteSpan sk,
                   std::optional<ByteSpan> addrnd, MutableByteSpan sig_out) {
    const Params& p = params_for(set);
    std::uint8_t digest[kMaxPreHashDigestBytes];
    const std::size_t digest_len = prehash_digest_bytes(ph);
    prehash_digest(ph, message, digest);
    hash_sign_with_digest(p, ByteSpan(digest, digest_len), context, ph, sk, addrnd, sig_out);
}

std::vector<std::uint8_t> hash_slh_sign(ParameterSet set, ByteSpan message, ByteSpan context,
                                        PreHash ph, ByteSpan sk, std::optional<ByteSpan> addrnd) {
    std::vector<std::uint8_t> sig(params_for(set).sig_bytes);
    hash_slh_sign(set, message, context, ph, sk, addrnd, sig);
    return sig;
}

bool hash_slh_verify(ParameterSet set, ByteSpan message, ByteSpan sig, ByteSpan context, PreHash ph,
                     ByteSpan pk) {
    const Params& p = params_for(set);
    std::uint8_t digest[kMaxPreHashDigestBytes];
    const std::size_t digest_len = prehash_digest_bytes(ph);
    prehash_digest(ph, message, digest);
    return hash_verify_with_digest(p, ByteSpan(digest, digest_len), sig, context, ph, pk);
}

void hash_slh_sign_digest(ParameterSet set, ByteSpan digest, ByteSpan context, PreHash ph,
                          ByteSpan sk, std::optional<ByteSpan> addrnd, MutableByteSpan sig_out) {
    hash_sign_with_digest(params_for(set), digest, context, ph, sk, addrnd, sig_out);
}

bool hash_slh_verify_digest(ParameterSet set, ByteSpan digest, ByteSpan sig, ByteSpan context,
                            PreHash ph, ByteSpan pk) {
    return hash_verify_with_digest(params_for(set), digest, sig, context, ph, pk);
}

}  // namespace craton::pqc::slhdsa
