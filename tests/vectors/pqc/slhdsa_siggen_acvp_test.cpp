// SLH-DSA signing over the NIST ACVP sigGen prompt (FIPS 205 Alg. 19, 22, 23).
//
// The upstream expectedResults.json of this folder is not in the shared vectors (see its
// README), so most cases can only be checked as sign -> verify round trips plus tamper
// detection. Four cases of this very vector set (tcId 7, 64, 162, 215: SHA2/SHAKE-128s/f, pure,
// deterministic) have their NIST expected signatures published elsewhere (GNU Nettle copies
// them from ACVP-Server's internalProjection.json into testsuite/slh-dsa-*-tc*.sig); their
// SHA-256 digests are pinned below, so those four signatures are byte-exact KATs.
//
// Each case: sign through the interface the group names, verify, then verify must fail after
// flipping one message bit, one signature bit, and (external interface) changing the context.
// Deterministic groups also re-sign and expect the identical signature.
// The normal suite signs the first case of every group (72 groups: every parameter set times
// every interface and pre-hash mode); the Slow suite signs all 624 cases. Both are split by
// parameter set so ctest can spread them over cores.
#include <gtest/gtest.h>

#include <map>

#include "slhdsa_test_util.h"

namespace {

using craton::test::Bytes;
using craton::test::from_hex;
namespace slh = craton::pqc::slhdsa;
namespace util = craton::test::slhdsa;

constexpr const char* kPrompt = "acvp/SLH-DSA-sigGen-FIPS205/prompt.json";
constexpr std::size_t kGroupsInFile = 72;
constexpr std::size_t kCasesInFile = 624;

// SHA-256 of NIST's expected signature for tcIds of this prompt (ACVP-Server v1.1.0.43
// internalProjection, vsId 53), via the copies in GNU Nettle's testsuite.
const std::map<int, std::string>& nist_signature_digests() {
    static const std::map<int, std::string> digests = {
        {7, "d7897f35ab2a4174ca59ded9b02a86cfb5bb8df236c740a2ed13a0fd887ce1ac"},
        {64, "424dd96af33d9eb94854c98f1325c9d75e5e0903da84467f5a8795d103908b2a"},
        {162, "9cf40bfd331f28b54426e0b6c22925b338e656a4d586d49485776a86989c468b"},
        {215, "428cffbc78a8357e38c7f90314e0a0b095c37e69c48c0bf5ca9a022a39fe8995"},
    };
    return digests;
}

enum class Interface { kInternal, kPure, kPreHash };

struct CaseInputs {
    slh::ParameterSet set;
    Interface interface;
    Bytes sk;
    Bytes pk;
    Bytes message;
    Bytes context;
    std::optional<slh::PreHash> ph;
    std::optional<Bytes> addrnd;
};

CaseInputs decode(const nlohmann::json& group, const nlohmann::json& test) {
    CaseInputs in;
    in.set = util::parameter_set(group);
    const auto interface = group.at("signatureInterface").get<std::string>();
    if (interface == "internal") {
        in.interface = Interface::kInternal;
    } else if (group.at("preHash").get<std::string>() == "pure") {
        in.interface = Interface::kPure;
    } else {
        in.interface = Interface::kPreHash;
        in.ph = util::prehash(test.at("hashAlg").get<std::string>());
    }
    in.sk = from_hex(test.at("sk").get<std::string>());
    in.pk = util::public_key_of(in.set, in.sk);
    in.message = from_hex(test.at("message").get<std::string>());
    if (in.interface != Interface::kInternal) {
        in.context = from_hex(test.at("context").get<std::string>());
    }
    if (!group.at("deterministic").get<bool>()) {
        in.addrnd = from_hex(test.at("additionalRandomness").get<std::string>());
    }
    return in;
}

Bytes sign(const CaseInputs& in) {
    const std::optional<slh::ByteSpan> addrnd =
        in.addrnd ? std::optional<slh::ByteSpan>(*in.addrnd) : std::nullopt;
    switch (in.interface) {
        case Interface::kInternal: {
            Bytes sig(slh::sizes(in.set).signature);
            slh::slh_sign_internal(in.set, in.message, in.sk, addrnd, sig);
            return sig;
        }
        case Interface::kPure:
            return slh::slh_sign(in.set, in.message, in.context, in.sk, addrnd);
        case Interface::kPreHash:
            return slh::hash_slh_sign(in.set, in.message, in.context, *in.ph, in.sk, addrnd);
    }
    return {};
}

bool verify(const CaseInputs& in, const Bytes& message, const Bytes& sig, const Bytes& context) {
    switch (in.interface) {
        case Interface::kInternal:
            return slh::slh_verify_internal(in.set, message, sig, in.pk);
        case Interface::kPure:
            return slh::slh_verify(in.set, message, sig, context, in.pk);
        case Interface::kPreHash:
            return slh::hash_slh_verify(in.set, message, sig, context, *in.ph, in.pk);
    }
    return false;
}

void run_case(const nlohmann::json& group, const nlohmann::json& test) {
    const int tc_id = test.at("tcId").get<int>();
    SCOPED_TRACE("tgId " + std::to_string(group.at("tgId").get<int>()) + " tcId " +
                 std::to_string(tc_id) + " " + group.at("parameterSet").get<std::string>());
    const CaseInputs in = decode(group, test);
    const Bytes sig = sign(in);
    ASSERT_EQ(sig.size(), slh::sizes(in.set).signature);

    EXPECT_TRUE(verify(in, in.message, sig, in.context));
    Bytes other_message = in.message;
    if (other_message.empty()) {
        other_message.push_back(0x00);
    } else {
        other_message = util::with_bit_flipped(other_message, 8 * (other_message.size() / 2));
    }
    EXPECT_FALSE(verify(in, other_message, sig, in.context));
    // Rotate the flipped signature bit through R, the FORS signature and the hypertree.
    const std::size_t sig_bits = sig.size() * 8;
    const std::size_t bit = (static_cast<std::size_t>(tc_id) * 2654435761u) % sig_bits;
    EXPECT_FALSE(verify(in, in.message, util::with_bit_flipped(sig, bit), in.context));
    if (in.interface != Interface::kInternal) {
        Bytes other_context = in.context;
        other_context.push_back(0x00);
        EXPECT_FALSE(verify(in, in.message, sig, other_context));
    }
    if (in.interface == Interface::kPreHash) {
        // The digest entry point must accept the same signature for PH(M).
        Bytes digest(slh::prehash_digest_bytes(*in.ph));
        slh::prehash_digest(*in.ph, in.message, digest.data());
        EXPECT_TRUE(slh::hash_slh_verify_digest(in.set, digest, sig, in.context, *in.ph, in.pk));
    }
    if (!in.addrnd) {
        EXPECT_EQ(sign(in), sig) << "deterministic signing is not reproducible";
    }
    const auto& digests = nist_signature_digests();
    if (const auto it = digests.find(tc_id); it != digests.end()) {
        EXPECT_EQ(util::sha256_hex(sig), it->second) << "differs from NIST's expected signature";
    }
}

const nlohmann::json& prompt() {
    static const nlohmann::json parsed = craton::test::load_vector_json(kPrompt);
    return parsed;
}

// Runs the cases of `set` that `take` selects (given the case's index within its group) and
// returns how many ran.
template <class Take>
std::size_t run_set(slh::ParameterSet set, Take take) {
    std::size_t run = 0;
    for (const auto& group : prompt().at("testGroups")) {
        if (util::parameter_set(group) != set) continue;
        const auto& tests = group.at("tests");
        for (std::size_t i = 0; i < tests.size(); ++i) {
            if (!take(i)) continue;
            run_case(group, tests[i]);
            ++run;
        }
    }
    return run;
}

// Tests are parameterized by the CKP_SLH_DSA_* value 1..12.
slh::ParameterSet set_of(int value) {
    return static_cast<slh::ParameterSet>(value);
}

// "SLH-DSA-SHA2-128s" -> "SHA2_128s".
std::string set_label(const ::testing::TestParamInfo<int>& info) {
    std::string label(slh::name(set_of(info.param)).substr(std::string_view("SLH-DSA-").size()));
    for (char& c : label) {
        if (c == '-') c = '_';
    }
    return label;
}

// The file holds 6 groups per parameter set (deterministic and hedged, each with the internal
// interface and the external pure and pre-hash interfaces); every one belongs to a known set.
TEST(SlhDsaSigGenAcvp, FileShape) {
    std::size_t groups = 0;
    std::size_t cases = 0;
    std::map<slh::ParameterSet, int> groups_per_set;
    for (const auto& group : prompt().at("testGroups")) {
        ++groups_per_set[util::parameter_set(group)];
        ++groups;
        cases += group.at("tests").size();
    }
    EXPECT_EQ(groups, kGroupsInFile);
    EXPECT_EQ(cases, kCasesInFile);
    EXPECT_EQ(groups_per_set.size(), slh::kParameterSetCount);
    for (const auto& [set, count] : groups_per_set) EXPECT_EQ(count, 6) << slh::name(set);
}

class SlhDsaSigGenAcvpSet : public ::testing::TestWithParam<int> {};
class SlhDsaSlowSigGenAcvpSet : public ::testing::TestWithParam<int> {};

TEST_P(SlhDsaSigGenAcvpSet, FirstCaseOfEveryGroup) {
    EXPECT_EQ(run_set(set_of(GetParam()), [](std::size_t i) { return i == 0; }), 6u);
}

TEST_P(SlhDsaSlowSigGenAcvpSet, AllCases) {
    const auto set = set_of(GetParam());
    std::size_t in_file = 0;
    for (const auto& group : prompt().at("testGroups")) {
        if (util::parameter_set(group) == set) in_file += group.at("tests").size();
    }
    EXPECT_EQ(run_set(set, [](std::size_t) { return true; }), in_file);
}

INSTANTIATE_TEST_SUITE_P(AllSets, SlhDsaSigGenAcvpSet, ::testing::Range(1, 13), set_label);
INSTANTIATE_TEST_SUITE_P(AllSets, SlhDsaSlowSigGenAcvpSet, ::testing::Range(1, 13), set_label);

TEST(SlhDsaSigGenAcvp, NistExpectedSignatures) {
    std::size_t matched = 0;
    for (const auto& group : prompt().at("testGroups")) {
        for (const auto& test : group.at("tests")) {
            if (nist_signature_digests().count(test.at("tcId").get<int>()) == 0) continue;
            run_case(group, test);
            ++matched;
        }
    }
    EXPECT_EQ(matched, nist_signature_digests().size());
}

}  // namespace
