// Text cleaning: split into lines, repair Unicode, decide per line whether it is article
// body, and assemble the body with an offset map back to the raw input.
#include "clean/clean.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <array>

#include "clean/clean_internal.hpp"
#include "util/util.hpp"

namespace parley {
namespace {

const std::array<std::string_view, 40> kStopWords = {
    "the", "a",   "an",   "of",   "to",   "in",    "and",  "on",   "for",  "with",
    "that", "is", "was",  "were", "at",   "by",    "from", "as",   "he",   "she",
    "it",  "his", "her",  "they", "their", "said", "has",  "have", "had",  "be",
    "been", "not", "but", "which", "who", "this",  "after", "would", "will", "its"};

bool is_stop(std::string_view w) {
    std::string l = to_lower_ascii(w);
    return std::find(kStopWords.begin(), kStopWords.end(), l) != kStopWords.end();
}

}  // namespace

LineFeatures line_features(std::string_view line) {
    LineFeatures f;
    std::string_view t = trim(line);
    f.chars = t.size();
    size_t i = 0;
    while (i < t.size()) {
        while (i < t.size() && std::isspace(static_cast<unsigned char>(t[i]))) ++i;
        size_t b = i;
        while (i < t.size() && !std::isspace(static_cast<unsigned char>(t[i]))) ++i;
        if (i > b) {
            std::string_view w = t.substr(b, i - b);
            ++f.words;
            // strip punctuation for the stop-word test
            while (!w.empty() && std::ispunct(static_cast<unsigned char>(w.back()))) w.remove_suffix(1);
            while (!w.empty() && std::ispunct(static_cast<unsigned char>(w.front()))) w.remove_prefix(1);
            if (is_stop(w)) ++f.stop_words;
            if (!w.empty() && std::isupper(static_cast<unsigned char>(w[0]))) ++f.capitalised;
        }
    }
    if (!t.empty()) {
        std::string_view end = t;
        // closing quotes and brackets do not hide a sentence end
        while (!end.empty() && (end.back() == '"' || end.back() == ')' || end.back() == '\'' ||
                                end.ends_with("\xE2\x80\x9D") || end.ends_with("\xE2\x80\x99"))) {
            if (end.ends_with("\xE2\x80\x9D") || end.ends_with("\xE2\x80\x99")) end.remove_suffix(3);
            else end.remove_suffix(1);
        }
        char c = end.empty() ? ' ' : end.back();
        f.ends_sentence = c == '.' || c == '!' || c == '?' || c == ':' || c == ';';
    }
    static const RE2 url_re(R"((https?://|www\.)\S+|\S+@\S+\.\w+)");
    f.has_url = RE2::PartialMatch(t, url_re);
    return f;
}

std::string classify_line(std::string_view line, const LineFeatures& f) {
    std::string_view t = trim(line);
    if (t.empty()) return "blank";
    static const RE2 ago_re(R"((?i)^(updated:?\s*)?\d+\s+(seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?)\s+ago\.?$)");
    if (RE2::FullMatch(t, ago_re)) return "timestamp";
    // A short line without a sentence end and almost no function words reads as a menu item,
    // a label, a button or a heading, not as body prose.
    double stop_ratio = f.words ? double(f.stop_words) / double(f.words) : 0.0;
    if (f.has_url && f.words < 12) return "boilerplate:link";
    if (f.words <= 3 && !f.ends_sentence) return "boilerplate:short";
    if (f.words < 8 && !f.ends_sentence && stop_ratio < 0.2) return "boilerplate:label";
    return {};
}

void clean_text(Document& doc, std::string_view raw, uint32_t raw_base, bool first_line_title) {
    size_t pos = 0;
    bool seen_body = false;
    uint32_t paragraph_breaks_pending = 0;
    while (pos <= raw.size()) {
        size_t nl = raw.find('\n', pos);
        if (nl == std::string_view::npos) nl = raw.size();
        std::string_view line = raw.substr(pos, nl - pos);
        uint32_t line_raw = raw_base + static_cast<uint32_t>(pos);
        pos = nl + 1;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        std::string_view t = trim(line);
        if (t.empty()) {
            ++paragraph_breaks_pending;
            if (nl == raw.size()) break;
            continue;
        }
        LineFeatures f = line_features(t);
        std::string why = classify_line(t, f);
        if (first_line_title && !seen_body && doc.title.empty() && f.words <= 25 && !f.has_url &&
            !why.empty() && why != "timestamp" && why != "boilerplate:link") {
            doc.title = normalize_unicode(t);
            seen_body = true;
            continue;
        }
        if (first_line_title && !seen_body && doc.title.empty() && why.empty() && f.words <= 25 &&
            !f.ends_sentence) {
            doc.title = normalize_unicode(t);
            seen_body = true;
            continue;
        }
        seen_body = true;
        if (!why.empty()) {
            if (why == "timestamp") doc.date_signals.emplace_back(t);
            doc.removed.push_back({std::string(t), why});
            continue;
        }
        if (!doc.text.empty()) doc.text += paragraph_breaks_pending ? "\n\n" : "\n";
        paragraph_breaks_pending = 0;
        std::string fixed = normalize_unicode(t);
        uint32_t lead = static_cast<uint32_t>(t.data() - line.data());
        doc.offsets.push_back({static_cast<uint32_t>(doc.text.size()), line_raw + lead,
                               static_cast<uint32_t>(std::min(fixed.size(), t.size()))});
        doc.text += fixed;
    }
}

void clean_document(Document& doc) {
    doc.text.clear();
    doc.offsets.clear();
    doc.removed.clear();
    if (doc.format == "html") {
        clean_html(doc);
    } else {
        std::string_view raw(doc.raw);
        raw = raw.substr(std::min<size_t>(doc.body_start, raw.size()));
        clean_text(doc, raw, doc.body_start, /*first_line_title=*/true);
    }
    find_script_fragments(doc);
}

}  // namespace parley
