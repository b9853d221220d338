// ACVP hmacDRBG (SP 800-90A r1) through the module's own HMAC_DRBG (src/rng/hmac_drbg.h),
// instantiated with the test's entropy, nonce and personalisation string. The answer is the
// output of the last generate call.
#include "certified/acvp/families.h"
#include "certified/acvp/registry.h"
#include "rng/hmac_drbg.h"

namespace craton::acvp {
namespace {

json drbg_group(const json& group, GroupContext& ctx) {
    if (bool_field(group, "derFunc")) throw Unsupported("HMAC_DRBG has no derivation function");
    const std::string mode = str_field(group, "mode");
    const bool prediction_resistance = bool_field(group, "predResistance");
    const long long out_bits = int_field(group, "returnedBitsLen");
    if (out_bits % 8 != 0) throw Unsupported("returnedBitsLen not whole bytes");
    return run_each_test(group, ctx, [&](const json& test) {
        rng::HmacDrbg drbg(mode);
        drbg.instantiate(hex_field(test, "entropyInput"), hex_field(test, "nonce"),
                         hex_field(test, "persoString"));
        Bytes out(static_cast<std::size_t>(out_bits / 8));
        for (const auto& step : test.at("otherInput")) {
            const std::string use = str_field(step, "intendedUse");
            const Bytes entropy = hex_field(step, "entropyInput");
            const Bytes additional = hex_field(step, "additionalInput");
            if (use == "reSeed") {
                drbg.reseed(entropy, additional);
            } else if (use == "generate") {
                // SP 800-90A 9.3.1: with prediction resistance a request reseeds first, with
                // its additional input, then generates with none.
                if (prediction_resistance) drbg.reseed(entropy, additional);
                const auto status = drbg.generate(out, prediction_resistance ? Bytes{} : additional);
                if (status != rng::HmacDrbg::Status::Ok) throw std::runtime_error("reseed required");
            } else {
                throw Unsupported("otherInput use " + use);
            }
        }
        return json{{"returnedBits", to_hex(out)}};
    });
}

}  // namespace

void register_drbg(Registry& r) {
    r.add({"hmacDRBG", "", "SP800-90Ar1", drbg_group, {}});
    r.add({"hmacDRBG", "", "1.0", drbg_group, {}});
}

}  // namespace craton::acvp
