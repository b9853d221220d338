#include "pqc/slhdsa/fors.h"

#include <cstring>

#include "pqc/common/secure_wipe.h"
#include "pqc/slhdsa/merkle.h"

namespace craton::pqc::slhdsa {

void base_2b(const std::uint8_t* in, unsigned b, unsigned out_len, std::uint32_t* out) noexcept {
    std::size_t pos = 0;
    unsigned bits = 0;
    std::uint32_t total = 0;
    const std::uint32_t mask = (std::uint32_t{1} << b) - 1;
    for (unsigned i = 0; i < out_len; ++i) {
        while (bits < b) {
            total = (total << 8) | in[pos++];
            bits += 8;
        }
        bits -= b;
        out[i] = (total >> bits) & mask;
        total &= (std::uint32_t{1} << bits) - 1;  // keep only unread bits (b <= 14, no overflow)
    }
}

namespace {

// The FORS public key: T_k over the k roots, addressed FORS_ROOTS with the same key pair.
void fors_roots_to_pk(HashSuite& hash, const Address& adrs, const std::uint8_t* roots,
                      std::uint8_t* pk) noexcept {
    Address pk_adrs = adrs;
    pk_adrs.set_type_and_clear(AddressType::kForsRoots);
    pk_adrs.set_key_pair(adrs.key_pair());
    hash.t(pk_adrs, roots, hash.params().k, pk);
}

}  // namespace

void fors_sign(HashSuite& hash, const std::uint8_t* md, const std::uint8_t* sk_seed,
               const Address& adrs, std::uint8_t* sig, std::uint8_t* pk) noexcept {
    const Params& p = hash.params();
    const std::size_t n = p.n;
    const unsigned a = p.a;

    std::uint32_t indices[kMaxK];
    base_2b(md, a, p.k, indices);

    Address sk_adrs = adrs;
    sk_adrs.set_type_and_clear(AddressType::kForsPrf);
    sk_adrs.set_key_pair(adrs.key_pair());
    Address node_adrs = adrs;
    std::uint8_t roots[kMaxK * kMaxN];
    std::uint8_t sk[kMaxN];

    for (unsigned tree = 0; tree < p.k; ++tree) {
        std::uint8_t* tree_sig = sig + tree * (a + 1) * n;
        const std::uint32_t tree_base = tree << a;
        // Alg. 14 fors_skGen and the z = 0 case of Alg. 15 fors_node.
        auto make_leaf = [&](std::uint32_t leaf, std::uint8_t* out) {
            sk_adrs.set_tree_index(tree_base + leaf);
            hash.prf(sk_adrs, sk_seed, sk);
            if (leaf == indices[tree]) std::memcpy(tree_sig, sk, n);
            node_adrs.set_tree_height(0);
            node_adrs.set_tree_index(tree_base + leaf);
            hash.f(node_adrs, sk, out);
        };
        // Tree indices are global across the k trees: tree t's level-z nodes start at t*2^(a-z).
        auto hash_pair = [&](unsigned z, std::uint32_t index, const std::uint8_t* in,
                             std::uint8_t* out) {
            node_adrs.set_tree_height(z);
            node_adrs.set_tree_index((tree << (a - z)) + index);
            hash.h(node_adrs, in, out);
        };
        merkle_treehash(n, a, indices[tree], make_leaf, hash_pair, roots + tree * n, tree_sig + n);
    }
    secure_wipe(sk, sizeof sk);
    fors_roots_to_pk(hash, adrs, roots, pk);
}

void fors_pk_from_sig(HashSuite& hash, const std::uint8_t* sig, const std::uint8_t* md,
                      const Address& adrs, std::uint8_t* pk) noexcept {
    const Params& p = hash.params();
    const std::size_t n = p.n;
    const unsigned a = p.a;

    std::uint32_t indices[kMaxK];
    base_2b(md, a, p.k, indices);

    Address node_adrs = adrs;
    std::uint8_t roots[kMaxK * kMaxN];
    std::uint8_t pair[2 * kMaxN];
    for (unsigned tree = 0; tree < p.k; ++tree) {
        const std::uint8_t* tree_sig = sig + tree * (a + 1) * n;
        const std::uint8_t* auth = tree_sig + n;
        std::uint8_t* node = roots + tree * n;
        std::uint32_t index = (tree << a) + indices[tree];
        node_adrs.set_tree_height(0);
        node_adrs.set_tree_index(index);
        hash.f(node_adrs, tree_sig, node);
        for (unsigned j = 0; j < a; ++j) {
            if ((index & 1) == 0) {
                std::memcpy(pair, node, n);
                std::memcpy(pair + n, auth + j * n, n);
            } else {
                std::memcpy(pair, auth + j * n, n);
                std::memcpy(pair + n, node, n);
            }
            index >>= 1;
            node_adrs.set_tree_height(j + 1);
            node_adrs.set_tree_index(index);
            hash.h(node_adrs, pair, node);
        }
    }
    fors_roots_to_pk(hash, adrs, roots, pk);
}

}  // namespace craton::pqc::slhdsa
