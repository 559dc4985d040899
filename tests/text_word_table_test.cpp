// Word tables (the lookup behind the tagger's lexicon and the word clusters) and the
// shipped word-cluster file.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "text/learn.hpp"
#include "text/text.hpp"
#include "util/util.hpp"

using namespace parley;
namespace fs = std::filesystem;

namespace {
const std::string kSource = PARLEY_SOURCE_DIR;

const text::WordTable& clusters() {
    static const text::WordTable t = text::load_word_clusters(kSource + "/data/text/word_clusters.tsv", false);
    return t;
}
}  // namespace

TEST(WordTable, FindsWhatWasBuiltAndNothingElse) {
    std::vector<std::pair<uint64_t, uint16_t>> entries;
    for (int i = 0; i < 1000; ++i) {
        std::string word = "w";
        word += std::to_string(i);
        entries.emplace_back(text::str_id(word), uint16_t(i + 1));
    }
    entries.emplace_back(text::str_id("w5"), 999);  // a later duplicate is ignored
    entries.emplace_back(text::str_id("zero"), 0);  // zero means absent
    text::WordTable t = text::WordTable::build(entries);
    EXPECT_EQ(t.words, 1000U);
    EXPECT_EQ(t.find("w0"), 1);
    EXPECT_EQ(t.find("w5"), 6);
    EXPECT_EQ(t.find("w999"), 1000);
    EXPECT_EQ(t.find("w1000"), 0);
    EXPECT_EQ(t.find("zero"), 0);
    EXPECT_EQ(t.find(""), 0);
    EXPECT_EQ(text::WordTable{}.find("w0"), 0);
}

TEST(WordTable, ClusterPrefixKeepsTheFirstChoices) {
    uint16_t code = 0b1'101101;  // path "101101"
    EXPECT_EQ(text::cluster_prefix(code, 2), 0b1'10);
    EXPECT_EQ(text::cluster_prefix(code, 4), 0b1'1011);
    EXPECT_EQ(text::cluster_prefix(code, 6), code);
    EXPECT_EQ(text::cluster_prefix(code, 12), code);  // shorter path: the whole path
    EXPECT_EQ(text::cluster_prefix(0, 4), 0);
}

TEST(WordTable, ShippedClustersGroupWordsOfAKind) {
    const auto& t = clusters();
    ASSERT_GT(t.words, 100000U);
    // Words used alike share a cluster: weekdays their whole path, months a long prefix.
    EXPECT_NE(t.find("monday"), 0);
    EXPECT_EQ(t.find("monday"), t.find("tuesday"));
    EXPECT_EQ(text::cluster_prefix(t.find("january"), 8), text::cluster_prefix(t.find("february"), 8));
    EXPECT_EQ(t.find("Monday"), 0);  // keys are lower-cased words
    EXPECT_EQ(t.find("qzxjvw"), 0);
}

TEST(WordTable, SaveAndReadRoundTripAndRejectDamage) {
    const auto& t = clusters();
    std::ostringstream out;
    t.write(out);
    std::string bytes = out.str();
    text::ByteReader in(bytes, 0, bytes.size(), "test");
    text::WordTable back;
    back.read(in);
    EXPECT_EQ(back.slots, t.slots);
    EXPECT_EQ(back.find("monday"), t.find("monday"));

    text::WordTable full = t;
    for (auto& s : full.slots)
        if (s == 0) s = 0x10001;
    full.words = full.slots.size();
    std::ostringstream o2;
    full.write(o2);
    std::string b2 = o2.str();
    text::ByteReader in2(b2, 0, b2.size(), "test");
    text::WordTable bad;
    EXPECT_THROW(bad.read(in2), InputError);
}

TEST(WordTable, MissingClusterFileGivesAnEmptyTable) {
    fs::path p = fs::temp_directory_path() / "parley_no_such_clusters.tsv";
    fs::remove(p);
    text::WordTable t = text::load_word_clusters(p.string(), false);
    EXPECT_TRUE(t.empty());
    EXPECT_EQ(t.find("monday"), 0);
}

// The text stage gives every token its cluster code (what the NER of the entities stage reads).
TEST(WordTable, TextStageFillsTokenClusters) {
    static auto models = load_text_models(kSource + "/models");
    ASSERT_NE(models, nullptr);
    Document d;
    d.text = "Talks resumed on Monday and ended on Tuesday in Qzxjvwq.";
    analyze_text(d, models.get());
    auto code = [&](std::string_view w) -> uint16_t {
        for (const auto& t : d.tokens)
            if (d.slice(t.span) == w) return t.cluster;
        return 0xFFFF;
    };
    EXPECT_NE(code("Monday"), 0);
    EXPECT_EQ(code("Monday"), code("Tuesday"));  // looked up lower-cased
    EXPECT_EQ(code("Qzxjvwq"), 0);
    EXPECT_EQ(code("Monday"), text::word_cluster(clusters(), "MONDAY"));
}
