// Tagger, lemmatiser and parser: the shipped models on real sentences, model-file
// integrity, CoNLL-U reading, and the syntax queries later stages use.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "text/learn.hpp"
#include "text/text.hpp"
#include "util/util.hpp"

using namespace parley;
namespace fs = std::filesystem;

namespace {
std::shared_ptr<const TextModels> models() {
    static auto m = load_text_models(std::string(PARLEY_SOURCE_DIR) + "/models");
    return m;
}
Document analyze(const std::string& text) {
    Document d;
    d.text = text;
    analyze_text(d, models().get());
    return d;
}
int find(const Document& d, std::string_view word) {
    for (size_t i = 0; i < d.tokens.size(); ++i)
        if (d.slice(d.tokens[i].span) == word) return int(i);
    return -1;
}
}  // namespace

TEST(TextModel, ShippedModelsLoad) {
    ASSERT_NE(models(), nullptr) << "models/tagger.bin missing";
    EXPECT_EQ(load_text_models("/nonexistent-dir"), nullptr);
}

TEST(TextModel, TagsLemmasAndTreeOfANewsSentence) {
    ASSERT_NE(models(), nullptr);
    Document d = analyze("The ministers said on Thursday that Russia would not withdraw its troops.");
    int said = find(d, "said"), minister = find(d, "ministers"), withdraw = find(d, "withdraw");
    int troops = find(d, "troops");
    ASSERT_GE(said, 0);
    EXPECT_EQ(d.tokens[size_t(said)].upos, "VERB");
    EXPECT_EQ(d.tokens[size_t(said)].xpos, "VBD");
    EXPECT_EQ(d.tokens[size_t(said)].lemma, "say");
    EXPECT_EQ(d.tokens[size_t(minister)].lemma, "minister");
    EXPECT_EQ(d.tokens[size_t(said)].head, -1);
    EXPECT_EQ(d.tokens[size_t(said)].deprel, "root");
    EXPECT_EQ(d.tokens[size_t(minister)].head, said);
    EXPECT_EQ(d.tokens[size_t(minister)].deprel, "nsubj");
    EXPECT_EQ(d.tokens[size_t(withdraw)].head, said);
    EXPECT_EQ(d.tokens[size_t(withdraw)].deprel, "ccomp");
    EXPECT_TRUE(is_negated(d, uint32_t(withdraw)));
    EXPECT_FALSE(is_negated(d, uint32_t(said)));
    Span sub = subtree_span(d, uint32_t(troops));
    EXPECT_EQ(d.slice(sub), "its troops");
    EXPECT_EQ(dependent(d, uint32_t(said), "nsubj"), minister);
    EXPECT_EQ(sentence_root(d, 0), said);
    EXPECT_EQ(dependents(d, uint32_t(said), "nsubj"), std::vector<uint32_t>{uint32_t(minister)});
    EXPECT_EQ(dependent(d, uint32_t(said), "obj"), -1);
    auto kids = children(d, uint32_t(said));
    EXPECT_NE(std::find(kids.begin(), kids.end(), uint32_t(minister)), kids.end());
}

TEST(TextModel, EveryTokenGetsAHeadInsideItsSentence) {
    ASSERT_NE(models(), nullptr);
    Document d = analyze("Talks ended. !!! ?? In Geneva , U.S. and Russian envoys met -- briefly\n\n\"Yes\"");
    for (size_t s = 0; s < d.sentences.size(); ++s) {
        const Sentence& st = d.sentences[s];
        int roots = 0;
        for (uint32_t i = st.first_token; i < st.first_token + st.token_count; ++i) {
            const Token& t = d.tokens[i];
            EXPECT_FALSE(t.upos.empty());
            EXPECT_FALSE(t.deprel.empty());
            if (t.head < 0) {
                ++roots;
                continue;
            }
            EXPECT_GE(uint32_t(t.head), st.first_token);
            EXPECT_LT(uint32_t(t.head), st.first_token + st.token_count);
        }
        EXPECT_EQ(roots, 1) << "sentence " << s;
    }
}

TEST(TextModel, CorruptOrForeignModelFilesAreRejected) {
    fs::path dir = fs::temp_directory_path() / "parley_text_model_test";
    fs::create_directories(dir);
    std::string good = read_file(std::string(PARLEY_SOURCE_DIR) + "/models/tagger.bin");
    auto write = [&](const std::string& bytes) {
        std::ofstream(dir / "tagger.bin", std::ios::binary) << bytes;
    };
    write(good.substr(0, good.size() / 2));
    EXPECT_THROW(load_text_models(dir.string()), InputError);
    std::string flipped = good;
    flipped[flipped.size() / 2] ^= 0x40;
    write(flipped);
    EXPECT_THROW(load_text_models(dir.string()), InputError);
    write("not a model at all");
    EXPECT_THROW(load_text_models(dir.string()), InputError);
    fs::remove_all(dir);
}

TEST(TextConllu, ReadsWordsSkipsRangesAndRejectsBadLines) {
    std::string ok =
        "# text = Don't go.\n1-2\tDon't\t_\t_\t_\t_\t_\t_\t_\t_\n1\tDo\tdo\tAUX\tVB\t_\t3\taux\t_\t_\n"
        "2\tn't\tnot\tPART\tRB\t_\t3\tadvmod\t_\t_\n3\tgo\tgo\tVERB\tVB\t_\t0\troot\t_\t_\n"
        "3.1\tx\tx\tX\tX\t_\t_\t_\t_\t_\n4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n\n";
    auto s = text::parse_conllu(ok, "t.conllu");
    ASSERT_EQ(s.size(), 1u);
    ASSERT_EQ(s[0].words.size(), 4u);
    EXPECT_EQ(s[0].words[0].form, "Do");
    EXPECT_EQ(s[0].words[2].head, -1);
    EXPECT_EQ(s[0].words[3].head, 2);
    EXPECT_THROW(text::parse_conllu("1\tgo\n\n", "bad.conllu"), InputError);
    EXPECT_THROW(text::parse_conllu("1\tgo\tgo\tVERB\tVB\t_\t9\troot\t_\t_\n\n", "bad.conllu"), InputError);
    EXPECT_THROW(text::parse_conllu("2\tgo\tgo\tVERB\tVB\t_\t0\troot\t_\t_\n\n", "bad.conllu"), InputError);
}

TEST(TextPerceptron, LearnsAndSurvivesQuantisationAndRoundTrip) {
    // Two classes, each signalled by its own feature; a shared feature carries no signal.
    text::Perceptron p(2);
    std::vector<float> sc(2);
    for (int round = 0; round < 20; ++round)
        for (int cls = 0; cls < 2; ++cls) {
            std::vector<uint64_t> f = {text::feat(1, uint64_t(cls) + 10), text::feat(2, 0)};
            std::fill(sc.begin(), sc.end(), 0.0F);
            p.score(f, sc);
            int guess = sc[1] > sc[0] ? 1 : 0;
            p.update(f, cls, guess);
            p.tick();
        }
    auto w = text::Weights::from(p.averaged(), 2, 0.0F, 1000);
    std::stringstream buf;
    w.write(buf);
    text::Weights back;
    text::ByteReader in(buf.str(), 0, buf.str().size(), "mem");
    back.read(in);
    for (int cls = 0; cls < 2; ++cls) {
        uint64_t f[] = {text::feat(1, uint64_t(cls) + 10), text::feat(2, 0)};
        int32_t s[2] = {0, 0};
        back.score(f, 2, s);
        EXPECT_EQ(s[1] > s[0] ? 1 : 0, cls);
    }
}

TEST(TextModel, EwtDevAccuracyHolds) {
    std::string dev = std::string(PARLEY_SHARED_DIR) + "/data/ud-english-ewt/en_ewt-ud-dev.conllu";
    if (!fs::exists(dev)) GTEST_SKIP() << "shared EWT data not available";
    ASSERT_NE(models(), nullptr);
    auto gold = text::read_conllu(dev);
    gold.resize(std::min<size_t>(gold.size(), 600));
    auto pred = gold;
    text::annotate_sentences(pred, *models());
    auto sc = text::score_sentences(gold, pred);
    // Regression floor well below the measured full-dev figures (docs/bench/text.md).
    EXPECT_GT(sc.pct(sc.upos), 93.0);
    EXPECT_GT(sc.pct(sc.las), 78.0);
}

TEST(TextCli, ParseConlluKeepsWordsAndPredictsColumns) {
    fs::path dir = fs::temp_directory_path() / "parley_text_cli_test";
    fs::create_directories(dir);
    fs::path in = dir / "in.conllu";
    std::ofstream(in) << "# sent_id = a\n# text = They don't talk.\n"
                         "1\tThey\t_\t_\t_\t_\t_\t_\t_\t_\n2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n"
                         "2\tdo\t_\t_\t_\t_\t_\t_\t_\t_\n3\tn't\t_\t_\t_\t_\t_\t_\t_\t_\n"
                         "4\ttalk\t_\t_\t_\t_\t_\t_\t_\t_\n5\t.\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n\n";
    std::string cmd = std::string(PARLEY_CLI) + " parse --models " + PARLEY_SOURCE_DIR + "/models --conllu " +
                      in.string() + " > " + (dir / "out.conllu").string();
    ASSERT_EQ(std::system(cmd.c_str()), 0);
    auto out = text::read_conllu((dir / "out.conllu").string());
    ASSERT_EQ(out.size(), 1u);
    ASSERT_EQ(out[0].words.size(), 5u);
    EXPECT_EQ(out[0].comments.size(), 2u);
    std::vector<std::string> forms;
    int roots = 0;
    for (const auto& w : out[0].words) {
        forms.push_back(w.form);
        EXPECT_FALSE(w.upos.empty());
        EXPECT_FALSE(w.xpos.empty());
        EXPECT_FALSE(w.lemma.empty());
        EXPECT_FALSE(w.deprel.empty());
        roots += w.head == -1;
    }
    EXPECT_EQ(forms, (std::vector<std::string>{"They", "do", "n't", "talk", "."}));
    EXPECT_EQ(roots, 1);
    EXPECT_EQ(out[0].words[3].upos, "VERB");
    EXPECT_EQ(out[0].words[4].misc, "SpaceAfter=No");
    fs::remove_all(dir);
}
