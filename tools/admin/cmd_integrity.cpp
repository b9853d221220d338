// craton-hsm-admin integrity sign|verify <module>
//
// sign writes <module>.hmac (libcraton_hsm.so -> libcraton_hsm.hmac), the HMAC-SHA-256 the
// module checks at every C_Initialize; the build runs it after linking, and an operator runs
// it after anything that legitimately changes the file (strip, re-link). verify recomputes
// and compares, exiting 1 on any mismatch, so it can gate a deployment.
#include <iostream>
#include <string>

#include "commands.h"
#include "selftest/integrity.h"

namespace craton::admin {

void add_integrity_commands(CLI::App& app, int& exit_code) {
    CLI::App* integrity =
        app.add_subcommand("integrity", "Module integrity sidecar (HMAC-SHA-256 of the module)");
    integrity->require_subcommand(1);

    static std::string sign_path, verify_path;
    CLI::App* sign = integrity->add_subcommand("sign", "Write <module>.hmac beside the module");
    sign->add_option("module", sign_path, "Path of libcraton_hsm.so")
        ->required()
        ->check(CLI::ExistingFile);
    sign->callback([&exit_code] {
        try {
            const auto out = selftest::write_sidecar(sign_path);
            std::cout << "wrote " << out.string() << "\n";
        } catch (const std::exception& e) {
            std::cerr << "integrity sign: " << e.what() << "\n";
            exit_code = 1;
        }
    });

    CLI::App* verify = integrity->add_subcommand("verify", "Check the module against its .hmac");
    verify->add_option("module", verify_path, "Path of libcraton_hsm.so")
        ->required()
        ->check(CLI::ExistingFile);
    verify->callback([&exit_code] {
        const auto status = selftest::verify_integrity(verify_path);
        if (status == selftest::IntegrityStatus::Ok) {
            std::cout << "ok: " << verify_path << " matches "
                      << selftest::sidecar_path(verify_path).string() << "\n";
        } else {
            std::cerr << "integrity verify: " << selftest::describe(status) << "\n";
            exit_code = 1;
        }
    });
}

}  // namespace craton::admin
