#include "pqc/slhdsa/slh_core.h"

#include <cstring>

#include "pqc/common/ct_check.h"
#include "pqc/common/secure_wipe.h"
#include "pqc/slhdsa/fors.h"
#include "pqc/slhdsa/hypertree.h"

namespace craton::pqc::slhdsa::detail {

namespace {

struct DigestIndices {
    std::uint64_t idx_tree;
    std::uint32_t idx_leaf;
};

std::uint64_t to_int(const std::uint8_t* in, std::size_t len) noexcept {
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < len; ++i) v = (v << 8) | in[i];
    return v;
}

// Alg. 19 lines 7-12 / Alg. 20 lines 10-15: split H_msg output into md and the two indices.
DigestIndices split_digest(const Params& p, const std::uint8_t* digest) noexcept {
    const std::uint8_t* tree_bytes = digest + p.md_bytes();
    const std::uint8_t* leaf_bytes = tree_bytes + p.tree_idx_bytes();
    const unsigned tree_bits = p.h - p.hp;  // up to 64 (SLH-DSA-*-256f)
    const std::uint64_t tree_mask =
        tree_bits >= 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << tree_bits) - 1;
    const std::uint64_t leaf_mask = (std::uint64_t{1} << p.hp) - 1;
    return DigestIndices{
        to_int(tree_bytes, p.tree_idx_bytes()) & tree_mask,
        static_cast<std::uint32_t>(to_int(leaf_bytes, p.leaf_idx_bytes()) & leaf_mask)};
}

Address fors_address(const DigestIndices& indices) noexcept {
    Address adrs;
    adrs.set_tree(indices.idx_tree);
    adrs.set_type_and_clear(AddressType::kForsTree);
    adrs.set_key_pair(indices.idx_leaf);
    return adrs;
}

}  // namespace

void keygen(const Params& params, const std::uint8_t* sk_seed, const std::uint8_t* sk_prf,
            const std::uint8_t* pk_seed, std::uint8_t* sk, std::uint8_t* pk) noexcept {
    const std::size_t n = params.n;
    // Copy the seeds first: sk/pk may overlap them.
    std::uint8_t seeds[3 * kMaxN];
    std::memcpy(seeds, sk_seed, n);
    std::memcpy(seeds + n, sk_prf, n);
    std::memcpy(seeds + 2 * n, pk_seed, n);

    std::uint8_t root[kMaxN];
    {
        HashSuite hash(params, seeds + 2 * n);
        Address adrs;
        adrs.set_layer(params.d - 1);
        xmss_tree(hash, seeds, adrs, 0, nullptr, nullptr, root);
    }
    // PK.root is the public key; nothing downstream may treat it as secret.
    CRATON_CT_DECLASSIFY(root, n);

    std::memcpy(sk, seeds, 3 * n);
    std::memcpy(sk + 3 * n, root, n);
    std::memcpy(pk, seeds + 2 * n, n);
    std::memcpy(pk + n, root, n);
    secure_wipe(seeds, sizeof seeds);
}

void sign(const Params& params, MessageParts message, const std::uint8_t* sk,
          const std::uint8_t* addrnd, std::uint8_t* sig) noexcept {
    const std::size_t n = params.n;
    const std::uint8_t* sk_seed = sk;
    const std::uint8_t* sk_prf = sk + n;
    const std::uint8_t* pk_seed = sk + 2 * n;
    const std::uint8_t* pk_root = sk + 3 * n;

    HashSuite hash(params, pk_seed);
    std::uint8_t* r = sig;
    hash.prf_msg(sk_prf, addrnd != nullptr ? addrnd : pk_seed, message, r);
    // R is the first part of the signature: public by design, and it selects the FORS leaves
    // and the hypertree path through H_msg.
    CRATON_CT_DECLASSIFY(r, n);

    std::uint8_t digest[kMaxM];
    hash.h_msg(r, pk_root, message, digest);
    const DigestIndices indices = split_digest(params, digest);
    const Address adrs = fors_address(indices);

    std::uint8_t pk_fors[kMaxN];
    fors_sign(hash, digest, sk_seed, adrs, sig + n, pk_fors);
    // The FORS public key is recomputed by every verifier from the signature.
    CRATON_CT_DECLASSIFY(pk_fors, n);
    ht_sign(hash, pk_fors, sk_seed, indices.idx_tree, indices.idx_leaf,
            sig + n + params.fors_sig_bytes());
    CRATON_CT_DECLASSIFY(sig, params.sig_bytes);
}

bool verify(const Params& params, MessageParts message, const std::uint8_t* sig,
            const std::uint8_t* pk) noexcept {
    const std::size_t n = params.n;
    const std::uint8_t* pk_seed = pk;
    const std::uint8_t* pk_root = pk + n;

    HashSuite hash(params, pk_seed);
    std::uint8_t digest[kMaxM];
    hash.h_msg(sig, pk_root, message, digest);
    const DigestIndices indices = split_digest(params, digest);
    const Address adrs = fors_address(indices);

    std::uint8_t pk_fors[kMaxN];
    fors_pk_from_sig(hash, sig + n, digest, adrs, pk_fors);
    return ht_verify(hash, pk_fors, sig + n + params.fors_sig_bytes(), indices.idx_tree,
                     indices.idx_leaf, pk_root);
}

}  // namespace craton::pqc::slhdsa::detail
