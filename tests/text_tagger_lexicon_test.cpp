// Tagger lexicon: the WordNet word-class file in data/text/, its copy inside the shipped
// tagger model, and what it is for: tagging words the training data never showed.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "support/shipped_tagger.hpp"
#include "text/learn.hpp"
#include "util/util.hpp"

using namespace parley;
namespace fs = std::filesystem;

namespace {
const std::string kSource = PARLEY_SOURCE_DIR;

const text::TaggerModel& tagger() { return test_support::shipped_tagger(); }

// Tags of `words` as "UPOS/XPOS".
std::vector<std::string> tag(const std::vector<std::string_view>& words) {
    std::vector<uint16_t> tags;
    text::tag_words(tagger(), words, tags);
    std::vector<std::string> out;
    for (uint16_t t : tags) out.push_back(tagger().upos[t] + "/" + tagger().xpos[t]);
    return out;
}
}  // namespace

TEST(TaggerLexicon, DataFileIsWellFormed) {
    std::map<std::string, std::string> classes;
    size_t rows = 0;
    for_each_tsv_row(kSource + "/data/text/wordnet_pos.tsv", [&](std::vector<std::string>& c, const auto&) {
        ++rows;
        ASSERT_EQ(c.size(), 3U);
        ASSERT_FALSE(c[0].empty());
        EXPECT_EQ(c[1].find_first_not_of("npcvarNVA"), std::string::npos) << c[0] << " " << c[1];
        EXPECT_EQ(c[2].find_first_not_of("nvar-"), std::string::npos) << c[0] << " " << c[2];
        classes[c[0]] = c[1];
    });
    EXPECT_GT(rows, 50000U);
    EXPECT_EQ(classes["washington"], "p");  // a name only
    EXPECT_NE(classes["run"].find('v'), std::string::npos);
    EXPECT_NE(classes["run"].find('n'), std::string::npos);
    EXPECT_NE(classes["went"].find('V'), std::string::npos);  // irregular verb form
    EXPECT_NE(classes["turkey"].find('c'), std::string::npos);  // common noun and a name
}

TEST(TaggerLexicon, ShippedModelCarriesTheLexicon) {
    const auto& m = tagger();
    EXPECT_GT(m.lexicon.words, 50000U);
    EXPECT_FALSE(m.lexicon_endings.empty());
    EXPECT_NE(text::lexicon_classes(m, "reconvene"), 0);
    EXPECT_NE(text::lexicon_classes(m, "washington"), text::lexicon_classes(m, "reconvene"));
    EXPECT_EQ(text::lexicon_classes(m, "qzxjv"), 0);
    EXPECT_EQ(text::lexicon_classes(m, ""), 0);
}

// None of these words occurs in EWT train; WordNet knows their bases as verbs, nouns and a
// place name, which is what the tagger needs to get them right.
TEST(TaggerLexicon, TagsWordsNeverSeenInTraining) {
    std::vector<std::string_view> words = {"The", "envoys", "reconvened", "in", "Tbilisi", "and", "ratified", "the", "treaty", "."};
    auto t = tag(words);
    EXPECT_EQ(t[1], "NOUN/NNS");
    EXPECT_EQ(t[2].substr(0, 7), "VERB/VB");  // VBD or VBN: both plausible without a subject's tense cue
    EXPECT_EQ(t[4], "PROPN/NNP");
    EXPECT_EQ(t[6], "VERB/VBD");
    std::vector<uint16_t> tags;
    text::tag_words(tagger(), words, tags);
    // The suffix rules alone would give "reconven"; the lexicon knows the verb "reconvene".
    EXPECT_EQ(text::lemmatize(tagger(), "reconvened", tags[2]), "reconvene");
    text::tag_words(tagger(), {"The", "mediators", "abrogated", "it", "."}, tags);
    EXPECT_EQ(text::lemmatize(tagger(), "mediators", tags[1]), "mediator");
    EXPECT_EQ(tagger().upos[tags[2]], "VERB");
}

TEST(TaggerLexicon, SaveAndLoadKeepLexiconAndTags) {
    fs::path tmp = fs::temp_directory_path() / "parley_tagger_lexicon_test.bin";
    text::save_tagger(tagger(), tmp.string());
    text::TaggerModel back = text::load_tagger(tmp.string());
    fs::remove(tmp);
    EXPECT_EQ(back.lexicon.slots, tagger().lexicon.slots);
    EXPECT_EQ(back.lexicon_endings, tagger().lexicon_endings);
    std::vector<std::string_view> words = {"Mediators", "in", "Kerala", "deescalated", "quickly", "."};
    std::vector<uint16_t> a, b;
    text::tag_words(tagger(), words, a);
    text::tag_words(back, words, b);
    EXPECT_EQ(a, b);
}

TEST(TaggerLexicon, EmptyAndOddInputDoNotCrash) {
    std::vector<uint16_t> tags;
    text::tag_words(tagger(), {}, tags);
    EXPECT_TRUE(tags.empty());
    std::string long_word(5000, 'x');
    text::tag_words(tagger(), {"", "s", "ies", long_word, "\xff\xfe", "ING"}, tags);
    EXPECT_EQ(tags.size(), 6U);
}

// A lexicon table with no empty slot would make lookups of unknown words loop forever: the
// loader must refuse it (the checksum only guards against accidental damage).
TEST(TaggerLexicon, RejectsALexiconTableWithoutEmptySlots) {
    text::TaggerModel bad = tagger();
    for (auto& slot : bad.lexicon.slots)
        if (slot == 0) slot = 0x10001;
    fs::path tmp = fs::temp_directory_path() / "parley_tagger_lexicon_full.bin";
    text::save_tagger(bad, tmp.string());
    EXPECT_THROW(text::load_tagger(tmp.string()), InputError);
    bad.lexicon.words = bad.lexicon.slots.size();
    text::save_tagger(bad, tmp.string());
    EXPECT_THROW(text::load_tagger(tmp.string()), InputError);
    fs::remove(tmp);
}
