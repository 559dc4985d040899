// Claims: direct quotations (straight, curly and guillemet quotes, across sentences and
// paragraphs) and reported speech ("X said that ...", "according to X", "X told reporters",
// "TASS quoted X as saying"), each with its speaker (a linked entity, pronoun, description,
// unlinked name or an anonymous source phrase), the chain of sources that relays it, and what
// it disputes ("dismissed suggestions that ...", "an account Kyiv rejects", "declined to
// comment").
#include "claims/claims.hpp"

#include <algorithm>
#include <fstream>

#include "util/util.hpp"

namespace parley {
namespace {

struct Ctx {
    const Document& doc;
    const ClaimLexicon& lex;
    std::vector<std::string> low;
    std::vector<int32_t> entity_at;  // token -> index into doc.entities
};


bool is_open_quote(std::string_view t) { return t == "\"" || t == "\xE2\x80\x9C" || t == "\xC2\xAB"; }
bool is_close_quote(std::string_view t) { return t == "\"" || t == "\xE2\x80\x9D" || t == "\xC2\xBB"; }

// Length of the phrase of class `cls` starting at token i (0 when none).
uint32_t phrase_at(const Ctx& c, std::string_view cls, uint32_t i, uint32_t end) {
    auto it = c.lex.phrases.find(std::string(cls));
    if (it == c.lex.phrases.end()) return 0;
    uint32_t best = 0;
    for (const auto& p : it->second) {
        if (i + p.size() > end || p.size() <= best) continue;
        bool ok = true;
        for (size_t k = 0; ok && k < p.size(); ++k) ok = c.low[i + k] == p[k];
        if (ok) best = uint32_t(p.size());
    }
    return best;
}

bool speaker_entity(const EntityMention& e) {
    return e.ref.type == "PER" || e.ref.type == "ORG" || e.ref.type == "GPE" || e.how == "pronoun" ||
           e.how == "description" || e.how == "nominal";
}

bool starts_upper(std::string_view t) { return !t.empty() && t[0] >= 'A' && t[0] <= 'Z'; }

// A source phrase at tokens [i, ...): a linked entity, an anonymous phrase ("a senior
// official in the delegation"), or a capitalised name. Returns the link and its token end.
struct Source {
    SourceLink link;
    ActorRef ref;
    Span span;
    uint32_t end_tok = 0;
    bool found = false;
};

// A source linked to the KB actor behind an entity mention (or a title standing for it).
Source linked_source(const ActorRef& ref, Span span, uint32_t end_tok) {
    return {{ref.name, ref.kb_id, false, ""}, ref, span, end_tok, true};
}

// A source known only by its words ("a member of the US delegation", "Reuters").
Source unlinked_source(const Document& doc, Span span, uint32_t end_tok, bool anonymous) {
    Source s;
    s.link = {std::string(doc.slice(span)), "", anonymous, ""};
    s.ref.name = s.link.name;
    s.span = span;
    s.end_tok = end_tok;
    s.found = true;
    return s;
}

Source source_at(const Ctx& c, uint32_t i, uint32_t end, bool to_end = false) {
    Source s;
    const Document& doc = c.doc;
    if (i >= end) return s;
    // "the Ministry of Foreign Affairs of Russia": the article before a linked name
    if (c.low[i] == "the" && i + 1 < end && c.entity_at[i] < 0 && c.entity_at[i + 1] >= 0) ++i;
    if (c.entity_at[i] >= 0) {
        const EntityMention& e = doc.entities[size_t(c.entity_at[i])];
        if (!speaker_entity(e)) return s;
        uint32_t j = i;
        while (j + 1 < end && c.entity_at[j + 1] == c.entity_at[i]) ++j;
        return linked_source(e.ref, e.span, j + 1);
    }
    // "a member of the US delegation", "a senior State Department official", "sources close to"
    uint32_t j = i;
    bool indefinite = phrase_at(c, "indefinite", i, end) > 0;
    if (indefinite || phrase_at(c, "anon_head", i, end)) {
        for (uint32_t k = i; k < end && k < i + 7; ++k) {
            if (phrase_at(c, "anon_head", k, end)) {
                j = k + 1;
                // "... of/in/from the Ukrainian delegation"
                if (j + 1 < end && (c.low[j] == "of" || c.low[j] == "in" || c.low[j] == "from" || c.low[j] == "close")) {
                    uint32_t m = j + 1;
                    if (c.low[j] == "close" && m < end && c.low[m] == "to") ++m;
                    while (m < end && m < j + 6 && c.low[m] != "," && c.low[m] != "." && !phrase_at(c, "speech", m, end) &&
                           c.low[m] != "who")
                        ++m;
                    j = m;
                }
                return unlinked_source(doc, {doc.tokens[i].span.start, doc.tokens[j - 1].span.end}, j, true);
            }
            if (c.low[k] == "," || c.low[k] == ".") break;
        }
    }
    // "the minister underlined", "the president said": a title standing for the person who
    // holds it and was named last (within three sentences)
    if (c.low[i] == "the" && i + 2 <= end && c.entity_at[i + 1] < 0 && !starts_upper(doc.slice(doc.tokens[i + 1].span)) &&
        (i + 2 == end || c.low[i + 2] == "." || phrase_at(c, "speech", i + 2, end) || phrase_at(c, "relay", i + 2, end))) {
        const std::string& title = c.low[i + 1];
        uint32_t here = doc.tokens[i].span.start;
        uint32_t sent = doc.tokens[i].sentence;
        for (size_t e = doc.entities.size(); e-- > 0;) {
            const EntityMention& m = doc.entities[e];
            if (m.span.end > here) continue;
            uint32_t mt = uint32_t(std::lower_bound(doc.tokens.begin(), doc.tokens.end(), m.span.start,
                                                    [](const Token& t, uint32_t o) { return t.span.end <= o; }) -
                                   doc.tokens.begin());
            if (mt >= doc.tokens.size() || doc.tokens[mt].sentence + 3 < sent) break;
            if (m.ref.type != "PER" || title.size() < 4 || lower_token_key(m.ref.role).find(title) == std::string::npos) continue;
            return linked_source(m.ref, {doc.tokens[i].span.start, doc.tokens[i + 1].span.end}, i + 2);
        }
    }
    // "the President's Office said", "the Chinese foreign ministry said": a definite phrase
    // with a capitalised word, up to the verb or punctuation.
    if (c.low[i] == "the" && i + 1 < end) {
        bool capital = false;
        uint32_t k = i + 1;
        for (; k < end && k < i + 8; ++k) {
            if (c.low[k] == "," || c.low[k] == "." || phrase_at(c, "speech", k, end) || phrase_at(c, "relay", k, end) ||
                is_open_quote(doc.slice(doc.tokens[k].span)))
                break;
            capital |= starts_upper(doc.slice(doc.tokens[k].span));
        }
        // after its verb ("..., tweeted the Ministry of Foreign Affairs.") the phrase may run to
        // the end of the sentence
        bool closes = to_end && (k >= end || c.low[k] == ".");
        if (capital && k > i + 1 && (closes || (k < end && (phrase_at(c, "speech", k, end) || phrase_at(c, "relay", k, end))))) {
            return unlinked_source(doc, {doc.tokens[i].span.start, doc.tokens[k - 1].span.end}, k, false);
        }
    }
    // A capitalised name the KB does not know ("Reuters", "Dmytro Kuleba").
    while (i < end && phrase_at(c, "not_source", i, end)) ++i;
    if (i < end && starts_upper(doc.slice(doc.tokens[i].span)) && c.entity_at[i] < 0) {
        j = i;
        while (j + 1 < end && j < i + 3 && starts_upper(doc.slice(doc.tokens[j + 1].span)) && c.entity_at[j + 1] < 0) ++j;
        return unlinked_source(doc, {doc.tokens[i].span.start, doc.tokens[j].span.end}, j + 1, false);
    }
    return s;
}

// How long a relative clause between a speaker and its verb may be ("Cavusoglu, who announced
// Erdogan was due to speak with Putin earlier in the day, said"), in tokens.
constexpr uint32_t kRelativeClause = 24;

// The source whose phrase ends right before token `i` (skipping a comma or title words is
// not needed: entity spans include the name, and pronouns are single tokens).
Source source_before(const Ctx& c, uint32_t i, uint32_t first) {
    uint32_t name_end = i;  // where an unlinked name would end (before a skipped relative clause)
    for (uint32_t k = i; k-- > first && k + 8 >= i;) {
        if (c.low[k] == ",") {
            // "A European diplomat, who asked to remain anonymous, said": skip the relative clause
            uint32_t p = k;
            while (p > first && p + kRelativeClause > k && c.low[p - 1] != "who" && c.low[p - 1] != "which") --p;
            if (p > first + 1 && p + kRelativeClause > k && c.low[p - 2] == ",") {
                k = p - 2;
                name_end = k;
                i = k + 1;  // the window of names now ends at the relative clause
                continue;
            }
            break;
        }
        if (c.low[k] == "." || is_close_quote(c.doc.slice(c.doc.tokens[k].span))) break;
        if (c.entity_at[k] >= 0) {
            uint32_t b = k;
            while (b > first && c.entity_at[b - 1] == c.entity_at[k]) --b;
            Source s = source_at(c, b, i);
            if (s.found) return s;
            continue;
        }
        // anonymous phrase ending here: scan back for its determiner
        if (phrase_at(c, "anon_head", k, i)) {
            for (uint32_t b = k + 1; b-- > first && b + 7 > k;) {
                if (phrase_at(c, "indefinite", b, i)) {
                    Source s = source_at(c, b, i);
                    if (s.found) return s;
                    break;
                }
            }
        }
    }
    // capitalised name right before the verb (or before the relative clause skipped)
    if (name_end > first && starts_upper(c.doc.slice(c.doc.tokens[name_end - 1].span))) {
        uint32_t b = name_end - 1;
        while (b > first && b + 3 > name_end && starts_upper(c.doc.slice(c.doc.tokens[b - 1].span))) --b;
        while (b < name_end && phrase_at(c, "not_source", b, name_end)) ++b;
        if (b < name_end) return source_at(c, b, name_end);
    }
    return {};
}

void mark_anonymity(const Ctx& c, const Sentence& s, Claim& cl) {
    uint32_t end = s.first_token + s.token_count;
    for (uint32_t t = s.first_token; t < end; ++t)
        if (phrase_at(c, "anonymity", t, end)) {
            if (!cl.chain.empty()) cl.chain.back().anonymous = true;
            return;
        }
}

// The sentence's chain: "<Outlet> quoted <X> as saying", "<X> told <Outlet>", "citing <X>".
void add_relays(const Ctx& c, const Sentence& s, Claim& cl) {
    uint32_t end = s.first_token + s.token_count;
    for (uint32_t t = s.first_token; t < end; ++t) {
        if (!phrase_at(c, "relay", t, end)) continue;
        if (c.low[t] == "citing" || c.low[t] == "cited" || c.low[t] == "cites") {
            Source src = source_at(c, t + 1, end);
            if (src.found) {
                src.link.relation = "citing";
                cl.chain.push_back(src.link);
            }
            continue;
        }
        Source outlet = source_before(c, t, s.first_token);
        if (!outlet.found) continue;
        outlet.link.relation = c.low[t];
        bool known = false;
        for (auto& l : cl.chain) known |= l.name == outlet.link.name;
        if (!known) cl.chain.insert(cl.chain.begin(), outlet.link);
    }
}

void add_speaker(Claim& cl, const Source& s, std::string relation) {
    cl.speaker = s.ref;
    cl.speaker_span = s.span;
    SourceLink link = s.link;
    link.relation = std::move(relation);
    for (auto& l : cl.chain)
        if (l.name == link.name) return;
    cl.chain.push_back(link);
}

// "dismissed suggestions that ...", "denied reports that ...", "declined to comment".
void find_disputes(const Ctx& c, const Sentence& s, uint32_t from, Claim& cl) {
    uint32_t end = s.first_token + s.token_count;
    for (uint32_t t = from; t < end; ++t) {
        if (uint32_t n = phrase_at(c, "no_comment", t, end)) {
            uint32_t k = t + n;
            if (k < end && c.low[k] == "on") ++k;
            Span sp = k + 1 < end ? Span{c.doc.tokens[k].span.start, s.span.end} : Span{};
            std::string what = sp.empty() ? std::string() : std::string(c.doc.slice(sp));
            cl.disputes.push_back("no comment" + (what.empty() ? std::string() : ": " + what));
            cl.dispute_spans.push_back(sp);
            return;
        }
        if (!phrase_at(c, "dispute", t, end)) continue;
        uint32_t k = t + 1;
        // "denied (the) (Western) reports that ...": the disputed noun may come after a
        // determiner and a modifier
        uint32_t obj = k, obj_len = 0;
        for (; obj < end && obj < k + 3; ++obj)
            if ((obj_len = phrase_at(c, "dispute_object", obj, end))) break;
        if (obj_len) k = obj + obj_len;
        else if (k < end && c.low[k] == "the") ++k;
        if (k < end && c.low[k] == "that") ++k;
        if (k + 1 >= end) {
            // "..., an account Kyiv rejects." : what is rejected is the clause before
            uint32_t stop = t;
            for (uint32_t b = t; b-- > s.first_token;)
                if (c.low[b] == ",") {
                    stop = b;
                    break;
                }
            if (stop > s.first_token && stop < t) {
                Span sp{s.span.start, c.doc.tokens[stop - 1].span.end};
                cl.disputes.emplace_back(trim(c.doc.slice(sp)));
                cl.dispute_spans.push_back(sp);
            } else if (t + 1 < end) {
                // "Moscow denied the reports.": the object only refers back
                Span sp{c.doc.tokens[t + 1].span.start, s.span.end};
                cl.disputes.emplace_back(trim(c.doc.slice(sp)));
                cl.dispute_spans.push_back(sp);
            }
            return;
        }
        if (k < end) {
            Span sp{c.doc.tokens[k].span.start, s.span.end};
            cl.disputes.emplace_back(trim(c.doc.slice(sp)));
            cl.dispute_spans.push_back(sp);
        }
        return;
    }
}

bool overlaps(const Span& a, const Span& b) { return a.start < b.end && b.start < a.end; }

// Does the disputed text name its object by content ("denied that the two met") or only by
// a noun that refers back ("the report", "these claims", "did not comment")? Only the second
// kind reaches back to an earlier claim.
bool refers_back(const Ctx& c, const Span& sp) {
    if (sp.empty()) return true;
    uint32_t t = uint32_t(std::lower_bound(c.doc.tokens.begin(), c.doc.tokens.end(), sp.start,
                                           [](const Token& tok, uint32_t o) { return tok.span.end <= o; }) -
                          c.doc.tokens.begin());
    uint32_t words = 0;
    for (uint32_t k = t; k < c.doc.tokens.size() && c.doc.tokens[k].span.start < sp.end; ++k)
        if (c.low[k] != "." && c.low[k] != ",") ++words;
    if (t >= c.doc.tokens.size()) return true;
    uint32_t end = uint32_t(c.doc.tokens.size());
    return words <= 4 && (phrase_at(c, "dispute_anaphor", t, end) > 0 || phrase_at(c, "dispute_object", t, end) > 0);
}

// Tie each dispute to what it disputes: the events and other claims inside the disputed
// text; when the text only refers back ("did not comment on the report"), the nearest
// earlier claim by another speaker a few sentences back (and its events), else the events of
// the sentence before.
void link_disputes(const Ctx& c, Document& doc) {
    constexpr uint32_t kBack = 3;  // sentences a "the report" may reach back
    for (size_t ci = 0; ci < doc.claims.size(); ++ci) {
        Claim& cl = doc.claims[ci];
        for (const Span& sp : cl.dispute_spans) {
            bool found = false;
            if (!sp.empty()) {
                for (size_t e = 0; e < doc.events.size(); ++e)
                    if (overlaps(doc.events[e].trigger, sp) && doc.events[e].trigger.start >= sp.start) {
                        cl.disputed_events.push_back(uint32_t(e));
                        found = true;
                    }
                for (size_t o = 0; o < doc.claims.size(); ++o)
                    if (o != ci && overlaps(doc.claims[o].content, sp) && doc.claims[o].sentence != cl.sentence) {
                        cl.disputed_claims.push_back(uint32_t(o));
                        found = true;
                    }
            }
            if (found || !refers_back(c, sp)) continue;
            for (size_t o = ci; o-- > 0;) {
                const Claim& prev = doc.claims[o];
                if (prev.sentence + kBack < cl.sentence) break;
                if (prev.sentence == cl.sentence && prev.content.start >= cl.cue.start) continue;
                if (!cl.speaker.name.empty() && prev.speaker.name == cl.speaker.name) continue;
                cl.disputed_claims.push_back(uint32_t(o));
                for (size_t e = 0; e < doc.events.size(); ++e)
                    if (overlaps(doc.events[e].trigger, prev.content)) cl.disputed_events.push_back(uint32_t(e));
                found = true;
                break;
            }
            if (found || cl.sentence == 0) continue;
            for (size_t e = 0; e < doc.events.size(); ++e)
                if (doc.events[e].sentence + 1 == cl.sentence) cl.disputed_events.push_back(uint32_t(e));
        }
        std::sort(cl.disputed_events.begin(), cl.disputed_events.end());
        cl.disputed_events.erase(std::unique(cl.disputed_events.begin(), cl.disputed_events.end()), cl.disputed_events.end());
        std::sort(cl.disputed_claims.begin(), cl.disputed_claims.end());
        cl.disputed_claims.erase(std::unique(cl.disputed_claims.begin(), cl.disputed_claims.end()), cl.disputed_claims.end());
    }
}

}  // namespace

std::shared_ptr<const ClaimLexicon> load_claim_lexicon(const std::string& dir) {
    auto lex = std::make_shared<ClaimLexicon>();
    for_each_tsv_row(dir + "/cues.tsv", [&](std::vector<std::string>& cols, const std::vector<std::string>&) {
        if (cols.size() < 2) return;
        std::vector<std::string> words;
        for (auto w : split(cols[1], ' '))
            if (!trim(w).empty()) words.push_back(lower_token_key(trim(w)));
        if (!words.empty()) lex->phrases[cols[0]].push_back(std::move(words));
    });
    return lex;
}

void extract_claims(Document& doc) {
    static const std::shared_ptr<const ClaimLexicon> lex = load_claim_lexicon(data_dir() + "/claims");
    extract_claims(doc, *lex);
}

void extract_claims(Document& doc, const ClaimLexicon& lex) {
    doc.claims.clear();
    if (doc.tokens.empty() || doc.sentences.empty()) return;
    Ctx c{doc, lex, {}, {}};
    size_t n = doc.tokens.size();
    c.low.resize(n);
    for (size_t i = 0; i < n; ++i) c.low[i] = lower_token_key(doc.slice(doc.tokens[i].span));
    c.entity_at.assign(n, -1);
    for (size_t e = 0; e < doc.entities.size(); ++e) {
        const Span& sp = doc.entities[e].span;
        auto it = std::lower_bound(doc.tokens.begin(), doc.tokens.end(), sp.start,
                                   [](const Token& t, uint32_t o) { return t.span.end <= o; });
        for (size_t t = size_t(it - doc.tokens.begin()); t < n && doc.tokens[t].span.start < sp.end; ++t)
            if (c.entity_at[t] < 0) c.entity_at[t] = int32_t(e);
    }
    auto sentence_of = [&](uint32_t tok) { return doc.tokens[tok].sentence; };

    // 1. Direct quotations over the whole text: an opening mark to its closing mark, across
    //    sentences; a paragraph that ends inside a quote continues when the next paragraph
    //    opens with a quote mark (the newspaper convention for multi-paragraph quotes).
    std::vector<bool> quoted(n, false);
    constexpr uint32_t kMaxQuote = 400;  // tokens; a lost closing mark must not swallow the text
    for (uint32_t i = 0; i < n; ++i) {
        if (!is_open_quote(doc.slice(doc.tokens[i].span))) continue;
        uint32_t j = i + 1;
        while (j < n && j < i + kMaxQuote) {
            // a new paragraph ends the quote unclosed unless it reopens it
            uint32_t si = sentence_of(j), sp = sentence_of(j - 1);
            bool new_paragraph = si != sp && si < doc.sentences.size() &&
                                 doc.sentences[si].paragraph != doc.sentences[sp].paragraph;
            if (new_paragraph) {
                if (!is_open_quote(doc.slice(doc.tokens[j].span))) break;
                ++j;  // the reopening mark, not a closing one
                continue;
            }
            if (is_close_quote(doc.slice(doc.tokens[j].span))) break;
            ++j;
        }
        if (j >= n || j >= i + kMaxQuote || !is_close_quote(doc.slice(doc.tokens[j].span))) continue;
        if (j - i < 4) {  // scare quotes around a word or two are not claims
            i = j;
            continue;
        }
        Claim cl;
        cl.direct = true;
        cl.sentence = sentence_of(i);
        cl.content = {doc.tokens[i + 1].span.start, doc.tokens[j - 1].span.end};
        cl.cue = {doc.tokens[i].span.start, doc.tokens[j].span.end};
        for (uint32_t t = i; t <= j; ++t) quoted[t] = true;
        // speaker after the quote: `," he said` / `," said Lavrov` / `," the minister told reporters`
        uint32_t cs_index = sentence_of(j);
        uint32_t cend = doc.sentences[cs_index].first_token + doc.sentences[cs_index].token_count;
        uint32_t k = j + 1;
        auto attribution_gap = [&](uint32_t t) {
            return c.low[t] == "," || c.low[t] == "." || c.low[t] == "-" || c.low[t] == "\xE2\x80\x93" ||
                   c.low[t] == "\xE2\x80\x94";
        };
        // `,” he said`, `.” – noted the president`
        while (k < cend && attribution_gap(k)) ++k;
        // the splitter may have cut the attribution into a sentence of its own ("– noted the
        // president."): take it when that sentence opens with a dash or a speech verb
        if (k >= cend && cs_index + 1 < doc.sentences.size() && k < n) {
            const Sentence& next = doc.sentences[cs_index + 1];
            uint32_t nend = next.first_token + next.token_count;
            uint32_t t = next.first_token;
            while (t < nend && attribution_gap(t)) ++t;
            if (t < nend && (t > next.first_token || phrase_at(c, "speech", t, nend))) {
                k = t;
                cend = nend;
            }
        }
        Source sp;
        std::string rel = "said";
        if (k < cend && phrase_at(c, "speech", k, cend)) {
            rel = c.low[k];
            sp = source_at(c, k + 1, cend, true);
        } else if (k < cend) {
            Source s = source_at(c, k, cend);
            if (s.found && s.end_tok < cend && (phrase_at(c, "speech", s.end_tok, cend) || phrase_at(c, "relay", s.end_tok, cend))) {
                rel = c.low[s.end_tok];
                sp = s;
            }
        }
        // speaker before the quote: `Lavrov said: “...”`, `Lavrov told reporters, “...”`
        if (!sp.found) {
            const Sentence& os = doc.sentences[sentence_of(i)];
            // the nearest speech verb before the quote in its sentence ("Macron said the call
            // had been “frank”", "Lavrov told reporters: “...”")
            for (uint32_t v = i; v-- > os.first_token;) {
                if (quoted[v]) break;
                if (phrase_at(c, "speech", v, i) || phrase_at(c, "relay", v, i)) {
                    rel = c.low[v];
                    sp = source_before(c, v, os.first_token);
                    break;
                }
            }
        }
        // a quote standing alone continues the previous direct quote's speaker
        if (!sp.found && !doc.claims.empty() && doc.claims.back().direct && !doc.claims.back().speaker.name.empty() &&
            cl.sentence <= doc.claims.back().sentence + 2) {
            cl.speaker = doc.claims.back().speaker;
            cl.speaker_span = doc.claims.back().speaker_span;
            cl.chain = doc.claims.back().chain;
        }
        if (sp.found) add_speaker(cl, sp, rel);
        const Sentence& ss = doc.sentences[cl.sentence];
        add_relays(c, ss, cl);
        mark_anonymity(c, ss, cl);
        doc.claims.push_back(std::move(cl));
        i = j;
    }

    // 2. Reported speech, one claim per sentence outside quotations.
    for (uint32_t si = 0; si < doc.sentences.size(); ++si) {
        const Sentence& s = doc.sentences[si];
        uint32_t end = s.first_token + s.token_count;
        if (end > n) continue;
        for (uint32_t i = s.first_token; i < end; ++i) {
            if (quoted[i]) continue;
            uint32_t acc = phrase_at(c, "according", i, end);
            bool speech = !acc && (phrase_at(c, "speech", i, end) || phrase_at(c, "dispute", i, end) ||
                                   phrase_at(c, "no_comment", i, end) || phrase_at(c, "relay", i, end));
            if (!acc && !speech) continue;
            if (speech && (c.low[i] == "cited" || c.low[i] == "citing")) continue;
            // `," he said` and `He said: “...”` attribute a quotation already taken
            bool near_quote = false;
            for (uint32_t q = std::max(s.first_token, i > 3 ? i - 3 : 0U); q < std::min(end, i + 4); ++q)
                near_quote |= quoted[q];  // (in this sentence: a quote closing the last one is not near)
            if (near_quote) continue;
            Claim cl;
            cl.sentence = si;
            cl.cue = doc.tokens[i].span;
            uint32_t no_comment = acc ? 0 : phrase_at(c, "no_comment", i, end);
            std::string rel = acc ? "according to" : no_comment ? "no comment" : c.low[i];
            if (acc) {
                Source src = source_at(c, i + acc, end);
                if (!src.found && i + acc < end) {
                    uint32_t j = i + acc;
                    while (j < end && c.low[j] != "," && c.low[j] != ".") ++j;
                    if (j > i + acc) {
                        Span sp{doc.tokens[i + acc].span.start, doc.tokens[j - 1].span.end};
                        src.link = {std::string(doc.slice(sp)), "", false, ""};
                        src.ref.name = src.link.name;
                        src.span = sp;
                        src.end_tok = j;
                        src.found = true;
                    }
                }
                if (src.found) add_speaker(cl, src, rel);
                uint32_t after = src.found ? src.end_tok : i + acc;
                if (i == s.first_token) {
                    // "According to X, content."
                    while (after < end && c.low[after] == ",") ++after;
                    if (after < end) cl.content = {doc.tokens[after].span.start, s.span.end};
                } else {
                    // "content, according to X."
                    uint32_t stop = i;
                    while (stop > s.first_token && c.low[stop - 1] == ",") --stop;
                    if (stop > s.first_token) cl.content = {s.span.start, doc.tokens[stop - 1].span.end};
                }
            } else {
                Source src = source_before(c, i, s.first_token);
                // "Cavusoglu, who announced Erdogan was due to ..., said": the relative
                // pronoun's antecedent speaks, and the content ends with the relative clause
                bool relative = false, inverted = false;
                if (!src.found && i > s.first_token + 1 && c.low[i - 1] == "who") {
                    uint32_t b = i - 1;
                    if (b > s.first_token && c.low[b - 1] == ",") --b;
                    Source a = source_before(c, b, s.first_token);
                    if (a.found) {
                        src = a;
                        relative = true;
                    }
                }
                // "The talks failed ..., said Ukrainian Foreign Minister Dmytro Kuleba": the
                // speaker follows its verb and the content came first
                if (!src.found && i > s.first_token + 2 && c.low[i - 1] == "," && phrase_at(c, "speech", i, end)) {
                    Source a;
                    for (uint32_t k = i + 1; k < end && k < i + 9 && c.low[k] != "," && c.low[k] != "."; ++k)
                        if (c.entity_at[k] >= 0 && (k == i + 1 || c.entity_at[k - 1] != c.entity_at[k])) {
                            a = source_at(c, k, end);
                            if (a.found) break;
                        }
                    if (!a.found) a = source_at(c, i + 1, end);
                    if (a.found) {
                        src = a;
                        inverted = true;
                    }
                }
                // "X quoted Y as saying": the outlet is in the chain, Y speaks
                if (phrase_at(c, "relay", i, end) && (c.low[i] == "quoted" || c.low[i] == "quotes")) {
                    // the speaker is the last name before "as saying" ("quoted Kremlin
                    // spokesman Dmitry Peskov as saying")
                    Source y;
                    for (uint32_t k = i + 1; k < end && k < i + 9 && c.low[k] != "as" && c.low[k] != ","; ++k) {
                        if (c.entity_at[k] < 0 || (k > i + 1 && c.entity_at[k - 1] == c.entity_at[k])) continue;
                        Source cand = source_at(c, k, end);
                        if (cand.found) y = cand;
                    }
                    if (!y.found) y = source_at(c, i + 1, end);
                    if (y.found) {
                        if (src.found) {
                            src.link.relation = "quotes";
                            cl.chain.push_back(src.link);
                        }
                        src = y;
                        rel = "said";
                        i = y.end_tok;
                        while (i < end && (c.low[i] == "as" || c.low[i] == "saying")) ++i;
                        --i;
                    }
                }
                if (src.found) add_speaker(cl, src, rel);
                uint32_t k = i + 1;
                if (no_comment) {
                    // "did not comment on the report": what was not commented on
                    k = i + no_comment;
                    if (k < end && c.low[k] == "on") ++k;
                }
                // "The talks will resume, Ukrinform writes, citing ...": the content is before
                // the speaker when a comma sets the attribution off
                bool before_speaker = false;
                if (src.found && !no_comment) {
                    uint32_t sf = i;
                    while (sf > s.first_token && doc.tokens[sf - 1].span.start >= src.span.start) --sf;
                    if (sf > s.first_token + 2 && c.low[sf - 1] == "," && (k >= end || c.low[k] == "," || c.low[k] == ".")) {
                        cl.content = {s.span.start, doc.tokens[sf - 2].span.end};
                        before_speaker = true;
                    }
                }
                if (inverted) {
                    cl.content = {s.span.start, doc.tokens[i - 2].span.end};
                    before_speaker = true;
                }
                // "told reporters", "told Reuters": the audience or outlet is not content
                if (rel == "told" && k < end) {
                    if (uint32_t a = phrase_at(c, "audience", k, end)) {
                        k += a;
                    } else {
                        Source to = source_at(c, k, end);
                        if (to.found && !to.link.anonymous) {
                            to.link.relation = "told";
                            cl.chain.insert(cl.chain.begin(), to.link);
                            k = to.end_tok;
                        }
                    }
                }
                // "told a news conference afterwards that ...", "said on Friday that ...":
                // the content starts after a nearby "that"
                for (uint32_t t = k; t < end && t < k + 6; ++t) {
                    if (c.low[t] == "," || quoted[t]) break;
                    if (c.low[t] == "that") {
                        k = t + 1;
                        break;
                    }
                }
                while (k < end && c.low[k] == ",") ++k;
                uint32_t last = end;
                while (last > k && (c.low[last - 1] == "." || quoted[last - 1])) --last;
                if (relative)
                    for (uint32_t t = k; t < last; ++t)
                        if (c.low[t] == ",") {
                            last = t;
                            break;
                        }
                if (before_speaker) {
                    // content already set
                } else if (k < last) {
                    cl.content = {doc.tokens[k].span.start, doc.tokens[last - 1].span.end};
                } else {
                    // "..., Lavrov said." : the content came before the speaker
                    uint32_t before = i;
                    if (src.found) {
                        while (before > s.first_token && doc.tokens[before - 1].span.start >= src.span.start) --before;
                    }
                    while (before > s.first_token && c.low[before - 1] == ",") --before;
                    if (before > s.first_token) cl.content = {s.span.start, doc.tokens[before - 1].span.end};
                }
                find_disputes(c, s, i, cl);
            }
            // two words are no statement ("said on Thursday" after a doubled verb, "noted the
            // president" after a quotation whose attribution the splitter cut off)
            uint32_t content_words = 0;
            for (uint32_t t = s.first_token; t < end; ++t)
                content_words += doc.tokens[t].span.start >= cl.content.start && doc.tokens[t].span.end <= cl.content.end;
            if (content_words < 3 && cl.disputes.empty()) continue;
            add_relays(c, s, cl);
            mark_anonymity(c, s, cl);
            // A further attribution after this claim's content ("..., and Erdogan said on
            // Monday ...", or a sentence the splitter joined after a quotation) is a claim of its
            // own; speech verbs inside the content are part of it.
            uint32_t resume = i;
            while (resume + 1 < end && doc.tokens[resume + 1].span.start < cl.content.end) ++resume;
            if (cl.content.end > doc.tokens[i].span.start) i = resume;
            doc.claims.push_back(std::move(cl));
        }
    }
    std::stable_sort(doc.claims.begin(), doc.claims.end(), [](const Claim& a, const Claim& b) {
        return a.sentence < b.sentence;
    });
    // A quotation inside reported speech ("Kuleba said he raised it, but “unfortunately ...”")
    // is part of that claim, not a second one.
    std::vector<Claim> kept;
    for (size_t a = 0; a < doc.claims.size(); ++a) {
        const Claim& q = doc.claims[a];
        bool inside = false;
        for (size_t b = 0; b < doc.claims.size() && q.direct && !inside; ++b) {
            const Claim& r = doc.claims[b];
            inside = b != a && !r.direct && r.content.start <= q.content.start && q.content.end <= r.content.end + 4 &&
                     (q.speaker.name.empty() || r.speaker.name.empty() || q.speaker.name == r.speaker.name);
        }
        if (!inside) kept.push_back(q);
    }
    doc.claims = std::move(kept);
    link_disputes(c, doc);
}

}  // namespace parley
