// craton-hsm-admin cmvp package --out DIR [--module LIB] [--acvp-dir DIR]
//
// Gathers what a CMVP submission needs from this build: the generated security policy
// (security-policy.md and .html, from the mechanism registry and self-test table), a self-test log
// (the power-on KATs run now, in this process), the module's SHA-256 and integrity sidecar, the
// build manifest (compiler, flags, Debian package versions), and the ACVP response files found in
// --acvp-dir.
#include <filesystem>
#include <fstream>
#include <iostream>

#include "build_manifest.h"
#include "certified/cmvp/security_policy.h"
#include "certified/release/tree_compare.h"
#include "commands.h"

namespace craton::admin {
namespace {

namespace fs = std::filesystem;

void write_text(const fs::path& path, const std::string& text) {
    std::ofstream out(path);
    out << text;
    if (!out) throw std::runtime_error("cannot write " + path.string());
}

}  // namespace

void add_cmvp_commands(CLI::App& app, int& exit_code) {
    CLI::App* cmvp = app.add_subcommand("cmvp", "CMVP submission material");
    cmvp->require_subcommand(1);
    static std::string out_dir, module, acvp_dir;
    CLI::App* package = cmvp->add_subcommand("package", "Write the CMVP package directory");
    package->add_option("--out", out_dir, "Output directory")->required();
    package->add_option("--module", module, "libcraton_hsm.so to hash")->check(CLI::ExistingFile);
    package->add_option("--acvp-dir", acvp_dir, "Directory of ACVP *.response.json to include")
        ->check(CLI::ExistingDirectory);
    package->callback([&exit_code] {
        try {
            fs::create_directories(out_dir);
            cmvp::PolicyInputs inputs{CRATON_VERSION, ""};
            if (!module.empty()) {
                inputs.module_sha256 = release::file_sha256(module);
                std::string hashes =
                    inputs.module_sha256 + "  " + fs::path(module).filename().string() + "\n";
                const fs::path sidecar = fs::path(module).replace_extension(".hmac");
                if (fs::exists(sidecar)) {
                    fs::copy_file(sidecar, fs::path(out_dir) / sidecar.filename(),
                                  fs::copy_options::overwrite_existing);
                }
                write_text(fs::path(out_dir) / "module.sha256", hashes);
            }
            write_text(fs::path(out_dir) / "security-policy.md",
                       cmvp::security_policy_markdown(mech::MechanismRegistry::global(),
                                                      selftest::all_kats(), inputs));
            write_text(fs::path(out_dir) / "security-policy.html",
                       cmvp::security_policy_html(mech::MechanismRegistry::global(),
                                                  selftest::all_kats(), inputs));
            write_text(fs::path(out_dir) / "build-manifest.txt",
                       build_manifest(inputs.module_sha256));
            std::string log;
            bool all_passed = true;
            for (const auto& kat : selftest::all_kats()) {
                const auto r = selftest::run_kat(kat);
                all_passed = all_passed && r.passed;
                log += std::string(r.passed ? "pass " : "FAIL ") + r.name + "\n";
            }
            write_text(fs::path(out_dir) / "self-test.log", log);
            if (!acvp_dir.empty()) {
                fs::create_directories(fs::path(out_dir) / "acvp");
                for (const auto& e : fs::directory_iterator(acvp_dir)) {
                    if (e.path().extension() == ".json") {
                        fs::copy_file(e.path(), fs::path(out_dir) / "acvp" / e.path().filename(),
                                      fs::copy_options::overwrite_existing);
                    }
                }
            }
            std::cout << "wrote " << out_dir << (all_passed ? "" : " (a self-test FAILED)") << "\n";
            if (!all_passed) exit_code = 1;
        } catch (const std::exception& e) {
            std::cerr << "cmvp package: " << e.what() << "\n";
            exit_code = 1;
        }
    });
}

}  // namespace craton::admin
