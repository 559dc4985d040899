// Private to the clean stage: shared between its text and HTML paths.
#pragma once

#include <string>
#include <string_view>

#include "model/document.hpp"

namespace parley {

struct LineFeatures {
    size_t chars = 0;
    size_t words = 0;
    size_t stop_words = 0;
    size_t capitalised = 0;
    bool ends_sentence = false;
    bool has_url = false;
};

LineFeatures line_features(std::string_view line);
// Empty when the line is body text; otherwise the reason it is not.
std::string classify_line(std::string_view line, const LineFeatures& f);
// Append the body lines of `raw` (which starts at raw offset `raw_base`) to doc.text.
void clean_text(Document& doc, std::string_view raw, uint32_t raw_base, bool first_line_title);
void clean_html(Document& doc);
void find_script_fragments(Document& doc);

}  // namespace parley
