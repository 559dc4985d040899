// Claims: quotes, reported speech, speakers, source chains with anonymity, disputes.
#include <gtest/gtest.h>

#include "claims/claims.hpp"
#include "support/hand_linked_doc.hpp"
#include "clean/clean.hpp"
#include "text/text.hpp"
#include "time/time.hpp"

using namespace parley;

namespace {

const ClaimLexicon& lexicon() {
    static auto lex = load_claim_lexicon(std::string(PARLEY_SOURCE_DIR) + "/data/claims");
    return *lex;
}

Document make_doc(const std::string& text, const std::vector<std::pair<std::string, std::string>>& people) {
    return test_support::hand_linked_doc(text, test_support::named_as_written(people), {.dct = "2022-03-10"});
}

}  // namespace

TEST(ClaimsExtract, DirectQuoteWithSpeakerAfterIt) {
    auto d = make_doc("\xE2\x80\x9CWe did not make progress on the ceasefire,\xE2\x80\x9D Kuleba said.", {{"Kuleba", "PER"}});
    extract_claims(d, lexicon());
    ASSERT_EQ(d.claims.size(), 1u);
    EXPECT_TRUE(d.claims[0].direct);
    EXPECT_EQ(d.claims[0].speaker.name, "Kuleba");
    EXPECT_EQ(d.slice(d.claims[0].content), "We did not make progress on the ceasefire,");
}

TEST(ClaimsExtract, QuoteAcrossParagraphsKeepsItsSpeaker) {
    auto d = make_doc("Lavrov said: \"The talks were useful and we will continue them.\n\n"
                      "\"We are ready to meet again in this format soon.\"\n",
                      {{"Lavrov", "PER"}});
    extract_claims(d, lexicon());
    ASSERT_GE(d.claims.size(), 1u);
    for (const auto& c : d.claims) EXPECT_EQ(c.speaker.name, "Lavrov");
    EXPECT_NE(std::string(d.slice(d.claims[0].content)).find("ready to meet"), std::string::npos);
}

TEST(ClaimsExtract, ReportedSpeechWithRelayChain) {
    auto d = make_doc("TASS quoted Kremlin spokesman Dmitry Peskov as saying that the call was useful.",
                      {{"TASS", "ORG"}, {"Dmitry Peskov", "PER"}});
    extract_claims(d, lexicon());
    ASSERT_EQ(d.claims.size(), 1u);
    const auto& c = d.claims[0];
    EXPECT_EQ(c.speaker.name, "Dmitry Peskov");
    ASSERT_EQ(c.chain.size(), 2u);
    EXPECT_EQ(c.chain[0].name, "TASS");
    EXPECT_EQ(c.chain[0].relation, "quotes");
    EXPECT_EQ(c.chain[1].name, "Dmitry Peskov");
    EXPECT_EQ(d.slice(c.content), "the call was useful");
}

TEST(ClaimsExtract, AnonymousSourceToldAnOutlet) {
    auto d = make_doc("A member of the US delegation told Reuters that the talks would resume on Monday.", {});
    extract_claims(d, lexicon());
    ASSERT_EQ(d.claims.size(), 1u);
    const auto& c = d.claims[0];
    ASSERT_EQ(c.chain.size(), 2u);
    EXPECT_EQ(c.chain[0].name, "Reuters");
    EXPECT_EQ(c.chain[0].relation, "told");
    EXPECT_TRUE(c.chain[1].anonymous);
    EXPECT_EQ(c.chain[1].name, "A member of the US delegation");
    EXPECT_EQ(d.slice(c.content), "the talks would resume on Monday");

    auto named = make_doc("An official who asked not to be named said the visit was off.", {});
    extract_claims(named, lexicon());
    ASSERT_EQ(named.claims.size(), 1u);
    ASSERT_FALSE(named.claims[0].chain.empty());
    EXPECT_TRUE(named.claims[0].chain.back().anonymous);
}

TEST(ClaimsExtract, AccordingToAndDisputes) {
    auto d = make_doc("According to the Kremlin, the two leaders spoke for an hour. "
                      "Zakharova dismissed suggestions that Moscow planned an attack.",
                      {{"the Kremlin", "ORG"}, {"Zakharova", "PER"}});
    extract_claims(d, lexicon());
    ASSERT_EQ(d.claims.size(), 2u);
    EXPECT_EQ(d.claims[0].speaker.name, "the Kremlin");
    EXPECT_EQ(d.slice(d.claims[0].content), "the two leaders spoke for an hour.");
    EXPECT_EQ(d.claims[1].speaker.name, "Zakharova");
    ASSERT_EQ(d.claims[1].disputes.size(), 1u);
    EXPECT_EQ(d.claims[1].disputes[0], "Moscow planned an attack.");
}

TEST(ClaimsExtract, ScareQuotesAndBrokenQuotesAreSafe) {
    auto d = make_doc("Biden called Erdogan an \"autocrat\" at a rally. \"This quote never closes and goes on", {});
    extract_claims(d, lexicon());
    for (const auto& c : d.claims) EXPECT_FALSE(c.direct);
    Document empty;
    extract_claims(empty, lexicon());
    EXPECT_TRUE(empty.claims.empty());
}

TEST(ClaimsExtract, OutletWritesCitingAnAnonymousSource) {
    auto d = make_doc("The talks will resume on Monday, Ukrinform writes, citing a source in the Ukrainian delegation.",
                      {{"Ukrinform", "ORG"}});
    extract_claims(d, lexicon());
    ASSERT_EQ(d.claims.size(), 1u);
    const auto& c = d.claims[0];
    EXPECT_EQ(d.slice(c.content), "The talks will resume on Monday");
    ASSERT_EQ(c.chain.size(), 2u);
    EXPECT_EQ(c.chain[0].name, "Ukrinform");
    EXPECT_FALSE(c.chain[0].anonymous);
    EXPECT_EQ(c.chain[1].relation, "citing");
    EXPECT_TRUE(c.chain[1].anonymous);
}

TEST(ClaimsExtract, AnonymousSpeakerBehindARelativeClauseAndNoComment) {
    auto d = make_doc("A European diplomat, who asked to remain anonymous, said the meeting was tense. "
                      "Zakharova did not comment on the report.",
                      {{"Zakharova", "PER"}});
    extract_claims(d, lexicon());
    ASSERT_EQ(d.claims.size(), 2u);
    EXPECT_EQ(d.claims[0].speaker.name, "A European diplomat");
    ASSERT_FALSE(d.claims[0].chain.empty());
    EXPECT_TRUE(d.claims[0].chain.back().anonymous);
    EXPECT_EQ(d.slice(d.claims[0].content), "the meeting was tense");
    EXPECT_EQ(d.claims[1].speaker.name, "Zakharova");
    ASSERT_EQ(d.claims[1].disputes.size(), 1u);
    EXPECT_EQ(d.claims[1].disputes[0].rfind("no comment", 0), 0u);
}
