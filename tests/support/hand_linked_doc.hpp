// Test support: a document run through clean → text → time with entity links given by hand,
// so the events and claims tests need no knowledge base. One helper for all those tests.
#pragma once

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "clean/clean.hpp"
#include "events/events.hpp"
#include "model/document.hpp"
#include "text/text.hpp"
#include "time/time.hpp"

namespace parley::test_support {

// Every occurrence of `surface` in the clean text becomes a mention of this actor.
struct HandEntity {
    std::string surface, type, name, country, how = "alias", kb_id = "";  // kb_id "" = "Q:" + name
};

struct HandDocOptions {
    std::string dct = "2022-01-22";      // "" = no creation time
    const TextModels* models = nullptr;  // tagger + parser, or tokens only
    bool whole_words = false;            // "Russian" inside "Russians" is not a mention
};

inline Document hand_linked_doc(const std::string& text, const std::vector<HandEntity>& ents,
                                const HandDocOptions& opt = {}) {
    Document d;
    d.id = "t";
    d.raw = text;
    if (!opt.dct.empty()) d.dct = Dct{opt.dct, DctSource::metadata, ""};
    clean_document(d);
    analyze_text(d, opt.models);
    tag_timexes(d);
    for (const HandEntity& e : ents) {
        for (size_t at = 0; (at = d.text.find(e.surface, at)) != std::string::npos; at += e.surface.size()) {
            size_t end = at + e.surface.size();
            if (opt.whole_words && end < d.text.size() && std::isalpha(static_cast<unsigned char>(d.text[end])))
                continue;
            EntityMention m;
            m.span = {uint32_t(at), uint32_t(end)};
            m.ref = ActorRef{e.kb_id.empty() ? "Q:" + e.name : e.kb_id, e.name, e.type, e.country, ""};
            m.how = e.how;
            d.entities.push_back(m);
        }
    }
    std::sort(d.entities.begin(), d.entities.end(),
              [](const EntityMention& a, const EntityMention& b) { return a.span.start < b.span.start; });
    return d;
}

// The (surface, type) form the claims tests use: the surface is also the actor's name.
inline std::vector<HandEntity> named_as_written(const std::vector<std::pair<std::string, std::string>>& ents) {
    std::vector<HandEntity> out;
    for (const auto& [surface, type] : ents) out.push_back({surface, type, surface, ""});
    return out;
}

// The shipped event lexicon (data/events), loaded once.
inline const EventLexicon& shipped_event_lexicon() {
    static auto lex = load_event_lexicon(std::string(PARLEY_SOURCE_DIR) + "/data/events");
    return *lex;
}

// Names of an event's actors and targets, sorted (sides compared as a set).
inline std::vector<std::string> participants(const EventMention& e) {
    std::vector<std::string> out;
    for (auto& a : e.actors) out.push_back(a.name);
    for (auto& a : e.targets) out.push_back(a.name);
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace parley::test_support
