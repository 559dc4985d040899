#include "time/grammar.hpp"

#include <algorithm>
#include <cctype>

#include "util/util.hpp"

namespace parley::timeml {

std::string normalise_phrase(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    bool space = false;
    for (char c : s) {
        if (std::isspace(static_cast<unsigned char>(c))) {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += char(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

std::optional<std::string> Lexicon::lookup(std::string_view cls, std::string_view phrase) const {
    auto c = classes.find(cls);
    if (c == classes.end()) return std::nullopt;
    auto w = c->second.find(normalise_phrase(phrase));
    if (w == c->second.end()) return std::nullopt;
    return w->second;
}

Lexicon parse_lexicon(std::string_view text, const std::string& where) {
    Lexicon lex;
    size_t lineno = 0;
    for (std::string_view line : split(text, '\n')) {
        ++lineno;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (trim(line).empty() || trim(line)[0] == '#') continue;
        auto f = split(line, '\t');
        if (f.size() != 3 || trim(f[0]).empty() || trim(f[1]).empty())
            throw InputError(where + ":" + std::to_string(lineno), "expected class<TAB>phrase<TAB>value");
        lex.classes[std::string(trim(f[0]))][normalise_phrase(f[1])] = std::string(trim(f[2]));
    }
    return lex;
}

namespace {

// The alternation of a class's phrases, longest first so that "sept." is preferred over "sep".
std::string class_alternation(const Lexicon& lex, const std::string& cls, const std::string& where) {
    auto c = lex.classes.find(cls);
    if (c == lex.classes.end()) throw InputError(where, "unknown lexicon class {" + cls + "}");
    std::vector<std::string> words;
    for (const auto& [w, v] : c->second) words.push_back(w);
    std::sort(words.begin(), words.end(), [](const std::string& a, const std::string& b) {
        return a.size() != b.size() ? a.size() > b.size() : a < b;
    });
    std::string alt;
    for (const auto& w : words) {
        if (!alt.empty()) alt += '|';
        for (char ch : w) {
            if (ch == ' ') alt += "\\s+";
            else if (std::isalnum(static_cast<unsigned char>(ch))) alt += ch;
            else {
                alt += '\\';
                alt += ch;
            }
        }
    }
    return alt;
}

// Expand <MACRO>, {class} and spaces. Macros are already expanded when defined.
std::string expand(std::string_view pat, const Lexicon& lex, const std::map<std::string, std::string>& macros,
                   const std::string& where) {
    std::string out;
    int bracket = 0;  // inside a [...] character class
    for (size_t i = 0; i < pat.size(); ++i) {
        char c = pat[i];
        if (c == '\\' && i + 1 < pat.size()) {
            out += c;
            out += pat[++i];
            continue;
        }
        if (bracket) {
            if (c == ']') bracket = 0;
            out += c;
            continue;
        }
        if (c == '[') {
            bracket = 1;
            out += c;
            continue;
        }
        if (c == ' ') {
            while (i + 1 < pat.size() && pat[i + 1] == ' ') ++i;
            out += "\\s+";
            continue;
        }
        if (c == '(' && pat.substr(i, 4) == "(?P<") {  // a named group: copy its name verbatim
            size_t close = pat.find('>', i);
            if (close == std::string_view::npos) throw InputError(where, "unterminated group name");
            out += pat.substr(i, close - i + 1);
            i = close;
            continue;
        }
        if (c == '<') {
            size_t close = pat.find('>', i);
            if (close == std::string_view::npos) throw InputError(where, "unterminated <MACRO>");
            std::string name(pat.substr(i + 1, close - i - 1));
            auto m = macros.find(name);
            if (m == macros.end()) throw InputError(where, "unknown macro <" + name + ">");
            out += "(?:" + m->second + ")";
            i = close;
            continue;
        }
        if (c == '{' && i + 1 < pat.size() && (std::isalpha(static_cast<unsigned char>(pat[i + 1])) || pat[i + 1] == '-')) {
            size_t close = pat.find('}', i);
            if (close == std::string_view::npos) throw InputError(where, "unterminated {class}");
            std::string spec(pat.substr(i + 1, close - i - 1));
            bool capture = spec[0] != '-';
            if (!capture) spec.erase(0, 1);
            std::string cls = spec, group = spec;
            if (auto colon = spec.find(':'); colon != std::string::npos) {
                cls = spec.substr(0, colon);
                group = spec.substr(colon + 1);
            }
            std::string alt = class_alternation(lex, cls, where);
            out += capture ? "(?P<" + group + ">" + alt + ")" : "(?:" + alt + ")";
            i = close;
            continue;
        }
        out += c;
    }
    return out;
}

// Words that can begin a phrase of a pattern: every alphabetic run in the expanded pattern.
// Over-inclusive on purpose (it only decides where the rule set is tried).
void collect_words(std::string_view expanded, std::unordered_set<std::string>& words) {
    std::string w;
    bool in_name = false;
    for (size_t i = 0; i <= expanded.size(); ++i) {
        char c = i < expanded.size() ? expanded[i] : ' ';
        if (in_name) {
            if (c == '>') in_name = false;
            continue;
        }
        if (c == '<' && i >= 2 && expanded[i - 1] == 'P') {
            in_name = true;
            w.clear();
            continue;
        }
        if (c == '\\' && i + 1 < expanded.size()) {  // an escape: \s, \d, \. end the word
            if (!w.empty()) words.insert(to_lower_ascii(w));
            w.clear();
            if (std::isalpha(static_cast<unsigned char>(expanded[i + 1]))) {
                ++i;
                continue;
            }
            continue;
        }
        if (std::isalpha(static_cast<unsigned char>(c))) {
            w += c;
        } else {
            if (!w.empty()) words.insert(to_lower_ascii(w));
            w.clear();
        }
    }
}

}  // namespace

Grammar compile_grammar(std::string_view text, Lexicon lexicon, const std::string& where) {
    Grammar g;
    g.lexicon = std::move(lexicon);
    std::map<std::string, std::string> macros;
    RE2::Options opt;
    opt.set_case_sensitive(false);
    opt.set_longest_match(true);
    opt.set_log_errors(false);
    opt.set_max_mem(int64_t(64) << 20);  // the rule set's DFA must not fall back to the slow NFA
    g.any_rule = std::make_unique<RE2::Set>(opt, RE2::ANCHOR_START);
    size_t lineno = 0;
    for (std::string_view line : split(text, '\n')) {
        ++lineno;
        std::string here = where + ":" + std::to_string(lineno);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        std::string_view t = trim(line);
        if (t.empty() || t[0] == '#') continue;
        if (t.substr(0, 5) == "rule ") {
            auto colon = t.find(": ");
            if (colon == std::string_view::npos) throw InputError(here, "expected 'rule name: pattern'");
            Rule r;
            r.name = std::string(trim(t.substr(5, colon - 5)));
            r.source = std::string(trim(t.substr(colon + 2)));
            r.expanded = expand(r.source, g.lexicon, macros, here);
            // a group named twice would silently lose one of its parts
            std::unordered_set<std::string> names;
            for (size_t at = r.expanded.find("(?P<"); at != std::string::npos; at = r.expanded.find("(?P<", at + 4)) {
                size_t close = r.expanded.find('>', at);
                std::string name = r.expanded.substr(at + 4, close - at - 4);
                if (!names.insert(name).second) throw InputError(here, "rule " + r.name + ": group <" + name + "> used twice");
            }
            r.re = std::make_unique<RE2>(r.expanded, opt);
            if (!r.re->ok()) throw InputError(here, "rule " + r.name + ": " + r.re->error());
            r.groups.assign(size_t(r.re->NumberOfCapturingGroups()) + 1, "");
            for (const auto& [name, idx] : r.re->NamedCapturingGroups()) r.groups[size_t(idx)] = name;
            std::string err;
            if (g.any_rule->Add(r.expanded, &err) < 0) throw InputError(here, "rule " + r.name + ": " + err);
            collect_words(r.expanded, g.first_words);
            g.rules.push_back(std::move(r));
            continue;
        }
        auto eq = t.find(" = ");
        if (eq == std::string_view::npos) throw InputError(here, "expected 'NAME = pattern' or 'rule name: pattern'");
        macros[std::string(trim(t.substr(0, eq)))] = expand(trim(t.substr(eq + 3)), g.lexicon, macros, here);
    }
    if (g.rules.empty()) throw InputError(where, "no rules");
    for (const auto& [cls, kind] : {std::pair<const char*, int>{"past_cue", -1}, {"future_cue", 1}}) {
        auto c = g.lexicon.classes.find(std::string_view(cls));
        if (c == g.lexicon.classes.end()) continue;
        for (const auto& [w, v] : c->second) {
            g.tense_cues[w] = kind;
            if (size_t sp = w.find(' '); sp != std::string::npos) g.cue_leads.insert(w.substr(0, sp));
        }
    }
    if (auto c = g.lexicon.classes.find(std::string_view("past_plan_lead")); c != g.lexicon.classes.end())
        for (const auto& [w, v] : c->second) g.past_plan_leads.insert(w);
    g.first_bigrams.assign(26 * 27, 0);
    for (const auto& w : g.first_words) {
        int k = bigram_index(w[0], w.size() > 1 ? w[1] : ' ');
        if (k >= 0 && w.size() < 32) g.first_bigrams[size_t(k)] |= uint32_t(1) << w.size();
    }
    if (!g.any_rule->Compile()) throw InputError(where, "the rule set does not compile (too large?)");
    return g;
}

Grammar load_grammar(const std::string& dir) {
    std::string lex_path = dir + "/lexicon.tsv", gram_path = dir + "/grammar.txt";
    Lexicon lex = parse_lexicon(read_file(lex_path), lex_path);
    return compile_grammar(read_file(gram_path), std::move(lex), gram_path);
}

const Grammar& default_grammar() {
    static const Grammar g = load_grammar(data_dir() + "/time");
    return g;
}

}  // namespace parley::timeml
