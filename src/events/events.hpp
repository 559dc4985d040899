// events: who did what to whom — PLOVER-coded event mentions with mode, status, the
// event's own date, place, actors and evidence, from triggers over tokens and entities.
//
// Triggers come from two tables in data/events/: hand-written patterns (triggers.tsv, verbs
// and nouns) and the CAMEO verb dictionary (cameo_verbs.tsv) whose codes are mapped to PLOVER
// by cameo_plover.tsv. Roles, status and dates come from the dependency tree when the text
// stage filled one, and from word-order rules over the clause otherwise.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "model/document.hpp"

namespace parley {

struct TriggerPattern {
    std::vector<std::string> words;  // lower case; "*" = a gap of up to three words
    std::string type, mode;
    bool noun = false;
};

struct StatusCue {
    std::vector<std::string> words;
    EventStatus status;
    bool after = false;
    int window = 6;
};

struct PloverType {
    std::string type, verb, description;
    bool symmetric = false;
};

// One CAMEO verb form ("met", "meet with") and the block (synonym group) it belongs to.
struct CameoVerb {
    std::vector<std::string> words;
    uint32_t block = 0;
    std::string code;  // the verb's own default code, "---" = none
};

// A CAMEO pattern of a block: words before the verb ("pre") and after it ("post"), in order.
// An element is a word, "&set" (a synonym set) or "a/b" (alternatives).
struct CameoPattern {
    std::vector<std::string> pre, post;
    std::string code;
};

struct CameoBlock {
    std::string name;
    std::vector<uint32_t> patterns;  // into EventLexicon::cameo_patterns
    bool skip = false;               // handled elsewhere (status verbs: cancel, postpone)
};

// A CAMEO code resolved to PLOVER; `subject_is_target` for CAMEO's ":code" (passive-like
// patterns such as "face criticism": the grammatical subject receives the action).
struct CameoCode {
    std::string type, mode;
    bool subject_is_target = false;
};

struct EventLexicon {
    std::vector<TriggerPattern> triggers;
    std::unordered_map<std::string, std::vector<uint32_t>> by_first_word;
    std::vector<StatusCue> cues;
    std::unordered_map<std::string, PloverType> types;

    // CAMEO dictionary (data/events/cameo_verbs.tsv) and its PLOVER mapping.
    std::vector<CameoVerb> cameo_verbs;
    std::unordered_map<std::string, std::vector<uint32_t>> cameo_by_first_word;
    std::vector<CameoBlock> cameo_blocks;
    std::vector<CameoPattern> cameo_patterns;
    std::unordered_map<std::string, std::unordered_set<std::string>> synsets;
    std::unordered_map<std::string, std::pair<std::string, std::string>> cameo_plover;  // prefix -> type, mode

    // ISO alpha-3 -> country name (data/kb/countries.tsv), so a demonym standing for its
    // country ("the Russians") can be given as that country.
    std::unordered_map<std::string, std::string> country_names;

    // Closed-class words by class (data/events/function_words.tsv).
    std::unordered_map<std::string, std::unordered_set<std::string>> function_words;
    bool is(std::string_view cls, const std::string& word) const;
};

// Load data/events/ (triggers.tsv, status_cues.tsv, plover.tsv, cameo_verbs.tsv,
// cameo_plover.tsv, cameo_skip.txt, function_words.tsv). Missing optional files are fine.
std::shared_ptr<const EventLexicon> load_event_lexicon(const std::string& dir);

// Map a CAMEO code ("036", "1123", ":020", "042:043") to PLOVER; empty type = not an event.
CameoCode cameo_to_plover(const EventLexicon& lex, std::string_view code);

// Find event mentions (fills Document::events). Needs tokens, entities and timexes; uses the
// dependency tree when tokens carry heads.
void extract_events(Document& doc, const EventLexicon& lex);

// "Sergey Lavrov met with Dmytro Kuleba in Antalya"
std::string summarize(const EventMention& e, const EventLexicon& lex);

}  // namespace parley
