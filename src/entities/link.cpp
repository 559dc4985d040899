// Mention finding and linking: longest alias match over tokens, then descriptions by role
// and date, surnames within the document, and a simple pronoun/nominal coreference.
#include <algorithm>
#include <unordered_map>

#include "entities/entities.hpp"
#include "util/util.hpp"

namespace parley {
namespace {

bool capitalised(std::string_view s) {
    if (s.empty()) return false;
    auto c = static_cast<unsigned char>(s[0]);
    return std::isupper(c) || c >= 0x80;  // non-Latin scripts have no case: accept
}

ActorRef actor_ref(const Kb& kb, const KbActor& a, std::string_view date) {
    ActorRef r{a.kb_id, a.name, a.type.empty() ? "PER" : a.type, a.country, ""};
    if (const KbRole* role = role_on(kb, a.kb_id, date)) {
        if (role->role.find("official") == std::string::npos)
            r.role = role_title(kb, role->role, role->country.empty() ? a.country : role->country);
        if (r.country.empty()) r.country = role->country;
    }
    return r;
}

ActorRef country_ref(const Kb& kb, uint32_t i) {
    const KbCountry& c = kb.countries[i];
    return ActorRef{"GPE:" + c.iso3, c.name, "GPE", c.iso3, ""};
}

// Pick among several actors with the same alias: the one in office on the date.
const KbActor* pick_actor(const Kb& kb, const std::vector<AliasTarget>& ts, std::string_view date) {
    const KbActor* best = nullptr;
    int best_score = -1;
    for (const auto& t : ts) {
        if (t.kind != AliasTarget::actor) continue;
        const KbActor& a = kb.actors[t.index];
        int score = 0;
        if (role_on(kb, a.kb_id, date)) score += 2;
        if (const KbRole* r = role_on(kb, a.kb_id, ""); r && r->role.find("official") == std::string::npos) score += 1;
        if (score > best_score) {
            best_score = score;
            best = &a;
        }
    }
    return best;
}

struct Match {
    uint32_t first = 0, last = 0;  // token range, inclusive
    const std::vector<AliasTarget>* targets = nullptr;
};

bool has_kind(const std::vector<AliasTarget>& ts, AliasTarget::Kind k, uint32_t* index = nullptr) {
    for (const auto& t : ts)
        if (t.kind == k) {
            if (index) *index = t.index;
            return true;
        }
    return false;
}

}  // namespace

void link_entities(Document& doc, const Kb& kb) {
    doc.entities.clear();
    const std::string& date = doc.dct.value;
    std::unordered_map<std::string, ActorRef> surnames;  // document-local: "lavrov" -> actor
    // Each token's key once; an n-gram's key is its tokens' keys joined by spaces, which is
    // what alias_key() makes of the whole span (punctuation only separates words).
    std::vector<std::string> tok_key(doc.tokens.size());
    for (size_t t = 0; t < doc.tokens.size(); ++t) tok_key[t] = alias_key(doc.slice(doc.tokens[t].span));
    auto key_of = [&](uint32_t a, uint32_t b) {
        std::string k;
        for (uint32_t t = a; t <= b; ++t) {
            if (tok_key[t].empty()) continue;
            if (!k.empty()) k += ' ';
            k += tok_key[t];
        }
        return k;
    };
    auto last_person = [&](uint32_t before_sentence, std::string_view role_code) -> const EntityMention* {
        for (auto it = doc.entities.rbegin(); it != doc.entities.rend(); ++it) {
            if (it->ref.type != "PER" || it->ref.kb_id.empty()) continue;
            uint32_t s = doc.sentence_at(it->span.start);
            if (before_sentence > s + 3) return nullptr;
            if (!role_code.empty()) {
                const KbRole* r = role_on(kb, it->ref.kb_id, date);
                if (!r || r->role != role_code) continue;
            }
            return &*it;
        }
        return nullptr;
    };

    for (const Sentence& s : doc.sentences) {
        uint32_t end = s.first_token + s.token_count;
        uint32_t i = s.first_token;
        while (i < end) {
            std::string_view tok = doc.slice(doc.tokens[i].span);
            // 1. longest alias match
            Match m;
            uint32_t max_last = std::min<uint32_t>(end - 1, i + uint32_t(kb.max_alias_words) - 1);
            if (!tok_key[i].empty()) {
                std::string k;
                for (uint32_t j = i; j <= max_last; ++j) {
                    if (!tok_key[j].empty()) {
                        if (!k.empty()) k += ' ';
                        k += tok_key[j];
                    }
                    if (auto it = kb.aliases.find(k); it != kb.aliases.end()) m = {i, j, &it->second};
                    if (!kb.alias_prefixes.count(k)) break;
                }
            }
            if (m.targets) {
                const auto& ts = *m.targets;
                Span span{doc.tokens[m.first].span.start, doc.tokens[m.last].span.end};
                std::string_view first_word = doc.slice(doc.tokens[m.first].span);
                bool cap = capitalised(first_word) ||
                           (to_lower_ascii(first_word) == "the" && m.last > m.first &&
                            capitalised(doc.slice(doc.tokens[m.first + 1].span)));
                uint32_t idx = 0;
                // A role title ("foreign minister", "head of the State Department")
                if (has_kind(ts, AliasTarget::role_title, &idx) &&
                    !(cap && has_kind(ts, AliasTarget::actor))) {
                    const RoleTitle& rt = kb.role_titles[idx];
                    // Followed by a name ("Foreign Minister Sergey Lavrov"): let the name link.
                    if (m.last + 1 < end && capitalised(doc.slice(doc.tokens[m.last + 1].span))) {
                        auto nx = kb.aliases.find(key_of(m.last + 1, m.last + 1));
                        bool name_follows = nx != kb.aliases.end() && has_kind(nx->second, AliasTarget::actor);
                        if (!name_follows && m.last + 2 < end) {
                            auto nx2 = kb.aliases.find(key_of(m.last + 1, m.last + 2));
                            name_follows = nx2 != kb.aliases.end() && has_kind(nx2->second, AliasTarget::actor);
                        }
                        if (name_follows) {
                            i = m.last + 1;
                            continue;
                        }
                    }
                    // The country: from the title itself, a preceding demonym/country mention
                    // ("the Russian foreign minister", "Russia's top diplomat").
                    std::string country = rt.country;
                    uint32_t start_tok = m.first;
                    if (!doc.entities.empty()) {
                        const EntityMention& prev = doc.entities.back();
                        uint32_t gap_start = prev.span.end;
                        std::string_view between = std::string_view(doc.text).substr(
                            gap_start, doc.tokens[m.first].span.start - std::min(gap_start, doc.tokens[m.first].span.start));
                        bool adjacent = prev.span.end <= doc.tokens[m.first].span.start &&
                                        (trim(between).empty() || trim(between) == "'s" ||
                                         trim(between) == "\xE2\x80\x99s");
                        if (adjacent && (prev.ref.type == "NORP" || prev.ref.type == "GPE") && country.empty()) {
                            country = prev.ref.country;
                            span.start = prev.span.start;
                            doc.entities.pop_back();
                        }
                    }
                    // "his Ukrainian counterpart" is handled below via the word "counterpart".
                    const KbActor* holder = nullptr;
                    if (!country.empty()) holder = holder_of(kb, rt.role, country, date);
                    EntityMention em;
                    em.span = span;
                    if (holder) {
                        em.ref = actor_ref(kb, *holder, date);
                        em.how = "description";
                        em.confidence = date.empty() ? 0.5F : 0.85F;
                    } else if (country.empty()) {
                        // "the minister", "the diplomat": the last person holding that role
                        const EntityMention* prev = last_person(uint32_t(&s - doc.sentences.data()), rt.role);
                        if (!prev) {
                            i = m.last + 1;
                            continue;
                        }
                        em.ref = prev->ref;
                        em.how = "nominal";
                        em.confidence = 0.6F;
                    } else {
                        em.ref = ActorRef{"", rt.title, "PER", country, rt.title};
                        em.how = "description";
                        em.confidence = 0.4F;
                    }
                    // include a leading "the"
                    if (start_tok > s.first_token && to_lower_ascii(doc.slice(doc.tokens[start_tok - 1].span)) == "the" &&
                        em.span.start == doc.tokens[start_tok].span.start)
                        em.span.start = doc.tokens[start_tok - 1].span.start;
                    doc.entities.push_back(std::move(em));
                    i = m.last + 1;
                    continue;
                }
                if (!cap) {
                    ++i;
                    continue;
                }
                EntityMention em;
                em.span = span;
                if (const KbActor* a = pick_actor(kb, ts, date)) {
                    em.ref = actor_ref(kb, *a, date);
                    em.how = "alias";
                    if (em.ref.type == "PER" && m.last > m.first) {
                        surnames[tok_key[m.last]] = em.ref;
                    }
                } else if (has_kind(ts, AliasTarget::country, &idx)) {
                    em.ref = country_ref(kb, idx);
                    em.how = "alias";
                } else if (has_kind(ts, AliasTarget::metonym, &idx)) {
                    em.ref = country_ref(kb, idx);
                    em.ref.name = std::string(doc.slice(span));
                    em.how = "metonym";
                } else if (has_kind(ts, AliasTarget::capital, &idx)) {
                    em.ref = ActorRef{"", kb.countries[idx].capital, "GPE", kb.countries[idx].iso3, ""};
                    em.how = "capital";
                } else if (has_kind(ts, AliasTarget::demonym, &idx)) {
                    em.ref = country_ref(kb, idx);
                    em.ref.type = "NORP";
                    em.ref.name = std::string(doc.slice(span));
                    em.how = "demonym";
                } else if (has_kind(ts, AliasTarget::place, &idx)) {
                    em.ref = ActorRef{"", kb.places[idx].name, "LOC", kb.places[idx].country, ""};
                    em.how = "place";
                } else {
                    ++i;
                    continue;
                }
                doc.entities.push_back(std::move(em));
                i = m.last + 1;
                continue;
            }
            // 2. a surname seen earlier in this document
            if (capitalised(tok)) {
                auto it = surnames.find(tok_key[i]);
                if (it != surnames.end()) {
                    doc.entities.push_back({doc.tokens[i].span, it->second, "surname", 0.9F});
                    ++i;
                    continue;
                }
            }
            // 3. "his Ukrainian counterpart": same role as the last person, other country
            std::string low = to_lower_ascii(tok);
            if (low == "counterpart" || low == "counterparts") {
                if (!doc.entities.empty() && doc.entities.back().ref.type == "NORP" &&
                    doc.entities.back().span.end + 1 >= doc.tokens[i].span.start) {
                    std::string country = doc.entities.back().ref.country;
                    const EntityMention* prev = last_person(uint32_t(&s - doc.sentences.data()), "");
                    if (prev) {
                        const KbRole* r = role_on(kb, prev->ref.kb_id, date);
                        if (const KbActor* h = r ? holder_of(kb, r->role, country, date) : nullptr) {
                            Span sp{doc.entities.back().span.start, doc.tokens[i].span.end};
                            doc.entities.pop_back();
                            doc.entities.push_back({sp, actor_ref(kb, *h, date), "description", 0.7F});
                        }
                    }
                }
                ++i;
                continue;
            }
            // 4. pronouns in the subject slot: the nearest person
            if (low == "he" || low == "she") {
                if (const EntityMention* prev = last_person(uint32_t(&s - doc.sentences.data()), "")) {
                    ActorRef ref = prev->ref;
                    doc.entities.push_back({doc.tokens[i].span, ref, "pronoun", 0.5F});
                }
            }
            ++i;
        }
    }
}

}  // namespace parley
