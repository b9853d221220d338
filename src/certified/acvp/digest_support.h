// Hashes as the module computes them: OpenSSL EVP digests for byte strings (the CKM_SHA*
// mechanisms) and our Keccak sponge (src/pqc/keccak) where ACVP asks for a message whose
// length is not a whole number of bytes, which EVP cannot take.
#pragma once

#include "certified/acvp/acvp_types.h"

namespace craton::acvp::digest {

// One-shot EVP digest by OpenSSL name ("SHA2-256", "SHA3-512", ...).
Bytes evp(const std::string& name, ByteView data);

// The digest of `msg` under an ACVP hash name, as signature schemes use it: SHA2-*/SHA3-* by
// their own size; SHAKE-128 gives 256 and SHAKE-256 512 bits (FIPS 186-5 section 6.4.1, 5.4).
Bytes message_digest(const std::string& acvp_name, ByteView msg);

// The FIPS 202 sponge over an ACVP bit string of `bits` bits (MSB-first partial last byte),
// squeezing `out_bits` bits. domain 0x06 = SHA-3, 0x1F = SHAKE. A partial last output byte
// keeps its bits in the low positions (SHAKE-1.0 style); callers shift it for other revisions.
Bytes keccak_bits(std::size_t rate, std::uint8_t domain, const Bytes& msg, long long bits,
                  long long out_bits);

}  // namespace craton::acvp::digest
