// Loading the event tables in data/events/ and resolving CAMEO codes to PLOVER.
#include <charconv>
#include <fstream>

#include "events/events.hpp"
#include "util/util.hpp"

namespace parley {
namespace {

std::vector<std::string> words_of(std::string_view s) {
    std::vector<std::string> out;
    for (auto w : split(s, ' '))
        if (!trim(w).empty()) out.push_back(to_lower_ascii(trim(w)));
    return out;
}

// Rows of a TSV with a header line (util's reader); the header itself is not needed here.
template <typename Fn>
void read_rows(const std::string& path, Fn fn) {
    for_each_tsv_row(path, [&](std::vector<std::string>& cols, const std::vector<std::string>&) { fn(cols); });
}

}  // namespace

bool EventLexicon::is(std::string_view cls, const std::string& word) const {
    auto it = function_words.find(std::string(cls));
    return it != function_words.end() && it->second.count(word) > 0;
}

std::shared_ptr<const EventLexicon> load_event_lexicon(const std::string& dir) {
    auto lex = std::make_shared<EventLexicon>();
    read_rows(dir + "/triggers.tsv", [&](std::vector<std::string>& c) {
        c.resize(4);
        TriggerPattern p{words_of(c[0]), c[1], c[2], c[3] == "n"};
        if (p.words.empty() || p.type.empty()) return;
        lex->by_first_word[p.words[0]].push_back(uint32_t(lex->triggers.size()));
        lex->triggers.push_back(std::move(p));
    });
    read_rows(dir + "/status_cues.tsv", [&](std::vector<std::string>& c) {
        c.resize(4);
        auto st = parse_event_status(c[1]);
        if (!st) return;
        int window = 6;
        if (!c[3].empty()) std::from_chars(c[3].data(), c[3].data() + c[3].size(), window);
        lex->cues.push_back(StatusCue{words_of(c[0]), *st, c[2] == "after", window});
    });
    read_rows(dir + "/plover.tsv", [&](std::vector<std::string>& c) {
        c.resize(4);
        lex->types[c[0]] = PloverType{c[0], c[1], c[3], c[2] == "yes"};
    });
    read_rows(dir + "/function_words.tsv", [&](std::vector<std::string>& c) {
        if (c.size() < 2 || c[1].empty()) return;
        lex->function_words[c[0]].insert(to_lower_ascii(c[1]));
    });
    // The KB's country table sits beside this folder; without it demonyms keep their surface.
    read_rows(dir + "/../kb/countries.tsv", [&](std::vector<std::string>& c) {
        if (c.size() >= 3 && !c[0].empty() && !c[2].empty()) lex->country_names[c[0]] = c[2];
    });
    read_rows(dir + "/cameo_plover.tsv", [&](std::vector<std::string>& c) {
        c.resize(3);
        if (c[0].empty()) return;
        lex->cameo_plover[c[0]] = {c[1] == "-" ? std::string() : c[1], c[2]};
    });
    std::unordered_set<std::string> skip;
    {
        std::ifstream in(dir + "/cameo_skip.txt");
        std::string line;
        while (std::getline(in, line)) {
            auto w = trim(line);
            if (!w.empty() && w[0] != '#') skip.insert(std::string(w));
        }
    }
    std::unordered_map<std::string, uint32_t> block_index;
    auto block_of = [&](const std::string& name) {
        auto [it, fresh] = block_index.emplace(name, uint32_t(lex->cameo_blocks.size()));
        if (fresh) lex->cameo_blocks.push_back(CameoBlock{name, {}, skip.count(name) > 0});
        return it->second;
    };
    read_rows(dir + "/cameo_verbs.tsv", [&](std::vector<std::string>& c) {
        if (c.size() < 5) return;
        if (c[0] == "syn") {
            auto& set = lex->synsets["&" + c[1]];
            for (auto w : split(c[2], '|'))
                if (!w.empty()) set.insert(std::string(w));
        } else if (c[0] == "verb") {
            CameoVerb v{words_of(c[2]), block_of(c[1]), c[4]};
            if (v.words.empty()) return;
            lex->cameo_by_first_word[v.words[0]].push_back(uint32_t(lex->cameo_verbs.size()));
            lex->cameo_verbs.push_back(std::move(v));
        } else if (c[0] == "pat") {
            CameoPattern p;
            if (c[2] != "-") p.pre = words_of(c[2]);
            if (c[3] != "-") p.post = words_of(c[3]);
            p.code = c[4];
            uint32_t b = block_of(c[1]);
            lex->cameo_blocks[b].patterns.push_back(uint32_t(lex->cameo_patterns.size()));
            lex->cameo_patterns.push_back(std::move(p));
        }
    });
    // Per-form replacements of CAMEO defaults (data/events/cameo_overrides.tsv).
    read_rows(dir + "/cameo_overrides.tsv", [&](std::vector<std::string>& c) {
        if (c.size() < 2) return;
        auto it = lex->cameo_by_first_word.find(to_lower_ascii(c[0]));
        if (it == lex->cameo_by_first_word.end()) return;
        for (uint32_t vi : it->second)
            if (lex->cameo_verbs[vi].words.size() == 1) lex->cameo_verbs[vi].code = c[1] == "-" ? "---" : c[1];
    });
    return lex;
}

CameoCode cameo_to_plover(const EventLexicon& lex, std::string_view code) {
    CameoCode out;
    code = trim(code);
    // "042:043" = the code for the subject's side first; ":020" = only the object's side, so
    // the grammatical subject is the one acted upon.
    std::string_view own = code;
    if (auto colon = code.find(':'); colon != std::string_view::npos) {
        own = code.substr(0, colon);
        if (own.empty()) {
            own = code.substr(colon + 1);
            out.subject_is_target = true;
        }
    }
    if (own.empty() || own.front() < '0' || own.front() > '9') return out;
    for (size_t n = own.size(); n >= 2; --n) {
        auto it = lex.cameo_plover.find(std::string(own.substr(0, n)));
        if (it == lex.cameo_plover.end()) continue;
        out.type = it->second.first;
        out.mode = it->second.second;
        return out;
    }
    return out;
}

}  // namespace parley
