// Rule-based tokeniser and sentence splitter for news English. Abbreviations come from
// data/text/abbreviations.txt; everything else is character classes and a few rules.
#include <unicode/uchar.h>

#include <fstream>
#include <mutex>
#include <sstream>
#include <unordered_set>

#include "text/text.hpp"
#include "util/util.hpp"

namespace parley {
namespace {

const std::unordered_set<std::string>& abbreviations() {
    static const std::unordered_set<std::string> set = [] {
        std::unordered_set<std::string> s;
        std::ifstream in(data_dir() + "/text/abbreviations.txt");
        std::string line;
        while (std::getline(in, line)) {
            if (line.empty() || line[0] == '#') continue;
            std::istringstream ws(line);
            std::string w;
            while (ws >> w) s.insert(w);
        }
        return s;
    }();
    return set;
}

bool is_word_char(char32_t c) {
    return c == '_' || u_isalnum(c) || u_charType(c) == U_NON_SPACING_MARK ||
           u_charType(c) == U_COMBINING_SPACING_MARK;
}

bool is_space(char32_t c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || u_isUWhiteSpace(c); }

// Split one whitespace-delimited chunk into tokens.
void split_chunk(std::string_view text, size_t b, size_t e, std::vector<Span>& out) {
    std::string_view chunk = text.substr(b, e - b);
    // URLs and e-mail addresses stay whole (minus trailing punctuation).
    if (chunk.starts_with("http://") || chunk.starts_with("https://") || chunk.starts_with("www.") ||
        (chunk.find('@') != std::string_view::npos && chunk.find('.') != std::string_view::npos &&
         chunk.find('@') > 0)) {
        size_t end = e;
        while (end > b && std::string_view(".,;:!?)\"'").find(text[end - 1]) != std::string_view::npos) --end;
        out.push_back({uint32_t(b), uint32_t(end)});
        for (size_t k = end; k < e; ++k) out.push_back({uint32_t(k), uint32_t(k + 1)});
        return;
    }
    size_t i = b;
    while (i < e) {
        size_t start = i;
        char32_t c = next_code_point(text, i);
        if (is_word_char(c)) {
            // A word: letters/digits joined by internal . , - ' ’ when followed by a word char.
            size_t j = i;
            while (j < e) {
                size_t k = j;
                char32_t d = next_code_point(text, k);
                if (is_word_char(d)) {
                    j = k;
                    continue;
                }
                bool joiner = d == '-' || d == '.' || d == ',' || d == '\'' || d == U'\u2019' ||
                              d == '/' || d == ':' || d == '&';
                if (joiner && k < e) {
                    size_t m = k;
                    char32_t nx = next_code_point(text, m);
                    if (is_word_char(nx)) {
                        // commas and colons only join digits (1,000 / 15:10)
                        if ((d == ',' || d == ':') &&
                            !(u_isdigit(nx) && j > start && std::isdigit(static_cast<unsigned char>(text[j - 1]))))
                            break;
                        // split English clitics: "Russia's" -> Russia 's, "don't" -> do n't
                        if (d == '\'' || d == U'\u2019') {
                            std::string_view rest = text.substr(k, e - k);
                            std::string low = to_lower_ascii(rest.substr(0, 3));
                            bool clitic = low == "s" || low.starts_with("s") && (rest.size() == 1 || !std::isalpha(static_cast<unsigned char>(rest[1]))) ||
                                          low.starts_with("ll") || low.starts_with("re") || low.starts_with("ve") ||
                                          low == "d" || low == "m" || low.starts_with("d") && rest.size() == 1;
                            if (clitic) break;
                        }
                        j = m;
                        continue;
                    }
                }
                break;
            }
            // "n't"
            if (j - start > 3 && (text.substr(j - 3, 3) == "n't")) {
                out.push_back({uint32_t(start), uint32_t(j - 3)});
                out.push_back({uint32_t(j - 3), uint32_t(j)});
            } else {
                out.push_back({uint32_t(start), uint32_t(j)});
            }
            i = j;
            // Abbreviation or initial: take the trailing period into the token.
            if (i < e && text[i] == '.') {
                std::string cand(text.substr(start, i + 1 - start));
                bool initial = i - start == 1 && std::isupper(static_cast<unsigned char>(text[start]));
                bool dotted = cand.find('.') != cand.size() - 1;  // U.S. style
                if (abbreviations().count(cand) || initial || dotted) {
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
                    out.push_back({uint32_t(start), uint32_t(j)});
                    i = j;
                    continue;
                }
            }
        }
        // Ellipsis "..." stays one token.
        if (c == '.' && i + 1 < e && text[i] == '.' && text[i + 1] == '.') {
            size_t j = i;
            while (j < e && text[j] == '.') ++j;
            out.push_back({uint32_t(start), uint32_t(j)});
            i = j;
            continue;
        }
        // Any other symbol is a token of its own; repeated dashes stay together.
        if (c == '-' && i < e && text[i] == '-') {
            size_t j = i;
            while (j < e && text[j] == '-') ++j;
            out.push_back({uint32_t(start), uint32_t(j)});
            i = j;
            continue;
        }
        out.push_back({uint32_t(start), uint32_t(i)});
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
        bool boundary = k == 0 || new_para || new_line;
        if (!boundary && k > 0) {
            // Sentence end: the previous token is . ! ? (or such followed by closers).
            size_t p = k - 1;
            while (p > doc.sentences.back().first_token && is_closing(doc.slice(spans[p])) &&
                   spans[p].start == spans[p - 1].end)
                --p;
            std::string_view prev = doc.slice(spans[p]);
            bool end_punct = prev == "." || prev == "!" || prev == "?" || prev == "..." ||
                             prev == "\xE2\x80\xA6";
            if (!end_punct && prev.size() > 1 && prev.back() == '.') {
                // abbreviation token: ends a sentence only before a capitalised non-name word;
                // keep it conservative: "U.S." at the end of a sentence followed by a capital.
                end_punct = false;
            }
            std::string_view cur = doc.slice(sp);
            unsigned char f = cur.empty() ? 0 : static_cast<unsigned char>(cur[0]);
            bool starts_ok = std::isupper(f) || std::isdigit(f) || cur == "\"" || cur == "\xE2\x80\x9C" ||
                             cur == "'" || cur == "(" || cur == "[" || f >= 0x80;
            boundary = end_punct && starts_ok;
        }
        if (boundary) start_sentence(k);
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
    const Sentence& s = doc.sentences[doc.tokens[token].sentence];
    for (uint32_t i = s.first_token; i < s.first_token + s.token_count; ++i)
        if (doc.tokens[i].head == int32_t(token)) out.push_back(i);
    return out;
}

bool is_negated(const Document& doc, uint32_t token) {
    for (uint32_t c : children(doc, token)) {
        std::string l = to_lower_ascii(doc.slice(doc.tokens[c].span));
        if (l == "not" || l == "n't" || l == "never" || doc.tokens[c].deprel == "neg") return true;
    }
    return false;
}

Span subtree_span(const Document& doc, uint32_t token) {
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
