// Document creation time: the ordered evidence of issue 6, and real dev articles.
#include <gtest/gtest.h>

#include <filesystem>
#include <iostream>
#include <fstream>
#include <sstream>

#include "clean/clean.hpp"
#include "ingest/ingest.hpp"
#include "time/time.hpp"

using namespace parley;

namespace {
Document doc_with_text(std::string text) {
    Document d;
    d.text = std::move(text);
    return d;
}
}  // namespace

TEST(Dct, MetadataIsKept) {
    Document d = doc_with_text("MOSCOW, February 12. /TASS/ Talks were held in 2021.");
    d.dct = {"2022-03-10", DctSource::metadata, "jsonl date"};
    resolve_dct(d);
    EXPECT_EQ(d.dct.value, "2022-03-10");
    EXPECT_EQ(d.dct.source, DctSource::metadata);
}

TEST(Dct, FooterWithFullDate) {
    Document d = doc_with_text("Lavrov and Wang met in Bali on Saturday to discuss the war.\n\nRu-Main, 23.02.2022");
    resolve_dct(d);
    EXPECT_EQ(d.dct.value, "2022-02-23");
    EXPECT_EQ(d.dct.source, DctSource::dateline);
    EXPECT_NE(d.dct.evidence.find("23.02.2022"), std::string::npos);
}

TEST(Dct, EirFooterAndUpdatedLine) {
    Document a = doc_with_text("Sullivan met Wang Yi in Vienna.\nJan. 18, 2022 (EIRNS)");
    resolve_dct(a);
    EXPECT_EQ(a.dct.value, "2022-01-18");
    Document b = doc_with_text("Updated: 12-05-2021 21:54 IST\nThe ministers spoke by phone.");
    resolve_dct(b);
    EXPECT_EQ(b.dct.value, "2021-05-12");
}

TEST(Dct, DatelineTakesTheYearFromTheText) {
    Document d = doc_with_text("MOSCOW, February 12. /TASS/. Putin and Macron spoke by phone, the Kremlin said. "
                               "The two had met on February 7, 2022 in Moscow.");
    resolve_dct(d);
    EXPECT_EQ(d.dct.value, "2022-02-12");
    EXPECT_EQ(d.dct.source, DctSource::inferred);
}

TEST(Dct, SentenceDatesAreNotDatelines) {
    Document d = doc_with_text("Macron spoke by phone with Putin on July 1. In 2022 they had met.");
    resolve_dct(d);
    EXPECT_FALSE(d.dct.known());
}

TEST(Dct, NothingMeansUnknownAndRelativeTimexesStayOpen) {
    Document d = doc_with_text("The ministers met on Saturday and will meet again next week.");
    resolve_dct(d);
    EXPECT_FALSE(d.dct.known());
    EXPECT_EQ(d.dct.source, DctSource::none);
    tag_timexes(d);
    ASSERT_FALSE(d.timexes.empty());
    EXPECT_EQ(d.timexes[0].value, "XXXX-WXX-6");
}

TEST(Dct, UrlDate) {
    Document d = doc_with_text("No date in here.");
    d.url = "https://example.org/news/2022/03/10/lavrov-kuleba-talks";
    resolve_dct(d);
    EXPECT_EQ(d.dct.value, "2022-03-10");
    EXPECT_EQ(d.dct.source, DctSource::inferred);
}

// Real articles: every DCT found must lie near the approximate event date of index.tsv (a
// report appears on the day or soon after, a preview up to a month before), and the event's day must be among the timexes.
TEST(DctDevCorpus, FoundDatesAgreeWithTheEvents) {
    std::string dir = std::string(PARLEY_SHARED_DIR) + "/corpus/dev";
    std::ifstream index(dir + "/index.tsv");
    if (!index) GTEST_SKIP() << "no dev corpus";
    std::string line;
    std::getline(index, line);
    int found = 0, near = 0, event_day_tagged = 0, with_day = 0;
    while (std::getline(index, line)) {
        std::istringstream f(line);
        std::string file, url, outlet, event;
        std::getline(f, file, '\t');
        std::getline(f, url, '\t');
        std::getline(f, outlet, '\t');
        std::getline(f, event, '\t');
        Ymd ev = parse_ymd(event.substr(0, 10));
        std::vector<Document> docs;
        ingest_paths({dir + "/" + file}, [&](Document&& d) { docs.push_back(std::move(d)); }, [](const IngestProblem&) {});
        if (docs.empty()) continue;
        Document& d = docs[0];
        clean_document(d);
        resolve_dct(d);
        tag_timexes(d);
        if (!d.dct.known()) continue;
        ++found;
        Ymd dct = parse_ymd(d.dct.value);
        if (!ev.d || !dct.d) continue;
        ++with_day;
        long diff = 0;
        for (Ymd x = ev; !(x.y == dct.y && x.m == dct.m && x.d == dct.d) && diff < 400; x = add_days(x, 1)) ++diff;
        long before = 0;  // a preview article appears before its event
        for (Ymd x = dct; !(x.y == ev.y && x.m == ev.m && x.d == ev.d) && before < 400; x = add_days(x, 1)) ++before;
        if (diff <= 14 || before <= 31) ++near;
        else ADD_FAILURE() << file << ": DCT " << d.dct.value << " (" << d.dct.evidence << ") far from event " << event;
        for (const Timex& t : d.timexes)
            if (t.value.substr(0, 10) == event.substr(0, 10)) {
                ++event_day_tagged;
                break;
            }
    }
    std::cout << "dev corpus: DCT found " << found << ", near the event " << near << " of " << with_day
              << ", event day tagged " << event_day_tagged << "\n";
    EXPECT_GE(found, 25);
    EXPECT_GE(near * 10, with_day * 9);
    // the event's own day is resolved from the text in most dated articles
    EXPECT_GE(event_day_tagged * 10, with_day * 6) << event_day_tagged << " of " << with_day;
}

TEST(Dct, PressReleaseNumberEmbedsTheDate) {
    Document d = doc_with_text("Press release No. 20230511-2\nThe talks in Vienna were constructive, the ministry said.");
    resolve_dct(d);
    EXPECT_EQ(d.dct.value, "2023-05-11");
    EXPECT_EQ(d.dct.source, DctSource::inferred);
    Document bad = doc_with_text("Order No. 20231345 was shipped.");  // month 13: not a date
    resolve_dct(bad);
    EXPECT_FALSE(bad.dct.known());
}

namespace {
Document ingest_example(const std::string& name) {
    std::vector<Document> docs;
    ingest_paths({std::string(PARLEY_SOURCE_DIR) + "/examples/" + name}, [&](Document&& d) { docs.push_back(std::move(d)); },
                 [](const IngestProblem&) {});
    if (docs.empty()) return {};
    Document d = std::move(docs[0]);
    clean_document(d);
    resolve_dct(d);
    tag_timexes(d);
    return d;
}
}  // namespace

TEST(DctExamples, FooterDatedArticle) {
    Document d = ingest_example("bali-blinken-wang-b.txt");
    EXPECT_EQ(d.dct.value, "2022-07-10");
    EXPECT_EQ(d.dct.source, DctSource::dateline);
    bool saturday = false;
    for (const Timex& t : d.timexes) saturday |= d.slice(t.span) == "Saturday" && t.value == "2022-07-09";
    EXPECT_TRUE(saturday) << "\"on Saturday\" resolves to the day before the footer date";
}

TEST(DctExamples, UndatedArticleKeepsFridayOpen) {
    Document d = ingest_example("geneva-blog.txt");
    EXPECT_FALSE(d.dct.known());
    bool friday = false;
    for (const Timex& t : d.timexes) friday |= d.slice(t.span) == "Friday" && t.value == "XXXX-WXX-5";
    EXPECT_TRUE(friday);
}
