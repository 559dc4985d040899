#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "merge/merge.hpp"

using namespace parley;

namespace {
ActorRef person(const std::string& id, const std::string& country) {
    return ActorRef{"Q:" + id, id, "PER", country, ""};
}

MentionRecord mention(int64_t id, const std::string& doc, const std::string& date, DateBasis basis,
                      std::vector<ActorRef> actors, EventStatus status = EventStatus::occurred,
                      const std::string& mode = "") {
    MentionRecord m;
    m.id = id;
    m.doc_id = doc;
    m.outlet = "outlet-" + doc;
    m.event.type = "CONSULT";
    m.event.mode = mode;
    m.event.status = status;
    m.event.date = date;
    m.event.date_basis = basis;
    m.event.actors = std::move(actors);
    m.event.trigger = {uint32_t(id), uint32_t(id + 3)};
    return m;
}
}  // namespace

TEST(Merge, SameMeetingFromManyOutletsIsOneEntry) {
    auto lav = person("lavrov", "RUS"), bli = person("blinken", "USA");
    std::vector<MentionRecord> ms = {
        mention(1, "a", "2022-01-21", DateBasis::explicit_, {lav, bli}),
        mention(2, "b", "2022-01-21", DateBasis::explicit_, {bli, lav}),
        mention(3, "c", "2022-01-22", DateBasis::publication, {lav, bli}),  // published next day
        mention(4, "d", "", DateBasis::unknown, {lav, bli}),                // undated blog
    };
    auto tl = merge_mentions(ms);
    ASSERT_EQ(tl.size(), 1u);
    EXPECT_EQ(tl[0].date, "2022-01-21");
    EXPECT_EQ(tl[0].sources.size(), 4u);
    EXPECT_TRUE(tl[0].date_conflicts.empty());
}

TEST(Merge, PlannedAndOccurredStayDistinctButLinked) {
    auto b = person("biden", "USA"), x = person("xi", "CHN");
    auto tl = merge_mentions({mention(1, "p", "2022-11-14", DateBasis::explicit_, {b, x}, EventStatus::planned),
                              mention(2, "o", "2022-11-14", DateBasis::explicit_, {b, x})});
    ASSERT_EQ(tl.size(), 2u);
    EXPECT_EQ(tl[0].related.size(), 1u);
    EXPECT_EQ(tl[1].related.size(), 1u);
}

TEST(Merge, DifferentDaysOrPeopleAreDifferentEvents) {
    auto a = person("a", "RUS"), b = person("b", "USA"), c = person("c", "CHN");
    auto tl = merge_mentions({mention(1, "x", "2022-01-21", DateBasis::explicit_, {a, b}),
                              mention(2, "y", "2022-07-09", DateBasis::explicit_, {a, b}),
                              mention(3, "z", "2022-01-21", DateBasis::explicit_, {a, c})});
    EXPECT_EQ(tl.size(), 3u);
}

TEST(Merge, ChainsDoNotGlueUnrelatedMeetings) {
    // A-B and B-C meetings on the same day must not merge through B.
    auto a = person("a", "RUS"), b = person("b", "USA"), c = person("c", "CHN");
    auto tl = merge_mentions({mention(1, "x", "2022-07-09", DateBasis::explicit_, {a, b}),
                              mention(2, "y", "2022-07-09", DateBasis::explicit_, {b, c})});
    EXPECT_EQ(tl.size(), 2u);
}

TEST(Merge, DisagreeingDatesAreKeptVisible) {
    auto a = person("a", "FRA"), b = person("b", "RUS");
    auto tl = merge_mentions({mention(1, "x", "2022-02-20", DateBasis::explicit_, {a, b}, EventStatus::occurred, "phone"),
                              mention(2, "y", "2022-02-20", DateBasis::explicit_, {a, b}, EventStatus::occurred, "phone"),
                              mention(3, "z", "2022-02", DateBasis::explicit_, {a, b}, EventStatus::occurred, "phone")});
    ASSERT_EQ(tl.size(), 1u);
    EXPECT_EQ(tl[0].date, "2022-02-20");  // the month supports the day; no conflict
    EXPECT_TRUE(tl[0].date_conflicts.empty());
}

TEST(Merge, ResultDoesNotDependOnInputOrder) {
    auto a = person("a", "RUS"), b = person("b", "USA"), c = person("c", "CHN");
    std::vector<MentionRecord> ms;
    for (int i = 0; i < 30; ++i) {
        std::string doc = "d";
        doc += std::to_string(i);
        ms.push_back(mention(i + 1, doc, i % 2 ? "2022-01-21" : "2022-03-10", DateBasis::explicit_,
                             i % 3 ? std::vector<ActorRef>{a, b} : std::vector<ActorRef>{a, c}));
    }
    auto ref = merge_mentions(ms);
    std::mt19937 rng(7);
    for (int k = 0; k < 5; ++k) {
        std::shuffle(ms.begin(), ms.end(), rng);
        auto got = merge_mentions(ms);
        ASSERT_EQ(got.size(), ref.size());
        for (size_t i = 0; i < got.size(); ++i) {
            EXPECT_EQ(got[i].id, ref[i].id);
            EXPECT_EQ(got[i].sources.size(), ref[i].sources.size());
        }
    }
}

TEST(Merge, FilterByActorDateTypeStatus) {
    auto a = person("lavrov", "RUS"), b = person("blinken", "USA");
    auto tl = merge_mentions({mention(1, "x", "2022-01-21", DateBasis::explicit_, {a, b})});
    ASSERT_EQ(tl.size(), 1u);
    TimelineFilter f;
    f.actors = {"Lavrov", "Q:blinken"};
    EXPECT_TRUE(matches(tl[0], f));
    f.from = "2022-02";
    EXPECT_FALSE(matches(tl[0], f));
    f = {};
    f.to = "2022-01";
    EXPECT_TRUE(matches(tl[0], f));
    f.statuses = {"planned"};
    EXPECT_FALSE(matches(tl[0], f));
}

TEST(NearDuplicates, ReprintsGroupAndOtherStoriesDoNot) {
    std::string wire =
        "Russian Foreign Minister Sergei Lavrov and his Ukrainian counterpart Dmytro Kuleba met in Antalya on "
        "Thursday for the first talks between the two since the invasion began, but made no progress on a "
        "ceasefire, Kuleba told reporters after the ninety minute meeting hosted by Turkey's foreign minister.";
    std::string reprint = "ANTALYA (Wire) - " + wire + " The talks were the highest level contact so far.";
    std::string other =
        "Chinese President Xi Jinping and U.S. President Joe Biden met in Bali on Monday for more than three hours "
        "ahead of the G20 summit, agreeing that their senior officials would resume contacts on climate change.";
    auto a = minhash(wire), b = minhash(reprint), c = minhash(other);
    EXPECT_GT(jaccard_estimate(a, b), 0.6);
    EXPECT_LT(jaccard_estimate(a, c), 0.1);
    auto groups = near_duplicate_groups({a, c, b});
    EXPECT_EQ(groups[0], 0u);
    EXPECT_EQ(groups[1], 1u);
    EXPECT_EQ(groups[2], 0u);
    EXPECT_EQ(minhash_bands(a).size(), kMinHashBands);
}
