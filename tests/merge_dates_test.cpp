// Dates across sources: partial and missing dates, disagreeing days, and which mention an
// undated report belongs to.
#include <gtest/gtest.h>

#include "merge/merge.hpp"

using namespace parley;

namespace {
ActorRef person(const std::string& id) { return ActorRef{"Q:" + id, id, "PER", "", ""}; }

MentionRecord mention(int64_t id, const std::string& doc, const std::string& date, DateBasis basis,
                      std::vector<ActorRef> actors, const std::string& dct = "") {
    MentionRecord m;
    m.id = id;
    m.doc_id = doc;
    m.outlet = "outlet-" + doc;
    m.dct = dct;
    m.event.type = "CONSULT";
    m.event.date = date;
    m.event.date_basis = date.empty() ? DateBasis::unknown : basis;
    m.event.actors = std::move(actors);
    m.event.trigger = {uint32_t(id), uint32_t(id + 3)};
    return m;
}

const TimelineEvent* entry_with(const std::vector<TimelineEvent>& tl, const std::string& doc) {
    for (auto& e : tl)
        for (auto& s : e.sources)
            if (s.doc == doc) return &e;
    return nullptr;
}
}  // namespace

TEST(MergeDates, UndatedReportsOfOneArticleStayTogether) {
    // The pair met twice; an undated article names "the meeting" three times. It cannot say
    // which meeting it means, but its three mentions are one event, not three.
    auto a = person("a"), b = person("b");
    auto tl = merge_mentions({mention(1, "x", "2022-11-14", DateBasis::explicit_, {a, b}),
                              mention(2, "y", "2023-11-15", DateBasis::explicit_, {a, b}),
                              mention(3, "u", "", DateBasis::unknown, {a, b}),
                              mention(4, "u", "", DateBasis::unknown, {b, a}),
                              mention(5, "u", "", DateBasis::unknown, {a, b})});
    ASSERT_EQ(tl.size(), 3u);
    const TimelineEvent* u = entry_with(tl, "u");
    ASSERT_NE(u, nullptr);
    EXPECT_EQ(u->sources.size(), 3u);
    EXPECT_TRUE(u->date.empty());
}

TEST(MergeDates, UndatedReportJoinsTheLatestMeetingBeforeItsArticle) {
    auto a = person("a"), b = person("b");
    auto tl = merge_mentions({mention(1, "x", "2022-11-14", DateBasis::explicit_, {a, b}),
                              mention(2, "y", "2023-11-15", DateBasis::explicit_, {a, b}),
                              mention(3, "u", "", DateBasis::unknown, {a, b}, "2023-11-17")});
    ASSERT_EQ(tl.size(), 2u);
    const TimelineEvent* u = entry_with(tl, "u");
    ASSERT_NE(u, nullptr);
    EXPECT_EQ(u->date, "2023-11-15");  // the undated mention takes the merged date
    EXPECT_EQ(u->sources.size(), 2u);
}

TEST(MergeDates, UndatedReportCannotBeOfALaterMeeting) {
    auto a = person("a"), b = person("b");
    auto tl = merge_mentions({mention(1, "x", "2023-11-15", DateBasis::explicit_, {a, b}),
                              mention(2, "u", "", DateBasis::unknown, {a, b}, "2023-06-01")});
    EXPECT_EQ(tl.size(), 2u);
}

TEST(MergeDates, DaysOneApartMergeAndTheBetterSupportedDayWins) {
    // One article says the 13th three times; two other articles say the 14th: the day is the
    // 14th (stories vote, not mentions) and the disagreement stays visible.
    auto a = person("a"), b = person("b");
    auto tl = merge_mentions({mention(1, "p", "2022-11-13", DateBasis::explicit_, {a, b}),
                              mention(2, "p", "2022-11-13", DateBasis::explicit_, {a, b}),
                              mention(3, "p", "2022-11-13", DateBasis::explicit_, {a, b}),
                              mention(4, "q", "2022-11-14", DateBasis::explicit_, {a, b}),
                              mention(5, "r", "2022-11-14", DateBasis::explicit_, {a, b})});
    ASSERT_EQ(tl.size(), 1u);
    EXPECT_EQ(tl[0].date, "2022-11-14");
    ASSERT_EQ(tl[0].date_conflicts.size(), 2u);
    EXPECT_EQ(tl[0].date_conflicts[0].date, "2022-11-13");
    EXPECT_EQ(tl[0].date_conflicts[0].sources, 3);
}

TEST(MergeDates, ExplicitOutweighsContextDates) {
    auto a = person("a"), b = person("b");
    auto tl = merge_mentions({mention(1, "p", "2022-11-13", DateBasis::context, {a, b}),
                              mention(2, "q", "2022-11-14", DateBasis::explicit_, {a, b})});
    ASSERT_EQ(tl.size(), 1u);
    EXPECT_EQ(tl[0].date, "2022-11-14");
}

TEST(MergeDates, DaysFurtherApartStayDistinct) {
    auto a = person("a"), b = person("b");
    auto tl = merge_mentions({mention(1, "p", "2022-11-12", DateBasis::explicit_, {a, b}),
                              mention(2, "q", "2022-11-14", DateBasis::explicit_, {a, b})});
    EXPECT_EQ(tl.size(), 2u);
}

TEST(MergeDates, MonthOnlyMergesWithACompatibleDayOnly) {
    auto a = person("a"), b = person("b");
    auto same = merge_mentions({mention(1, "p", "2022-03-10", DateBasis::explicit_, {a, b}),
                                mention(2, "q", "2022-03", DateBasis::explicit_, {a, b})});
    ASSERT_EQ(same.size(), 1u);
    EXPECT_EQ(same[0].date, "2022-03-10");
    auto other = merge_mentions({mention(1, "p", "2022-03-10", DateBasis::explicit_, {a, b}),
                                 mention(2, "q", "2022-04", DateBasis::explicit_, {a, b})});
    EXPECT_EQ(other.size(), 2u);
}
