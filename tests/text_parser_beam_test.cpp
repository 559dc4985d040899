// Dependency parser, beam search with global training (round three): learnability, the
// beam width stored in the model file, determinism, and well-formed trees on hostile input
// on both the beam path and the greedy fallback for very long sentences.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <sstream>

#include "support/parser_treebank.hpp"
#include "text/learn.hpp"
#include "util/util.hpp"

using namespace parley;
namespace fs = std::filesystem;

namespace {

using test_support::expect_tree;
using test_support::Parse;
using test_support::parse;
using test_support::sentence;

// The shared small treebank plus a right-branching chain whose words stay on the stack when
// the buffer runs out.
std::vector<text::ConllSentence> treebank() {
    auto bank = test_support::small_treebank();
    bank.push_back(sentence("Officials/NNS/2/nsubj said/VBD/0/root that/IN/5/mark troops/NNS/5/nsubj "
                            "left/VBD/2/ccomp the/DT/7/det city/NN/5/obj"));
    return bank;
}

text::TrainOptions quiet(int epochs) { return test_support::quiet_training(epochs, 3); }

std::string temp_file(const std::string& name) { return (fs::temp_directory_path() / name).string(); }

}  // namespace

TEST(TextParserBeam, LearnsASmallTreebankBack) {
    auto bank = treebank();
    auto m = text::train_parser(bank, nullptr, quiet(20), 4);
    EXPECT_EQ(m.beam, 4);
    for (const auto& s : bank) {
        Parse p = parse(m, s);
        ASSERT_EQ(p.heads.size(), s.words.size());
        expect_tree(p.heads);
        for (size_t i = 0; i < s.words.size(); ++i) {
            EXPECT_EQ(p.heads[i], s.words[i].head) << s.words[i].form;
            EXPECT_EQ(p.deprels[i], s.words[i].deprel) << s.words[i].form;
        }
    }
}

// The width is part of the model: it survives saving and loading, the same seed gives the
// same bytes, and a greedy model is still written in the older (version 2) layout.
TEST(TextParserBeam, WidthIsStoredAndTrainingIsDeterministic) {
    auto bank = treebank();
    std::string a = temp_file("parley_beam_a.bin"), b = temp_file("parley_beam_b.bin");
    std::string g = temp_file("parley_beam_greedy.bin");
    auto m = text::train_parser(bank, nullptr, quiet(5), 8);
    text::save_parser(m, a);
    text::save_parser(text::train_parser(bank, nullptr, quiet(5), 8), b);
    EXPECT_EQ(read_file(a), read_file(b));
    EXPECT_EQ(read_file(a).substr(0, 16), "PARLEY-PARSER-3\n");
    auto reloaded = text::load_parser(a);
    EXPECT_EQ(reloaded.beam, 8);
    EXPECT_EQ(reloaded.feature_set, m.feature_set);
    for (const auto& s : bank) EXPECT_EQ(parse(reloaded, s).heads, parse(m, s).heads);
    text::save_parser(text::train_parser(bank, nullptr, quiet(5)), g);
    EXPECT_EQ(read_file(g).substr(0, 16), "PARLEY-PARSER-2\n");
    EXPECT_EQ(text::load_parser(g).beam, 1);
    std::remove(a.c_str());
    std::remove(b.c_str());
    std::remove(g.c_str());
}

TEST(TextParserBeam, BadWidthIsRefused) {
    auto bank = treebank();
    EXPECT_THROW(text::train_parser(bank, nullptr, quiet(1), 0), InputError);
    auto m = text::train_parser(bank, nullptr, quiet(1), 2);
    m.beam = 0;  // as a damaged file would carry it
    std::string path = temp_file("parley_beam_bad.bin");
    text::save_parser(m, path);
    EXPECT_THROW(text::load_parser(path), InputError);
    std::remove(path.c_str());
}

// The beam reuses per-thread score buffers; a sentence parses the same alone and after others.
TEST(TextParserBeam, ParseDoesNotDependOnEarlierSentences) {
    auto bank = treebank();
    auto m = text::train_parser(bank, nullptr, quiet(2), 4);  // not yet exact
    std::vector<Parse> alone;
    for (const auto& s : bank) alone.push_back(parse(m, s));
    for (size_t i = bank.size(); i-- > 0;) {
        parse(m, bank[1]);
        Parse again = parse(m, bank[i]);
        EXPECT_EQ(again.heads, alone[i].heads) << i;
        EXPECT_EQ(again.deprels, alone[i].deprels) << i;
    }
}

TEST(TextParserBeam, HostileInputStillGivesATree) {
    auto m = text::train_parser(treebank(), nullptr, quiet(3), 4);
    {
        std::vector<std::string_view> none;
        std::vector<int> heads{5};
        std::vector<uint16_t> labels{1};
        text::parse_words(m, none, none, none, heads, labels);
        EXPECT_TRUE(heads.empty());
        EXPECT_TRUE(labels.empty());
    }
    // Unknown words at the beam's length limit and far beyond it (the greedy fallback).
    for (size_t n : {text::kBeamMaxWords, size_t(3000)}) {
        std::vector<std::string> store;
        for (size_t i = 0; i < n; ++i) {
            std::string w = i % 7 == 0 ? "," : "w";
            if (i % 7 != 0) w += std::to_string(i);
            store.push_back(w);
        }
        std::vector<std::string_view> forms(store.begin(), store.end());
        std::vector<std::string_view> tags(store.size(), "XX");
        std::vector<int> heads;
        std::vector<uint16_t> labels;
        text::parse_words(m, forms, tags, tags, heads, labels);
        ASSERT_EQ(heads.size(), store.size());
        expect_tree(heads);
        for (uint16_t l : labels) EXPECT_LT(l, m.deprels.size());
    }
}

// Feature set 3: the word-cluster table is copied into the model file and read back, and
// the reloaded model parses as the trained one.
TEST(TextParserBeam, ClusterModelRoundTrips) {
    auto bank = treebank();
    std::vector<std::pair<uint64_t, uint16_t>> codes;
    auto code = [](const std::string& path) {
        uint16_t c = 1;
        for (char ch : path) c = uint16_t(c << 1 | (ch == '1'));
        return c;
    };
    // Nouns share one cluster, verbs another.
    for (const char* w : {"minister", "police", "men", "talks", "army", "report", "troops", "city", "officials", "diplomats"})
        codes.emplace_back(text::str_id(w), code("0101"));
    for (const char* w : {"resigned", "arrested", "said", "failed", "denied", "left"})
        codes.emplace_back(text::str_id(w), code("1100"));
    auto clusters = text::WordTable::build(codes);
    auto m = text::train_parser(bank, nullptr, quiet(20), 2, clusters);
    EXPECT_EQ(m.feature_set, 3);
    std::string path = temp_file("parley_beam_clusters.bin");
    text::save_parser(m, path);
    auto reloaded = text::load_parser(path);
    std::remove(path.c_str());
    EXPECT_EQ(reloaded.feature_set, 3);
    EXPECT_EQ(reloaded.beam, 2);
    EXPECT_EQ(reloaded.clusters.words, clusters.words);
    for (const auto& s : bank) {
        Parse p = parse(reloaded, s), q = parse(m, s);
        EXPECT_EQ(p.heads, q.heads);
        EXPECT_EQ(p.deprels, q.deprels);
        for (size_t i = 0; i < s.words.size(); ++i) EXPECT_EQ(p.heads[i], s.words[i].head) << s.words[i].form;
    }
}
