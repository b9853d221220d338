// Fuzz target: the ACVP vector-set reader (src/certified/acvp, what tools/acvp runs on a prompt
// file). A prompt is downloaded from a server or edited by hand, so any text must either run or
// be refused with an exception the tool reports (it catches std::exception), never crash, hang
// or exhaust memory. Each group runs at most two cases: the fuzzer explores the readers of the
// fields, not the speed of RSA key generation.
#include <cstdint>
#include <exception>
#include <string>

#include "certified/acvp/registry.h"
#include "certified/acvp/runner.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace craton::acvp;
    const json prompt = json::parse(data, data + size, nullptr, /*allow_exceptions=*/false);
    if (prompt.is_discarded()) return 0;  // not JSON: the tool's JSON library refuses it
    RunOptions options;
    options.max_tests_per_group = 2;
    try {
        (void)set_id(prompt);
        (void)run_vector_set(prompt, default_registry(), options);
    } catch (const std::exception&) {
        // Refused (Unsupported, a missing or mistyped field): the tool prints it and moves on.
    }
    return 0;
}
