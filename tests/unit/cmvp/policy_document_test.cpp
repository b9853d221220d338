// The HTML form of the security policy carries the same rows as the Markdown form, with every
// text escaped, so a mechanism name can never become markup.
#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "certified/cmvp/security_policy.h"

namespace craton::cmvp {
namespace {

std::size_t count(const std::string& s, const std::string& what) {
    std::size_t n = 0;
    for (auto pos = s.find(what); pos != std::string::npos; pos = s.find(what, pos + 1)) ++n;
    return n;
}

TEST(PolicyDocument, HtmlEscapesTextAndRendersCodeSpans) {
    PolicyDocument doc;
    doc.heading(1, "T <1>");
    doc.paragraph("a `x<y` & b");
    doc.table({{"h"}, {{"<script>alert(1)</script>"}, {"p|q"}}});
    const std::string html = render_html(doc);
    EXPECT_EQ(html.find("<script>"), std::string::npos);
    EXPECT_NE(html.find("<title>T &lt;1&gt;</title>"), std::string::npos);
    EXPECT_NE(html.find("<p>a <code>x&lt;y</code> &amp; b</p>"), std::string::npos);
    EXPECT_NE(html.find("<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>"), std::string::npos);
    const std::string md = render_markdown(doc);
    EXPECT_NE(md.find("| p\\|q |"), std::string::npos);  // a '|' cannot split the cell
}

TEST(PolicyDocument, HtmlAndMarkdownListTheSameMechanisms) {
    const auto& registry = mech::MechanismRegistry::global();
    const PolicyInputs inputs{"x", ""};
    const std::string html = security_policy_html(registry, selftest::all_kats(), inputs);
    const std::string md = security_policy_markdown(registry, selftest::all_kats(), inputs);
    ASSERT_EQ(html.rfind("<!DOCTYPE html>", 0), 0U);
    for (const auto t : registry.types()) {
        const auto* m = registry.find(t);
        ASSERT_NE(m, nullptr);
        std::ostringstream value;
        value << "0x" << std::hex << t;
        const std::string row = std::string("<tr><td>") + m->name + "</td><td>" + value.str() +
                                "</td><td>" + (m->fips_approved ? "yes" : "no") + "</td>";
        EXPECT_NE(html.find(row), std::string::npos) << m->name;
    }
    for (const auto& k : selftest::all_kats()) {
        EXPECT_NE(html.find(std::string("<tr><td>") + k.name + "</td>"), std::string::npos);
    }
    // One HTML row per Markdown table line (header and body; not the |---| separator lines).
    std::size_t md_rows = 0;
    std::istringstream lines(md);
    for (std::string line; std::getline(lines, line);) {
        if (line.rfind("|", 0) == 0 && line.rfind("|---", 0) != 0) ++md_rows;
    }
    EXPECT_EQ(count(html, "<tr>"), md_rows);
}

}  // namespace
}  // namespace craton::cmvp
