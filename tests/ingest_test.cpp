#include <gtest/gtest.h>

#include "ingest/ingest.hpp"
#include "util/util.hpp"

using namespace parley;

namespace {
struct Collected {
    std::vector<Document> docs;
    std::vector<IngestProblem> problems;
};
Collected run(const std::string& name, std::string bytes) {
    Collected c;
    ingest_buffer(name, std::move(bytes), [&](Document&& d) { c.docs.push_back(std::move(d)); },
                  [&](const IngestProblem& p) { c.problems.push_back(p); });
    return c;
}
}  // namespace

TEST(Ingest, DateHeaderGivesDctAndKeepsRestOfLine) {
    auto c = run("003_864e040f7018c04b.txt", " date 2022-03-10 ANTALYA (Wire) - Talks began.\nSecond line.\n");
    ASSERT_EQ(c.docs.size(), 1u);
    EXPECT_EQ(c.docs[0].id, "003_864e040f7018c04b.txt");
    EXPECT_EQ(c.docs[0].dct.value, "2022-03-10");
    EXPECT_EQ(c.docs[0].dct.source, DctSource::header_line);
    EXPECT_EQ(c.docs[0].raw.substr(c.docs[0].body_start, 7), "ANTALYA");
}

TEST(Ingest, NoHeaderMeansUnknownDate) {
    auto c = run("a.txt", "Lavrov met Blinken on Friday.\n");
    ASSERT_EQ(c.docs.size(), 1u);
    EXPECT_FALSE(c.docs[0].dct.known());
    EXPECT_EQ(c.docs[0].body_start, 0u);
}

TEST(Ingest, JsonlFieldsAndBrokenLines) {
    std::string jl =
        R"({"id":"x1","url":"https://example.org/1","outlet":"Wire","date":"2022-01-21","title":"T","lang":"en","text":"Body one."})"
        "\n{broken\n"
        R"({"id":"x2","html":"<html><body><p>Body two is here.</p></body></html>"})"
        "\n";
    auto c = run("feed.jsonl", jl);
    ASSERT_EQ(c.docs.size(), 2u);
    EXPECT_EQ(c.docs[0].id, "x1");
    EXPECT_EQ(c.docs[0].outlet, "Wire");
    EXPECT_EQ(c.docs[0].dct.value, "2022-01-21");
    EXPECT_EQ(c.docs[0].dct.source, DctSource::metadata);
    EXPECT_EQ(c.docs[1].format, "html");
    ASSERT_EQ(c.problems.size(), 1u);
    EXPECT_EQ(c.problems[0].where, "feed.jsonl:2");
}

TEST(Ingest, BadInputIsReportedWithPlace) {
    EXPECT_EQ(run("empty.txt", "").problems.at(0).reason, "empty input: no text");
    auto nul = run("bin.txt", std::string("abc\0def", 7));
    ASSERT_EQ(nul.problems.size(), 1u);
    EXPECT_EQ(nul.problems[0].where, "bin.txt@3");
    auto bad = run("bad.txt", "caf\xC3\x28 ok");
    ASSERT_EQ(bad.problems.size(), 1u);
    EXPECT_EQ(bad.problems[0].where, "bad.txt@3");
    EXPECT_EQ(bad.problems[0].reason, "invalid UTF-8");
}

TEST(Ingest, TruncatedGzipIsAnError) {
    // gzip header + a few bytes of deflate data, cut short
    std::string gz = "\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\xf3\x48\xcd\xc9";
    auto c = run("a.txt.gz", gz);
    ASSERT_EQ(c.problems.size(), 1u);
    EXPECT_NE(c.problems[0].reason.find("gzip"), std::string::npos);
    EXPECT_TRUE(c.docs.empty());
}

TEST(Ingest, ContentHashIsStable) {
    auto a = run("a.txt", "Same text.\n");
    auto b = run("b.txt", "Same text.\n");
    EXPECT_EQ(a.docs[0].content_hash, b.docs[0].content_hash);
}

TEST(Ingest, WarcResponsesBecomeDocumentsNamedByUri) {
    auto record = [](const std::string& type, const std::string& uri, const std::string& payload) {
        return "WARC/1.0\r\nWARC-Type: " + type + "\r\nWARC-Target-URI: " + uri +
               "\r\nContent-Length: " + std::to_string(payload.size()) + "\r\n\r\n" + payload + "\r\n\r\n";
    };
    std::string html = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><body><p>Hello.</p></body></html>";
    std::string img = "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG";
    std::string warc = record("warcinfo", "", "software: test") + record("response", "http://example.org/a", html) +
                       record("response", "http://example.org/logo.png", img) + record("request", "http://example.org/a", "GET /");
    auto c = run("crawl.warc", warc);
    ASSERT_EQ(c.docs.size(), 1u);
    EXPECT_EQ(c.docs[0].id, "http://example.org/a");
    EXPECT_EQ(c.docs[0].url, "http://example.org/a");
    EXPECT_EQ(c.docs[0].format, "html");
    EXPECT_TRUE(c.problems.empty());
    // cut inside the second record: the first still comes through, the cut is reported
    auto cut = run("cut.warc", warc.substr(0, warc.find("logo.png") + 40));
    EXPECT_EQ(cut.docs.size(), 1u);
    ASSERT_EQ(cut.problems.size(), 1u);
    EXPECT_NE(cut.problems[0].reason.find("truncated"), std::string::npos);
}
