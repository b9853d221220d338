#include "pqc/slhdsa/hypertree.h"

#include <openssl/crypto.h>

#include <cstring>

#include "pqc/common/ct_check.h"
#include "pqc/slhdsa/merkle.h"
#include "pqc/slhdsa/wots.h"

namespace craton::pqc::slhdsa {

void xmss_tree(HashSuite& hash, const std::uint8_t* sk_seed, const Address& adrs, std::uint32_t idx,
               const std::uint8_t* message, std::uint8_t* sig, std::uint8_t* root) noexcept {
    const Params& p = hash.params();
    const std::size_t n = p.n;

    std::uint8_t digits[kMaxLen];
    if (message != nullptr) wots_digits(p, message, digits);

    auto make_leaf = [&](std::uint32_t leaf, std::uint8_t* out) {
        Address leaf_adrs = adrs;
        leaf_adrs.set_type_and_clear(AddressType::kWotsHash);
        leaf_adrs.set_key_pair(leaf);
        const bool signing_leaf = message != nullptr && leaf == idx;
        wots_pk_gen(hash, sk_seed, leaf_adrs, out, signing_leaf ? digits : nullptr,
                    signing_leaf ? sig : nullptr);
    };
    Address node_adrs = adrs;
    node_adrs.set_type_and_clear(AddressType::kTree);
    auto hash_pair = [&](unsigned z, std::uint32_t index, const std::uint8_t* in,
                         std::uint8_t* out) {
        node_adrs.set_tree_height(z);
        node_adrs.set_tree_index(index);
        hash.h(node_adrs, in, out);
    };
    merkle_treehash(n, p.hp, idx, make_leaf, hash_pair, root,
                    message != nullptr ? sig + p.wots_sig_bytes() : nullptr);
}

void xmss_pk_from_sig(HashSuite& hash, std::uint32_t idx, const std::uint8_t* sig,
                      const std::uint8_t* message, const Address& adrs,
                      std::uint8_t* root) noexcept {
    const Params& p = hash.params();
    const std::size_t n = p.n;

    Address wots_adrs = adrs;
    wots_adrs.set_type_and_clear(AddressType::kWotsHash);
    wots_adrs.set_key_pair(idx);
    // pair holds node || sibling (or sibling || node) ready for H.
    std::uint8_t pair[2 * kMaxN];
    std::uint8_t node[kMaxN];
    wots_pk_from_sig(hash, sig, message, wots_adrs, node);

    const std::uint8_t* auth = sig + p.wots_sig_bytes();
    Address tree_adrs = adrs;
    tree_adrs.set_type_and_clear(AddressType::kTree);
    std::uint32_t index = idx;
    for (unsigned k = 0; k < p.hp; ++k) {
        if ((index & 1) == 0) {
            std::memcpy(pair, node, n);
            std::memcpy(pair + n, auth + k * n, n);
        } else {
            std::memcpy(pair, auth + k * n, n);
            std::memcpy(pair + n, node, n);
        }
        index >>= 1;
        tree_adrs.set_tree_height(k + 1);
        tree_adrs.set_tree_index(index);
        hash.h(tree_adrs, pair, node);
    }
    std::memcpy(root, node, n);
}

void ht_sign(HashSuite& hash, const std::uint8_t* message, const std::uint8_t* sk_seed,
             std::uint64_t idx_tree, std::uint32_t idx_leaf, std::uint8_t* sig) noexcept {
    const Params& p = hash.params();
    const std::size_t n = p.n;
    const std::uint64_t leaf_mask = (std::uint64_t{1} << p.hp) - 1;

    std::uint8_t signed_root[kMaxN];
    std::uint8_t next_root[kMaxN];
    std::memcpy(signed_root, message, n);
    Address adrs;
    for (unsigned layer = 0; layer < p.d; ++layer) {
        if (layer > 0) {
            idx_leaf = static_cast<std::uint32_t>(idx_tree & leaf_mask);
            idx_tree >>= p.hp;
        }
        adrs.set_layer(layer);
        adrs.set_tree(idx_tree);
        xmss_tree(hash, sk_seed, adrs, idx_leaf, signed_root, sig + layer * p.xmss_sig_bytes(),
                  next_root);
        // Each XMSS root is public by design: the verifier recomputes it from the signature.
        // It becomes the next layer's WOTS+ message, whose digits select chain lengths.
        CRATON_CT_DECLASSIFY(next_root, n);
        std::memcpy(signed_root, next_root, n);
    }
}

bool ht_verify(HashSuite& hash, const std::uint8_t* message, const std::uint8_t* sig,
               std::uint64_t idx_tree, std::uint32_t idx_leaf,
               const std::uint8_t* pk_root) noexcept {
    const Params& p = hash.params();
    const std::size_t n = p.n;
    const std::uint64_t leaf_mask = (std::uint64_t{1} << p.hp) - 1;

    std::uint8_t node[kMaxN];
    std::memcpy(node, message, n);
    Address adrs;
    for (unsigned layer = 0; layer < p.d; ++layer) {
        if (layer > 0) {
            idx_leaf = static_cast<std::uint32_t>(idx_tree & leaf_mask);
            idx_tree >>= p.hp;
        }
        adrs.set_layer(layer);
        adrs.set_tree(idx_tree);
        xmss_pk_from_sig(hash, idx_leaf, sig + layer * p.xmss_sig_bytes(), node, adrs, node);
    }
    return CRYPTO_memcmp(node, pk_root, n) == 0;
}

}  // namespace craton::pqc::slhdsa
