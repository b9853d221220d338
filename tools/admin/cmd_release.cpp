// craton-hsm-admin release verify-reproducible A B: two release trees built from the same
// source in different directories must hold the same files with the same SHA-256
// (scripts/release builds them). Exit 1 on any difference, naming the file.
#include <iostream>

#include "certified/release/tree_compare.h"
#include "commands.h"

namespace craton::admin {

void add_release_commands(CLI::App& app, int& exit_code) {
    CLI::App* release = app.add_subcommand("release", "Release checks");
    release->require_subcommand(1);
    static std::string tree_a, tree_b;
    CLI::App* verify = release->add_subcommand("verify-reproducible",
                                               "Compare two release trees file by file (SHA-256)");
    verify->add_option("a", tree_a, "First build's output directory")
        ->required()
        ->check(CLI::ExistingDirectory);
    verify->add_option("b", tree_b, "Second build's output directory")
        ->required()
        ->check(CLI::ExistingDirectory);
    verify->callback([&exit_code] {
        try {
            const auto files = release::compare_trees(tree_a, tree_b);
            std::size_t differ = 0;
            for (const auto& f : files) {
                if (f.identical()) {
                    std::cout << "identical " << f.hash_a << "  " << f.path << "\n";
                } else {
                    ++differ;
                    std::cout << "DIFFERS   " << (f.hash_a.empty() ? "(missing)" : f.hash_a)
                              << " vs " << (f.hash_b.empty() ? "(missing)" : f.hash_b) << "  "
                              << f.path << "\n";
                }
            }
            if (files.empty()) {
                std::cerr << "release verify-reproducible: no files to compare\n";
                exit_code = 1;
            } else if (differ != 0) {
                std::cerr << "release verify-reproducible: " << differ << " of " << files.size()
                          << " files differ\n";
                exit_code = 1;
            } else {
                std::cout << "reproducible: " << files.size() << " files identical\n";
            }
        } catch (const std::exception& e) {
            std::cerr << "release verify-reproducible: " << e.what() << "\n";
            exit_code = 1;
        }
    });
}

}  // namespace craton::admin
