#include "pipeline/pipeline.hpp"

#include "clean/clean.hpp"
#include "time/time.hpp"
#include "util/util.hpp"

namespace parley {

Resources load_resources(const std::string& data, const std::string& models) {
    std::string d = data.empty() ? data_dir() : data;
    std::string m = models.empty() ? models_dir() : models;
    Resources r;
    r.text_models = load_text_models(m);
    r.kb = load_kb(d + "/kb", m + "/ner/ner.model");
    r.events = load_event_lexicon(d + "/events");
    r.claims = load_claim_lexicon(d + "/claims");
    return r;
}

void process(Document& doc, const Resources& res) {
    clean_document(doc);
    analyze_text(doc, res.text_models.get());
    resolve_dct(doc);
    tag_timexes(doc);
    if (res.kb) link_entities(doc, *res.kb);
    if (res.events) extract_events(doc, *res.events);
    if (res.claims) extract_claims(doc, *res.claims);
}

namespace {
nlohmann::json ref_json(const ActorRef& a) {
    auto opt = [](const std::string& s) { return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s); };
    return {{"kb_id", opt(a.kb_id)}, {"name", a.name}, {"type", a.type}, {"country", opt(a.country)},
            {"role", opt(a.role)}};
}
}  // namespace

nlohmann::json annotations_json(const Document& doc) {
    using nlohmann::json;
    json j;
    j["doc"] = doc.id;
    j["dct"] = doc.dct.known() ? json(doc.dct.value) : json(nullptr);
    j["dct_source"] = to_string(doc.dct.source);
    j["dct_evidence"] = doc.dct.evidence;
    j["title"] = doc.title;
    j["outlet"] = doc.outlet;
    j["url"] = doc.url;
    j["text"] = doc.text;
    j["sentences"] = json::array();
    for (const auto& s : doc.sentences) j["sentences"].push_back({{"start", s.span.start}, {"end", s.span.end}});
    j["tokens"] = json::array();
    for (const auto& t : doc.tokens) {
        json tj = {{"start", t.span.start}, {"end", t.span.end}};
        if (!t.upos.empty()) {
            tj["upos"] = t.upos;
            tj["xpos"] = t.xpos;
            tj["lemma"] = t.lemma;
            tj["head"] = t.head;
            tj["deprel"] = t.deprel;
        }
        j["tokens"].push_back(std::move(tj));
    }
    j["entities"] = json::array();
    for (const auto& e : doc.entities) {
        json ej = ref_json(e.ref);
        ej["start"] = e.span.start;
        ej["end"] = e.span.end;
        ej["text"] = std::string(doc.slice(e.span));
        ej["how"] = e.how;
        ej["confidence"] = e.confidence;
        j["entities"].push_back(std::move(ej));
    }
    j["timexes"] = json::array();
    for (const auto& t : doc.timexes) {
        json tj = {{"start", t.span.start}, {"end", t.span.end}, {"text", std::string(doc.slice(t.span))},
                   {"type", t.type}, {"value", t.value}};
        if (!t.mod.empty()) tj["mod"] = t.mod;
        j["timexes"].push_back(std::move(tj));
    }
    j["events"] = json::array();
    for (const auto& e : doc.events) {
        json ej;
        ej["type"] = e.type;
        ej["mode"] = e.mode.empty() ? json(nullptr) : json(e.mode);
        ej["status"] = to_string(e.status);
        ej["date"] = e.date.empty() ? json(nullptr) : json(e.date);
        ej["date_text"] = e.date_text.empty() ? json(nullptr) : json(e.date_text);
        ej["date_basis"] = to_string(e.date_basis);
        ej["actors"] = json::array();
        for (auto& a : e.actors) ej["actors"].push_back(ref_json(a));
        ej["targets"] = json::array();
        for (auto& a : e.targets) ej["targets"].push_back(ref_json(a));
        ej["location"] = e.location ? json{{"name", e.location->name}, {"country", e.location->country}} : json(nullptr);
        ej["trigger"] = {{"start", e.trigger.start}, {"end", e.trigger.end}, {"text", std::string(doc.slice(e.trigger))}};
        const Sentence& s = doc.sentences[e.sentence];
        ej["sentence"] = {{"index", e.sentence}, {"start", s.span.start}, {"end", s.span.end}};
        ej["confidence"] = e.confidence;
        ej["summary"] = e.summary;
        j["events"].push_back(std::move(ej));
    }
    j["claims"] = json::array();
    for (const auto& c : doc.claims) {
        json cj;
        cj["speaker"] = c.speaker.name.empty() ? json(nullptr) : ref_json(c.speaker);
        cj["content"] = {{"start", c.content.start}, {"end", c.content.end}, {"text", std::string(doc.slice(c.content))}};
        cj["direct"] = c.direct;
        cj["chain"] = json::array();
        for (auto& l : c.chain)
            cj["chain"].push_back({{"name", l.name}, {"kb_id", l.kb_id.empty() ? json(nullptr) : json(l.kb_id)},
                                   {"anonymous", l.anonymous}, {"relation", l.relation}});
        cj["disputes"] = c.disputes;
        cj["disputed_claims"] = c.disputed_claims;
        cj["disputed_events"] = c.disputed_events;
        cj["sentence"] = c.sentence;
        j["claims"].push_back(std::move(cj));
    }
    j["fragments"] = json::array();
    for (const auto& f : doc.fragments)
        j["fragments"].push_back({{"start", f.span.start}, {"end", f.span.end}, {"script", f.script}, {"latin", f.latin}});
    j["removed"] = json::array();
    for (const auto& r : doc.removed) j["removed"].push_back({{"text", r.text}, {"reason", r.reason}});
    return j;
}

}  // namespace parley
