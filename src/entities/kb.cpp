// Loading the actor knowledge base from TSV files and building the alias index.
#include <unicode/translit.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <mutex>
#include <utility>

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

void attach_ner(Kb& kb, const std::string& ner_model) {
    std::string model = ner_model.empty() ? models_dir() + "/ner/ner.model" : ner_model;
    std::error_code ec;
    if (model != "-" && std::filesystem::exists(model, ec)) {
        try {
            kb.ner = ner_load(model);
        } catch (const std::exception& e) {
            std::fprintf(stderr, "parley: entities: %s (continuing without the NER model)\n", e.what());
        }
    }
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

namespace {
struct AliasBuild {
    std::vector<AliasTarget> targets;
    bool prefix = false;
};
using AliasBuildMap = std::unordered_map<std::string, AliasBuild>;

// Sorted keys make the compiled file deterministic.
void build_alias_index(Kb& kb, const AliasBuildMap& m) {
    std::vector<const AliasBuildMap::value_type*> v;
    v.reserve(m.size());
    for (const auto& e : m) v.push_back(&e);
    std::sort(v.begin(), v.end(), [](auto* a, auto* b) { return a->first < b->first; });
    AliasIndex& ix = kb.aliases;
    ix = AliasIndex();
    ix.key_off.push_back(0);
    ix.target_off.push_back(0);
    for (auto* e : v) {
        ix.keys += e->first;
        ix.key_off.push_back(uint32_t(ix.keys.size()));
        ix.targets.insert(ix.targets.end(), e->second.targets.begin(), e->second.targets.end());
        ix.target_off.push_back(uint32_t(ix.targets.size()));
        ix.prefix.push_back(e->second.prefix ? 1 : 0);
        ix.gaz.push_back(uint8_t(gazetteer_class(kb, e->second.targets)));
    }
    ix.link();
}

// The lookup maps derived from the vectors (the same on both load paths).
void index_kb(Kb& kb) {
    kb.actor_by_id.clear();
    kb.actor_by_id.reserve(kb.actors.size());
    for (uint32_t i = 0; i < kb.actors.size(); ++i) kb.actor_by_id.emplace(kb.actors[i].kb_id, i);
    kb.country_by_iso3.clear();
    for (uint32_t i = 0; i < kb.countries.size(); ++i) kb.country_by_iso3[kb.countries[i].iso3] = i;
    kb.roles_by_actor.clear();
    kb.roles_by_office.clear();
    kb.roles_by_actor.reserve(kb.roles.size());
    kb.roles_by_office.reserve(kb.roles.size());
    for (uint32_t i = 0; i < kb.roles.size(); ++i) {
        const KbRole& x = kb.roles[i];
        kb.roles_by_actor.emplace(x.kb_id, i);
        if (!x.country.empty()) kb.roles_by_office.emplace(x.role + "|" + x.country, i);
        if (!x.org.empty()) kb.roles_by_office.emplace(x.role + "|" + x.org, i);
    }
}
}  // namespace

void AliasIndex::link() {
    const size_t n = prefix.size();
    entries.resize(n);
    for (size_t i = 0; i < n; ++i)
        entries[i] = Entry{std::span<const AliasTarget>(targets.data() + target_off[i], target_off[i + 1] - target_off[i]),
                           prefix[i] != 0, gaz[i]};
    if (!slots.empty()) return;
    size_t cap = 16;
    while (cap < 2 * n + 1) cap <<= 1;  // load factor <= 1/2: short probe runs
    slots.assign(cap, 0);
    for (size_t i = 0; i < n; ++i) {
        size_t h = hash64(key(i)) & (cap - 1);
        while (slots[h]) h = (h + 1) & (cap - 1);
        slots[h] = uint32_t(i + 1);
    }
}

const AliasIndex::Entry* AliasIndex::find(std::string_view k) const {
    if (slots.empty()) return nullptr;
    const size_t mask = slots.size() - 1;
    for (size_t h = hash64(k) & mask;; h = (h + 1) & mask) {
        uint32_t s = slots[h];
        if (!s) return nullptr;
        if (key(s - 1) == k) return &entries[s - 1];
    }
}

std::shared_ptr<const Kb> load_kb_tsv(const std::string& dir, const std::string& ner_model) {
    // The entities stage's own tables live in data/entities/, next to data/kb/.
    const std::string own = dir + "/../entities";
    {
        std::error_code ec;
        load_variants(std::filesystem::exists(own + "/name_variants.tsv", ec) ? own + "/name_variants.tsv"
                                                                              : dir + "/name_variants.tsv");
    }
    auto kb = std::make_shared<Kb>();
    AliasBuildMap alias_build;
    // kb_id -> index while the actors vector still grows (Kb::actor_by_id views into it and is
    // built at the end by index_kb()).
    std::unordered_map<std::string, uint32_t> ids;
    auto add_alias = [&](const std::string& surface, AliasTarget t) {
        std::string k = alias_key(surface);
        if (k.empty()) return;
        auto& v = alias_build[k].targets;
        for (auto& x : v)
            if (x.kind == t.kind && x.index == t.index) return;
        v.push_back(t);
        for (size_t sp = k.find(' '); sp != std::string::npos; sp = k.find(' ', sp + 1))
            alias_build[k.substr(0, sp)].prefix = true;
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
            if (auto it = ids.find(a.kb_id); it != ids.end()) {
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
            ids[a.kb_id] = uint32_t(kb->actors.size());
            kb->actors.push_back(std::move(a));
        });
    };
    read_actors(dir + "/actors.tsv");
    read_actors(dir + "/overlay_actors.tsv");
    std::unordered_set<std::string> curated_ids;
    read_tsv(dir + "/overlay_actors.tsv", [&](const Row& r, const std::vector<std::string>& h) {
        curated_ids.insert(get(r, h, "kb_id"));
    });
    // News outlets: extend the actor of that kb_id (Phoenix or overlay) or add a curated one.
    read_tsv(own + "/media.tsv", [&](const Row& r, const std::vector<std::string>& h) {
        std::string id = get(r, h, "kb_id"), name = get(r, h, "name"), kind = get(r, h, "kind");
        if (id.empty() || name.empty() || kind.empty()) {
            ++kb->skipped_rows;
            return;
        }
        auto it = ids.find(id);
        if (it == ids.end()) {
            it = ids.emplace(id, uint32_t(kb->actors.size())).first;
            kb->actors.push_back(KbActor{id, "ORG", name, "", {}});
        }
        KbActor& a = kb->actors[it->second];
        if (a.name != name) a.aliases.push_back(std::exchange(a.name, name));
        a.type = "ORG";
        a.country = get(r, h, "country");
        a.media = kind;
        for (auto& al : list(get(r, h, "aliases")))
            if (std::find(a.aliases.begin(), a.aliases.end(), al) == a.aliases.end()) a.aliases.push_back(al);
        curated_ids.insert(id);
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
    build_alias_index(*kb, alias_build);
    index_kb(*kb);
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
    attach_ner(*kb, ner_model);
    return kb;
}

// ---- The compiled KB (data/kb/kb.bin) ----
//
// Layout (little-endian): "PARLEYKB", u32 format version, u32 byte-order mark, the 16-hex-digit
// source checksum, then the Kb's tables in a fixed order (strings as u32 length + bytes,
// vectors as u32 count + items, the alias index as flat arrays). The derived hash maps
// (actor_by_id, roles_by_office ...) are rebuilt on load. Bump kKbFormat whenever the layout
// or the way the TSV files are turned into the tables changes; the test
// EntitiesKbBinary.ShippedFileIsUpToDate recompiles and compares bytes, so a forgotten bump
// is caught.
namespace {
constexpr char kKbMagic[8] = {'P', 'A', 'R', 'L', 'E', 'Y', 'K', 'B'};
constexpr uint32_t kKbFormat = 1;
constexpr uint32_t kByteOrderMark = 0x01020304;

struct KbWriter {
    std::string out;
    void u8(uint8_t v) { out += char(v); }
    void u32(uint32_t v) { out.append(reinterpret_cast<const char*>(&v), 4); }
    void str(std::string_view s) {
        u32(uint32_t(s.size()));
        out += s;
    }
    void strs(const std::vector<std::string>& v) {
        u32(uint32_t(v.size()));
        for (const auto& x : v) str(x);
    }
    template <typename T>
    void pod(const std::vector<T>& v) {
        static_assert(std::is_same_v<T, uint32_t> || std::is_same_v<T, uint8_t>);
        u32(uint32_t(v.size()));
        out.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
    }
    // Unordered containers are written sorted, so that the bytes are reproducible.
    void set(const std::unordered_set<std::string>& s) {
        std::vector<std::string> v(s.begin(), s.end());
        std::sort(v.begin(), v.end());
        strs(v);
    }
};

struct KbReader {
    std::string_view in;
    size_t pos = 0;
    void need(size_t n) {
        if (n > in.size() - pos) throw InputError("kb.bin", "truncated at byte " + std::to_string(pos));
    }
    uint8_t u8() {
        need(1);
        return uint8_t(in[pos++]);
    }
    uint32_t u32() {
        need(4);
        uint32_t v;
        std::memcpy(&v, in.data() + pos, 4);
        pos += 4;
        return v;
    }
    std::string str() {
        uint32_t n = u32();
        need(n);
        std::string s(in.substr(pos, n));
        pos += n;
        return s;
    }
    std::vector<std::string> strs() {
        uint32_t n = u32();
        need(size_t(n) * 4);  // every string has at least its length: bounds the reservation
        std::vector<std::string> v;
        v.reserve(n);
        for (uint32_t i = 0; i < n; ++i) v.push_back(str());
        return v;
    }
    template <typename T>
    std::vector<T> pod() {
        uint32_t n = u32();
        need(size_t(n) * sizeof(T));
        std::vector<T> v(n);
        std::memcpy(v.data(), in.data() + pos, size_t(n) * sizeof(T));
        pos += size_t(n) * sizeof(T);
        return v;
    }
    uint32_t count(size_t min_item_bytes) {
        uint32_t n = u32();
        need(size_t(n) * min_item_bytes);
        return n;
    }
};

// The files the KB is built from, in a fixed order (path relative to data/).
std::vector<std::string> kb_sources(const std::string& dir) {
    std::vector<std::string> v;
    for (const char* f : {"actors.tsv", "overlay_actors.tsv", "roles.tsv", "overlay_roles.tsv", "countries.tsv",
                          "role_titles.tsv", "ROLES.md", "name_variants.tsv"})
        v.push_back(dir + "/" + f);
    for (const char* f : {"name_variants.tsv", "media.tsv", "places.tsv", "common_words.tsv", "gender_cues.tsv", "offices.tsv",
                          "name_order.tsv", "nominals.tsv"})
        v.push_back(dir + "/../entities/" + f);
    return v;
}

void write_kb(KbWriter& w, const Kb& kb) {
    w.u32(uint32_t(kb.actors.size()));
    for (const KbActor& a : kb.actors) {
        w.str(a.kb_id), w.str(a.type), w.str(a.name), w.str(a.country), w.strs(a.aliases);
        w.u8(a.curated ? 1 : 0), w.u8(uint8_t(a.gender)), w.str(a.media);
    }
    w.u32(uint32_t(kb.roles.size()));
    for (const KbRole& r : kb.roles) w.str(r.kb_id), w.str(r.role), w.str(r.org), w.str(r.country), w.str(r.start), w.str(r.end);
    w.u32(uint32_t(kb.countries.size()));
    for (const KbCountry& c : kb.countries) {
        w.str(c.iso3), w.str(c.iso2), w.str(c.name), w.str(c.capital);
        w.strs(c.aliases), w.strs(c.demonyms), w.strs(c.metonyms);
    }
    w.u32(uint32_t(kb.role_titles.size()));
    for (const RoleTitle& t : kb.role_titles) w.str(t.role), w.str(t.country), w.str(t.title), w.strs(t.aliases);
    w.u32(uint32_t(kb.places.size()));
    for (const KbPlace& p : kb.places) w.str(p.name), w.str(p.country), w.strs(p.aliases), w.str(p.kind);
    const AliasIndex& ix = kb.aliases;
    w.str(ix.keys), w.pod(ix.key_off), w.pod(ix.target_off), w.pod(ix.prefix), w.pod(ix.gaz), w.pod(ix.slots);
    std::vector<uint32_t> packed;  // kind and index of every target, two words each
    packed.reserve(ix.targets.size() * 2);
    for (const AliasTarget& t : ix.targets) packed.push_back(uint32_t(t.kind)), packed.push_back(t.index);
    w.pod(packed);
    w.u32(uint32_t(kb.max_alias_words));
    w.set(kb.common_words);
    auto sorted_chars = [&](const std::unordered_map<std::string, char>& m) {
        std::vector<std::pair<std::string, char>> v(m.begin(), m.end());
        std::sort(v.begin(), v.end());
        w.u32(uint32_t(v.size()));
        for (auto& [k, g] : v) w.str(k), w.u8(uint8_t(g));
    };
    sorted_chars(kb.given_name_gender);
    w.u32(uint32_t(kb.surname_suffix_gender.size()));
    for (auto& [k, g] : kb.surname_suffix_gender) w.str(k), w.u8(uint8_t(g));
    w.set(kb.single_holder_roles);
    {
        std::vector<std::pair<std::string, std::vector<std::string>>> v(kb.nominals.begin(), kb.nominals.end());
        std::sort(v.begin(), v.end());
        w.u32(uint32_t(v.size()));
        for (auto& [k, roles] : v) w.str(k), w.strs(roles);
    }
    {
        std::vector<std::pair<std::string, std::pair<std::string, std::string>>> v(kb.institutions.begin(),
                                                                                    kb.institutions.end());
        std::sort(v.begin(), v.end());
        w.u32(uint32_t(v.size()));
        for (auto& [k, rc] : v) w.str(k), w.str(rc.first), w.str(rc.second);
    }
    w.set(kb.head_words);
    w.set(kb.family_first);
    w.u32(uint32_t(kb.skipped_rows));
    {
        std::vector<std::pair<std::string, std::string>> v(variants().map.begin(), variants().map.end());
        std::sort(v.begin(), v.end());
        w.u32(uint32_t(v.size()));
        for (auto& [k, c] : v) w.str(k), w.str(c);
    }
}

// Reads what write_kb wrote and checks every index against the table it points into, so a
// corrupt file is an error, never an out-of-range access later.
void read_kb(KbReader& r, Kb& kb, std::unordered_map<std::string, std::string>& variant_map) {
    auto bad = [](const std::string& what) { throw InputError("kb.bin", what); };
    kb.actors.resize(r.count(26));
    for (KbActor& a : kb.actors) {
        a.kb_id = r.str(), a.type = r.str(), a.name = r.str(), a.country = r.str(), a.aliases = r.strs();
        a.curated = r.u8() != 0, a.gender = char(r.u8()), a.media = r.str();
    }
    kb.roles.resize(r.count(24));
    for (KbRole& x : kb.roles) x.kb_id = r.str(), x.role = r.str(), x.org = r.str(), x.country = r.str(), x.start = r.str(), x.end = r.str();
    kb.countries.resize(r.count(28));
    for (KbCountry& c : kb.countries) {
        c.iso3 = r.str(), c.iso2 = r.str(), c.name = r.str(), c.capital = r.str();
        c.aliases = r.strs(), c.demonyms = r.strs(), c.metonyms = r.strs();
    }
    kb.role_titles.resize(r.count(16));
    for (RoleTitle& t : kb.role_titles) t.role = r.str(), t.country = r.str(), t.title = r.str(), t.aliases = r.strs();
    kb.places.resize(r.count(16));
    for (KbPlace& p : kb.places) p.name = r.str(), p.country = r.str(), p.aliases = r.strs(), p.kind = r.str();
    AliasIndex& ix = kb.aliases;
    ix.keys = r.str(), ix.key_off = r.pod<uint32_t>(), ix.target_off = r.pod<uint32_t>();
    ix.prefix = r.pod<uint8_t>(), ix.gaz = r.pod<uint8_t>(), ix.slots = r.pod<uint32_t>();
    std::vector<uint32_t> packed = r.pod<uint32_t>();
    const size_t n = ix.prefix.size();
    if (ix.key_off.size() != n + 1 || ix.target_off.size() != n + 1 || ix.gaz.size() != n || packed.size() % 2)
        bad("alias index: inconsistent table sizes");
    for (size_t i = 0; i < n; ++i)
        if (ix.key_off[i] > ix.key_off[i + 1] || ix.target_off[i] > ix.target_off[i + 1]) bad("alias index: offsets out of order");
    if (ix.key_off[0] != 0 || ix.target_off[0] != 0 || ix.key_off[n] != ix.keys.size() || ix.target_off[n] != packed.size() / 2)
        bad("alias index: offsets out of range");
    // Every probe run must end at an empty slot: fewer entries than slots, power-of-two size.
    if (ix.slots.size() <= n || (ix.slots.size() & (ix.slots.size() - 1))) bad("alias index: bad slot table");
    size_t used = 0;
    for (uint32_t s : ix.slots) {
        if (s > n) bad("alias index: slot out of range");
        used += s != 0;
    }
    if (used != n) bad("alias index: slot table does not match the entries");
    ix.targets.resize(packed.size() / 2);
    for (size_t i = 0; i < ix.targets.size(); ++i) {
        uint32_t kind = packed[2 * i], index = packed[2 * i + 1];
        size_t limit = 0;
        switch (kind) {
            case AliasTarget::actor: limit = kb.actors.size(); break;
            case AliasTarget::country:
            case AliasTarget::demonym:
            case AliasTarget::metonym:
            case AliasTarget::capital: limit = kb.countries.size(); break;
            case AliasTarget::place: limit = kb.places.size(); break;
            case AliasTarget::role_title: limit = kb.role_titles.size(); break;
            default: bad("alias index: unknown target kind");
        }
        if (index >= limit) bad("alias index: target out of range");
        ix.targets[i] = AliasTarget{AliasTarget::Kind(kind), index};
    }
    ix.link();
    kb.max_alias_words = r.u32();
    for (auto& s : r.strs()) kb.common_words.insert(std::move(s));
    for (uint32_t i = 0, n2 = r.count(5); i < n2; ++i) {
        std::string k = r.str();
        kb.given_name_gender[k] = char(r.u8());
    }
    for (uint32_t i = 0, n2 = r.count(5); i < n2; ++i) {
        std::string k = r.str();
        char g = char(r.u8());
        kb.surname_suffix_gender.emplace_back(std::move(k), g);
    }
    for (auto& s : r.strs()) kb.single_holder_roles.insert(std::move(s));
    for (uint32_t i = 0, n2 = r.count(8); i < n2; ++i) {
        std::string k = r.str();
        kb.nominals[k] = r.strs();
    }
    for (uint32_t i = 0, n2 = r.count(12); i < n2; ++i) {
        std::string k = r.str(), role = r.str(), country = r.str();
        kb.institutions[k] = {std::move(role), std::move(country)};
    }
    for (auto& s : r.strs()) kb.head_words.insert(std::move(s));
    for (auto& s : r.strs()) kb.family_first.insert(std::move(s));
    kb.skipped_rows = r.u32();
    for (uint32_t i = 0, n2 = r.count(8); i < n2; ++i) {
        std::string k = r.str();
        variant_map[k] = r.str();
    }
    if (r.pos != r.in.size()) bad("trailing bytes after the tables");
    index_kb(kb);
}

// Header check; returns the source checksum stored in the file, or "" when `data` is not a
// compiled KB of this format.
std::string binary_header_checksum(std::string_view data) {
    if (data.size() < 32 || std::memcmp(data.data(), kKbMagic, 8) != 0) return "";
    uint32_t format, bom;
    std::memcpy(&format, data.data() + 8, 4);
    std::memcpy(&bom, data.data() + 12, 4);
    if (format != kKbFormat || bom != kByteOrderMark) return "";
    return std::string(data.substr(16, 16));
}
}  // namespace

std::string kb_source_checksum(const std::string& dir) {
    // One hash per file (name and content), then a hash of that list: renaming, adding or
    // emptying a file changes the checksum as well as editing one.
    std::string list;
    for (const std::string& path : kb_sources(dir)) {
        std::error_code ec;
        list += base_name(path);
        list += std::filesystem::exists(path, ec) ? content_hash(read_file(path)) : std::string("missing");
        list += '\n';
    }
    return content_hash(list);
}

std::string kb_binary_checksum(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) return "";
    std::ifstream in(path, std::ios::binary);
    char head[32] = {};
    in.read(head, sizeof head);
    return binary_header_checksum(std::string_view(head, size_t(in.gcount())));
}

void compile_kb(const std::string& dir, const std::string& out) {
    auto kb = load_kb_tsv(dir, "-");
    KbWriter w;
    w.out.append(kKbMagic, 8);
    w.u32(kKbFormat);
    w.u32(kByteOrderMark);
    w.out += kb_source_checksum(dir);
    write_kb(w, *kb);
    // Write beside the target and rename, so a reader never sees a half-written file.
    const std::string tmp = out + ".tmp";
    {
        std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
        f.write(w.out.data(), std::streamsize(w.out.size()));
        if (!f) throw InputError(tmp, "cannot write the compiled KB");
    }
    std::error_code ec;
    std::filesystem::rename(tmp, out, ec);
    if (ec) throw InputError(out, "cannot write the compiled KB: " + ec.message());
}

std::shared_ptr<const Kb> load_kb(const std::string& dir, const std::string& ner_model) {
    const std::string bin = dir + "/kb.bin";
    std::error_code ec;
    if (!std::filesystem::exists(bin, ec)) return load_kb_tsv(dir, ner_model);
    try {
        std::string data = read_file(bin);
        std::string stored = binary_header_checksum(data);
        if (stored.empty()) throw InputError(bin, "not a compiled KB of format " + std::to_string(kKbFormat));
        // Installed without its sources (only kb.bin copied): nothing to be stale against.
        bool any_source = false;
        for (const std::string& path : kb_sources(dir)) any_source = any_source || std::filesystem::exists(path, ec);
        if (any_source && stored != kb_source_checksum(dir)) {
            std::fprintf(stderr,
                         "parley: entities: %s is out of date with the TSV files beside it; reading the TSV files "
                         "(recompile with tools/kb/compile_kb.sh)\n",
                         bin.c_str());
            return load_kb_tsv(dir, ner_model);
        }
        auto kb = std::make_shared<Kb>();
        KbReader r{std::string_view(data).substr(32)};
        std::unordered_map<std::string, std::string> variant_map;
        read_kb(r, *kb, variant_map);
        // alias_key's transliteration variants are process-wide; the first KB loaded sets them.
        std::call_once(variants_once, [&] { variants().map = std::move(variant_map); });
        attach_ner(*kb, ner_model);
        return kb;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "parley: entities: %s: %s (reading the TSV files instead)\n", bin.c_str(), e.what());
        return load_kb_tsv(dir, ner_model);
    }
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
    auto [b, e] = kb.roles_by_actor.equal_range(kb_id);
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
