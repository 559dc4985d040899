// `parley clean PATH... --format jsonl`: the output contract, and a bad file in the batch.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <sys/wait.h>

namespace fs = std::filesystem;

namespace {
std::pair<int, std::string> run(const std::string& cmd) {
    std::string out;
    FILE* p = popen(cmd.c_str(), "r");
    if (!p) return {-1, out};
    std::array<char, 4096> buf;
    size_t n;
    while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
    int status = pclose(p);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}
}  // namespace

TEST(CleanCli, JsonlContractAndBadFileInBatch) {
    fs::path dir = fs::temp_directory_path() / "parley_clean_cli_test";
    fs::remove_all(dir);
    fs::create_directories(dir);
    std::ofstream(dir / "a.html")
        << "<html><head><title>Talks</title><meta property=\"article:published_time\" content=\"2022-03-10\"></head>"
           "<body><article><p>The ministers met in Antalya on Thursday, officials said, and agreed to talk again "
           "soon.</p><p>Share on Facebook</p></article></body></html>";
    std::ofstream(dir / "b.txt") << "Ministers meet in Antalya\n\nThe ministers met in Antalya on Thursday and "
                                    "agreed to meet again.\n\n3 hours ago\n";
    std::ofstream(dir / "c.html.gz", std::ios::binary) << std::string("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\xab", 11);
    auto [code, out] = run(std::string(PARLEY_CLI) + " clean " + dir.string() + " --format jsonl 2>/dev/null");
    EXPECT_EQ(code, 1);  // one input failed, the rest was processed
    std::istringstream in(out);
    std::string line;
    std::vector<nlohmann::json> docs;
    while (std::getline(in, line)) docs.push_back(nlohmann::json::parse(line));
    ASSERT_EQ(docs.size(), 2u);
    EXPECT_EQ(docs[0]["doc"], "a.html");
    EXPECT_EQ(docs[0]["date"], "2022-03-10");
    EXPECT_EQ(docs[0]["text"], "The ministers met in Antalya on Thursday, officials said, and agreed to talk again soon.");
    EXPECT_EQ(docs[1]["doc"], "b.txt");
    EXPECT_EQ(docs[1]["title"], "Ministers meet in Antalya");
    EXPECT_TRUE(docs[1]["date"].is_null());
    bool timestamp = false;
    for (auto& r : docs[1]["removed"]) timestamp |= r["reason"] == "timestamp" && r["text"] == "3 hours ago";
    EXPECT_TRUE(timestamp) << docs[1].dump();
    fs::remove_all(dir);
}
