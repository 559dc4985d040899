// Loading the actor knowledge base from TSV files and building the alias index.
#include <unicode/translit.h>

#include <algorithm>
#include <fstream>
#include <mutex>

#include <cstdio>
#include <filesystem>

#include "entities/entities.hpp"
#include "entities/ner.hpp"
#include "util/util.hpp"

namespace parley {
namespace {

using Row = std::vector<std::string>;

template <typename Fn>
void read_tsv(const std::string& path, Fn fn) {
    for_each_tsv_row(path, [&](std::vector<std::string>& cols, const std::vector<std::string>& h) { fn(cols, h); });
}

size_t col(const std::vector<std::string>& header, std::string_view name) {
    auto it = std::find(header.begin(), header.end(), name);
    return it == header.end() ? size_t(-1) : size_t(it - header.begin());
}

std::string get(const Row& r, const std::vector<std::string>& h, std::string_view name) {
    size_t i = col(h, name);
    return i < r.size() ? r[i] : std::string();
}

std::vector<std::string> list(const std::string& s) {
    std::vector<std::string> out;
    if (s.empty()) return out;
    for (auto p : split(s, '|')) {
        auto t = trim(p);
        if (!t.empty()) out.emplace_back(t);
    }
    return out;
}

struct Variants {
    std::unordered_map<std::string, std::string> map;  // variant word -> canonical word
};

Variants& variants() {
    static Variants v;
    return v;
}

std::once_flag variants_once;

void load_variants(const std::string& path) {
    std::call_once(variants_once, [&] {
        read_tsv(path, [&](const Row& r, const std::vector<std::string>& h) {
            std::string canon = to_lower_ascii(get(r, h, "canonical"));
            if (canon.empty()) return;
            for (auto& v : list(get(r, h, "variants"))) variants().map[fold_case(v)] = canon;
        });
    });
}

std::string strip_diacritics(std::string_view s) {
    thread_local std::unique_ptr<icu::Transliterator> tr;
    if (!tr) {
        UErrorCode st = U_ZERO_ERROR;
        tr.reset(icu::Transliterator::createInstance(
            "Any-Latin; NFD; [:Nonspacing Mark:] Remove; NFC; Latin-ASCII", UTRANS_FORWARD, st));
        if (U_FAILURE(st)) tr.reset();
    }
    if (!tr) return std::string(s);
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), int32_t(s.size())));
    tr->transliterate(u);
    std::string out;
    u.toUTF8String(out);
    return out;
}

}  // namespace

std::string alias_key(std::string_view surface) {
    bool ascii = std::all_of(surface.begin(), surface.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    std::string s;
    if (ascii) {
        s = surface;
    } else {
        // Typographic punctuation (’ “ ” – — NBSP) is common in news and needs no ICU
        // transliteration: map it to its ASCII form. Only letters from other scripts or with
        // diacritics go through the transliterator.
        bool letters = false;
        for (size_t i = 0; i < surface.size() && !letters;) {
            char32_t cp = next_code_point(surface, i);
            if (cp >= 0x80 && !(cp == 0xA0 || (cp >= 0x2000 && cp <= 0x206F) || cp == 0xAB || cp == 0xBB)) letters = true;
        }
        if (letters) {
            s = strip_diacritics(surface);
        } else {
            for (size_t i = 0; i < surface.size();) {
                char32_t cp = next_code_point(surface, i);
                if (cp < 0x80)
                    s += char(cp);
                else
                    s += (cp == 0x2018 || cp == 0x2019) ? '\'' : ' ';
            }
        }
    }
    // lower-case, drop possessive 's, turn punctuation into word breaks (but keep "U.S." as "us")
    std::string out;
    std::string word;
    auto flush = [&] {
        if (word.empty()) return;
        auto it = variants().map.find(word);
        if (!out.empty()) out += ' ';
        out += it != variants().map.end() ? it->second : word;
        word.clear();
    };
    for (size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (std::isalnum(static_cast<unsigned char>(c))) {
            word += char(std::tolower(static_cast<unsigned char>(c)));
        } else if (c == '.' && !word.empty() && i + 1 < s.size() && std::isalpha(static_cast<unsigned char>(s[i + 1]))) {
            continue;  // U.S. -> us
        } else if ((c == '\'' ) && i + 1 < s.size() && (s[i + 1] == 's' || s[i + 1] == 'S') &&
                   (i + 2 == s.size() || !std::isalnum(static_cast<unsigned char>(s[i + 2])))) {
            ++i;  // possessive
        } else if (c == '-' ) {
            flush();
        } else {
            flush();
        }
    }
    flush();
    return out;
}

std::shared_ptr<const Kb> load_kb(const std::string& dir, const std::string& ner_model) {
    // The entities stage's own tables live in data/entities/, next to data/kb/.
    const std::string own = dir + "/../entities";
    {
        std::error_code ec;
        load_variants(std::filesystem::exists(own + "/name_variants.tsv", ec) ? own + "/name_variants.tsv"
                                                                              : dir + "/name_variants.tsv");
    }
    auto kb = std::make_shared<Kb>();
    auto add_alias = [&](const std::string& surface, AliasTarget t) {
        std::string k = alias_key(surface);
        if (k.empty()) return;
        auto& v = kb->aliases[k].targets;
        for (auto& x : v)
            if (x.kind == t.kind && x.index == t.index) return;
        v.push_back(t);
        for (size_t sp = k.find(' '); sp != std::string::npos; sp = k.find(' ', sp + 1))
            kb->aliases[k.substr(0, sp)].prefix = true;
        kb->max_alias_words = std::max(kb->max_alias_words, size_t(std::count(k.begin(), k.end(), ' ') + 1));
    };
    auto read_actors = [&](const std::string& path) {
        read_tsv(path, [&](const Row& r, const std::vector<std::string>& h) {
            KbActor a;
            a.kb_id = get(r, h, "kb_id");
            if (a.kb_id.empty()) return;
            a.type = get(r, h, "type");
            a.name = get(r, h, "name");
            a.country = get(r, h, "country");
            a.aliases = list(get(r, h, "aliases"));
            if (auto it = kb->actor_by_id.find(a.kb_id); it != kb->actor_by_id.end()) {
                // the overlay extends an existing actor
                // The curated overlay extends an existing actor and wins on name and country
                // (its spelling is the current one; the old name stays an alias).
                KbActor& old = kb->actors[it->second];
                for (auto& al : a.aliases) old.aliases.push_back(al);
                if (!a.name.empty() && a.name != old.name) {
                    old.aliases.push_back(old.name);
                    old.name = a.name;
                }
                if (!a.country.empty()) old.country = a.country;
                if (!a.type.empty()) old.type = a.type;
                return;
            }
            kb->actor_by_id[a.kb_id] = uint32_t(kb->actors.size());
            kb->actors.push_back(std::move(a));
        });
    };
    read_actors(dir + "/actors.tsv");
    read_actors(dir + "/overlay_actors.tsv");
    std::unordered_set<std::string> curated_ids;
    read_tsv(dir + "/overlay_actors.tsv", [&](const Row& r, const std::vector<std::string>& h) {
        curated_ids.insert(get(r, h, "kb_id"));
    });
    for (auto& a : kb->actors) a.curated = curated_ids.count(a.kb_id) > 0;
    // Phoenix lists some countries as organisations ("Ukraine" with Kharkiv, Crimea, Minsk ...
    // as aliases). countries.tsv and data/entities/places.tsv cover those names properly, so
    // such shadow actors are kept for their ids but not indexed.
    std::unordered_set<std::string> country_keys;
    read_tsv(dir + "/countries.tsv", [&](const Row& r, const std::vector<std::string>& h) {
        country_keys.insert(alias_key(get(r, h, "name")));
        for (auto& a : list(get(r, h, "aliases"))) country_keys.insert(alias_key(a));
    });
    // Phoenix also lists offices as organisations ("US Secretary of State"); role_titles.tsv
    // describes those, so an uncurated organisation named like an office is not indexed.
    std::vector<std::string> title_keys;
    read_tsv(dir + "/role_titles.tsv", [&](const Row& r, const std::vector<std::string>& h) {
        for (auto& a : list(get(r, h, "aliases")))
            if (a.find(' ') != std::string::npos) title_keys.push_back(alias_key(a));
        std::string t = alias_key(get(r, h, "title"));
        if (t.find(' ') != std::string::npos) title_keys.push_back(t);
    });
    auto office_like = [&](const std::string& name) {
        std::string k = alias_key(name);
        for (const auto& t : title_keys)
            if (k.size() >= t.size() && k.compare(k.size() - t.size(), t.size(), t) == 0 &&
                (k.size() == t.size() || k[k.size() - t.size() - 1] == ' '))
                return true;
        return false;
    };
    for (uint32_t i = 0; i < kb->actors.size(); ++i) {
        const KbActor& a = kb->actors[i];
        if (!a.curated && a.type == "ORG" && country_keys.count(alias_key(a.name))) continue;
        if (!a.curated && a.type == "ORG" && office_like(a.name)) continue;
        add_alias(a.name, {AliasTarget::actor, i});
        for (auto& al : a.aliases) add_alias(al, {AliasTarget::actor, i});
    }
    auto read_roles = [&](const std::string& path) {
        read_tsv(path, [&](const Row& r, const std::vector<std::string>& h) {
            KbRole x{get(r, h, "kb_id"), get(r, h, "role"), get(r, h, "org"), get(r, h, "country"),
                     get(r, h, "start"), get(r, h, "end")};
            if (x.kb_id.empty() || x.role.empty()) return;
            kb->roles_by_actor.emplace(x.kb_id, uint32_t(kb->roles.size()));
            if (!x.country.empty()) kb->roles_by_office.emplace(x.role + "|" + x.country, uint32_t(kb->roles.size()));
            if (!x.org.empty()) kb->roles_by_office.emplace(x.role + "|" + x.org, uint32_t(kb->roles.size()));
            kb->roles.push_back(std::move(x));
        });
    };
    read_roles(dir + "/roles.tsv");
    read_roles(dir + "/overlay_roles.tsv");
    read_tsv(dir + "/countries.tsv", [&](const Row& r, const std::vector<std::string>& h) {
        KbCountry c;
        c.iso3 = get(r, h, "iso3");
        if (c.iso3.empty()) return;
        c.iso2 = get(r, h, "iso2");
        c.name = get(r, h, "name");
        c.capital = get(r, h, "capital");
        c.aliases = list(get(r, h, "aliases"));
        c.demonyms = list(get(r, h, "demonyms"));
        c.metonyms = list(get(r, h, "metonyms"));
        uint32_t i = uint32_t(kb->countries.size());
        kb->country_by_iso3[c.iso3] = i;
        add_alias(c.name, {AliasTarget::country, i});
        for (auto& a : c.aliases) add_alias(a, {AliasTarget::country, i});
        for (auto& a : c.demonyms) add_alias(a, {AliasTarget::demonym, i});
        for (auto& a : c.metonyms) add_alias(a, {AliasTarget::metonym, i});
        if (!c.capital.empty()) add_alias(c.capital, {AliasTarget::capital, i});
        kb->countries.push_back(std::move(c));
    });
    read_tsv(dir + "/role_titles.tsv", [&](const Row& r, const std::vector<std::string>& h) {
        RoleTitle t{get(r, h, "role"), get(r, h, "country"), get(r, h, "title"), list(get(r, h, "aliases"))};
        if (t.role.empty()) return;
        uint32_t i = uint32_t(kb->role_titles.size());
        add_alias(t.title, {AliasTarget::role_title, i});
        for (auto& a : t.aliases) add_alias(a, {AliasTarget::role_title, i});
        kb->role_titles.push_back(std::move(t));
    });
    read_tsv(own + "/places.tsv", [&](const Row& r, const std::vector<std::string>& h) {
        KbPlace p{get(r, h, "name"), get(r, h, "country"), list(get(r, h, "aliases")), get(r, h, "kind")};
        if (p.name.empty()) return;
        uint32_t i = uint32_t(kb->places.size());
        add_alias(p.name, {AliasTarget::place, i});
        for (auto& a : p.aliases) add_alias(a, {AliasTarget::place, i});
        kb->places.push_back(std::move(p));
    });
    read_tsv(own + "/common_words.tsv", [&](const Row& r, const std::vector<std::string>& h) {
        std::string w = get(r, h, "word");
        if (!w.empty()) kb->common_words.insert(alias_key(w));
    });
    read_tsv(own + "/gender_cues.tsv", [&](const Row& r, const std::vector<std::string>& h) {
        std::string kind = get(r, h, "kind"), value = get(r, h, "value"), g = get(r, h, "gender");
        if (value.empty() || (g != "m" && g != "f")) {
            ++kb->skipped_rows;
            return;
        }
        if (kind == "given_name" || kind == "honorific")
            kb->given_name_gender[alias_key(value)] = g[0];
        else if (kind == "surname_suffix")
            kb->surname_suffix_gender.emplace_back(alias_key(value), g[0]);
    });
    // Longer endings first, so "-skaya" is tried before "-aya".
    std::sort(kb->surname_suffix_gender.begin(), kb->surname_suffix_gender.end(),
              [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
    for (auto& a : kb->actors)
        if (a.type == "PER") a.gender = name_gender(*kb, a.name);
    for (auto& [key, entry] : kb->aliases) entry.gaz = uint8_t(gazetteer_class(*kb, entry.targets));
    read_tsv(own + "/offices.tsv", [&](const Row& r, const std::vector<std::string>& h) {
        std::string kind = get(r, h, "kind"), phrase = alias_key(get(r, h, "phrase"));
        if (phrase.empty()) return;
        if (kind == "head")
            kb->head_words.insert(phrase);
        else if (kind == "institution" && !get(r, h, "role").empty())
            kb->institutions[phrase] = {get(r, h, "role"), get(r, h, "country")};
        else
            ++kb->skipped_rows;
    });
    read_tsv(own + "/name_order.tsv", [&](const Row& r, const std::vector<std::string>& h) {
        if (get(r, h, "order") == "family_first") kb->family_first.insert(get(r, h, "country"));
    });
    read_tsv(own + "/nominals.tsv", [&](const Row& r, const std::vector<std::string>& h) {
        std::string w = get(r, h, "word");
        if (!w.empty()) kb->nominals[alias_key(w)] = list(get(r, h, "roles"));
    });
    {
        // ROLES.md tables: | `code` | meaning | single holder | title |
        std::ifstream in(dir + "/ROLES.md");
        std::string line;
        while (std::getline(in, line)) {
            if (!line.starts_with("| `")) continue;
            auto cells = split(line, '|');
            if (cells.size() < 5) continue;
            std::string code(trim(cells[1]));
            if (code.size() > 2 && code.front() == '`' && code.back() == '`' && trim(cells[3]) == "yes")
                kb->single_holder_roles.insert(code.substr(1, code.size() - 2));
        }
    }
    std::string model = ner_model.empty() ? models_dir() + "/ner/ner.model" : ner_model;
    std::error_code ec;
    if (model != "-" && std::filesystem::exists(model, ec)) {
        try {
            kb->ner = ner_load(model);
        } catch (const std::exception& e) {
            std::fprintf(stderr, "parley: entities: %s (continuing without the NER model)\n", e.what());
        }
    }
    return kb;
}

char name_gender(const Kb& kb, std::string_view name) {
    std::string k = alias_key(name);
    if (k.empty()) return 0;
    size_t sp = k.find(' ');
    if (sp != std::string::npos) {
        if (auto it = kb.given_name_gender.find(k.substr(0, sp)); it != kb.given_name_gender.end()) return it->second;
    }
    std::string last = k.substr(k.rfind(' ') == std::string::npos ? 0 : k.rfind(' ') + 1);
    for (const auto& [suffix, g] : kb.surname_suffix_gender)
        if (last.size() > suffix.size() + 2 && last.ends_with(suffix)) return g;
    return 0;
}

namespace {
// Compare partial ISO dates: is `d` within [start, end]? Coarse bounds include their period.
bool within(std::string_view d, std::string_view start, std::string_view end) {
    if (d.empty()) return end.empty();
    if (!start.empty() && d < start.substr(0, std::min(start.size(), d.size()))) return false;
    if (!end.empty()) {
        std::string_view e = end.substr(0, std::min(end.size(), d.size()));
        if (d.substr(0, e.size()) > e) return false;
    }
    return true;
}
}  // namespace

const KbRole* role_on(const Kb& kb, std::string_view kb_id, std::string_view date) {
    auto [b, e] = kb.roles_by_actor.equal_range(std::string(kb_id));
    const KbRole* best = nullptr;
    for (auto it = b; it != e; ++it) {
        const KbRole& r = kb.roles[it->second];
        if (date.empty()) {
            if (!best || r.start > best->start) best = &r;
        } else if (within(date, r.start, r.end)) {
            // Prefer single-holder offices (foreign minister over state councillor), then
            // specific offices over generic "government_official", then the later start.
            auto rank = [&](const KbRole& x) {
                return (kb.single_holder_roles.count(x.role) ? 2 : 0) + (x.role.find("official") == std::string::npos ? 1 : 0);
            };
            if (!best || rank(r) > rank(*best) || (rank(r) == rank(*best) && r.start > best->start)) best = &r;
        }
    }
    return best;
}

const KbActor* holder_of(const Kb& kb, std::string_view role, std::string_view country,
                         std::string_view date) {
    const KbRole* best = nullptr;
    auto [b, e] = kb.roles_by_office.equal_range(std::string(role) + "|" + std::string(country));
    for (auto it = b; it != e; ++it) {
        const KbRole& r = kb.roles[it->second];
        if (date.empty() ? !r.end.empty() : !within(date, r.start, r.end)) continue;
        if (!best || r.start > best->start) best = &r;
    }
    if (!best) return nullptr;
    auto it = kb.actor_by_id.find(best->kb_id);
    return it == kb.actor_by_id.end() ? nullptr : &kb.actors[it->second];
}

std::string role_title(const Kb& kb, std::string_view role, std::string_view country) {
    const RoleTitle* fallback = nullptr;
    for (const RoleTitle& t : kb.role_titles) {
        if (t.role != role) continue;
        if (t.country == country) return t.title;
        if (t.country.empty()) fallback = &t;
    }
    if (fallback) return fallback->title;
    std::string s(role);
    std::replace(s.begin(), s.end(), '_', ' ');
    if (!s.empty()) s[0] = char(std::toupper(static_cast<unsigned char>(s[0])));
    return s;
}

}  // namespace parley
