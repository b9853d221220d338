// ACVP AES-KW and AES-KWP (SP 800-38F) with the forward cipher ("kwCipher": "cipher"), the
// only form the module's CKM_AES_KEY_WRAP / CKM_AES_KEY_WRAP_KWP mechanisms use.
#include "certified/acvp/aes_support.h"
#include "certified/acvp/families.h"
#include "certified/acvp/registry.h"

namespace craton::acvp {
namespace {

GroupRunner kw_runner(bool pad) {
    return [pad](const json& group, GroupContext& ctx) {
        if (str_field(group, "kwCipher") != "cipher") {
            throw Unsupported("key wrap with the inverse cipher");
        }
        const bool encrypt = str_field(group, "direction") == "encrypt";
        const aes::Use use = pad ? (encrypt ? aes::Use::WrapPadEncrypt : aes::Use::WrapPadDecrypt)
                                 : (encrypt ? aes::Use::WrapEncrypt : aes::Use::WrapDecrypt);
        return run_each_test(group, ctx, [&](const json& test) {
            auto c = aes::keyed_context(hex_field(test, "key"), use, {}, encrypt);
            const Bytes in = hex_field(test, encrypt ? "pt" : "ct");
            Bytes out(in.size() + 16);
            int n = 0;
            // EVP's wrap ciphers do the whole wrap in one update; a failed integrity check
            // (unwrap) is reported as a failed update.
            const bool ok = EVP_CipherUpdate(c.get(), out.data(), &n, in.data(),
                                             static_cast<int>(in.size())) == 1 && n > 0;
            if (!ok) {
                if (encrypt) throw std::runtime_error("key wrap failed");
                return json{{"testPassed", false}};
            }
            out.resize(static_cast<std::size_t>(n));
            return json{{encrypt ? "ct" : "pt", to_hex(out)}};
        });
    };
}

}  // namespace

void register_aes_kw(Registry& r) {
    r.add({"ACVP-AES-KW", "", "1.0", kw_runner(false), {}});
    r.add({"ACVP-AES-KWP", "", "1.0", kw_runner(true), {}});
}

}  // namespace craton::acvp
