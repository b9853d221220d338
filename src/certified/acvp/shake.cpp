// ACVP SHAKE-128/256 (FIPS 202) through our Keccak sponge (src/pqc/keccak), which takes
// bit-oriented input and output: revision FIPS202 (AFT) and revision 1.0 (AFT, VOT, MCT).
#include <algorithm>

#include "certified/acvp/compare.h"
#include "certified/acvp/digest_support.h"
#include "certified/acvp/families.h"
#include "certified/acvp/registry.h"

namespace craton::acvp {
namespace {

constexpr std::uint8_t kShakeDomain = 0x1F;

// How a revision writes an output whose length is not whole bytes: FIPS202 moves the kept bits
// to the top of the last byte, 1.0 leaves them in the low bits.
enum class PartialOutput { kShiftedHigh, kMaskedLow };

Bytes shake(std::size_t rate, const Bytes& msg, long long bits, long long out_bits,
            PartialOutput partial) {
    Bytes out = digest::keccak_bits(rate, kShakeDomain, msg, bits, out_bits);
    if (const auto keep = static_cast<unsigned>(out_bits % 8);
        keep != 0 && partial == PartialOutput::kShiftedHigh) {
        out.back() = static_cast<std::uint8_t>(out.back() << (8 - keep));
    }
    return out;
}

// SHAKE Monte Carlo (SHA3VS 6.3.3): the message is the first 128 bits of the previous output
// (zero-padded), and the next output length comes from the last 16 bits of that output.
json shake_mct(std::size_t rate, const json& group, const json& test) {
    const long long min_out = int_field(group, "minOutLen");
    const long long max_out = int_field(group, "maxOutLen");
    if (min_out % 8 != 0 || max_out % 8 != 0 || int_field(test, "len") != 128) {
        throw Unsupported("SHAKE MCT with non-byte lengths");
    }
    const long long range = (max_out - min_out) / 8 + 1;
    long long out_bits = max_out;
    Bytes output = hex_field(test, "msg");
    json results = json::array();
    for (int j = 0; j < 100; ++j) {
        for (int i = 0; i < 1000; ++i) {
            Bytes msg(16, 0);
            std::copy_n(output.begin(), std::min<std::size_t>(16, output.size()), msg.begin());
            output = shake(rate, msg, 128, out_bits, PartialOutput::kMaskedLow);
            const unsigned tail = static_cast<unsigned>(output[output.size() - 2]) << 8 |
                                  output[output.size() - 1];
            if (i == 999) {
                results.push_back({{"md", to_hex(output)},
                                   {"outLen", static_cast<long long>(output.size()) * 8}});
            }
            out_bits = min_out + 8 * (static_cast<long long>(tail) % range);
        }
    }
    return json{{"resultsArray", std::move(results)}};
}

GroupRunner shake_runner(std::size_t rate, PartialOutput partial) {
    return [rate, partial](const json& group, GroupContext& ctx) {
        const std::string type = str_field(group, "testType");
        return run_each_test(group, ctx, [&](const json& test) {
            if (type == "MCT") return shake_mct(rate, group, test);
            if (type != "AFT" && type != "VOT") throw Unsupported("test type " + type);
            const long long out_bits = int_field(test, "outLen");
            const Bytes md =
                shake(rate, hex_field(test, "msg"), int_field(test, "len"), out_bits, partial);
            return json{{"md", to_hex(md)}, {"outLen", out_bits}};
        });
    };
}

// The server's MCT answers carry a meaningless case-level "outLen": 0 beside resultsArray (each
// entry has its own outLen); only the results are compared for MCT cases.
std::string shake_check(const CaseView& c) {
    if (c.response_test.contains("resultsArray")) {
        return compare_fields(c.expected_test, c.response_test, {"outLen"});
    }
    return compare_fields(c.expected_test, c.response_test);
}

}  // namespace

void register_shake(Registry& r) {
    r.add({"SHAKE-128", "", "FIPS202", shake_runner(168, PartialOutput::kShiftedHigh), {}});
    r.add({"SHAKE-256", "", "FIPS202", shake_runner(136, PartialOutput::kShiftedHigh), {}});
    r.add({"SHAKE-128", "", "1.0", shake_runner(168, PartialOutput::kMaskedLow), shake_check});
    r.add({"SHAKE-256", "", "1.0", shake_runner(136, PartialOutput::kMaskedLow), shake_check});
}

}  // namespace craton::acvp
