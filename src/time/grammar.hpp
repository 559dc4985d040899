// The time stage's knowledge, loaded from data/time/: a lexicon of word classes
// (lexicon.tsv) and a grammar of macros and rules (grammar.txt) compiled to RE2.
// Internal to src/time; the rest of the pipeline uses time.hpp.
#pragma once

#include <re2/re2.h>
#include <re2/set.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace parley::timeml {

// Word classes: class -> (normalised phrase -> value). Phrases are lower case with single spaces.
struct Lexicon {
    std::map<std::string, std::map<std::string, std::string, std::less<>>, std::less<>> classes;
    // The value of `phrase` (any case and spacing) in `cls`, if listed.
    std::optional<std::string> lookup(std::string_view cls, std::string_view phrase) const;
    bool has(std::string_view cls, std::string_view phrase) const { return lookup(cls, phrase).has_value(); }
};

struct Rule {
    std::string name;
    std::string source;     // the rule as written in grammar.txt
    std::string expanded;   // the RE2 pattern it compiled to
    std::unique_ptr<RE2> re;
    std::vector<std::string> groups;  // capture index (1-based) -> group name; [0] unused
};

struct Grammar {
    Lexicon lexicon;
    std::vector<Rule> rules;
    // All rules at once, anchored at the start: which rules can match at a position.
    std::unique_ptr<RE2::Set> any_rule;
    // Lower-case words a match can start with (besides digits and apostrophes); a cheap filter
    // so the rule set runs only at plausible positions.
    std::unordered_set<std::string> first_words;
    // The same words, as a cheap first test: can a first word begin with these two letters?
    // Indexed by bigram_index(); most words of a text fail here without a hash lookup.
    // Tense cue words from the lexicon (future_cue = +1, past_cue = -1), lower case, for a
    // single hash lookup per word when reading the tense around an expression.
    std::unordered_map<std::string, int> tense_cues;
    // First words of the multi-word cues ("as" of "as soon as"): only after one of these is a
    // longer cue looked up.
    std::unordered_set<std::string> cue_leads;
    // Words that turn a following future cue into a past one (lexicon class past_plan_lead):
    // "had been scheduled", "as previously planned" report a plan whose time has gone by.
    std::unordered_set<std::string> past_plan_leads;
    // For each bigram, a bit per word length (1..31) that some first word has.
    std::vector<uint32_t> first_bigrams;
};

// 0..26*27-1 for a lower-case first letter and a lower-case or absent second letter; -1 otherwise.
inline int bigram_index(char a, char b) {
    if (a < 'a' || a > 'z') return -1;
    int second = (b >= 'a' && b <= 'z') ? b - 'a' : 26;
    return (a - 'a') * 27 + second;
}

// Collapse whitespace runs to one space and lower-case ASCII.
std::string normalise_phrase(std::string_view s);

// Parse lexicon text ("class<TAB>phrase<TAB>value" lines, '#' comments).
Lexicon parse_lexicon(std::string_view text, const std::string& where);
// Compile grammar text against a lexicon. Throws InputError naming the line on any problem.
Grammar compile_grammar(std::string_view text, Lexicon lexicon, const std::string& where);
// Load data/time/{lexicon.tsv,grammar.txt} from `dir`.
Grammar load_grammar(const std::string& dir);
// The grammar under data_dir()/time, loaded once (thread-safe).
const Grammar& default_grammar();

}  // namespace parley::timeml
