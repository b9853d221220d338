// Message digests (SHA-1, SHA-2, SHA-3) on OpenSSL EVP.
#include <openssl/evp.h>

#include "core/error.h"
#include "mech/registry.h"

namespace craton::mech {
namespace {

// EVP_MD objects are fetched once per algorithm: fetching per operation is measurable cost.
const EVP_MD* fetch(const char* name) {
    const EVP_MD* md = EVP_MD_fetch(nullptr, name, nullptr);
    if (md == nullptr) fail(CKR_GENERAL_ERROR, std::string("digest unavailable: ") + name);
    return md;
}

class EvpDigest final : public DigestOperation {
public:
    explicit EvpDigest(const EVP_MD* md) : ctx_(EVP_MD_CTX_new()), md_(md) {
        if (ctx_ == nullptr || EVP_DigestInit_ex(ctx_, md_, nullptr) != 1) {
            EVP_MD_CTX_free(ctx_);
            fail(CKR_HOST_MEMORY);
        }
    }
    ~EvpDigest() override { EVP_MD_CTX_free(ctx_); }
    EvpDigest(const EvpDigest&) = delete;
    EvpDigest& operator=(const EvpDigest&) = delete;

    void update(ByteView data) override {
        if (EVP_DigestUpdate(ctx_, data.data(), data.size()) != 1) fail(CKR_FUNCTION_FAILED);
    }
    void update_key(const Object& key) override {
        if (key.object_class() != CKO_SECRET_KEY) fail(CKR_KEY_INDIGESTIBLE);
        const auto value = key.get(CKA_VALUE);
        if (!value) fail(CKR_KEY_INDIGESTIBLE);
        update(*value);
    }
    std::size_t length() const override { return static_cast<std::size_t>(EVP_MD_get_size(md_)); }
    void finish(std::uint8_t* out) override {
        unsigned int n = 0;
        if (EVP_DigestFinal_ex(ctx_, out, &n) != 1) fail(CKR_FUNCTION_FAILED);
    }

private:
    EVP_MD_CTX* ctx_;
    const EVP_MD* md_;
};

void add_digest(MechanismRegistry& r, CK_MECHANISM_TYPE type, const char* name,
                const char* evp_name) {
    Mechanism m;
    m.type = type;
    m.name = name;
    m.info = {0, 0, CKF_DIGEST};
    m.fips_approved = true;
    const EVP_MD* md = fetch(evp_name);
    m.digest = [md](const CK_MECHANISM& mech) -> std::unique_ptr<DigestOperation> {
        if (mech.pParameter != nullptr || mech.ulParameterLen != 0) {
            fail(CKR_MECHANISM_PARAM_INVALID);
        }
        return std::make_unique<EvpDigest>(md);
    };
    r.add(std::move(m));
}

}  // namespace

void register_digest_mechanisms(MechanismRegistry& r) {
    add_digest(r, CKM_SHA_1, "SHA-1", "SHA1");
    add_digest(r, CKM_SHA224, "SHA-224", "SHA2-224");
    add_digest(r, CKM_SHA256, "SHA-256", "SHA2-256");
    add_digest(r, CKM_SHA384, "SHA-384", "SHA2-384");
    add_digest(r, CKM_SHA512, "SHA-512", "SHA2-512");
    add_digest(r, CKM_SHA512_224, "SHA-512/224", "SHA2-512/224");
    add_digest(r, CKM_SHA512_256, "SHA-512/256", "SHA2-512/256");
    add_digest(r, CKM_SHA3_224, "SHA3-224", "SHA3-224");
    add_digest(r, CKM_SHA3_256, "SHA3-256", "SHA3-256");
    add_digest(r, CKM_SHA3_384, "SHA3-384", "SHA3-384");
    add_digest(r, CKM_SHA3_512, "SHA3-512", "SHA3-512");
}

}  // namespace craton::mech
