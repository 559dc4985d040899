// clean: from raw input to the article's own words. Fills Document::text (the body),
// the offset map back to raw, what was removed and why, foreign-script fragments, and
// metadata found in HTML (title, date, outlet, author).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/document.hpp"

namespace parley {

// Clean a document according to its format ("text" or "html"). Never throws on bad
// content: what cannot be used is recorded in Document::removed.
void clean_document(Document& doc);

// Clean a batch. Short lines that recur across the batch's documents (a site's menus,
// footers, share prompts) count as evidence of boilerplate; otherwise the same as calling
// clean_document on each.
void clean_documents(std::vector<Document>& docs);

// Unicode repair of one piece of text: mojibake (UTF-8 read as CP1252) undone, NFC, control
// and zero-width characters dropped, no-break and odd spaces made plain, mixed-script words
// repaired to their dominant script.
std::string normalize_unicode(std::string_view text);

// Convert bytes in `charset` (an IANA/ICU name) to UTF-8; invalid sequences become U+FFFD.
// Returns an empty string when ICU does not know the charset.
std::string to_utf8(std::string_view bytes, std::string_view charset);

// How the plain-text path judged each line (for tuning and for `parley clean --explain`).
struct LineDecision {
    uint32_t line = 0;   // 1-based line number in the raw input
    std::string text;
    std::string label;   // "body", "title", "timestamp", "duplicate", "boilerplate:..."
    double score = 0;    // boilerplate score in [0,1]
    std::vector<std::pair<std::string, double>> features;
};
// One vector per document, in order; repetition across the given batch is taken into account.
std::vector<std::vector<LineDecision>> explain_text_lines(const std::vector<Document>& docs);

}  // namespace parley
