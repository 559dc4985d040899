// TIMEX3 recognition and normalisation: the formats and relative expressions of issue 6,
// checked value by value against a fixed DCT, and without one.
#include <gtest/gtest.h>

#include "support/timex_probe.hpp"
#include "time/time.hpp"

using namespace parley;

namespace {

using test_support::Found;
using test_support::only;
using test_support::tag;

// DCT: Thursday 10 March 2022.
constexpr std::string_view kDct = "2022-03-10";

}  // namespace

TEST(TimexDates, ExplicitNewsFormats) {
    EXPECT_EQ(only("Talks on February 24 failed.", kDct, "February 24").value, "2022-02-24");
    EXPECT_EQ(only("It was Feb. 1, 2022 then.", kDct, "Feb. 1, 2022").value, "2022-02-01");
    EXPECT_EQ(only("Updated: 12-05-2021 21:54 IST", kDct, "12-05-2021 21:54").value, "2021-05-12T21:54");
    EXPECT_EQ(only("Ru-Main, 23.02.2022", kDct, "23.02.2022").value, "2022-02-23");
    EXPECT_EQ(only("filed 2022-01-21.", kDct, "2022-01-21").value, "2022-01-21");
    EXPECT_EQ(only("He wrote on 5 March 2021.", kDct, "5 March 2021").value, "2021-03-05");
    EXPECT_EQ(only("in March 2021", kDct, "March 2021").value, "2021-03");
    EXPECT_EQ(only("as in the 1990s", kDct, "the 1990s").value, "199");
    EXPECT_EQ(only("profits in Q3 rose", kDct, "Q3").value, "2022-Q3");
    EXPECT_EQ(only("in the third quarter of 2021", kDct, "the third quarter of 2021").value, "2021-Q3");
    EXPECT_EQ(only("since 2014 the war", kDct, "2014").value, "2014");
}

TEST(TimexDates, NumbersThatAreNotYears) {
    for (const Found& f : tag("It cost $2000 and rose 2015% to 1999.5 points.", kDct))
        ADD_FAILURE() << "unexpected timex " << f.text;
}

TEST(TimexDates, LowerCaseMonthWordsAreNotMonths) {
    for (const Found& f : tag("They may march on and may well win.", kDct)) ADD_FAILURE() << "unexpected timex " << f.text;
}

TEST(TimexTimes, ClockAndWords) {
    EXPECT_EQ(only("It began at 15:10 local time.", kDct, "15:10").value, "2022-03-10T15:10");
    EXPECT_EQ(only("They met at midday.", kDct, "midday").value, "2022-03-10T12:00");
    Found pm = only("at 10 p.m. Wednesday", kDct, "10 p.m. Wednesday");
    EXPECT_EQ(pm.type, "TIME");
    EXPECT_EQ(pm.value, "2022-03-09T22:00");
    EXPECT_EQ(only("Talks resumed this morning.", kDct, "this morning").value, "2022-03-10TMO");
    EXPECT_EQ(only("He called last night.", kDct, "last night").value, "2022-03-09TNI");
}

TEST(TimexRelative, WeekdaysFollowTheTense) {
    // past tense news: the previous Thursday... or today when today is one
    EXPECT_EQ(only("Lavrov met Kuleba on Tuesday.", kDct, "Tuesday").value, "2022-03-08");
    EXPECT_EQ(only("Lavrov met Kuleba on Thursday.", kDct, "Thursday").value, "2022-03-10");
    // the future: the next one
    EXPECT_EQ(only("Lavrov will meet Kuleba on Monday.", kDct, "Monday").value, "2022-03-14");
    EXPECT_EQ(only("The ministers are scheduled to meet on Saturday.", kDct, "Saturday").value, "2022-03-12");
    EXPECT_EQ(only("They met last Friday.", kDct, "last Friday").value, "2022-03-04");
    EXPECT_EQ(only("They meet next Tuesday, December 7.", "2021-12-01", "next Tuesday, December 7").value,
              "2021-12-07");
    Found later = only("The talks resume later Saturday.", "2022-03-12", "later Saturday");
    EXPECT_EQ(later.value, "2022-03-12");
    EXPECT_EQ(later.mod, "END");
}

TEST(TimexRelative, TaggerTenseWinsOverCueWords) {
    // With Penn tags the verb decides: "meets" tagged as a modal future here by construction.
    std::string text = "Ministers meet on Monday.";
    std::vector<Token> toks(4);
    toks[0].span = {0, 9};
    toks[0].xpos = "NNS";
    toks[1].span = {10, 14};
    toks[1].xpos = "VBD";
    toks[2].span = {15, 17};
    toks[2].xpos = "IN";
    toks[3].span = {18, 24};
    toks[3].xpos = "NNP";
    auto past = find_timexes(text, kDct, toks);
    ASSERT_EQ(past.size(), 1u);
    EXPECT_EQ(past[0].value, "2022-03-07");
    std::string fut = "Ministers will meet on Monday.";
    std::vector<Token> t2(5);
    t2[0] = {{0, 9}, "NOUN", "NNS"};
    t2[1] = {{10, 14}, "AUX", "MD"};
    t2[2] = {{15, 19}, "VERB", "VB"};
    t2[3] = {{20, 22}, "ADP", "IN"};
    t2[4] = {{23, 29}, "PROPN", "NNP"};
    auto next = find_timexes(fut, kDct, t2);
    ASSERT_EQ(next.size(), 1u);
    EXPECT_EQ(next[0].value, "2022-03-14");
}

TEST(TimexRelative, GoverningVerbDecidesWithoutCues) {
    // "Leaders meet separately Monday.": no cue word, no past tense; the parser makes the present
    // "meet" govern "Monday", so it is the coming Monday
    std::string text = "Leaders meet separately Monday.";
    auto parsed = [](const char* verb_tag) {
        std::vector<Token> t(5);
        t[0] = {{0, 7}, "NOUN", "NNS", "leader", 1, "nsubj"};
        t[1] = {{8, 12}, "VERB", verb_tag, "meet", -1, "root"};
        t[2] = {{13, 23}, "ADV", "RB", "separately", 1, "advmod"};
        t[3] = {{24, 30}, "PROPN", "NNP", "Monday", 1, "obl:tmod"};
        t[4] = {{30, 31}, "PUNCT", ".", ".", 1, "punct"};
        return t;
    };
    auto present = find_timexes(text, kDct, parsed("VBP"));
    ASSERT_EQ(present.size(), 1u);
    EXPECT_EQ(present[0].value, "2022-03-14");
    // no parse (no heads): the latest Monday, as before
    auto bare = find_timexes(text, kDct);
    ASSERT_EQ(bare.size(), 1u);
    EXPECT_EQ(bare[0].value, "2022-03-07");
    // a base form without a modal says nothing either
    auto base = find_timexes(text, kDct, parsed("VB"));
    ASSERT_EQ(base.size(), 1u);
    EXPECT_EQ(base[0].value, "2022-03-07");
}

TEST(TimexRelative, PeriodsAroundTheDct) {
    EXPECT_EQ(only("Prices rose last week.", kDct, "last week").value, "2022-W09");
    EXPECT_EQ(only("It grew this year.", kDct, "this year").value, "2022");
    Found early = only("They met earlier this month.", kDct, "earlier this month");
    EXPECT_EQ(early.value, "2022-03");
    EXPECT_EQ(early.mod, "START");
    EXPECT_EQ(only("It has been so since May this year.", "2022-08-01", "May this year").value, "2022-05");
    EXPECT_EQ(only("The blast came 3 hours ago.", kDct, "3 hours ago").type, "TIME");
    EXPECT_EQ(only("He left two years ago.", kDct, "two years ago").value, "2020");
    EXPECT_EQ(only("Talks ended on March 3. The day before, they met.", kDct, "day").value, "2022-03-02");
    EXPECT_EQ(only("He spoke yesterday.", kDct, "yesterday").value, "2022-03-09");
    EXPECT_EQ(only("They talk now.", kDct, "now").value, "PRESENT_REF");
}

TEST(TimexDurations, UnitsAndNumbers) {
    Found f = only("They talked for two hours.", kDct, "two hours");
    EXPECT_EQ(f.type, "DURATION");
    EXPECT_EQ(f.value, "PT2H");
    EXPECT_EQ(only("after a decade of talks", kDct, "a decade").value, "P1E");
    EXPECT_EQ(only("a 30-year treaty", kDct, "30-year").value, "P30Y");
    EXPECT_EQ(only("for twenty-five days", kDct, "twenty-five days").value, "P25D");
    EXPECT_EQ(only("over the past three months", kDct, "the past three months").value, "P3M");
    Found approx = only("for nearly 90 minutes", kDct, "nearly 90 minutes");
    EXPECT_EQ(approx.value, "PT90M");
    EXPECT_EQ(approx.mod, "APPROX");
}

// Extent conventions chosen by measurement on TimeBank + AQ-dev (docs/bench/time.md).
TEST(TimexSpans, SomeModifiersStayOutside) {
    Found about = only("for about 90 minutes", kDct, "90 minutes");
    EXPECT_EQ(about.value, "PT90M");
    EXPECT_EQ(about.mod, "");
    EXPECT_EQ(only("It lasted almost five months.", kDct, "five months").value, "P5M");
    // a position word stays outside only before a bare weekday
    EXPECT_EQ(only("Earlier Tuesday, the talks stalled.", kDct, "Tuesday").value, "2022-03-08");
    EXPECT_EQ(only("Late Monday, they met.", kDct, "Monday").value, "2022-03-07");
    EXPECT_EQ(only("He left earlier this month.", kDct, "earlier this month").value, "2022-03");
    EXPECT_EQ(only("The vote is in early April.", kDct, "early April").mod, "START");
    for (const Found& f : tag("for about 90 minutes; Earlier Tuesday", kDct))
        EXPECT_TRUE(f.text != "about 90 minutes" && f.text != "Earlier Tuesday") << f.text;
}

TEST(TimexRelative, RecentYearsIsAPastReference) {
    Found years = only("Prices soared in recent years.", kDct, "recent years");
    EXPECT_EQ(years.type, "DATE");
    EXPECT_EQ(years.value, "PAST_REF");
    Found weeks = only("Prices soared in recent weeks.", kDct, "recent weeks");
    EXPECT_EQ(weeks.type, "DURATION");
    EXPECT_EQ(weeks.value, "PXW");
}

TEST(TimexRelative, NowAsDiscourseMarkerIsNoTimex) {
    for (const Found& f : tag("Talks failed. Now, he says, a deal is near.", kDct)) ADD_FAILURE() << "unexpected timex " << f.text;
    EXPECT_EQ(only("Talks failed. Now the court must decide.", kDct, "Now").value, "PRESENT_REF");
    EXPECT_EQ(only("The court must decide now, he said.", kDct, "now").value, "PRESENT_REF");
}

TEST(TimexTimes, WeekdayWithPartOfDayIsADate) {
    Found f = only("They met Tuesday night.", kDct, "Tuesday night");
    EXPECT_EQ(f.type, "DATE");
    EXPECT_EQ(f.value, "2022-03-08TNI");
    // a clock time stays a TIME
    EXPECT_EQ(only("at 10 p.m. Wednesday", kDct, "10 p.m. Wednesday").type, "TIME");
}

TEST(TimexSets, EveryAndEach) {
    Found f = only("They meet every Friday.", kDct, "every Friday");
    EXPECT_EQ(f.type, "SET");
    EXPECT_EQ(f.value, "XXXX-WXX-5");
    EXPECT_EQ(only("It changes each season.", kDct, "each season").type, "SET");
    EXPECT_EQ(only("reviewed every year", kDct, "every year").value, "P1Y");
}

TEST(TimexNoDct, RelativeExpressionsStayUnderspecified) {
    EXPECT_EQ(only("They met on Saturday.", "", "Saturday").value, "XXXX-WXX-6");
    EXPECT_EQ(only("They met yesterday.", "", "yesterday").value, "XXXX-XX-XX");
    EXPECT_EQ(only("They met last week.", "", "last week").value, "XXXX-WXX");
    EXPECT_EQ(only("on February 24", "", "February 24").value, "XXXX-02-24");
    // explicit dates need no DCT
    EXPECT_EQ(only("on Feb. 1, 2022", "", "Feb. 1, 2022").value, "2022-02-01");
}

TEST(TimexSpans, AreByteOffsetsIntoTheText) {
    std::string text = "Le président — “on Friday” — a parlé.";
    auto ts = find_timexes(text, kDct);
    ASSERT_EQ(ts.size(), 1u);
    EXPECT_EQ(text.substr(ts[0].span.start, ts[0].span.size()), "Friday");
}

TEST(TimexRobustness, HostileInputStaysBounded) {
    std::string junk(200000, '9');
    for (size_t i = 0; i < junk.size(); i += 7) junk[i] = i % 3 ? ' ' : '-';
    junk += std::string(50000, '\0') + "Friday";
    auto ts = find_timexes(junk, "not a date");
    EXPECT_FALSE(ts.empty());
    for (const Timex& t : ts) EXPECT_LE(t.span.end, junk.size());
}

TEST(Calendar, HelpersAgree) {
    EXPECT_EQ(day_of_week(2022, 3, 10), 4);
    EXPECT_EQ(format_ymd(add_days({2022, 2, 28}, 1)), "2022-03-01");
    EXPECT_EQ(format_ymd(parse_ymd("2022-03")), "2022-03");
    EXPECT_TRUE(dates_compatible("2022-03-10", "2022-03"));
    EXPECT_FALSE(dates_compatible("2022-03-10", "2022-04"));
}

TEST(TimexRobustness, HugeCountsStayInRange) {
    auto ts = find_timexes("It ended 99999999999999999999999 days ago and 4000000000 weeks ago.", kDct);
    for (const Timex& t : ts) EXPECT_FALSE(t.value.empty());
    EXPECT_EQ(only("some 6000 years ago", kDct, "some 6000 years ago").value, "PAST_REF");
}

TEST(TimexRanges, OneTimexPerDayOfARange) {
    auto found = tag("The summit was held on May 10-11 in Bali; talks ran 3 to 5 March 2022.", kDct);
    ASSERT_EQ(found.size(), 4u);
    EXPECT_EQ(found[0].text, "May 10");
    EXPECT_EQ(found[1].text, "11");
    EXPECT_EQ(found[1].value, found[0].value.substr(0, 8) + "11");
    EXPECT_EQ(found[2].text, "3");
    EXPECT_EQ(found[2].value, "2022-03-03");
    EXPECT_EQ(found[3].text, "5 March 2022");
    EXPECT_EQ(found[3].value, "2022-03-05");
    // after "and", a number that runs on into the sentence is a count, not a day
    for (const Found& f : tag("On May 10 and 12 people died.", kDct)) EXPECT_NE(f.text, "12");
    EXPECT_EQ(only("On April 24 and 25, they met.", kDct, "25").value, "2022-04-25");
    // a range that runs backwards is no range
    for (const Found& f : tag("Scores were May 12-3 there.", kDct)) EXPECT_NE(f.text, "3");
}

TEST(TimexPrecision, AgesRatesNamesAndCompoundsAreNoTimexes) {
    EXPECT_TRUE(tag("The 6-year-old boy and a 52-year-old man.", kDct).empty());
    // "The year" inside "The year-ago quarter" is not a timex of its own
    for (const Found& f : tag("The year-ago quarter was weak.", kDct)) EXPECT_NE(f.text, "The year");
    // a dotless abbreviation alone is a name here, while "Jan. 5" stays a date
    EXPECT_TRUE(tag("Jan Kavan of the Czech Republic signed.", kDct).empty());
    EXPECT_EQ(only("Jan. 5 was cold.", kDct, "Jan. 5").value, "2022-01-05");
    EXPECT_TRUE(tag("It will save $500 million a year.", kDct).empty());
}

TEST(TimexValues, PeriodEndingIsADuration) {
    Found f = only("Net income for the year ended Sept. 30 rose.", kDct, "the year");
    EXPECT_EQ(f.type, "DURATION");
    EXPECT_EQ(f.value, "P1Y");
    EXPECT_EQ(only("Sales rose for the year.", kDct, "the year").type, "DATE");
}

TEST(TimexTense, VerbGroupAndProspectiveCues) {
    // Thursday 10 March 2022: "were planning" points forward, "were" alone back
    EXPECT_EQ(only("Protesters were planning to march on Saturday.", kDct, "Saturday").value, "2022-03-12");
    EXPECT_EQ(only("Protesters were in the square on Saturday.", kDct, "Saturday").value, "2022-03-05");
    EXPECT_EQ(only("He could arrive as soon as Tuesday, they said.", kDct, "Tuesday").value, "2022-03-15");
}

TEST(TimexTense, SupersededPlansPointBack) {
    // a plan told in the past perfect or as "previously" planned has its time behind the DCT
    EXPECT_EQ(only("The offer had been scheduled to expire Friday evening.", kDct, "Friday evening").value,
              "2022-03-04TEV");
    EXPECT_EQ(only("The offensive began as previously planned Saturday.", kDct, "Saturday").value, "2022-03-05");
    EXPECT_EQ(only("The offer is scheduled to expire Friday.", kDct, "Friday").value, "2022-03-11");
}

TEST(TimexTense, PossessiveWeekdayIsTheLatestOne) {
    EXPECT_EQ(only("They will appeal Tuesday's ruling.", kDct, "Tuesday").value, "2022-03-08");
    EXPECT_EQ(only("They will appeal on Tuesday.", kDct, "Tuesday").value, "2022-03-15");
}

TEST(TimexValues, MovableHolidays) {
    EXPECT_EQ(only("Election Day 1998 was calm.", kDct, "Election Day 1998").value, "1998-11-03");
    EXPECT_EQ(only("By Easter 2000 it was over.", kDct, "Easter 2000").value, "2000-04-23");
    EXPECT_EQ(only("On Memorial Day 2022 they met.", kDct, "Memorial Day 2022").value, "2022-05-30");
    EXPECT_EQ(only("Thanksgiving 2021 was quiet.", kDct, "Thanksgiving 2021").value, "2021-11-25");
    EXPECT_EQ(only("On Thanksgiving Day they met.", "", "Thanksgiving Day").value, "XXXX-11");
}

TEST(TimexValues, WeekdayFixesTheYearOfADate) {
    // DCT Thursday 10 March 2022; 16 June was a Wednesday in 2021, not in 2022
    EXPECT_EQ(only("They met on Wednesday, June 16 in Geneva.", kDct, "Wednesday, June 16").value, "2021-06-16");
    EXPECT_EQ(only("They meet on Friday, March 11.", kDct, "Friday, March 11").value, "2022-03-11");
    EXPECT_EQ(only("In the coming period prices rise.", kDct, "the coming period").value, "FUTURE_REF");
}

TEST(TimexSets, FrequencyAdverbsOnlyAsAdverbs) {
    Found f = only("The paper is published daily.", kDct, "daily");
    EXPECT_EQ(f.type, "SET");
    EXPECT_EQ(f.value, "P1D");
    EXPECT_TRUE(tag("Qantas plans daily flights to Bombay.", kDct).empty());
    EXPECT_TRUE(tag("Sales should rise 8.5% annually.", kDct).empty());
}

TEST(TimexValues, YearEarlierFollowsTheLastPeriodDiscussed) {
    // DCT 10 March 2022: after a quarter, "a year earlier" is that quarter a year before; after
    // a nine-month stretch or a year it is the year before
    const std::string quarter = "Net rose in the fourth quarter from a year earlier.";
    EXPECT_EQ(only(quarter, kDct, "the fourth quarter").value, "2021-Q4");  // past tense: last year's
    EXPECT_EQ(only(quarter, kDct, "a year earlier").value, "2020-Q4");
    EXPECT_EQ(only("Sales will rise in the fourth quarter.", kDct, "the fourth quarter").value, "2022-Q4");
    EXPECT_EQ(only("The plant will open in the first quarter.", "2022-11-10", "the first quarter").value, "2023-Q1");
    EXPECT_EQ(only("It will report third-quarter results.", "2022-11-10", "third-quarter").value, "2022-Q3");
    const std::string nine = "In the first quarter net rose. For the nine months, net fell from a year earlier.";
    EXPECT_EQ(only(nine, kDct, "a year earlier").value, "2021");
}

TEST(TimexRelative, DayBeforeCountsFromTheLastDateOrTheDct) {
    EXPECT_EQ(only("The vote was held the day before.", kDct, "day").value, "2022-03-09");
    const std::string story = "They met on March 3. The vote came the day after.";
    EXPECT_EQ(only(story, kDct, "day").value, "2022-03-04");
    EXPECT_EQ(only("The vote was held the day before.", "", "day").value, "XXXX-XX-XX");
}
