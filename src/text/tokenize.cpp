// Rule-based tokeniser and sentence splitter for news English. Abbreviations come from
// data/text/abbreviations.txt and the other lists in data/text/; everything else is character
// classes and a few rules. Token boundaries follow the UD English (EWT) conventions the tagger
// and parser were trained on.
#include <algorithm>
#include <unicode/uchar.h>

#include <fstream>
#include <mutex>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "text/text.hpp"
#include "util/util.hpp"

namespace parley {
namespace {

// Whitespace-separated words of a data file, '#' lines skipped.
std::unordered_set<std::string> load_word_set(const std::string& name) {
    std::unordered_set<std::string> s;
    std::ifstream in(data_dir() + "/text/" + name);
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::istringstream ws(line);
        std::string w;
        while (ws >> w) s.insert(w);
    }
    return s;
}

const std::unordered_set<std::string>& abbreviations() {
    static const auto set = load_word_set("abbreviations.txt");
    return set;
}
const std::unordered_set<std::string>& hyphen_prefixes() {
    static const auto set = load_word_set("hyphen_prefixes.txt");
    return set;
}
const std::unordered_set<std::string>& emoticons() {
    static const auto set = load_word_set("emoticons.txt");
    return set;
}
// word -> length in bytes of its first part ("cannot" -> 3)
const std::unordered_map<std::string, size_t>& split_words() {
    static const auto map = [] {
        std::unordered_map<std::string, size_t> m;
        std::ifstream in(data_dir() + "/text/split_words.tsv");
        std::string line;
        while (std::getline(in, line)) {
            if (line.empty() || line[0] == '#') continue;
            auto cols = split(line, '\t');
            if (cols.size() == 3 && cols[1].size() + cols[2].size() == cols[0].size())
                m.emplace(std::string(cols[0]), cols[1].size());
        }
        return m;
    }();
    return map;
}

bool is_word_char(char32_t c) {
    return c == '_' || u_isalnum(c) || u_charType(c) == U_NON_SPACING_MARK ||
           u_charType(c) == U_COMBINING_SPACING_MARK;
}

bool is_space(char32_t c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || u_isUWhiteSpace(c); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha_ascii(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// "U.S.", "a.m.", "e.g.": every dot-separated piece is one or two letters.
bool dotted_abbreviation(std::string_view w) {
    size_t piece = 0;
    bool any_dot = false;
    for (char c : w) {
        if (c == '.') {
            if (piece == 0 || piece > 2) return false;
            piece = 0;
            any_dot = true;
        } else if (is_alpha_ascii(c)) {
            ++piece;
        } else {
            return false;
        }
    }
    return any_dot && piece > 0 && piece <= 2;
}

bool is_url_start(std::string_view s) {
    return starts_with_ci(s, "http://") || starts_with_ci(s, "https://") || starts_with_ci(s, "www.") ||
           starts_with_ci(s, "ftp://");
}
bool is_email(std::string_view s) {
    size_t at = s.find('@');
    if (at == std::string_view::npos || at == 0 || at + 1 >= s.size()) return false;
    size_t dot = s.find('.', at);
    return dot != std::string_view::npos && dot > at + 1 && dot + 1 < s.size() &&
           is_alpha_ascii(s[at - 1]) + is_digit(s[at - 1]) > 0;
}

constexpr size_t kMaxSentenceTokens = 250;
constexpr std::string_view kOpeners = "([{<\"'";
constexpr std::string_view kTrailing = ".,;:!?)]}>\"'";

// Split one whitespace-delimited chunk into tokens.
void split_chunk(std::string_view text, size_t b, size_t e, std::vector<Span>& out) {
    auto emit = [&](size_t s, size_t t) { out.push_back({uint32_t(s), uint32_t(t)}); };
    // URLs and e-mail addresses stay whole (after opening brackets, before trailing punctuation).
    {
        size_t s = b;
        while (s < e && kOpeners.find(text[s]) != std::string_view::npos) ++s;
        std::string_view rest = text.substr(s, e - s);
        if (is_url_start(rest) || is_email(rest)) {
            for (size_t k = b; k < s; ++k) emit(k, k + 1);
            size_t end = e;
            while (end > s && kTrailing.find(text[end - 1]) != std::string_view::npos) --end;
            emit(s, end);
            for (size_t k = end; k < e; ++k) emit(k, k + 1);
            return;
        }
    }
    size_t i = b;
    while (i < e) {
        size_t start = i;
        // Emoticons (":)", ":-(") when they stand alone or end the chunk.
        for (size_t len = std::min<size_t>(4, e - i); len >= 2; --len) {
            std::string cand(text.substr(i, len));
            size_t after = i + len;
            if (emoticons().count(cand) && (after == e || !is_word_char(static_cast<unsigned char>(text[after])))) {
                emit(i, after);
                i = after;
                break;
            }
        }
        if (i != start) continue;
        char32_t c = next_code_point(text, i);
        if (is_word_char(c)) {
            // A word: letters/digits joined by internal . , - ' ’ / : & when a word char follows.
            size_t j = i;
            size_t piece_start = start;  // start of the current hyphen-separated piece
            while (j < e) {
                size_t k = j;
                char32_t d = next_code_point(text, k);
                if (is_word_char(d)) {
                    j = k;
                    continue;
                }
                bool joiner = d == '-' || d == '.' || d == ',' || d == '\'' || d == U'\u2019' || d == '/' ||
                              d == ':' || d == '&';
                if (!joiner || k >= e) break;
                size_t m = k;
                char32_t nx = next_code_point(text, m);
                if (!is_word_char(nx)) break;
                bool digit_before = is_digit(text[j - 1]);
                bool digit_after = nx < 128 && is_digit(char(nx));
                // commas and colons only join digits (1,000 / 15:10)
                if ((d == ',' || d == ':') && !(digit_before && digit_after)) break;
                if (d == '-') {
                    // UD English splits hyphens ("15-year" -> 15 - year) except after a few
                    // prefixes ("e-mail", "non-profit") and between digits ("646-8420").
                    std::string piece = to_lower_ascii(text.substr(piece_start, j - piece_start));
                    if (!(digit_before && digit_after) && !hyphen_prefixes().count(piece)) break;
                    piece_start = k;
                }
                if (d == '/') {
                    // "and/or" splits; "9/11" and "l/c" stay.
                    bool short_left = j - piece_start <= 1;
                    if (!(digit_before || digit_after || short_left)) break;
                }
                if (d == '\'' || d == U'\u2019') {
                    // split English clitics: "Russia's" -> Russia 's; "don't" -> do n't below
                    std::string_view rest = text.substr(k, e - k);
                    std::string low = to_lower_ascii(rest.substr(0, 3));
                    auto alone = [&](size_t n) { return rest.size() == n || !u_isalpha(static_cast<unsigned char>(rest[n])); };
                    bool clitic = ((low.starts_with("s") || low.starts_with("d") || low.starts_with("m")) && alone(1)) ||
                                  ((low.starts_with("ll") || low.starts_with("re") || low.starts_with("ve")) && alone(2));
                    if (clitic) break;
                }
                j = m;
            }
            std::string low = to_lower_ascii(text.substr(start, j - start));
            auto sw = split_words().find(low);
            if (j - start > 3 && low.ends_with("n't")) {
                emit(start, j - 3);
                emit(j - 3, j);
            } else if (sw != split_words().end()) {
                emit(start, start + sw->second);
                emit(start + sw->second, j);
            } else {
                emit(start, j);
            }
            i = j;
            // Abbreviation or initial: take the trailing period into the token.
            if (i < e && text[i] == '.') {
                std::string cand(text.substr(start, i + 1 - start));
                bool initial = i - start == 1 && std::isupper(static_cast<unsigned char>(text[start]));
                if (abbreviations().count(cand) || initial || dotted_abbreviation(cand)) {
                    out.back().end = uint32_t(i + 1);
                    ++i;
                }
            }
            continue;
        }
        // Clitic tokens starting with an apostrophe.
        if ((c == '\'' || c == U'\u2019') && i < e) {
            size_t k = i;
            char32_t nx = next_code_point(text, k);
            if (u_isalpha(nx) && !out.empty() && out.back().end == start) {
                size_t j = k;
                while (j < e) {
                    size_t m = j;
                    if (!u_isalpha(next_code_point(text, m))) break;
                    j = m;
                }
                if (j - k <= 2) {
                    emit(start, j);
                    i = j;
                    continue;
                }
            }
        }
        // Runs of sentence punctuation ("...", "?!", "!!!") and of one repeated symbol
        // ("---", "=====", "<<") stay one token.
        if (c == '.' || c == '!' || c == '?') {
            size_t j = i;
            while (j < e && (text[j] == '.' || text[j] == '!' || text[j] == '?')) ++j;
            emit(start, j);
            i = j;
            continue;
        }
        if (c < 128 && c != '"' && c != '\'' && c != '(' && c != ')' && c != '[' && c != ']') {
            size_t j = i;
            while (j < e && text[j] == char(c)) ++j;
            emit(start, j);
            i = j;
            continue;
        }
        emit(start, i);
    }
}

bool is_closing(std::string_view t) {
    return t == "\"" || t == "'" || t == ")" || t == "]" || t == "\xE2\x80\x9D" || t == "\xE2\x80\x99" ||
           t == "\xC2\xBB";
}

}  // namespace

std::vector<Span> tokenize_spans(std::string_view text) {
    std::vector<Span> out;
    size_t i = 0;
    while (i < text.size()) {
        size_t k = i;
        char32_t c = next_code_point(text, k);
        if (is_space(c)) {
            i = k;
            continue;
        }
        size_t b = i;
        size_t e = k;
        while (e < text.size()) {
            size_t m = e;
            if (is_space(next_code_point(text, m))) break;
            e = m;
        }
        split_chunk(text, b, e, out);
        i = e;
    }
    return out;
}

void tokenize(Document& doc) {
    doc.sentences.clear();
    doc.tokens.clear();
    std::vector<Span> spans = tokenize_spans(doc.text);
    const std::string& t = doc.text;
    uint32_t paragraph = 0;
    size_t dateline_ends_at = SIZE_MAX;
    auto start_sentence = [&](size_t tok) {
        Sentence s;
        s.first_token = uint32_t(tok);
        s.paragraph = paragraph;
        doc.sentences.push_back(s);
    };
    for (size_t k = 0; k < spans.size(); ++k) {
        const Span& sp = spans[k];
        // Only the gap between two tokens can hold line breaks: look there, not beyond.
        std::string_view gap = k > 0 ? std::string_view(t).substr(spans[k - 1].end, sp.start - spans[k - 1].end)
                                     : std::string_view();
        bool new_para = gap.find("\n\n") != std::string_view::npos;
        bool new_line = gap.find('\n') != std::string_view::npos;
        if (new_para) ++paragraph;
        bool boundary = k == 0 || new_para || new_line || dateline_ends_at == k;
        if (!boundary && k > 0) {
            // Sentence end: the previous token is . ! ? or an ellipsis, possibly followed by
            // closing quotes or brackets written against it ("... it." She said).
            size_t p = k - 1;
            bool skipped_closer = false;
            while (p > doc.sentences.back().first_token && is_closing(doc.slice(spans[p])) &&
                   spans[p].start == spans[p - 1].end) {
                --p;
                skipped_closer = true;
            }
            std::string_view prev = doc.slice(spans[p]);
            bool stop = prev == "." || (prev.find_first_not_of(".!?") == std::string_view::npos &&
                                        prev.find_first_of("!?") != std::string_view::npos);
            bool ellipsis = (prev.size() > 1 && prev.find_first_not_of('.') == std::string_view::npos) ||
                            prev == "\xE2\x80\xA6";
            std::string_view cur = doc.slice(sp);
            unsigned char f = cur.empty() ? 0 : static_cast<unsigned char>(cur[0]);
            // A closer written against the previous token belongs to the ending sentence.
            bool attached_closer = is_closing(cur) && sp.start == spans[k - 1].end;
            bool lower = std::islower(f) != 0;
            bool trailing_punct = std::string_view(".,;:!?)]}%/").find(char(f)) != std::string_view::npos;
            bool starts_ok = !lower && !trailing_punct && f != 0 && !attached_closer;
            if (stop && !starts_ok && lower && !skipped_closer && !attached_closer) {
                // "what do you mean? where ..." -- web text often starts sentences in lower case;
                // a bare stop (abbreviations keep their period) is still a boundary.
                starts_ok = true;
            }
            boundary = (stop || (ellipsis && (std::isupper(f) || f == '"' || f >= 0x80))) && starts_ok;
        }
        // Text without sentence punctuation (lists, tables, scraped junk) must not become
        // one huge "sentence": later stages do per-sentence work that grows with its length.
        if (!boundary && k - doc.sentences.back().first_token >= kMaxSentenceTokens) boundary = true;
        if (boundary) {
            start_sentence(k);
            // A dateline opening a paragraph ("NUSA DUA, Bali (Wire) - U.S. President ...",
            // "GENEVA — ...") is a segment of its own: the parser should not read the city and
            // the agency as the subject of the first sentence.
            dateline_ends_at = SIZE_MAX;
            std::string_view w = doc.slice(sp);
            bool caps = w.size() >= 2 && std::none_of(w.begin(), w.end(), [](char c) { return std::islower(static_cast<unsigned char>(c)); }) &&
                        std::isupper(static_cast<unsigned char>(w[0]));
            if (caps && (k == 0 || new_para || new_line)) {
                for (size_t j = k + 1; j < spans.size() && j <= k + 16; ++j) {
                    std::string_view d = doc.slice(spans[j]);
                    if (t.find('\n', spans[j - 1].end) < spans[j].start) break;
                    bool dash = d == "-" || d == "--" || d == "\xE2\x80\x94" || d == "\xE2\x80\x93";
                    bool spaced = spans[j].start > spans[j - 1].end && j + 1 < spans.size() && spans[j + 1].start > spans[j].end;
                    if (dash && spaced) {
                        dateline_ends_at = j + 1;
                        break;
                    }
                }
            }
        }
        Token tok;
        tok.span = sp;
        tok.sentence = uint32_t(doc.sentences.size() - 1);
        doc.tokens.push_back(std::move(tok));
    }
    for (auto& s : doc.sentences) {
        size_t next = (&s - doc.sentences.data()) + 1;
        uint32_t last = next < doc.sentences.size() ? doc.sentences[next].first_token
                                                    : uint32_t(doc.tokens.size());
        s.token_count = last - s.first_token;
        s.span = {doc.tokens[s.first_token].span.start, doc.tokens[last - 1].span.end};
    }
}

void analyze_text(Document& doc, const TextModels* models) {
    tokenize(doc);
    if (models) tag_and_parse(doc, *models);
}

std::vector<uint32_t> children(const Document& doc, uint32_t token) {
    std::vector<uint32_t> out;
    if (token >= doc.tokens.size() || doc.tokens[token].sentence >= doc.sentences.size()) return out;
    const Sentence& s = doc.sentences[doc.tokens[token].sentence];
    for (uint32_t i = s.first_token; i < s.first_token + s.token_count; ++i)
        if (doc.tokens[i].head == int32_t(token)) out.push_back(i);
    return out;
}

bool is_negated(const Document& doc, uint32_t token) {
    // UD has no negation relation: "not", "n't", "never" attach as advmod, so the word
    // itself (data/text/negators.txt) decides; `neg` is accepted from older schemes.
    static const auto negators = load_word_set("negators.txt");
    for (uint32_t c : children(doc, token)) {
        const Token& t = doc.tokens[c];
        std::string l = to_lower_ascii(doc.slice(t.span));
        bool modifier = t.deprel.empty() || t.deprel == "advmod" || t.deprel == "neg";
        if ((negators.count(l) || negators.count(t.lemma)) && modifier) return true;
    }
    return false;
}

namespace {
bool relation_matches(std::string_view d, std::string_view deprel) {
    return d == deprel || (d.size() > deprel.size() && d.starts_with(deprel) && d[deprel.size()] == ':');
}
}  // namespace

int32_t dependent(const Document& doc, uint32_t token, std::string_view deprel) {
    for (uint32_t c : children(doc, token))
        if (relation_matches(doc.tokens[c].deprel, deprel)) return int32_t(c);
    return -1;
}

std::vector<uint32_t> dependents(const Document& doc, uint32_t token, std::string_view deprel) {
    std::vector<uint32_t> out;
    for (uint32_t c : children(doc, token))
        if (relation_matches(doc.tokens[c].deprel, deprel)) out.push_back(c);
    return out;
}

int32_t sentence_root(const Document& doc, uint32_t sentence) {
    if (sentence >= doc.sentences.size()) return -1;
    const Sentence& s = doc.sentences[sentence];
    for (uint32_t i = s.first_token; i < s.first_token + s.token_count; ++i)
        if (doc.tokens[i].head < 0 && !doc.tokens[i].deprel.empty()) return int32_t(i);
    return -1;
}

Span subtree_span(const Document& doc, uint32_t token) {
    if (token >= doc.tokens.size() || doc.tokens[token].sentence >= doc.sentences.size()) return {};
    const Sentence& s = doc.sentences[doc.tokens[token].sentence];
    Span sp = doc.tokens[token].span;
    for (uint32_t i = s.first_token; i < s.first_token + s.token_count; ++i) {
        // walk up from i; if we reach `token`, i is in the subtree
        int32_t h = int32_t(i);
        int guard = 0;
        while (h >= 0 && h != int32_t(token) && guard++ < 512) h = doc.tokens[h].head;
        if (h == int32_t(token)) {
            sp.start = std::min(sp.start, doc.tokens[i].span.start);
            sp.end = std::max(sp.end, doc.tokens[i].span.end);
        }
    }
    return sp;
}

}  // namespace parley
