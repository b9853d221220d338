// The generated security policy lists exactly what the registry holds: every mechanism with its
// approved flag and services, and every power-on KAT.
#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "certified/cmvp/security_policy.h"
#include "core/role_services.h"

namespace craton::cmvp {
namespace {

// The row of the mechanism table for the mechanism named `name`, or "".
std::string row_of(const std::string& md, const std::string& name) {
    const auto section = md.find("## Services: mechanisms");
    const auto end = md.find("## Self-tests");
    if (section == std::string::npos || end == std::string::npos) return "";
    std::istringstream in(md.substr(section, end - section));
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("| " + name + " |", 0) == 0) return line;
    }
    return "";
}

TEST(SecurityPolicy, RowsFollowTheRegistry) {
    mech::MechanismRegistry r;
    mech::Mechanism approved;
    approved.type = 0x1234;
    approved.name = "TEST-SIGN";
    approved.fips_approved = true;
    approved.info.ulMinKeySize = 2048;
    approved.info.ulMaxKeySize = 4096;
    approved.sign = [](const CK_MECHANISM&, const ObjectPtr&) {
        return std::unique_ptr<SignOperation>();
    };
    r.add(approved);
    mech::Mechanism other;
    other.type = 0x1235;
    other.name = "TEST-DIGEST";
    other.digest = [](const CK_MECHANISM&) { return std::unique_ptr<DigestOperation>(); };
    r.add(other);
    const std::string md = security_policy_markdown(r, {}, {"9.9.9", "ab"});
    EXPECT_EQ(row_of(md, "TEST-SIGN"), "| TEST-SIGN | 0x1234 | yes | 2048–4096 | sign |");
    EXPECT_EQ(row_of(md, "TEST-DIGEST"), "| TEST-DIGEST | 0x1235 | no | – | digest |");
    EXPECT_NE(md.find("2 mechanisms, 1 approved."), std::string::npos);
    EXPECT_NE(md.find("| version | 9.9.9 |"), std::string::npos);
}

TEST(SecurityPolicy, ModulePolicyListsEveryMechanismAndKat) {
    const auto& registry = mech::MechanismRegistry::global();
    const std::string md = security_policy_markdown(registry, selftest::all_kats(), {"x", ""});
    const auto types = registry.types();
    ASSERT_FALSE(types.empty());
    for (const auto t : types) {
        const auto* m = registry.find(t);
        ASSERT_NE(m, nullptr);
        const std::string row = row_of(md, m->name);
        ASSERT_FALSE(row.empty()) << m->name;
        EXPECT_NE(row.find(m->fips_approved ? "| yes |" : "| no |"), std::string::npos) << row;
    }
    for (const auto& k : selftest::all_kats()) {
        EXPECT_NE(md.find(std::string("| ") + k.name + " |"), std::string::npos) << k.name;
    }
}

// The role/service matrix is printed from core::kRoleServices, one row per entry, one yes/no
// column per session state in the table's order.
TEST(SecurityPolicy, RoleMatrixFollowsTheRoleTable) {
    const std::string md =
        security_policy_markdown(mech::MechanismRegistry::global(), {}, {"x", ""});
    std::string header = "| function | service |";
    for (const auto s : core::kRoleStates)
        header += std::string(" ") + core::role_state_name(s) + " |";
    EXPECT_NE(md.find(header + "\n"), std::string::npos) << header;
    for (const auto& row : core::kRoleServices) {
        std::string line = std::string("| `") + row.function + "` | " + row.detail + " |";
        for (const auto s : core::kRoleStates) line += (row.allowed & s) != 0 ? " yes |" : " no |";
        EXPECT_NE(md.find(line + "\n"), std::string::npos) << line;
    }
    EXPECT_EQ(md.find("Not generated yet"), std::string::npos);
}

}  // namespace
}  // namespace craton::cmvp
