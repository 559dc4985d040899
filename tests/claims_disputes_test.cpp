// Disputes linked to what they dispute (events inside the disputed words, or the earlier
// claim a "the report" / "did not comment" answers), and source chains through outlets.
#include <gtest/gtest.h>

#include <algorithm>

#include "claims/claims.hpp"
#include "support/hand_linked_doc.hpp"
#include "clean/clean.hpp"
#include "events/events.hpp"
#include "text/text.hpp"
#include "time/time.hpp"

using namespace parley;

namespace {

const ClaimLexicon& claim_lexicon() {
    static auto lex = load_claim_lexicon(std::string(PARLEY_SOURCE_DIR) + "/data/claims");
    return *lex;
}

const EventLexicon& event_lexicon() { return test_support::shipped_event_lexicon(); }

// clean -> text -> time, hand-given entity links, then events and claims as the pipeline runs them
Document annotate(const std::string& text, const std::vector<std::pair<std::string, std::string>>& ents) {
    Document d = test_support::hand_linked_doc(text, test_support::named_as_written(ents), {.dct = "2022-03-10"});
    extract_events(d, event_lexicon());
    extract_claims(d, claim_lexicon());
    return d;
}

const Claim* claim_in_sentence(const Document& d, uint32_t s) {
    for (const auto& c : d.claims)
        if (c.sentence == s) return &c;
    return nullptr;
}

}  // namespace

TEST(ClaimsDisputes, DismissedSuggestionThatAnEventHappened) {
    auto d = annotate("Zakharova dismissed suggestions that Lavrov met Blinken in Geneva.",
                      {{"Zakharova", "PER"}, {"Lavrov", "PER"}, {"Blinken", "PER"}});
    // the meeting is disputed; the dismissal itself (a REJECT, if coded) is not
    std::vector<uint32_t> meetings, others;
    for (uint32_t e = 0; e < d.events.size(); ++e) (d.events[e].type == "CONSULT" ? meetings : others).push_back(e);
    ASSERT_EQ(meetings.size(), 1u);
    const Claim* c = claim_in_sentence(d, 0);
    ASSERT_NE(c, nullptr);
    ASSERT_EQ(c->disputes.size(), 1u);
    EXPECT_EQ(c->disputed_events, meetings);
    EXPECT_TRUE(c->disputed_claims.empty());
}

TEST(ClaimsDisputes, DeniedTheReportPointsBackAtTheReport) {
    auto d = annotate("Reuters reported that Lavrov met Blinken in Geneva. The talks lasted an hour. "
                      "Zakharova denied the report.",
                      {{"Reuters", "ORG"}, {"Zakharova", "PER"}, {"Lavrov", "PER"}, {"Blinken", "PER"}});
    const Claim* report = claim_in_sentence(d, 0);
    const Claim* denial = claim_in_sentence(d, 2);
    ASSERT_NE(report, nullptr);
    ASSERT_NE(denial, nullptr);
    EXPECT_EQ(report->speaker.name, "Reuters");
    uint32_t report_index = uint32_t(report - d.claims.data());
    EXPECT_EQ(denial->disputed_claims, (std::vector<uint32_t>{report_index}));
    ASSERT_FALSE(d.events.empty());
    EXPECT_EQ(d.events[0].sentence, 0u);
    EXPECT_NE(std::find(denial->disputed_events.begin(), denial->disputed_events.end(), 0u), denial->disputed_events.end());
}

TEST(ClaimsDisputes, NoCommentAnswersTheClaimBeforeIt) {
    auto d = annotate("A European diplomat said Lavrov had asked for the meeting. Peskov did not comment.",
                      {{"Peskov", "PER"}, {"Lavrov", "PER"}});
    const Claim* first = claim_in_sentence(d, 0);
    const Claim* silence = claim_in_sentence(d, 1);
    ASSERT_NE(first, nullptr);
    ASSERT_NE(silence, nullptr);
    EXPECT_EQ(silence->speaker.name, "Peskov");
    ASSERT_EQ(silence->disputes.size(), 1u);
    EXPECT_EQ(silence->disputed_claims, (std::vector<uint32_t>{uint32_t(first - d.claims.data())}));
}

TEST(ClaimsDisputes, AContentDisputeDoesNotReachBack) {
    // the denial names what it denies; the unrelated claim before it is not disputed
    auto d = annotate("Blinken said the sanctions would stay. Zakharova denied that Moscow had planned an attack.",
                      {{"Blinken", "PER"}, {"Zakharova", "PER"}});
    const Claim* denial = claim_in_sentence(d, 1);
    ASSERT_NE(denial, nullptr);
    ASSERT_EQ(denial->disputes.size(), 1u);
    EXPECT_TRUE(denial->disputed_claims.empty());
}

TEST(ClaimsChains, AgencyQuotesAMinisterInThePresentTense) {
    auto d = annotate("TASS quotes Lavrov as saying that the talks in Antalya were useful.", {{"TASS", "ORG"}, {"Lavrov", "PER"}});
    ASSERT_EQ(d.claims.size(), 1u);
    const Claim& c = d.claims[0];
    EXPECT_EQ(c.speaker.name, "Lavrov");
    ASSERT_EQ(c.chain.size(), 2u);
    EXPECT_EQ(c.chain[0].name, "TASS");
    EXPECT_EQ(c.chain[0].relation, "quotes");
    EXPECT_EQ(c.chain[1].name, "Lavrov");
    EXPECT_FALSE(c.chain[1].anonymous);
    EXPECT_EQ(d.slice(c.content), "the talks in Antalya were useful");
}

TEST(ClaimsChains, CitingASourceWhoAskedToRemainAnonymous) {
    auto d = annotate("The next round will be held in Istanbul, Ukrinform writes, citing a source in the Ukrainian "
                      "delegation who asked to remain anonymous.",
                      {{"Ukrinform", "ORG"}});
    ASSERT_EQ(d.claims.size(), 1u);
    const Claim& c = d.claims[0];
    ASSERT_EQ(c.chain.size(), 2u);
    EXPECT_EQ(c.chain[0].name, "Ukrinform");
    EXPECT_EQ(c.chain[0].relation, "writes");
    EXPECT_FALSE(c.chain[0].anonymous);
    EXPECT_EQ(c.chain[1].relation, "citing");
    EXPECT_TRUE(c.chain[1].anonymous);
    EXPECT_EQ(c.chain[1].name.rfind("a source in the Ukrainian delegation", 0), 0u);
    EXPECT_EQ(d.slice(c.content), "The next round will be held in Istanbul");
}

TEST(ClaimsSpeakers, TitleAndDetachedAttributionFindTheirSpeaker) {
    // "the minister" is the minister named last; an attribution the splitter cut off after a
    // quotation ("– noted the minister.") still names the quotation's speaker
    Document d;
    d.raw = "Foreign Minister Cavusoglu and Peskov spoke after the talks. "
            "\xE2\x80\x9CTurkey is ready to host the next round of talks in Istanbul.\xE2\x80\x9D \xE2\x80\x93 noted the minister. "
            "\"We will see what comes of the next round of talks,\" the minister underlined.";
    d.dct = Dct{"2022-03-10", DctSource::metadata, ""};
    clean_document(d);
    analyze_text(d, nullptr);
    tag_timexes(d);
    size_t at = d.text.find("Cavusoglu");
    ASSERT_NE(at, std::string::npos);
    EntityMention m;
    m.span = {uint32_t(at), uint32_t(at + 9)};
    m.ref = ActorRef{"Q:cavusoglu", "Mevlut Cavusoglu", "PER", "TUR", "Foreign Minister"};
    d.entities.push_back(m);
    at = d.text.find("Peskov");
    m.span = {uint32_t(at), uint32_t(at + 6)};
    m.ref = ActorRef{"Q:peskov", "Dmitry Peskov", "PER", "RUS", "Press Secretary"};
    d.entities.push_back(m);
    extract_claims(d, claim_lexicon());
    std::vector<std::string> speakers;
    for (const auto& c : d.claims)
        if (c.direct) speakers.push_back(c.speaker.name);
    // "the minister" skips Peskov, named last but no minister, and reaches Cavusoglu
    EXPECT_EQ(speakers, (std::vector<std::string>{"Mevlut Cavusoglu", "Mevlut Cavusoglu"}));
}
