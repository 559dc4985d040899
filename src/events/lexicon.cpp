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

template <typename Fn>
void read_rows(const std::string& path, Fn fn) {
    std::ifstream in(path);
    std::string line;
    bool header = true;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        if (header) {
            header = false;
            continue;
        }
        std::vector<std::string> cols;
        for (auto c : split(line, '\t')) cols.emplace_back(c);
        fn(cols);
    }
}

}  // namespace

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
        StatusCue q{words_of(c[0]), *st, c[2] == "after", c[3].empty() ? 6 : std::stoi(c[3])};
        lex->cues.push_back(std::move(q));
    });
    read_rows(dir + "/plover.tsv", [&](std::vector<std::string>& c) {
        c.resize(4);
        lex->types[c[0]] = PloverType{c[0], c[1], c[3], c[2] == "yes"};
    });
    return lex;
}

}  // namespace parley
