// entities: mentions of people, organisations, countries/places and groups, linked to the
// actor knowledge base (data/kb/) with the role each person held on the document's date.
#pragma once

#include <memory>
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
};

// What an alias can point at.
struct AliasTarget {
    enum Kind : uint8_t { actor, country, demonym, metonym, capital, place, role_title } kind;
    uint32_t index;  // into the matching vector of the Kb
};

struct Kb {
    std::vector<KbActor> actors;
    std::vector<KbRole> roles;
    std::vector<KbCountry> countries;
    std::vector<RoleTitle> role_titles;
    std::vector<KbPlace> places;
    // normalised alias key -> targets
    std::unordered_map<std::string, std::vector<AliasTarget>> aliases;
    std::unordered_map<std::string, uint32_t> actor_by_id;
    std::unordered_map<std::string, uint32_t> country_by_iso3;
    std::unordered_multimap<std::string, uint32_t> roles_by_actor;
    std::unordered_multimap<std::string, uint32_t> roles_by_office;  // "role|country-or-org"
    // Every proper word-prefix of an alias key ("sergey" for "sergey lavrov"), so that a
    // lookup can stop extending as soon as no alias can continue.
    std::unordered_set<std::string> alias_prefixes;
    size_t max_alias_words = 1;
};

// Load data/kb/*.tsv (the generated files plus the curated overlay). Missing files are
// fine (an empty KB links nothing); malformed rows are skipped and counted.
std::shared_ptr<const Kb> load_kb(const std::string& dir);

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
