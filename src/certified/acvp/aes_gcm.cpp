// ACVP AES-GCM (SP 800-38D) with external IVs: encrypt gives ct and a tag of tagLen bits,
// decrypt gives pt or testPassed false when the tag does not verify.
#include "certified/acvp/aes_support.h"
#include "certified/acvp/families.h"
#include "certified/acvp/registry.h"

namespace craton::acvp {
namespace {

bool ctrl(EVP_CIPHER_CTX* c, int type, int arg, void* ptr) {
    return EVP_CIPHER_CTX_ctrl(c, type, arg, ptr) == 1;
}

mech::aes::CipherCtx gcm_context(const Bytes& key, const Bytes& iv, bool encrypt) {
    auto c = aes::keyed_context(key, aes::Use::Gcm, {}, encrypt);
    // IV lengths other than 96 bits are part of the ACVP domain; set the length first.
    if (!ctrl(c.get(), EVP_CTRL_AEAD_SET_IVLEN, static_cast<int>(iv.size()), nullptr)) {
        throw Unsupported("GCM IV length " + std::to_string(iv.size() * 8) + " bits");
    }
    mech::aes::set_iv(c.get(), iv.data(), encrypt ? 1 : 0);
    return c;
}

json gcm_group(const json& group, GroupContext& ctx) {
    const bool encrypt = str_field(group, "direction") == "encrypt";
    if (str_field(group, "ivGen") != "external") throw Unsupported("GCM internal IV generation");
    const auto tag_bytes = static_cast<std::size_t>(int_field(group, "tagLen") / 8);
    return run_each_test(group, ctx, [&](const json& test) {
        const Bytes key = hex_field(test, "key");
        const Bytes iv = hex_field(test, "iv");
        const Bytes aad = hex_field(test, "aad");
        auto c = gcm_context(key, iv, encrypt);
        int n = 0;
        if (!aad.empty() && EVP_CipherUpdate(c.get(), nullptr, &n, aad.data(),
                                             static_cast<int>(aad.size())) != 1) {
            throw std::runtime_error("GCM AAD failed");
        }
        if (encrypt) {
            const Bytes ct = aes::update(c.get(), hex_field(test, "pt"));
            if (EVP_CipherFinal_ex(c.get(), nullptr, &n) != 1) {
                throw std::runtime_error("GCM final failed");
            }
            Bytes tag(tag_bytes);
            if (!ctrl(c.get(), EVP_CTRL_AEAD_GET_TAG, static_cast<int>(tag.size()), tag.data())) {
                throw std::runtime_error("GCM tag failed");
            }
            return json{{"ct", to_hex(ct)}, {"tag", to_hex(tag)}};
        }
        Bytes tag = hex_field(test, "tag");
        const Bytes pt = aes::update(c.get(), hex_field(test, "ct"));
        Bytes rest(16);
        const bool ok =
            ctrl(c.get(), EVP_CTRL_AEAD_SET_TAG, static_cast<int>(tag.size()), tag.data()) &&
            EVP_CipherFinal_ex(c.get(), rest.data(), &n) == 1;
        if (!ok) return json{{"testPassed", false}};
        return json{{"pt", to_hex(pt)}};
    });
}

}  // namespace

void register_aes_gcm(Registry& r) {
    r.add({"ACVP-AES-GCM", "", "1.0", gcm_group, {}});
}

}  // namespace craton::acvp
