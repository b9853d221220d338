#include "certified/cmvp/policy_document.h"

#include <utility>

namespace craton::cmvp {
namespace {

std::string escape_html(const std::string& s) {
    std::string out;
    for (const char c : s) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

// Escapes the text and turns `code` spans into <code> elements (an unpaired backtick stays).
std::string inline_html(const std::string& s) {
    std::string out;
    std::size_t pos = 0;
    while (pos < s.size()) {
        const auto open = s.find('`', pos);
        const auto close = open == std::string::npos ? open : s.find('`', open + 1);
        if (close == std::string::npos) {
            out += escape_html(s.substr(pos));
            break;
        }
        out += escape_html(s.substr(pos, open - pos)) + "<code>" +
               escape_html(s.substr(open + 1, close - open - 1)) + "</code>";
        pos = close + 1;
    }
    return out;
}

// A Markdown table cell cannot hold a bare '|'.
std::string md_cell(const std::string& s) {
    std::string out;
    for (const char c : s) out += c == '|' ? std::string("\\|") : std::string(1, c);
    return out;
}

}  // namespace

void PolicyDocument::heading(int level, std::string text) {
    blocks.push_back({PolicyBlock::Kind::Heading, level, std::move(text), {}});
}
void PolicyDocument::paragraph(std::string text) {
    blocks.push_back({PolicyBlock::Kind::Paragraph, 0, std::move(text), {}});
}
void PolicyDocument::table(PolicyTable t) {
    blocks.push_back({PolicyBlock::Kind::Table, 0, {}, std::move(t)});
}

std::string render_markdown(const PolicyDocument& doc) {
    std::string md;
    for (const auto& b : doc.blocks) {
        switch (b.kind) {
            case PolicyBlock::Kind::Heading:
                md += std::string(static_cast<std::size_t>(b.level), '#') + " " + b.text + "\n\n";
                break;
            case PolicyBlock::Kind::Paragraph:
                md += b.text + "\n\n";
                break;
            case PolicyBlock::Kind::Table: {
                auto line = [&md](const std::vector<std::string>& cells) {
                    md += "|";
                    for (const auto& c : cells) md += " " + md_cell(c) + " |";
                    md += "\n";
                };
                line(b.table.header);
                md += "|";
                for (std::size_t i = 0; i < b.table.header.size(); ++i) md += "---|";
                md += "\n";
                for (const auto& r : b.table.rows) line(r);
                md += "\n";
                break;
            }
        }
    }
    return md;
}

std::string render_html(const PolicyDocument& doc) {
    std::string title = "Security policy";
    for (const auto& b : doc.blocks) {
        if (b.kind == PolicyBlock::Kind::Heading && b.level == 1) {
            title = b.text;
            break;
        }
    }
    std::string h =
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" +
        escape_html(title) +
        "</title>\n<style>table{border-collapse:collapse}td,th{border:1px solid #999;"
        "padding:2px 6px;text-align:left}</style>\n</head>\n<body>\n";
    for (const auto& b : doc.blocks) {
        switch (b.kind) {
            case PolicyBlock::Kind::Heading: {
                const std::string tag = "h" + std::to_string(b.level);
                h += "<" + tag + ">" + inline_html(b.text) + "</" + tag + ">\n";
                break;
            }
            case PolicyBlock::Kind::Paragraph:
                h += "<p>" + inline_html(b.text) + "</p>\n";
                break;
            case PolicyBlock::Kind::Table:
                h += "<table>\n<tr>";
                for (const auto& c : b.table.header) h += "<th>" + inline_html(c) + "</th>";
                h += "</tr>\n";
                for (const auto& r : b.table.rows) {
                    h += "<tr>";
                    for (const auto& c : r) h += "<td>" + inline_html(c) + "</td>";
                    h += "</tr>\n";
                }
                h += "</table>\n";
                break;
        }
    }
    return h + "</body>\n</html>\n";
}

}  // namespace craton::cmvp
