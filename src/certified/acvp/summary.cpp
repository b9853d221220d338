#include "certified/acvp/summary.h"

#include <map>

namespace craton::acvp {
namespace {

void print_skip_reasons(std::ostream& out, const std::vector<Skip>& skips) {
    std::map<std::string, std::size_t> reasons;
    for (const auto& s : skips) ++reasons[s.reason];
    for (const auto& [reason, n] : reasons) out << "    skipped " << n << ": " << reason << "\n";
}

}  // namespace

void print_summary(std::ostream& out, const Comparison& c, std::size_t max_failures) {
    out << (c.failures.empty() ? "PASS " : "FAIL ") << c.set_name << ": " << c.passed
        << " passed, " << c.failures.size() << " failed, " << c.skipped << " skipped\n";
    print_skip_reasons(out, c.skips);
    for (std::size_t i = 0; i < c.failures.size() && i < max_failures; ++i) {
        const auto& f = c.failures[i];
        out << "    mismatch tgId " << f.tg_id << " tcId " << f.tc_id << ": " << f.reason << "\n";
    }
    if (c.failures.size() > max_failures) {
        out << "    ... and " << c.failures.size() - max_failures << " more mismatches\n";
    }
}

void print_run_only(std::ostream& out, const std::string& set_name, const json& response,
                    const std::vector<Skip>& skips) {
    std::size_t answered = 0;
    for (const auto& g : response.at("testGroups")) answered += g.at("tests").size();
    out << "RAN  " << set_name << ": " << answered << " answered (no expected results to compare), "
        << skips.size() << " skipped\n";
    print_skip_reasons(out, skips);
}

}  // namespace craton::acvp
