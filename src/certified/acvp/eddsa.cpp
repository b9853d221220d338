// ACVP EdDSA (FIPS 186-5 / RFC 8032) revision 1.0 for Ed25519, the module's EdDSA curve
// (pure Ed25519 only: Ed448 and the pre-hash variants are not offered by the module).
//
// keyGen and sigGen use the module's own keys, so they are checked as ECDSA's are: our key
// pair is consistent and our signature verifies; the server's sample answers pass the same code.
#include "certified/acvp/compare.h"
#include "certified/acvp/ec_support.h"
#include "certified/acvp/families.h"
#include "certified/acvp/registry.h"

namespace craton::acvp {
namespace {

void require_ed25519(const json& group) {
    const std::string curve = str_field(group, "curve");
    if (curve != "ED-25519") throw Unsupported("curve " + curve);
    if (group.contains("preHash") && bool_field(group, "preHash")) {
        throw Unsupported("Ed25519ph (pre-hash)");
    }
}

Bytes sign(EVP_PKEY* key, const Bytes& message) {
    mech::ec::MdCtxPtr ctx(EVP_MD_CTX_new());
    std::size_t len = 64;
    Bytes sig(len);
    if (!ctx ||
        EVP_DigestSignInit_ex(ctx.get(), nullptr, nullptr, mech::ec::libctx(), nullptr, key,
                              nullptr) != 1 ||
        EVP_DigestSign(ctx.get(), sig.data(), &len, message.data(), message.size()) != 1) {
        throw std::runtime_error("Ed25519 sign");
    }
    sig.resize(len);
    return sig;
}

bool verify(const Bytes& q, const Bytes& message, const Bytes& sig) {
    const auto key = ec::ed25519_public(q);
    mech::ec::MdCtxPtr ctx(EVP_MD_CTX_new());
    return key && ctx &&
           EVP_DigestVerifyInit_ex(ctx.get(), nullptr, nullptr, mech::ec::libctx(), nullptr,
                                   key.get(), nullptr) == 1 &&
           EVP_DigestVerify(ctx.get(), sig.data(), sig.size(), message.data(), message.size()) == 1;
}

json keygen_group(const json& group, GroupContext& ctx) {
    require_ed25519(group);
    return run_each_test(group, ctx, [&](const json&) {
        const auto key = ec::generate("ED25519", nullptr);
        return json{{"d", to_hex(ec::raw_private(key.get()))}, {"q", to_hex(ec::raw_public(key.get()))}};
    });
}

bool consistent(const json& holder) {
    const auto key = ec::ed25519_private(hex_field(holder, "d"));
    return key && to_hex(ec::raw_public(key.get())) == to_hex(hex_field(holder, "q"));
}

std::string keygen_check(const CaseView& c) {
    if (!consistent(c.response_test)) return "our q is not the public key of our d";
    if (!consistent(c.expected_test)) return "the server's sample q does not match its d";
    return "";
}

json siggen_group(const json& group, GroupContext& ctx) {
    require_ed25519(group);
    const auto key = ec::generate("ED25519", nullptr);
    json out = run_each_test(group, ctx, [&](const json& test) {
        return json{{"signature", to_hex(sign(key.get(), hex_field(test, "message")))}};
    });
    out["q"] = to_hex(ec::raw_public(key.get()));
    return out;
}

std::string siggen_check(const CaseView& c) {
    const Bytes message = hex_field(c.prompt_test, "message");
    if (!verify(hex_field(c.response_group, "q"), message, hex_field(c.response_test, "signature"))) {
        return "our signature does not verify under our key";
    }
    if (!verify(hex_field(c.expected_group, "q"), message, hex_field(c.expected_test, "signature"))) {
        return "the server's signature does not verify under its key";
    }
    return "";
}

json sigver_group(const json& group, GroupContext& ctx) {
    require_ed25519(group);
    return run_each_test(group, ctx, [&](const json& test) {
        return json{{"testPassed", verify(hex_field(test, "q"), hex_field(test, "message"),
                                          hex_field(test, "signature"))}};
    });
}

}  // namespace

void register_eddsa(Registry& r) {
    r.add({"EDDSA", "keyGen", "1.0", keygen_group, keygen_check});
    r.add({"EDDSA", "sigGen", "1.0", siggen_group, siggen_check});
    r.add({"EDDSA", "sigVer", "1.0", sigver_group, {}});
}

}  // namespace craton::acvp
