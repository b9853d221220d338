// A small document model for the generated security policy: headings, paragraphs and tables,
// rendered to Markdown and to HTML by the same walk, so the two forms carry the same content.
// Text may contain `code` spans (backticks); nothing else is interpreted.
#pragma once

#include <string>
#include <vector>

namespace craton::cmvp {

struct PolicyTable {
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
};

struct PolicyBlock {
    enum class Kind { Heading, Paragraph, Table } kind;
    int level = 0;      // Heading: 1 or 2
    std::string text;   // Heading, Paragraph
    PolicyTable table;  // Table
};

struct PolicyDocument {
    std::vector<PolicyBlock> blocks;
    void heading(int level, std::string text);
    void paragraph(std::string text);
    void table(PolicyTable t);
};

std::string render_markdown(const PolicyDocument& doc);
// A complete, self-contained HTML5 page; every text is escaped.
std::string render_html(const PolicyDocument& doc);

}  // namespace craton::cmvp
