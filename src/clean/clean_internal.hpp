// Private to the clean stage: shared between its text and HTML paths.
#pragma once

#include <re2/re2.h>

#include <array>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "clean/clean.hpp"
#include "model/document.hpp"

namespace parley {

// Lower-case ASCII word -> class bits, as an open-addressing table keyed by FNV-1a (the
// lookup runs for most words of every line, so no allocation and no modulo division).
// Slots hold only the hash and the bits (16 bytes, the whole table fits in L1 cache); the
// word itself is compared only when the hash matches.
struct WordTable {
    struct Slot {
        uint64_t hash = 0;
        uint32_t word = 0;  // index into `words`
        uint8_t bits = 0;   // 0 = empty slot
    };
    std::vector<Slot> slots;  // size is a power of two
    std::vector<std::string> words;
    static uint64_t hash(std::string_view w) {
        uint64_t h = 1469598103934665603ULL;
        for (char c : w) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
        return h;
    }
    void add(std::string_view w, uint8_t bits);
    uint8_t find(std::string_view lower_word, uint64_t h) const {
        if (slots.empty()) return 0;
        size_t mask = slots.size() - 1;
        for (size_t i = h & mask;; i = (i + 1) & mask) {
            const Slot& e = slots[i];
            if (e.bits == 0) return 0;
            if (e.hash == h && words[e.word] == lower_word) return e.bits;
        }
    }
};

// Word lists and model weights from data/clean/, loaded once.
struct CleanData {
    std::unordered_set<std::string> stop_words;
    std::unordered_set<std::string> cues;
    WordTable word_class;  // bit 1 = stop word, bit 2 = cue word, bit 4 = credit word
    std::unordered_map<std::string, double> line_weights;  // feature name -> weight
    std::string problem;  // non-empty when a file could not be read (defaults are used)
};
const CleanData& clean_data();

struct HtmlSignals {
    std::unique_ptr<RE2> negative, positive;
};
const HtmlSignals& html_signals();

struct LineFeatures {
    size_t chars = 0;
    size_t words = 0;
    size_t sampled = 0;  // words looked at for the ratios (the first 48)
    size_t ratio_bytes = 0;  // bytes looked at for letters/digits (the first 512)
    size_t letters = 0;
    size_t digits = 0;
    size_t stop_words = 0;
    size_t capitalised = 0;
    size_t cue_words = 0;
    size_t credit_words = 0;
    size_t separators = 0;  // " | ", " / ", " • ", " · " between items (menus, breadcrumbs)
    bool ends_sentence = false;
    bool has_url = false;
    bool starts_lower = false;  // first letter is lower-case ASCII
    bool bullet = false;        // starts with a list marker (•, -, *, ·)
};

LineFeatures line_features(std::string_view line);

// Where a line sits, and whether it repeats; filled by the caller.
struct LineContext {
    size_t index = 0;       // among the non-empty lines of the body
    size_t count = 1;       // number of non-empty lines
    bool duplicate = false; // the same text appeared earlier in this document
    size_t other_docs = 0;  // other documents of the batch with the same line
    bool prev_prose = false;  // the previous line is a long sentence line
    bool next_prose = false;  // the next line is a long sentence line
    bool next_lower = false;  // the next line starts in lower case (a wrapped sentence)
};

constexpr size_t kLineFeatureCount = 23;
using LineFeatureVector = std::array<std::pair<std::string_view, double>, kLineFeatureCount>;

// The classifier's input: named numeric features (names match data/clean/line_model.tsv).
LineFeatureVector line_feature_vector(const LineFeatures& f,
                                                                     const LineContext& c);
// Probability-like score in [0,1] that the line is boilerplate.
double boilerplate_score(const LineFeatures& f, const LineContext& c);

// Empty when the line is body text; otherwise the reason it is not ("timestamp",
// "boilerplate:...").
std::string classify_line(std::string_view line, const LineFeatures& f, const LineContext& c = {});

// Is the line a relative or absolute timestamp ("3 hours ago", "Updated 2:50 AM ET, ...")?
bool is_timestamp_line(std::string_view line);

// Does a short piece of furniture carry a date ("By Staff · 10 March 2022, 17:05",
// "Published May 11, 2023 | 07:32 PM")? Such lines are removed but kept as date signals.
bool mentions_date(std::string_view line);

// A candidate paragraph from HTML extraction, before line-level filtering.
struct BodyLine {
    std::string text;
    uint32_t raw_offset = 0;
    bool heading = false;
    double link_density = 0;
};
void assemble_html_body(Document& doc, const std::vector<BodyLine>& lines);

// Append the body lines of `raw` (which starts at raw offset `raw_base`) to doc.text.
// `batch_lines` (optional) counts, per line hash, how many documents of the batch hold it.
void clean_text(Document& doc, std::string_view raw, uint32_t raw_base, bool first_line_title,
                const std::unordered_map<uint64_t, uint32_t>* batch_lines = nullptr,
                std::vector<LineDecision>* trace = nullptr);
void clean_html(Document& doc);
void find_script_fragments(Document& doc);

// UTF-8 text misread as CP1252/Latin-1 ("â€™" for "’"): repaired in place; returns the
// number of repaired sequences.
size_t repair_mojibake(std::string& s);

// Hash of a line as used for repetition counts (case- and space-insensitive).
uint64_t line_key(std::string_view line);

}  // namespace parley
