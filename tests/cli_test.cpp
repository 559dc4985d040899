// The command line as a user runs it: exit codes, messages naming the file, a batch that
// goes on past bad input, idempotent re-ingest, and the JSON contracts.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <zlib.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

namespace fs = std::filesystem;

namespace {

struct Result {
    int status = -1;
    std::string out, err;
};

Result run(const std::string& args) {
    static int n = 0;
    fs::path errf = fs::temp_directory_path() / ("parley-cli-err-" + std::to_string(getpid()) + "-" + std::to_string(n++));
    std::string cmd = std::string(PARLEY_CLI) + " " + args + " 2>" + errf.string();
    Result r;
    FILE* p = popen(cmd.c_str(), "r");
    if (!p) return r;
    std::array<char, 4096> buf;
    size_t got;
    while ((got = fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), got);
    int st = pclose(p);
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    std::ifstream e(errf);
    r.err.assign(std::istreambuf_iterator<char>(e), {});
    fs::remove(errf);
    return r;
}

struct TempDir {
    fs::path path;
    explicit TempDir(const std::string& name) {
        path = fs::temp_directory_path() / ("parley-" + name + "-" + std::to_string(getpid()));
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~TempDir() { fs::remove_all(path); }
    std::string write(const std::string& name, const std::string& bytes) const {
        fs::path p = path / name;
        fs::create_directories(p.parent_path());
        std::ofstream(p, std::ios::binary) << bytes;
        return p.string();
    }
    std::string db() const { return (path / "t.db").string(); }
};

std::string gzip(const std::string& s) {
    z_stream zs{};
    deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    std::string out(compressBound(uLong(s.size())) + 64, '\0');
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(s.data()));
    zs.avail_in = uInt(s.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = uInt(out.size());
    deflate(&zs, Z_FINISH);
    out.resize(zs.total_out);
    deflateEnd(&zs);
    return out;
}

const char* kArticle =
    " date 2022-03-10 ANTALYA (Test Wire) - Russian Foreign Minister Sergei Lavrov met Ukrainian Foreign "
    "Minister Dmytro Kuleba in Antalya on Thursday.\n\nThe talks lasted about 90 minutes, Kuleba told reporters.\n";

}  // namespace

TEST(Cli, UsageErrorsExitTwo) {
    EXPECT_EQ(run("").status, 2);
    EXPECT_EQ(run("no-such-command").status, 2);
    EXPECT_EQ(run("timeline --format xml").status, 2);
    EXPECT_EQ(run("version").status, 0);
    EXPECT_EQ(run("ingest --help").status, 0);
}

TEST(Cli, BadInputIsNamedAndTheBatchGoesOn) {
    TempDir t("bad");
    t.write("good.txt", kArticle);
    t.write("empty.txt", "");
    t.write("nul.txt", std::string("Some text\0with a NUL", 20));
    t.write("latin1.txt", "caf\xE9 au lait\n");
    t.write("broken.jsonl", "{\"id\": \"j1\", \"text\": \"A fine line of text here.\"}\n{not json\n");
    std::string gz = gzip(std::string(kArticle) + std::string(2000, 'x'));
    t.write("cut.txt.gz", gz.substr(0, gz.size() / 2));
    t.write("page.html", "<html><body></body></html>");
    auto r = run("ingest --db " + t.db() + " " + t.path.string());
    EXPECT_EQ(r.status, 1) << r.err;
    for (const char* needle : {"empty.txt", "nul.txt@9", "latin1.txt@3", "invalid UTF-8", "broken.jsonl:2",
                               "cut.txt.gz", "gzip"})
        EXPECT_NE(r.err.find(needle), std::string::npos) << needle << " not in: " << r.err;
    auto docs = nlohmann::json::parse(run("docs --format json --db " + t.db()).out);
    std::vector<std::string> ids;
    for (auto& d : docs["docs"]) ids.push_back(d["id"]);
    EXPECT_NE(std::find(ids.begin(), ids.end(), "good.txt"), ids.end());
    EXPECT_NE(std::find(ids.begin(), ids.end(), "j1"), ids.end());
    EXPECT_EQ(std::find(ids.begin(), ids.end(), "empty.txt"), ids.end());
}

TEST(Cli, MissingPathFailsWithItsName) {
    TempDir t("missing");
    auto r = run("ingest --db " + t.db() + " " + (t.path / "nope.txt").string());
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.err.find("nope.txt"), std::string::npos);
}

TEST(Cli, ReingestAddsNothing) {
    TempDir t("idem");
    t.write("a.txt", kArticle);
    t.write("b.txt.gz", gzip(kArticle + std::string("\nA second paragraph makes it different.\n")));
    ASSERT_EQ(run("ingest --db " + t.db() + " " + t.path.string()).status, 0);
    auto before = run("timeline --format json --db " + t.db()).out;
    auto again = run("ingest --db " + t.db() + " " + t.path.string());
    EXPECT_EQ(again.status, 0);
    EXPECT_NE(again.err.find("0 new, 2 unchanged"), std::string::npos) << again.err;
    EXPECT_EQ(run("timeline --format json --db " + t.db()).out, before);
    auto docs = nlohmann::json::parse(run("docs --format json --db " + t.db()).out);
    ASSERT_EQ(docs["docs"].size(), 2u);
    EXPECT_EQ(docs["docs"][1]["id"], "b.txt");  // .gz is transparent, the id drops it
}

TEST(Cli, StdinIsADocument) {
    TempDir t("stdin");
    std::string f = t.write("in.txt", kArticle);
    auto r = run("ingest --db " + t.db() + " - < " + f);
    EXPECT_EQ(r.status, 0) << r.err;
    auto docs = nlohmann::json::parse(run("docs --format json --db " + t.db()).out);
    ASSERT_EQ(docs["docs"].size(), 1u);
    EXPECT_EQ(docs["docs"][0]["dct"], "2022-03-10");
}

TEST(Cli, AnnotateWritesOneJsonLinePerDocument) {
    TempDir t("annotate");
    t.write("a.txt", kArticle);
    t.write("b.txt", "Plain text without a date header, about nothing much at all.\n");
    auto r = run("annotate --format jsonl " + t.path.string());
    ASSERT_EQ(r.status, 0) << r.err;
    std::istringstream lines(r.out);
    std::string line;
    int n = 0;
    while (std::getline(lines, line)) {
        auto j = nlohmann::json::parse(line);
        for (const char* k : {"doc", "dct", "text", "sentences", "entities", "timexes", "events", "claims"})
            EXPECT_TRUE(j.contains(k)) << k;
        for (auto& e : j["entities"]) {
            std::string text = j["text"];
            EXPECT_EQ(text.substr(e["start"], size_t(e["end"]) - size_t(e["start"])), e["text"]);
        }
        ++n;
    }
    EXPECT_EQ(n, 2);
}

TEST(Cli, GiganticLineAndDeepHtmlDoNotCrash) {
    TempDir t("huge");
    std::string line(3 << 20, 'a');
    for (size_t i = 0; i < line.size(); i += 7) line[i] = ' ';
    t.write("long.txt", line + "\n");
    std::string deep;
    for (int i = 0; i < 20000; ++i) deep += "<div>";
    deep += "<p>Deep text that is long enough to be a paragraph of an article, really.</p>";
    t.write("deep.html", "<html><body>" + deep + "</body></html>");
    auto r = run("ingest --db " + t.db() + " " + t.path.string());
    EXPECT_TRUE(r.status == 0 || r.status == 1) << r.err;
    EXPECT_EQ(run("docs --db " + t.db()).status, 0);
}
