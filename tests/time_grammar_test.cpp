// The time stage's data: the lexicon and grammar load, and mistakes in them are reported
// with the file and line instead of silently dropping rules.
#include <gtest/gtest.h>

#include "time/grammar.hpp"
#include "util/util.hpp"

using namespace parley;
using namespace parley::timeml;

TEST(TimeGrammar, ShippedDataLoads) {
    const Grammar& g = default_grammar();
    EXPECT_GE(g.rules.size(), 30u);
    EXPECT_TRUE(g.lexicon.has("month", "Sept."));
    EXPECT_EQ(*g.lexicon.lookup("weekday", "Saturday"), "6");
    EXPECT_EQ(*g.lexicon.lookup("unit", "decades"), "E");
    // words that begin expressions are candidates; ordinary words are not
    EXPECT_TRUE(g.first_words.count("yesterday"));
    EXPECT_TRUE(g.first_words.count("every"));
    EXPECT_FALSE(g.first_words.count("president"));
}

TEST(TimeGrammar, LexiconPhrasesMatchAnySpacing) {
    Lexicon lex = parse_lexicon("ref\tthe  near future\tFUTURE_REF\n# comment\n", "test.tsv");
    EXPECT_EQ(*lex.lookup("ref", "The near\n future"), "FUTURE_REF");
    EXPECT_FALSE(lex.lookup("ref", "the future"));
}

TEST(TimeGrammar, MacrosAndClassesExpand) {
    Lexicon lex = parse_lexicon("month\tmarch\t3\nmonth\tmar.\t3\n", "t.tsv");
    Grammar g = compile_grammar("D = (?P<day>[0-9]{1,2})\nrule md: {month} <D>\n", std::move(lex), "t.txt");
    ASSERT_EQ(g.rules.size(), 1u);
    std::string month, day;
    EXPECT_TRUE(RE2::FullMatch("Mar.   14", *g.rules[0].re, &month, &day));
    EXPECT_EQ(month, "Mar.");
    EXPECT_EQ(day, "14");
    EXPECT_EQ(g.rules[0].groups[1], "month");
}

TEST(TimeGrammar, ErrorsNameTheLine) {
    Lexicon lex = parse_lexicon("month\tmarch\t3\n", "t.tsv");
    try {
        compile_grammar("# header\nrule a: {weekday}\n", lex, "g.txt");
        FAIL() << "an unknown class must be an error";
    } catch (const InputError& e) {
        EXPECT_EQ(e.where, "g.txt:2");
    }
    EXPECT_THROW(compile_grammar("rule a: <NOPE>\n", lex, "g.txt"), InputError);
    EXPECT_THROW(compile_grammar("rule a: (unclosed\n", lex, "g.txt"), InputError);
    EXPECT_THROW(compile_grammar("rule a: {month} {month}\n", lex, "g.txt"), InputError);  // duplicate group
    EXPECT_THROW(compile_grammar("just text\n", lex, "g.txt"), InputError);
    EXPECT_THROW(parse_lexicon("only\ttwo\n", "l.tsv"), InputError);
}
