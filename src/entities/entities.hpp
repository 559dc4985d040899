// entities: mentions of people, organisations, countries/places and groups, linked to the
// actor knowledge base (data/kb/) with the role each person held on the document's date.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "model/document.hpp"

namespace parley {

struct KbActor {
    std::string kb_id, type, name, country;
    std::vector<std::string> aliases;
    bool curated = false;  // in the hand-checked overlay (its aliases are trusted alone)
    char gender = 0;       // 'm', 'f' or 0 (unknown), from data/entities/gender_cues.tsv
    // For news outlets (data/entities/media.tsv): news_agency, broadcaster or newspaper. An
    // outlet is a source of reports, never a participant in an event; its mentions carry
    // how = "media" and its kind as role.
    std::string media;
};

struct KbRole {
    std::string kb_id, role, org, country, start, end;  // dates: YYYY[-MM[-DD]] or empty
};

struct KbCountry {
    std::string iso3, iso2, name, capital;
    std::vector<std::string> aliases, demonyms, metonyms;
};

struct RoleTitle {
    std::string role, country, title;
    std::vector<std::string> aliases;
};

struct KbPlace {
    std::string name, country;
    std::vector<std::string> aliases;
    std::string kind;  // city, region, venue, body_of_water, event
};

struct NerModel;

// What an alias can point at.
struct AliasTarget {
    enum Kind : uint8_t { actor, country, demonym, metonym, capital, place, role_title } kind;
    uint32_t index;  // into the matching vector of the Kb
};

// The alias index: normalised alias key -> what it names. A flat open-addressing table over
// one key pool, so that the compiled KB (data/kb/kb.bin) loads it with a few bulk copies
// instead of 100,000 allocations, and a lookup is one hash and (usually) one key compare.
struct AliasIndex {
    struct Entry {
        std::span<const AliasTarget> targets;  // into `targets` below
        bool prefix = false;  // some longer alias continues this key
        uint8_t gaz = 0;      // GazClass of the strongest target (NER feature), see ner.hpp
    };
    const Entry* find(std::string_view key) const;
    size_t size() const { return entries.size(); }
    std::string_view key(size_t i) const { return std::string_view(keys).substr(key_off[i], key_off[i + 1] - key_off[i]); }

    // Storage (entry i: key bytes keys[key_off[i], key_off[i+1]), targets
    // targets[target_off[i], target_off[i+1])); entries are sorted by key.
    std::string keys;
    std::vector<uint32_t> key_off, target_off;
    std::vector<AliasTarget> targets;
    std::vector<uint8_t> prefix, gaz;
    std::vector<uint32_t> slots;  // entry index + 1, 0 = empty; size is a power of two
    std::vector<Entry> entries;   // derived from the storage by link()

    AliasIndex() = default;
    AliasIndex(const AliasIndex&) = delete;  // entries point into targets
    AliasIndex& operator=(const AliasIndex&) = delete;
    AliasIndex(AliasIndex&&) = default;
    AliasIndex& operator=(AliasIndex&&) = default;
    void link();  // (re)build entries and slots from the storage
};

struct Kb {
    std::vector<KbActor> actors;
    std::vector<KbRole> roles;
    std::vector<KbCountry> countries;
    std::vector<RoleTitle> role_titles;
    std::vector<KbPlace> places;
    // Keys that are only proper word-prefixes of longer aliases ("sergey" of "sergey lavrov")
    // are in the same table with no targets, so that extending a match costs one lookup per
    // word.
    using AliasEntry = AliasIndex::Entry;
    AliasIndex aliases;
    // Keys view the kb_id strings of `actors` / `roles` (a Kb is not copyable, and moving its
    // vectors keeps their elements in place), so building these maps allocates no key strings.
    std::unordered_map<std::string_view, uint32_t> actor_by_id;
    std::unordered_map<std::string, uint32_t> country_by_iso3;
    std::unordered_multimap<std::string_view, uint32_t> roles_by_actor;
    std::unordered_multimap<std::string, uint32_t> roles_by_office;  // "role|country-or-org"
    size_t max_alias_words = 1;
    // Lower-case English words (data/entities/common_words.tsv): a one-word alias that is one
    // of them ("Judge", "Mark", "Rim") needs support from context before it becomes a name.
    std::unordered_set<std::string> common_words;
    // Gender cues: given names and surname endings -> 'm'/'f' (data/entities/gender_cues.tsv).
    std::unordered_map<std::string, char> given_name_gender;
    std::vector<std::pair<std::string, char>> surname_suffix_gender;
    // The statistical tagger (models/ner/ner.model); null when the model is absent.
    std::shared_ptr<const NerModel> ner;
    // Offices with one holder at a time (ROLES.md "single holder" = yes): only these are
    // resolved from a description to a person via holder_of().
    std::unordered_set<std::string> single_holder_roles;
    // Back-referring nominals ("diplomat") -> offices of a compatible antecedent ("*" = any).
    std::unordered_map<std::string, std::vector<std::string>> nominals;
    // Institutions whose head holds an office (data/entities/offices.tsv): key -> role, country.
    std::unordered_map<std::string, std::pair<std::string, std::string>> institutions;
    std::unordered_set<std::string> head_words;  // "head", "chief" (of an institution)
    // Countries whose names are written family name first (data/entities/name_order.tsv).
    std::unordered_set<std::string> family_first;
    size_t skipped_rows = 0;  // malformed rows seen while loading
};

// Load data/kb/*.tsv (the generated files plus the curated overlay), the entities stage's
// own tables from `dir`/../entities/ (name variants, places, common words, gender cues) and
// the NER model from `ner_model` (default: models_dir()/ner/ner.model; "-" = none). Missing
// files are fine (an empty KB links nothing); malformed rows are skipped and counted; a
// corrupt NER model is reported on stderr and left out.
//
// When `dir`/kb.bin (the compiled KB, see compile_kb) exists and was compiled from exactly the
// TSV files now in `dir` and data/entities/ (checksum in its header), it is loaded instead of
// the TSV files (~8x faster); a stale or corrupt kb.bin is reported on stderr and the TSV
// files are read. A kb.bin installed without any of its source files is used as it is.
std::shared_ptr<const Kb> load_kb(const std::string& dir, const std::string& ner_model = "");
// The same, always from the TSV files (the source of truth).
std::shared_ptr<const Kb> load_kb_tsv(const std::string& dir, const std::string& ner_model = "");
// Compile the TSV files of `dir` into the binary KB at `out` (normally `dir`/kb.bin).
// Deterministic: the same TSV files give the same bytes. Throws InputError on write failure.
void compile_kb(const std::string& dir, const std::string& out);
// Checksum (xxh3, 16 hex digits) of the TSV files the KB is built from, and the checksum a
// compiled KB file says it was built from ("" when the file is missing or not a KB file).
std::string kb_source_checksum(const std::string& dir);
std::string kb_binary_checksum(const std::string& path);

// Gender of a person's name from the cues ('m', 'f' or 0).
char name_gender(const Kb& kb, std::string_view name);

// The normalised form under which aliases are indexed and text is looked up: case-folded,
// diacritics removed, transliteration variants unified (data/kb/name_variants.tsv).
std::string alias_key(std::string_view surface);

// The role `kb_id` held on `date` ("" = the most recent one), or nullptr.
const KbRole* role_on(const Kb& kb, std::string_view kb_id, std::string_view date);
// Who held `role` for `country` (or organisation) on `date`, or nullptr.
const KbActor* holder_of(const Kb& kb, std::string_view role, std::string_view country,
                         std::string_view date);
// Display title of a role in a country ("Secretary of State" for USA foreign_minister).
std::string role_title(const Kb& kb, std::string_view role, std::string_view country);

// Find and link entity mentions in the document (fills Document::entities). Uses tokens
// from the text stage and the DCT to pick roles.
void link_entities(Document& doc, const Kb& kb);

}  // namespace parley
