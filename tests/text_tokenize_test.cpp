// Tokeniser and sentence splitter: news-English cases and robustness.
#include <gtest/gtest.h>

#include <random>

#include "text/text.hpp"

using namespace parley;

namespace {
std::vector<std::string> toks(std::string_view text) {
    std::vector<std::string> out;
    for (const Span& s : tokenize_spans(text)) out.emplace_back(text.substr(s.start, s.size()));
    return out;
}
std::vector<std::string> sentences(const std::string& text) {
    Document d;
    d.text = text;
    tokenize(d);
    std::vector<std::string> out;
    for (const auto& s : d.sentences) out.emplace_back(d.slice(s.span));
    return out;
}
using V = std::vector<std::string>;
}  // namespace

TEST(TextTokenize, AbbreviationsAndInitialsKeepTheirPeriod) {
    EXPECT_EQ(toks("Gen. J. Smith met U.S. officials at 5 p.m. today."),
              (V{"Gen.", "J.", "Smith", "met", "U.S.", "officials", "at", "5", "p.m.", "today", "."}));
}

TEST(TextTokenize, CliticsAndNegation) {
    EXPECT_EQ(toks("Russia's envoy didn't say; we'll see."),
              (V{"Russia", "'s", "envoy", "did", "n't", "say", ";", "we", "'ll", "see", "."}));
    EXPECT_EQ(toks("They cannot go."), (V{"They", "can", "not", "go", "."}));
}

TEST(TextTokenize, NumbersHyphensAndSymbols) {
    EXPECT_EQ(toks("1,000 troops, 3.5% and a 15-year e-mail ban..."),
              (V{"1,000", "troops", ",", "3.5", "%", "and", "a", "15", "-", "year", "e-mail", "ban", "..."}));
    EXPECT_EQ(toks("call 646-8420 -- now!!"), (V{"call", "646-8420", "--", "now", "!!"}));
}

TEST(TextTokenize, UrlsAndEmails) {
    EXPECT_EQ(toks("See (https://example.org/a?b=1). Mail john.doe@example.org."),
              (V{"See", "(", "https://example.org/a?b=1", ")", ".", "Mail", "john.doe@example.org", "."}));
}

TEST(TextTokenize, QuotesAndBrackets) {
    EXPECT_EQ(toks("\"No,\" he said [\xE2\x80\xA6] \xE2\x80\x9CNever.\xE2\x80\x9D"),
              (V{"\"", "No", ",", "\"", "he", "said", "[", "\xE2\x80\xA6", "]", "\xE2\x80\x9C", "Never", ".",
                 "\xE2\x80\x9D"}));
}

TEST(TextTokenize, OffsetsPointIntoTheText) {
    std::string t = "MOSCOW, February 12. /TASS/. Talks \xE2\x80\x94 again.";
    for (const Span& s : tokenize_spans(t)) {
        ASSERT_LE(s.end, t.size());
        ASSERT_LT(s.start, s.end);
        EXPECT_EQ(t.substr(s.start, s.size()).find(' '), std::string::npos);
    }
}

TEST(TextSentences, DatelineStaysOneUnit) {
    EXPECT_EQ(sentences("MOSCOW, February 12. /TASS/. Russia and China held talks. They agreed."),
              (V{"MOSCOW, February 12. /TASS/.", "Russia and China held talks.", "They agreed."}));
}

TEST(TextSentences, QuotesCloseTheirSentence) {
    EXPECT_EQ(sentences("\"We will not give up.\" Lavrov said so. \"Why?\" he asked."),
              (V{"\"We will not give up.\"", "Lavrov said so.", "\"Why?\" he asked."}));
}

TEST(TextSentences, AbbreviationsDoNotEndSentences) {
    EXPECT_EQ(sentences("Gen. Mark Milley met Mr. Smith in Washington, D.C. on Monday. Talks ended."),
              (V{"Gen. Mark Milley met Mr. Smith in Washington, D.C. on Monday.", "Talks ended."}));
}

TEST(TextSentences, ParagraphsAndLinesBreakSentences) {
    Document d;
    d.text = "Headline without stop\n\nFirst paragraph. Second sentence\nNext line";
    tokenize(d);
    ASSERT_EQ(d.sentences.size(), 4u);
    EXPECT_EQ(d.sentences[0].paragraph, 0u);
    EXPECT_EQ(d.sentences[1].paragraph, 1u);
    EXPECT_EQ(d.slice(d.sentences[2].span), "Second sentence");
    for (const auto& t : d.tokens) EXPECT_LT(t.sentence, d.sentences.size());
}

TEST(TextTokenize, ArbitraryBytesNeverCrash) {
    std::mt19937 rng(7);
    for (int round = 0; round < 200; ++round) {
        std::string s(size_t(rng() % 300), '\0');
        for (char& c : s) c = char(rng() % 256);
        Document d;
        d.text = s;
        tokenize(d);
        uint32_t covered = 0;
        for (const auto& t : d.tokens) {
            ASSERT_LE(t.span.end, s.size());
            ASSERT_LE(covered, t.span.start);
            covered = t.span.end;
        }
    }
    Document empty;
    tokenize(empty);
    EXPECT_TRUE(empty.tokens.empty());
    EXPECT_TRUE(empty.sentences.empty());
}

TEST(TextSentences, RunOnTextIsCutIntoBoundedSentences) {
    Document d;
    for (int i = 0; i < 2000; ++i) d.text += "word ";
    tokenize(d);
    ASSERT_EQ(d.tokens.size(), 2000u);
    EXPECT_GE(d.sentences.size(), 8u);
    uint32_t total = 0;
    for (const auto& s : d.sentences) {
        EXPECT_LE(s.token_count, 250u);
        total += s.token_count;
    }
    EXPECT_EQ(total, 2000u);
}
