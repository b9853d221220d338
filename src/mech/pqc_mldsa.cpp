// ML-DSA (FIPS 204) through PKCS#11 3.2: CKM_ML_DSA_KEY_PAIR_GEN; CKM_ML_DSA (pure, with
// CK_SIGN_ADDITIONAL_CONTEXT); CKM_HASH_ML_DSA (the input is PH(M), the hash named in
// CK_HASH_SIGN_ADDITIONAL_CONTEXT); CKM_HASH_ML_DSA_<hash> (PH(M) computed here); and the
// earlier Rust product's per-parameter-set vendor mechanisms as aliases of CKM_ML_DSA.
//
// Every variant reduces to the 64-byte message representative mu, which is built as the
// message streams in (C_SignUpdate never buffers the message), then signed with the key's
// expanded form (matrix A and the secret vectors in the NTT domain), cached in the object.
#include <craton/pkcs11/craton_vendor.h>

#include <optional>
#include <stdexcept>

#include "core/error.h"
#include "mech/pqc_common.h"
#include "mech/pqc_signature.h"
#include "pqc/mldsa/mldsa.h"
#include "rng/random.h"

namespace craton::mech::pqc {
namespace {

using craton::pqc::mldsa_sizes;
using craton::pqc::MlDsaMuBuilder;
using craton::pqc::MlDsaParameterSet;
using craton::pqc::MlDsaPreHash;

MlDsaParameterSet mldsa_set(CK_ULONG ckp) {
    switch (ckp) {
        case CKP_ML_DSA_44:
            return MlDsaParameterSet::kMlDsa44;
        case CKP_ML_DSA_65:
            return MlDsaParameterSet::kMlDsa65;
        case CKP_ML_DSA_87:
            return MlDsaParameterSet::kMlDsa87;
        default:
            fail(CKR_PARAMETER_SET_NOT_SUPPORTED);
    }
}

MlDsaPreHash mldsa_prehash(PreHash ph) {
    switch (ph) {
        case PreHash::Sha224:
            return MlDsaPreHash::kSha224;
        case PreHash::Sha256:
            return MlDsaPreHash::kSha256;
        case PreHash::Sha384:
            return MlDsaPreHash::kSha384;
        case PreHash::Sha512:
            return MlDsaPreHash::kSha512;
        case PreHash::Sha512_224:
            return MlDsaPreHash::kSha512_224;
        case PreHash::Sha512_256:
            return MlDsaPreHash::kSha512_256;
        case PreHash::Sha3_224:
            return MlDsaPreHash::kSha3_224;
        case PreHash::Sha3_256:
            return MlDsaPreHash::kSha3_256;
        case PreHash::Sha3_384:
            return MlDsaPreHash::kSha3_384;
        case PreHash::Sha3_512:
            return MlDsaPreHash::kSha3_512;
        case PreHash::Shake128:
            return MlDsaPreHash::kShake128;
        case PreHash::Shake256:
            return MlDsaPreHash::kShake256;
    }
    fail(CKR_GENERAL_ERROR);
}

struct PrivateKey final : KeyMaterial {
    PrivateKey(CK_ULONG p, craton::pqc::MlDsaPrivateKey k) : ckp(p), key(std::move(k)) {}
    CK_ULONG ckp;
    craton::pqc::MlDsaPrivateKey key;
};

struct PublicKey final : KeyMaterial {
    PublicKey(CK_ULONG p, craton::pqc::MlDsaPublicKey k) : ckp(p), key(std::move(k)) {}
    CK_ULONG ckp;
    craton::pqc::MlDsaPublicKey key;
};

// skDecode rejects an encoding whose secret coefficients are out of range.
craton::pqc::MlDsaPrivateKey decode_private(MlDsaParameterSet ps, ByteView sk) {
    try {
        return craton::pqc::MlDsaPrivateKey(ps, sk);
    } catch (const std::invalid_argument&) {
        fail(CKR_ATTRIBUTE_VALUE_INVALID);
    }
}

std::shared_ptr<const PrivateKey> private_key(const Object& obj) {
    return parsed_as<PrivateKey>(obj, [](const Object& o) {
        const CK_ULONG ckp = parameter_set_of(o);
        const MlDsaParameterSet ps = mldsa_set(ckp);
        if (const auto sk = o.get(CKA_VALUE)) {
            return std::make_shared<PrivateKey>(ckp, decode_private(ps, *sk));
        }
        const auto seed = o.get(CKA_SEED);
        if (!seed || seed->size() != craton::pqc::mldsa::kSeedBytes) fail(CKR_KEY_HANDLE_INVALID);
        return std::make_shared<PrivateKey>(ckp,
                                            craton::pqc::MlDsaPrivateKey::from_seed(ps, *seed));
    });
}

std::shared_ptr<const PublicKey> public_key(const Object& obj) {
    return parsed_as<PublicKey>(obj, [](const Object& o) {
        const CK_ULONG ckp = parameter_set_of(o);
        const MlDsaParameterSet ps = mldsa_set(ckp);
        const auto pk = o.get(CKA_VALUE);
        if (!pk || pk->size() != mldsa_sizes(ps).public_key) fail(CKR_KEY_HANDLE_INVALID);
        return std::make_shared<PublicKey>(ckp, craton::pqc::MlDsaPublicKey(ps, *pk));
    });
}

// Streams the input into mu = H(tr || M', 64).
class MuSource {
  public:
    MuSource(ByteView tr, SignInput input, const SignParams& params) : input_(input) {
        switch (input) {
            case SignInput::Message:
                builder_.emplace(MlDsaMuBuilder::pure(tr, params.context));
                break;
            case SignInput::Digest:
                break;
            case SignInput::HashHere:
                hasher_.emplace(*params.hash);
                break;
        }
        tr_.assign(tr.begin(), tr.end());
        context_ = params.context;
        ph_ = params.hash;
    }
    void update(ByteView data) {
        switch (input_) {
            case SignInput::Message:
                builder_->update(data);
                break;
            case SignInput::HashHere:
                hasher_->update(data);
                break;
            case SignInput::Digest:
                if (digest_.size() + data.size() > prehash_size(*ph_)) fail(CKR_DATA_LEN_RANGE);
                digest_.insert(digest_.end(), data.begin(), data.end());
                break;
        }
    }
    MlDsaMuBuilder::Mu finish() {
        if (input_ == SignInput::Message) return builder_->finish();
        if (input_ == SignInput::HashHere) digest_ = hasher_->finish();
        if (digest_.size() != prehash_size(*ph_)) fail(CKR_DATA_LEN_RANGE);
        return MlDsaMuBuilder::prehashed(tr_, context_, mldsa_prehash(*ph_), digest_).finish();
    }

  private:
    SignInput input_;
    std::optional<MlDsaMuBuilder> builder_;
    std::optional<PreHasher> hasher_;
    Bytes tr_, context_, digest_;
    std::optional<PreHash> ph_;
};

class Sign final : public SignOperation {
  public:
    Sign(std::shared_ptr<const PrivateKey> key, SignInput input, const SignParams& params)
        : key_(std::move(key)),
          mu_(key_->key.tr(), input, params),
          deterministic_(params.deterministic()),
          length_(mldsa_sizes(key_->key.parameter_set()).signature) {}
    void update(ByteView data) override { mu_.update(data); }
    std::size_t signature_length() const override { return length_; }
    std::size_t finish(std::uint8_t* out) override {
        const auto mu = mu_.finish();
        // Hedged signing mixes fresh randomness in; deterministic signing uses zeros (FIPS 204).
        SecureBytes rnd(craton::pqc::mldsa::kRndBytes, 0);
        if (!deterministic_) rng::random_bytes(rnd);
        key_->key.sign_mu(mu, rnd, std::span(out, length_));
        return length_;
    }

  private:
    std::shared_ptr<const PrivateKey> key_;
    MuSource mu_;
    bool deterministic_;
    std::size_t length_;
};

class Verify final : public VerifyOperation {
  public:
    Verify(std::shared_ptr<const PublicKey> key, SignInput input, const SignParams& params)
        : key_(std::move(key)),
          mu_(key_->key.tr(), input, params),
          length_(mldsa_sizes(key_->key.parameter_set()).signature) {}
    void update(ByteView data) override { mu_.update(data); }
    void finish(ByteView signature) override {
        if (signature.size() != length_) fail(CKR_SIGNATURE_LEN_RANGE);
        if (!key_->key.verify_mu(mu_.finish(), signature)) fail(CKR_SIGNATURE_INVALID);
    }

  private:
    std::shared_ptr<const PublicKey> key_;
    MuSource mu_;
    std::size_t length_;
};

void generate(const CK_MECHANISM& mech, Object& pub, Object& priv, CK_ULONG implied) {
    require_no_parameter(mech);
    const CK_ULONG ckp = generation_parameter_set(pub, priv, implied);
    const MlDsaParameterSet ps = mldsa_set(ckp);
    const auto sizes = mldsa_sizes(ps);
    SecureBytes seed(craton::pqc::mldsa::kSeedBytes), sk(sizes.secret_key);
    Bytes pk(sizes.public_key);
    rng::random_bytes(seed);
    auto signer = std::make_shared<PrivateKey>(
        ckp, craton::pqc::MlDsaPrivateKey::from_seed(ps, seed, pk, sk));
    auto verifier = std::make_shared<PublicKey>(ckp, craton::pqc::MlDsaPublicKey(ps, pk));

    // Pairwise consistency: a hedged signature by the new private key verifies under pk.
    static constexpr std::uint8_t kMessage[] = {'p', 'c', 't'};
    SecureBytes rnd(craton::pqc::mldsa::kRndBytes);
    rng::random_bytes(rnd);
    Bytes sig(sizes.signature);
    signer->key.sign(kMessage, {}, rnd, sig);
    pairwise_test("ML-DSA", verifier->key.verify(kMessage, {}, sig));

    pub.set_ulong(CKA_PARAMETER_SET, ckp);
    pub.set(CKA_VALUE, pk);
    priv.set_ulong(CKA_PARAMETER_SET, ckp);
    priv.set(CKA_SEED, seed);
    priv.set(CKA_VALUE, sk);
    // The expanded forms made here are the objects' parsed forms: nothing is expanded twice.
    (void)pub.parsed([&](const Object&) -> std::shared_ptr<const KeyMaterial> { return verifier; });
    (void)priv.parsed([&](const Object&) -> std::shared_ptr<const KeyMaterial> { return signer; });
}

void complete_import(Object& key) {
    const CK_OBJECT_CLASS cls = key.object_class();
    if (cls != CKO_PUBLIC_KEY && cls != CKO_PRIVATE_KEY) return;
    const CK_ULONG ckp = parameter_set_of(key);
    const MlDsaParameterSet ps = mldsa_set(ckp);
    const auto sizes = mldsa_sizes(ps);
    if (cls == CKO_PUBLIC_KEY) {
        const auto pk = key.get(CKA_VALUE);
        if (!pk) fail(CKR_TEMPLATE_INCOMPLETE);
        check_value_length(pk->size(), sizes.public_key, {1312, 1952, 2592});
        return;
    }
    const auto seed = key.get(CKA_SEED);
    const auto value = key.get(CKA_VALUE);
    if (!seed && !value) fail(CKR_TEMPLATE_INCOMPLETE);
    std::shared_ptr<PrivateKey> parsed;
    if (value) {
        check_value_length(value->size(), sizes.secret_key, {2560, 4032, 4896});
        parsed = std::make_shared<PrivateKey>(ckp, decode_private(ps, *value));
    }
    if (seed) {
        if (seed->size() != craton::pqc::mldsa::kSeedBytes) fail(CKR_ATTRIBUTE_VALUE_INVALID);
        SecureBytes sk(sizes.secret_key);
        auto from_seed = std::make_shared<PrivateKey>(
            ckp, craton::pqc::MlDsaPrivateKey::from_seed(ps, *seed, {}, sk));
        if (!value) {
            key.set(CKA_VALUE, sk);
            parsed = std::move(from_seed);
        } else if (!constant_time_equal(sk, *value)) {
            fail(CKR_TEMPLATE_INCONSISTENT);  // the two forms are of different keys
        }
    }
    (void)key.parsed([&](const Object&) -> std::shared_ptr<const KeyMaterial> { return parsed; });
}

struct MlDsaFamily {
    static constexpr CK_KEY_TYPE kKeyType = CKK_ML_DSA;
    static constexpr CK_ULONG kMinKeyBytes = 1312;
    static constexpr CK_ULONG kMaxKeyBytes = 2592;
    using Sign = pqc::Sign;
    using Verify = pqc::Verify;
    static std::shared_ptr<const PrivateKey> private_key(const Object& o) {
        return pqc::private_key(o);
    }
    static std::shared_ptr<const PublicKey> public_key(const Object& o) {
        return pqc::public_key(o);
    }
    static CK_ULONG public_key_bytes(CK_ULONG ckp) {
        return static_cast<CK_ULONG>(mldsa_sizes(mldsa_set(ckp)).public_key);
    }
    static void generate(const CK_MECHANISM& mech, Object& pub, Object& priv, CK_ULONG ckp) {
        pqc::generate(mech, pub, priv, ckp);
    }
};

void add_signature(MechanismRegistry& r, CK_MECHANISM_TYPE type, const char* name, SignInput input,
                   std::optional<PreHash> fixed, CK_ULONG required = 0) {
    add_signature_mechanism<MlDsaFamily>(r, type, name, input, fixed, required);
}

}  // namespace

void register_mldsa(MechanismRegistry& r) {
    add_signature_keygen<MlDsaFamily>(r, CKM_ML_DSA_KEY_PAIR_GEN, "ML-DSA-KEY-PAIR-GEN");

    add_signature(r, CKM_ML_DSA, "ML-DSA", SignInput::Message, std::nullopt);
    add_signature(r, CKM_HASH_ML_DSA, "HashML-DSA", SignInput::Digest, std::nullopt);
    const struct {
        CK_MECHANISM_TYPE type;
        const char* name;
        PreHash ph;
    } hashed[] = {
        {CKM_HASH_ML_DSA_SHA224, "HashML-DSA-SHA224", PreHash::Sha224},
        {CKM_HASH_ML_DSA_SHA256, "HashML-DSA-SHA256", PreHash::Sha256},
        {CKM_HASH_ML_DSA_SHA384, "HashML-DSA-SHA384", PreHash::Sha384},
        {CKM_HASH_ML_DSA_SHA512, "HashML-DSA-SHA512", PreHash::Sha512},
        {CKM_HASH_ML_DSA_SHA3_224, "HashML-DSA-SHA3-224", PreHash::Sha3_224},
        {CKM_HASH_ML_DSA_SHA3_256, "HashML-DSA-SHA3-256", PreHash::Sha3_256},
        {CKM_HASH_ML_DSA_SHA3_384, "HashML-DSA-SHA3-384", PreHash::Sha3_384},
        {CKM_HASH_ML_DSA_SHA3_512, "HashML-DSA-SHA3-512", PreHash::Sha3_512},
        {CKM_HASH_ML_DSA_SHAKE128, "HashML-DSA-SHAKE128", PreHash::Shake128},
        {CKM_HASH_ML_DSA_SHAKE256, "HashML-DSA-SHAKE256", PreHash::Shake256},
    };
    for (const auto& h : hashed) add_signature(r, h.type, h.name, SignInput::HashHere, h.ph);

    add_signature(r, CKM_CRATON_LEGACY_ML_DSA_44, "ML-DSA-44 (legacy)", SignInput::Message,
                  std::nullopt, CKP_ML_DSA_44);
    add_signature(r, CKM_CRATON_LEGACY_ML_DSA_65, "ML-DSA-65 (legacy)", SignInput::Message,
                  std::nullopt, CKP_ML_DSA_65);
    add_signature(r, CKM_CRATON_LEGACY_ML_DSA_87, "ML-DSA-87 (legacy)", SignInput::Message,
                  std::nullopt, CKP_ML_DSA_87);

    KeyTypeSupport support;
    support.type = CKK_ML_DSA;
    support.complete_import = complete_import;
    r.add_key_type(std::move(support));
}

}  // namespace craton::mech::pqc
