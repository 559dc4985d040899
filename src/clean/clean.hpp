// clean: from raw input to the article's own words. Fills Document::text (the body),
// the offset map back to raw, what was removed and why, foreign-script fragments, and
// metadata found in HTML (title, date, outlet, author).
#pragma once

#include <string>
#include <string_view>

#include "model/document.hpp"

namespace parley {

// Clean a document according to its format ("text" or "html"). Never throws on bad
// content: what cannot be used is recorded in Document::removed.
void clean_document(Document& doc);

// Unicode repair of one piece of text: NFC, control and zero-width characters dropped,
// no-break and odd spaces made plain, mixed-script words repaired to their dominant script.
std::string normalize_unicode(std::string_view text);

// Convert bytes in `charset` (an IANA/ICU name) to UTF-8; invalid sequences become U+FFFD.
std::string to_utf8(std::string_view bytes, std::string_view charset);

}  // namespace parley
