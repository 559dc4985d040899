// Event extraction on small hand-made documents: types from the hand-written and CAMEO
// tables, roles (by word order and from a dependency tree), status, dates and places.
#include <gtest/gtest.h>

#include "clean/clean.hpp"
#include "events/events.hpp"
#include "support/hand_linked_doc.hpp"
#include "text/text.hpp"
#include "time/time.hpp"

using namespace parley;

namespace {

const EventLexicon& lexicon() { return test_support::shipped_event_lexicon(); }

using Ent = test_support::HandEntity;

// A document through clean/text/time, with entity links given by hand (no KB needed).
Document make_doc(const std::string& text, const std::vector<Ent>& ents, const std::string& dct = "2022-01-22") {
    return test_support::hand_linked_doc(text, ents, {.dct = dct});
}

const Ent kLavrov{"Lavrov", "PER", "Sergey Lavrov", "RUS"};
const Ent kBlinken{"Blinken", "PER", "Antony Blinken", "USA"};
const Ent kGeneva{"Geneva", "GPE", "Geneva", "CHE", "place"};

std::vector<std::string> names(const std::vector<ActorRef>& v) {
    std::vector<std::string> out;
    for (auto& a : v) out.push_back(a.name);
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

TEST(EventsLexicon, CameoCodesMapToPlover) {
    const auto& lex = lexicon();
    EXPECT_GT(lex.cameo_verbs.size(), 1000u);
    EXPECT_EQ(cameo_to_plover(lex, "041").type, "CONSULT");
    EXPECT_EQ(cameo_to_plover(lex, "041").mode, "phone");
    EXPECT_EQ(cameo_to_plover(lex, "1123").type, "ACCUSE");
    EXPECT_EQ(cameo_to_plover(lex, "163").type, "SANCTION");
    EXPECT_EQ(cameo_to_plover(lex, "0874").type, "RETREAT");
    EXPECT_EQ(cameo_to_plover(lex, "116").mode, "convict");
    EXPECT_TRUE(cameo_to_plover(lex, "010").type.empty());  // a statement is not an event
    EXPECT_TRUE(cameo_to_plover(lex, "---").type.empty());
    EXPECT_TRUE(cameo_to_plover(lex, "~040").type.empty());  // inherited block code: no default
    auto passive = cameo_to_plover(lex, ":111");
    EXPECT_EQ(passive.type, "ACCUSE");
    EXPECT_TRUE(passive.subject_is_target);
    EXPECT_EQ(cameo_to_plover(lex, "042:043").mode, "visit");
}

TEST(EventsExtract, MeetingWithDateAndPlace) {
    auto d = make_doc("Lavrov met Blinken in Geneva on Friday.", {kLavrov, kBlinken, kGeneva});
    extract_events(d, lexicon());
    ASSERT_EQ(d.events.size(), 1u);
    const auto& e = d.events[0];
    EXPECT_EQ(e.type, "CONSULT");
    EXPECT_EQ(e.status, EventStatus::occurred);
    EXPECT_EQ(names(e.actors), (std::vector<std::string>{"Antony Blinken", "Sergey Lavrov"}));
    EXPECT_TRUE(e.targets.empty());  // symmetric: both sides are actors
    ASSERT_TRUE(e.location.has_value());
    EXPECT_EQ(e.location->name, "Geneva");
    EXPECT_EQ(e.date, "2022-01-21");
    EXPECT_EQ(e.date_basis, DateBasis::explicit_);
    EXPECT_EQ(d.slice(e.trigger), "met");
    EXPECT_GT(e.confidence, 0.5F);
}

TEST(EventsExtract, StatusFromModalityNegationAndCues) {
    auto planned = make_doc("Lavrov will meet Blinken in Geneva next week.", {kLavrov, kBlinken, kGeneva});
    extract_events(planned, lexicon());
    ASSERT_EQ(planned.events.size(), 1u);
    EXPECT_EQ(planned.events[0].status, EventStatus::planned);

    auto denied = make_doc("Lavrov did not meet Blinken.", {kLavrov, kBlinken});
    extract_events(denied, lexicon());
    ASSERT_EQ(denied.events.size(), 1u);
    EXPECT_EQ(denied.events[0].status, EventStatus::denied);

    auto cancelled = make_doc("Blinken called off his talks with Lavrov.", {kLavrov, kBlinken});
    extract_events(cancelled, lexicon());
    ASSERT_EQ(cancelled.events.size(), 1u);
    EXPECT_EQ(cancelled.events[0].status, EventStatus::cancelled);
    EXPECT_EQ(cancelled.events[0].type, "CONSULT");
}

TEST(EventsExtract, HypotheticalSanction) {
    auto d = make_doc("If Russia invades Ukraine, the United States will impose sanctions on Russia.",
                      {{"Russia", "GPE", "Russia", "RUS"}, {"Ukraine", "GPE", "Ukraine", "UKR"},
                       {"the United States", "GPE", "United States", "USA"}});
    extract_events(d, lexicon());
    bool sanction = false;
    for (const auto& e : d.events)
        if (e.type == "SANCTION") {
            sanction = true;
            EXPECT_EQ(e.status, EventStatus::hypothetical);
            EXPECT_EQ(names(e.actors), std::vector<std::string>{"United States"});
            EXPECT_EQ(names(e.targets), std::vector<std::string>{"Russia"});
        }
    EXPECT_TRUE(sanction);
}

TEST(EventsExtract, DirectedEventFromCameoVerb) {
    auto d = make_doc("Moscow condemned Kyiv over the shelling.",
                      {{"Moscow", "GPE", "Russia", "RUS", "metonym"}, {"Kyiv", "GPE", "Ukraine", "UKR", "metonym"}});
    extract_events(d, lexicon());
    ASSERT_FALSE(d.events.empty());
    EXPECT_EQ(d.events[0].type, "ACCUSE");
    EXPECT_EQ(names(d.events[0].actors), std::vector<std::string>{"Russia"});
    EXPECT_EQ(names(d.events[0].targets), std::vector<std::string>{"Ukraine"});
}

TEST(EventsExtract, DatesFallBackToPublicationOrUnknownNeverAGuess) {
    auto d = make_doc("Lavrov met Blinken.", {kLavrov, kBlinken});
    extract_events(d, lexicon());
    ASSERT_EQ(d.events.size(), 1u);
    EXPECT_EQ(d.events[0].date_basis, DateBasis::publication);
    EXPECT_EQ(d.events[0].date, "2022-01-22");

    auto undated = make_doc("Lavrov met Blinken on Friday.", {kLavrov, kBlinken}, "");
    extract_events(undated, lexicon());
    ASSERT_EQ(undated.events.size(), 1u);
    EXPECT_TRUE(undated.events[0].date.empty());  // "a Friday, date unknown"
    EXPECT_EQ(undated.events[0].date_basis, DateBasis::unknown);
    EXPECT_EQ(undated.events[0].date_text, "Friday");  // TIMEX3 spans leave out the preposition

    auto future = make_doc("Lavrov will meet Blinken.", {kLavrov, kBlinken});
    extract_events(future, lexicon());
    ASSERT_EQ(future.events.size(), 1u);
    EXPECT_TRUE(future.events[0].date.empty());  // a planned event is not dated by the article
}

TEST(EventsExtract, StatementsAndNounSensesAreNotEvents) {
    auto d = make_doc("Lavrov said the attack on the embassy was a provocation by Blinken.", {kLavrov, kBlinken});
    extract_events(d, lexicon());
    for (const auto& e : d.events) EXPECT_NE(d.slice(e.trigger), "said");
    auto demands = make_doc("Lavrov refused to meet Blinken's demands.", {kLavrov, kBlinken});
    extract_events(demands, lexicon());
    for (const auto& e : demands.events) EXPECT_NE(e.type, "CONSULT");
}

TEST(EventsExtract, RolesFromTheDependencyTree) {
    // "Kyiv was accused by Moscow": word order alone would make Kyiv the accuser.
    auto d = make_doc("Kyiv was accused by Moscow.",
                      {{"Moscow", "GPE", "Russia", "RUS", "metonym"}, {"Kyiv", "GPE", "Ukraine", "UKR", "metonym"}});
    ASSERT_EQ(d.tokens.size(), 6u);
    const char* upos[] = {"PROPN", "AUX", "VERB", "ADP", "PROPN", "PUNCT"};
    const int heads[] = {2, 2, -1, 4, 2, 2};
    const char* rels[] = {"nsubj:pass", "aux:pass", "root", "case", "obl:agent", "punct"};
    for (size_t i = 0; i < 6; ++i) {
        d.tokens[i].upos = upos[i];
        d.tokens[i].head = heads[i];
        d.tokens[i].deprel = rels[i];
    }
    extract_events(d, lexicon());
    ASSERT_EQ(d.events.size(), 1u);
    EXPECT_EQ(d.events[0].type, "ACCUSE");
    EXPECT_EQ(names(d.events[0].actors), std::vector<std::string>{"Russia"});
    EXPECT_EQ(names(d.events[0].targets), std::vector<std::string>{"Ukraine"});
    EXPECT_GT(d.events[0].confidence, 0.6F);
}

TEST(EventsExtract, UnlinkedNamesAndSurnamesFillRoles) {
    auto d = make_doc("Dmytro Kuleba arrived in Antalya. Kuleba met Lavrov there.", {kLavrov});
    extract_events(d, lexicon());
    bool found = false;
    for (const auto& e : d.events)
        if (e.type == "CONSULT") {
            found = true;
            EXPECT_EQ(names(e.actors), (std::vector<std::string>{"Dmytro Kuleba", "Sergey Lavrov"}));
        }
    EXPECT_TRUE(found);
}

TEST(EventsExtract, EmptyAndOddInputDoNotCrash) {
    Document empty;
    extract_events(empty, lexicon());
    EXPECT_TRUE(empty.events.empty());
    auto d = make_doc("met met met talks \" \" \xE2\x80\x9C , ; : and and with between", {});
    extract_events(d, lexicon());
    EXPECT_TRUE(d.events.empty());
    auto missing = load_event_lexicon("/nonexistent/dir");
    extract_events(d, *missing);
    EXPECT_TRUE(d.events.empty());
}

TEST(EventsExtract, RunOnTextStaysBounded) {
    // A page with no sentence punctuation: thousands of triggers and names in one "sentence".
    std::string text;
    for (int i = 0; i < 3000; ++i) text += "Lavrov met Blinken and talks with Kuleba were held in Geneva ";
    auto d = make_doc(text, {kLavrov, kBlinken, kGeneva});
    extract_events(d, lexicon());
    EXPECT_FALSE(d.events.empty());
    for (const auto& e : d.events) EXPECT_LT(e.sentence, d.sentences.size());
}
