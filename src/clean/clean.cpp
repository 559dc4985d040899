// Text cleaning: split into lines, describe each line by features (length, function words,
// sentence shape, furniture words, position, repetition in the document and the batch),
// score it with a linear model trained on the labelled development set, and assemble the
// body with an offset map back to the raw input.
#include "clean/clean.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <cstdlib>
#include <fstream>
#include <unordered_set>

#include "clean/clean_internal.hpp"
#include "util/util.hpp"

namespace parley {
namespace {

// ASCII character classes without the C library's locale lookups (hot loops).
constexpr bool ascii_space(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
constexpr bool ascii_alpha(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
constexpr bool ascii_digit(unsigned char c) { return c >= '0' && c <= '9'; }
constexpr bool ascii_punct(unsigned char c) { return c > 0x20 && c < 0x7F && !ascii_alpha(c) && !ascii_digit(c); }
constexpr char ascii_lower(unsigned char c) { return c >= 'A' && c <= 'Z' ? char(c | 0x20) : char(c); }

// The same classes as one table lookup per byte: the word splitter and the line key run
// over every byte of the input, where a chain of comparisons per byte costs more than the
// rest of cleaning.
enum : uint8_t { kSpace = 1, kPunct = 2, kWordGap = 4 /* space, or punctuation other than @ # */ };
constexpr std::array<uint8_t, 256> kByteClass = [] {
    std::array<uint8_t, 256> t{};
    for (int c = 0; c < 256; ++c) {
        auto u = static_cast<unsigned char>(c);
        uint8_t k = 0;
        if (ascii_space(u)) k |= kSpace | kWordGap;
        if (ascii_punct(u)) k |= kPunct;
        if (ascii_punct(u) && u != '@' && u != '#') k |= kWordGap;
        t[static_cast<size_t>(c)] = k;
    }
    return t;
}();
constexpr std::array<char, 256> kLower = [] {
    std::array<char, 256> t{};
    for (int c = 0; c < 256; ++c) t[static_cast<size_t>(c)] = ascii_lower(static_cast<unsigned char>(c));
    return t;
}();
inline uint8_t byte_class(char c) { return kByteClass[static_cast<unsigned char>(c)]; }

std::vector<std::string> read_word_file(const std::string& path, std::string& problem) {
    std::vector<std::string> out;
    std::ifstream in(path);
    if (!in) {
        problem += "cannot read " + path + "; ";
        return out;
    }
    std::string line;
    while (std::getline(in, line)) {
        std::string_view t = trim(line);
        if (t.empty() || t[0] == '#') continue;
        out.emplace_back(t);
    }
    return out;
}

const std::unordered_set<std::string>& date_words() {
    static const std::unordered_set<std::string> s = [] {
        std::string problem;
        auto v = read_word_file(data_dir() + "/clean/date_words.txt", problem);
        return std::unordered_set<std::string>(v.begin(), v.end());
    }();
    return s;
}

// Split a line into words: runs of letters, digits and in-word marks ('-', '\'', '.').
// Calls f on each word; stops after `limit` words and returns the position reached.
template <class F>
size_t for_each_word(std::string_view t, F&& f, size_t limit = SIZE_MAX) {
    size_t i = 0, n = 0;
    const size_t size = t.size();
    while (i < size && n < limit) {
        while (i < size && (byte_class(t[i]) & kWordGap)) ++i;
        size_t b = i;
        while (i < size && !(byte_class(t[i]) & kSpace)) ++i;
        if (i > b) {
            std::string_view w = t.substr(b, i - b);
            while (!w.empty() && (byte_class(w.back()) & kPunct)) w.remove_suffix(1);
            // closing curly quotes and the like
            while (w.size() >= 3 && static_cast<unsigned char>(w.back()) >= 0x80 &&
                   (w.ends_with("\xE2\x80\x9D") || w.ends_with("\xE2\x80\x99")))
                w.remove_suffix(3);
            if (!w.empty()) {
                f(w);
                ++n;
            }
        }
    }
    return i;
}

double sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }

}  // namespace

void WordTable::add(std::string_view w, uint8_t bits) {
    // The lists hold a few hundred words; grow before the table is half full so that
    // probe runs stay short.
    if (slots.size() < 1024 || 2 * (words.size() + 1) > slots.size()) {
        std::vector<Slot> old = std::move(slots);
        slots.assign(std::max<size_t>(1024, old.size() * 2), Slot{});
        size_t mask = slots.size() - 1;
        for (const Slot& e : old) {
            if (e.bits == 0) continue;
            size_t i = e.hash & mask;
            while (slots[i].bits != 0) i = (i + 1) & mask;
            slots[i] = e;
        }
    }
    uint64_t h = hash(w);
    size_t mask = slots.size() - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        Slot& e = slots[i];
        if (e.bits == 0) {
            e = {h, static_cast<uint32_t>(words.size()), bits};
            words.emplace_back(w);
            return;
        }
        if (e.hash == h && words[e.word] == w) {
            e.bits |= bits;
            return;
        }
    }
}

const CleanData& clean_data() {
    static const CleanData d = [] {
        CleanData c;
        std::string dir = data_dir() + "/clean/";
        for (auto& w : read_word_file(dir + "stopwords_en.txt", c.problem)) c.stop_words.insert(w), c.word_class.add(w, 1);
        for (auto& w : read_word_file(dir + "boilerplate_cues.txt", c.problem)) c.cues.insert(w), c.word_class.add(w, 2);
        for (auto& w : read_word_file(dir + "credit_words.txt", c.problem)) c.word_class.add(w, 4);
        // PARLEY_LINE_MODEL lets the tuning script evaluate other weights (cross-validation).
        const char* model = std::getenv("PARLEY_LINE_MODEL");
        for (auto& l : read_word_file(model ? std::string(model) : dir + "line_model.tsv", c.problem)) {
            auto tab = l.find('\t');
            if (tab == std::string::npos) continue;
            c.line_weights[l.substr(0, tab)] = std::strtod(l.c_str() + tab + 1, nullptr);
        }
        return c;
    }();
    return d;
}

const HtmlSignals& html_signals() {
    static const HtmlSignals s = [] {
        HtmlSignals h;
        std::string problem;
        std::string neg, pos;
        for (auto& l : read_word_file(data_dir() + "/clean/html_signals.tsv", problem)) {
            auto tab = l.find('\t');
            if (tab == std::string::npos) continue;
            std::string kind = l.substr(0, tab), pat = l.substr(tab + 1);
            std::string& dst = kind == "negative" ? neg : pos;
            if (!dst.empty()) dst += '|';
            dst += "(?:" + pat + ")";
        }
        if (!neg.empty()) h.negative = std::make_unique<RE2>(neg);
        if (!pos.empty()) h.positive = std::make_unique<RE2>(pos);
        return h;
    }();
    return s;
}

uint64_t line_key(std::string_view line) {
    // The first 512 non-space bytes and the length identify a line well enough for
    // repetition counts. Branch-free: every byte is stored, and the write position only
    // advances past non-space bytes.
    char k[512 + 8];
    size_t n = 0;
    for (size_t i = 0; i < line.size() && n < 512; ++i) {
        char c = line[i];
        k[n] = kLower[static_cast<unsigned char>(c)];
        n += !(byte_class(c) & kSpace);
    }
    uint64_t len = line.size();
    std::memcpy(k + n, &len, sizeof len);
    return hash64(std::string_view(k, n + sizeof len));
}

LineFeatures line_features(std::string_view line) {
    const CleanData& cd = clean_data();
    LineFeatures f;
    std::string_view t = trim(line);
    f.chars = t.size();
    // Character ratios are estimated on the first 512 bytes, like the word ratios below.
    // Written without branches so that the compiler vectorises it.
    f.ratio_bytes = std::min<size_t>(t.size(), 512);
    {
        const auto* p = reinterpret_cast<const unsigned char*>(t.data());
        size_t digits = 0, letters = 0;
        for (size_t k = 0; k < f.ratio_bytes; ++k) {
            unsigned char c = p[k];
            digits += static_cast<unsigned char>(c - '0') < 10;
            // ASCII letters and UTF-8 lead bytes
            letters += (static_cast<unsigned char>((c | 0x20) - 'a') < 26) | (c >= 0xC0);
        }
        f.digits = digits;
        f.letters = letters;
    }
    // Ratios are estimated on the first kSampled words: beyond that a line is prose by its
    // length alone, and the lookups dominate the cost of cleaning.
    constexpr size_t kSampled = 48;
    char lw[16];
    size_t stop = for_each_word(t, [&](std::string_view w) {
        ++f.words;
        ++f.sampled;
        if (ascii_alpha(static_cast<unsigned char>(w[0])) && !(w[0] & 0x20)) ++f.capitalised;
        if (w.size() > sizeof lw) return;  // longer than any listed word
        uint64_t h = 1469598103934665603ULL;
        for (size_t k = 0; k < w.size(); ++k) {
            lw[k] = ascii_lower(static_cast<unsigned char>(w[k]));
            h = (h ^ static_cast<unsigned char>(lw[k])) * 1099511628211ULL;
        }
        uint8_t bits = cd.word_class.find(std::string_view(lw, w.size()), h);
        if (bits & 1) ++f.stop_words;
        if (bits & 2) ++f.cue_words;
        if (bits & 4) ++f.credit_words;
    }, kSampled);
    if (t.find("\xC2\xA9") != std::string_view::npos) ++f.credit_words;  // ©
    // Separators are rare characters: find them, then look at their neighbours (rather than
    // looking at what follows every space).
    for (std::string_view sep : {"|", "/", "\xE2\x80\xA2", "\xC2\xB7"}) {
        for (size_t q = t.find(sep, 1); q != std::string_view::npos; q = t.find(sep, q + 1))
            if (t[q - 1] == ' ' && q + sep.size() < t.size() && t[q + sep.size()] == ' ') ++f.separators;
    }
    // The tail of a long line: its spaces count its words closely enough (a vectorised count).
    if (stop < t.size()) f.words += size_t(std::count(t.begin() + stop, t.end(), ' ')) + 1;
    if (!t.empty()) {
        unsigned char c0 = static_cast<unsigned char>(t[0]);
        f.starts_lower = c0 >= 'a' && c0 <= 'z';
        f.bullet = t.starts_with("\xE2\x80\xA2") || t.starts_with("\xC2\xB7") ||
                   ((c0 == '-' || c0 == '*') && t.size() > 1 && t[1] == ' ');
    }
    if (!t.empty()) {
        std::string_view end = t;
        // closing quotes and brackets do not hide a sentence end
        while (!end.empty()) {
            if (end.back() == '"' || end.back() == ')' || end.back() == '\'' || end.back() == ' ') end.remove_suffix(1);
            else if (end.ends_with("\xE2\x80\x9D") || end.ends_with("\xE2\x80\x99")) end.remove_suffix(3);
            else break;
        }
        char c = end.empty() ? ' ' : end.back();
        f.ends_sentence = c == '.' || c == '!' || c == '?' || c == ':' || c == ';' ||
                          end.ends_with("\xE3\x80\x82");  // ideographic full stop
    }
    // Cheap pre-check before the regular expression: most lines hold no URL.
    if (t.find("://") != std::string_view::npos || t.find("www.") != std::string_view::npos ||
        t.find('@') != std::string_view::npos) {
        static const RE2 url_re(R"((https?://|www\.)\S+|\S+@\S+\.\w+)");
        f.has_url = RE2::PartialMatch(t, url_re);
    }
    return f;
}

LineFeatureVector line_feature_vector(const LineFeatures& f,
                                                                     const LineContext& c) {
    double words = double(f.words);
    double sampled = double(f.sampled);
    double stop_ratio = f.sampled ? double(f.stop_words) / sampled : 0.0;
    double cap_ratio = f.sampled ? double(f.capitalised) / sampled : 0.0;
    double digit_ratio = f.ratio_bytes ? double(f.digits) / double(f.ratio_bytes) : 0.0;
    double rel = c.count > 1 ? double(c.index) / double(c.count - 1) : 0.0;
    return {{
        {"bias", 1.0},
        {"log_words", std::log1p(words)},
        {"short", f.words <= 3 ? 1.0 : 0.0},
        {"stop_ratio", stop_ratio},
        {"no_stop", f.stop_words == 0 ? 1.0 : 0.0},
        {"ends_sentence", f.ends_sentence ? 1.0 : 0.0},
        {"url", f.has_url ? 1.0 : 0.0},
        {"cue_ratio", f.sampled ? std::min(1.0, double(f.cue_words) / sampled) : 0.0},
        {"cue_any", f.cue_words ? 1.0 : 0.0},
        {"cap_ratio", cap_ratio},
        {"digit_ratio", digit_ratio},
        {"no_letters", f.letters == 0 ? 1.0 : 0.0},
        {"first", c.index == 0 ? 1.0 : 0.0},
        {"last", c.index + 1 == c.count ? 1.0 : 0.0},
        {"edge", std::min(rel, 1.0 - rel)},
        {"batch_repeat", c.other_docs > 0 ? std::log1p(double(c.other_docs)) : 0.0},
        {"credit", f.credit_words ? 1.0 : 0.0},
        {"separators", std::min(3.0, double(f.separators)) / 3.0},
        {"starts_lower", f.starts_lower ? 1.0 : 0.0},
        {"bullet", f.bullet ? 1.0 : 0.0},
        {"prev_prose", c.prev_prose ? 1.0 : 0.0},
        {"next_prose", c.next_prose ? 1.0 : 0.0},
        {"next_lower", c.next_lower ? 1.0 : 0.0},
    }};
}

double boilerplate_score(const LineFeatures& f, const LineContext& c) {
    const auto& w = clean_data().line_weights;
    if (w.empty()) {
        // No trained model shipped: fall back to the shape rule the model generalises (a short
        // line without a sentence end and with almost no function words is furniture).
        double stop_ratio = f.sampled ? double(f.stop_words) / double(f.sampled) : 0.0;
        bool furniture = (f.words <= 3 && !f.ends_sentence) || (f.has_url && f.words < 12) ||
                         (f.words < 8 && !f.ends_sentence && stop_ratio < 0.2);
        return furniture ? 1.0 : 0.0;
    }
    // Weights in feature order, looked up by name once.
    static const std::vector<double> wv = [&] {
        std::vector<double> v;
        for (auto& [name, x] : line_feature_vector(LineFeatures{}, LineContext{})) {
            auto it = w.find(std::string(name));
            v.push_back(it == w.end() ? 0.0 : it->second);
        }
        return v;
    }();
    double z = 0;
    auto fv = line_feature_vector(f, c);
    for (size_t k = 0; k < fv.size() && k < wv.size(); ++k) z += wv[k] * fv[k].second;
    return sigmoid(z);
}

bool is_timestamp_line(std::string_view line) {
    std::string_view t = trim(line);
    if (t.empty() || t.size() > 120) return false;
    if (std::none_of(t.begin(), t.end(), [](char ch) { return ascii_digit(static_cast<unsigned char>(ch)); })) return false;
    const auto& dw = date_words();
    size_t words = 0, numbers = 0, unknown = 0;
    for_each_word(t, [&](std::string_view w) {
        ++words;
        bool num = std::all_of(w.begin(), w.end(), [](char ch) {
            return std::isdigit(static_cast<unsigned char>(ch)) || ch == ':' || ch == '.' || ch == '/' || ch == '-';
        });
        if (num) {
            ++numbers;
            return;
        }
        std::string l = to_lower_ascii(w);
        while (!l.empty() && l.back() == '.') l.pop_back();
        // "2:50" glued to "pm", "16th"
        size_t k = 0;
        while (k < l.size() && (std::isdigit(static_cast<unsigned char>(l[k])) || l[k] == ':')) ++k;
        if (k > 0 && k < l.size()) {
            if (dw.count(l.substr(k))) {
                ++numbers;
                return;
            }
        }
        if (!dw.count(l)) ++unknown;
    });
    // Only numbers and date words, with at least one number, and not just a bare number.
    return words >= 2 && numbers >= 1 && unknown == 0;
}

bool mentions_date(std::string_view line) {
    std::string_view t = trim(line);
    if (t.empty() || t.size() > 200) return false;
    if (std::none_of(t.begin(), t.end(), [](char ch) { return ascii_digit(static_cast<unsigned char>(ch)); })) return false;
    static const RE2 numeric_date(R"((\b\d{4}-\d{2}-\d{2}\b)|(\b\d{1,2}[./]\d{1,2}[./](\d{4}|\d{2})\b))");
    if (RE2::PartialMatch(t, numeric_date)) return true;
    // a month name next to a number ("10 March", "May 11")
    static const std::unordered_set<std::string> months = {
        "january", "february", "march", "april", "may", "june", "july", "august", "september",
        "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
        "sep", "sept", "oct", "nov", "dec"};
    bool prev_number = false, prev_month = false;
    bool found = false;
    for_each_word(t, [&](std::string_view w) {
        if (found) return;
        bool number = std::all_of(w.begin(), w.end(), [](char ch) { return ascii_digit(static_cast<unsigned char>(ch)); }) &&
                      w.size() <= 4;
        std::string l = to_lower_ascii(w);
        while (!l.empty() && l.back() == '.') l.pop_back();
        bool month = months.count(l) > 0;
        if ((number && prev_month) || (month && prev_number)) found = true;
        prev_number = number;
        prev_month = month;
    });
    return found;
}

std::string classify_line(std::string_view line, const LineFeatures& f, const LineContext& c) {
    std::string_view t = trim(line);
    if (t.empty()) return "blank";
    if (is_timestamp_line(t)) return "timestamp";
    if (c.duplicate) return "duplicate";
    double s = boilerplate_score(f, c);
    if (s < 0.5) return {};
    // Name the strongest evidence, for the record.
    if (f.has_url) return "boilerplate:link";
    if (c.other_docs > 0) return "boilerplate:repeated";
    if (f.cue_words) return "boilerplate:furniture";
    if (f.words <= 3) return "boilerplate:short";
    return "boilerplate:label";
}

namespace {

// One non-empty line of a plain-text body.
struct RawLine {
    std::string_view text;  // trimmed
    uint32_t raw_offset = 0;
    uint32_t line_no = 0;
    uint32_t blank_before = 0;
};

bool printable_ascii(std::string_view t) {
    return std::all_of(t.begin(), t.end(), [](char c) { return c >= 0x20 && c < 0x7F; });
}

void append_body(Document& doc, std::string_view t, uint32_t raw_offset, bool paragraph_break) {
    // Most lines of English news are plain ASCII and need no Unicode repair (nor a copy).
    std::string repaired;
    std::string_view fixed = t;
    if (!printable_ascii(t)) {
        repaired = normalize_unicode(t);
        fixed = repaired;
    }
    if (trim(fixed).empty()) return;  // only no-break spaces or invisibles
    if (!doc.text.empty()) doc.text += paragraph_break ? "\n\n" : "\n";
    doc.offsets.push_back({static_cast<uint32_t>(doc.text.size()), raw_offset,
                           static_cast<uint32_t>(std::min(fixed.size(), t.size()))});
    doc.text += fixed;
}

// A headline: short, not a sentence run, starting with a capital or digit.
// The line model is trained without headlines, which look like labels to it; only when it
// is nearly certain does it veto a headline-shaped first line.
constexpr double kTitleVetoScore = 0.95;

// Menu rows of short tokens ("EN RU FR PT", "ua en ru").
bool short_tokens_only(std::string_view t) {
    size_t longest = 0, cur = 0;
    for (char ch : t) {
        if (ascii_space(static_cast<unsigned char>(ch))) cur = 0;
        else longest = std::max(longest, ++cur);
    }
    return longest <= 2;
}

bool looks_like_headline(std::string_view t, const LineFeatures& f) {
    if (f.words < 2 || f.words > 25 || f.has_url) return false;
    unsigned char c0 = static_cast<unsigned char>(t[0]);
    if (c0 < 0x80 && std::islower(c0)) return false;
    // A line that ends like a sentence is body unless it is very short ("Talks end.") or
    // reads like headline-ese (short, few function words: "China, Ukraine FMs discuss
    // over phone about situation in Ukraine.").
    double stop_ratio = f.sampled ? double(f.stop_words) / double(f.sampled) : 0.0;
    // Two sentences in a row are prose ("Macron spoke. “Putin has chosen war.”").
    if (f.ends_sentence) {
        for (size_t i = 1; i + 2 < t.size(); ++i) {
            if ((t[i] != '.' && t[i] != '!' && t[i] != '?') || t[i + 1] != ' ') continue;
            unsigned char n = static_cast<unsigned char>(t[i + 2]);
            bool word_before = std::islower(static_cast<unsigned char>(t[i - 1]));  // not "U.S." or "J."
            if (word_before && (std::isupper(n) || n == '"' || n == 0xE2)) return false;
        }
    }
    return !f.ends_sentence || f.words <= 8 || (f.words <= 12 && stop_ratio < 0.3);
}

}  // namespace

void clean_text(Document& doc, std::string_view raw, uint32_t raw_base, bool first_line_title,
                const std::unordered_map<uint64_t, uint32_t>* batch_lines,
                std::vector<LineDecision>* trace) {
    std::vector<RawLine> lines;
    size_t pos = 0;
    uint32_t line_no = 0, blanks = 0;
    // Line numbers in the raw input: the body may start inside line 1 (after a date header).
    uint32_t base_line = 1;
    for (size_t i = 0; i < raw_base && i < doc.raw.size(); ++i) base_line += doc.raw[i] == '\n';
    while (pos <= raw.size()) {
        size_t nl = raw.find('\n', pos);
        if (nl == std::string_view::npos) nl = raw.size();
        std::string_view line = raw.substr(pos, nl - pos);
        uint32_t line_raw = raw_base + static_cast<uint32_t>(pos);
        ++line_no;
        pos = nl + 1;
        std::string_view t = trim(line);
        if (t.empty()) {
            ++blanks;
            if (nl == raw.size()) break;
            continue;
        }
        lines.push_back({t, line_raw + static_cast<uint32_t>(t.data() - line.data()),
                         base_line + line_no - 1, blanks});
        blanks = 0;
    }
    // Which lines repeat an earlier line of the document: sort the keys once (one
    // allocation, n log n) instead of a hash set that allocates per line.
    std::vector<char> repeat(lines.size(), 0);
    std::vector<uint64_t> line_keys;
    {
        std::vector<std::pair<uint64_t, uint32_t>> keys(lines.size());
        for (size_t i = 0; i < lines.size(); ++i) keys[i] = {line_key(lines[i].text), static_cast<uint32_t>(i)};
        std::sort(keys.begin(), keys.end());
        for (size_t k = 1; k < keys.size(); ++k)
            if (keys[k].first == keys[k - 1].first) repeat[keys[k].second] = 1;
        if (batch_lines) {
            line_keys.resize(lines.size());
            for (auto& [key, i] : keys) line_keys[i] = key;
        }
    }
    bool title_open = first_line_title && doc.title.empty();
    size_t body_lines = 0;
    std::vector<LineFeatures> feats(lines.size());
    for (size_t i = 0; i < lines.size(); ++i) feats[i] = line_features(lines[i].text);
    auto prose = [&](size_t i) { return feats[i].words >= 15 && feats[i].ends_sentence; };
    for (size_t i = 0; i < lines.size(); ++i) {
        const RawLine& l = lines[i];
        const LineFeatures& f = feats[i];
        LineContext c;
        c.index = i;
        c.count = lines.size();
        c.prev_prose = i > 0 && prose(i - 1);
        c.next_prose = i + 1 < lines.size() && prose(i + 1);
        c.next_lower = i + 1 < lines.size() && feats[i + 1].starts_lower;
        c.duplicate = repeat[i];
        if (batch_lines) {
            auto it = batch_lines->find(line_keys[i]);
            if (it != batch_lines->end() && it->second > 1) c.other_docs = it->second - 1;
        }
        std::string why = classify_line(l.text, f, c);
        // Within the first lines, the first one that reads like a headline is the title
        // (menus and section labels before it are already marked as furniture).
        // A text of one line is all body: there is nothing for a headline to head.
        if (title_open && lines.size() > 1 && i <= 3 && why != "timestamp" && why != "duplicate" && !f.has_url) {
            // Headlines look like labels to the line model (short, capitalised, no full stop),
            // so only what it is sure about is passed over: menus, breadcrumbs, icon rows.
            bool furniture = boilerplate_score(f, c) >= kTitleVetoScore || f.separators >= 2 || f.credit_words > 0 ||
                             f.cue_words * 2 >= f.words || short_tokens_only(l.text);
            if (looks_like_headline(l.text, f) && (why.empty() || (f.words >= 3 && !furniture))) {
                title_open = false;
                doc.title = normalize_unicode(l.text);
                if (trace) {
                    LineDecision d{l.line_no, std::string(l.text), "title", boilerplate_score(f, c), {}};
                    for (auto& [n, x] : line_feature_vector(f, c)) d.features.emplace_back(std::string(n), x);
                    trace->push_back(std::move(d));
                }
                continue;
            }
            if (why.empty()) title_open = false;
        }
        if (trace) {
            LineDecision d{l.line_no, std::string(l.text), why.empty() ? "body" : why, boilerplate_score(f, c), {}};
            for (auto& [n, x] : line_feature_vector(f, c)) d.features.emplace_back(std::string(n), x);
            trace->push_back(std::move(d));
        }
        if (!why.empty()) {
            if (why == "timestamp" || (why.starts_with("boilerplate") && mentions_date(l.text)))
                doc.date_signals.emplace_back(l.text);
            doc.removed.push_back({std::string(l.text), why});
            continue;
        }
        append_body(doc, l.text, l.raw_offset, body_lines > 0 && l.blank_before > 0);
        ++body_lines;
    }
    // Nothing read as body (a one-sentence note, a short wire flash): rather than lose the
    // document, keep the lines that end like sentences.
    if (body_lines == 0) {
        for (size_t i = 0; i < lines.size(); ++i) {
            if (!feats[i].ends_sentence || feats[i].has_url) continue;
            append_body(doc, lines[i].text, lines[i].raw_offset, body_lines > 0 && lines[i].blank_before > 0);
            ++body_lines;
            auto it = std::find_if(doc.removed.begin(), doc.removed.end(),
                                   [&](const Removal& r) { return r.text == lines[i].text; });
            if (it != doc.removed.end()) doc.removed.erase(it);
        }
    }
}

void assemble_html_body(Document& doc, const std::vector<BodyLine>& lines) {
    // Inside the chosen container the DOM has already done most of the work; drop what is
    // furniture by its shape: timestamps, short lines of furniture words, and short
    // non-sentence lines at the very start or end (kickers, bylines, "Share this").
    // A paragraph repeated inside the article is kept: there it is the author's text (an
    // interview's recurring question, a refrain), unlike in plain text, where a repeated line
    // is usually a pasted menu or footer.
    std::vector<char> keep(lines.size(), 1);
    std::vector<std::string> why(lines.size());
    std::vector<LineFeatures> feats(lines.size());
    for (size_t i = 0; i < lines.size(); ++i) {
        const BodyLine& b = lines[i];
        LineFeatures& f = feats[i];
        f = line_features(b.text);
        if (is_timestamp_line(b.text)) why[i] = "timestamp";
        else if (f.cue_words && f.words <= 8 && !f.ends_sentence && f.cue_words * 4 >= f.words)
            why[i] = "boilerplate:furniture";
        // a photo credit left in the flow ("Name/Agency/Getty Images")
        else if (f.credit_words && f.words <= 8 && !f.ends_sentence && !b.heading)
            why[i] = "caption";
        if (!why[i].empty()) keep[i] = 0;
    }
    // At the edges, also a sentence about the page itself ("Subscribe to our newsletters.",
    // "Follow her on Twitter") ends the article.
    auto edge_junk = [&](size_t i) {
        const LineFeatures& f = feats[i];
        return (!f.ends_sentence && f.words <= 4 && !lines[i].heading);
    };
    for (size_t i = 0; i < lines.size() && (!keep[i] || edge_junk(i)); ++i)
        if (keep[i]) keep[i] = 0, why[i] = "boilerplate:edge";
    for (size_t i = lines.size(); i-- > 0 && (!keep[i] || edge_junk(i));)
        if (keep[i]) keep[i] = 0, why[i] = "boilerplate:edge";
    for (size_t i = 0; i < lines.size(); ++i) {
        if (!keep[i]) {
            if (why[i] == "timestamp" || mentions_date(lines[i].text)) doc.date_signals.push_back(lines[i].text);
            doc.removed.push_back({lines[i].text, why[i]});
            continue;
        }
        append_body(doc, lines[i].text, lines[i].raw_offset, true);
    }
}

void clean_document(Document& doc) {
    std::vector<Document> one;
    one.push_back(std::move(doc));
    clean_documents(one);
    doc = std::move(one.front());
}

namespace {

void clean_one(Document& doc, const std::unordered_map<uint64_t, uint32_t>* batch) {
    doc.text.clear();
    doc.offsets.clear();
    doc.removed.clear();
    doc.fragments.clear();
    doc.date_signals.clear();
    if (doc.format == "html") {
        clean_html(doc);
    } else {
        std::string_view raw(doc.raw);
        raw = raw.substr(std::min<size_t>(doc.body_start, raw.size()));
        clean_text(doc, raw, std::min<uint32_t>(doc.body_start, static_cast<uint32_t>(doc.raw.size())),
                   /*first_line_title=*/true, batch);
    }
    find_script_fragments(doc);
}

// Count, per short line, how many documents of the batch hold it.
std::unordered_map<uint64_t, uint32_t> batch_line_counts(const std::vector<Document>& docs) {
    std::unordered_map<uint64_t, uint32_t> counts;
    if (docs.size() < 2) return counts;
    for (const Document& d : docs) {
        if (d.format == "html") continue;
        std::unordered_set<uint64_t> in_doc;
        std::string_view raw(d.raw);
        size_t pos = std::min<size_t>(d.body_start, raw.size());
        while (pos < raw.size()) {
            size_t nl = raw.find('\n', pos);
            if (nl == std::string_view::npos) nl = raw.size();
            std::string_view t = trim(raw.substr(pos, nl - pos));
            pos = nl + 1;
            // Long lines are prose; a repeated long line is a reprint, not furniture.
            if (!t.empty() && t.size() < 160) in_doc.insert(line_key(t));
        }
        for (uint64_t k : in_doc) ++counts[k];
    }
    return counts;
}

}  // namespace

void clean_documents(std::vector<Document>& docs) {
    auto counts = batch_line_counts(docs);
    for (Document& d : docs) clean_one(d, counts.empty() ? nullptr : &counts);
}

std::vector<std::vector<LineDecision>> explain_text_lines(const std::vector<Document>& docs) {
    auto counts = batch_line_counts(docs);
    std::vector<std::vector<LineDecision>> out;
    for (const Document& doc : docs) {
        Document copy;
        copy.raw = doc.raw;
        copy.body_start = doc.body_start;
        copy.format = "text";
        std::vector<LineDecision> trace;
        std::string_view raw(copy.raw);
        uint32_t start = std::min<uint32_t>(copy.body_start, static_cast<uint32_t>(raw.size()));
        clean_text(copy, raw.substr(start), start, true, counts.empty() ? nullptr : &counts, &trace);
        out.push_back(std::move(trace));
    }
    return out;
}

}  // namespace parley
