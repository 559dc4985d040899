// Behaviour of the entities stage on small synthetic documents: alias normalisation across
// spellings and scripts, descriptions resolved by date, datelines, common-word aliases,
// pronouns, unlinked names, and robustness of the model loader.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <tuple>

#include "entities/entities.hpp"
#include "entities/ner.hpp"
#include "ingest/ingest.hpp"
#include "pipeline/pipeline.hpp"
#include "util/util.hpp"

using namespace parley;

namespace {

const Resources& res() {
    static const Resources r = load_resources();
    return r;
}

Document annotate(const std::string& text) {
    Document out;
    ingest_buffer("t.txt", text, [&](Document&& d) { out = std::move(d); }, [](const IngestProblem&) {});
    process(out, res());
    return out;
}

// The entity whose surface text is `surface` (the n-th such), or nullptr.
const EntityMention* find(const Document& d, std::string_view surface, int n = 1) {
    for (const auto& e : d.entities)
        if (d.slice(e.span) == surface && --n == 0) return &e;
    return nullptr;
}

std::string id_of(const Document& d, std::string_view surface, int n = 1) {
    const EntityMention* e = find(d, surface, n);
    return e ? e->ref.kb_id : "<none>";
}

}  // namespace

TEST(EntitiesAliasKey, SpellingsAndScriptsMeet) {
    res();  // loads the name variants
    EXPECT_EQ(alias_key("Sergei Lavrov"), alias_key("Sergey Lavrov"));
    EXPECT_EQ(alias_key("Dmitry Kuleba"), alias_key("Dmytro Kuleba"));
    EXPECT_EQ(alias_key("Anthony Blinken"), alias_key("Antony Blinken"));
    EXPECT_EQ(alias_key("Kiev"), alias_key("Kyiv"));
    EXPECT_EQ(alias_key("Mevlüt Çavuşoğlu"), "mevlut cavusoglu");
    EXPECT_EQ(alias_key("Lavrov's"), "lavrov");
    EXPECT_EQ(alias_key("Lavrov\xE2\x80\x99s"), "lavrov");
    EXPECT_EQ(alias_key("U.S."), "us");
    EXPECT_EQ(alias_key("\xD0\xA1\xD0\xB5\xD1\x80\xD0\xB3\xD0\xB5\xD0\xB9 \xD0\x9B\xD0\xB0\xD0\xB2\xD1\x80\xD0\xBE\xD0\xB2"),
              alias_key("Sergey Lavrov"));  // Сергей Лавров
    EXPECT_EQ(alias_key("\xE2\x80\x9C"), "");  // a quotation mark is no word
}

TEST(EntitiesLink, NamesAcrossSpellingsAndCyrillic) {
    auto d = annotate(" date 2022-03-10 Sergei Lavrov met Dmytro Kuleba. Later \xD0\xA1\xD0\xB5\xD1\x80\xD0\xB3\xD0\xB5\xD0\xB9 "
                      "\xD0\x9B\xD0\xB0\xD0\xB2\xD1\x80\xD0\xBE\xD0\xB2 spoke to the press. Lavrov left.\n");
    EXPECT_EQ(id_of(d, "Sergei Lavrov"), "Q:sergey_lavrov");
    EXPECT_EQ(id_of(d, "Dmytro Kuleba"), "Q:dmytro_kuleba");
    EXPECT_EQ(id_of(d, "\xD0\xA1\xD0\xB5\xD1\x80\xD0\xB3\xD0\xB5\xD0\xB9 \xD0\x9B\xD0\xB0\xD0\xB2\xD1\x80\xD0\xBE\xD0\xB2"),
              "Q:sergey_lavrov");
    EXPECT_EQ(id_of(d, "Lavrov"), "Q:sergey_lavrov");
    const EntityMention* e = find(d, "Sergei Lavrov");
    ASSERT_NE(e, nullptr);
    EXPECT_EQ(e->ref.country, "RUS");
    EXPECT_EQ(e->ref.role, "Foreign Minister");
}

TEST(EntitiesLink, DescriptionsFollowTheDate) {
    auto a = annotate(" date 2022-01-21 The US Secretary of State arrived in Geneva.\n");
    auto b = annotate(" date 2019-05-14 The US Secretary of State arrived in Sochi.\n");
    auto c = annotate(" date 2022-01-21 The head of the State Department arrived in Geneva.\n");
    auto has = [](const Document& d, const std::string& id) {
        for (const auto& e : d.entities)
            if (e.ref.kb_id == id) return true;
        return false;
    };
    EXPECT_TRUE(has(a, "Q:antony_blinken"));
    EXPECT_TRUE(has(b, "Q:mike_pompeo"));
    EXPECT_TRUE(has(c, "Q:antony_blinken"));
    auto r = annotate(" date 2022-03-10 Russia's top diplomat met the Ukrainian foreign minister.\n");
    EXPECT_TRUE(has(r, "Q:sergey_lavrov"));
    EXPECT_TRUE(has(r, "Q:dmytro_kuleba"));
}

TEST(EntitiesLink, UndatedDescriptionTakesThePersonNamed) {
    // No date: "the head of the State Department" is whoever the article named in that office,
    // not today's holder.
    auto d = annotate("Sergey Lavrov met Anthony Blinken in Geneva. The head of the State Department said little.\n");
    ASSERT_FALSE(d.dct.known());
    const EntityMention* e = find(d, "The head of the State Department");
    ASSERT_NE(e, nullptr);
    EXPECT_EQ(e->ref.kb_id, "Q:antony_blinken");
}

TEST(EntitiesLink, CounterpartIsTheSameOfficeElsewhere) {
    auto d = annotate(" date 2022-03-10 Sergey Lavrov met his Ukrainian counterpart in Antalya.\n");
    const EntityMention* e = find(d, "Ukrainian counterpart");
    ASSERT_NE(e, nullptr);
    EXPECT_EQ(e->ref.kb_id, "Q:dmytro_kuleba");
}

TEST(EntitiesLink, DatelineIsAPlaceNotAnActor) {
    auto d = annotate(" date 2023-02-03 WASHINGTON (AP) \xE2\x80\x94 Antony Blinken postponed his trip to Beijing.\n");
    const EntityMention* e = find(d, "WASHINGTON");
    ASSERT_NE(e, nullptr);
    EXPECT_EQ(e->ref.type, "LOC");
    EXPECT_EQ(e->how, "dateline");
    EXPECT_EQ(e->ref.country, "USA");
    // "to Beijing": a place; elsewhere "Beijing" speaks for China's government
    const EntityMention* b = find(d, "Beijing");
    ASSERT_NE(b, nullptr);
    EXPECT_EQ(b->ref.type, "LOC");
}

TEST(EntitiesLink, CommonWordsAreNotPeople) {
    auto d = annotate(" date 2022-01-21 Judge for yourself. Rim of the crater. Will he come?\n");
    for (const auto& e : d.entities) EXPECT_TRUE(e.ref.type != "PER" || e.how == "pronoun") << d.slice(e.span);
}

TEST(EntitiesLink, PronounsRespectGenderAndQuotes) {
    auto d = annotate(" date 2022-07-09 Maria Zakharova criticised Antony Blinken. She said the talks failed. "
                      "He did not reply.\n");
    EXPECT_EQ(id_of(d, "She"), "Q:maria_zakharova");
    EXPECT_EQ(id_of(d, "He"), "Q:antony_blinken");
    auto q = annotate(" date 2022-02-24 Emmanuel Macron spoke. \xE2\x80\x9CVladimir Putin has chosen war.\xE2\x80\x9D\n\n"
                      "He added that talks must go on.\n");
    EXPECT_EQ(id_of(q, "He"), "Q:emmanuel_macron");
}

TEST(EntitiesLink, UnknownNamesAreKeptUnlinked) {
    if (!res().kb || !res().kb->ner) GTEST_SKIP() << "no NER model";
    auto d = annotate(" date 2022-03-10 Tobias Wernicke, an adviser, met Sergey Lavrov in Moscow. "
                      "Wernicke said the meeting was useful.\n");
    const EntityMention* e = find(d, "Tobias Wernicke");
    ASSERT_NE(e, nullptr);
    EXPECT_EQ(e->ref.type, "PER");
    EXPECT_TRUE(e->ref.kb_id.empty());
    const EntityMention* s = find(d, "Wernicke");
    ASSERT_NE(s, nullptr);
    EXPECT_EQ(s->ref.name, "Tobias Wernicke");
}

TEST(EntitiesLink, EveryMentionIsAValidSpan) {
    std::string junk = " date 2022-01-01 ";
    for (int i = 0; i < 2000; ++i) junk += (i % 7 ? "Lavrov \xE2\x80\x9C" : "he the Kremlin\n");
    auto d = annotate(junk);
    for (const auto& e : d.entities) {
        EXPECT_LT(e.span.start, e.span.end);
        EXPECT_LE(e.span.end, d.text.size());
    }
    auto empty = annotate("");
    EXPECT_TRUE(empty.entities.empty());
}

TEST(EntitiesNer, CorruptModelIsAClearErrorAndLinkingGoesOn) {
    auto dir = std::filesystem::temp_directory_path() / "parley_ner_test";
    std::filesystem::create_directories(dir);
    std::string path = (dir / "bad.model").string();
    {
        std::ofstream(path) << "PNER2\n18 3 O B-PER I-PER\n0.5\n1 2 3\n";
    }
    try {
        ner_load(path);
        FAIL() << "expected an error";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find(path), std::string::npos);
    }
    EXPECT_THROW(ner_load((dir / "missing.model").string()), std::runtime_error);
    auto kb = load_kb(data_dir() + "/kb", path);  // reports on stderr, continues without NER
    ASSERT_NE(kb, nullptr);
    EXPECT_EQ(kb->ner, nullptr);
    EXPECT_GT(kb->actors.size(), 1000U);
    std::filesystem::remove_all(dir);
}

TEST(EntitiesNer, ShippedModelTagsNames) {
    if (!res().kb || !res().kb->ner) GTEST_SKIP() << "no NER model";
    std::vector<std::string_view> w = {"Yesterday", "Olivia", "Marchetti", "visited", "the", "Acme",
                                       "Corporation", "in", "Lyon", "."};
    auto tags = ner_tag(*res().kb->ner, w, ner_gazetteer(*res().kb, w));
    auto spans = ner_spans(tags);
    bool per = false;
    for (const auto& s : spans) per |= s.type == "PER" && s.first == 1 && s.last == 2;
    EXPECT_TRUE(per);
}

TEST(EntitiesNer, ScoreIsExactSpan) {
    NerScore s;
    ner_score({"B-PER", "I-PER", "O", "B-LOC"}, {"B-PER", "O", "O", "B-LOC"}, s);
    EXPECT_EQ(s.tp, 1U);
    EXPECT_EQ(s.fp, 1U);
    EXPECT_EQ(s.fn, 1U);
}

// With a parse (filled by the text stage once its tagger/parser lands), subjects decide:
// "the American" as a subject noun is the American named before; "he" as an object is left.
TEST(EntitiesLink, UsesSyntaxWhenPresent) {
    Document d;
    d.text = "Antony Blinken met Wang Yi. The American urged him to act.";
    d.dct.value = "2022-07-09";
    // tokens with a hand-made parse
    struct T {
        uint32_t s, e;
        const char* upos;
        const char* deprel;
    };
    const T toks[] = {{0, 6, "PROPN", "nsubj"}, {7, 14, "PROPN", "flat"}, {15, 18, "VERB", "root"},
                      {19, 23, "PROPN", "obj"},  {24, 26, "PROPN", "flat"}, {26, 27, "PUNCT", "punct"},
                      {28, 31, "DET", "det"},    {32, 40, "PROPN", "nsubj"}, {41, 46, "VERB", "root"},
                      {47, 50, "PRON", "obj"},   {51, 53, "PART", "mark"}, {54, 57, "VERB", "xcomp"},
                      {57, 58, "PUNCT", "punct"}};
    for (const auto& t : toks) {
        Token k;
        k.span = {t.s, t.e};
        k.upos = t.upos;
        k.deprel = t.deprel;
        k.sentence = t.s < 28 ? 0 : 1;
        d.tokens.push_back(k);
    }
    d.sentences.push_back({{0, 27}, 0, 6, 0});
    d.sentences.push_back({{28, 58}, 6, 7, 0});
    link_entities(d, *res().kb);
    const EntityMention* e = find(d, "The American");
    ASSERT_NE(e, nullptr);
    EXPECT_EQ(e->ref.kb_id, "Q:antony_blinken");
    EXPECT_EQ(find(d, "him"), nullptr);  // objects are not linked
}

// News outlets are ORG actors of kind media with their country: a source, not a participant.
TEST(EntitiesMedia, OutletsAreMediaActorsWithCountry) {
    Document d = annotate(
        "date 2022-03-10 Russian Foreign Minister Sergey Lavrov met Dmytro Kuleba in Antalya, TASS reported. "
        "Kuleba told Ukrinform that no progress was made, according to Reuters.\n");
    for (auto [surface, id, country] : {std::tuple{"TASS", "Q:tass", "RUS"}, std::tuple{"Ukrinform", "Q:ukrinform", "UKR"},
                                        std::tuple{"Reuters", "Q:reuters", "GBR"}}) {
        const EntityMention* e = find(d, surface);
        ASSERT_NE(e, nullptr) << surface;
        EXPECT_EQ(e->ref.kb_id, id);
        EXPECT_EQ(e->ref.type, "ORG");
        EXPECT_EQ(e->ref.country, country);
        EXPECT_EQ(e->how, "media");
        EXPECT_EQ(e->ref.role, "news agency");
    }
    EXPECT_EQ(id_of(d, "Sergey Lavrov"), "Q:sergey_lavrov");
    EXPECT_EQ(find(d, "Sergey Lavrov")->how, "alias");
}

// A title split by the country it belongs to resolves like "the Russian foreign minister".
TEST(EntitiesDescriptions, TitleSplitByADemonym) {
    Document d = annotate("date 2022-07-09 The top US diplomat arrived in Bali. The top Russian diplomat left early.\n");
    EXPECT_EQ(id_of(d, "The top US diplomat"), "Q:antony_blinken");
    EXPECT_EQ(id_of(d, "The top Russian diplomat"), "Q:sergey_lavrov");
    Document e = annotate("date 2016-07-09 The top US diplomat arrived in Bali.\n");
    EXPECT_EQ(id_of(e, "The top US diplomat"), "Q:john_kerry");
    // Any title of role_titles.tsv, split anywhere by any country's demonym.
    Document f = annotate("date 2022-03-10 The head of Ukrainian diplomacy spoke first. The head of French diplomacy "
                          "arrived later.\n");
    EXPECT_EQ(id_of(f, "The head of Ukrainian diplomacy"), "Q:dmytro_kuleba");
    EXPECT_EQ(id_of(f, "The head of French diplomacy"), "Q:jean_yves_le_drian");
}

// "the minister said": the nearest person named shortly before who held one of the offices
// nominals.tsv lists for the word; never without such a person, never before a name or an
// "of" phrase.
TEST(EntitiesNominals, ShortNominalInSubjectPosition) {
    Document d = annotate(
        "date 2022-03-10 Foreign Minister Mevlut Cavusoglu said the talks were civil.\n"
        "\"Turkey is ready to help,\" the minister said.\n");
    EXPECT_EQ(id_of(d, "the minister"), "Q:mevlut_cavusoglu");
    EXPECT_EQ(find(d, "the minister")->how, "nominal");
    Document e = annotate("date 2022-03-10 It rained all day in Ankara. The minister said nothing.\n");
    EXPECT_EQ(find(e, "The minister"), nullptr);
    Document f = annotate(
        "date 2022-03-10 Foreign Minister Mevlut Cavusoglu arrived. The minister of defence said nothing.\n");
    EXPECT_EQ(find(f, "The minister"), nullptr);
}

// "the President of Turkey", "the Foreign Minister of Ukraine": the country after "of".
TEST(EntitiesDescriptions, TitleOfCountry) {
    Document d = annotate(
        "date 2023-03-25 The President of Turkey spoke by phone. Later the Foreign Minister of Ukraine arrived.\n");
    EXPECT_EQ(id_of(d, "The President of Turkey"), "Q:recep_tayyip_erdogan");
    EXPECT_EQ(id_of(d, "the Foreign Minister of Ukraine"), "Q:dmytro_kuleba");
    // With the name after it, the name is the mention and the title confirms its role.
    Document e = annotate("date 2023-03-25 The President of Turkey Recep Tayyip Erdogan left.\n");
    EXPECT_EQ(id_of(e, "Recep Tayyip Erdogan"), "Q:recep_tayyip_erdogan");
    EXPECT_EQ(find(e, "The President of Turkey"), nullptr);
}

// Undated: "Turkey's president told his Russian counterpart ..." can only be resolved once
// the two are named; the counterpart takes the office of the description before it.
TEST(EntitiesDescriptions, CounterpartResolvedLater) {
    Document d = annotate(
        "ISTANBUL - Turkey's president told his Russian counterpart that the deal could be saved.\n"
        "Recep Tayyip Erdogan told Vladimir Putin that a way out could be found.\n");
    EXPECT_EQ(id_of(d, "Turkey's president"), "Q:recep_tayyip_erdogan");
    EXPECT_EQ(id_of(d, "Russian counterpart"), "Q:vladimir_putin");
}
