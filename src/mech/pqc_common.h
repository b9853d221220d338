// What the post-quantum families (ML-KEM, ML-DSA, SLH-DSA, X-Wing) share at the PKCS#11 layer:
// parameter-set attributes, the 3.2 signature parameters, streaming pre-hash for the
// HashML-DSA / HashSLH-DSA mechanisms, and key-value length checks with the 3.2 error codes.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <memory>
#include <optional>

#include <openssl/evp.h>

#include "core/object.h"
#include "mech/registry.h"

namespace craton::mech::pqc {

// Registration of each family (pqc_mlkem.cpp, pqc_mldsa.cpp, pqc_slhdsa.cpp, pqc_xwing.cpp).
void register_mlkem(MechanismRegistry& r);
void register_mldsa(MechanismRegistry& r);
void register_slhdsa(MechanismRegistry& r);
void register_xwing(MechanismRegistry& r);

// The key's CKA_PARAMETER_SET (CKR_TEMPLATE_INCOMPLETE when absent).
CK_ULONG parameter_set_of(const Object& key);

// The parameter set a key pair is generated with: from either template (they must agree:
// CKR_TEMPLATE_INCONSISTENT) or implied by a legacy vendor mechanism (`implied`, 0 for none,
// which a template value must match). Missing everywhere: CKR_TEMPLATE_INCOMPLETE.
CK_ULONG generation_parameter_set(const Object& pub, const Object& priv, CK_ULONG implied);

// A key value of `actual` bytes where the parameter set wants `expected`: fine if equal;
// CKR_TEMPLATE_INCONSISTENT if it is the length of another set of the same family
// (`family_sizes`), so the value and CKA_PARAMETER_SET disagree; else
// CKR_ATTRIBUTE_VALUE_INVALID.
void check_value_length(std::size_t actual, std::size_t expected,
                        std::initializer_list<std::size_t> family_sizes);

// Key-generation mechanisms take no parameter.
void require_no_parameter(const CK_MECHANISM& mech);

// The pre-hash functions of HashML-DSA and HashSLH-DSA (FIPS 204 §5.4, FIPS 205 §10.2.2).
enum class PreHash {
    Sha224,
    Sha256,
    Sha384,
    Sha512,
    Sha512_224,
    Sha512_256,
    Sha3_224,
    Sha3_256,
    Sha3_384,
    Sha3_512,
    Shake128,  // 256-bit output
    Shake256,  // 512-bit output
};

std::size_t prehash_size(PreHash ph);

// CK_HASH_SIGN_ADDITIONAL_CONTEXT.hash names a digest mechanism. PKCS#11 has no plain SHAKE
// digest mechanism, so SHAKE128/256 are named by CKM_SHAKE_128/256_KEY_DERIVATION.
std::optional<PreHash> prehash_of_mechanism(CK_MECHANISM_TYPE hash);

// Streaming PH(M) on OpenSSL EVP; the EVP_MD objects are fetched once per process.
class PreHasher {
  public:
    explicit PreHasher(PreHash ph);
    ~PreHasher();
    PreHasher(const PreHasher&) = delete;
    PreHasher& operator=(const PreHasher&) = delete;
    PreHash algorithm() const noexcept { return ph_; }
    void update(ByteView data);
    // prehash_size() bytes.
    Bytes finish();

  private:
    PreHash ph_;
    EVP_MD_CTX* ctx_;
};

// The signature parameters of the 3.2 pure and hash mechanisms.
struct SignParams {
    CK_HEDGE_TYPE hedge = CKH_HEDGE_PREFERRED;
    Bytes context;
    std::optional<PreHash> hash;  // CKM_HASH_ML_DSA / CKM_HASH_SLH_DSA: the digest's function
    bool deterministic() const { return hedge == CKH_DETERMINISTIC_REQUIRED; }
};

// CK_SIGN_ADDITIONAL_CONTEXT, or no parameter (hedged, empty context).
SignParams parse_sign_params(const CK_MECHANISM& mech);
// CK_HASH_SIGN_ADDITIONAL_CONTEXT (required).
SignParams parse_hash_sign_params(const CK_MECHANISM& mech);

// The first `length` bytes of a KEM shared secret (0: all of it), as Mechanism::derive returns
// them; a longer request is CKR_TEMPLATE_INCONSISTENT.
SecureBytes take_prefix(const SecureBytes& secret, std::size_t length);

// The verdict of a fresh key pair's pairwise-consistency test, through
// selftest::pairwise_result: a failure (or the test-build "pairwise" switch) discards the pair,
// latches the module's error state and throws CKR_GENERAL_ERROR.
void pairwise_test(const char* family, bool consistent);

// The parsed form of a key of type T (a KeyMaterial subclass), built by `build` once.
template <class T, class Build>
std::shared_ptr<const T> parsed_as(const Object& key, Build&& build) {
    auto material = key.parsed(
        [&](const Object& obj) -> std::shared_ptr<const KeyMaterial> { return build(obj); });
    return std::static_pointer_cast<const T>(material);
}

}  // namespace craton::mech::pqc
