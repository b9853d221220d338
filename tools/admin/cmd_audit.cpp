// craton-hsm-admin audit verify|tail
//
// verify recomputes the hash chain of an audit log and its rotated predecessors (FILE.N …
// FILE.1, FILE) and names the first broken record by file, line and sequence number.
// Exit status: 0 chain intact, 1 chain broken or a file unreadable, 2 the key file unusable.
// tail prints the last records of FILE as they are (JSON lines).
#include <deque>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>

#include "audit/audit_log.h"
#include "audit/chain_verifier.h"
#include "audit/log_file.h"
#include "commands.h"

namespace craton::admin {
namespace {

int run_verify(const std::string& file, const std::string& key_file,
               std::optional<std::uint64_t> from, ProgressMode progress) {
    audit::ChainKey key;
    if (!key_file.empty()) {
        try {
            key = audit::load_key_file(key_file);
        } catch (const audit::AuditError& e) {
            std::cerr << "audit verify: " << e.what() << "\n";
            return 2;
        }
    }
    const auto files = audit::rotation_set(file);
    audit::VerifyReport r;
    if (progress_wanted(progress)) {
        ProgressBar bar(std::cerr, "verify");
        r = audit::verify_chain(files, key, from, bar.callback());
        bar.finish();  // before the verdict, so it starts on a line of its own
    } else {
        r = audit::verify_chain(files, key, from);
    }
    if (!r.ok) {
        std::cout << "BROKEN: " << r.file.string() << " line " << r.line;
        if (r.seq) std::cout << " (seq " << *r.seq << ")";
        std::cout << ": " << r.reason << "\n";
        if (r.records != 0) {
            std::cout << r.records << " records before it verified (seq " << r.first_seq << ".."
                      << r.last_seq << ")\n";
        }
        return 1;
    }
    std::cout << "ok: " << r.records << " records";
    if (r.records != 0) std::cout << " (seq " << r.first_seq << ".." << r.last_seq << ")";
    std::cout << " in " << files.size() << " file" << (files.size() == 1 ? "" : "s") << ", "
              << key.algorithm() << " chain\n";
    return 0;
}

int run_tail(const std::string& file, std::size_t lines) {
    std::ifstream in(file);
    if (!in) {
        std::cerr << "audit tail: " << file << " cannot be read\n";
        return 1;
    }
    std::deque<std::string> last;
    for (std::string line; std::getline(in, line);) {
        last.push_back(std::move(line));
        if (last.size() > lines) last.pop_front();
    }
    for (const auto& l : last) std::cout << l << "\n";
    return 0;
}

}  // namespace

void add_audit_commands(CLI::App& app, int& exit_code) {
    CLI::App* cmd = app.add_subcommand("audit", "The tamper-evident audit log");
    cmd->require_subcommand(1);

    static std::string verify_file, key_file;
    static std::uint64_t from = 0;
    static ProgressMode progress = ProgressMode::Auto;
    CLI::App* verify = cmd->add_subcommand(
        "verify", "Recompute the hash chain of FILE (and FILE.N..FILE.1 before it)");
    verify->add_option("file", verify_file, "The audit log ([audit] path)")->required();
    verify->add_option("--key-file", key_file, "The audit key, for a keyed (HMAC) chain")
        ->check(CLI::ExistingFile);
    CLI::Option* from_opt = verify->add_option(
        "--from", from, "Start at record N, taking its prev hash on trust (older files gone)");
    add_progress_options(verify, progress);
    verify->callback([&exit_code, from_opt] {
        exit_code =
            run_verify(verify_file, key_file,
                       from_opt->count() != 0 ? std::optional(from) : std::nullopt, progress);
    });

    static std::string tail_file;
    static std::size_t tail_lines = 10;
    CLI::App* tail = cmd->add_subcommand("tail", "Print the last records of FILE");
    tail->add_option("file", tail_file, "The audit log")->required();
    tail->add_option("-n,--lines", tail_lines, "How many records")->capture_default_str();
    tail->callback([&exit_code] { exit_code = run_tail(tail_file, tail_lines); });
}

}  // namespace craton::admin
