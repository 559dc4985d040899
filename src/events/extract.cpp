// Event extraction, first pass: trigger patterns over lower-cased tokens; actors from linked
// entities in the sentence; status from cue words; date from the sentence's timexes, else
// the context, else the publication date (marked as such).
#include <algorithm>

#include "events/events.hpp"
#include "time/time.hpp"
#include "util/util.hpp"

namespace parley {
namespace {

struct TriggerHit {
    uint32_t first, last;  // token range
    const TriggerPattern* p;
};

std::string lower_tok(const Document& doc, uint32_t i) { return to_lower_ascii(doc.slice(doc.tokens[i].span)); }

// Match a pattern at token i (within the sentence [i, end)); returns the last token or -1.
int match_at(const Document& doc, const TriggerPattern& p, uint32_t i, uint32_t end) {
    uint32_t t = i;
    for (size_t k = 0; k < p.words.size(); ++k) {
        if (p.words[k] == "*") {
            // gap: find the next word within three tokens
            if (k + 1 >= p.words.size()) return -1;
            bool found = false;
            for (uint32_t g = t; g < std::min(end, t + 4); ++g) {
                if (lower_tok(doc, g) == p.words[k + 1]) {
                    t = g + 1;
                    found = true;
                    break;
                }
            }
            if (!found) return -1;
            ++k;
            continue;
        }
        if (t >= end || lower_tok(doc, t) != p.words[k]) return -1;
        ++t;
    }
    return int(t) - 1;
}

bool is_actor_entity(const EntityMention& e) {
    if (e.ref.type == "PER" || e.ref.type == "ORG") return true;
    if (e.ref.type == "GPE") return e.how != "capital";  // Moscow as a place, not an actor
    return false;
}

bool same_actor(const ActorRef& a, const ActorRef& b) {
    if (!a.kb_id.empty() || !b.kb_id.empty()) return a.kb_id == b.kb_id;
    return a.name == b.name;
}

void add_unique(std::vector<ActorRef>& v, const ActorRef& r) {
    for (auto& x : v)
        if (same_actor(x, r)) return;
    v.push_back(r);
}

EventStatus find_status(const Document& doc, const EventLexicon& lex, const TriggerHit& h,
                        uint32_t sent_first, uint32_t sent_end) {
    // The clause before the trigger stops at a semicolon or a sentence-internal colon.
    auto words_match = [&](const StatusCue& c, uint32_t at) {
        for (size_t k = 0; k < c.words.size(); ++k)
            if (at + k >= sent_end || lower_tok(doc, at + uint32_t(k)) != c.words[k]) return false;
        return true;
    };
    // Priority: cancelled / denied / hypothetical beat planned.
    std::optional<EventStatus> best;
    auto rank = [](EventStatus s) {
        switch (s) {
            case EventStatus::cancelled: return 4;
            case EventStatus::denied: return 3;
            case EventStatus::hypothetical: return 2;
            case EventStatus::planned: return 1;
            default: return 0;
        }
    };
    for (const StatusCue& c : lex.cues) {
        uint32_t n = uint32_t(c.words.size());
        if (!c.after) {
            // cue ends at most `window` tokens before the trigger
            for (int gap = 0; gap <= c.window; ++gap) {
                int start = int(h.first) - gap - int(n);
                if (start < int(sent_first)) break;
                bool stop = false;
                for (int k = start + int(n); k < int(h.first); ++k) {
                    std::string w = lower_tok(doc, uint32_t(k));
                    if (w == ";" || w == "but" || w == "and" && gap > 2) stop = true;
                }
                if (stop) break;
                if (words_match(c, uint32_t(start)) && (!best || rank(c.status) > rank(*best))) best = c.status;
            }
        } else {
            for (int gap = 0; gap <= c.window; ++gap) {
                uint32_t start = h.last + 1 + uint32_t(gap);
                if (start + n > sent_end) break;
                if (words_match(c, start) && (!best || rank(c.status) > rank(*best))) best = c.status;
            }
        }
    }
    return best.value_or(EventStatus::occurred);
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
    for (uint32_t si = 0; si < doc.sentences.size(); ++si) {
        const Sentence& s = doc.sentences[si];
        uint32_t end = s.first_token + s.token_count;
        // 1. triggers (longest pattern at each position; one event per type per sentence)
        std::vector<TriggerHit> hits;
        for (uint32_t i = s.first_token; i < end; ++i) {
            auto it = lex.by_first_word.find(lower_tok(doc, i));
            if (it == lex.by_first_word.end()) continue;
            TriggerHit best{0, 0, nullptr};
            for (uint32_t pi : it->second) {
                int last = match_at(doc, lex.triggers[pi], i, end);
                if (last >= 0 && (!best.p || uint32_t(last) > best.last)) best = {i, uint32_t(last), &lex.triggers[pi]};
            }
            if (best.p) {
                hits.push_back(best);
                i = best.last;
            }
        }
        if (hits.empty()) continue;
        // 2. entities in the sentence
        std::vector<const EntityMention*> ents;
        for (const auto& e : doc.entities)
            if (s.span.contains(e.span)) ents.push_back(&e);
        std::vector<std::string> done_types;
        for (const TriggerHit& h : hits) {
            const TriggerPattern& p = *h.p;
            if (std::find(done_types.begin(), done_types.end(), p.type) != done_types.end()) continue;
            auto type_it = lex.types.find(p.type);
            bool symmetric = type_it != lex.types.end() && type_it->second.symmetric;
            EventMention ev;
            ev.type = p.type;
            ev.mode = p.mode;
            ev.sentence = si;
            ev.trigger = {doc.tokens[h.first].span.start, doc.tokens[h.last].span.end};
            // location: "in/at <place>" anywhere in the sentence
            std::vector<const EntityMention*> places;
            for (const EntityMention* e : ents) {
                uint32_t ti = 0;
                while (ti < doc.tokens.size() && doc.tokens[ti].span.start < e->span.start) ++ti;
                if (ti == 0 || ti <= s.first_token) continue;
                std::string prev = lower_tok(doc, ti - 1);
                bool place_like = e->ref.type == "LOC" || e->how == "capital" || (e->ref.type == "GPE" && e->how == "alias");
                if ((prev == "in" || prev == "at") && place_like) {
                    places.push_back(e);
                    if (!ev.location) ev.location = Location{e->ref.name, e->ref.country};
                }
            }
            // actors and targets
            for (const EntityMention* e : ents) {
                if (!is_actor_entity(*e)) continue;
                if (std::find(places.begin(), places.end(), e) != places.end()) continue;
                if (symmetric || e->span.end <= ev.trigger.start) add_unique(ev.actors, e->ref);
                else add_unique(ev.targets, e->ref);
            }
            if (!symmetric && ev.actors.size() > 1) {
                // the subject is the actor nearest the trigger
                ActorRef nearest = ev.actors.back();
                ev.actors = {nearest};
            }
            if (symmetric) {
                // Countries alongside their own leaders are not extra participants.
                std::vector<ActorRef> people;
                for (auto& a : ev.actors)
                    if (a.type == "PER") people.push_back(a);
                if (people.size() >= 2) ev.actors = people;
                if (ev.actors.size() < 2) continue;
            } else if (ev.actors.empty() || ev.targets.empty()) {
                continue;
            }
            ev.status = find_status(doc, lex, h, s.first_token, end);
            // date: a timex in the sentence
            for (const Timex& t : doc.timexes) {
                if (!s.span.contains(t.span) || (t.type != "DATE" && t.type != "TIME")) continue;
                Ymd y = parse_ymd(t.value);
                ev.date_text = std::string(doc.slice(t.span));
                if (y.y) {
                    ev.date = format_ymd(y);
                    ev.date_basis = DateBasis::explicit_;
                } else {
                    ev.date_basis = DateBasis::unknown;  // "Saturday, date unknown"
                }
                break;
            }
            if (ev.date_text.empty()) {
                // context: an earlier event of this document with the same type and an
                // overlapping participant, dated explicitly
                for (auto it = doc.events.rbegin(); it != doc.events.rend(); ++it) {
                    if (it->type != ev.type || it->date_basis != DateBasis::explicit_) continue;
                    bool overlap = false;
                    for (auto& a : ev.actors)
                        for (auto& b : it->actors) overlap |= same_actor(a, b);
                    if (!overlap) continue;
                    ev.date = it->date;
                    ev.date_text = it->date_text;
                    ev.date_basis = DateBasis::context;
                    break;
                }
            }
            if (ev.date_text.empty() && ev.date.empty()) {
                if (doc.dct.known() && ev.status == EventStatus::occurred) {
                    ev.date = doc.dct.value;
                    ev.date_basis = DateBasis::publication;
                } else {
                    ev.date_basis = DateBasis::unknown;
                }
            }
            float conf = 0.4F;
            size_t linked = 0;
            for (auto& a : ev.actors) linked += !a.kb_id.empty();
            for (auto& a : ev.targets) linked += !a.kb_id.empty();
            conf += 0.15F * float(std::min<size_t>(linked, 2));
            if (ev.date_basis == DateBasis::explicit_) conf += 0.2F;
            ev.confidence = std::min(conf, 0.99F);
            ev.summary = summarize(ev, lex);
            done_types.push_back(p.type);
            doc.events.push_back(std::move(ev));
        }
    }
}

}  // namespace parley
