// Claims, first pass: direct quotations (straight and curly quotes) and reported speech
// around speech verbs ("said", "told", "according to"), with the speaker taken from the
// nearest linked entity or a descriptive source ("a source in the delegation").
#include "claims/claims.hpp"

#include <re2/re2.h>

#include <algorithm>

#include "util/util.hpp"

namespace parley {
namespace {

const char* const kSpeechVerbs[] = {"said", "says", "told", "stated", "added", "noted", "stressed",
                                    "emphasized", "emphasised", "explained", "announced", "declared",
                                    "insisted", "claimed", "wrote", "writes", "reported", "reports",
                                    "quoted", "quotes", "warned", "argued", "dismissed", "denied"};

bool is_speech_verb(std::string_view w) {
    std::string l = to_lower_ascii(w);
    for (const char* v : kSpeechVerbs)
        if (l == v) return true;
    return false;
}

// The entity (person/organisation) nearest to a token position within the sentence.
const EntityMention* nearest_entity(const Document& doc, const Sentence& s, uint32_t pos, bool before_only) {
    const EntityMention* best = nullptr;
    uint32_t best_dist = UINT32_MAX;
    for (const auto& e : doc.entities) {
        if (!s.span.contains(e.span)) continue;
        if (e.ref.type != "PER" && e.ref.type != "ORG" && e.ref.type != "GPE") continue;
        if (before_only && e.span.end > pos) continue;
        uint32_t d = e.span.end <= pos ? pos - e.span.end : e.span.start - pos;
        if (d < best_dist) {
            best_dist = d;
            best = &e;
        }
    }
    return best;
}

bool is_open_quote(std::string_view t) { return t == "\"" || t == "\xE2\x80\x9C" || t == "\xC2\xAB"; }
bool is_close_quote(std::string_view t) { return t == "\"" || t == "\xE2\x80\x9D" || t == "\xC2\xBB"; }

}  // namespace

void extract_claims(Document& doc) {
    doc.claims.clear();
    static const RE2 anon(R"((?i)(asked not to be (named|identified)|asked to remain anonymous|on condition of anonymity|who declined to be named|a source|sources|an official|a diplomat|a member of))");
    for (uint32_t si = 0; si < doc.sentences.size(); ++si) {
        const Sentence& s = doc.sentences[si];
        uint32_t end = s.first_token + s.token_count;
        std::string_view sent = doc.slice(s.span);
        // Direct quotes: a quoted run inside the sentence.
        bool found_direct = false;
        for (uint32_t i = s.first_token; i < end; ++i) {
            if (!is_open_quote(doc.slice(doc.tokens[i].span))) continue;
            uint32_t j = i + 1;
            while (j < end && !is_close_quote(doc.slice(doc.tokens[j].span))) ++j;
            if (j >= end || j - i < 4) continue;  // scare quotes around a word are not claims
            Claim c;
            c.direct = true;
            c.sentence = si;
            c.content = {doc.tokens[i + 1].span.start, doc.tokens[j - 1].span.end};
            c.cue = {doc.tokens[i].span.start, doc.tokens[j].span.end};
            // speaker: an entity outside the quote, nearest after the quote, else before
            const EntityMention* sp = nullptr;
            for (const auto& e : doc.entities)
                if (s.span.contains(e.span) && !c.cue.contains(e.span) &&
                    (e.ref.type == "PER" || e.ref.type == "ORG")) {
                    if (!sp || (e.span.start > c.cue.end && sp->span.start < c.cue.start)) sp = &e;
                }
            if (sp) {
                c.speaker = sp->ref;
                c.speaker_span = sp->span;
            }
            doc.claims.push_back(std::move(c));
            found_direct = true;
            i = j;
        }
        if (found_direct) continue;
        // Reported speech: "X said (that) ...", "according to X, ..."
        for (uint32_t i = s.first_token; i < end; ++i) {
            std::string_view w = doc.slice(doc.tokens[i].span);
            bool according = to_lower_ascii(w) == "according" && i + 1 < end &&
                             to_lower_ascii(doc.slice(doc.tokens[i + 1].span)) == "to";
            if (!according && !is_speech_verb(w)) continue;
            Claim c;
            c.sentence = si;
            c.cue = doc.tokens[i].span;
            const EntityMention* sp = according ? nearest_entity(doc, s, doc.tokens[i + 1].span.end + 40, false)
                                                : nearest_entity(doc, s, doc.tokens[i].span.start, true);
            if (according) {
                // content = the sentence minus the "according to X" phrase
                c.content = s.span;
            } else {
                uint32_t k = i + 1;
                if (k < end && to_lower_ascii(doc.slice(doc.tokens[k].span)) == "that") ++k;
                if (k >= end) {
                    // "..., Lavrov said." : the content is what came before
                    c.content = {s.span.start, sp ? sp->span.start : doc.tokens[i].span.start};
                } else if (sp && sp->span.end <= doc.tokens[i].span.start &&
                           sp->span.start > s.span.start + 10) {
                    c.content = {s.span.start, sp->span.start};
                } else {
                    c.content = {doc.tokens[k].span.start, s.span.end};
                }
            }
            if (sp) {
                c.speaker = sp->ref;
                c.speaker_span = sp->span;
            }
            std::string lw = to_lower_ascii(w);
            if (lw == "dismissed" || lw == "denied") c.disputes.emplace_back(doc.slice(c.content));
            // chain: an outlet or agency that relays the speaker ("TASS quoted X", "told Reuters")
            std::string rel = according ? "according to" : lw;
            if (sp) c.chain.push_back({sp->ref.name, sp->ref.kb_id, false, rel});
            re2::StringPiece m;
            if (RE2::PartialMatch(sent, anon, &m))
                c.chain.push_back({std::string(m), "", true, rel});
            if (c.content.size() > 0) doc.claims.push_back(std::move(c));
            break;
        }
    }
}

}  // namespace parley
