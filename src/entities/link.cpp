// Mention finding and linking. One left-to-right pass per sentence:
//   1. the longest knowledge-base alias match (names, countries, demonyms, capitals and seats
//      of power, places, role titles), filtered by case, context and the NER tagger;
//   2. role-title descriptions resolved by country and date ("the Russian foreign minister",
//      "the head of the State Department"), preferring people the document already named;
//   3. back-referring nominals ("the diplomat"), "his Ukrainian counterpart";
//   4. surnames of people named earlier in the document (linked or not);
//   5. statistical NER spans the knowledge base does not know (unlinked PER/ORG/LOC);
//   6. subject pronouns ("he", "she") -> the nearest gender-compatible person, preferring
//      the subject of the clause.
#include <algorithm>
#include <unordered_map>

#include "entities/entities.hpp"
#include "entities/ner.hpp"
#include "util/util.hpp"

namespace parley {
namespace {

bool capitalised(std::string_view s) {
    if (s.empty()) return false;
    auto c = static_cast<unsigned char>(s[0]);
    return std::isupper(c) || c >= 0x80;  // non-Latin scripts have no case: accept
}

bool all_caps(std::string_view s) {
    bool letter = false;
    for (unsigned char c : s) {
        if (std::islower(c)) return false;
        if (std::isupper(c)) letter = true;
    }
    return letter;
}

ActorRef actor_ref(const Kb& kb, const KbActor& a, std::string_view date) {
    ActorRef r{a.kb_id, a.name, a.type.empty() ? "PER" : a.type, a.country, ""};
    if (!a.media.empty()) {
        r.role = a.media;  // "news_agency" -> "news agency"
        std::replace(r.role.begin(), r.role.end(), '_', ' ');
        return r;
    }
    if (const KbRole* role = role_on(kb, a.kb_id, date)) {
        if (role->role.find("official") == std::string::npos)
            r.role = role_title(kb, role->role, role->country.empty() ? (role->org.empty() ? a.country : role->org)
                                                                       : role->country);
        if (r.country.empty()) r.country = role->country;
    }
    return r;
}

ActorRef country_ref(const Kb& kb, uint32_t i) {
    const KbCountry& c = kb.countries[i];
    return ActorRef{"GPE:" + c.iso3, c.name, "GPE", c.iso3, ""};
}

bool has_kind(std::span<const AliasTarget> ts, AliasTarget::Kind k, uint32_t* index = nullptr) {
    for (const auto& t : ts)
        if (t.kind == k) {
            if (index) *index = t.index;
            return true;
        }
    return false;
}

// Is the partial ISO date `d` within [start, end]? Coarse bounds include their period.
bool within(std::string_view d, std::string_view start, std::string_view end) {
    if (!start.empty() && d < start.substr(0, std::min(start.size(), d.size()))) return false;
    if (!end.empty() && d.substr(0, std::min(end.size(), d.size())) > end.substr(0, std::min(end.size(), d.size())))
        return false;
    return true;
}

// Did `kb_id` hold `role` (for `country` when given), on `date` when given, ever otherwise?
bool held(const Kb& kb, std::string_view kb_id, std::string_view role, std::string_view country,
          std::string_view date) {
    auto [b, e] = kb.roles_by_actor.equal_range(kb_id);
    for (auto it = b; it != e; ++it) {
        const KbRole& r = kb.roles[it->second];
        if (r.role != role) continue;
        if (!country.empty() && r.country != country && r.org != country) continue;
        if (!date.empty() && !within(date, r.start, r.end)) continue;
        return true;
    }
    return false;
}

constexpr std::string_view kLocative[] = {"in", "at", "near", "from", "to", "into", "outside", "inside", "across"};

struct Linker {
    Document& doc;
    const Kb& kb;
    const std::string& date;
    std::vector<std::string> tok_key;
    std::vector<std::string> ner_tag;           // BIO tag per token, or empty
    std::unordered_map<std::string, ActorRef> surnames;  // "lavrov" -> person named earlier
    std::unordered_map<std::string, char> gender_seen;   // kb_id or name -> gender from "Mr."/"Ms."
    std::vector<bool> subject_mention;          // per doc.entities: clause subject (proxy)
    std::string pending_role;                   // a title just before a name ("Foreign Minister X")

    Linker(Document& d, const Kb& k) : doc(d), kb(k), date(d.dct.value) {}

    std::string_view tok(uint32_t i) const { return doc.slice(doc.tokens[i].span); }
    std::string low(uint32_t i) const { return to_lower_ascii(tok(i)); }
    uint32_t sentence_index(const Sentence& s) const { return uint32_t(&s - doc.sentences.data()); }

    void push(EntityMention em) {
        // Subject proxy: with a parse, the nsubj relation; without, the first person mention
        // of its sentence.
        bool subj = false;
        if (em.ref.type == "PER") {
            uint32_t sent = doc.sentence_at(em.span.start);
            int32_t head_tok = token_at(em.span.start);
            if (head_tok >= 0 && !doc.tokens[size_t(head_tok)].deprel.empty()) {
                for (size_t t = size_t(head_tok); t < doc.tokens.size() && doc.tokens[t].span.start < em.span.end; ++t)
                    if (doc.tokens[t].deprel.starts_with("nsubj")) subj = true;
            } else {
                subj = true;
                for (size_t e = doc.entities.size(); e-- > 0;) {
                    if (doc.sentence_at(doc.entities[e].span.start) != sent) break;
                    if (doc.entities[e].ref.type == "PER") subj = false;
                }
            }
        }
        doc.entities.push_back(std::move(em));
        subject_mention.push_back(subj);
    }
    void pop() {
        doc.entities.pop_back();
        subject_mention.pop_back();
    }

    int32_t token_at(uint32_t offset) const {
        auto it = std::lower_bound(doc.tokens.begin(), doc.tokens.end(), offset,
                                   [](const Token& t, uint32_t o) { return t.span.end <= o; });
        return it == doc.tokens.end() ? -1 : int32_t(it - doc.tokens.begin());
    }

    char gender_of(const ActorRef& r) const {
        auto it = gender_seen.find(r.kb_id.empty() ? r.name : r.kb_id);
        if (it != gender_seen.end()) return it->second;
        if (!r.kb_id.empty())
            if (auto a = kb.actor_by_id.find(r.kb_id); a != kb.actor_by_id.end() && kb.actors[a->second].gender)
                return kb.actors[a->second].gender;
        return name_gender(kb, r.name);
    }

    // A person the document named before, compatible with the offices `roles` ("*" = any)
    // and `country`, within `window` sentences (0 = whole document).
    const EntityMention* earlier_person(uint32_t sent, const std::vector<std::string>& roles, std::string_view country,
                                        uint32_t window, bool any_date) const {
        for (auto it = doc.entities.rbegin(); it != doc.entities.rend(); ++it) {
            if (it->ref.type != "PER" || it->ref.kb_id.empty() || it->how == "pronoun") continue;
            uint32_t s = doc.sentence_at(it->span.start);
            if (window && sent > s + window) return nullptr;
            if (!country.empty() && it->ref.country != country) continue;
            bool any = std::find(roles.begin(), roles.end(), "*") != roles.end();
            bool ok = any;
            for (const auto& r : roles)
                if (!ok && held(kb, it->ref.kb_id, r, "", any_date ? std::string_view() : std::string_view(date))) ok = true;
            if (ok) return &*it;
        }
        return nullptr;
    }

    // Longest alias match starting at token i within [i, end); a match may not end on a
    // punctuation token.
    // Memoised per token (every call for a token uses its sentence's end), so the NER
    // gazetteer features and the linker share one set of table lookups.
    mutable std::vector<int32_t> memo_last;
    mutable std::vector<const Kb::AliasEntry*> memo_hit;
    std::pair<uint32_t, const std::span<const AliasTarget>*> longest(uint32_t i, uint32_t end) const {
        if (memo_last[i] == -2) {
            auto [l, e] = longest_uncached(i, end);
            memo_last[i] = int32_t(l);
            memo_hit[i] = e;
        }
        return {uint32_t(memo_last[i]), memo_hit[i] ? &memo_hit[i]->targets : nullptr};
    }
    std::pair<uint32_t, const Kb::AliasEntry*> longest_uncached(uint32_t i, uint32_t end) const {
        const Kb::AliasEntry* hit = nullptr;
        uint32_t last = i;
        if (tok_key[i].empty()) return {i, nullptr};
        uint32_t max_last = std::min<uint32_t>(end - 1, i + uint32_t(kb.max_alias_words) + 2);
        std::string k;
        for (uint32_t j = i; j <= max_last; ++j) {
            if (tok_key[j].empty()) {
                // punctuation inside an alias ("Washington, D.C.") is skipped, never a boundary
                if (tok(j) == "(" || tok(j) == ")") break;
                continue;
            }
            if (!k.empty()) k += ' ';
            k += tok_key[j];
            const Kb::AliasEntry* it = kb.aliases.find(k);
            if (!it) break;
            if (!it->targets.empty()) {
                hit = it;
                last = j;
            }
            if (!it->prefix) break;
        }
        return {last, hit};
    }

    bool ner_entity(uint32_t i) const { return i < ner_tag.size() && ner_tag[i].size() > 2; }

    // Should a one-word actor alias be read as that actor here?
    bool accept_single_word_actor(uint32_t i, uint32_t sent_first, const KbActor& a) const {
        std::string_view w = tok(i);
        if (!capitalised(w)) return false;
        bool common = kb.common_words.count(tok_key[i]) > 0;
        bool initial = i == sent_first || (i > sent_first && (tok(i - 1) == "\"" || tok(i - 1) == "\xE2\x80\x9C"));
        if (common && (initial || all_caps(w))) return false;
        if (common && !ner_entity(i)) return false;
        if (!a.curated && kb.ner && !ner_entity(i)) return false;
        return true;
    }

    struct Unresolved {
        uint32_t start;
        std::string role, country;
    };
    std::vector<Unresolved> unresolved;
    std::vector<bool> in_quote;  // per token: inside quotation marks (within its paragraph)

    void run();
    bool role_description(const Sentence& s, uint32_t first, uint32_t& last, std::span<const AliasTarget> ts);
    bool emit_office(uint32_t sent, Span span, const std::string& role, const std::string& country,
                     const std::string& head, bool definite);
    int64_t office_phrase(const Sentence& s, uint32_t i);
    int64_t split_title(const Sentence& s, uint32_t i);
    bool short_nominal(const Sentence& s, uint32_t i);
    void resolve_later();
    void mark_quotes();
    void pronoun(const Sentence& s, uint32_t i);
};

bool Linker::role_description(const Sentence& s, uint32_t first, uint32_t& last, std::span<const AliasTarget> ts) {
    const uint32_t end = s.first_token + s.token_count;
    const uint32_t sent = sentence_index(s);
    // Followed by a name ("Foreign Minister Sergey Lavrov"): the title confirms the name's role.
    if (last + 1 < end && capitalised(tok(last + 1))) {
        auto [nl, nts] = longest(last + 1, end);
        bool name_follows = (nts && has_kind(*nts, AliasTarget::actor)) || ner_entity(last + 1);
        if (name_follows) {
            for (const auto& t : ts)
                if (t.kind == AliasTarget::role_title) pending_role = kb.role_titles[t.index].role;
            return false;  // not consumed: the caller moves on to the name
        }
    }
    Span span{doc.tokens[first].span.start, doc.tokens[last].span.end};
    // The country or organisation: an adjacent preceding demonym / country / IGO mention
    // ("the Russian foreign minister", "Russia's top diplomat", "NATO Secretary-General").
    std::string country;
    bool took_prev = false;
    if (!doc.entities.empty()) {
        const EntityMention& prev = doc.entities.back();
        uint32_t a = prev.span.end, b = doc.tokens[first].span.start;
        if (a <= b) {
            std::string_view between = trim(std::string_view(doc.text).substr(a, b - a));
            bool adjacent = between.empty() || between == "'s" || between == "\xE2\x80\x99s" || between == "'";
            // A bare country noun before a title is only a modifier when abbreviated ("U.S.
            // official"); "let Russia judge" is a verb phrase.
            bool modifier = prev.ref.type == "NORP" || between.size() > 0 || all_caps(doc.slice(prev.span));
            if (adjacent && modifier && (prev.ref.type == "NORP" || prev.ref.type == "GPE") && !prev.ref.country.empty()) {
                country = prev.ref.country;
                took_prev = true;
            } else if (adjacent && prev.ref.type == "ORG" && !prev.ref.kb_id.empty()) {
                country = prev.ref.kb_id;
                took_prev = true;
            }
        }
    }
    // "the President of Turkey", "Minister of Foreign Affairs of Ukraine": the country after
    // "of". Followed by a name, the title confirms that person's role, as above.
    if (country.empty() && last + 2 < end && tok_key[last + 1] == "of") {
        uint32_t j = last + 2;
        if (tok_key[j] == "the" && j + 1 < end) ++j;
        auto [cl, cts] = longest(j, end);
        uint32_t idx = 0;
        if (cts && has_kind(*cts, AliasTarget::country, &idx)) {
            if (cl + 1 < end && capitalised(tok(cl + 1))) {
                auto [nl, nts] = longest(cl + 1, end);
                if ((nts && has_kind(*nts, AliasTarget::actor)) || ner_entity(cl + 1)) {
                    for (const auto& t : ts)
                        if (t.kind == AliasTarget::role_title) pending_role = kb.role_titles[t.index].role;
                    return false;
                }
            }
            country = kb.countries[idx].iso3;
            last = cl;
            span.end = doc.tokens[last].span.end;
        }
    }
    // Pick the title row: the one for that country/organisation, else the one national row
    // the phrase belongs to ("head of the State Department" -> USA), else the default row.
    const RoleTitle* rt = nullptr;
    const RoleTitle* only_national = nullptr;
    int nationals = 0;
    const RoleTitle* fallback = nullptr;
    for (const auto& t : ts) {
        if (t.kind != AliasTarget::role_title) continue;
        const RoleTitle& r = kb.role_titles[t.index];
        // several offices share a phrase ("top diplomat"): a single-holder one first
        if (!country.empty() && r.country == country &&
            (!rt || (!kb.single_holder_roles.count(rt->role) && kb.single_holder_roles.count(r.role))))
            rt = &r;
        if (!r.country.empty()) {
            if (!only_national || only_national->role != r.role || only_national->country != r.country) ++nationals;
            only_national = &r;
        } else if (!fallback) {
            fallback = &r;
        }
    }
    if (!rt && country.empty() && nationals == 1) {
        rt = only_national;
        country = rt->country;
    }
    if (!rt) rt = fallback ? fallback : only_national;
    if (!rt) return false;
    bool definite = (first > s.first_token && low(first - 1) == "the") ||
                    (took_prev && [&] {
                        int32_t pt = token_at(doc.entities.back().span.start);
                        return pt > int32_t(s.first_token) && low(uint32_t(pt) - 1) == "the";
                    }());
    if (took_prev) {
        span.start = doc.entities.back().span.start;
        pop();
    } else if (first > s.first_token && low(first - 1) == "the") {
        span.start = doc.tokens[first - 1].span.start;
    }
    return emit_office(sent, span, rt->role, country, tok_key[last], definite);
}

bool Linker::emit_office(uint32_t sent, Span span, const std::string& role, const std::string& country,
                         const std::string& head, bool definite) {
    EntityMention em;
    em.span = span;
    const bool single = kb.single_holder_roles.count(role) > 0;
    // "the Russian diplomat", "the minister": a person the document already named.
    const EntityMention* named = nullptr;
    if (auto nom = kb.nominals.find(head); nom != kb.nominals.end() && definite)
        named = earlier_person(sent, nom->second, country, country.empty() ? 3 : 0, date.empty());
    if (!named && single) named = earlier_person(sent, {role}, country, country.empty() ? 3 : 0, date.empty());
    if (named) {
        em.ref = named->ref;
        em.how = "nominal";
        em.confidence = 0.7F;
    } else if (single && !country.empty() && !date.empty()) {
        if (const KbActor* holder = holder_of(kb, role, country, date)) {
            em.ref = actor_ref(kb, *holder, date);
            em.how = "description";
            em.confidence = 0.85F;
        }
    }
    if (em.how.empty()) {
        if (country.empty()) return false;  // "the minister" with nobody to refer to
        // An unresolved description keeps what it says: the office and the country; a
        // person named later in the document may still resolve it (see resolve_later()).
        std::string title = role_title(kb, role, country);
        em.ref = ActorRef{"", title, "PER", country.starts_with("Q:") ? "" : country, title};
        em.how = "description";
        em.confidence = 0.3F;
        unresolved.push_back({span.start, role, country});
    }
    push(std::move(em));
    return true;
}

// "head of the Ukrainian Ministry of Foreign Affairs", "chief of the State Department":
// an institution's head, resolved like a role title. Returns the last token consumed or -1.
// A role title with the country inside it: "the top US diplomat", "head of Ukrainian
// diplomacy", "Top Russian diplomat Sergei Lavrov". Any title alias of role_titles.tsv may be
// split by a demonym or country name after one or more of its words; the country then selects
// the office as in "the Russian foreign minister". Returns the last token consumed, or -1.
int64_t Linker::split_title(const Sentence& s, uint32_t i) {
    const uint32_t end = s.first_token + s.token_count;
    if (tok_key[i].empty()) return -1;
    std::string before;  // the title's words before the country
    const Kb::AliasEntry* hit = nullptr;
    uint32_t last = 0, idx = 0;
    for (uint32_t p = i; p + 2 < end && p < i + kb.max_alias_words && !hit; ++p) {
        if (tok_key[p].empty()) return -1;
        if (!before.empty()) before += ' ';
        before += tok_key[p];
        const Kb::AliasEntry* e = kb.aliases.find(before);
        if (!e || !e->prefix) return -1;
        if (tok_key[p + 1].empty()) continue;
        auto [cl, cts] = longest(p + 1, end);
        if (!cts || !(has_kind(*cts, AliasTarget::demonym, &idx) || has_kind(*cts, AliasTarget::country, &idx))) continue;
        std::string key = before;
        for (uint32_t j = cl + 1; j < end && j <= cl + kb.max_alias_words; ++j) {
            if (tok_key[j].empty()) break;
            key += ' ';
            key += tok_key[j];
            const Kb::AliasEntry* t = kb.aliases.find(key);
            if (!t) break;
            if (has_kind(t->targets, AliasTarget::role_title)) hit = t, last = j;
            if (!t->prefix) break;
        }
    }
    if (!hit) return -1;
    const std::string& country = kb.countries[idx].iso3;
    // The row for that country (a single-holder office first), else the default row.
    const RoleTitle* rt = nullptr;
    for (const auto& t : hit->targets) {
        if (t.kind != AliasTarget::role_title) continue;
        const RoleTitle& r = kb.role_titles[t.index];
        bool better = !rt || (r.country == country && rt->country != country) ||
                      (r.country == rt->country && !kb.single_holder_roles.count(rt->role) &&
                       kb.single_holder_roles.count(r.role));
        if ((r.country == country || r.country.empty()) && better) rt = &r;
    }
    if (!rt) return -1;
    // Followed by a name: the title confirms that person's role; the name is linked as usual.
    if (last + 1 < end && capitalised(tok(last + 1))) {
        auto [nl, nts] = longest(last + 1, end);
        if ((nts && has_kind(*nts, AliasTarget::actor)) || ner_entity(last + 1)) {
            pending_role = rt->role;
            return -1;
        }
    }
    const bool definite = i > s.first_token && low(i - 1) == "the";
    Span span{doc.tokens[definite ? i - 1 : i].span.start, doc.tokens[last].span.end};
    if (!emit_office(sentence_index(s), span, rt->role, country, tok_key[last], definite)) return -1;
    return last;
}

// "the minister said", "the diplomat added": a definite back-referring nominal of
// data/entities/nominals.tsv in subject position, with no name or "of" phrase after it, is the
// nearest person named in the last three sentences who held one of its offices.
bool Linker::short_nominal(const Sentence& s, uint32_t i) {
    const uint32_t end = s.first_token + s.token_count;
    if (tok_key[i] != "the" || i + 1 >= end) return false;
    auto nom = kb.nominals.find(tok_key[i + 1]);
    if (nom == kb.nominals.end()) return false;
    if (i + 2 < end && (capitalised(tok(i + 2)) || tok_key[i + 2] == "of")) return false;
    const Token& head = doc.tokens[i + 1];
    if (!head.deprel.empty() && !head.deprel.starts_with("nsubj")) return false;
    const EntityMention* named = earlier_person(sentence_index(s), nom->second, "", 3, date.empty());
    if (!named) return false;
    EntityMention em;
    em.span = Span{doc.tokens[i].span.start, head.span.end};
    em.ref = named->ref;
    em.how = "nominal";
    em.confidence = 0.6F;
    push(std::move(em));
    return true;
}

int64_t Linker::office_phrase(const Sentence& s, uint32_t i) {
    const uint32_t end = s.first_token + s.token_count;
    if (!kb.head_words.count(tok_key[i]) || i + 2 >= end || tok_key[i + 1] != "of") return -1;
    uint32_t j = i + 2;
    if (tok_key[j] == "the") ++j;
    std::string country;
    if (j < end) {
        auto [cl, cts] = longest(j, end);
        uint32_t idx = 0;
        if (cts && (has_kind(*cts, AliasTarget::demonym, &idx) || has_kind(*cts, AliasTarget::country, &idx))) {
            country = kb.countries[idx].iso3;
            j = cl + 1;
        }
    }
    // the institution: the longest known phrase
    std::string key, role, inst_country;
    int64_t inst_last = -1;
    for (uint32_t k = j; k < end && k < j + 5; ++k) {
        if (tok_key[k].empty()) break;
        if (!key.empty()) key += ' ';
        key += tok_key[k];
        if (auto it = kb.institutions.find(key); it != kb.institutions.end()) {
            role = it->second.first;
            inst_country = it->second.second;
            inst_last = k;
        }
    }
    if (inst_last < 0) return -1;
    uint32_t last = uint32_t(inst_last);
    // "... Ministry of Foreign Affairs of Ukraine"
    if (country.empty() && last + 2 < end && tok_key[last + 1] == "of") {
        auto [cl, cts] = longest(last + 2, end);
        uint32_t idx = 0;
        if (cts && has_kind(*cts, AliasTarget::country, &idx)) {
            country = kb.countries[idx].iso3;
            last = cl;
        }
    }
    if (country.empty()) country = inst_country;
    if (country.empty()) return -1;
    Span span{doc.tokens[i].span.start, doc.tokens[last].span.end};
    bool definite = i > s.first_token && low(i - 1) == "the";
    if (definite) span.start = doc.tokens[i - 1].span.start;
    return emit_office(sentence_index(s), span, role, country, tok_key[i], definite) ? int64_t(last) : -1;
}

// Descriptions left unresolved (no date, or no holder in the KB) take a person named
// anywhere in the document who held that office for that country.
void Linker::resolve_later() {
    for (const auto& u : unresolved) {
        const EntityMention* named = nullptr;
        for (const auto& e : doc.entities)
            if (e.ref.type == "PER" && !e.ref.kb_id.empty() && e.how == "alias" &&
                held(kb, e.ref.kb_id, u.role, u.country, date)) {
                named = &e;
                break;
            }
        if (!named) continue;
        for (auto& e : doc.entities)
            if (e.span.start == u.start && e.ref.kb_id.empty()) {
                e.ref = named->ref;
                e.how = "nominal";
                e.confidence = 0.5F;
            }
    }
}

void Linker::pronoun(const Sentence& s, uint32_t i) {
    std::string w = low(i);
    char g = w == "he" ? 'm' : 'f';
    // With a parse, only subjects; without one, "he"/"she" are nominative, hence subjects.
    const Token& t = doc.tokens[i];
    if (!t.deprel.empty() && !t.deprel.starts_with("nsubj")) return;
    const uint32_t sent = sentence_index(s);
    auto compatible = [&](const EntityMention& e) {
        if (e.ref.type != "PER" || e.how == "pronoun") return false;
        if (e.ref.kb_id.empty() && e.how != "ner" && e.how != "surname") return false;
        char eg = gender_of(e.ref);
        return eg == 0 || eg == g;
    };
    const EntityMention* pick = nullptr;
    const bool quoted = in_quote[i];
    // Same sentence first (its subject, else the nearest), then back up to six sentences,
    // preferring each sentence's subject. Outside a quotation, people named inside one are
    // not antecedents ("The Russian president has chosen war." He added: ... = the speaker).
    for (uint32_t back = 0; back <= 6 && back <= sent && !pick; ++back) {
        uint32_t target = sent - back;
        const EntityMention* subj = nullptr;
        const EntityMention* nearest = nullptr;
        for (size_t e = doc.entities.size(); e-- > 0;) {
            const EntityMention& m = doc.entities[e];
            uint32_t ms = doc.sentence_at(m.span.start);
            if (ms < target) break;
            if (ms != target || !compatible(m)) continue;
            if (!quoted) {
                int32_t mt = token_at(m.span.start);
                if (mt >= 0 && in_quote[size_t(mt)]) continue;
            }
            if (!nearest) nearest = &m;
            if (subject_mention[e]) subj = &m;
        }
        pick = subj ? subj : nearest;
    }
    if (pick) push({t.span, pick->ref, "pronoun", 0.5F});
}

void Linker::mark_quotes() {
    in_quote.assign(doc.tokens.size(), false);
    bool open = false;
    uint32_t prev_end = 0;
    for (size_t t = 0; t < doc.tokens.size(); ++t) {
        // a paragraph break closes an unbalanced quotation
        // (only the gap between two tokens is searched: a search to the end is quadratic)
        if (std::string_view(doc.text).substr(prev_end, doc.tokens[t].span.start - prev_end).find('\n') !=
            std::string_view::npos)
            open = false;
        prev_end = doc.tokens[t].span.end;
        std::string_view w = tok(uint32_t(t));
        if (w == "\xE2\x80\x9C" || w == "\xC2\xAB") {
            open = true;
        } else if (w == "\xE2\x80\x9D" || w == "\xC2\xBB") {
            open = false;
        } else if (w == "\"") {
            open = !open;
        } else {
            in_quote[t] = open;
        }
    }
}

void Linker::run() {
    doc.entities.clear();
    mark_quotes();
    tok_key.resize(doc.tokens.size());
    {
        // News repeats its words; normalise each distinct token once per document.
        std::unordered_map<std::string_view, uint32_t> seen;
        seen.reserve(doc.tokens.size());
        for (size_t t = 0; t < doc.tokens.size(); ++t) {
            auto [it, fresh] = seen.emplace(tok(uint32_t(t)), uint32_t(t));
            tok_key[t] = fresh ? alias_key(tok(uint32_t(t))) : tok_key[it->second];
        }
    }
    memo_last.assign(doc.tokens.size(), -2);
    memo_hit.assign(doc.tokens.size(), nullptr);
    if (kb.ner) {
        ner_tag.assign(doc.tokens.size(), "O");
        for (const Sentence& s : doc.sentences) {
            std::vector<std::string_view> words;
            for (uint32_t t = s.first_token; t < s.first_token + s.token_count; ++t) words.push_back(tok(t));
            // Gazetteer classes from the (memoised) longest matches, leftmost-longest. The
            // tagger's answer is only used for capitalised words the knowledge base does not
            // settle on its own: words outside any match, and one-word matches of uncurated
            // actors. Countries, places, titles, curated names and multi-word names need no
            // second opinion, so only the remaining words are candidates for decoding.
            std::vector<GazClass> gaz(words.size(), GazClass::none);
            std::vector<bool> cand(words.size());
            for (size_t k = 0; k < words.size(); ++k) cand[k] = ner_candidate(words[k]);
            const uint32_t end = s.first_token + s.token_count;
            for (uint32_t t = s.first_token; t < end;) {
                auto [l, hit] = longest(t, end);
                if (!hit) {
                    ++t;
                    continue;
                }
                bool settled = l > t;
                for (const auto& x : *hit)
                    if (x.kind != AliasTarget::actor || kb.actors[x.index].curated) settled = true;
                for (uint32_t k = t; k <= l; ++k) {
                    gaz[k - s.first_token] = GazClass(memo_hit[t]->gaz);
                    if (settled) cand[k - s.first_token] = false;
                }
                t = l + 1;
            }
            if (std::none_of(cand.begin(), cand.end(), [](bool b) { return b; })) continue;
            std::vector<uint16_t> clusters(words.size());
            for (uint32_t t = s.first_token; t < end; ++t) clusters[t - s.first_token] = doc.tokens[t].cluster;
            auto tags = ner_tag_windows(*kb.ner, words, gaz, cand, clusters);
            for (size_t k = 0; k < tags.size(); ++k) ner_tag[s.first_token + k] = std::move(tags[k]);
        }
    }
    for (const Sentence& s : doc.sentences) {
        const uint32_t end = s.first_token + s.token_count;
        uint32_t i = s.first_token;
        while (i < end) {
            std::string_view w = tok(i);
            if (int64_t ol = office_phrase(s, i); ol >= 0) {
                i = uint32_t(ol) + 1;
                continue;
            }
            if (int64_t ol = split_title(s, i); ol >= 0) {
                i = uint32_t(ol) + 1;
                continue;
            }
            if (short_nominal(s, i)) {
                i += 2;
                continue;
            }
            auto [last, ts] = longest(i, end);
            // An honorific marks the gender of the name after it.
            if (auto g = kb.given_name_gender.find(tok_key[i]);
                g != kb.given_name_gender.end() && i + 1 < end && (tok(i + 1) == "." || capitalised(tok(i + 1)))) {
                uint32_t n = tok(i + 1) == "." ? i + 2 : i + 1;
                if (w.size() <= 4 && n < end && capitalised(tok(n))) {
                    auto [nl, nts] = longest(n, end);
                    if (nts && has_kind(*nts, AliasTarget::actor)) {
                        for (const auto& t : *nts)
                            if (t.kind == AliasTarget::actor) gender_seen[kb.actors[t.index].kb_id] = g->second;
                    } else if (auto sn = surnames.find(tok_key[n]); sn != surnames.end()) {
                        gender_seen[sn->second.kb_id.empty() ? sn->second.name : sn->second.kb_id] = g->second;
                    }
                }
            }
            if (ts) {
                const uint32_t first = i;
                Span span{doc.tokens[first].span.start, doc.tokens[last].span.end};
                bool cap = capitalised(w) || (low(first) == "the" && last > first && capitalised(tok(first + 1)));
                bool title = has_kind(*ts, AliasTarget::role_title);
                // The best actor target: in office on the date, confirmed by a preceding title.
                const KbActor* actor = nullptr;
                int best = -1;
                for (const auto& t : *ts) {
                    if (t.kind != AliasTarget::actor) continue;
                    const KbActor& a = kb.actors[t.index];
                    int score = a.curated ? 1 : 0;
                    if (role_on(kb, a.kb_id, date)) score += 2;
                    if (!pending_role.empty() && held(kb, a.kb_id, pending_role, "", "")) score += 4;
                    if (score > best) {
                        best = score;
                        actor = &a;
                    }
                }
                const bool one_word = first == last;
                if (actor && (actor->type == "ORG" && title)) actor = nullptr;  // offices are titles
                if (actor && one_word && !accept_single_word_actor(first, s.first_token, *actor)) actor = nullptr;
                const bool place_like = has_kind(*ts, AliasTarget::country) || has_kind(*ts, AliasTarget::metonym) ||
                                        has_kind(*ts, AliasTarget::capital) || has_kind(*ts, AliasTarget::place) ||
                                        has_kind(*ts, AliasTarget::demonym);
                if (actor && one_word && place_like && actor->type == "ORG") actor = nullptr;
                if (title && !(cap && actor && actor->type == "PER")) {
                    if (role_description(s, first, last, *ts)) {
                        i = last + 1;
                        continue;
                    }
                    if (!pending_role.empty()) {  // a name follows the title
                        i = last + 1;
                        continue;
                    }
                }
                if (!cap) {
                    ++i;
                    continue;
                }
                EntityMention em;
                em.span = span;
                uint32_t idx = 0;
                bool locative = first > s.first_token &&
                                std::find(std::begin(kLocative), std::end(kLocative), low(first - 1)) != std::end(kLocative);
                bool dateline = sentence_index(s) == 0 && first <= s.first_token + 2 && all_caps(w) &&
                                last + 1 < end && (tok(last + 1) == "(" || tok(last + 1) == "," ||
                                                   tok(last + 1) == "\xE2\x80\x94" || tok(last + 1) == "-");
                if (actor) {
                    em.ref = actor_ref(kb, *actor, date);
                    em.how = actor->media.empty() ? "alias" : "media";
                    if (em.ref.type == "PER" && last > first) {
                        surnames[tok_key[last]] = em.ref;
                        if (kb.family_first.count(em.ref.country)) surnames[tok_key[first]] = em.ref;
                    }
                    if (em.ref.type == "PER" && one_word) surnames[tok_key[first]] = em.ref;
                    pending_role.clear();
                } else if (dateline && (has_kind(*ts, AliasTarget::capital) || has_kind(*ts, AliasTarget::metonym) ||
                                        has_kind(*ts, AliasTarget::place))) {
                    std::string name(doc.slice(span)), country;
                    if (has_kind(*ts, AliasTarget::place, &idx)) {
                        name = kb.places[idx].name;
                        country = kb.places[idx].country;
                    } else if (has_kind(*ts, AliasTarget::capital, &idx) || has_kind(*ts, AliasTarget::metonym, &idx)) {
                        name = kb.countries[idx].capital;
                        country = kb.countries[idx].iso3;
                    }
                    em.ref = ActorRef{"", name, "LOC", country, ""};
                    em.how = "dateline";
                } else if (has_kind(*ts, AliasTarget::country, &idx)) {
                    em.ref = country_ref(kb, idx);
                    em.how = "alias";
                } else if (locative && has_kind(*ts, AliasTarget::place, &idx)) {
                    em.ref = ActorRef{"", kb.places[idx].name, kb.places[idx].kind == "event" ? "EVENT" : "LOC",
                                      kb.places[idx].country, ""};
                    em.how = "place";
                } else if (has_kind(*ts, AliasTarget::metonym, &idx) || has_kind(*ts, AliasTarget::capital, &idx)) {
                    em.ref = country_ref(kb, idx);
                    em.ref.name = std::string(doc.slice(span));
                    em.how = "metonym";
                } else if (has_kind(*ts, AliasTarget::demonym, &idx)) {
                    em.ref = country_ref(kb, idx);
                    em.ref.type = "NORP";
                    em.ref.name = std::string(doc.slice(span));
                    em.how = "demonym";
                    // "the American mentioned ...": with a parse, a demonym heading a subject
                    // noun phrase is a person of that country already named. The tagger often
                    // calls such a nominalised demonym ADJ; as the head of a subject it is one.
                    const Token& dt = doc.tokens[last];
                    if (first > s.first_token && tok_key[first - 1] == "the" && dt.deprel.starts_with("nsubj") &&
                        (dt.upos == "NOUN" || dt.upos == "PROPN" || dt.upos == "ADJ")) {
                        if (const EntityMention* named =
                                earlier_person(sentence_index(s), {"*"}, kb.countries[idx].iso3, 6, true)) {
                            em.ref = named->ref;
                            em.how = "nominal";
                            em.span.start = doc.tokens[first - 1].span.start;
                            em.confidence = 0.6F;
                        }
                    }
                } else if (has_kind(*ts, AliasTarget::place, &idx)) {
                    const KbPlace& p = kb.places[idx];
                    em.ref = ActorRef{"", p.name, p.kind == "event" ? "EVENT" : p.kind == "norp" ? "NORP" : "LOC", p.country, ""};
                    em.how = p.kind == "norp" ? "group" : "place";
                }
                if (!em.how.empty()) {
                    push(std::move(em));
                    i = last + 1;
                    continue;
                }
            }
            // A surname of a person named earlier in this document.
            if (capitalised(w)) {
                if (auto it = surnames.find(tok_key[i]); it != surnames.end()) {
                    push({doc.tokens[i].span, it->second, "surname", 0.9F});
                    ++i;
                    continue;
                }
            }
            std::string lw = low(i);
            // "his Ukrainian counterpart": the office of the person last named, other country.
            if ((lw == "counterpart" || lw == "counterparts") && !doc.entities.empty() &&
                doc.entities.back().ref.type == "NORP" && doc.entities.back().span.end + 1 >= doc.tokens[i].span.start) {
                std::string country = doc.entities.back().ref.country;
                const EntityMention* prev = earlier_person(sentence_index(s), {"*"}, "", 3, false);
                for (auto it = doc.entities.rbegin(); prev && it != doc.entities.rend(); ++it)
                    if (it->ref.type == "PER" && !it->ref.kb_id.empty() && it->ref.country != country) {
                        prev = &*it;
                        break;
                    }
                const KbRole* r = prev ? role_on(kb, prev->ref.kb_id, date) : nullptr;
                std::string role = r ? r->role : std::string();
                // Nobody linked yet, but an unresolved description just before ("Turkey's
                // president Tuesday told his Russian counterpart"): that description's office.
                if (role.empty() && !unresolved.empty()) {
                    const Unresolved& u = unresolved.back();
                    if (u.country != country && doc.sentence_at(u.start) + 1 >= sentence_index(s)) role = u.role;
                }
                const KbActor* h = nullptr;
                if (!role.empty() && !date.empty()) h = holder_of(kb, role, country, date);
                if (!role.empty() && !h) {  // undated, or no KB holder: someone named in the document
                    Span sp{doc.entities.back().span.start, doc.tokens[i].span.end};
                    if (const EntityMention* named = earlier_person(sentence_index(s), {role}, country, 0, true)) {
                        ActorRef ref = named->ref;
                        pop();
                        push({sp, ref, "description", 0.6F});
                    } else {
                        // Kept as an unlinked description of that office; a person named later
                        // may resolve it (resolve_later()).
                        std::string title = role_title(kb, role, country);
                        pop();
                        push({sp, ActorRef{"", title, "PER", country, title}, "description", 0.3F});
                        unresolved.push_back({sp.start, role, country});
                    }
                    ++i;
                    continue;
                }
                if (h) {
                    Span sp{doc.entities.back().span.start, doc.tokens[i].span.end};
                    pop();
                    push({sp, actor_ref(kb, *h, date), "description", 0.7F});
                }
                ++i;
                continue;
            }
            // An entity the knowledge base does not know: the NER span as an unlinked mention.
            if (ner_entity(i) && ner_tag[i][0] == 'B' && capitalised(w)) {
                uint32_t j = i;
                std::string type = ner_tag[i].substr(2);
                while (j + 1 < end && ner_tag[j + 1] == "I-" + type) ++j;
                Span sp{doc.tokens[i].span.start, doc.tokens[j].span.end};
                // "President Xi" + "Jinping": a name continuing a person just linked is the
                // rest of that name, not a new person.
                if (type == "PER" && !doc.entities.empty() && doc.entities.back().ref.type == "PER" &&
                    !doc.entities.back().ref.kb_id.empty() && doc.entities.back().span.end <= sp.start &&
                    trim(std::string_view(doc.text).substr(doc.entities.back().span.end,
                                                           sp.start - doc.entities.back().span.end))
                        .empty()) {
                    doc.entities.back().span.end = sp.end;
                    i = j + 1;
                    continue;
                }
                // A lone common word ("House", "Will") is not taken from the tagger alone.
                if (i == j && kb.common_words.count(tok_key[i])) {
                    i = j + 1;
                    continue;
                }
                std::string surface(doc.slice(sp));
                ActorRef ref{"", surface, type, "", ""};
                // "Russian-backed": a demonym compound is a group, not a new entity.
                std::string head_word = tok_key[i].substr(0, tok_key[i].find(' '));
                if (auto d = kb.aliases.find(head_word); d && has_kind(d->targets, AliasTarget::demonym)) {
                    uint32_t di = 0;
                    has_kind(d->targets, AliasTarget::demonym, &di);
                    ref = country_ref(kb, di);
                    ref.type = "NORP";
                    ref.name = surface;
                    push({sp, ref, "demonym", 0.6F});
                    i = j + 1;
                    continue;
                }
                if (type == "PER" && j > i)
                    if (auto it = surnames.find(tok_key[j]); it != surnames.end() && !it->second.kb_id.empty()) ref = it->second;
                if (type == "PER") surnames.emplace(tok_key[j], ref);
                push({sp, ref, "ner", 0.6F});
                i = j + 1;
                continue;
            }
            if (lw == "he" || lw == "she") pronoun(s, i);
            ++i;
        }
    }
    resolve_later();
}

}  // namespace

void link_entities(Document& doc, const Kb& kb) {
    Linker l(doc, kb);
    l.run();
}

}  // namespace parley
