// HTML: charset, metadata, main content, bad input, and the article-extraction benchmark.
#include <gtest/gtest.h>
#include <unicode/uchar.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <numeric>

#include "clean/clean.hpp"
#include "ingest/ingest.hpp"
#include "util/util.hpp"

using namespace parley;

namespace {
Document html_doc(std::string raw) {
    Document d;
    d.format = "html";
    d.id = "t.html";
    d.raw = std::move(raw);
    return d;
}
bool has_reason(const Document& d, std::string_view prefix) {
    for (auto& r : d.removed)
        if (r.reason.starts_with(prefix)) return true;
    return false;
}
const char* kPara =
    "<p>The foreign ministers of Russia and Ukraine met in Antalya on Thursday, with their Turkish "
    "counterpart, in the first high-level talks since the war began, officials said.</p>";
}  // namespace

TEST(CleanHtml, MainContentMetadataAndParagraphs) {
    std::string html = std::string(R"(<!doctype html><html><head><title>Talks | Wire</title>
<meta property="og:site_name" content="The Wire"><meta property="article:published_time" content="2022-03-10T12:00:00Z">
<meta name="author" content="A. Reporter"></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<article><h1>Ministers meet in Antalya</h1>)") +
                       kPara +
                       "<p>Kuleba said no progress was made on a ceasefire, while Lavrov said Russia would continue "
                       "talks with Ukraine in Belarus, according to reporters present.</p>"
                       "<div class=\"share-buttons\"><a href=\"#\">Share on Twitter</a></div></article>"
                       "<div id=\"comments\"><p>This is a reader comment that is long enough to look like a "
                       "paragraph, with commas, clauses, and opinions.</p></div></body></html>";
    Document d = html_doc(html);
    clean_document(d);
    EXPECT_EQ(d.title, "Ministers meet in Antalya");
    EXPECT_EQ(d.outlet, "The Wire");
    EXPECT_EQ(d.author, "A. Reporter");
    EXPECT_EQ(d.dct.value, "2022-03-10");
    EXPECT_TRUE(d.text.starts_with("The foreign ministers")) << d.text;
    EXPECT_NE(d.text.find("officials said.\n\nKuleba said"), std::string::npos) << d.text;
    EXPECT_EQ(d.text.find("Share on"), std::string::npos);
    EXPECT_EQ(d.text.find("reader comment"), std::string::npos);
    EXPECT_EQ(d.text.find("Home"), std::string::npos);
    // offsets point into the raw page
    size_t k = d.text.find("Kuleba");
    EXPECT_EQ(d.raw.substr(d.raw_offset(static_cast<uint32_t>(k)), 6), "Kuleba");
}

TEST(CleanHtml, JsonLdDateAndTimeElement) {
    Document d = html_doc(std::string(R"(<html><head><script type="application/ld+json">
{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle","datePublished":"2021-06-16T09:00:00Z","author":{"name":"B. Writer"}}]}
</script></head><body><main>)") + kPara + "</main></body></html>");
    clean_document(d);
    EXPECT_EQ(d.dct.value, "2021-06-16");
    EXPECT_EQ(d.author, "B. Writer");
    Document t = html_doc(std::string("<html><body><article><time datetime=\"2020-01-02\">Jan 2</time>") + kPara +
                          "</article></body></html>");
    clean_document(t);
    EXPECT_EQ(t.dct.value, "2020-01-02");
}

TEST(CleanHtml, MetaCharsetIsHonoured) {
    std::string html = "<html><head><meta charset=\"windows-1252\"></head><body><p>The minister\x92s caf\xE9 "
                       "meeting lasted ninety minutes, with \x93" "frank\x94 exchanges, aides said.</p></body></html>";
    Document d = html_doc(html);
    clean_document(d);
    EXPECT_NE(d.text.find("minister\xE2\x80\x99s caf\xC3\xA9"), std::string::npos) << d.text;
    EXPECT_TRUE(has_reason(d, "charset: converted from windows-1252"));
    // cleaning again (the raw page is UTF-8 now) gives the same text
    std::string first = d.text;
    clean_document(d);
    EXPECT_EQ(d.text, first);
}

TEST(CleanHtml, WrongCharsetDeclarationFallsBack) {
    // Declared UTF-8 but the bytes are CP1252.
    std::string html = "<html><head><meta charset=\"utf-8\"></head><body><p>Caf\xE9 talks in Gen\xE8ve lasted "
                       "for several hours on Wednesday, the delegations said.</p></body></html>";
    Document d = html_doc(html);
    clean_document(d);
    EXPECT_NE(d.text.find("Caf\xC3\xA9"), std::string::npos) << d.text;
    EXPECT_FALSE(find_invalid_utf8(d.text).has_value());
}

TEST(CleanHtml, EmptyBodyGivesClearReason) {
    Document d = html_doc("<html><head><title>x</title></head><body></body></html>");
    clean_document(d);
    EXPECT_TRUE(d.text.empty());
    EXPECT_TRUE(has_reason(d, "html: no text in <body>"));
}

TEST(CleanHtml, HundredThousandNestedTagsAreSafe) {
    std::string html = "<html><body>";
    for (int i = 0; i < 100000; ++i) html += "<div>";
    html += "Deep text with enough words to be a paragraph, apparently, for the scorer.";
    for (int i = 0; i < 100000; ++i) html += "</div>";
    html += "</body></html>";
    Document d = html_doc(html);
    clean_document(d);
    EXPECT_TRUE(has_reason(d, "html: nesting deeper than"));
    EXPECT_NE(d.text.find("Deep text"), std::string::npos);
    std::string fmt = "<html><body>";
    for (int i = 0; i < 100000; ++i) fmt += "<b><i>";
    fmt += "x</body></html>";
    Document f = html_doc(fmt);
    clean_document(f);
    EXPECT_TRUE(has_reason(f, "html: nesting deeper than"));
}

TEST(CleanHtml, RepeatedParagraphInsideTheArticleIsKept) {
    // An interview asks each guest the same question: inside the article it is text.
    std::string q = "<p>What made you start writing about the region, and who were your first readers?</p>";
    std::string html = std::string("<html><body><nav><a href=\"/\">Home</a></nav><article>") + kPara + q +
                       "<p>The first guest said that local newspapers had closed, and that readers wrote in.</p>" + q +
                       "<p>The second guest said that a teacher had asked her to keep a diary of the war.</p>"
                       "</article></body></html>";
    Document d = html_doc(html);
    clean_document(d);
    size_t first = d.text.find("What made you start");
    ASSERT_NE(first, std::string::npos) << d.text;
    EXPECT_NE(d.text.find("What made you start", first + 1), std::string::npos) << d.text;
    EXPECT_FALSE(has_reason(d, "duplicate"));
}

TEST(CleanHtml, EmbeddedPostInsideTheArticleIsKept) {
    // A quoted social-media post sits in a wrapper named after the platform kind ("social"),
    // which alone would mark it as furniture; "embed" says the author placed it in the story.
    std::string html = std::string("<html><body><article class=\"story\">") + kPara +
                       "<div class=\"social-media-embed\"><blockquote><p>The talks ended without agreement, "
                       "the minister wrote on Thursday evening, promising to return.</p></blockquote></div>"
                       "<p>Kuleba said no progress was made on a ceasefire, while Lavrov said Russia would continue "
                       "talks with Ukraine in Belarus, according to reporters present.</p>"
                       "<div class=\"social-share\"><p>Share this story with your friends and family today.</p></div>"
                       "</article></body></html>";
    Document d = html_doc(html);
    clean_document(d);
    EXPECT_NE(d.text.find("The talks ended without agreement"), std::string::npos) << d.text;
    EXPECT_EQ(d.text.find("Share this story"), std::string::npos) << d.text;
}

TEST(CleanHtml, PhotoCreditInTheFlowIsRemovedLinkedSentenceKept) {
    std::string html = std::string("<html><body><article>") + kPara +
                       "<div><img src=\"x.jpg\"><span>Jane Doe/Agency Images</span></div>"
                       "<p><a href=\"/report\">The report found that the talks had stalled over the question of "
                       "guarantees, and that neither side expected a ceasefire before the summer.</a></p>"
                       "<p>Kuleba said no progress was made on a ceasefire, while Lavrov said Russia would continue "
                       "talks with Ukraine in Belarus, according to reporters present.</p>"
                       "<ul><li><a href=\"/a\">Other story about the war</a></li>"
                       "<li><a href=\"/b\">Another story about the talks</a></li></ul>"
                       "<p>The ministers are expected to meet again next week, the Turkish foreign ministry said.</p>"
                       "</article></body></html>";
    Document d = html_doc(html);
    clean_document(d);
    EXPECT_EQ(d.text.find("Agency Images"), std::string::npos) << d.text;
    EXPECT_TRUE(has_reason(d, "caption"));
    // a whole sentence that is a link is prose; a list of linked headlines is not
    EXPECT_NE(d.text.find("The report found that the talks had stalled"), std::string::npos) << d.text;
    EXPECT_EQ(d.text.find("Other story about the war"), std::string::npos) << d.text;
}

TEST(CleanHtml, TenMegabyteSingleLinePage) {
    std::string html = "<html><body><div>";
    // distinct paragraphs, so that the size check measures extraction, not repetition
    for (int i = 0; html.size() < (size_t(10) << 20); ++i)
        html += "<p>Paragraph " + std::to_string(i) + " of the long page, with words, commas, and a full stop.</p>";
    html += "</div></body></html>";
    ASSERT_EQ(html.find('\n'), std::string::npos);
    Document d = html_doc(html);
    clean_document(d);
    EXPECT_GT(d.text.size(), size_t(1) << 20);
}

TEST(CleanHtml, TruncatedGzipIsReportedAndBatchGoesOn) {
    std::vector<IngestProblem> problems;
    size_t docs = 0;
    // a gzip header followed by garbage, then a good page
    ingest_buffer("bad.html.gz", std::string("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\xab\xcd", 12),
                  [&](Document&& d) { clean_document(d); ++docs; }, [&](const IngestProblem& p) { problems.push_back(p); });
    ingest_buffer("good.html", std::string("<html><body>") + kPara + "</body></html>",
                  [&](Document&& d) { clean_document(d); ++docs; EXPECT_FALSE(d.text.empty()); },
                  [&](const IngestProblem& p) { problems.push_back(p); });
    EXPECT_EQ(docs, 1u);
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].where.rfind("bad.html.gz", 0), 0u);
}

// The public article-extraction metric (see tools/clean/score_extraction.py), as a floor.
namespace {
std::vector<std::string> word_tokens(const std::string& s) {
    std::vector<std::string> out;
    std::string cur;
    for (size_t i = 0; i < s.size();) {
        size_t b = i;
        char32_t c = next_code_point(s, i);
        if (u_isalnum(static_cast<UChar32>(c)) || c == '_' || u_charType(static_cast<UChar32>(c)) == U_NON_SPACING_MARK) {
            cur.append(s, b, i - b);
        } else if (!cur.empty()) {
            out.push_back(std::move(cur));
            cur.clear();
        }
    }
    if (!cur.empty()) out.push_back(cur);
    return out;
}
std::map<std::string, int> shingles(const std::string& s) {
    auto t = word_tokens(s);
    std::map<std::string, int> m;
    size_t n = t.size() >= 4 ? t.size() - 3 : 1;
    for (size_t i = 0; i < n; ++i) {
        std::string k;
        for (size_t j = i; j < std::min(t.size(), i + 4); ++j) k += (j > i ? " " : "") + t[j];
        if (!k.empty()) ++m[k];
    }
    return m;
}
}  // namespace

TEST(CleanHtml, ArticleExtractionBenchmarkFloor) {
    namespace fs = std::filesystem;
    fs::path dir = fs::path(PARLEY_SHARED_DIR) / "data" / "article-extraction";
    if (!fs::exists(dir / "ground-truth.json")) GTEST_SKIP() << "no article-extraction data";
    auto truth = nlohmann::json::parse(std::ifstream(dir / "ground-truth.json"));
    std::vector<double> precisions, recalls;
    for (auto& [id, item] : truth.items()) {
        std::string pred;
        ingest_paths({(dir / "html" / (id + ".html.gz")).string()},
                     [&](Document&& d) { clean_document(d); pred = d.text; }, [](const IngestProblem&) {});
        auto t = shingles(item["articleBody"].get<std::string>()), p = shingles(pred);
        double tp = 0, fp = 0, fn = 0;
        for (auto& [k, c] : p) {
            auto it = t.find(k);
            int tc = it == t.end() ? 0 : it->second;
            tp += std::min(c, tc);
            fp += std::max(0, c - tc);
        }
        for (auto& [k, c] : t) {
            auto it = p.find(k);
            fn += std::max(0, c - (it == p.end() ? 0 : it->second));
        }
        if (tp + fp > 0) precisions.push_back(tp / (tp + fp));
        if (tp + fn > 0) recalls.push_back(tp / (tp + fn));
    }
    ASSERT_EQ(truth.size(), 88u);
    double P = std::accumulate(precisions.begin(), precisions.end(), 0.0) / double(precisions.size());
    double R = std::accumulate(recalls.begin(), recalls.end(), 0.0) / double(recalls.size());
    double F = 2 * P * R / (P + R);
    // Measured 0.98 (docs/bench/clean.md); the floor catches regressions, not noise.
    EXPECT_GE(F, 0.97) << "P=" << P << " R=" << R;
}

TEST(CleanHtml, XmlDeclarationEncodingIsHonoured) {
    std::string html = "<?xml version=\"1.0\" encoding=\"windows-1251\"?><html><body><p>"
                       "\xCC\xEE\xF1\xEA\xE2\xE0 and Kyiv held talks for several hours on Monday, officials said.</p></body></html>";
    Document d = html_doc(html);
    clean_document(d);
    EXPECT_NE(d.text.find("\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0"), std::string::npos) << d.text;  // Москва
    ASSERT_EQ(d.fragments.size(), 1u);
    EXPECT_EQ(d.fragments[0].latin, "Moskva");
}
