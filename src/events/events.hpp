// events: who did what to whom — PLOVER-coded event mentions with mode, status, the
// event's own date, place, actors and evidence, from triggers over tokens and entities.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>
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

struct EventLexicon {
    std::vector<TriggerPattern> triggers;
    std::unordered_map<std::string, std::vector<uint32_t>> by_first_word;
    std::vector<StatusCue> cues;
    std::unordered_map<std::string, PloverType> types;
};

// Load data/events/ (triggers.tsv, status_cues.tsv, plover.tsv).
std::shared_ptr<const EventLexicon> load_event_lexicon(const std::string& dir);

// Find event mentions (fills Document::events). Needs tokens, entities and timexes.
void extract_events(Document& doc, const EventLexicon& lex);

// "Sergey Lavrov met with Dmytro Kuleba in Antalya"
std::string summarize(const EventMention& e, const EventLexicon& lex);

}  // namespace parley
