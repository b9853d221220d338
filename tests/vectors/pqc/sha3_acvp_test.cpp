// NIST ACVP known answers for SHA3-256/384/512 (revision 2.0) and SHAKE128/256 (revisions
// FIPS202 and 1.0) against the Keccak sponge in src/pqc/keccak.
//
// Bit-oriented lengths (most SHA3 AFT messages, the SHAKE-1.0 AFT messages and many output
// lengths) are all run, none skipped. The conventions were fixed against the vectors:
//  * input: whole bytes go in unchanged; the r leftover bits are the top r bits of the last hex
//    byte, i.e. the value (byte >> (8 - r)), fed to the sponge in FIPS 202 order (bit 0 first);
//  * output of non-byte length: the last squeezed byte keeps its low r bits. SHAKE-*-FIPS202
//    writes them moved to the top of the byte (byte << (8 - r)); SHAKE-*-1.0 writes them in
//    place with the rest zeroed (byte & (2^r - 1)).
//
// Large-data (LDT) groups hash 1 to 8 GiB per case (15 GiB per algorithm); they run only in the
// *Slow suites, by absorbing the repeated 8-byte pattern from a 1 MiB buffer.
#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "pqc/keccak/keccak.h"
#include "support/vector_file.h"

namespace {

using craton::pqc::KeccakSponge;
using craton::test::Bytes;
using craton::test::from_hex;
using craton::test::load_vector_json;
using craton::test::to_hex;
using nlohmann::json;

// Numbers arrive as JSON numbers in these files, but accept decimal strings as well.
long long as_int(const json& j) {
    return j.is_string() ? std::stoll(j.get<std::string>()) : j.get<long long>();
}

// expectedResults indexed by (tgId, tcId).
std::map<std::pair<long long, long long>, const json*> index_expected(const json& expected) {
    std::map<std::pair<long long, long long>, const json*> out;
    for (const auto& group : expected.at("testGroups")) {
        for (const auto& test : group.at("tests")) {
            out[{as_int(group.at("tgId")), as_int(test.at("tcId"))}] = &test;
        }
    }
    return out;
}

// Absorbs an ACVP bit string of `bits` bits and finalizes.
void absorb_acvp_bits(KeccakSponge& sponge, const Bytes& msg, long long bits) {
    const std::size_t whole = static_cast<std::size_t>(bits / 8);
    const unsigned rest = static_cast<unsigned>(bits % 8);
    ASSERT_GE(msg.size(), whole + (rest ? 1 : 0));
    sponge.absorb(msg.data(), whole);
    sponge.finalize_with_bits(rest ? static_cast<std::uint8_t>(msg[whole] >> (8 - rest)) : 0, rest);
}

// How a revision writes the last byte of an output of non-byte length.
enum class PartialOutput {
    kShiftedHigh,  // the kept bits moved to the top of the byte (SHAKE-*-FIPS202)
    kMaskedLow,    // the kept bits left in place, the rest zeroed (SHAKE-*-1.0)
};

// Squeezes `bits` output bits and renders them the ACVP way.
Bytes squeeze_acvp_bits(KeccakSponge& sponge, long long bits,
                        PartialOutput partial = PartialOutput::kShiftedHigh) {
    Bytes out(static_cast<std::size_t>((bits + 7) / 8));
    sponge.squeeze(out.data(), out.size());
    if (const unsigned rest = static_cast<unsigned>(bits % 8); rest != 0) {
        out.back() = partial == PartialOutput::kShiftedHigh
                         ? static_cast<std::uint8_t>(out.back() << (8 - rest))
                         : static_cast<std::uint8_t>(out.back() & ((1u << rest) - 1));
    }
    return out;
}

struct HashParams {
    const char* folder;
    std::size_t rate;
    std::size_t digest_bytes;
    int cases;  // total tcIds in the file
    int ldt_cases;
};

std::string hash_bits(const HashParams& p, const Bytes& msg, long long bits) {
    KeccakSponge sponge(p.rate, 0x06);
    absorb_acvp_bits(sponge, msg, bits);
    return to_hex(squeeze_acvp_bits(sponge, static_cast<long long>(p.digest_bytes) * 8));
}

std::string hash_bytes(const HashParams& p, const Bytes& msg) {
    KeccakSponge sponge(p.rate, 0x06);
    sponge.absorb(msg.data(), msg.size());
    Bytes out(p.digest_bytes);
    sponge.squeeze(out.data(), out.size());
    return to_hex(out);
}

// SHA3 Monte Carlo ("standard" for SHA-3): each digest is the next message, 1000 per checkpoint.
void run_sha3_mct(const HashParams& p, const json& test, const json& expected) {
    Bytes md = from_hex(test.at("msg").get<std::string>());
    const auto& results = expected.at("resultsArray");
    ASSERT_EQ(results.size(), 100u);
    for (std::size_t j = 0; j < 100; ++j) {
        for (int i = 0; i < 1000; ++i) md = from_hex(hash_bytes(p, md));
        ASSERT_EQ(to_hex(md), results[j].at("md").get<std::string>())
            << p.folder << " MCT checkpoint " << j;
    }
}

std::string hash_large(const HashParams& p, const json& large) {
    const Bytes content = from_hex(large.at("content").get<std::string>());
    const long long content_bits = as_int(large.at("contentLength"));
    const long long full_bits = as_int(large.at("fullLength"));
    EXPECT_EQ(large.at("expansionTechnique").get<std::string>(), "repeating");
    EXPECT_EQ(content_bits, static_cast<long long>(content.size()) * 8);
    EXPECT_EQ(full_bits % content_bits, 0);
    Bytes chunk;
    while (chunk.size() < (1u << 20)) chunk.insert(chunk.end(), content.begin(), content.end());
    KeccakSponge sponge(p.rate, 0x06);
    unsigned long long remaining = static_cast<unsigned long long>(full_bits / 8);
    while (remaining > 0) {
        const std::size_t n =
            static_cast<std::size_t>(std::min<unsigned long long>(remaining, chunk.size()));
        sponge.absorb(chunk.data(), n);
        remaining -= n;
    }
    Bytes out(p.digest_bytes);
    sponge.squeeze(out.data(), out.size());
    return to_hex(out);
}

// Runs every AFT and MCT case; LDT cases only when `with_ldt` (they are counted either way so
// that a missing group still fails).
void run_sha3_file(const HashParams& p, bool with_ldt) {
    const json prompt = load_vector_json(std::string("acvp/") + p.folder + "/prompt.json");
    const json expected =
        load_vector_json(std::string("acvp/") + p.folder + "/expectedResults.json");
    const auto answers = index_expected(expected);
    int aft = 0, mct = 0, ldt = 0, ldt_run = 0;
    for (const auto& group : prompt.at("testGroups")) {
        const std::string type = group.at("testType").get<std::string>();
        const long long tg = as_int(group.at("tgId"));
        for (const auto& test : group.at("tests")) {
            const long long tc = as_int(test.at("tcId"));
            const auto it = answers.find({tg, tc});
            ASSERT_NE(it, answers.end()) << p.folder << " tcId " << tc;
            const json& answer = *it->second;
            if (type == "AFT") {
                const Bytes msg = from_hex(test.at("msg").get<std::string>());
                EXPECT_EQ(hash_bits(p, msg, as_int(test.at("len"))),
                          answer.at("md").get<std::string>())
                    << p.folder << " tcId " << tc;
                ++aft;
            } else if (type == "MCT") {
                EXPECT_EQ(group.at("mctVersion").get<std::string>(), "standard");
                run_sha3_mct(p, test, answer);
                ++mct;
            } else if (type == "LDT") {
                ++ldt;
                if (with_ldt) {
                    EXPECT_EQ(hash_large(p, test.at("largeMsg")),
                              answer.at("md").get<std::string>())
                        << p.folder << " tcId " << tc;
                    ++ldt_run;
                }
            } else {
                ADD_FAILURE() << "unexpected testType " << type;
            }
        }
    }
    EXPECT_EQ(aft + mct + ldt, p.cases) << p.folder;
    EXPECT_EQ(mct, 1) << p.folder;
    EXPECT_EQ(ldt, p.ldt_cases) << p.folder;
    EXPECT_EQ(ldt_run, with_ldt ? p.ldt_cases : 0) << p.folder;
}

constexpr HashParams kSha3_256{"SHA3-256-2.0", 136, 32, 1199, 4};
constexpr HashParams kSha3_384{"SHA3-384-2.0", 104, 48, 943, 4};
constexpr HashParams kSha3_512{"SHA3-512-2.0", 72, 64, 687, 4};

TEST(Sha3Acvp, Sha3_256AftMct) {
    run_sha3_file(kSha3_256, false);
}
TEST(Sha3Acvp, Sha3_384AftMct) {
    run_sha3_file(kSha3_384, false);
}
TEST(Sha3Acvp, Sha3_512AftMct) {
    run_sha3_file(kSha3_512, false);
}
TEST(Sha3AcvpSlow, Sha3_256AllGroupsWithLdt) {
    run_sha3_file(kSha3_256, true);
}
TEST(Sha3AcvpSlow, Sha3_384AllGroupsWithLdt) {
    run_sha3_file(kSha3_384, true);
}
TEST(Sha3AcvpSlow, Sha3_512AllGroupsWithLdt) {
    run_sha3_file(kSha3_512, true);
}

// ---- SHAKE ----

struct ShakeParams {
    const char* folder;
    std::size_t rate;
    int aft, mct, vot;  // cases per group type in the file
    PartialOutput partial;
};

Bytes shake_bits(const ShakeParams& p, const Bytes& msg, long long bits, long long out_bits) {
    KeccakSponge sponge(p.rate, 0x1F);
    absorb_acvp_bits(sponge, msg, bits);
    return squeeze_acvp_bits(sponge, out_bits, p.partial);
}

// SHAKE Monte Carlo (SHA3VS §6.3.3): the message is the first 128 bits of the previous output
// (zero-padded), and the next output length is derived from that output's last 16 bits.
void run_shake_mct(const ShakeParams& p, const json& group, const json& test,
                   const json& expected) {
    const long long min_out = as_int(group.at("minOutLen"));
    const long long max_out = as_int(group.at("maxOutLen"));
    ASSERT_EQ(min_out % 8, 0);
    ASSERT_EQ(max_out % 8, 0);
    const long long range = (max_out - min_out) / 8 + 1;
    long long out_bits = max_out;
    Bytes output = from_hex(test.at("msg").get<std::string>());
    ASSERT_EQ(as_int(test.at("len")), 128);
    const auto& results = expected.at("resultsArray");
    ASSERT_EQ(results.size(), 100u);
    for (std::size_t j = 0; j < 100; ++j) {
        for (int i = 0; i < 1000; ++i) {
            Bytes msg(16, 0);
            std::copy_n(output.begin(), std::min<std::size_t>(16, output.size()), msg.begin());
            output = shake_bits(p, msg, 128, out_bits);
            const unsigned tail =
                (static_cast<unsigned>(output[output.size() - 2]) << 8) | output[output.size() - 1];
            out_bits = min_out + 8 * (static_cast<long long>(tail) % range);
            if (i == 999) {
                ASSERT_EQ(to_hex(output), results[j].at("md").get<std::string>())
                    << p.folder << " MCT checkpoint " << j;
            }
        }
        EXPECT_EQ(static_cast<long long>(output.size()) * 8, as_int(results[j].at("outLen")));
    }
}

void run_shake_file(const ShakeParams& p) {
    const json prompt = load_vector_json(std::string("acvp/") + p.folder + "/prompt.json");
    const json expected =
        load_vector_json(std::string("acvp/") + p.folder + "/expectedResults.json");
    const auto answers = index_expected(expected);
    int aft = 0, mct = 0, vot = 0;
    for (const auto& group : prompt.at("testGroups")) {
        const std::string type = group.at("testType").get<std::string>();
        const long long tg = as_int(group.at("tgId"));
        for (const auto& test : group.at("tests")) {
            const long long tc = as_int(test.at("tcId"));
            const auto it = answers.find({tg, tc});
            ASSERT_NE(it, answers.end()) << p.folder << " tcId " << tc;
            const json& answer = *it->second;
            if (type == "AFT" || type == "VOT") {
                const Bytes msg = from_hex(test.at("msg").get<std::string>());
                const Bytes md =
                    shake_bits(p, msg, as_int(test.at("len")), as_int(test.at("outLen")));
                EXPECT_EQ(to_hex(md), answer.at("md").get<std::string>())
                    << p.folder << " tcId " << tc;
                ++(type == "AFT" ? aft : vot);
            } else if (type == "MCT") {
                run_shake_mct(p, group, test, answer);
                ++mct;
            } else {
                ADD_FAILURE() << "unexpected testType " << type;
            }
        }
    }
    EXPECT_EQ(aft, p.aft) << p.folder;
    EXPECT_EQ(mct, p.mct) << p.folder;
    EXPECT_EQ(vot, p.vot) << p.folder;
}

TEST(ShakeAcvp, Shake128Fips202) {
    run_shake_file({"SHAKE-128-FIPS202", 168, 269, 0, 0, PartialOutput::kShiftedHigh});
}
TEST(ShakeAcvp, Shake256Fips202) {
    run_shake_file({"SHAKE-256-FIPS202", 136, 237, 0, 0, PartialOutput::kShiftedHigh});
}
TEST(ShakeAcvp, Shake128Rev1) {
    run_shake_file({"SHAKE-128-1.0", 168, 1392, 1, 512, PartialOutput::kMaskedLow});
}
TEST(ShakeAcvp, Shake256Rev1) {
    run_shake_file({"SHAKE-256-1.0", 136, 1148, 1, 512, PartialOutput::kMaskedLow});
}

}  // namespace
