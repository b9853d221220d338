// craton-hsm-acvp: the NIST ACVP runner. Reads a prompt, answers every test group with the
// module's own primitives, writes the response, and with --expected compares it case by case.
//
// Exit status: 0 every compared case passed; 1 a mismatch (or a case with no answer);
// 2 no handler serves the vector set; 3 an input or runtime error.
#include <CLI/CLI.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "certified/acvp/compare.h"
#include "certified/acvp/runner.h"
#include "certified/acvp/summary.h"

namespace {

namespace fs = std::filesystem;
using craton::acvp::json;

constexpr int kMismatch = 1;
constexpr int kNoHandler = 2;
constexpr int kError = 3;

json read_json(const fs::path& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot open " + path.string());
    return json::parse(in);
}

void write_json(const fs::path& path, const json& j) {
    if (path.has_parent_path()) fs::create_directories(path.parent_path());
    std::ofstream out(path);
    out << j.dump(2) << "\n";
    if (!out) throw std::runtime_error("cannot write " + path.string());
}

// Runs one set; returns its exit status.
int run_set(const fs::path& prompt_path, const fs::path& out_path, const fs::path& expected_path,
            const craton::acvp::RunOptions& options) {
    using namespace craton::acvp;
    const json prompt = read_json(prompt_path);
    const SetId id = set_id(prompt);
    const std::string name = display_name(id.algorithm, id.mode, id.revision);
    const Registry& registry = default_registry();
    RunResult result;
    try {
        result = run_vector_set(prompt, registry, options);
    } catch (const Unsupported& e) {
        std::cout << "SKIP " << name << ": " << e.what() << "\n";
        return kNoHandler;
    }
    if (!out_path.empty()) write_json(out_path, result.response);
    if (expected_path.empty()) {
        print_run_only(std::cout, name, result.response, result.skips);
        return 0;
    }
    const Comparison c = compare(prompt, result.response, result.skips, read_json(expected_path),
                                 registry.find(id.algorithm, id.mode, id.revision));
    print_summary(std::cout, c);
    return c.failures.empty() ? 0 : kMismatch;
}

// --all DIR: every <DIR>/<set>/prompt.json, compared with its expectedResults.json if present.
int run_all(const fs::path& dir, const fs::path& out_dir, const craton::acvp::RunOptions& options) {
    std::vector<fs::path> sets;
    for (const auto& entry : fs::directory_iterator(dir)) {
        if (fs::exists(entry.path() / "prompt.json")) sets.push_back(entry.path());
    }
    std::sort(sets.begin(), sets.end());
    int status = 0;
    for (const auto& set : sets) {
        const fs::path expected = set / "expectedResults.json";
        const fs::path out =
            out_dir.empty() ? fs::path() : out_dir / (set.filename().string() + ".response.json");
        try {
            const int s = run_set(set / "prompt.json", out, fs::exists(expected) ? expected : "",
                                  options);
            if (s == kMismatch || s == kError) status = kMismatch;
        } catch (const std::exception& e) {
            std::cout << "ERROR " << set.filename().string() << ": " << e.what() << "\n";
            status = kMismatch;
        }
    }
    return status;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Craton HSM ACVP runner: prompt JSON in, response JSON out", "craton-hsm-acvp"};
    std::string prompt, out, expected, all, out_dir;
    craton::acvp::RunOptions options;
    app.add_option("prompt", prompt, "ACVP prompt.json of one vector set")
        ->check(CLI::ExistingFile);
    app.add_option("-o,--out", out, "Write the response JSON here");
    app.add_option("--expected", expected, "expectedResults.json to compare the response with")
        ->check(CLI::ExistingFile);
    app.add_option("--all", all, "Run every <DIR>/*/prompt.json (with its expectedResults.json)")
        ->check(CLI::ExistingDirectory);
    app.add_option("--out-dir", out_dir, "With --all: write <set>.response.json files here");
    app.add_option("--max-tests-per-group", options.max_tests_per_group,
                   "Answer only the first N cases of each group (0 = all; the rest are reported "
                   "as sampled out)");
    std::vector<std::string> samples;
    app.add_option("--sample", samples,
                   "FIELD=PATTERN:N: answer only N cases of groups whose FIELD matches PATTERN "
                   "(exact, '*suffix' or 'prefix*'), e.g. testType=LDT:0, parameterSet=*s:1");
    CLI11_PARSE(app, argc, argv);
    try {
        for (const auto& s : samples) options.samples.push_back(craton::acvp::parse_sample_rule(s));
        if (!all.empty()) return run_all(all, out_dir, options);
        if (prompt.empty()) {
            std::cerr << "craton-hsm-acvp: give a prompt file or --all DIR\n";
            return kError;
        }
        return run_set(prompt, out, expected, options);
    } catch (const std::exception& e) {
        std::cerr << "craton-hsm-acvp: " << e.what() << "\n";
        return kError;
    }
}
