// SLH-DSA (FIPS 205), all twelve parameter sets, through PKCS#11 3.2: CKM_SLH_DSA_KEY_PAIR_GEN;
// CKM_SLH_DSA (pure, CK_SIGN_ADDITIONAL_CONTEXT); CKM_HASH_SLH_DSA (the input is PH(M));
// CKM_HASH_SLH_DSA_<hash> (PH(M) computed here, streaming); and the earlier Rust product's
// SHA2-128s / SHA2-256s vendor mechanisms as aliases of CKM_SLH_DSA.
//
// Pure SLH-DSA reads the message twice (PRF_msg for the randomizer, then H_msg), so a
// multi-part pure signature collects the message first; the pre-hash mechanisms stream.
// Keys: CKA_VALUE only (SK.seed || SK.prf || PK.seed || PK.root, and PK.seed || PK.root for
// the public key); 3.2 defines no seed form for SLH-DSA.
#include <craton/pkcs11/craton_vendor.h>

#include <algorithm>
#include <optional>
#include <stdexcept>

#include "core/error.h"
#include "mech/pqc_common.h"
#include "mech/pqc_signature.h"
#include "pqc/slhdsa/slhdsa.h"
#include "rng/random.h"

namespace craton::mech::pqc {
namespace {

namespace slh = craton::pqc::slhdsa;

slh::ParameterSet slh_set(CK_ULONG ckp) {
    if (ckp < CKP_SLH_DSA_SHA2_128S || ckp > CKP_SLH_DSA_SHAKE_256F) {
        fail(CKR_PARAMETER_SET_NOT_SUPPORTED);
    }
    // src/pqc numbers its sets as the CKP_SLH_DSA_* constants.
    return static_cast<slh::ParameterSet>(ckp);
}

slh::PreHash slh_prehash(PreHash ph) {
    switch (ph) {
        case PreHash::Sha224:
            return slh::PreHash::kSha2_224;
        case PreHash::Sha256:
            return slh::PreHash::kSha2_256;
        case PreHash::Sha384:
            return slh::PreHash::kSha2_384;
        case PreHash::Sha512:
            return slh::PreHash::kSha2_512;
        case PreHash::Sha512_224:
            return slh::PreHash::kSha2_512_224;
        case PreHash::Sha512_256:
            return slh::PreHash::kSha2_512_256;
        case PreHash::Sha3_224:
            return slh::PreHash::kSha3_224;
        case PreHash::Sha3_256:
            return slh::PreHash::kSha3_256;
        case PreHash::Sha3_384:
            return slh::PreHash::kSha3_384;
        case PreHash::Sha3_512:
            return slh::PreHash::kSha3_512;
        case PreHash::Shake128:
            return slh::PreHash::kShake128;
        case PreHash::Shake256:
            return slh::PreHash::kShake256;
    }
    fail(CKR_GENERAL_ERROR);
}

struct PrivateKey final : KeyMaterial {
    CK_ULONG ckp = 0;
    slh::ParameterSet set{};
    SecureBytes sk;
};

struct PublicKey final : KeyMaterial {
    CK_ULONG ckp = 0;
    slh::ParameterSet set{};
    Bytes pk;
};

std::shared_ptr<const PrivateKey> private_key(const Object& obj) {
    return parsed_as<PrivateKey>(obj, [](const Object& o) {
        auto k = std::make_shared<PrivateKey>();
        k->ckp = parameter_set_of(o);
        k->set = slh_set(k->ckp);
        const auto sk = o.get(CKA_VALUE);
        if (!sk || sk->size() != slh::sizes(k->set).secret_key) fail(CKR_KEY_HANDLE_INVALID);
        k->sk.assign(sk->begin(), sk->end());
        return k;
    });
}

std::shared_ptr<const PublicKey> public_key(const Object& obj) {
    return parsed_as<PublicKey>(obj, [](const Object& o) {
        auto k = std::make_shared<PublicKey>();
        k->ckp = parameter_set_of(o);
        k->set = slh_set(k->ckp);
        const auto pk = o.get(CKA_VALUE);
        if (!pk || pk->size() != slh::sizes(k->set).public_key) fail(CKR_KEY_HANDLE_INVALID);
        k->pk.assign(pk->begin(), pk->end());
        return k;
    });
}

// Collects what the signature is computed over: the message, or the digest PH(M).
class Collector {
  public:
    Collector(SignInput input, const SignParams& params) : input_(input), ph_(params.hash) {
        if (input == SignInput::HashHere) hasher_.emplace(*params.hash);
    }
    void update(ByteView data) {
        if (input_ == SignInput::HashHere) {
            hasher_->update(data);
            return;
        }
        if (input_ == SignInput::Digest && data_.size() + data.size() > prehash_size(*ph_)) {
            fail(CKR_DATA_LEN_RANGE);
        }
        data_.insert(data_.end(), data.begin(), data.end());
    }
    // The message (pure) or the digest (pre-hash).
    const Bytes& finish() {
        if (input_ == SignInput::HashHere) data_ = hasher_->finish();
        if (input_ != SignInput::Message && data_.size() != prehash_size(*ph_)) {
            fail(CKR_DATA_LEN_RANGE);
        }
        return data_;
    }
    bool prehashed() const { return input_ != SignInput::Message; }
    slh::PreHash prehash() const { return slh_prehash(*ph_); }

  private:
    SignInput input_;
    std::optional<PreHash> ph_;
    std::optional<PreHasher> hasher_;
    Bytes data_;
};

class Sign final : public SignOperation {
  public:
    Sign(std::shared_ptr<const PrivateKey> key, SignInput input, const SignParams& params)
        : key_(std::move(key)),
          in_(input, params),
          context_(params.context),
          deterministic_(params.deterministic()),
          length_(slh::sizes(key_->set).signature) {}
    void update(ByteView data) override { in_.update(data); }
    std::size_t signature_length() const override { return length_; }
    std::size_t finish(std::uint8_t* out) override {
        const Bytes& data = in_.finish();
        // Hedged signing draws opt_rand fresh; deterministic signing uses PK.seed (FIPS 205).
        SecureBytes addrnd(slh::sizes(key_->set).n);
        std::optional<ByteView> rnd;
        if (!deterministic_) {
            rng::random_bytes(addrnd);
            rnd = ByteView(addrnd);
        }
        const std::span<std::uint8_t> sig(out, length_);
        if (in_.prehashed()) {
            slh::hash_slh_sign_digest(key_->set, data, context_, in_.prehash(), key_->sk, rnd, sig);
        } else {
            slh::slh_sign(key_->set, data, context_, key_->sk, rnd, sig);
        }
        return length_;
    }

  private:
    std::shared_ptr<const PrivateKey> key_;
    Collector in_;
    Bytes context_;
    bool deterministic_;
    std::size_t length_;
};

class Verify final : public VerifyOperation {
  public:
    Verify(std::shared_ptr<const PublicKey> key, SignInput input, const SignParams& params)
        : key_(std::move(key)),
          in_(input, params),
          context_(params.context),
          length_(slh::sizes(key_->set).signature) {}
    void update(ByteView data) override { in_.update(data); }
    void finish(ByteView signature) override {
        if (signature.size() != length_) fail(CKR_SIGNATURE_LEN_RANGE);
        const Bytes& data = in_.finish();
        const bool ok = in_.prehashed()
                            ? slh::hash_slh_verify_digest(key_->set, data, signature, context_,
                                                          in_.prehash(), key_->pk)
                            : slh::slh_verify(key_->set, data, signature, context_, key_->pk);
        if (!ok) fail(CKR_SIGNATURE_INVALID);
    }

  private:
    std::shared_ptr<const PublicKey> key_;
    Collector in_;
    Bytes context_;
    std::size_t length_;
};

void generate(const CK_MECHANISM& mech, Object& pub, Object& priv, CK_ULONG implied) {
    require_no_parameter(mech);
    const CK_ULONG ckp = generation_parameter_set(pub, priv, implied);
    const slh::ParameterSet set = slh_set(ckp);
    const slh::Sizes sizes = slh::sizes(set);
    SecureBytes seeds(3 * sizes.n), sk(sizes.secret_key);
    Bytes pk(sizes.public_key);
    rng::random_bytes(seeds);
    const ByteView s(seeds);
    slh::slh_keygen_internal(set, s.subspan(0, sizes.n), s.subspan(sizes.n, sizes.n),
                             s.subspan(2 * sizes.n, sizes.n), sk, pk);

    // Pairwise consistency: a signature by the new private key verifies under pk.
    static constexpr std::uint8_t kMessage[] = {'p', 'c', 't'};
    Bytes sig(sizes.signature);
    slh::slh_sign(set, kMessage, {}, sk, std::nullopt, sig);
    pairwise_test("SLH-DSA", slh::slh_verify(set, kMessage, sig, {}, pk));

    pub.set_ulong(CKA_PARAMETER_SET, ckp);
    pub.set(CKA_VALUE, pk);
    priv.set_ulong(CKA_PARAMETER_SET, ckp);
    priv.set(CKA_VALUE, sk);
}

void complete_import(Object& key) {
    const CK_OBJECT_CLASS cls = key.object_class();
    if (cls != CKO_PUBLIC_KEY && cls != CKO_PRIVATE_KEY) return;
    const slh::ParameterSet set = slh_set(parameter_set_of(key));
    const slh::Sizes sizes = slh::sizes(set);
    const auto value = key.get(CKA_VALUE);
    if (cls == CKO_PUBLIC_KEY) {
        if (!value) fail(CKR_TEMPLATE_INCOMPLETE);
        check_value_length(value->size(), sizes.public_key, {32, 48, 64});
        return;
    }
    if (key.has(CKA_SEED)) fail(CKR_ATTRIBUTE_TYPE_INVALID);
    if (!value) fail(CKR_TEMPLATE_INCOMPLETE);
    check_value_length(value->size(), sizes.secret_key, {64, 96, 128});
    // SK carries PK.seed || PK.root; the root must be the one SK.seed and PK.seed give, or
    // every signature would fail to verify.
    const std::size_t n = sizes.n;
    SecureBytes sk(sizes.secret_key);
    Bytes pk(sizes.public_key);
    slh::slh_keygen_internal(set, value->subspan(0, n), value->subspan(n, n),
                             value->subspan(2 * n, n), sk, pk);
    if (!std::equal(pk.begin(), pk.end(), value->begin() + static_cast<std::ptrdiff_t>(2 * n))) {
        fail(CKR_ATTRIBUTE_VALUE_INVALID);
    }
}

struct SlhDsaFamily {
    static constexpr CK_KEY_TYPE kKeyType = CKK_SLH_DSA;
    static constexpr CK_ULONG kMinKeyBytes = 32;
    static constexpr CK_ULONG kMaxKeyBytes = 64;
    using Sign = pqc::Sign;
    using Verify = pqc::Verify;
    static std::shared_ptr<const PrivateKey> private_key(const Object& o) {
        return pqc::private_key(o);
    }
    static std::shared_ptr<const PublicKey> public_key(const Object& o) {
        return pqc::public_key(o);
    }
    static CK_ULONG public_key_bytes(CK_ULONG ckp) {
        return static_cast<CK_ULONG>(slh::sizes(slh_set(ckp)).public_key);
    }
    static void generate(const CK_MECHANISM& mech, Object& pub, Object& priv, CK_ULONG ckp) {
        pqc::generate(mech, pub, priv, ckp);
    }
};

void add_signature(MechanismRegistry& r, CK_MECHANISM_TYPE type, const char* name, SignInput input,
                   std::optional<PreHash> fixed, CK_ULONG required = 0) {
    add_signature_mechanism<SlhDsaFamily>(r, type, name, input, fixed, required);
}

}  // namespace

void register_slhdsa(MechanismRegistry& r) {
    add_signature_keygen<SlhDsaFamily>(r, CKM_SLH_DSA_KEY_PAIR_GEN, "SLH-DSA-KEY-PAIR-GEN");

    add_signature(r, CKM_SLH_DSA, "SLH-DSA", SignInput::Message, std::nullopt);
    add_signature(r, CKM_HASH_SLH_DSA, "HashSLH-DSA", SignInput::Digest, std::nullopt);
    const struct {
        CK_MECHANISM_TYPE type;
        const char* name;
        PreHash ph;
    } hashed[] = {
        {CKM_HASH_SLH_DSA_SHA224, "HashSLH-DSA-SHA224", PreHash::Sha224},
        {CKM_HASH_SLH_DSA_SHA256, "HashSLH-DSA-SHA256", PreHash::Sha256},
        {CKM_HASH_SLH_DSA_SHA384, "HashSLH-DSA-SHA384", PreHash::Sha384},
        {CKM_HASH_SLH_DSA_SHA512, "HashSLH-DSA-SHA512", PreHash::Sha512},
        {CKM_HASH_SLH_DSA_SHA3_224, "HashSLH-DSA-SHA3-224", PreHash::Sha3_224},
        {CKM_HASH_SLH_DSA_SHA3_256, "HashSLH-DSA-SHA3-256", PreHash::Sha3_256},
        {CKM_HASH_SLH_DSA_SHA3_384, "HashSLH-DSA-SHA3-384", PreHash::Sha3_384},
        {CKM_HASH_SLH_DSA_SHA3_512, "HashSLH-DSA-SHA3-512", PreHash::Sha3_512},
        {CKM_HASH_SLH_DSA_SHAKE128, "HashSLH-DSA-SHAKE128", PreHash::Shake128},
        {CKM_HASH_SLH_DSA_SHAKE256, "HashSLH-DSA-SHAKE256", PreHash::Shake256},
    };
    for (const auto& h : hashed) add_signature(r, h.type, h.name, SignInput::HashHere, h.ph);

    add_signature(r, CKM_CRATON_LEGACY_SLH_DSA_SHA2_128S, "SLH-DSA-SHA2-128s (legacy)",
                  SignInput::Message, std::nullopt, CKP_SLH_DSA_SHA2_128S);
    add_signature(r, CKM_CRATON_LEGACY_SLH_DSA_SHA2_256S, "SLH-DSA-SHA2-256s (legacy)",
                  SignInput::Message, std::nullopt, CKP_SLH_DSA_SHA2_256S);

    KeyTypeSupport support;
    support.type = CKK_SLH_DSA;
    support.complete_import = complete_import;
    r.add_key_type(std::move(support));
}

}  // namespace craton::mech::pqc
