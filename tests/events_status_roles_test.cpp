// Event status from planning, cancellation, denial and condition cues; outlets never take part
// in events; demonyms standing for a country's side become that country.
#include <gtest/gtest.h>

#include <algorithm>

#include "clean/clean.hpp"
#include "events/events.hpp"
#include "support/hand_linked_doc.hpp"
#include "text/text.hpp"
#include "time/time.hpp"

using namespace parley;

namespace {

const EventLexicon& lexicon() { return test_support::shipped_event_lexicon(); }

using Ent = test_support::HandEntity;

// Whole words only: "Russian" inside "Russians" is not a mention of its own.
Document make_doc(const std::string& text, const std::vector<Ent>& ents) {
    return test_support::hand_linked_doc(text, ents, {.whole_words = true});
}

const Ent kLavrov{"Lavrov", "PER", "Sergey Lavrov", "RUS"};
const Ent kBlinken{"Blinken", "PER", "Antony Blinken", "USA"};

using test_support::participants;

EventStatus status_of(const std::string& text) {
    auto d = make_doc(text, {kLavrov, kBlinken});
    extract_events(d, lexicon());
    EXPECT_EQ(d.events.size(), 1u) << text;
    return d.events.empty() ? EventStatus::occurred : d.events[0].status;
}

}  // namespace

TEST(EventsStatus, PlannedCuesBeforeAndAfterTheTrigger) {
    EXPECT_EQ(status_of("Lavrov and Blinken are scheduled to meet in Geneva."), EventStatus::planned);
    EXPECT_EQ(status_of("Lavrov is expected to meet Blinken."), EventStatus::planned);
    EXPECT_EQ(status_of("Blinken plans to meet Lavrov."), EventStatus::planned);
    EXPECT_EQ(status_of("Talks between Lavrov and Blinken are set for Monday."), EventStatus::planned);
    EXPECT_EQ(status_of("A meeting between Lavrov and Blinken is scheduled for next week."), EventStatus::planned);
    EXPECT_EQ(status_of("Lavrov and Blinken agreed to meet again."), EventStatus::planned);
    // hyphens inside "face-to-face" do not push the cue out of reach
    EXPECT_EQ(status_of("It will be the first face-to-face meeting between Lavrov and Blinken."), EventStatus::planned);
    EXPECT_EQ(status_of("A meeting between Lavrov and Blinken, which is expected to last two hours, is planned."),
              EventStatus::planned);
    // and the plain past stays occurred
    EXPECT_EQ(status_of("Lavrov met Blinken for ninety minutes."), EventStatus::occurred);
}

TEST(EventsStatus, CancelledDeniedAndHypothetical) {
    EXPECT_EQ(status_of("The meeting between Lavrov and Blinken was called off."), EventStatus::cancelled);
    EXPECT_EQ(status_of("Lavrov did not meet Blinken in Geneva."), EventStatus::denied);
    EXPECT_EQ(status_of("If Lavrov meets Blinken, the sanctions may be eased."), EventStatus::hypothetical);
}

TEST(EventsRoles, OutletsAreNeverParticipants) {
    // The linker marks outlets (data/entities/media.tsv) with how = "media".
    const Ent tass{"TASS", "ORG", "TASS", "RUS", "media"};
    const Ent reuters{"Reuters", "ORG", "Reuters", "GBR", "media"};
    auto d = make_doc("Lavrov met Blinken in Geneva, TASS reported. Lavrov spoke to Reuters on Friday. "
                      "TASS met Blinken.",
                      {kLavrov, kBlinken, tass, reuters});
    extract_events(d, lexicon());
    ASSERT_FALSE(d.events.empty());
    EXPECT_EQ(participants(d.events[0]), (std::vector<std::string>{"Antony Blinken", "Sergey Lavrov"}));
    for (const auto& e : d.events)
        for (const auto& p : participants(e)) {
            EXPECT_NE(p, "TASS") << e.summary;
            EXPECT_NE(p, "Reuters") << e.summary;
        }
    // nor is an outlet named in a noun phrase
    const Ent ap{"Associated Press", "ORG", "Associated Press", "USA", "media"};
    auto u = make_doc("Lavrov gave an interview and met Associated Press editors.", {kLavrov, ap});
    extract_events(u, lexicon());
    for (const auto& e : u.events)
        for (const auto& p : participants(e)) EXPECT_EQ(p.find("Associated Press"), std::string::npos) << e.summary;
}

TEST(EventsRoles, DemonymsStandingForACountryBecomeThatCountry) {
    const Ent russians{"Russians", "NORP", "Russians", "RUS", "demonym", "GPE:RUS"};
    const Ent ukrainians{"Ukrainians", "NORP", "Ukrainians", "UKR", "demonym", "GPE:UKR"};
    auto d = make_doc("The Russians met the Ukrainians in Istanbul.", {russians, ukrainians});
    extract_events(d, lexicon());
    ASSERT_EQ(d.events.size(), 1u);
    EXPECT_EQ(participants(d.events[0]), (std::vector<std::string>{"Russia", "Ukraine"}));
    for (const auto& a : d.events[0].actors) {
        EXPECT_EQ(a.type, "GPE");
        EXPECT_EQ(a.kb_id, "GPE:" + a.country);
    }

    const Ent ukr_adj{"Ukrainian", "NORP", "Ukrainian", "UKR", "demonym", "GPE:UKR"};
    const Ent rus_adj{"Russian", "NORP", "Russian", "RUS", "demonym", "GPE:RUS"};
    auto n = make_doc("Ukrainian negotiators met Russian officials in Istanbul.", {ukr_adj, rus_adj});
    extract_events(n, lexicon());
    ASSERT_EQ(n.events.size(), 1u);
    EXPECT_EQ(participants(n.events[0]), (std::vector<std::string>{"Russia", "Ukraine"}));

    // a demonym in front of a name only says where the person is from
    const Ent putin{"Putin", "PER", "Vladimir Putin", "RUS"};
    const Ent erdogan{"Erdogan", "PER", "Recep Tayyip Erdogan", "TUR"};
    auto m = make_doc("Russian President Putin met Erdogan in Sochi.", {rus_adj, putin, erdogan});
    extract_events(m, lexicon());
    ASSERT_EQ(m.events.size(), 1u);
    EXPECT_EQ(participants(m.events[0]), (std::vector<std::string>{"Recep Tayyip Erdogan", "Vladimir Putin"}));
}

TEST(EventsStatus, PreparingToActIsThePlannedActNotAPledge) {
    const Ent russia{"Russia", "GPE", "Russia", "RUS", "alias", "GPE:RUS"};
    const Ent ukraine{"Ukraine", "GPE", "Ukraine", "UKR", "alias", "GPE:UKR"};
    auto d = make_doc("Russia was preparing to attack Ukraine.", {russia, ukraine});
    extract_events(d, lexicon());
    ASSERT_EQ(d.events.size(), 1u);
    EXPECT_EQ(d.events[0].type, "ASSAULT");
    EXPECT_EQ(d.events[0].status, EventStatus::planned);
    EXPECT_EQ(d.events[0].actors.at(0).name, "Russia");
    EXPECT_EQ(d.events[0].targets.at(0).name, "Ukraine");
}
