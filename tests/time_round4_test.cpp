// TIMEX3 classes added in round four (each decided by counts on the TimeBank + AQ-dev gold,
// docs/bench/time.md): spoken years with a month, "the 1988 period", open ends ("or so",
// "or later"), "the day before" tagged as its unit, "soon", deadline words, half durations.
#include <gtest/gtest.h>

#include "support/timex_probe.hpp"
#include "time/time.hpp"

using namespace parley;

namespace {

using test_support::Found;
using test_support::only;
using test_support::tag;

bool has_text(std::string_view text, std::string_view dct, std::string_view span) {
    for (const Found& f : tag(text, dct))
        if (f.text == span) return true;
    return false;
}

// DCT: Thursday 26 October 1989 (a TimeBank-like business story date).
constexpr std::string_view kDct = "1989-10-26";

}  // namespace

TEST(TimexRound4, SpokenYearWithMonthOrSeason) {
    EXPECT_EQ(only("It began in January nineteen ninety-seven.", kDct, "January nineteen ninety-seven").value, "1997-01");
    EXPECT_EQ(only("during the winter of nineteen ninety-four", kDct, "the winter of nineteen ninety-four").value, "1994-WI");
    // a spoken year alone is still a year, and an impossible one is still refused
    EXPECT_EQ(only("back in nineteen eighty-two", kDct, "nineteen eighty-two").value, "1982");
    EXPECT_FALSE(has_text("in January nineteen five", kDct, "January nineteen five"));
}

TEST(TimexRound4, YearPeriodIsTheQuarterUnderDiscussion) {
    std::string_view text = "Profit rose in the third quarter. It earned $5 million in the 1988 period.";
    EXPECT_EQ(only(text, kDct, "the 1988 period").value, "1988-Q3");
    // no quarter named: the period is the year
    EXPECT_EQ(only("It earned $5 million in the 1988 period.", kDct, "the 1988 period").value, "1988");
    // "quarter" keeps the quarter named last even after a year was mentioned
    std::string_view q = "Its third-quarter profit fell from last year. It earned $1 million in the 1988 quarter.";
    EXPECT_EQ(only(q, kDct, "the 1988 quarter").value, "1988-Q3");
    // "that quarter": the one named last
    EXPECT_EQ(only("Results for the second quarter of 1988 were poor; that quarter included a charge.", kDct, "that quarter").value,
              "1988-Q2");
}

TEST(TimexRound4, OpenEndsStayInside) {
    EXPECT_EQ(only("The plant will close over the next year or so.", kDct, "the next year or so").value, "1990");
    EXPECT_EQ(only("over the next two years or so", kDct, "the next two years or so").value, "P2Y");
    Found later = only("It won't be profitable until 1994 or later.", kDct, "1994 or later");
    EXPECT_EQ(later.value, "1994");
    EXPECT_EQ(later.mod, "ON_OR_AFTER");
    EXPECT_EQ(only("earnings for 1990 and beyond", kDct, "1990 and beyond").value, "1990");
}

TEST(TimexRound4, DayBeforeIsTaggedAsItsUnit) {
    std::string_view text = "The market fell on Oct. 13. On the day before, traders were calm.";
    Found f = only(text, kDct, "day");
    EXPECT_EQ(f.value, "1989-10-12");
    EXPECT_FALSE(has_text(text, kDct, "the day before"));
}

TEST(TimexRound4, SoonOnlyAsAnAdverb) {
    EXPECT_EQ(only("Kellogg soon will begin selling boxes.", kDct, "soon").value, "FUTURE_REF");
    EXPECT_FALSE(has_text("He was killed soon after being captured.", kDct, "soon"));
    auto found = tag("The group could leave as soon as Tuesday.", kDct);
    ASSERT_EQ(found.size(), 1U);
    EXPECT_EQ(found[0].text, "Tuesday");
}

TEST(TimexRound4, RightNowTagsNow) {
    auto found = tag("They are not happy right now.", kDct);
    ASSERT_EQ(found.size(), 1U);
    EXPECT_EQ(found[0].text, "now");
    EXPECT_EQ(found[0].value, "PRESENT_REF");
}

TEST(TimexRound4, DeadlineWordsPointAhead) {
    // without a cue, February (eight months behind October) would be this year's
    EXPECT_EQ(only("The program is to pay down the loan by February.", kDct, "February").value, "1990-02");
    EXPECT_EQ(only("The new labor pact is effective June 1.", kDct, "June 1").value, "1990-06-01");
    // the same month told in the past stays behind
    EXPECT_EQ(only("RJR was bought in February for $25 billion.", kDct, "February").value, "1989-02");
}

TEST(TimexRound4, UntensedMonthsByDistance) {
    // seven months behind the DCT: this year's (pooled gold 3 of 3); six ahead: last year's
    EXPECT_EQ(only("a high in June from $29.75 in March", "1989-10-30", "March").value, "1989-03");
    EXPECT_EQ(only("its low in September", "1989-03-15", "September").value, "1988-09");
}

TEST(TimexRound4, HalfDurations) {
    EXPECT_EQ(only("camps for 2 1/2 years", kDct, "2 1/2 years").value, "P2Y6M");
    EXPECT_EQ(only("a minute and a half later", kDct, "a minute and a half").value, "PT1M30S");
    EXPECT_EQ(only("for two and a half hours", kDct, "two and a half hours").value, "PT2H30M");
    EXPECT_EQ(only("extended for an additional year", kDct, "an additional year").value, "P1Y");
    EXPECT_EQ(only("Eight trading days after the crash", kDct, "Eight trading days").value, "P8D");
}

TEST(TimexRound4, HalvesOfAYearAndJoinedUnits) {
    EXPECT_EQ(only("earnings for the last half of 1989", kDct, "the last half of 1989").value, "1989-H2");
    Found first = only("sales in the first half of 1990", kDct, "the first half of 1990");
    EXPECT_EQ(first.value, "1990-H1");
    EXPECT_EQ(first.mod, "");
    EXPECT_EQ(only("he died within weeks or months of his capture", kDct, "weeks or months").value, "PXW");
    EXPECT_EQ(only("funds in recent weeks and months have sold", kDct, "recent weeks and months").type, "DURATION");
}

TEST(TimexRound4, YearEndByItsForm) {
    EXPECT_EQ(only("to complete the transaction by year-end", kDct, "year-end").value, "1989-12-31");
    Found phrase = only("to cut 1,000 jobs by year end", kDct, "year end");
    EXPECT_EQ(phrase.value, "1989");
    EXPECT_EQ(phrase.mod, "END");
    EXPECT_EQ(only("to be in place by year's end", kDct, "year's end").value, "1989");
}

TEST(TimexRound4, CapitalisedUnitIsATitle) {
    EXPECT_FALSE(has_text("Baker, speaking on ABC News' \"This Week,\" said so.", kDct, "This Week"));
    // a sentence-initial capital is no title; a holiday keeps its capitalised "Day"
    EXPECT_EQ(only("This week, the company paid.", kDct, "This week").value, "1989-W43");
    EXPECT_FALSE(has_text("Tonight on \"Next Week's News\" we ask", kDct, "Next Week"));
    EXPECT_EQ(only("They met on Thanksgiving Day.", "1999-12-02", "Thanksgiving Day").value, "1999-11-25");
}
