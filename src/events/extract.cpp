// Event extraction: triggers (hand-written patterns, then the CAMEO verb dictionary mapped to
// PLOVER), roles from the dependency tree when the text stage filled one and from clause word
// order otherwise, status from negation/modality/cue words, the event's own date from the
// timex attached to it (else the article's context, else the publication date, marked so),
// place, evidence and a confidence.
#include <algorithm>
#include <cctype>
#include <optional>

#include "events/events.hpp"
#include "time/time.hpp"
#include "util/util.hpp"

namespace parley {
namespace {

enum class TriggerSource { curated, cameo_pattern, cameo_verb };

struct Hit {
    uint32_t first = 0, last = 0;  // token range of the trigger
    uint32_t head = 0;             // the token that carries it in the tree (verb, or noun)
    std::string type, mode;
    bool noun = false;
    bool subject_is_target = false;
    TriggerSource source = TriggerSource::curated;
};

// Something that can fill a role: a linked entity, or an unlinked capitalised name.
struct Mention {
    uint32_t first = 0, last = 0;  // token range, inclusive
    ActorRef ref;
    std::string how;
    bool place_like = false;
    bool actor_like = false;
    bool linked = false;
};

struct Roles {
    std::vector<const Mention*> actors, targets;
    const Mention* place = nullptr;
    bool from_tree = false;
};

// Per-document working view: lower-cased tokens and token-indexed mentions and timexes.
struct View {
    const Document& doc;
    const EventLexicon& lex;
    std::vector<std::string> low;
    std::vector<Mention> mentions;
    std::vector<int32_t> mention_at;  // token -> index into mentions, -1 when none
    std::vector<std::pair<uint32_t, uint32_t>> timex_tokens;  // per timex: token range, or {1,0}
    bool syntax = false;
    std::vector<bool> title_case;  // per sentence: a headline in Title Case

    View(const Document& d, const EventLexicon& l) : doc(d), lex(l) {}
    bool is(std::string_view cls, uint32_t i) const { return lex.is(cls, low[i]); }
};


// First token whose span ends after `offset`.
uint32_t token_at(const Document& doc, uint32_t offset) {
    auto it = std::lower_bound(doc.tokens.begin(), doc.tokens.end(), offset,
                               [](const Token& t, uint32_t o) { return t.span.end <= o; });
    return uint32_t(it - doc.tokens.begin());
}

bool starts_upper(std::string_view t) {
    if (t.empty()) return false;
    unsigned char c = static_cast<unsigned char>(t[0]);
    if (c >= 'A' && c <= 'Z') return true;
    // Latin-1 supplement / Latin Extended-A capitals (Ç, Ö, Ş, ...): U+00C0-U+00DE, U+0100-U+017F
    // even code points. Good enough to keep "Çavuşoğlu" a name; lower-case letters don't start
    // names often enough to matter.
    if (c == 0xC3 && t.size() > 1) {
        unsigned char d = static_cast<unsigned char>(t[1]);
        return d >= 0x80 && d <= 0x9E && d != 0x97;
    }
    if ((c == 0xC4 || c == 0xC5) && t.size() > 1) return (static_cast<unsigned char>(t[1]) % 2) == 0;
    return false;
}

bool is_actor_entity(const EntityMention& e) {
    if (e.ref.type == "PER" || e.ref.type == "ORG") return true;
    if (e.ref.type == "GPE") return e.how != "capital" && e.how != "place";
    return e.ref.type == "NORP";
}

bool is_place_entity(const EntityMention& e) {
    return e.ref.type == "LOC" || e.how == "capital" || e.how == "place" || (e.ref.type == "GPE" && e.how == "alias");
}

void build_view(View& v) {
    const Document& doc = v.doc;
    size_t n = doc.tokens.size();
    v.low.resize(n);
    for (size_t i = 0; i < n; ++i) {
        v.low[i] = lower_token_key(doc.slice(doc.tokens[i].span));
        if (!doc.tokens[i].deprel.empty()) v.syntax = true;
    }
    // Headlines in Title Case ("Wang Yi Meets with Jake Sullivan in Vienna"): capitals there
    // say nothing about names, so verbs may be capitalised and do not extend names.
    v.title_case.assign(doc.sentences.size(), false);
    for (size_t si = 0; si < doc.sentences.size(); ++si) {
        const Sentence& s = doc.sentences[si];
        uint32_t words = 0, upper = 0;
        for (uint32_t t = s.first_token; t < s.first_token + s.token_count && t < n; ++t) {
            std::string_view w = doc.slice(doc.tokens[t].span);
            if (w.empty() || !std::isalpha(static_cast<unsigned char>(w[0])) || w.size() < 4) continue;
            ++words;
            upper += starts_upper(w);
        }
        v.title_case[si] = words >= 3 && upper * 5 >= words * 4;
    }
    v.mention_at.assign(n, -1);
    for (const EntityMention& e : doc.entities) {
        if (e.span.empty()) continue;
        uint32_t f = token_at(doc, e.span.start);
        if (f >= n) continue;
        uint32_t l = f;
        while (l + 1 < n && doc.tokens[l + 1].span.start < e.span.end) ++l;
        Mention m{f, l, e.ref, e.how, is_place_entity(e), is_actor_entity(e), !e.ref.kb_id.empty()};
        // An outlet relays the news; it is a claim's source, never a side of the event.
        if (e.how == "media") m.actor_like = false;
        bool clash = false;
        for (uint32_t t = f; t <= l; ++t) clash |= v.mention_at[t] >= 0;
        if (clash) continue;
        for (uint32_t t = f; t <= l; ++t) v.mention_at[t] = int32_t(v.mentions.size());
        v.mentions.push_back(std::move(m));
    }
    v.timex_tokens.assign(doc.timexes.size(), {1, 0});
    std::vector<bool> in_timex(n, false);
    for (size_t k = 0; k < doc.timexes.size(); ++k) {
        const Timex& t = doc.timexes[k];
        uint32_t f = token_at(doc, t.span.start);
        if (f >= n) continue;
        uint32_t l = f;
        while (l + 1 < n && doc.tokens[l + 1].span.start < t.span.end) ++l;
        v.timex_tokens[k] = {f, l};
        for (uint32_t i = f; i <= l; ++i) in_timex[i] = true;
    }
    // Unlinked names: runs of two or more capitalised words that no entity covers ("Dmytro
    // Kuleba" when the KB lacks him). They fill roles only when no linked mention does.
    for (const Sentence& s : doc.sentences) {
        uint32_t end = s.first_token + s.token_count;
        for (uint32_t i = s.first_token; i < end;) {
            bool headline = v.title_case[size_t(&s - doc.sentences.data())];
            auto name_tok = [&](uint32_t t) {
                return t < end && v.mention_at[t] < 0 && !in_timex[t] &&
                       starts_upper(doc.slice(doc.tokens[t].span)) && !v.is("noun_context", t) &&
                       !(headline && (v.lex.by_first_word.count(v.low[t]) || v.lex.cameo_by_first_word.count(v.low[t])));
            };
            if (!name_tok(i)) {
                ++i;
                continue;
            }
            uint32_t j = i;
            while (name_tok(j + 1)) ++j;
            uint32_t next = j + 1;
            // Read the name without a title in front; keep person-like runs only: two to four
            // words, none in capitals throughout (datelines), none naming a thing, not "the X".
            // "(Alpine Wire)" after a dateline is the outlet, not an actor. After "in"/"at" a
            // single capitalised word is a place name ("in Bali").
            bool after_the = i > s.first_token && (v.low[i - 1] == "the" || v.low[i - 1] == "(");
            if (i == j && i > s.first_token && v.is("place_prep", i - 1) && !v.is("name_stop", i)) {
                Mention m;
                m.first = m.last = i;
                m.ref.name = std::string(doc.slice(doc.tokens[i].span));
                m.how = "name";
                m.place_like = true;
                v.mention_at[i] = int32_t(v.mentions.size());
                v.mentions.push_back(std::move(m));
                i = next;
                continue;
            }
            auto all_caps = [&](uint32_t t) {
                std::string_view w = doc.slice(doc.tokens[t].span);
                return w.size() > 1 && std::all_of(w.begin(), w.end(), [](char ch) { return !(ch >= 'a' && ch <= 'z'); });
            };
            // "US President Joe Biden": leading abbreviations and titles are not the name
            uint32_t run_first = i;
            while (i <= j && (v.is("title", i) || all_caps(i) || v.is("not_name", i))) ++i;
            // "President Biden": after a title one word is a name
            bool titled = i > run_first && v.is("title", i - 1);
            bool person_like = (i < j || (i == j && titled)) && j - i < 4 && !after_the;
            for (uint32_t t = i; person_like && t <= j; ++t)
                if (all_caps(t) || v.is("name_stop", t)) person_like = false;
            if (person_like) {
                Mention m;
                m.first = i;
                m.last = j;
                m.ref.name = std::string(doc.text.substr(doc.tokens[i].span.start,
                                                         doc.tokens[j].span.end - doc.tokens[i].span.start));
                m.how = "name";
                // "at Villa La Grange", "in Nusa Dua": after a place preposition it is a place
                bool after_place = i > s.first_token && v.is("place_prep", i - 1);
                m.actor_like = !after_place;
                m.place_like = after_place;
                for (uint32_t t = i; t <= j; ++t) v.mention_at[t] = int32_t(v.mentions.size());
                v.mentions.push_back(std::move(m));
            }
            i = next;
        }
    }
    // A lone capitalised word that is the last word of a name met before ("Dmytro Kuleba" ...
    // "Kuleba said") is that person.
    // Family names come last in "Sergey Lavrov" and first in "Xi Jinping": the last word is
    // tried first, the first word of a two-word name second.
    std::unordered_map<std::string, ActorRef> surnames, first_names;
    for (const Mention& m : v.mentions) {
        if (!m.actor_like || !(m.how == "name" || (m.ref.type == "PER" && m.last > m.first))) continue;
        surnames.emplace(v.low[m.last], m.ref);
        if (m.last == m.first + 1) first_names.emplace(v.low[m.first], m.ref);
    }
    for (uint32_t t = 0; t < n; ++t) {
        if (v.mention_at[t] >= 0 || in_timex[t] || !starts_upper(doc.slice(doc.tokens[t].span))) continue;
        // a title is nobody's name: "President Xi" must not make every "President" Xi
        if (v.is("title", t)) continue;
        auto it = surnames.find(v.low[t]);
        if (it == surnames.end()) {
            it = first_names.find(v.low[t]);
            if (it == first_names.end()) continue;
        }
        Mention m;
        m.first = m.last = t;
        m.ref = it->second;
        m.how = "surname";
        m.actor_like = true;
        m.linked = !m.ref.kb_id.empty();
        v.mention_at[t] = int32_t(v.mentions.size());
        v.mentions.push_back(std::move(m));
    }
}

// ---------------------------------------------------------------- triggers

int match_curated(const View& v, const TriggerPattern& p, uint32_t i, uint32_t end) {
    uint32_t t = i;
    for (size_t k = 0; k < p.words.size(); ++k) {
        if (p.words[k] == "*") {
            if (k + 1 >= p.words.size()) return -1;
            bool found = false;
            for (uint32_t g = t; g < std::min(end, t + 5); ++g)
                if (v.low[g] == p.words[k + 1]) {
                    t = g + 1;
                    found = true;
                    break;
                }
            if (!found) return -1;
            ++k;
            continue;
        }
        if (t >= end || v.low[t] != p.words[k]) return -1;
        ++t;
    }
    return int(t) - 1;
}

bool element_matches(const EventLexicon& lex, const std::string& el, const std::string& tok) {
    if (el.empty()) return false;
    if (el[0] == '&') {
        auto it = lex.synsets.find(el);
        if (it == lex.synsets.end()) return false;
        if (it->second.count(tok)) return true;
        return tok.size() > 1 && tok.back() == 's' && it->second.count(tok.substr(0, tok.size() - 1));
    }
    if (el.find('/') != std::string::npos) {
        for (auto alt : split(el, '/'))
            if (alt == tok) return true;
        return false;
    }
    if (tok == el) return true;
    // Nouns in patterns are singular; accept the regular plural.
    if (tok.size() == el.size() + 1 && tok.back() == 's' && tok.compare(0, el.size(), el) == 0) return true;
    if (tok.size() == el.size() + 2 && tok.ends_with("es") && tok.compare(0, el.size(), el) == 0) return true;
    return el.size() > 1 && el.back() == 'y' && tok == el.substr(0, el.size() - 1) + "ies";
}

// Does a CAMEO pattern fit around the verb tokens [vf, vl] inside the clause [a, b)? Elements
// must come in order, each within a few words of the previous one.
bool pattern_fits(const View& v, const CameoPattern& p, uint32_t vf, uint32_t vl, uint32_t a, uint32_t b) {
    constexpr uint32_t kGap = 4;
    uint32_t pos = vl + 1;
    for (const std::string& el : p.post) {
        bool found = false;
        for (uint32_t t = pos; t < b && t < pos + kGap; ++t)
            if (element_matches(v.lex, el, v.low[t])) {
                pos = t + 1;
                found = true;
                break;
            }
        if (!found) return false;
    }
    int64_t back = int64_t(vf) - 1;
    for (auto it = p.pre.rbegin(); it != p.pre.rend(); ++it) {
        bool found = false;
        for (int64_t t = back; t >= int64_t(a) && t > back - int64_t(kGap); --t)
            if (element_matches(v.lex, *it, v.low[size_t(t)])) {
                back = t - 1;
                found = true;
                break;
            }
        if (!found) return false;
    }
    return true;
}

// Could token i be a verb here? With a parse, ask it; without, reject the usual noun contexts
// ("the attack", "a visit", "Russia's support") and capitalised words inside a sentence.
bool verb_here(const View& v, uint32_t i, uint32_t sent_first) {
    const Token& t = v.doc.tokens[i];
    if (v.syntax) {
        if (t.upos == "VERB") return true;
        // A tagging slip ("Xi Jinping met/NOUN for three hours") still leaves the word at the
        // head of its clause; with no determiner before it, it is read as the verb it heads.
        bool clause_head = t.head < 0 || t.deprel == "root";
        return t.upos == "NOUN" && clause_head && !(i > sent_first && v.is("noun_context", i - 1));
    }
    if (i > sent_first && v.is("noun_context", i - 1)) return false;
    // "Russian forces", "U.S. troops": a word right after a demonym or name is a noun
    if (i > sent_first && v.mention_at[i - 1] >= 0) {
        const Mention& m = v.mentions[size_t(v.mention_at[i - 1])];
        if (m.ref.type == "NORP") return false;
    }
    if (i > sent_first && starts_upper(v.doc.slice(t.span)) && !v.title_case[t.sentence]) return false;
    return true;
}

// "called off the talks": a multi-word status cue covering the trigger's words is not itself
// a trigger; it sets the status of the event it governs.
bool status_cue_at(const View& v, uint32_t i, uint32_t end, uint32_t trigger_last) {
    for (const StatusCue& q : v.lex.cues) {
        if (q.words.size() < 2 || i + q.words.size() > end) continue;
        bool ok = true;
        for (size_t k = 0; ok && k < q.words.size(); ++k) ok = v.low[i + k] == q.words[k];
        if (ok && trigger_last < i + q.words.size()) return true;
    }
    return false;
}

std::vector<Hit> find_triggers(const View& v, const Sentence& s) {
    std::vector<Hit> hits;
    uint32_t end = s.first_token + s.token_count;
    std::vector<bool> covered(s.token_count, false);
    // 1. Hand-written patterns: longest match at each position.
    for (uint32_t i = s.first_token; i < end; ++i) {
        auto it = v.lex.by_first_word.find(v.low[i]);
        if (it == v.lex.by_first_word.end()) continue;
        const TriggerPattern* best = nullptr;
        int best_last = -1;
        for (uint32_t pi : it->second) {
            int last = match_curated(v, v.lex.triggers[pi], i, end);
            if (last > best_last) {
                best_last = last;
                best = &v.lex.triggers[pi];
            }
        }
        if (!best) continue;
        if (status_cue_at(v, i, end, uint32_t(best_last))) continue;
        // "meet Russia's requirements" is satisfying demands, not a meeting
        if (best->type == "CONSULT" && !best->noun) {
            bool satisfy = false;
            for (uint32_t t = uint32_t(best_last) + 1; t < end && t <= uint32_t(best_last) + 3; ++t)
                satisfy |= v.is("not_meeting", t);
            if (satisfy) continue;
        }
        // A verb pattern used as a noun ("the call", "a meeting") stays a trigger only when the
        // table lists it as a noun too; a parse overrides the guess.
        if (!best->noun && !verb_here(v, i, s.first_token)) {
            if (!v.syntax || v.doc.tokens[i].upos != "AUX") continue;
        }
        Hit h;
        h.first = i;
        h.last = uint32_t(best_last);
        h.head = best->noun ? h.last : h.first;
        h.type = best->type;
        h.mode = best->mode;
        h.noun = best->noun;
        hits.push_back(h);
        for (uint32_t t = h.first; t <= h.last; ++t) covered[t - s.first_token] = true;
        i = h.last;
    }
    // 2. CAMEO verbs (not already inside a hand-written trigger).
    for (uint32_t i = s.first_token; i < end; ++i) {
        if (covered[i - s.first_token]) continue;
        auto it = v.lex.cameo_by_first_word.find(v.low[i]);
        if (it == v.lex.cameo_by_first_word.end()) continue;
        if (!verb_here(v, i, s.first_token)) continue;
        if (status_cue_at(v, i, end, i)) continue;
        const CameoVerb* verb = nullptr;
        uint32_t vlast = i;
        for (uint32_t vi : it->second) {
            const CameoVerb& cv = v.lex.cameo_verbs[vi];
            if (v.lex.cameo_blocks[cv.block].skip) continue;
            bool ok = i + cv.words.size() <= end;
            for (size_t k = 0; ok && k < cv.words.size(); ++k) ok = v.low[i + k] == cv.words[k];
            if (ok && (!verb || cv.words.size() > verb->words.size())) {
                verb = &cv;
                vlast = i + uint32_t(cv.words.size()) - 1;
            }
        }
        if (!verb) continue;
        const CameoBlock& block = v.lex.cameo_blocks[verb->block];
        const CameoPattern* best = nullptr;
        for (uint32_t pi : block.patterns) {
            const CameoPattern& p = v.lex.cameo_patterns[pi];
            if (best && p.pre.size() + p.post.size() <= best->pre.size() + best->post.size()) continue;
            if (pattern_fits(v, p, i, vlast, s.first_token, end)) best = &p;
        }
        CameoCode code = cameo_to_plover(v.lex, best ? best->code : verb->code);
        if (code.type.empty()) continue;
        Hit h;
        h.first = i;
        h.last = vlast;
        h.head = i;
        h.type = code.type;
        h.mode = code.mode;
        h.subject_is_target = code.subject_is_target;
        bool weak = true;  // a pattern of closed-class words only says nothing of the sense
        if (best) {
            for (const std::string& el : best->pre) weak &= v.lex.is("pattern_filler", el);
            for (const std::string& el : best->post) weak &= v.lex.is("pattern_filler", el);
        }
        h.source = best && !weak ? TriggerSource::cameo_pattern : TriggerSource::cameo_verb;
        hits.push_back(h);
        i = vlast;
    }
    std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) { return a.first < b.first; });
    return hits;
}

// ---------------------------------------------------------------- clause and roles

struct Clause {
    uint32_t first, end;       // token range [first, end)
    const Mention* antecedent;  // "X, who met ..." : X
};

Clause clause_of(const View& v, const Sentence& s, const Hit& h) {
    // A clause reaches at most this many tokens either side of its trigger, so a "sentence"
    // without punctuation (a table, a run-on page) costs bounded work per trigger.
    constexpr uint32_t kReachTokens = 60;
    uint32_t send = s.first_token + s.token_count;
    Clause c{std::max(s.first_token, h.first > kReachTokens ? h.first - kReachTokens : 0U),
             std::min(send, h.last + 1 + kReachTokens), nullptr};
    for (uint32_t k = h.first; k-- > c.first;) {
        if (v.is("clause_break", k)) {
            bool relative = v.low[k] == "who" || v.low[k] == "which";
            if (relative) {
                // "Lavrov, ..., and Kuleba, who holds the same post, held talks": a relative
                // clause closed by a comma before the trigger is skipped, not a boundary.
                bool closed = false;
                for (uint32_t t = k + 1; t < h.first; ++t) closed |= v.low[t] == ",";
                if (closed) continue;
            }
            c.first = k + 1;
            if (relative) {
                uint32_t p = k;
                while (p > s.first_token && (v.low[p - 1] == "," || v.low[p - 1] == "and")) --p;
                if (p > s.first_token && v.mention_at[p - 1] >= 0)
                    c.antecedent = &v.mentions[size_t(v.mention_at[p - 1])];
            }
            break;
        }
    }
    for (uint32_t k = h.last + 1; k < c.end; ++k)
        if (v.is("clause_break", k)) {
            c.end = k;
            break;
        }
    return c;
}

bool same_actor(const ActorRef& a, const ActorRef& b) {
    if (!a.kb_id.empty() || !b.kb_id.empty()) return a.kb_id == b.kb_id;
    return a.name == b.name;
}

void add_unique(std::vector<const Mention*>& list, const Mention* m) {
    for (const Mention* x : list)
        if (x == m || same_actor(x->ref, m->ref)) return;
    list.push_back(m);
}

// A demonym that names a side by itself: "his Russian counterpart", "Chinese troops" (and no
// name follows).
bool demonym_side(const View& v, const Mention& m);

// A demonym right before a name ("Russian President Putin", "Turkish Foreign Minister
// Çavuşoğlu") modifies the name; it is not a separate actor.
bool modifier_of_name(const View& v, const Mention& m) {
    if (m.ref.type != "NORP") return false;
    // only title words and capitalised words may stand between ("Russian Foreign Minister
    // Lavrov"); "Russian officials in Istanbul" does not modify "Istanbul"
    for (uint32_t t = m.last + 1; t < v.low.size() && t <= m.last + 4; ++t) {
        if (v.mention_at[t] >= 0 && v.mentions[size_t(v.mention_at[t])].ref.type != "NORP") return true;
        if (v.mention_at[t] < 0 && !v.is("title", t) && !starts_upper(v.doc.slice(v.doc.tokens[t].span))) return false;
    }
    return false;
}

bool demonym_side(const View& v, const Mention& m) {
    if (m.ref.type != "NORP" || m.ref.country.empty() || m.last + 1 >= v.low.size()) return false;
    // "the Turkish, Russian and Ukrainian foreign ministers": other demonyms of the list, their
    // commas and a few modifiers may come before the side noun
    uint32_t t = m.last + 1;
    while (t < v.low.size() && t < m.last + 8 && !v.is("side_noun", t)) {
        int32_t idx = v.mention_at[t];
        bool norp = idx >= 0 && v.mentions[size_t(idx)].ref.type == "NORP";
        if (!norp && v.low[t] != "," && !v.is("conj", t) && !v.is("side_modifier", t)) return false;
        t = norp ? v.mentions[size_t(idx)].last + 1 : t + 1;
    }
    if (t >= v.low.size() || !v.is("side_noun", t)) return false;
    return !modifier_of_name(v, m);
}

// A demonym that stands for its country's side — "the Russians", "Ukrainian negotiators",
// "the Chinese side" — is that country as an actor (same KB id as the country's name, so the
// two merge). A demonym modifying a name or an ordinary noun ("Russian President Putin",
// "the Russian economy") stays a modifier.
void demonyms_as_countries(View& v) {
    for (Mention& m : v.mentions) {
        if (m.ref.type != "NORP" || m.ref.country.empty() || modifier_of_name(v, m)) continue;
        bool side = demonym_side(v, m);
        if (!side) {
            // a plural demonym heading its own noun phrase: "the Russians said", "Ukrainians
            // and Russians met"; with a parse, a demonym that is a nominal head of its phrase
            std::string_view w = v.doc.slice(v.doc.tokens[m.last].span);
            // (the plural form is a noun: adjectives do not take an -s)
            bool plural = w.size() > 3 && w.back() == 's' && !w.ends_with("ss");
            side = plural;
            if (v.syntax) {
                const Token& t = v.doc.tokens[m.last];
                side = plural && t.upos != "ADJ" && t.deprel != "amod" && t.deprel != "compound";
            }
        }
        if (!side) continue;
        m.ref.type = "GPE";
        if (auto it = v.lex.country_names.find(m.ref.country); it != v.lex.country_names.end()) m.ref.name = it->second;
        if (m.ref.kb_id.empty()) m.ref.kb_id = "GPE:" + m.ref.country;
        m.actor_like = true;
        m.linked = true;
    }
}

const Mention* mention_ending_at(const View& v, uint32_t t) {
    if (v.mention_at[t] < 0) return nullptr;
    const Mention* m = &v.mentions[size_t(v.mention_at[t])];
    return m->last == t ? m : nullptr;
}

// "in Bali, Indonesia": a name set off by a comma after a place that follows "in/at" is part
// of that place (the country of a city), not a side.
bool place_apposition(const View& v, const Mention& m) {
    if (m.first < 3 || v.low[m.first - 1] != ",") return false;
    const Mention* before = mention_ending_at(v, m.first - 2);
    return before && before->place_like && before->first > 0 && v.is("place_prep", before->first - 1);
}

// Is mention `m` inside the clause headed by `pred` in the tree: reached from its head word by
// climbing heads without entering another clause (a relative or infinitival clause on a noun,
// a complement or adverbial clause)? "condemned an attack by Osgiliath soldiers", "warned of
// the Prince", "vowed to wage war on the Rohans" are; "led efforts to pressure Russia" is not.
bool in_clause_of(const View& v, const Mention& m, uint32_t pred) {
    const auto& toks = v.doc.tokens;
    uint32_t node = m.last;
    for (uint32_t t = m.first; t <= m.last; ++t)
        if (toks[t].head < int32_t(m.first) || toks[t].head > int32_t(m.last)) {
            node = t;
            break;
        }
    for (int step = 0; step < 10; ++step) {
        const Token& t = toks[node];
        if (t.head < 0) return false;
        const std::string& rel = t.deprel;
        if (rel.starts_with("acl") || rel == "ccomp" || rel.starts_with("advcl") || rel == "parataxis" ||
            rel.starts_with("csubj"))
            return false;
        if (uint32_t(t.head) == pred) return true;
        node = uint32_t(t.head);
    }
    return false;
}

// Mentions chained by "and" / "," to the left of `m` ("Lavrov, Kuleba and Çavuşoğlu met").
void extend_left(const View& v, const Mention* m, uint32_t lo, std::vector<const Mention*>& out) {
    uint32_t t = m->first;
    bool listed = false;  // a comma joins names only inside "X, Y and Z", after the "and"
    while (t >= lo + 2) {
        if (v.is("conj", t - 1)) {
            listed = true;
        } else if (v.low[t - 1] != "," || !listed) {
            break;
        }
        const Mention* prev = mention_ending_at(v, t - 2);
        if (!prev || !prev->actor_like) break;
        add_unique(out, prev);
        t = prev->first;
    }
}

void extend_right(const View& v, const Mention* m, uint32_t hi, std::vector<const Mention*>& out) {
    uint32_t t = m->last;
    while (t + 2 < hi) {
        if (!v.is("conj", t + 1) && v.low[t + 1] != ",") break;
        // "and Russian Foreign Minister Sergey Lavrov": skip a demonym and title words
        uint32_t k = t + 2;
        while (k < hi && k < t + 7) {
            int32_t idx = v.mention_at[k];
            if (idx >= 0 && v.mentions[size_t(idx)].ref.type != "NORP") break;
            if (idx < 0 && !v.is("title", k)) break;
            k = idx >= 0 ? v.mentions[size_t(idx)].last + 1 : k + 1;
        }
        if (k >= hi || v.mention_at[k] < 0) break;
        const Mention* next = &v.mentions[size_t(v.mention_at[k])];
        if (!next->actor_like || next->first != k || next->ref.type == "NORP") break;
        add_unique(out, next);
        t = next->last;
    }
}

// Word-order roles inside the clause: the nearest actor before the trigger (with its
// conjuncts) does it; the first one after does it to; "in/at <place>" is where; "by X" after a
// passive is the doer.
Roles roles_by_order(const View& v, const Hit& h, const Clause& c, bool symmetric) {
    Roles r;
    if (symmetric) {
        // Every side named before the trigger in its clause takes part ("Lavrov and U.S.
        // Secretary of State Antony Blinken held talks"), plus those after "with"/"between" or
        // as the direct object ("met Kuleba").
        for (uint32_t t = c.first; t < h.first; ++t) {
            if (v.mention_at[t] < 0) continue;
            const Mention* m = &v.mentions[size_t(v.mention_at[t])];
            t = m->last;
            bool after_place_prep = m->first > 0 && v.is("place_prep", m->first - 1);
            if ((after_place_prep && m->place_like) || place_apposition(v, *m)) continue;
            if (m->actor_like && (m->ref.type != "NORP" || demonym_side(v, *m))) add_unique(r.actors, m);
        }
        if (r.actors.empty() && c.antecedent && c.antecedent->actor_like) add_unique(r.actors, c.antecedent);
        for (uint32_t t = h.last + 1; t < c.end; ++t) {
            // the other side comes before the next comma once one is found ("a call to Putin
            // on Wednesday, urging him ... between Russia and Ukraine")
            if (v.low[t] == "," && !r.targets.empty()) break;
            if (v.mention_at[t] < 0) continue;
            const Mention* m = &v.mentions[size_t(v.mention_at[t])];
            t = m->last;
            bool after_place_prep = m->first > 0 && v.is("place_prep", m->first - 1);
            if (after_place_prep && m->place_like) {
                if (!r.place) r.place = m;
                continue;
            }
            if (place_apposition(v, *m)) continue;
            // "with/between" may stand a few words before the name ("between Ukrainian
            // Foreign Minister Dmytro Kuleba and ...", "between the foreign ministers of X")
            bool partner = false;
            for (uint32_t b = m->first; b > h.last + 1 && b + 6 > m->first; --b)
                // "a meeting of Lavrov, Kuleba and Cavusoglu": right after a noun trigger, "of"
                // names its sides
                if (v.is("partner_prep", b - 1) || (h.noun && b - 1 == h.last + 1 && v.low[b - 1] == "of")) {
                    partner = true;
                    break;
                }
            // the direct object may stand behind a determiner or a nationality ("met the
            // Chinese President Xi Jinping", "met his Ukrainian counterpart")
            bool object = !h.noun && m->first > h.last;
            for (uint32_t b = h.last + 1; object && b < m->first; ++b) {
                bool det = v.is("noun_context", b) && v.low[b] != "of";
                bool norp = v.mention_at[b] >= 0 && v.mentions[size_t(v.mention_at[b])].ref.type == "NORP";
                object = det || norp;
            }
            if ((partner || object) && m->actor_like && (m->ref.type != "NORP" || demonym_side(v, *m))) {
                add_unique(r.targets, m);
                extend_right(v, m, c.end, r.targets);
            }
        }
        return r;
    }
    const Mention* subj = nullptr;
    for (uint32_t t = h.first; t-- > c.first;) {
        if (v.mention_at[t] < 0) continue;
        const Mention* m = &v.mentions[size_t(v.mention_at[t])];
        t = m->first;
        if (!m->actor_like || modifier_of_name(v, *m)) continue;
        if (m->first > 0 && v.is("place_prep", m->first - 1) && m->place_like) continue;
        subj = m;
        break;
    }
    if (!subj && c.antecedent && c.antecedent->actor_like) subj = c.antecedent;
    // "Erdogan called Putin on Wednesday, urging him to ...": a participle set off by a comma
    // has the main clause's subject, not the nearest name before it.
    if (!h.noun && h.first > c.first && v.low[h.first - 1] == "," && v.low[h.first].ends_with("ing")) {
        for (uint32_t t = c.first; t < h.first; ++t) {
            if (v.mention_at[t] < 0) continue;
            const Mention* m = &v.mentions[size_t(v.mention_at[t])];
            t = m->last;
            if (m->actor_like && !modifier_of_name(v, *m) && m->ref.type != "NORP") {
                subj = m;
                break;
            }
        }
    }
    if (subj) {
        add_unique(r.actors, subj);
        extend_left(v, subj, c.first, r.actors);
    }
    bool passive = h.first > c.first && (v.low[h.first - 1] == "was" || v.low[h.first - 1] == "were" ||
                                         v.low[h.first - 1] == "been" || v.low[h.first - 1] == "be");
    if (passive && !h.noun) std::swap(r.actors, r.targets);
    constexpr uint32_t kReach = 8;  // how far after the trigger a target may start
    bool took_object = false;
    for (uint32_t t = h.last + 1; t < c.end; ++t) {
        if (v.mention_at[t] < 0) continue;
        const Mention* m = &v.mentions[size_t(v.mention_at[t])];
        bool after_place_prep = m->first > 0 && v.is("place_prep", m->first - 1);
        bool after_agent = m->first > 0 && v.is("agent_prep", m->first - 1);
        t = m->last;
        if (after_place_prep && m->place_like) {
            if (!r.place) r.place = m;
            continue;
        }
        if (!m->actor_like || modifier_of_name(v, *m)) continue;
        if (passive && after_agent) {
            add_unique(r.actors, m);
            extend_right(v, m, c.end, r.actors);
            continue;
        }
        if (took_object || m->first > h.last + kReach) continue;
        add_unique(r.targets, m);
        extend_right(v, m, c.end, r.targets);
        took_object = true;
    }
    return r;
}

// Roles from the dependency tree: nsubj does it, obj/iobj/obl receives it, obl with in/at is
// the place, an xcomp borrows its controller's subject ("agreed to meet"), a relative clause
// its head noun ("Çavuşoğlu, who hosted").
Roles roles_by_tree(const View& v, const Hit& h, const Sentence& s) {
    Roles r;
    r.from_tree = true;
    const auto& toks = v.doc.tokens;
    uint32_t send = s.first_token + s.token_count;
    auto case_word = [&](uint32_t node) -> std::string {
        uint32_t lo = node > 8 ? std::max(s.first_token, node - 8) : s.first_token;
        for (uint32_t t = lo; t < send && t <= node; ++t)
            if (toks[t].head == int32_t(node) && (toks[t].deprel == "case" || toks[t].deprel == "mark")) return v.low[t];
        return "";
    };
    auto attach = [&](uint32_t pred, bool as_controller) {
        for (uint32_t mt = s.first_token; mt < send; ++mt) {
            if (v.mention_at[mt] < 0) continue;
            const Mention& m = v.mentions[size_t(v.mention_at[mt])];
            if (m.first != mt || m.last >= send || place_apposition(v, m)) continue;
            // the mention's own head: the token whose head lies outside the mention
            uint32_t node = m.last;
            for (uint32_t t = m.first; t <= m.last; ++t)
                if (toks[t].head < int32_t(m.first) || toks[t].head > int32_t(m.last)) {
                    node = t;
                    break;
                }
            std::string top;
            bool ok = true;
            for (int step = 0; step < 8; ++step) {
                int32_t parent = toks[node].head;
                if (parent < 0) {
                    ok = false;
                    break;
                }
                if (uint32_t(parent) == pred) {
                    top = toks[node].deprel;
                    break;
                }
                const std::string& rel = toks[node].deprel;
                // "condemning Beijing's support for Russia": the owner of the verb's object
                // is who the act is aimed at
                if (rel == "nmod:poss" && toks[size_t(parent)].deprel == "obj" && toks[size_t(parent)].head == int32_t(pred)) {
                    top = "obj";
                    break;
                }
                if (rel != "conj" && rel != "appos" && rel != "flat" && rel != "flat:name") {
                    ok = false;
                    break;
                }
                node = uint32_t(parent);
            }
            if (!ok || top.empty()) continue;
            std::string base = top.substr(0, top.find(':'));
            if (as_controller && base != "nsubj" && base != "obj") continue;
            if (top == "nsubj" || top == "obl:agent" || (as_controller && base == "nsubj")) {
                if (m.actor_like && !modifier_of_name(v, m)) add_unique(r.actors, &m);
            } else if (top == "nsubj:pass" || base == "obj" || base == "iobj") {
                if (m.actor_like && !modifier_of_name(v, m))
                    add_unique(as_controller && base == "obj" ? r.actors : r.targets, &m);
            } else if (base == "obl" || base == "nmod") {
                std::string cw = case_word(node);
                if (v.lex.is("place_prep", cw) && m.place_like) {
                    if (!r.place) r.place = &m;
                } else if (v.lex.is("agent_prep", cw)) {
                    if (m.actor_like) add_unique(r.actors, &m);
                } else if (m.actor_like && !modifier_of_name(v, m) && cw != "of") {
                    add_unique(r.targets, &m);
                }
            } else if (top == "nmod:poss" && m.actor_like) {
                add_unique(r.actors, &m);
            }
        }
    };
    attach(h.head, false);
    const Token& ht = toks[h.head];
    if (r.actors.empty() && ht.head >= 0) {
        if (ht.deprel == "xcomp") attach(uint32_t(ht.head), true);
        if (ht.deprel.starts_with("acl")) {
            int32_t idx = v.mention_at[size_t(ht.head)];
            if (idx >= 0 && v.mentions[size_t(idx)].actor_like) add_unique(r.actors, &v.mentions[size_t(idx)]);
        }
    }
    return r;
}

// ---------------------------------------------------------------- status, date

int status_rank(EventStatus s) {
    switch (s) {
        case EventStatus::cancelled: return 4;
        case EventStatus::denied: return 3;
        case EventStatus::hypothetical: return 2;
        case EventStatus::planned: return 1;
        default: return 0;
    }
}

void raise(std::optional<EventStatus>& best, EventStatus s) {
    if (!best || status_rank(s) > status_rank(*best)) best = s;
}

EventStatus find_status(const View& v, const Hit& h, const Clause& c, uint32_t sent_first, uint32_t sent_end) {
    std::optional<EventStatus> best;
    auto words_match = [&](const StatusCue& q, uint32_t at) {
        for (size_t k = 0; k < q.words.size(); ++k)
            if (at + k >= sent_end || v.low[at + k] != q.words[k]) return false;
        return true;
    };
    // A noun trigger's own complement ("talks between Lavrov and Blinken are set for ...",
    // "the meeting with Xi was called off") stands between it and the cues that follow it.
    uint32_t after_from = h.last + 1;
    if (h.noun) {
        uint32_t t = after_from;
        bool complement = t < c.end && (v.is("partner_prep", t) || v.low[t] == "of");
        while (complement && t < c.end && t < h.last + 16 &&
               (v.is("partner_prep", t) || v.low[t] == "of" || v.low[t] == "the" || v.low[t] == "," ||
                v.is("conj", t) || v.is("title", t) || v.mention_at[t] >= 0 || starts_upper(v.doc.slice(v.doc.tokens[t].span))))
            ++t;
        if (complement) after_from = t;
    }
    // ... and a relative clause on the noun carries its modality ("a call between Xi and
    // Biden, which is expected to take place in the coming weeks")
    uint32_t after_end = c.end;
    if (h.noun) {
        uint32_t t = after_from;
        if (t < sent_end && v.low[t] == ",") ++t;
        if (t < sent_end && (v.low[t] == "which" || v.low[t] == "that")) {
            after_from = t + 1;
            after_end = sent_end;
            for (uint32_t k = after_from; k < sent_end; ++k)
                if (v.is("clause_break", k)) {
                    after_end = k;
                    break;
                }
        }
    }
    // Conditionals reach across the comma that ends an "if" clause: "If Russia invades, it will
    // face sanctions" — so "before" cues look back to the sentence start for those, and to the
    // clause start for the rest.
    for (const StatusCue& q : v.lex.cues) {
        uint32_t n = uint32_t(q.words.size());
        if (!q.after) {
            uint32_t lo = q.status == EventStatus::hypothetical ? sent_first : c.first;
            // the window counts words: the hyphens of "face-to-face" are not words
            int hyphens = 0;
            for (int gap = 0; gap - hyphens <= q.window || q.status == EventStatus::hypothetical; ++gap) {
                int start = int(h.first) - gap - int(n);
                if (start < int(lo)) break;
                if (gap > 0 && v.low[size_t(start) + n] == "-") ++hyphens;
                if (words_match(q, uint32_t(start))) {
                    raise(best, q.status);
                    break;
                }
            }
        } else if (h.noun) {
            // Cues after the trigger belong to a noun's own clause ("talks will be held"); after
            // a verb they start another clause ("who last met in October, will meet ...").
            for (int gap = 0; gap <= q.window; ++gap) {
                uint32_t start = after_from + uint32_t(gap);
                if (start + n > after_end) break;
                if (words_match(q, start)) {
                    raise(best, q.status);
                    break;
                }
            }
        }
    }
    if (v.syntax) {
        // Negation and modality attached to the trigger itself.
        const auto& toks = v.doc.tokens;
        for (uint32_t t = sent_first; t < sent_end; ++t) {
            if (toks[t].head != int32_t(h.head)) continue;
            if ((toks[t].deprel == "advmod" || toks[t].deprel == "neg" || toks[t].deprel == "det") && v.is("negation", t))
                raise(best, EventStatus::denied);
            if (toks[t].deprel == "det" && v.low[t] == "no") raise(best, EventStatus::denied);
        }
    }
    // "heads to Moscow for talks", "travels to Beijing to meet Xi": an event that is the
    // purpose of a journey still under way lies ahead. The purpose marker ("for" before a noun,
    // "to" before a verb) may stand behind a determiner or adjectives; the travel verb within a
    // few words before it.
    if (!best) {
        uint32_t lo = h.first > c.first + 5 ? h.first - 5 : c.first;
        for (uint32_t p = h.first; p-- > lo;) {
            bool purpose = h.noun ? v.low[p] == "for" : (v.low[p] == "to" && p + 1 == h.first);
            if (!purpose) continue;
            uint32_t from = p > c.first + 8 ? p - 8 : c.first;
            for (uint32_t t = from; t < p; ++t)
                if (v.is("travel_verb", t)) best = EventStatus::planned;
            break;
        }
    }
    // "The much-anticipated meeting ... has concluded": a noun trigger that is the subject of a
    // verb in the past is over, whatever its modifiers promised.
    if (best == EventStatus::planned && h.noun && v.syntax && v.doc.tokens[h.head].deprel == "nsubj") {
        int32_t hv = v.doc.tokens[h.head].head;
        if (hv >= 0 && size_t(hv) < v.doc.tokens.size()) {
            const Token& verb = v.doc.tokens[size_t(hv)];
            bool past = verb.xpos == "VBD";
            if (verb.xpos == "VBN")
                for (uint32_t t = sent_first; t < sent_end; ++t)
                    past |= v.doc.tokens[t].head == hv && v.doc.tokens[t].deprel == "aux" &&
                            (v.low[t] == "has" || v.low[t] == "have" || v.low[t] == "had");
            if (past) return EventStatus::occurred;
        }
    }
    // "Blinken heads to Bangkok for talks": the journey itself, still under way, is the start
    // of a visit that lies ahead
    if (!best && v.is("travel_verb", h.first)) best = EventStatus::planned;
    // "Biden would be honest when he meets Xi": the main clause's future reaches a "when"
    // clause that has no modality of its own.
    if (!best && c.first > sent_first + 1 && v.is("temporal_sub", c.first - 1)) {
        for (const StatusCue& q : v.lex.cues) {
            if (q.after || q.status != EventStatus::planned || q.words.size() != 1 || q.words[0] == "to") continue;
            for (uint32_t t = sent_first; t + 1 < c.first; ++t)
                if (v.low[t] == q.words[0]) best = EventStatus::planned;
        }
    }
    return best.value_or(EventStatus::occurred);
}

struct DateFound {
    std::string date, text;
    DateBasis basis = DateBasis::unknown;
};

bool dateable(const Timex& t) {
    if (t.type != "DATE" && t.type != "TIME") return false;
    return !t.value.empty() && t.value.find("_REF") == std::string::npos && t.value[0] != 'P';
}

std::optional<DateFound> date_in_clause(const View& v, const Hit& h, const Clause& c) {
    const Document& doc = v.doc;
    int best = -1;
    long best_score = 0;
    for (size_t k = 0; k < doc.timexes.size(); ++k) {
        if (!dateable(doc.timexes[k])) continue;
        auto [f, l] = v.timex_tokens[k];
        if (f > l || f < c.first || l >= c.end) continue;
        // Nearest wins; a timex after the trigger is the usual place ("met on Thursday").
        long dist = f > h.last ? long(f - h.last) : long(h.first - l) + 3;
        if (v.syntax) {
            // attached to the trigger in the tree: best of all
            for (uint32_t t = f; t <= l; ++t)
                if (doc.tokens[t].head == int32_t(h.head)) dist = 0;
        }
        if (best < 0 || dist < best_score) {
            best = int(k);
            best_score = dist;
        }
    }
    if (best < 0) return std::nullopt;
    const Timex& t = doc.timexes[size_t(best)];
    DateFound d;
    d.text = std::string(doc.slice(t.span));
    std::string value = t.value.substr(0, t.value.find('T'));
    Ymd y = parse_ymd(value);
    if (y.y) {
        d.date = format_ymd(y);
        d.basis = DateBasis::explicit_;
    }
    return d;
}

// Is `date` (YYYY[-MM[-DD]]) after the document's date at their common precision?
bool after_dct(const Document& doc, const std::string& date) {
    if (!doc.dct.known() || date.empty()) return false;
    size_t n = std::min(date.size(), doc.dct.value.size());
    return date.compare(0, n, doc.dct.value, 0, n) > 0;
}

float confidence_of(const Hit& h, const Roles& r, const EventMention& ev) {
    float c = h.source == TriggerSource::curated ? 0.5F : h.source == TriggerSource::cameo_pattern ? 0.45F : 0.35F;
    if (r.from_tree) c += 0.1F;
    int linked = 0;
    for (const Mention* m : r.actors) linked += m->linked;
    for (const Mention* m : r.targets) linked += m->linked;
    c += 0.1F * float(std::min(linked, 2));
    if (ev.date_basis == DateBasis::explicit_) c += 0.1F;
    if (h.noun) c -= 0.05F;
    return std::clamp(c, 0.05F, 0.95F);
}

}  // namespace

std::string summarize(const EventMention& e, const EventLexicon& lex) {
    auto names = [](const std::vector<ActorRef>& v) {
        std::string s;
        for (size_t i = 0; i < v.size(); ++i) {
            if (i) s += i + 1 == v.size() ? " and " : ", ";
            s += v[i].name;
        }
        return s;
    };
    std::string verb = "acted on";
    bool symmetric = false;
    if (auto it = lex.types.find(e.type); it != lex.types.end()) {
        verb = it->second.verb;
        symmetric = it->second.symmetric;
    }
    std::string s;
    if (symmetric && e.targets.empty() && e.actors.size() >= 2) {
        std::vector<ActorRef> rest(e.actors.begin() + 1, e.actors.end());
        s = e.actors[0].name + " " + verb + " " + names(rest);
    } else {
        s = names(e.actors) + " " + verb;
        if (!e.targets.empty()) s += " " + names(e.targets);
    }
    if (!e.mode.empty()) s += " (" + e.mode + ")";
    if (e.location) s += " in " + e.location->name;
    if (e.status != EventStatus::occurred) s += " [" + std::string(to_string(e.status)) + "]";
    return s;
}

void extract_events(Document& doc, const EventLexicon& lex) {
    doc.events.clear();
    if (doc.tokens.empty() || doc.sentences.empty()) return;
    View v(doc, lex);
    build_view(v);
    demonyms_as_countries(v);
    for (uint32_t si = 0; si < doc.sentences.size(); ++si) {
        const Sentence& s = doc.sentences[si];
        uint32_t send = s.first_token + s.token_count;
        if (send > doc.tokens.size() || s.token_count == 0) continue;
        std::vector<Hit> hits = find_triggers(v, s);
        size_t sentence_first_event = doc.events.size();
        const Hit* speech_act = nullptr;  // the last REQUEST/THREATEN/REJECT trigger seen
        for (const Hit& h : hits) {
            // What is demanded, warned against or refused is not itself an event: "urged Putin
            // to extend the deal", "warnings to China not to support Moscow".
            // ("rejected claims that Russia was preparing to attack" is a clause, whose events
            // stand: a "that" before the "to" ends the demand reading.)
            if (speech_act && h.first > speech_act->last && h.first <= speech_act->last + 10) {
                bool content = false;
                for (uint32_t t = speech_act->last + 1; t < h.first; ++t) {
                    if (v.low[t] == "that") break;
                    content |= v.low[t] == "to" || v.low[t] == "against" || v.low[t] == "from";
                }
                if (content) continue;
            }
            // "preparing to attack": the preparation is not an event of its own; what is
            // prepared is, and the cue makes it planned.
            if (h.first == h.last && v.is("intent_verb", h.first) && h.last + 2 < send && v.low[h.last + 1] == "to") {
                bool next_hit = false;
                for (const Hit& o : hits) next_hit |= o.first == h.last + 2;
                if (next_hit) continue;
            }
            if (h.type == "REQUEST" || h.type == "THREATEN" || h.type == "REJECT") speech_act = &h;
            auto type_it = lex.types.find(h.type);
            bool symmetric = type_it != lex.types.end() && type_it->second.symmetric;
            Clause c = clause_of(v, s, h);
            Roles r;
            if (v.syntax) r = roles_by_tree(v, h, s);
            // A meeting's sides from the parse are completed from word order: the parser
            // misattaches names ("meets with China's Foreign Minister Wang Yi", a host after
            // "welcomed"), and every side named in the clause takes part anyway.
            // A CAMEO verb coded by its block's default, with no pattern of the block around it,
            // is often used out of sense ("led efforts to pressure Russia", "promises to defend
            // Taiwan"); with a parse it counts only when its target lies in the verb's own
            // clause in the tree (see in_clause_of). Word order would hand it any name further on.
            bool short_sides = symmetric;
            if (r.actors.empty() || (!symmetric && r.targets.empty()) || short_sides) {
                Roles w = roles_by_order(v, h, c, symmetric);
                if (short_sides) {
                    for (const Mention* m : w.actors) add_unique(r.actors, m);
                    for (const Mention* m : w.targets) add_unique(r.targets, m);
                }
                if (r.actors.empty()) r.actors = w.actors;
                if (r.targets.empty()) r.targets = w.targets;
                if (!r.place) r.place = w.place;
            }
            if (v.syntax && !symmetric && h.source == TriggerSource::cameo_verb) {
                bool governed = false;
                for (const Mention* m : r.targets) governed |= in_clause_of(v, *m, h.head);
                if (!governed) continue;
            }
            // "launched an offensive in Ukraine": an attack in a country is an attack on it.
            if (h.type == "ASSAULT" && !h.noun && h.source == TriggerSource::curated && r.targets.empty() && r.place && r.place->ref.type == "GPE" && !r.place->ref.kb_id.empty())
                r.targets.push_back(r.place);
            if (h.subject_is_target) std::swap(r.actors, r.targets);
            EventMention ev;
            ev.type = h.type;
            ev.mode = h.mode;
            ev.sentence = si;
            ev.trigger = {doc.tokens[h.first].span.start, doc.tokens[h.last].span.end};
            auto refs = [](const std::vector<const Mention*>& ms) {
                std::vector<ActorRef> out;
                for (const Mention* m : ms) out.push_back(m->ref);
                return out;
            };
            if (symmetric) {
                // Both sides of a meeting are actors; a country next to its own leader is not
                // an extra side.
                std::vector<const Mention*> all = r.actors;
                for (const Mention* m : r.targets) add_unique(all, m);
                std::vector<const Mention*> people;
                for (const Mention* m : all)
                    if (m->ref.type == "PER" || m->how == "name") people.push_back(m);
                if (people.size() >= 2) {
                    all = people;
                } else if (people.size() == 1) {
                    // "Kuleba ... talks between Ukraine and Russia": Ukraine is Kuleba's side
                    std::vector<const Mention*> kept;
                    for (const Mention* m : all)
                        if (m == people[0] || m->ref.country.empty() || m->ref.country != people[0]->ref.country ||
                            m->ref.type == "PER")
                            kept.push_back(m);
                    all = kept;
                }
                if (people.size() < 2) {
                    // "a telephone conversation between the two leaders", "both sides": the
                    // two people named last before the trigger (this sentence or the one before).
                    bool collective = false;
                    for (uint32_t t = h.last + 1; t < c.end && t < h.last + 5; ++t) collective |= v.is("group_ref", t);
                    for (uint32_t t = h.first > c.first + 5 ? h.first - 5 : c.first; t < h.first; ++t)
                        collective |= v.is("group_pronoun", t);
                    if (collective) {
                        uint32_t from = si > 0 ? doc.sentences[si - 1].first_token : s.first_token;
                        std::vector<const Mention*> recent;
                        for (const Mention& m : v.mentions)
                            if (m.first >= from && m.last < h.first && (m.ref.type == "PER" || m.how == "name"))
                                recent.push_back(&m);
                        std::vector<const Mention*> two;
                        for (auto it = recent.rbegin(); it != recent.rend() && two.size() < 2; ++it) add_unique(two, *it);
                        if (two.size() == 2) all = {two[1], two[0]};
                    }
                }
                if (all.size() < 2) continue;
                ev.actors = refs(all);
            } else {
                if (r.actors.empty() || r.targets.empty()) continue;
                ev.actors = refs(r.actors);
                for (const Mention* m : r.targets) {
                    bool dup = false;
                    for (const ActorRef& a : ev.actors) dup |= same_actor(a, m->ref);
                    if (!dup) ev.targets.push_back(m->ref);
                }
                if (ev.targets.empty()) continue;
            }
            if (r.place) ev.location = Location{r.place->ref.name, r.place->ref.country};
            ev.status = find_status(v, h, c, s.first_token, send);
            if (auto d = date_in_clause(v, h, c)) {
                ev.date = d->date;
                ev.date_text = d->text;
                ev.date_basis = d->basis;
            } else {
                // The article's context: an earlier explicitly dated event of the same type that
                // shares a participant is the one this sentence goes on about.
                for (auto it = doc.events.rbegin(); it != doc.events.rend(); ++it) {
                    if (it->type != ev.type || it->date_basis != DateBasis::explicit_) continue;
                    bool overlap = false;
                    for (auto& a : ev.actors) {
                        for (auto& b : it->actors) overlap |= same_actor(a, b);
                        for (auto& b : it->targets) overlap |= same_actor(a, b);
                    }
                    if (!overlap) continue;
                    ev.date = it->date;
                    ev.date_text = it->date_text;
                    ev.date_basis = DateBasis::context;
                    break;
                }
                if (ev.date_basis == DateBasis::unknown && ev.status == EventStatus::occurred && doc.dct.known()) {
                    ev.date = doc.dct.value;
                    ev.date_basis = DateBasis::publication;
                }
            }
            // An event dated after the article was written has not happened yet.
            // (Only its own date counts: a date borrowed from context belongs to another mention.)
            if (ev.status == EventStatus::occurred && ev.date_basis == DateBasis::explicit_ && after_dct(doc, ev.date))
                ev.status = EventStatus::planned;
            // Two triggers of one event in a sentence ("met ... for talks") give it once; a
            // second event of the same type needs other sides or another status ("who last
            // met in October, will meet on the sidelines").
            bool repeat = false;
            for (size_t k = sentence_first_event; k < doc.events.size() && !repeat; ++k) {
                const EventMention& o = doc.events[k];
                if (o.type != ev.type) continue;
                bool shared = false;
                for (auto& a : ev.actors)
                    for (auto& b : o.actors) shared |= same_actor(a, b);
                // A noun naming the same sides again ("will meet Xi ..., setting up the first
                // meeting between the two") is that event, whatever its own cue words say.
                if (o.status != ev.status) {
                    // ... when all its sides are that event's ("talks with his Indonesian
                    // counterpart ... a visit to Thailand that was canceled" are two events)
                    bool covered = !ev.actors.empty();
                    for (auto& a : ev.actors) {
                        bool in = false;
                        for (auto& b : o.actors) in |= same_actor(a, b);
                        for (auto& b : o.targets) in |= same_actor(a, b);
                        covered &= in;
                    }
                    repeat = shared && h.noun && covered;
                    continue;
                }
                repeat = shared || (o.actors.size() == ev.actors.size() && o.targets.size() == ev.targets.size() &&
                                    std::equal(o.actors.begin(), o.actors.end(), ev.actors.begin(), same_actor));
            }
            if (repeat) continue;
            ev.confidence = confidence_of(h, r, ev);
            ev.summary = summarize(ev, lex);
            doc.events.push_back(std::move(ev));
        }
    }
}

}  // namespace parley
