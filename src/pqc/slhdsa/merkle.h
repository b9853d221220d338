// Streaming Merkle-tree hashing ("treehash") shared by XMSS (§6) and FORS (§8).
//
// FIPS 205 states xmss_node and fors_node recursively and computes each authentication-path
// node by a separate recursion. Walking the leaves once, left to right, with a stack of at most
// height + 1 pending nodes gives the root and the whole authentication path of one leaf in the
// same pass, with no heap and every node hashed exactly once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

#include "pqc/slhdsa/params.h"

namespace craton::pqc::slhdsa {

// make_leaf(index, out): writes leaf `index` (n bytes).
// hash_pair(z, index, in, out): writes the node at height z (1..height) and position `index`
//   within that level, from its children in[0..n) || in[n..2n); out may alias in.
// root receives n bytes. When auth is not null it receives height * n bytes: the sibling of
// leaf_idx's ancestor at each height, bottom first (AUTH in FIPS 205). leaf_idx is public.
template <class MakeLeaf, class HashPair>
void merkle_treehash(std::size_t n, unsigned height, std::uint32_t leaf_idx, MakeLeaf&& make_leaf,
                     HashPair&& hash_pair, std::uint8_t* root, std::uint8_t* auth) {
    // One node beyond height + 1 so a new node sits right after its left sibling, making the
    // pair contiguous for hash_pair.
    std::uint8_t stack[(kMaxTreeHeight + 2) * kMaxN];
    unsigned stack_heights[kMaxTreeHeight + 2];
    std::size_t depth = 0;

    const std::uint32_t leaves = std::uint32_t{1} << height;
    for (std::uint32_t leaf = 0; leaf < leaves; ++leaf) {
        std::uint8_t* node = stack + depth * n;
        make_leaf(leaf, node);
        unsigned z = 0;
        std::uint32_t index = leaf;
        for (;;) {
            if (auth != nullptr && z < height && index == ((leaf_idx >> z) ^ 1u)) {
                std::memcpy(auth + z * n, node, n);
            }
            if (depth == 0 || stack_heights[depth - 1] != z) break;
            std::uint8_t* left = stack + (depth - 1) * n;
            ++z;
            index >>= 1;
            hash_pair(z, index, left, left);
            node = left;
            --depth;
        }
        stack_heights[depth] = z;
        ++depth;
    }
    std::memcpy(root, stack, n);
}

}  // namespace craton::pqc::slhdsa
